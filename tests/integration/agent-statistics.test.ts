import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppState } from '../../contract/index.js';
import { CtiSimulator } from '../../simulator/index.js';
import { generatedSite } from '../../simulator/pg/site.js';
import { coreHarness } from '../support/core-harness.js';
import { ManualClock } from '../support/manual-clock.js';

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

/** The simulator on a clock the test moves: durations are what the test says, not what the machine managed. */
async function simulator(clock: ManualClock): Promise<CtiSimulator> {
  const sim = await CtiSimulator.start({ host: '127.0.0.1', site: generatedSite({ agents: 4 }), clock: clock.now });
  cleanups.push(() => sim.stop());
  return sim;
}

const agentStat = (s: AppState, name: string) => s.statistics.agent?.values[name];
const skillGroupsAfterAgent = (s: AppState) => s.statistics.agent !== null && s.statistics.skillGroups.length > 0 && s.statistics.skillGroups.every((g) => g.updatedAt >= s.statistics.agent!.updatedAt);

describe('statistics against the simulator', () => {
  it('queries agent and skill-group statistics at login and right after a call ends, under CTI OS names', async () => {
    const clock = new ManualClock();
    const sim = await simulator(clock);
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
    clock.advance(1100);
    await run(core, 'release', { callId: key });
    state = await waitFor(core, (s) => agentStat(s, 'HandledCallsToday') === 1, 'statistics after the call', 3000);
    // The 1.1 s talking on the simulator's clock: one second, exactly.
    expect(state.statistics.agent!.values).toMatchObject({ HandledCallsSession: 1, CallsHandledToday: 1, HandledCallsTalkTimeToday: 1, AvgTalkTimeToday: 1 });
    state = await waitFor(core, (s) => s.statistics.skillGroups[0]?.values.HandledCallsToday === 1, 'skill group after the call', 3000);
    expect(state.statistics.skillGroups[0]!.values).toMatchObject({ HandledCallsTo5: 1, AgentsWorkNotReady: 1 });
  });

  it('refreshes on the interval while logged in, stops when logged out, and carries on after a failover', async () => {
    // Only the poller's interval runs on fake time (nothing else in core or the simulator uses
    // setInterval): the test says when a tick comes, so "no tick after logout" is a fact, not a wait.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    cleanups.push(() => {
      vi.useRealTimers();
    });
    const clock = new ManualClock();
    const sim = await simulator(clock);
    const core = await loggedIn(sim, '1001', '3001', { statisticsIntervalMs: 1000 });
    await waitFor(core, (s) => agentStat(s, 'LoggedOnTimeToday') === 0 && skillGroupsAfterAgent(s), 'first statistics');

    // Each refresh shows the simulator's clock: a second on, one tick brings LoggedOnTimeToday 1.
    clock.advance(1000);
    vi.advanceTimersByTime(1000);
    await waitFor(core, (s) => agentStat(s, 'LoggedOnTimeToday') === 1 && skillGroupsAfterAgent(s), 'an interval refresh', 3000);

    clock.advance(1000);
    await run(core, 'refreshStatistics');
    await waitFor(core, (s) => agentStat(s, 'LoggedOnTimeToday') === 2 && skillGroupsAfterAgent(s), 'the refresh asked for', 3000);

    // Failover: the refreshes come back on side B by themselves.
    clock.advance(1000);
    await sim.killSide('A');
    await waitFor(core, (s) => s.connection.state === 'connected' && s.connection.side === 'B' && s.agent.mode === 'agent' && s.agent.phase === 'active', 'on side B', 10_000);
    await waitFor(core, (s) => agentStat(s, 'LoggedOnTimeToday') === 3 && skillGroupsAfterAgent(s), 'statistics after the failover', 3000);
    clock.advance(1000);
    vi.advanceTimersByTime(1000);
    await waitFor(core, (s) => agentStat(s, 'LoggedOnTimeToday') === 4 && skillGroupsAfterAgent(s), 'an interval refresh on side B', 3000);

    await run(core, 'logout', { reasonCode: 1 });
    await waitFor(core, (s) => agentState(s) === 'logout', 'logged out');
    const last = core.state.statistics;
    expect(last.agent).not.toBeNull(); // kept for the view, just not refreshed
    expect(vi.getTimerCount()).toBe(0); // the interval went with the login
    clock.advance(10_000);
    vi.advanceTimersByTime(10 * 1000);
    expect(await core.execute('refreshStatistics', {})).toMatchObject({ ok: false, failure: { command: expect.any(String), code: 'failed', message: expect.stringContaining('logged out') } });
    expect(core.state.statistics).toEqual(last);
  });
});
