import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { initialAppState, type ConnectionStatus, type SoftphoneApi, type StateEvent } from '../../../contract/index.js';
import type { BridgeListener, SoftphoneClient } from '../../../renderer/src/softphone-client.js';
import { useConnectionStore } from '../../../renderer/src/stores/connection.js';
import { english } from '../../support/english.js';

const since = 1_700_000_000_000;
const connectingA: ConnectionStatus = { state: 'connecting', side: 'A', endpoint: '127.0.0.1:42027', attempt: 1, since };
const connectedA: ConnectionStatus = { state: 'connected', side: 'A', endpoint: '127.0.0.1:42027', since: since + 50 };
const outOfServiceB: ConnectionStatus = {
  state: 'out-of-service',
  side: 'B',
  endpoint: '127.0.0.1:42028',
  attempt: 2,
  reason: 'side A closed the connection',
  retryAt: since + 3000,
  since: since + 100,
};

const snapshot = (seq: number, connection: ConnectionStatus): StateEvent => ({ kind: 'snapshot', seq, state: initialAppState(connection) });
const patch = (seq: number, connection: ConnectionStatus): StateEvent => ({ kind: 'patch', seq, ops: [{ op: 'set', part: 'connection', value: connection }] });

/** A client whose stream and bridge the test drives by hand. */
function fakeClient(reconnect: () => Promise<{ retried: boolean }> = async () => ({ retried: true })) {
  const stateListeners = new Set<(event: StateEvent) => void>();
  const bridgeListeners = new Set<BridgeListener>();
  let subscriptions = 0;
  const client: SoftphoneClient = {
    // Only the commands the connection store uses; the others are never called here.
    api: {
      reconnect: vi.fn(reconnect),
      subscribeState: (listener: (event: StateEvent) => void) => {
        subscriptions++;
        stateListeners.add(listener);
        return () => stateListeners.delete(listener);
      },
    } as Partial<SoftphoneApi> as SoftphoneApi,
    watchBridge: (listener) => {
      bridgeListeners.add(listener);
      return () => bridgeListeners.delete(listener);
    },
    dispose: () => {},
  };
  return {
    client,
    emit: (event: StateEvent) => [...stateListeners].forEach((listener) => listener(event)),
    bridge: (...args: Parameters<BridgeListener>) => [...bridgeListeners].forEach((listener) => listener(...args)),
    subscriptions: () => subscriptions,
    listenerCount: () => stateListeners.size,
  };
}

beforeEach(() => {
  setActivePinia(createPinia());
});

describe('connection store', () => {
  it('waits for the service until the first snapshot arrives', () => {
    const store = useConnectionStore();
    expect(store.connection).toBeUndefined();
    expect(store.line.state).toBe('awaiting-service');
    expect(english(store.line.sentence)).toBe('Waiting for the softphone service…');
  });

  it('mirrors a snapshot and then each patch in order', () => {
    const store = useConnectionStore();
    store.receive(snapshot(4, connectingA));
    expect(store.connection).toEqual(connectingA);
    expect(english(store.line.sentence)).toBe('Connecting… side A · 127.0.0.1:42027');
    expect(store.line.since).toBe(since);

    store.receive(patch(5, connectedA));
    expect(store.connection).toEqual(connectedA);
    expect(store.line.state).toBe('connected');
    expect(english(store.line.sentence)).toBe('Connected · side A · 127.0.0.1:42027');
    expect(store.canReconnectNow).toBe(false);

    store.receive(patch(6, outOfServiceB));
    expect(english(store.line.sentence)).toBe('Out of service — retrying side B · attempt 2');
    expect(store.line).toEqual({
      state: 'out-of-service',
      sentence: store.line.sentence,
      detail: 'side A closed the connection',
      since: since + 100,
    });
    expect(store.canReconnectNow).toBe(true);
    expect(store.seq).toBe(6);
  });

  it('keeps state a patch does not mention', () => {
    const store = useConnectionStore();
    store.receive(snapshot(0, connectedA));
    store.receive({ kind: 'patch', seq: 1, ops: [{ op: 'set', part: 'lastError', value: { message: 'something else', at: 1 } }] });
    expect(store.connection).toEqual(connectedA);
  });

  // Gaps in the stream are the client's to repair (one place: softphone-client.test.ts):
  // the store only ever sees a snapshot and the patches that follow it.

  it('never shows a stale "Connected" once the bridge to main is lost', () => {
    const store = useConnectionStore();
    const fake = fakeClient();
    store.connect(fake.client);
    fake.emit(snapshot(0, connectedA));
    expect(store.line.state).toBe('connected');

    fake.bridge({ state: 'lost', retryInMs: 250 });
    expect(store.connection).toBeUndefined();
    expect(store.line.state).toBe('service-lost');
    expect(english(store.line.sentence)).toBe('Disconnected from the softphone service — reconnecting…');

    // The socket coming back is not enough: the view is stale until a snapshot arrives.
    fake.bridge({ state: 'open' });
    expect(store.line.state).toBe('service-lost');

    fake.emit(snapshot(0, connectedA));
    expect(english(store.line.sentence)).toBe('Connected · side A · 127.0.0.1:42027');
  });

  it('explains an unusable bridge', () => {
    const store = useConnectionStore();
    const fake = fakeClient();
    store.connect(fake.client);
    fake.bridge({ state: 'unusable', reason: 'No token.' });
    expect(store.line).toMatchObject({ state: 'service-unusable', detail: 'No token.' });
    expect(english(store.line.sentence)).toBe('Cannot connect to the softphone service');
  });

  it('offers "Reconnect now" only while out of service and the bridge is up', () => {
    const store = useConnectionStore();
    const fake = fakeClient();
    store.connect(fake.client);
    fake.emit(snapshot(0, outOfServiceB));
    expect(store.canReconnectNow).toBe(true);
    fake.bridge({ state: 'lost', retryInMs: 250 });
    expect(store.canReconnectNow).toBe(false);
  });

  it('sends reconnect and reports a failure in words, clearing it when the situation changes', async () => {
    const store = useConnectionStore();
    const fake = fakeClient(async () => {
      throw new Error('The CTI session is stopping.');
    });
    store.connect(fake.client);
    fake.emit(snapshot(0, outOfServiceB));

    await store.reconnectNow();
    expect(fake.client.api.reconnect).toHaveBeenCalledWith({});
    expect(store.reconnectFailure && english(store.reconnectFailure)).toBe('Could not reconnect now: The CTI session is stopping.');
    expect(store.reconnectPending).toBe(false);

    fake.emit(patch(1, connectingA));
    expect(store.reconnectFailure).toBeUndefined();
  });

  it('does not send a second reconnect while one is in flight', async () => {
    const store = useConnectionStore();
    let answer: (value: { retried: boolean }) => void = () => {};
    const fake = fakeClient(() => new Promise((resolve) => (answer = resolve)));
    store.connect(fake.client);
    fake.emit(snapshot(0, outOfServiceB));

    const first = store.reconnectNow();
    await store.reconnectNow();
    answer({ retried: true });
    await first;
    expect(fake.client.api.reconnect).toHaveBeenCalledTimes(1);
    expect(store.reconnectFailure).toBeUndefined();
  });
});
