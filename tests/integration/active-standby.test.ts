import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppState } from '../../contract/index.js';
import { FrameReader, SERVICE, decode, encode, type Message } from '../../ged188/index.js';
import { CtiSimulator } from '../../simulator/index.js';
import { coreHarness } from '../support/core-harness.js';

/**
 * Active/standby sessions (protocol version 24, ged188.md §2.11) against the
 * simulator, with the guide's 90 s heartbeat: a failover is found by the standby
 * side's STANDBY_ACTIVE_EVENT_MSG (or a reset), never by heartbeats.
 */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});
const { startCore, waitFor, run, post, loggedIn, talking, agentState, active } = coreHarness(cleanups);

interface Simulated {
  readonly sim: CtiSimulator;
  /** Sessions the simulator opened as active on `side` (each an OPEN_REQ answered with SessionType 1). */
  activeOpens(side: 'A' | 'B'): number;
  /** Standby sessions the simulator promoted on `side`. */
  promotions(side: 'A' | 'B'): number;
}

async function simulator(options: { activeStandby?: boolean } = {}): Promise<Simulated> {
  const lines: string[] = [];
  const sim = await CtiSimulator.start({ host: '127.0.0.1', log: (line) => lines.push(line), maintenanceTiming: { responseMs: 2000, stoppingMs: 2000 }, ...options });
  cleanups.push(() => sim.stop());
  const count = (pattern: RegExp) => lines.filter((line) => pattern.test(line)).length;
  return {
    sim,
    activeOpens: (side) => count(new RegExp(`^side ${side} .*: active session \\d+ open`)),
    promotions: (side) => count(new RegExp(`^side ${side} .*: session \\d+ is active$`)),
  };
}

const standbyOf = (s: AppState) => (s.connection.state === 'connected' ? s.connection.standby : undefined);
const standbyOn = (side: 'A' | 'B') => (s: AppState) => s.connection.state === 'connected' && s.connection.standby?.state === 'open' && s.connection.standby.side === side;
const workingOn = (side: 'A' | 'B') => (s: AppState) => s.connection.state === 'connected' && s.connection.side === side;
/** Well under the 3 × 90 s a silent link would take to be found by heartbeats. */
const PROMPTLY_MS = 5000;

describe('agent mode with a standby session', () => {
  for (const fault of ['kill-side', 'stall-side'] as const) {
    it(`moves to side B on ${fault} A without a new OPEN_REQ, keeps the call, and holds a standby on A once it is back`, async () => {
      const { sim, activeOpens, promotions } = await simulator();
      const core = await loggedIn(sim, '1001', '3001');
      await waitFor(core, standbyOn('B'), 'a standby session on side B');
      await run(core, 'ready');
      await waitFor(core, (s) => agentState(s) === 'available', 'Ready');
      const call = await talking(sim, core);
      const opensOnB = activeOpens('B');

      const faultAt = Date.now();
      await post(sim, '/faults', { type: fault, side: 'A' });
      const state = await waitFor(
        core,
        (s) => workingOn('B')(s) && active(s) && agentState(s) === 'talking' && s.calls.some((c) => c.call.key === call.key && c.localState === 'connect'),
        'the agent reconciled on side B',
        PROMPTLY_MS,
      );
      expect(Date.now() - faultAt).toBeLessThan(PROMPTLY_MS);
      // The standby session became the working one: no new session was opened on B.
      expect(activeOpens('B')).toBe(opensOnB);
      expect(promotions('B')).toBeGreaterThanOrEqual(1);
      expect(state.connection.state === 'connected' && state.connection.standby?.state).not.toBe('open');

      await post(sim, '/faults', { type: 'restore-side', side: 'A' });
      await waitFor(core, standbyOn('A'), 'a standby session on side A once it is back', 15_000);
      // The agent still works on B.
      await run(core, 'release', { callId: call.key });
      await waitFor(core, (s) => !s.calls.some((c) => c.call.key === call.key && c.localState === 'connect'), 'call released on side B');
    });
  }

  it('opens the standby session once a side that was down at start comes up', async () => {
    const { sim } = await simulator();
    await post(sim, '/faults', { type: 'kill-side', side: 'B' });
    const core = await loggedIn(sim, '1001', '3001');
    await waitFor(core, (s) => workingOn('A')(s) && standbyOf(s)?.state !== 'open', 'working on A, no standby yet');
    await post(sim, '/faults', { type: 'restore-side', side: 'B' });
    await waitFor(core, standbyOn('B'), 'a standby session on side B once it is up', 15_000);
  });

  it('agrees to a maintenance hand-over and moves to side B, telling side A it stopped', async () => {
    const { sim, activeOpens } = await simulator();
    const core = await loggedIn(sim, '1001', '3001');
    await waitFor(core, standbyOn('B'), 'a standby session on side B');
    const opensOnB = activeOpens('B');
    const outcome = (await post(sim, '/faults', { type: 'maintenance', side: 'A' })) as { maintenance: string; asked: number };
    expect(outcome).toMatchObject({ maintenance: 'continuing', asked: 1 });
    await waitFor(core, (s) => workingOn('B')(s) && active(s) && agentState(s) === 'not-ready', 'the agent on side B', PROMPTLY_MS);
    expect(activeOpens('B')).toBe(opensOnB);
    // Side A closes once STOPPING_REQUESTS_TO_THIS_SIDE_IND came (well before its 2 s window) and is down.
    await waitFor(core, (s) => s.connection.state === 'connected' && s.connection.standby?.state === 'waiting' && s.connection.standby.side === 'A', 'side A gone after the hand-over');
    expect(sim.health().sides.A.state).toBe('down');
  });

  it('stays on side A when another client refuses the maintenance', async () => {
    const { sim } = await simulator();
    const core = await loggedIn(sim, '1001', '3001');
    await waitFor(core, standbyOn('B'), 'a standby session on side B');
    const refuser = await rawClient(sim.address('A').port);
    refuser.send({ ...openRequest, ServicesRequested: SERVICE.ACTIVE_STANDBY });
    await refuser.next('OPEN_CONF');
    const outcome = post(sim, '/faults', { type: 'maintenance', side: 'A' });
    const ask = await refuser.next('ACTIVE_MAINTENANCE_REQ_MSG');
    refuser.send({ MessageType: 'ACTIVE_MAINTENANCE_RESP_MSG', InvokeID: ask.InvokeID, MaintenanceModeAccepted: false });
    expect(await outcome).toMatchObject({ maintenance: 'cancelled' });
    // The desktop heard Continue 0 and carries on where it was, standby still held.
    await run(core, 'ready');
    const state = await waitFor(core, (s) => agentState(s) === 'available', 'Ready on side A');
    expect(workingOn('A')(state) && standbyOn('B')(state)).toBe(true);
  });

  it('falls back to one session when the server does not take standby sessions, and fails over on the reset', async () => {
    const { sim, activeOpens } = await simulator({ activeStandby: false });
    const core = await loggedIn(sim, '1001', '3001');
    const state = await waitFor(core, (s) => workingOn('A')(s) && standbyOf(s)?.state === 'off', 'one session');
    expect(state.connection.state === 'connected' && state.connection.standby).toMatchObject({ state: 'off', reason: expect.stringMatching(/did not grant/) });
    await post(sim, '/faults', { type: 'kill-side', side: 'A' });
    await waitFor(core, (s) => workingOn('B')(s) && active(s) && agentState(s) === 'not-ready', 'the agent on side B', PROMPTLY_MS);
    expect(activeOpens('B')).toBe(1);
  });

  it('holds one session when pinned to protocol version 20', async () => {
    const { sim } = await simulator();
    const core = await startCore(sim, { protocolVersion: 20 });
    const state = await waitFor(core, workingOn('A'), 'connected on A');
    expect(state.connection.state === 'connected' && state.connection.standby).toMatchObject({ state: 'off' });
    await post(sim, '/faults', { type: 'kill-side', side: 'A' });
    await waitFor(core, workingOn('B'), 'connected on B after the reset', PROMPTLY_MS);
  });
});

describe('supervisor mode with a standby session', () => {
  it('moves to side B when side A is killed, without a new OPEN_REQ', async () => {
    const { sim, activeOpens } = await simulator();
    const supervisor = await loggedIn(sim, '2001', '4001', { supervisor: true });
    await waitFor(supervisor, standbyOn('B'), 'a standby session on side B');
    const opensOnB = activeOpens('B');
    await post(sim, '/faults', { type: 'kill-side', side: 'A' });
    await waitFor(supervisor, (s) => workingOn('B')(s) && active(s) && s.team.members.length > 0, 'the supervisor on side B with the team', PROMPTLY_MS);
    expect(activeOpens('B')).toBe(opensOnB);
  });
});

describe('monitor mode with a standby session', () => {
  const callIds = (s: AppState) => (s.monitor?.calls ?? []).map((c) => c.connectionCallId).sort((a, b) => a - b);

  for (const fault of ['kill-side', 'stall-side'] as const) {
    it(`reconciles on side B after ${fault} A without a new OPEN_REQ; calls equal the server's`, async () => {
      const { sim, activeOpens } = await simulator();
      const first = (await post(sim, '/calls', { ani: '5550001', dnis: '800' })) as { callId: number };
      const core = await startCore(sim);
      await waitFor(core, standbyOn('B'), 'a standby session on side B');
      await run(core, 'setMessageFilter', { filter: 'PeripheralID=5000' });
      await waitFor(core, (s) => s.monitor?.established === true && standbyOn('B')(s), 'monitor mode with a standby on B');
      const opensOnB = activeOpens('B');

      await post(sim, '/faults', { type: fault, side: 'A' });
      // A call ends and one starts while the desktop moves.
      await post(sim, `/calls/${first.callId}/hangup`);
      const second = (await post(sim, '/calls', { ani: '5550002', dnis: '800' })) as { callId: number };
      const state = await waitFor(
        core,
        (s) => workingOn('B')(s) && s.monitor?.established === true && callIds(s).join() === String(second.callId),
        'monitor reconciled on side B',
        PROMPTLY_MS,
      );
      expect(activeOpens('B')).toBe(opensOnB);
      expect(callIds(state)).toEqual([...sim.peripheral.calls.keys()].sort((a, b) => a - b));
    });
  }
});

const openRequest: Message<'OPEN_REQ'> = {
  MessageType: 'OPEN_REQ',
  InvokeID: 1,
  VersionNumber: 24,
  IdleTimeout: 120,
  PeripheralID: 0xffffffff,
  ServicesRequested: 0,
  CallMsgMask: 0,
  AgentStateMask: 0,
  ConfigMsgMask: 0,
  Reserved1: 0,
  Reserved2: 0,
  Reserved3: 0,
  ClientID: 'maintenance-refuser',
  ClientPassword: new Uint8Array(0),
};

/** A bare v24 client over TCP, to play another desktop in the hand-over. */
async function rawClient(port: number) {
  const socket = net.connect({ host: '127.0.0.1', port });
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  cleanups.push(() => void socket.destroy());
  const reader = new FrameReader();
  const inbox: Message[] = [];
  let waiter: (() => void) | undefined;
  socket.on('data', (chunk) => {
    for (const frame of reader.push(chunk)) inbox.push(decode(frame, { version: 24 }) as Message);
    waiter?.();
  });
  return {
    send: (message: Message) => socket.write(encode(message, { version: 24 })),
    /** The first `type` that came or comes, within 5 s. */
    next<N extends Message['MessageType']>(type: N): Promise<Extract<Message, { MessageType: N }>> {
      return new Promise((resolve, reject) => {
        const deadline = setTimeout(() => reject(new Error(`no ${type} within 5 s; got ${inbox.map((m) => m.MessageType).join(', ')}`)), 5000);
        const look = () => {
          const index = inbox.findIndex((m) => m.MessageType === type);
          if (index < 0) return;
          clearTimeout(deadline);
          waiter = undefined;
          resolve(inbox.splice(index, 1)[0] as Extract<Message, { MessageType: N }>);
        };
        waiter = look;
        look();
      });
    },
  };
}
