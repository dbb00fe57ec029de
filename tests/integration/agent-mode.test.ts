import { afterEach, describe, expect, it } from 'vitest';
import type { AppState } from '../../contract/index.js';
import { agentStateName } from '../../main/cti/agent/agent-states.js';
import type { SoftphoneCore } from '../../main/core/softphone-core.js';
import type { CtiSimulator } from '../../simulator/index.js';
import { coreHarness } from '../support/core-harness.js';
import { Ged188TestClient } from '../support/ged188-client.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

const harness = coreHarness(cleanups);
const { userDataDir, waitFor, run, post } = harness;
const startCore = (sim: CtiSimulator, dataDir: string, clientId = 'agent-test') => harness.startCore(sim, { userDataDir: dataDir, clientId });

const { startSimulator } = harness;






async function get(sim: CtiSimulator, route: string): Promise<Record<string, unknown>[]> {
  return (await (await fetch(`${sim.controlUrl}${route}`)).json()) as Record<string, unknown>[];
}

async function allEventsWatcher(sim: CtiSimulator): Promise<Ged188TestClient> {
  const watcher = await Ged188TestClient.connect(sim.address('A').port, 24);
  cleanups.push(() => watcher.close());
  watcher.request('OPEN_REQ', {
    VersionNumber: 24,
    IdleTimeout: 60,
    PeripheralID: 0xffffffff,
    ServicesRequested: 0x10,
    CallMsgMask: 0xffffffff,
    AgentStateMask: 0x3fff,
    ClientID: 'watcher',
    ClientPassword: new Uint8Array(0),
  });
  await watcher.expect('OPEN_CONF');
  return watcher;
}

/** CALL_DATA_UPDATE_EVENTs for `callId` among everything the watcher got, waiting a little for stragglers. */
async function dataUpdatesFor(watcher: Ged188TestClient, callId: number): Promise<number> {
  let count = 0;
  for (;;) {
    const message = await watcher.next(500).catch(() => undefined);
    if (!message) return count;
    if (message.MessageType === 'CALL_DATA_UPDATE_EVENT' && message.ConnectionCallID === callId) count++;
  }
}

const connected = (s: AppState) => s.connection.state === 'connected';
const agentState = (s: AppState) => (s.agent.mode === 'agent' ? s.agent.state : undefined);
const active = (s: AppState) => s.agent.mode === 'agent' && s.agent.phase === 'active' && connected(s);

async function agentReady(sim: CtiSimulator, dataDir: string, agent = { agentId: '1001', instrument: '3001' }): Promise<SoftphoneCore> {
  const core = await startCore(sim, dataDir);
  await waitFor(core, connected, 'connected');
  expect(await run(core, 'setAgent', agent)).toEqual({ alreadyLoggedIn: false, state: 'logout' });
  await run(core, 'login', { password: 'x' });
  await waitFor(core, (s) => agentState(s) === 'not-ready', 'Not Ready');
  await run(core, 'ready');
  await waitFor(core, (s) => agentState(s) === 'available', 'Ready');
  return core;
}

describe('agent mode against the simulator', () => {
  it('logs in, takes a routed call through hold and retrieve, wraps up and goes Ready, with the §4.4 buttons at each step', async () => {
    const sim = await startSimulator();
    const core = await startCore(sim, await userDataDir());
    await waitFor(core, connected, 'connected');
    await run(core, 'setAgent', { agentId: '1001', instrument: '3001' });
    let state = await waitFor(core, (s) => agentState(s) === 'logout' && active(s), 'logged out agent');
    expect(state.enablement.buttons).toEqual(['login']);

    await run(core, 'login', { password: 'x' });
    state = await waitFor(core, (s) => agentState(s) === 'not-ready', 'Not Ready');
    expect(state.enablement.buttons).toEqual(expect.arrayContaining(['ready', 'makeCall', 'supervisorAssist', 'emergencyCall', 'refreshStatistics', 'sendChat', 'logout']));
    expect(state.enablement.buttons).not.toContain('notReady');

    await run(core, 'ready');
    state = await waitFor(core, (s) => agentState(s) === 'available', 'Ready');
    expect(state.enablement.buttons).toEqual(expect.arrayContaining(['notReady', 'makeCall', 'refreshStatistics', 'sendChat']));
    expect(state.enablement.buttons).not.toContain('ready');

    const { callId } = (await post(sim, '/calls', { ani: '5551234', dnis: '8005550100', skillGroup: 100, callVariables: { '1': 'account 42' }, ecc: { 'user.lang': 'en' } })) as { callId: number };
    const key = `5000.${callId}`;
    state = await waitFor(core, (s) => s.calls[0]?.localState === 'alerting', 'ringing call');
    expect(agentState(state)).toBe('reserved');
    expect(state.calls[0]!.call).toMatchObject({ key, ani: '5551234', dnis: '8005550100', variables: { CallVariable1: 'account 42' }, ecc: { 'user.lang': 'en' } });
    expect(state.calls[0]!.enablement.buttons).toContain('answer');
    expect(state.calls[0]!.enablement.buttons).not.toContain('hold');

    await run(core, 'answer', { callId: key });
    state = await waitFor(core, (s) => s.calls[0]?.localState === 'connect' && agentState(s) === 'talking', 'talking');
    expect(state.calls[0]!.enablement.buttons).toEqual(expect.arrayContaining(['hold', 'release', 'consultTransfer', 'consultConference']));
    expect(state.calls[0]!.enablement.buttons).not.toContain('answer');

    await run(core, 'hold', { callId: key });
    state = await waitFor(core, (s) => s.calls[0]?.localState === 'hold', 'held');
    expect(state.calls[0]!.enablement.buttons).toEqual(expect.arrayContaining(['retrieve', 'release']));
    expect(state.calls[0]!.enablement.buttons).not.toContain('hold');

    await run(core, 'retrieve', { callId: key });
    await waitFor(core, (s) => s.calls[0]?.localState === 'connect', 'retrieved');

    await run(core, 'release', { callId: key });
    state = await waitFor(core, (s) => s.calls.length === 0 && agentState(s) === 'work-not-ready', 'wrap-up');
    expect(state.enablement.buttons).toContain('wrapup');

    expect(await run(core, 'setCallData', { callId: key, wrapup: 'sold' })).toEqual({ sent: true, queued: false });
    await run(core, 'ready');
    await waitFor(core, (s) => agentState(s) === 'available', 'Ready again');
    expect(await get(sim, '/calls')).toEqual([]);
  });

  it('turns CONTROL_FAILURE into words, requires a reason code where the desk settings say so, and sends a double click once', async () => {
    const sim = await startSimulator({ notReadyReasonRequired: true });
    const core = await agentReady(sim, await userDataDir());
    const failed = await core.execute('notReady', {});
    expect(failed).toMatchObject({ ok: false, failure: { command: expect.any(String), code: 'failed', message: expect.stringContaining('a reason code is required (CF_REASON_CODE_REQUIRED') } });
    const [a, b] = [core.execute('notReady', { reasonCode: 7 }), core.execute('notReady', { reasonCode: 7 })];
    expect(await a).toEqual({ ok: true, value: {} });
    expect(await b).toEqual({ ok: true, value: {} });
    const state = await waitFor(core, (s) => agentState(s) === 'not-ready', 'Not Ready with reason');
    expect(state.agent).toMatchObject({ reasonCode: 7 });
    expect(await core.execute('login', { password: 'x' })).toEqual({
      ok: false,
      failure: {
        code: 'failed',
        command: 'login',
        message: expect.stringContaining('agent is already logged in (CF_SPECIFIED_AGENT_ALREADY_SIGNED_ON'),
        // The CONTROL_FAILURE_CONF's codes, so a view can say it in the agent's language.
        params: { failureCode: 259, peripheralErrorCode: 0 },
      },
    });
    expect(await core.execute('hold', { callId: '5000.999' })).toMatchObject({ ok: false, failure: { message: expect.stringContaining('no call 5000.999') } });
  });

  it('reports a duplicate login: already logged in (ctios.md §2.5), and a phone in use by another desktop', async () => {
    const sim = await startSimulator();
    const first = await agentReady(sim, await userDataDir());
    await first.stop();
    // The agent stays logged in after the first desktop closed without logging out.
    const second = await startCore(sim, await userDataDir(), 'second');
    await waitFor(second, connected, 'connected');
    expect(await run(second, 'setAgent', { agentId: '1001', instrument: '3001' })).toEqual({ alreadyLoggedIn: true, state: 'available' });
    expect((await waitFor(second, (s) => s.lastError !== null, 'warning')).lastError?.message).toContain('already logged in');

    const third = await startCore(sim, await userDataDir(), 'third');
    await waitFor(third, connected, 'connected');
    const refused = await third.execute('setAgent', { agentId: '1001', instrument: '3001' });
    expect(refused).toMatchObject({ ok: false, failure: { message: expect.stringContaining('in use by another desktop'), params: { status: 10 } } });
    await waitFor(third, (s) => s.agent.mode === 'none' && connected(s), 'back to a bare session');
  });

  it('rejects commands while out of service with a clear reason', async () => {
    const sim = await startSimulator();
    const core = await agentReady(sim, await userDataDir());
    await post(sim, '/faults', { type: 'kill-side', side: 'A' });
    await post(sim, '/faults', { type: 'kill-side', side: 'B' });
    await waitFor(core, (s) => s.connection.state !== 'connected', 'link down');
    const outcome = await core.execute('notReady', {});
    expect(outcome).toMatchObject({ ok: false, failure: { code: 'unavailable', message: expect.stringMatching(/out of service|being restored/) } });
    expect((await waitFor(core, (s) => s.enablement.mask === 0, 'buttons off')).enablement.buttons).toEqual([]);
  });

  it('restores agent mode on side B by itself after side A dies mid-call, equal to the server', async () => {
    const sim = await startSimulator();
    const core = await agentReady(sim, await userDataDir());
    const { callId } = (await post(sim, '/calls', { ani: '5550001', dnis: '8005550100', skillGroup: 100 })) as { callId: number };
    const key = `5000.${callId}`;
    await waitFor(core, (s) => s.calls[0]?.localState === 'alerting', 'ringing');
    await run(core, 'answer', { callId: key });
    await waitFor(core, (s) => s.calls[0]?.localState === 'connect', 'talking');

    await post(sim, '/faults', { type: 'kill-side', side: 'A' });
    const state = await waitFor(core, (s) => active(s) && s.connection.state === 'connected' && s.connection.side === 'B', 'restored on B');
    const agents = await get(sim, '/agents');
    const calls = await get(sim, '/calls');
    const agent = agents.find((a) => a.agentId === '1001')!;
    expect(agentState(state)).toBe('talking');
    expect(agentStateName(agent.state as number)).toBe('talking');
    expect(state.calls.map((c) => c.call.connectionCallId)).toEqual(calls.map((c) => c.callId));
    expect(state.calls[0]).toMatchObject({ localState: 'connect', call: { ani: '5550001' } });
    expect(state.calls[0]!.enablement.buttons).toContain('hold');
    await run(core, 'hold', { callId: key });
    await waitFor(core, (s) => s.calls[0]?.localState === 'hold', 'held on B');
  });

  it('ends a call that ended while both sides were down, and delivers wrap-up entered meanwhile exactly once', async () => {
    const sim = await startSimulator();
    const dataDir = await userDataDir();
    const core = await agentReady(sim, dataDir);
    const { callId } = (await post(sim, '/calls', { ani: '5550002', dnis: '8005550100', skillGroup: 100 })) as { callId: number };
    const key = `5000.${callId}`;
    await waitFor(core, (s) => s.calls[0]?.localState === 'alerting', 'ringing');
    await run(core, 'answer', { callId: key });
    await waitFor(core, (s) => s.calls[0]?.localState === 'connect', 'talking');

    await post(sim, '/faults', { type: 'kill-side', side: 'A' });
    await post(sim, '/faults', { type: 'kill-side', side: 'B' });
    await waitFor(core, (s) => s.connection.state !== 'connected', 'link down');
    expect(await run(core, 'setCallData', { callId: key, variables: { CallVariable2: 'noted offline' }, wrapup: 'callback' })).toEqual({ sent: false, queued: true });
    expect(await run(core, 'setCallData', { callId: key, variables: { CallVariable3: 'and more' } })).toEqual({ sent: false, queued: true });
    expect((await waitFor(core, (s) => s.outbox.pending === 1, 'one outbox entry')).outbox.pending).toBe(1);

    await post(sim, '/faults', { type: 'restore-side', side: 'A' });
    // A monitor on the restored side sees every CALL_DATA_UPDATE_EVENT: exactly one must come.
    const watcher = await allEventsWatcher(sim);
    const state = await waitFor(core, (s) => active(s) && s.outbox.pending === 0, 'restored with the outbox sent', 8000);
    expect(state.calls[0]?.call.connectionCallId).toBe(callId);
    // CTI Server tells the other clients (CALL_DATA_UPDATE_EVENT), not the one that set the data: the desktop shows its own confirmed edit.
    expect((await waitFor(core, (s) => s.calls[0]?.call.variables.CallVariable3 === 'and more', 'the delivered edit shown', 3000)).calls[0]!.call.variables).toMatchObject({ CallVariable2: 'noted offline', CallVariable3: 'and more' });
    const call = (await get(sim, '/calls')).find((c) => c.callId === callId)!;
    expect(call).toMatchObject({ callVariables: { '2': 'noted offline', '3': 'and more' }, wrapup: 'callback' });
    expect(await dataUpdatesFor(watcher, callId)).toBe(1);

    // Now a call that ends during an outage.
    await post(sim, '/faults', { type: 'kill-side', side: 'A' });
    await post(sim, '/faults', { type: 'kill-side', side: 'B' });
    await waitFor(core, (s) => s.connection.state !== 'connected', 'link down again');
    await post(sim, `/calls/${callId}/hangup`);
    await post(sim, '/faults', { type: 'restore-side', side: 'B' });
    const after = await waitFor(core, (s) => active(s) && s.calls.length === 0, 'the ended call gone', 8000);
    const server = (await get(sim, '/agents')).find((a) => a.agentId === '1001')!;
    expect(agentState(after)).toBe(agentStateName(server.state as number));
    expect(await get(sim, '/calls')).toEqual([]);
  });

  it('keeps wrap-up entered while the link is down across a restart, and sends it once', async () => {
    const sim = await startSimulator();
    const dataDir = await userDataDir();
    const core = await agentReady(sim, dataDir);
    const { callId } = (await post(sim, '/calls', { ani: '5550003', dnis: '8005550100', skillGroup: 100 })) as { callId: number };
    const key = `5000.${callId}`;
    await waitFor(core, (s) => s.calls[0]?.localState === 'alerting', 'ringing');
    await run(core, 'answer', { callId: key });
    await waitFor(core, (s) => s.calls[0]?.localState === 'connect', 'talking');
    await post(sim, '/faults', { type: 'kill-side', side: 'A' });
    await post(sim, '/faults', { type: 'kill-side', side: 'B' });
    await waitFor(core, (s) => s.connection.state !== 'connected', 'link down');
    expect(await run(core, 'setCallData', { callId: key, wrapup: 'restart-safe' })).toEqual({ sent: false, queued: true });
    await core.stop();

    await post(sim, '/faults', { type: 'restore-side', side: 'A' });
    const restarted = await startCore(sim, dataDir, 'agent-test-2');
    expect((await waitFor(restarted, connected, 'connected')).outbox.pending).toBe(1);
    // The same desktop's ClientID prefix differs per run, so the old session is gone: set the agent again.
    await run(restarted, 'setAgent', { agentId: '1001', instrument: '3001' });
    await waitFor(restarted, (s) => active(s) && s.outbox.pending === 0, 'outbox sent', 8000);
    expect((await get(sim, '/calls')).find((c) => c.callId === callId)).toMatchObject({ wrapup: 'restart-safe' });
  });
});
