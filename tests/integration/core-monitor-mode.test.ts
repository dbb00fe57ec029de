import { afterEach, describe, expect, it } from 'vitest';
import type { AppState } from '../../contract/index.js';
import { AGENT_STATE, buildMessage } from '../../ged188/index.js';
import { agentStateName } from '../../main/cti/monitor/event-translation.js';
import { CtiSimulator } from '../../simulator/index.js';
import { coreHarness } from '../support/core-harness.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

const { startCore, waitFor, run, post } = coreHarness(cleanups);

async function startSimulator(): Promise<CtiSimulator> {
  const sim = await CtiSimulator.start({ host: '127.0.0.1' });
  cleanups.push(() => sim.stop());
  return sim;
}

/** Agents logged in and Ready straight in the simulator's model. */
function makeReady(sim: CtiSimulator, ...agentIds: string[]): void {
  for (const id of agentIds) {
    const agent = sim.peripheral.agents.get(id)!;
    for (const state of [AGENT_STATE.LOGIN, AGENT_STATE.AVAILABLE]) {
      sim.peripheral.setAgentState(agent, buildMessage('SET_AGENT_STATE_REQ', { PeripheralID: 5000, AgentState: state, AgentID: id, AgentPassword: 'x' }));
    }
  }
  sim.peripheral.flush();
}

async function get<T>(sim: CtiSimulator, route: string): Promise<T[]> {
  return (await (await fetch(`${sim.controlUrl}${route}`)).json()) as T[];
}

const callIds = (s: AppState) => (s.monitor?.calls ?? []).map((c) => c.connectionCallId).sort((a, b) => a - b);
const sameIds = (a: number[], b: number[]) => JSON.stringify([...a].sort((x, y) => x - y)) === JSON.stringify([...b].sort((x, y) => x - y));

describe('monitor mode as a mode of the core (SetMessageFilter)', () => {
  it('rejects a bad filter with the parser\'s words, snapshots, follows calls, and after side A dies equals GET /calls and GET /agents', async () => {
    const sim = await startSimulator();
    makeReady(sim, '1001', '1002', '1003');
    const before = (await post(sim, '/calls', { ani: '5550001', dnis: '800' })) as { callId: number };
    const core = await startCore(sim, { clientId: 'core-monitor' });
    await waitFor(core, (s) => s.connection.state === 'connected', 'connected');
    expect(core.state.monitor).toBeNull();

    const bad = await core.execute('setMessageFilter', { filter: 'Colour=blue' });
    expect(bad).toMatchObject({ ok: false, failure: { code: 'invalid-argument' } });
    expect(!bad.ok && bad.failure.message).toMatch(/unknown filter keyword "Colour"/);
    expect(core.state.monitor).toBeNull();
    expect(await core.execute('setMessageFilter', { filter: 42 })).toMatchObject({ ok: false, failure: { code: 'invalid-argument' } });

    await run(core, 'setMessageFilter', { filter: 'PeripheralID=5000' });
    let state = await waitFor(core, (s) => s.monitor?.established === true, 'monitor mode established');
    expect(state.monitor).toMatchObject({ filter: 'PeripheralID=5000', established: true });
    expect(callIds(state)).toEqual([before.callId]);
    expect(state.monitor!.calls[0]).toMatchObject({ ani: '5550001', dnis: '800' });
    expect(state.monitor!.agents.map((a) => a.agentId).sort()).toEqual(['1001', '1002', '1003']);

    // Calls start and end live.
    const second = (await post(sim, '/calls', { ani: '5550002', dnis: '800' })) as { callId: number };
    await waitFor(core, (s) => sameIds(callIds(s), [before.callId, second.callId]), 'second call');
    await post(sim, `/calls/${before.callId}/hangup`);
    await waitFor(core, (s) => sameIds(callIds(s), [second.callId]), 'first call ended');

    // Side A dies; calls change while the link is down; the core recovers on B by itself.
    await post(sim, '/faults', { type: 'kill-side', side: 'A' });
    await post(sim, `/calls/${second.callId}/hangup`);
    const third = (await post(sim, '/calls', { ani: '5550003', dnis: '800' })) as { callId: number };
    state = await waitFor(
      core,
      (s) => s.connection.state === 'connected' && s.connection.side === 'B' && s.monitor?.established === true && sameIds(callIds(s), [third.callId]),
      'recovered on side B',
      10_000,
    );

    const serverCalls = await get<{ callId: number; ani?: string }>(sim, '/calls');
    expect(callIds(state)).toEqual(serverCalls.map((c) => c.callId).sort((a, b) => a - b));
    expect(state.monitor!.calls.find((c) => c.connectionCallId === third.callId)).toMatchObject({ ani: '5550003' });
    const serverAgents = await get<{ agentId: string; state: number }>(sim, '/agents');
    const loggedIn = serverAgents.filter((a) => a.state !== AGENT_STATE.LOGOUT);
    expect(state.monitor!.agents.map((a) => a.agentId).sort()).toEqual(loggedIn.map((a) => a.agentId).sort());
    for (const agent of loggedIn) {
      expect(state.monitor!.agents.find((a) => a.agentId === agent.agentId)?.agentState).toBe(agentStateName(agent.state));
    }

    // And live again after the recovery.
    await post(sim, `/calls/${third.callId}/hangup`);
    await waitFor(core, (s) => s.monitor?.calls.length === 0, 'third call ended');
  });

  it('excludes agent mode: SetAgent is refused in monitor mode, clearMessageFilter goes back, then SetMessageFilter is refused in agent mode', async () => {
    const sim = await startSimulator();
    const core = await startCore(sim, { clientId: 'core-monitor-modes' });
    await waitFor(core, (s) => s.connection.state === 'connected', 'connected');
    await run(core, 'setMessageFilter', { filter: 'MessageID=OnAgentStateChange' });
    await waitFor(core, (s) => s.monitor?.established === true, 'monitor mode established');

    const refused = await core.execute('setAgent', { agentId: '1001', instrument: '3001' });
    expect(refused).toMatchObject({ ok: false, failure: { code: 'unavailable' } });
    expect(!refused.ok && refused.failure.message).toMatch(/monitor mode.*clearMessageFilter/);

    await run(core, 'clearMessageFilter');
    const cleared = await waitFor(core, (s) => s.monitor === null && s.connection.state === 'connected', 'connection-only again');
    expect(cleared.monitor).toBeNull();

    await run(core, 'setAgent', { agentId: '1001', instrument: '3001' });
    const again = await core.execute('setMessageFilter', { filter: 'AgentID=1001' });
    expect(again).toMatchObject({ ok: false, failure: { code: 'unavailable' } });
    expect(!again.ok && again.failure.message).toMatch(/agent mode \(agent 1001\)/);
  });
});
