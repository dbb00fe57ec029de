import { afterEach, describe, expect, it } from 'vitest';
import type { AppState, CommandName } from '../../contract/index.js';
import { CONTROL_FAILURE_CODE } from '../../ged188/index.js';
import type { SoftphoneCore } from '../../main/core/softphone-core.js';
import { CtiSimulator } from '../../simulator/index.js';
import { generatedSite } from '../../simulator/pg/site.js';
import { coreHarness } from '../support/core-harness.js';
import { LossyRelay } from '../support/lossy-relay.js';
import { active, agentState, get, serverAgreement, type ServerCall } from '../support/server-agreement.js';

/**
 * Issue 5 item 11: the fault matrix. Each test runs its own simulator (port 0) and
 * its own user-data folder, injects one fault through the control API, and checks
 * that the desktop's final state is the simulator's own model (GET /agents, GET
 * /calls) and that the outbox delivered what it held exactly once.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

const harness = coreHarness(cleanups);
const { userDataDir, waitFor, run, post } = harness;
/** `protocolVersion` 20 gives one session with 300 ms heartbeats: the path a pre-v24 site has. */
const startCore = (sim: CtiSimulator, dataDir: string, ports?: { A: number; B: number }, protocolVersion?: number) =>
  harness.startCore(sim, {
    userDataDir: dataDir,
    clientId: 'fault-matrix',
    ...(ports ? { ports } : {}),
    ...(protocolVersion === undefined ? {} : { protocolVersion, heartbeatIntervalMs: 300 }),
  });

const AGENT = { agentId: '1001', instrument: '3001' } as const;

async function startSimulator(desk: Partial<ReturnType<typeof generatedSite>['deskSettings']> = {}): Promise<CtiSimulator> {
  const base = generatedSite({ agents: 4 });
  const site = { ...base, deskSettings: { ...base.deskSettings, ...desk } };
  const sim = await CtiSimulator.start({ host: '127.0.0.1', site, outsideAnswerMs: 50 });
  cleanups.push(() => sim.stop());
  return sim;
}


/**
 * A relay in front of one simulator side; what it delivered to the server is the
 * wire-level proof that something was sent exactly once, even for a call that has
 * ended (the simulator announces no CALL_DATA_UPDATE_EVENT then).
 */
async function relay(sim: CtiSimulator, side: 'A' | 'B'): Promise<LossyRelay> {
  const relay = await LossyRelay.start(sim.address(side));
  cleanups.push(() => relay.stop());
  return relay;
}

const fault = (sim: CtiSimulator, body: object) => post(sim, '/faults', body);

const { expectEqualToServer, settled } = serverAgreement(AGENT, waitFor);
const onSide = (side: 'A' | 'B') => (s: AppState) => active(s) && s.connection.state === 'connected' && s.connection.side === side;

async function agentReady(sim: CtiSimulator, dataDir: string, sides?: { A: number; B: number }, protocolVersion?: number): Promise<SoftphoneCore> {
  const core = await startCore(sim, dataDir, sides, protocolVersion);
  await harness.makeReady(core, AGENT);
  return core;
}

const { talking } = harness;

describe('fault matrix: the desktop ends equal to the server', () => {
  it('kill A mid-call: restored on B with the call, then carries on', async () => {
    const sim = await startSimulator();
    const core = await agentReady(sim, await userDataDir());
    const { key } = await talking(sim, core);

    await fault(sim, { type: 'kill-side', side: 'A' });
    const state = await waitFor(core, onSide('B'), 'restored on B');
    await expectEqualToServer(sim, state);
    expect(state.calls[0]!.enablement.buttons).toEqual(expect.arrayContaining(['hold', 'release']));
    expect(state.connectionEvents.map((e) => e.event)).toEqual(expect.arrayContaining(['OnConnection', 'OnConnectionFailure']));
    const failure = state.connectionEvents.findLast((e) => e.event === 'OnConnectionFailure');
    expect(failure).toMatchObject({ failedSide: 'A', reasonCode: 'transport-error' });
    expect(state.connectionEvents.at(-1)).toMatchObject({ event: 'OnConnection', side: 'B', endpoint: `127.0.0.1:${sim.address('B').port}`, initial: false });
    expect(state.health.ctiServer).toMatchObject({ status: 'online', side: 'B' });

    await run(core, 'release', { callId: key });
    await settled(sim, core, 'call released on B');
  });

  it('kill B after failing over to it: back on A with the call', async () => {
    const sim = await startSimulator();
    const core = await agentReady(sim, await userDataDir());
    const { key } = await talking(sim, core);
    await fault(sim, { type: 'kill-side', side: 'A' });
    await waitFor(core, onSide('B'), 'on B');
    await fault(sim, { type: 'restore-side', side: 'A' });
    await run(core, 'hold', { callId: key });
    await waitFor(core, (s) => s.calls[0]?.localState === 'hold', 'held on B');

    await fault(sim, { type: 'kill-side', side: 'B' });
    const state = await waitFor(core, onSide('A'), 'back on A');
    await expectEqualToServer(sim, state);
    expect(state.calls[0]).toMatchObject({ localState: 'hold' });
    expect(state.calls[0]!.enablement.buttons).toContain('retrieve');
    await run(core, 'retrieve', { callId: key });
    await waitFor(core, (s) => s.calls[0]?.localState === 'connect', 'retrieved on A');
    await settled(sim, core, 'equal on A');
  });

  it('both sides down, the call ends meanwhile, then A back: the ended call is gone, the state is the server\'s', async () => {
    const sim = await startSimulator();
    const core = await agentReady(sim, await userDataDir());
    const { callId } = await talking(sim, core);
    await fault(sim, { type: 'kill-side', side: 'A' });
    await fault(sim, { type: 'kill-side', side: 'B' });
    await waitFor(core, (s) => s.connection.state !== 'connected', 'link down');
    expect((await waitFor(core, (s) => s.enablement.mask === 0 && s.calls.every((c) => c.enablement.mask === 0), 'buttons off')).health.ctiServer.status).toBe('offline');

    await post(sim, `/calls/${callId}/hangup`);
    await fault(sim, { type: 'restore-side', side: 'A' });
    const state = await waitFor(core, (s) => onSide('A')(s) && s.calls.length === 0, 'restored on A without the ended call');
    await expectEqualToServer(sim, state);
    expect(await get(sim, '/calls')).toEqual([]);
    expect(state.health).toMatchObject({ ctiServer: { status: 'online', side: 'A' }, peripherals: [{ peripheralId: 5000, status: 'online' }] });
  });

  it('both sides down, a call begins meanwhile, then B back: the new call is there, ringing, as on the server', async () => {
    const sim = await startSimulator();
    const core = await agentReady(sim, await userDataDir());
    await fault(sim, { type: 'kill-side', side: 'A' });
    await fault(sim, { type: 'kill-side', side: 'B' });
    await waitFor(core, (s) => s.connection.state !== 'connected', 'link down');
    // The agent is still Ready at the PG: the call is routed to its phone while the desktop is away.
    const { callId } = (await post(sim, '/calls', { ani: '5550199', dnis: '8005550100', skillGroup: 100 })) as { callId: number };
    await fault(sim, { type: 'restore-side', side: 'B' });
    const state = await waitFor(
      core,
      (s) => onSide('B')(s) && s.calls.some((c) => c.call.connectionCallId === callId && c.localState === 'alerting'),
      'restored on B with the new call ringing',
    );
    await expectEqualToServer(sim, state);
    expect(state.calls).toHaveLength(1);
    await run(core, 'answer', { callId: `5000.${callId}` });
    await settled(sim, core, 'answered after the outage');
  });

  it('half-open link (stall-side), one session (v20): the silence is detected, the session moves to B', async () => {
    const sim = await startSimulator();
    // Version 20: no standby session, so the heartbeats find the silence (active-standby.test.ts has v24's stall).
    const core = await agentReady(sim, await userDataDir(), undefined, 20);
    await talking(sim, core);
    const stalledAt = Date.now();
    await fault(sim, { type: 'stall-side', side: 'A' });
    const state = await waitFor(core, onSide('B'), 'restored on B after the stall');
    // 3 × 300 ms of silence, plus the failover: well under the 3 s target.
    expect(Date.now() - stalledAt).toBeLessThan(3000);
    await expectEqualToServer(sim, state);
    expect(state.connectionEvents.some((e) => e.event === 'OnMissingHeartbeat' && e.side === 'A')).toBe(true);
    expect(state.connectionEvents.findLast((e) => e.event === 'OnConnectionFailure')).toMatchObject({ failedSide: 'A', reasonCode: 'missed-heartbeats' });
  });

  it('PG offline: the agent is forced Not Ready, the desktop shows the peripheral offline, then online', async () => {
    const sim = await startSimulator();
    const core = await agentReady(sim, await userDataDir());
    expect(core.state.health.peripherals).toEqual([expect.objectContaining({ peripheralId: 5000, status: 'online' })]);

    await fault(sim, { type: 'pg-offline' });
    let state = await waitFor(core, (s) => agentState(s) === 'not-ready' && s.health.peripherals[0]?.status === 'offline', 'forced Not Ready, peripheral offline');
    expect(state.agent).toMatchObject({ reasonCode: 50002 });
    expect(state.health.peripheralGateway.flags).toContain('peripheral-offline');
    expect(state.connectionEvents.at(-1)).toMatchObject({ event: 'OnCTIOSFailure', failureCode: 10, systemEventId: 4, systemEventArg1: 5000 });
    await expectEqualToServer(sim, state);

    await fault(sim, { type: 'pg-online' });
    state = await waitFor(core, (s) => s.health.peripherals[0]?.status === 'online', 'peripheral online');
    expect(state.health.peripheralGateway.flags).toEqual([]);
    await run(core, 'ready');
    await settled(sim, core, 'Ready again');
  });

  it('garbage frames: the session drops the connection and fails over', async () => {
    const sim = await startSimulator();
    const core = await agentReady(sim, await userDataDir());
    await talking(sim, core);
    const result = (await fault(sim, { type: 'garbage', side: 'A' })) as { sentTo: number };
    expect(result.sentTo).toBeGreaterThan(0);
    // A garbled side is still the active one: the session drops it and opens on A again (B
    // holds the standby session, so the session retries its own side rather than open over it).
    const dropped = await waitFor(core, (s) => s.connectionEvents.some((e) => e.event === 'OnConnectionFailure' && e.reasonCode === 'protocol-error'), 'connection dropped');
    const failure = dropped.connectionEvents.find((e) => e.event === 'OnConnectionFailure' && e.reasonCode === 'protocol-error');
    expect(failure).toMatchObject({ failedSide: 'A', reason: expect.stringMatching(/malformed frame|framing error/) });
    const state = await waitFor(core, (s) => active(s) && s.connectionEvents.some((e) => e.event === 'OnConnection' && !e.initial && e.seq > failure!.seq), 'reopened after the garbage');
    expect(state.connection).toMatchObject({ state: 'connected', side: 'A' });
    await settled(sim, core, 'equal after the garbage');
  });

  it('failover during wrap-up entry: call data set while the link is down is delivered exactly once', async () => {
    const sim = await startSimulator();
    const [a, b] = [await relay(sim, 'A'), await relay(sim, 'B')];
    const core = await agentReady(sim, await userDataDir(), { A: a.port, B: b.port });
    const { callId, key } = await talking(sim, core);
    await run(core, 'release', { callId: key });
    await waitFor(core, (s) => s.calls.length === 0 && agentState(s) === 'work-not-ready', 'wrap-up');

    await fault(sim, { type: 'kill-side', side: 'A' });
    await fault(sim, { type: 'kill-side', side: 'B' });
    await waitFor(core, (s) => s.connection.state !== 'connected', 'link down');
    expect(await run(core, 'setCallData', { callId: key, wrapup: 'callback', variables: { CallVariable4: 'wrap note' } })).toEqual({ sent: false, queued: true });
    await waitFor(core, (s) => s.outbox.pending === 1, 'one outbox entry');

    await fault(sim, { type: 'restore-side', side: 'B' });
    const state = await waitFor(core, (s) => onSide('B')(s) && s.outbox.pending === 0, 'outbox delivered on B');
    await expectEqualToServer(sim, state);
    expect(agentState(state)).toBe('work-not-ready');
    await run(core, 'ready');
    // The call has ended, so no CALL_DATA_UPDATE_EVENT tells; the wire does: one SET_CALL_DATA_REQ, after the
    // failover (everything the desktop sent before the confirmed Ready has passed the relay).
    const sends = [...a.deliveredOf('to-server', 'SET_CALL_DATA_REQ'), ...b.deliveredOf('to-server', 'SET_CALL_DATA_REQ')];
    expect(sends).toHaveLength(1);
    expect(b.delivered['to-server']).toContainEqual(expect.objectContaining({ MessageType: 'SET_CALL_DATA_REQ', ConnectionCallID: callId, CallWrapupData: 'callback', CallVariable4: 'wrap note' }));
    await settled(sim, core, 'Ready after wrap-up');
  });
});

describe('fault matrix: CONTROL_FAILURE on each command type', () => {
  /** Injects a CONTROL_FAILURE for `request`, runs the command, and checks the failure is in words and nothing changed. */
  async function refused(sim: CtiSimulator, core: SoftphoneCore, request: string, name: CommandName, args: object, failureCode = 0): Promise<void> {
    const before = await settled(sim, core, `settled before ${name}`);
    await fault(sim, { type: 'control-failure', request, ...(failureCode ? { failureCode } : {}) });
    const outcome = await core.execute(name, args);
    expect(outcome, `${name} refused through ${request}`).toMatchObject({ ok: false, failure: { code: 'failed', message: expect.stringMatching(/failed: .+ \(CF_[A-Z_]+\)/) } });
    const after = await settled(sim, core, `settled after ${name} failed`);
    expect(after.calls.map((c) => [c.call.key, c.localState, c.enablement.mask])).toEqual(before.calls.map((c) => [c.call.key, c.localState, c.enablement.mask]));
    expect(after.enablement.mask).toBe(before.enablement.mask);
    expect(agentState(after)).toBe(agentState(before));
    expect(after.lastError?.message).toBe(outcome.ok ? undefined : outcome.failure.message);
  }

  it('every agent and call command fails with a readable reason and leaves the state right', async () => {
    const sim = await startSimulator();
    const core = await agentReady(sim, await userDataDir());

    await refused(sim, core, 'SET_AGENT_STATE_REQ', 'notReady', {});

    const { callId } = (await post(sim, '/calls', { ani: '5550200', dnis: '8005550100', skillGroup: 100 })) as { callId: number };
    const key = `5000.${callId}`;
    await waitFor(core, (s) => s.calls[0]?.localState === 'alerting', 'ringing');
    await refused(sim, core, 'ANSWER_CALL_REQ', 'answer', { callId: key }, CONTROL_FAILURE_CODE.NO_CALL_TO_ANSWER);
    await run(core, 'answer', { callId: key });
    await waitFor(core, (s) => s.calls[0]?.localState === 'connect', 'talking');

    await refused(sim, core, 'HOLD_CALL_REQ', 'hold', { callId: key });
    await run(core, 'hold', { callId: key });
    await waitFor(core, (s) => s.calls[0]?.localState === 'hold', 'held');
    await refused(sim, core, 'RETRIEVE_CALL_REQ', 'retrieve', { callId: key });
    await run(core, 'retrieve', { callId: key });
    await waitFor(core, (s) => s.calls[0]?.localState === 'connect', 'retrieved');

    await refused(sim, core, 'SEND_DTMF_SIGNAL_REQ', 'sendDtmf', { callId: key, digits: '12#' });
    await refused(sim, core, 'SET_CALL_DATA_REQ', 'setCallData', { callId: key, variables: { CallVariable5: 'refused' } });
    expect((await get<ServerCall[]>(sim, '/calls'))[0]!.callVariables['5']).toBeUndefined();
    await refused(sim, core, 'CONSULTATION_CALL_REQ', 'consult', { callId: key, dialedNumber: '5559000', kind: 'transfer' });
    await refused(sim, core, 'TRANSFER_CALL_REQ', 'singleStepTransfer', { callId: key, dialedNumber: '5559000' });
    await refused(sim, core, 'CONFERENCE_CALL_REQ', 'singleStepConference', { callId: key, dialedNumber: '5559000' });

    const { callId: consultKey } = (await run(core, 'consult', { callId: key, dialedNumber: '5559000', kind: 'transfer' })) as { callId: string };
    // Answered means the far end too: until then the phone's own connection is `connect` but only Reconnect is enabled (§4.4).
    const farEndAnswered = (s: AppState) => s.calls.find((c) => c.call.key === consultKey)?.call.connections.some((c) => c.deviceId === '5559000' && c.state === 'connect') === true;
    await waitFor(core, (s) => farEndAnswered(s) && s.calls.find((c) => c.call.key === key)?.localState === 'hold', 'consult answered');
    await refused(sim, core, 'TRANSFER_CALL_REQ', 'completeTransfer', { callId: consultKey });
    await refused(sim, core, 'CONFERENCE_CALL_REQ', 'completeConference', { callId: consultKey });
    await refused(sim, core, 'ALTERNATE_CALL_REQ', 'alternate', { callId: consultKey });
    await refused(sim, core, 'RECONNECT_CALL_REQ', 'reconnectCall', { callId: consultKey });
    await run(core, 'reconnectCall', { callId: consultKey });
    await waitFor(core, (s) => s.calls.length === 1 && s.calls[0]?.localState === 'connect', 'back to the customer');

    await refused(sim, core, 'CLEAR_CONNECTION_REQ', 'release', { callId: key });
    await run(core, 'release', { callId: key });
    await waitFor(core, (s) => s.calls.length === 0 && agentState(s) === 'work-not-ready', 'wrap-up');
    await run(core, 'notReady', {});
    await waitFor(core, (s) => agentState(s) === 'not-ready', 'Not Ready');

    await refused(sim, core, 'MAKE_CALL_REQ', 'makeCall', { dialedNumber: '5559001' });
    await refused(sim, core, 'SET_AGENT_STATE_REQ', 'logout', {});
    expect(core.state.outbox.pending).toBe(0);
  });
});
