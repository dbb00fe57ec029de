import { afterEach, describe, expect, it } from 'vitest';
import type { AppState } from '../../contract/index.js';
import { CtiSimulator } from '../../simulator/index.js';
import { generatedSite } from '../../simulator/pg/site.js';
import { coreHarness, seedSettingsCache } from '../support/core-harness.js';

/**
 * The transfer dialog's targets (issue 11 item 4) in core against the simulator over TCP:
 * members from the settings' directory for an agent, from CTI Server's team configuration
 * for a supervisor; states asked with QUERY_AGENT_STATE_REQ while a dialog watches.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});
const { startCore, userDataDir, waitFor, run, agentState, makeReady, loggedIn } = coreHarness(cleanups);

const DIRECTORY = [
  { agentId: '1001', name: 'Alex Morgan' },
  { agentId: '1002', name: 'Blake Chen' },
  { agentId: '1999', name: 'Nobody Here' },
];

async function simulator(): Promise<CtiSimulator> {
  const sim = await CtiSimulator.start({ host: '127.0.0.1', site: generatedSite({ agents: 4 }) });
  cleanups.push(() => sim.stop());
  return sim;
}

const target = (s: AppState, agentId: string) => s.transferTargets.targets.find((t) => t.agentId === agentId);

describe('transfer targets', () => {
  it("an agent's dialog sees the directory's colleagues and their states live while it watches", async () => {
    const sim = await simulator();
    const dir = await userDataDir();
    seedSettingsCache(dir, { schemaVersion: 1, transferDirectory: DIRECTORY });
    const core = await startCore(sim, { clientId: 'test-1001', userDataDir: dir });
    await makeReady(core, { agentId: '1001', instrument: '3001' });

    await run(core, 'watchTransferTargets');
    let state = await waitFor(core, (s) => s.transferTargets.targets.length === 2, 'the directory queried');
    expect(state.transferTargets).toMatchObject({ watching: true, source: 'directory' });
    // Not the agent itself; a colleague logged out has no phone to dial; one CTI Server does not know reads as unknown.
    expect(state.transferTargets.targets).toEqual([
      { agentId: '1002', name: 'Blake Chen', state: 'logout' },
      { agentId: '1999', name: 'Nobody Here', state: 'unknown' },
    ]);

    // The colleague logs in and goes Ready on another desktop: the open dialog sees it.
    const colleague = await startCore(sim, { clientId: 'test-1002' });
    await makeReady(colleague, { agentId: '1002', instrument: '3002' });
    state = await waitFor(core, (s) => target(s, '1002')?.state === 'available', 'the colleague Ready', 6000);
    expect(target(state, '1002')).toEqual({ agentId: '1002', name: 'Blake Chen', instrument: '3002', state: 'available' });

    await run(core, 'unwatchTransferTargets');
    await waitFor(core, (s) => !s.transferTargets.watching, 'no longer watching');
    await run(colleague, 'notReady', {});
    await waitFor(colleague, (s) => agentState(s) === 'not-ready', 'colleague Not Ready');
    // Nobody watches: no more queries, the last states stay as they were.
    expect(target(await waitFor(core, () => true, 'state'), '1002')?.state).toBe('available');
  });

  it("a supervisor's dialog offers the team from CTI Server's team configuration", async () => {
    const sim = await simulator();
    const member = await loggedIn(sim, '1003', '3003');
    expect(agentState(await waitFor(member, () => true, 'member'))).toBe('not-ready');
    const supervisor = await loggedIn(sim, '2001', '4001', { supervisor: true });
    await waitFor(supervisor, (s) => s.team.members.length > 0, 'the team');
    await run(supervisor, 'watchTransferTargets');
    const state = await waitFor(supervisor, (s) => target(s, '1003') !== undefined && target(s, '1001') !== undefined, 'the team queried');
    expect(state.transferTargets.source).toBe('team');
    expect(target(state, '1003')).toEqual({ agentId: '1003', instrument: '3003', state: 'not-ready' });
    expect(target(state, '1001')).toEqual({ agentId: '1001', state: 'logout' });
    expect(target(state, '2001')).toBeUndefined();
  });
});
