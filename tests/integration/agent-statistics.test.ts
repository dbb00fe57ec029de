import { afterEach, describe, expect, it } from 'vitest';
import type { AppState } from '../../contract/index.js';
import { CtiSimulator } from '../../simulator/index.js';
import { generatedSite } from '../../simulator/pg/site.js';
import { coreHarness } from '../support/core-harness.js';

/**
 * Agent and skill-group statistics in core against the simulator over TCP (issue 5 item 8):
 * CTI OS names, refreshed on the interval and right after a call ends, stopped while logged
 * out, and carried on after a failover. Agent 1001 is in skill group 100.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});
const { waitFor, run, post, agentState, loggedIn } = coreHarness(cleanups);

async function simulator(): Promise<CtiSimulator> {
  const sim = await CtiSimulator.start({ host: '127.0.0.1', site: generatedSite({ agents: 4 }) });
  cleanups.push(() => sim.stop());
  return sim;
}

const agentStat = (s: AppState, name: string) => s.statistics.agent?.values[name];
const updatedAt = (s: AppState) => s.statistics.agent?.updatedAt ?? 0;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('statistics against the simulator', () => {
  it('queries agent and skill-group statistics at login and right after a call ends, under CTI OS names', async () => {
    const sim = await simulator();
    // An interval far longer than the test: every refresh seen here is a login or a call end.
    const core = await loggedIn(sim, '1001', '3001', { statisticsIntervalMs: 600_000 });
    let state = await waitFor(core, (s) => s.statistics.agent !== null && s.statistics.skillGroups.length > 0, 'first statistics');
    expect(state.statistics.intervalMs).toBe(600_000);
    expect(state.statistics.agent!.values).toMatchObject({ HandledCallsSession: 0, HandledCallsToday: 0, CallsHandledToday: 0, AvgTalkTimeToday: 0 });
    expect(state.statistics.skillGroups).toEqual([
      { skillGroupNumber: 100, skillGroupId: 5000, values: expect.objectContaining({ AgentsLoggedOn: 1, AgentsNotReady: 1, CallsQNow: 0, HandledCallsToday: 0 }), updatedAt: expect.any(Number) },
    ]);

    await run(core, 'ready');
    const { callId } = (await post(sim, '/calls', { ani: '5551234', dnis: '8005550100', skillGroup: 100 })) as { callId: number };
    const key = `5000.${callId}`;
    await waitFor(core, (s) => s.calls[0]?.localState === 'alerting', 'ringing');
    await run(core, 'answer', { callId: key });
    await waitFor(core, (s) => agentState(s) === 'talking', 'talking');
    await sleep(1100);
    await run(core, 'release', { callId: key });
    state = await waitFor(core, (s) => agentStat(s, 'HandledCallsToday') === 1, 'statistics after the call', 3000);
    expect(state.statistics.agent!.values).toMatchObject({ HandledCallsSession: 1, CallsHandledToday: 1 });
    expect(agentStat(state, 'HandledCallsTalkTimeToday')).toBeGreaterThanOrEqual(1);
    expect(agentStat(state, 'AvgTalkTimeToday')).toBeGreaterThanOrEqual(1);
    state = await waitFor(core, (s) => s.statistics.skillGroups[0]?.values.HandledCallsToday === 1, 'skill group after the call', 3000);
    expect(state.statistics.skillGroups[0]!.values).toMatchObject({ HandledCallsTo5: 1, AgentsWorkNotReady: 1 });
  });

  it('refreshes on the interval while logged in, stops when logged out, and carries on after a failover', async () => {
    const sim = await simulator();
    const core = await loggedIn(sim, '1001', '3001', { statisticsIntervalMs: 500 });
    const first = updatedAt(await waitFor(core, (s) => s.statistics.agent !== null, 'first statistics'));
    await waitFor(core, (s) => updatedAt(s) > first, 'an interval refresh', 2000);

    await run(core, 'refreshStatistics');

    // Failover: the refreshes come back on side B by themselves.
    await sim.killSide('A');
    await waitFor(core, (s) => s.connection.state === 'connected' && s.connection.side === 'B' && s.agent.mode === 'agent' && s.agent.phase === 'active', 'on side B', 10_000);
    const onB = Date.now();
    await waitFor(core, (s) => updatedAt(s) >= onB, 'statistics after the failover', 3000);

    await run(core, 'logout', { reasonCode: 1 });
    await waitFor(core, (s) => agentState(s) === 'logout', 'logged out');
    await sleep(100);
    const last = core.state.statistics;
    expect(last.agent).not.toBeNull(); // kept for the view, just not refreshed
    await sleep(1200);
    expect(core.state.statistics).toEqual(last);
    expect(await core.execute('refreshStatistics', {})).toMatchObject({ ok: false, failure: { command: expect.any(String), code: 'failed', message: expect.stringContaining('logged out') } });
  });
});
