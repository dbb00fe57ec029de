import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { waitUntil } from '../../support/wait-until.js';
import { initialAppState, type StateEvent } from '../../../contract/index.js';
import type { SoftphoneBridge, ViewRequest } from '../../../contract/index.js';
import {
  createClient,
  createWebSocketSoftphone,
  ipcTransport,
  SoftphoneCommandError,
  type BridgeStatus,
  type Transport,
  type TransportEvents,
  type OpenSocket,
  type SoftphoneClient,
} from '../../../renderer/src/softphone-client.js';

/** Node's `ws` in place of the browser's WebSocket. */
const openNodeSocket: OpenSocket = (url, on) => {
  const socket = new WebSocket(url);
  socket.on('open', () => on.open());
  socket.on('message', (data, isBinary) => on.message(isBinary ? data : data.toString()));
  socket.on('close', () => on.close());
  socket.on('error', () => {});
  return { send: (text) => socket.send(text), close: (code, reason) => socket.close(code, reason) };
};

const connected = { state: 'connected', side: 'A', endpoint: '127.0.0.1:42027', since: 1 } as const;
const stopped = { state: 'stopped', since: 2 } as const;

/** A stand-in browser host that records requests and lets the test answer. */
async function startHost(port = 0) {
  const server = new WebSocketServer({ host: '127.0.0.1', port, path: '/softphone' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const requests: unknown[] = [];
  const sockets = new Set<WebSocket>();
  let onRequest: (request: { kind: string; id?: number; name?: string; args?: unknown }, socket: WebSocket) => void = () => {};
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('message', (data) => {
      const request = JSON.parse(data.toString());
      requests.push(request);
      if (request.kind === 'subscribe') {
        socket.send(JSON.stringify({ kind: 'state', event: { kind: 'snapshot', seq: 0, state: initialAppState(connected) } }));
      }
      onRequest(request, socket);
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    sockets,
    answer: (handler: typeof onRequest) => (onRequest = handler),
    broadcast: (message: unknown) => sockets.forEach((socket) => socket.send(JSON.stringify(message))),
    stop: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.terminate());
        server.close(() => resolve());
      }),
  };
}

type Host = Awaited<ReturnType<typeof startHost>>;

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

function client(host: Host): SoftphoneClient {
  const created = createWebSocketSoftphone({
    url: `ws://127.0.0.1:${host.port}/softphone?token=t`,
    openSocket: openNodeSocket,
    backoff: { firstMs: 20, maxMs: 80 },
  });
  cleanups.push(() => created.dispose());
  return created;
}

/** Waits for what the test expects, with a deadline (the shared helper). */
const until = (check: () => boolean, what: string) => waitUntil(check, what, 3000);

function record(softphone: SoftphoneClient) {
  const events: StateEvent[] = [];
  const bridge: BridgeStatus['state'][] = [];
  softphone.api.subscribeState((event) => events.push(event));
  softphone.watchBridge((status) => bridge.push(status.state));
  return { events, bridge };
}

describe('WebSocket softphone client', () => {
  it('subscribes on open and passes on the snapshot and patches', async () => {
    const host = await startHost();
    cleanups.push(host.stop);
    const softphone = client(host);
    const { events, bridge } = record(softphone);

    await until(() => events.length === 1, 'snapshot');
    expect(host.requests).toEqual([{ kind: 'subscribe' }]);
    expect(bridge).toEqual(['connecting', 'open']);

    host.broadcast({ kind: 'state', event: { kind: 'patch', seq: 1, ops: [{ op: 'set', part: 'connection', value: stopped }] } });
    await until(() => events.length === 2, 'patch');
    expect(events[1]).toEqual({ kind: 'patch', seq: 1, ops: [{ op: 'set', part: 'connection', value: stopped }] });
  });

  it('gives a late subscriber a snapshot of the current state', async () => {
    const host = await startHost();
    cleanups.push(host.stop);
    const softphone = client(host);
    const early = record(softphone);
    await until(() => early.events.length === 1, 'snapshot');
    host.broadcast({ kind: 'state', event: { kind: 'patch', seq: 1, ops: [{ op: 'set', part: 'connection', value: stopped }] } });
    await until(() => early.events.length === 2, 'patch');

    const late: StateEvent[] = [];
    softphone.api.subscribeState((event) => late.push(event));
    expect(late).toEqual([{ kind: 'snapshot', seq: 1, state: initialAppState(stopped) }]);
  });

  it('correlates results and failures with their commands by id', async () => {
    const host = await startHost();
    cleanups.push(host.stop);
    host.answer((request, socket) => {
      if (request.kind !== 'command' || request.id !== 1) return;
      // Answer out of order (the second first), so only the id can match them up.
      socket.send(JSON.stringify({ kind: 'result', id: 1, value: { retried: true } }));
      socket.send(JSON.stringify({ kind: 'failure', id: 0, failure: { code: 'unavailable', message: 'Out of service: side B is down.' } }));
    });
    const softphone = client(host);
    const { events } = record(softphone);
    await until(() => events.length === 1, 'snapshot');

    const first = softphone.api.reconnect({});
    const second = softphone.api.reconnect({});
    await expect(second).resolves.toEqual({ retried: true });
    await expect(first).rejects.toMatchObject({ code: 'unavailable', message: 'Out of service: side B is down.' });
    expect(host.requests).toContainEqual({ kind: 'command', id: 0, name: 'reconnect', args: {} });
  });

  it('rejects a result that does not match the command’s schema', async () => {
    const host = await startHost();
    cleanups.push(host.stop);
    host.answer((request, socket) => {
      if (request.kind === 'command') socket.send(JSON.stringify({ kind: 'result', id: request.id, value: { retried: 'yes' } }));
    });
    const softphone = client(host);
    const { events } = record(softphone);
    await until(() => events.length === 1, 'snapshot');
    await expect(softphone.api.reconnect({})).rejects.toMatchObject({ code: 'failed' });
  });

  it('ignores messages that do not match the contract', async () => {
    const host = await startHost();
    cleanups.push(host.stop);
    const softphone = client(host);
    const { events } = record(softphone);
    await until(() => events.length === 1, 'snapshot');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    cleanups.push(() => warn.mockRestore());
    host.sockets.forEach((socket) => {
      socket.send('not json');
      socket.send(JSON.stringify({ kind: 'state', event: { kind: 'patch', seq: 1, ops: [{ op: 'set', part: 'connection', value: { state: 'bogus' } }] } }));
    });
    host.broadcast({ kind: 'state', event: { kind: 'patch', seq: 1, ops: [{ op: 'set', part: 'connection', value: stopped }] } });
    await until(() => events.length === 2, 'valid patch');
    expect(events[1]).toMatchObject({ seq: 1 });
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it('rejects commands pending when the socket closes, and refuses new ones until it is back', async () => {
    const host = await startHost();
    const softphone = client(host);
    const { events, bridge } = record(softphone);
    await until(() => events.length === 1, 'snapshot');

    const pending = softphone.api.reconnect({});
    await until(() => host.requests.length === 2, 'command to arrive');
    const port = host.port;
    await host.stop();

    await expect(pending).rejects.toThrow(/closed before it answered “reconnect”/);
    await until(() => bridge.includes('lost'), 'bridge lost');
    await expect(softphone.api.reconnect({})).rejects.toThrow(/not reachable/);

    // A host restarted on the same address is found again, and the view resubscribes.
    const restarted = await startHost(port);
    cleanups.push(restarted.stop);
    await until(() => events.length === 2, 'snapshot after restart');
    expect(events[1]?.kind).toBe('snapshot');
    expect(restarted.requests).toEqual([{ kind: 'subscribe' }]);
    expect(bridge.at(-1)).toBe('open');
  });

  it('asks for a fresh snapshot on the same link when the stream skips an event, passing on nothing in between', async () => {
    const host = await startHost();
    cleanups.push(host.stop);
    const softphone = client(host);
    const { events, bridge } = record(softphone);
    await until(() => events.length === 1, 'snapshot');

    host.broadcast({ kind: 'state', event: { kind: 'patch', seq: 2, ops: [{ op: 'set', part: 'connection', value: stopped }] } });
    host.broadcast({ kind: 'state', event: { kind: 'patch', seq: 3, ops: [{ op: 'set', part: 'connection', value: stopped }] } });
    await until(() => events.length === 2, 'fresh snapshot');
    // Only one fresh snapshot was asked for, however many patches followed the gap.
    expect(events[1]?.kind).toBe('snapshot');
    expect(host.requests.filter((request) => (request as { kind: string }).kind === 'subscribe')).toHaveLength(2);
    expect(bridge).toEqual(['connecting', 'open']);
  });

  it('raises a failure with its code, command and parameters', async () => {
    const host = await startHost();
    cleanups.push(host.stop);
    const failure = { code: 'failed', command: 'hold', message: 'hold failed: the call is not connected (CF_INVALID_STATE)', params: { failureCode: 3 } };
    host.answer((request, socket) => {
      if (request.kind === 'command') socket.send(JSON.stringify({ kind: 'failure', id: request.id, failure }));
    });
    const softphone = client(host);
    const { events } = record(softphone);
    await until(() => events.length === 1, 'snapshot');
    const error = await softphone.api.hold({ callId: '5000.1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SoftphoneCommandError);
    expect(error).toMatchObject({ code: 'failed', command: 'hold', params: { failureCode: 3 }, message: failure.message });
  });

  it('stops reconnecting once disposed', () => {
    vi.useFakeTimers();
    cleanups.push(() => vi.useRealTimers());
    const opened: TransportEvents[] = [];
    const sent: ViewRequest[] = [];
    const transport: Transport = {
      open(on) {
        opened.push(on);
        return { send: (request) => sent.push(request), close: () => on.close() };
      },
    };
    const softphone = createClient(transport, { backoff: { firstMs: 20, maxMs: 80 } });
    const bridge: BridgeStatus['state'][] = [];
    softphone.watchBridge((status) => bridge.push(status.state));
    opened[0]!.open();
    softphone.dispose();
    vi.advanceTimersByTime(10_000);
    expect(opened).toHaveLength(1);
    expect(sent).toEqual([{ kind: 'subscribe' }]);
    expect(bridge.slice(0, 2)).toEqual(['connecting', 'open']);
  });
});

describe('the client over Electron IPC', () => {
  it('moves the same protocol through preload’s bridge: subscribe, commands, typed failures', async () => {
    const toMain: unknown[] = [];
    let toView: ((reply: unknown) => void) | undefined;
    const bridge: SoftphoneBridge = {
      send: (request) => toMain.push(request),
      onReply: (listener) => {
        toView = listener;
        return () => (toView = undefined);
      },
    };
    const softphone = createClient(ipcTransport(bridge));
    cleanups.push(() => softphone.dispose());
    const { events } = record(softphone);
    await until(() => toMain.length === 1, 'subscribe');
    expect(toMain).toEqual([{ kind: 'subscribe' }]);
    toView!({ kind: 'state', event: { kind: 'snapshot', seq: 0, state: initialAppState(connected) } });
    expect(events).toHaveLength(1);

    const result = softphone.api.reconnect({});
    expect(toMain[1]).toEqual({ kind: 'command', id: 0, name: 'reconnect', args: {} });
    toView!({ kind: 'failure', id: 0, failure: { code: 'unavailable', command: 'reconnect', message: 'not now' } });
    await expect(result).rejects.toMatchObject({ code: 'unavailable', command: 'reconnect' });
  });
});
