import { afterEach, describe, expect, it } from 'vitest';
import type { AppState } from '../../contract/index.js';
import { CtiSimulator } from '../../simulator/index.js';
import { generatedSite } from '../../simulator/pg/site.js';
import { coreHarness } from '../support/core-harness.js';

/**
 * The agent's desk settings come from CTI Server (AGENT_DESK_SETTINGS_REQ/CONF) and
 * decide enablement over the desktop's own (which here are all the defaults: optional
 * wrap-up, no reasons required).
 */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

const { startCore, waitFor, run, post, agentState, active } = coreHarness(cleanups);

async function startSimulator(log?: (line: string) => void): Promise<CtiSimulator> {
  const base = generatedSite({ agents: 4 });
  const site = {
    ...base,
    // Agent 1001 has its own desk settings; the site's (1002's) are the defaults.
    agents: base.agents.map((a) =>
      a.id === '1001'
        ? { ...a, deskSettings: { wrapupIncoming: 'required' as const, notReadyReasonRequired: true, logoutReasonRequired: true, supervisorCallsAllowed: false, workModeTimer: 30 } }
        : a,
    ),
  };
  const sim = await CtiSimulator.start({ host: '127.0.0.1', site, ...(log ? { log } : {}) });
  cleanups.push(() => sim.stop());
  return sim;
}

const desk = (s: AppState) => (s.agent.mode === 'agent' ? s.agent.deskSettings : undefined);

describe('agent desk settings from CTI Server', () => {
  it('a site requiring wrap-up and reasons changes enablement: reason-only Not Ready and Logout, no supervisor assist, no Ready mid-call', async () => {
    const sim = await startSimulator();
    const core = await startCore(sim);
    await waitFor(core, (s) => s.connection.state === 'connected', 'connected');
    await run(core, 'setAgent', { agentId: '1001', instrument: '3001' });
    await run(core, 'login', { password: 'x' });
    let state = await waitFor(core, (s) => agentState(s) === 'not-ready' && active(s) && desk(s)?.source === 'server', 'server desk settings');
    expect(desk(state)).toMatchObject({
      source: 'server',
      wrapupIncoming: 'required',
      wrapupOutgoing: 'optional',
      notReadyReasonRequired: true,
      logoutReasonRequired: true,
      supervisorCallsAllowed: false,
      autoAnswer: false,
      workModeTimerSeconds: 30,
    });
    expect(state.enablement.buttons).toContain('logoutWithReason');
    expect(state.enablement.buttons).not.toContain('logout');
    expect(state.enablement.buttons).not.toContain('supervisorAssist');

    await run(core, 'ready');
    state = await waitFor(core, (s) => agentState(s) === 'available', 'Ready');
    expect(state.enablement.buttons).toContain('notReadyWithReason');
    expect(state.enablement.buttons).not.toContain('notReady');

    const { callId } = (await post(sim, '/calls', { ani: '5550100', dnis: '8005550100', skillGroup: 100 })) as { callId: number };
    const key = `5000.${callId}`;
    await waitFor(core, (s) => s.calls.some((c) => c.call.key === key), 'call delivered');
    await run(core, 'answer', { callId: key });
    state = await waitFor(core, (s) => agentState(s) === 'talking', 'talking');
    // Required wrap-up (§4.4): the next state is not the agent's to pick mid-call.
    expect(state.enablement.buttons).not.toContain('ready');
    expect(state.enablement.buttons).not.toContain('wrapup');
  });

  it('the site defaults decide for an agent without its own, and the server is asked again after a failover', async () => {
    const lines: string[] = [];
    const sim = await startSimulator((line) => lines.push(line));
    const core = await startCore(sim);
    await waitFor(core, (s) => s.connection.state === 'connected', 'connected');
    // Not logged in: only the restore after SetAgent asks.
    await run(core, 'setAgent', { agentId: '1002', instrument: '3002' });
    const state = await waitFor(core, (s) => agentState(s) === 'logout' && active(s) && desk(s)?.source === 'server', 'server desk settings');
    expect(desk(state)).toMatchObject({ wrapupIncoming: 'optional', notReadyReasonRequired: false, supervisorCallsAllowed: true });
    const refusedRequests = () => lines.filter((l) => l.includes('AGENT_DESK_SETTINGS_REQ failed by fault injection')).length;

    await post(sim, '/faults', { type: 'control-failure', request: 'AGENT_DESK_SETTINGS_REQ' }); // the next one is refused
    await post(sim, '/faults', { type: 'kill-side', side: 'A' });
    // The standby session on B takes over: the link never shows as down, it is on B.
    await waitFor(core, (s) => active(s) && s.connection.state === 'connected' && s.connection.side === 'B', 'restored on side B');
    await expect.poll(refusedRequests, { timeout: 10_000 }).toBe(1);
    // Refused after the failover: what the server said before stays in force.
    expect(desk(core.state)?.source).toBe('server');
  });

  it('falls back to the desktop settings when the server refuses the request', async () => {
    const sim = await startSimulator();
    const core = await startCore(sim);
    await waitFor(core, (s) => s.connection.state === 'connected', 'connected');
    // Refuse the request after SetAgent and the one at login.
    await post(sim, '/faults', { type: 'control-failure', request: 'AGENT_DESK_SETTINGS_REQ' });
    await post(sim, '/faults', { type: 'control-failure', request: 'AGENT_DESK_SETTINGS_REQ' });
    await run(core, 'setAgent', { agentId: '1001', instrument: '3001' });
    await run(core, 'login', { password: 'x' });
    const state = await waitFor(core, (s) => agentState(s) === 'not-ready' && active(s), 'Not Ready');
    expect(desk(state)).toMatchObject({ source: 'desktop', wrapupIncoming: 'optional', notReadyReasonRequired: false, logoutReasonRequired: false });
    expect(state.enablement.buttons).toEqual(expect.arrayContaining(['logout', 'supervisorAssist']));
  });

  it('PUT /agents/{id}/desk-settings changes an agent\'s desk settings as an administrator would: the next login takes them; a bad one is refused', async () => {
    const sim = await startSimulator();
    const bad = await fetch(`${sim.controlUrl}/agents/1002/desk-settings`, { method: 'PUT', body: JSON.stringify({ wrapupIncoming: 'sometimes' }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/wrapupIncoming/);
    expect((await fetch(`${sim.controlUrl}/agents/9999/desk-settings`, { method: 'PUT', body: '{}' })).status).toBe(404);
    const changed = await fetch(`${sim.controlUrl}/agents/1002/desk-settings`, { method: 'PUT', body: JSON.stringify({ wrapupIncoming: 'required-with-data', notReadyReasonRequired: true }) });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ wrapupIncoming: 'required-with-data', notReadyReasonRequired: true, logoutReasonRequired: false });

    const core = await startCore(sim);
    await waitFor(core, (s) => s.connection.state === 'connected', 'connected');
    await run(core, 'setAgent', { agentId: '1002', instrument: '3002' });
    const state = await waitFor(core, (s) => active(s) && desk(s)?.source === 'server', 'server desk settings');
    expect(desk(state)).toMatchObject({ wrapupIncoming: 'required-with-data', notReadyReasonRequired: true });
  });
});
