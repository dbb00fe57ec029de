import { describe, expect, it } from 'vitest';
import {
  idleTimeoutSeconds,
  initialSessionState,
  retryDelayMs,
  transition,
  type MachineContext,
  type SessionEvent,
  type SessionSettings,
  type SessionState,
} from '../../../main/cti/session-machine.js';
import { STATUS } from '../../../ged188/index.js';
import { activeOpenConf } from '../../support/messages.js';
import { SESSION_SETTINGS, machineHarness } from '../../support/session-machine-harness.js';

const settings: SessionSettings = { ...SESSION_SETTINGS, heartbeatIntervalMs: 750 };

/** Runs events through the machine with a deterministic InvokeID counter and jitter. */
function harness(custom: Partial<SessionSettings> = {}) {
  return machineHarness({ ...settings, ...custom });
}

const openConf = activeOpenConf;

/** Drives a harness from stopped to an open session on side A. */
function openOnA() {
  const machine = harness();
  machine.send({ type: 'start' });
  machine.send({ type: 'socket-connected' });
  machine.send({ type: 'message', message: openConf(1) });
  expect(machine.state).toMatchObject({ phase: 'open', side: 'A' });
  return machine;
}

describe('session state machine', () => {
  it('connects to side A first and sends OPEN_REQ with the configured version and an IdleTimeout of at least 20 s', () => {
    const machine = harness();
    expect(machine.send({ type: 'start' })).toEqual([
      { type: 'connect', side: 'A', endpoint: settings.sides.A },
      { type: 'schedule', timer: 'connect', ms: 5000 },
    ]);
    const effects = machine.send({ type: 'socket-connected' });
    expect(effects).toContainEqual({ type: 'schedule', timer: 'open', ms: 30000 });
    expect(effects).toContainEqual({
      type: 'send',
      message: expect.objectContaining({ MessageType: 'OPEN_REQ', InvokeID: 1, VersionNumber: 24, IdleTimeout: 20, ClientID: 'desk-1' }),
    });
    expect(machine.state).toEqual({ phase: 'opening', side: 'A', attempt: 1, invokeId: 1, version: 24 });
  });

  it('opens on the matching OPEN_CONF only', () => {
    const machine = harness();
    machine.send({ type: 'start' });
    machine.send({ type: 'socket-connected' });
    expect(machine.send({ type: 'message', message: openConf(99) })).toEqual([]);
    expect(machine.state.phase).toBe('opening');
    const effects = machine.send({ type: 'message', message: openConf(1) });
    expect(effects).toContainEqual({ type: 'opened', side: 'A', version: 24 });
    expect(effects).toContainEqual({ type: 'schedule', timer: 'heartbeat', ms: 750 });
  });

  it('declares a silent link dead after limit × interval without a word from the server, and goes straight to side B', () => {
    const machine = openOnA();
    for (let i = 1; i <= 3; i++) {
      const effects = machine.send({ type: 'timer', timer: 'heartbeat' });
      expect(effects).toContainEqual({ type: 'send', message: expect.objectContaining({ MessageType: 'HEARTBEAT_REQ' }) });
    }
    const effects = machine.send({ type: 'timer', timer: 'silence' });
    expect(effects).toContainEqual({ type: 'disconnect' });
    expect(effects).toContainEqual({
      type: 'failed',
      failure: { side: 'A', reason: 'nothing from side A for 2250 ms (3 heartbeats unanswered)', kind: 'missed-heartbeats' },
    });
    expect(effects).toContainEqual({ type: 'schedule', timer: 'retry', ms: 0 });
    expect(machine.state).toMatchObject({ phase: 'waiting', side: 'B', attempt: 1 });
    expect(machine.send({ type: 'timer', timer: 'retry' })).toContainEqual({
      type: 'connect',
      side: 'B',
      endpoint: settings.sides.B,
    });
  });

  it('restarts the silence deadline on every message from the server', () => {
    const machine = openOnA();
    const effects = machine.send({ type: 'message', message: { MessageType: 'HEARTBEAT_CONF', InvokeID: 3 } });
    expect(effects).toContainEqual({ type: 'schedule', timer: 'silence', ms: 2250 });
    const event = machine.send({ type: 'message', message: { MessageType: 'FAILURE_CONF', InvokeID: 77, Status: 13 } });
    expect(event).toContainEqual({ type: 'schedule', timer: 'silence', ms: 2250 });
  });

  it('keeps the session while heartbeats are answered', () => {
    const machine = openOnA();
    for (let i = 0; i < 10; i++) {
      machine.send({ type: 'timer', timer: 'heartbeat' });
      machine.send({ type: 'message', message: { MessageType: 'HEARTBEAT_CONF', InvokeID: 0 } });
    }
    expect(machine.state).toMatchObject({ phase: 'open', unansweredHeartbeats: 0 });
  });

  it('fails over at once when the connection drops or the server sends FAILURE_EVENT', () => {
    const dropped = openOnA();
    dropped.send({ type: 'socket-failed', reason: 'side A closed the connection' });
    expect(dropped.state).toMatchObject({ phase: 'waiting', side: 'B', retryInMs: 0, lastFailure: { side: 'A' } });

    const offline = openOnA();
    offline.send({ type: 'message', message: { MessageType: 'FAILURE_EVENT', Status: 15 } });
    expect(offline.state).toMatchObject({
      phase: 'waiting',
      side: 'B',
      lastFailure: { reason: 'side A ended the session: E_CTI_CTI_SERVER_OFFLINE' },
    });
  });

  it('fails over when a layer above drops a link that answers heartbeats but not its requests, and ignores a drop when not open', () => {
    const machine = openOnA();
    const effects = machine.send({ type: 'drop', reason: 'CTI Server did not answer QUERY_AGENT_STATE_REQ 4 times' });
    expect(machine.state).toMatchObject({ phase: 'waiting', side: 'B', retryInMs: 0, lastFailure: { side: 'A', kind: 'other', reason: 'CTI Server did not answer QUERY_AGENT_STATE_REQ 4 times' } });
    expect(effects).toEqual(expect.arrayContaining([{ type: 'disconnect' }, { type: 'schedule', timer: 'retry', ms: 0 }]));
    expect(machine.send({ type: 'drop', reason: 'again' })).toEqual([]);
    expect(machine.state.phase).toBe('waiting');
  });

  it('keeps the session on a FAILURE_CONF that answers some other request', () => {
    const machine = openOnA();
    machine.send({ type: 'message', message: { MessageType: 'FAILURE_CONF', InvokeID: 999, Status: 13 } });
    expect(machine.state.phase).toBe('open');
    machine.send({ type: 'timer', timer: 'heartbeat' });
    const heartbeat = machine.state.phase === 'open' ? machine.state.lastHeartbeatInvokeId : undefined;
    machine.send({ type: 'message', message: { MessageType: 'FAILURE_CONF', InvokeID: heartbeat!, Status: 17 } });
    expect(machine.state).toMatchObject({ phase: 'waiting', side: 'B' });
  });

  it('treats a refused open as a failed attempt and alternates sides with growing back-off', () => {
    const machine = harness();
    machine.send({ type: 'start' });
    machine.send({ type: 'socket-connected' });
    machine.send({ type: 'message', message: { MessageType: 'FAILURE_CONF', InvokeID: 1, Status: 15 } });
    expect(machine.state).toMatchObject({
      phase: 'waiting',
      side: 'B',
      attempt: 1,
      retryInMs: 0,
      // The status travels with the failure: agent mode tells a refused agent from a refused link by it.
      lastFailure: { reason: 'side A refused the session: E_CTI_CTI_SERVER_OFFLINE', status: 15 },
    });
    const sidesTried: string[] = [];
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      const effects = machine.send({ type: 'timer', timer: 'retry' });
      const connect = effects.find((e) => e.type === 'connect');
      sidesTried.push(connect && 'side' in connect ? connect.side : '?');
      machine.send({ type: 'socket-failed', reason: 'refused' });
      if (machine.state.phase === 'waiting') delays.push(machine.state.retryInMs);
    }
    expect(sidesTried).toEqual(['B', 'A', 'B', 'A', 'B', 'A']);
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 10000]);
  });

  it('retries the only configured side when the other is absent', () => {
    const machine = harness({ sides: { A: { host: '10.0.0.1', port: 42027 } } });
    machine.send({ type: 'start' });
    machine.send({ type: 'socket-failed', reason: 'refused' });
    expect(machine.state).toMatchObject({ phase: 'waiting', side: 'A' });
  });

  it('gives up on a connect that hangs and on an open that is never answered', () => {
    const hang = harness();
    hang.send({ type: 'start' });
    hang.send({ type: 'timer', timer: 'connect' });
    expect(hang.state).toMatchObject({ phase: 'waiting', side: 'B' });

    const silent = harness();
    silent.send({ type: 'start' });
    silent.send({ type: 'socket-connected' });
    silent.send({ type: 'timer', timer: 'open' });
    expect(silent.state).toMatchObject({ phase: 'waiting', lastFailure: { reason: 'no OPEN_CONF within 30000 ms' } });
  });

  it('retries at once on a manual reconnect, and ignores it otherwise', () => {
    const machine = harness();
    machine.send({ type: 'start' });
    machine.send({ type: 'socket-failed', reason: 'refused' });
    machine.send({ type: 'timer', timer: 'retry' });
    machine.send({ type: 'socket-failed', reason: 'refused' });
    expect(machine.state).toMatchObject({ phase: 'waiting', retryInMs: 500 });
    expect(machine.send({ type: 'retry-now' })).toContainEqual({ type: 'cancel', timer: 'retry' });
    expect(machine.state.phase).toBe('connecting');
    expect(machine.send({ type: 'retry-now' })).toEqual([]);
  });

  it('closes an open session with CLOSE_REQ and waits for CLOSE_CONF', () => {
    const machine = openOnA();
    const effects = machine.send({ type: 'stop' });
    expect(effects).toContainEqual({ type: 'send', message: { MessageType: 'CLOSE_REQ', InvokeID: 2, Status: 0 } });
    expect(machine.state.phase).toBe('closing');
    machine.send({ type: 'message', message: { MessageType: 'CLOSE_CONF', InvokeID: 2 } });
    expect(machine.state.phase).toBe('stopped');
  });

  it('stops at once when no session is open', () => {
    const machine = harness();
    machine.send({ type: 'start' });
    expect(machine.send({ type: 'stop' })).toContainEqual({ type: 'disconnect' });
    expect(machine.state.phase).toBe('stopped');
  });
});

describe('timing rules', () => {
  it('derives IdleTimeout as four heartbeat intervals, at least 20 s', () => {
    expect(idleTimeoutSeconds(750)).toBe(20);
    expect(idleTimeoutSeconds(90_000)).toBe(360);
  });

  it('spreads retries with jitter inside ±jitter of the base delay', () => {
    const retry = { initialMs: 1000, maxMs: 10000, jitter: 0.2 };
    expect(retryDelayMs(1, retry, () => 0.9)).toBe(0);
    expect(retryDelayMs(2, retry, () => 0)).toBe(800);
    expect(retryDelayMs(2, retry, () => 0.999999)).toBe(1200);
    expect(retryDelayMs(50, retry, () => 0.5)).toBe(10000);
  });
});

describe('protocol version negotiation', () => {
  const refusal = (invokeId: number) => ({ MessageType: 'FAILURE_CONF', InvokeID: invokeId, Status: STATUS.E_CTI_INVALID_VERSION }) as const;
  function run(custom: Partial<SessionSettings>, negotiated?: MachineContext['negotiated']) {
    let invokeId = 0;
    const ctx: MachineContext = { settings: { ...settings, ...custom }, invokeId: () => ++invokeId, random: () => 0.5, ...(negotiated ? { negotiated } : {}) };
    let state: SessionState = initialSessionState();
    return {
      send: (event: SessionEvent) => {
        const result = transition(state, event, ctx);
        state = result.state;
        return result.effects;
      },
      get state() {
        return state;
      },
      get invokeId() {
        return invokeId;
      },
    };
  }

  it('asks the same side again at once, one version older, when it refuses the version; no failure, no back-off', () => {
    const machine = run({ protocolVersion: 25 });
    machine.send({ type: 'start' });
    machine.send({ type: 'socket-connected' });
    const effects = machine.send({ type: 'message', message: refusal(1) });
    expect(effects).toEqual([
      { type: 'cancel', timer: 'open' },
      { type: 'disconnect' },
      { type: 'version-refused', side: 'A', version: 25, next: 24 },
      { type: 'connect', side: 'A', endpoint: settings.sides.A },
      { type: 'schedule', timer: 'connect', ms: 5000 },
    ]);
    expect(machine.state).toEqual({ phase: 'connecting', side: 'A', attempt: 1, version: 24 });
    expect(machine.send({ type: 'socket-connected' })).toContainEqual({ type: 'send', message: expect.objectContaining({ MessageType: 'OPEN_REQ', VersionNumber: 24 }) });
    expect(machine.send({ type: 'message', message: activeOpenConf(machine.invokeId) })).toContainEqual({ type: 'opened', side: 'A', version: 24 });
    expect(machine.state).toMatchObject({ phase: 'open', side: 'A', version: 24 });
  });

  it('fails the side as a protocol mismatch when the oldest version is refused, and when a pinned one is', () => {
    const oldest = run({ protocolVersion: 13 });
    oldest.send({ type: 'start' });
    oldest.send({ type: 'socket-connected' });
    const effects = oldest.send({ type: 'message', message: refusal(1) });
    expect(effects).toContainEqual({ type: 'failed', failure: expect.objectContaining({ side: 'A', kind: 'protocol-mismatch', status: STATUS.E_CTI_INVALID_VERSION }) });
    expect(oldest.state).toMatchObject({ phase: 'waiting', side: 'B' });

    const pinned = run({ protocolVersion: 24, protocolVersionPinned: true });
    pinned.send({ type: 'start' });
    pinned.send({ type: 'socket-connected' });
    const refused = pinned.send({ type: 'message', message: refusal(1) });
    expect(refused).toContainEqual({ type: 'version-refused', side: 'A', version: 24, next: undefined });
    expect(refused).toContainEqual({ type: 'failed', failure: expect.objectContaining({ kind: 'protocol-mismatch', reason: expect.stringContaining('pinned protocol version 24') }) });
  });

  it('asks a side for the version it took before', () => {
    const machine = run({ protocolVersion: 25 }, { A: 20, B: 15 });
    machine.send({ type: 'start' });
    expect(machine.state).toMatchObject({ phase: 'connecting', side: 'A', version: 20 });
    machine.send({ type: 'socket-failed', reason: 'reset' });
    machine.send({ type: 'timer', timer: 'retry' });
    expect(machine.state).toMatchObject({ phase: 'connecting', side: 'B', version: 15 });
  });
});
