import { afterEach, describe, expect, it } from 'vitest';
import type { AppState, TeamMember } from '../../contract/index.js';
import { CtiSimulator } from '../../simulator/index.js';
import { generatedSite } from '../../simulator/pg/site.js';
import { Ged188TestClient } from '../support/ged188-client.js';
import { coreHarness } from '../support/core-harness.js';

/**
 * Supervisor functions of core against the simulator over TCP (issue 5 item 7): the team
 * view, Make Ready and Logout of a member, barge-in and intercept, assist and emergency
 * alerts, chat, and the team re-learnt after a failover. Site: agents 1001… on 3001…,
 * supervisors 2001… on 4001…, teams of 25 (team 1: supervisor 2001, agents 1001–1004).
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});
const { waitFor, run, post, agentState, loggedIn } = coreHarness(cleanups);

async function simulator(agents = 4): Promise<CtiSimulator> {
  const sim = await CtiSimulator.start({ host: '127.0.0.1', site: generatedSite({ agents }) });
  cleanups.push(() => sim.stop());
  return sim;
}

const member = (s: AppState, agentId: string): TeamMember | undefined => s.team.members.find((m) => m.agentId === agentId);

describe('supervisor mode against the simulator', () => {
  it('shows the team with states and time in state, makes a member Ready and logs it out with reason 999', async () => {
    const sim = await simulator();
    const agent = await loggedIn(sim, '1001', '3001');
    const before = Date.now();
    const supervisor = await loggedIn(sim, '2001', '4001', { supervisor: true });

    let state = await waitFor(supervisor, (s) => s.team.enabled && member(s, '1001')?.state === 'not-ready' && member(s, '2001')?.state === 'not-ready', 'team');
    expect(state.team.teams).toEqual([{ teamId: 1, name: 'Team 1' }]);
    expect(state.team.members.map((m) => m.agentId)).toEqual(['1001', '1002', '1003', '1004', '2001']);
    expect(member(state, '2001')).toMatchObject({ supervisor: true, primarySupervisor: true, buttons: [] });
    expect(member(state, '1002')).toMatchObject({ supervisor: false, state: 'logout', buttons: [] });
    const m1001 = member(state, '1001')!;
    expect(m1001.buttons).toEqual(['logoutAgent', 'makeAgentReady']);
    // Time in state is the view's to compute from `since`; the agent logged in just before.
    expect(m1001.since).toBeGreaterThan(before - 3000);
    expect(m1001.since).toBeLessThanOrEqual(Date.now());

    await run(supervisor, 'makeAgentReady', { agentId: '1001' });
    state = await waitFor(supervisor, (s) => member(s, '1001')?.state === 'available', 'member Ready');
    expect(member(state, '1001')!.buttons).toEqual(['logoutAgent']);
    await waitFor(agent, (s) => agentState(s) === 'available', 'agent Ready');

    await run(supervisor, 'logoutAgent', { agentId: '1001' });
    state = await waitFor(supervisor, (s) => member(s, '1001')?.state === 'logout', 'member logged out');
    expect(member(state, '1001')!.reasonCode).toBe(999);
    state = await waitFor(agent, (s) => agentState(s) === 'logout', 'agent logged out');
    expect(state.agent.mode === 'agent' && state.agent.reasonCode).toBe(999);

    // Refused here, in words: not a team member, itself, and an agent desktop acting as a supervisor.
    expect(await supervisor.execute('makeAgentReady', { agentId: '1026' })).toMatchObject({ ok: false, failure: { command: expect.any(String), code: 'failed', message: expect.stringContaining('not in your team') } });
    expect(await supervisor.execute('logoutAgent', { agentId: '2001' })).toMatchObject({ ok: false, failure: { command: expect.any(String), code: 'failed', message: expect.stringContaining('not on itself') } });
    expect(await agent.execute('makeAgentReady', { agentId: '1002' })).toMatchObject({ ok: false, failure: { command: expect.any(String), code: 'failed', message: expect.stringContaining('not set as a supervisor') } });
    expect((await supervisor.execute('logoutAgent', { agentId: '1001', reasonCode: 0 })).ok).toBe(false);
  });

  it('barges in on a member call and intercepts it', async () => {
    const sim = await simulator();
    const supervisor = await loggedIn(sim, '2001', '4001', { supervisor: true });
    const agent = await loggedIn(sim, '1001', '3001');
    await run(agent, 'ready');
    const { callId } = (await post(sim, '/calls', { ani: '5551234', dnis: '8005550100', skillGroup: 100 })) as { callId: number };
    const key = `5000.${callId}`;
    await waitFor(agent, (s) => s.calls[0]?.localState === 'alerting', 'ringing');
    await run(agent, 'answer', { callId: key });
    let state = await waitFor(supervisor, (s) => member(s, '1001')?.state === 'talking', 'member talking');
    expect(member(state, '1001')!.buttons).toEqual(['logoutAgent', 'bargeIn']);

    expect(await run(supervisor, 'bargeIn', { agentId: '1001' })).toEqual({ callId: key });
    state = await waitFor(supervisor, (s) => s.calls.some((c) => c.call.key === key) && agentState(s) === 'talking', 'supervisor on the call');
    expect(member(state, '1001')!.buttons).toEqual(['logoutAgent', 'intercept']);

    expect(await run(supervisor, 'intercept', { agentId: '1001', callId: key })).toEqual({ callId: key });
    await waitFor(agent, (s) => s.calls.length === 0 && agentState(s) === 'work-not-ready', 'agent off the call');
    const calls = (await (await fetch(`${sim.controlUrl}/calls`)).json()) as { parties: { device: string }[] }[];
    expect(calls[0]!.parties.map((p) => p.device)).toEqual(['5551234', '4001']);
  });

  it('shows assist and emergency requests to the supervisor, and carries chat both ways', async () => {
    const sim = await simulator();
    const supervisor = await loggedIn(sim, '2001', '4001', { supervisor: true });
    const agent = await loggedIn(sim, '1001', '3001');
    const colleague = await loggedIn(sim, '1002', '3002');

    await run(agent, 'supervisorAssist', {});
    await run(agent, 'emergencyCall', {});
    let state = await waitFor(supervisor, (s) => s.alerts.length === 2, 'two alerts');
    expect(state.alerts).toEqual([
      { id: expect.any(String), kind: 'assist', agentId: '1001', instrument: '3001', at: expect.any(Number) },
      { id: expect.any(String), kind: 'emergency', agentId: '1001', instrument: '3001', at: expect.any(Number) },
    ]);
    await run(supervisor, 'dismissAlert', { id: state.alerts[0]!.id });
    state = await waitFor(supervisor, (s) => s.alerts.length === 1, 'one alert left');
    expect(state.alerts[0]!.kind).toBe('emergency');
    expect((await supervisor.execute('dismissAlert', { id: 'nope' })).ok).toBe(false);

    await run(agent, 'sendChat', { to: 'supervisor', text: 'help with billing?' });
    state = await waitFor(supervisor, (s) => s.chat.messages.length === 1, 'chat in');
    expect(state.chat.messages[0]).toMatchObject({ direction: 'in', from: '1001', to: 'supervisor', text: 'help with billing?' });
    expect((await waitFor(agent, (s) => s.chat.messages.length === 1, 'chat out')).chat.messages[0]).toMatchObject({ direction: 'out', from: '1001', to: 'supervisor' });

    await run(supervisor, 'sendChat', { to: '1001', text: 'on my way' });
    state = await waitFor(agent, (s) => s.chat.messages.length === 2, 'reply');
    expect(state.chat.messages[1]).toMatchObject({ direction: 'in', from: '2001', to: 'me', text: 'on my way' });

    await run(supervisor, 'sendChat', { to: 'team', text: 'queue is long' });
    state = await waitFor(colleague, (s) => s.chat.messages.length === 1, 'team message');
    expect(state.chat.messages[0]).toMatchObject({ direction: 'in', from: '2001', to: 'team', text: 'queue is long' });
    expect(await agent.execute('sendChat', { to: 'nobody', text: 'hi' })).toMatchObject({ ok: false, failure: { command: expect.any(String), code: 'failed', message: expect.stringContaining('chat to agent nobody failed') } });
    expect((await agent.execute('sendChat', { to: 'team', text: '' })).ok).toBe(false);
  });

  it('re-learns the team after a failover, with the changes made while the link was down', async () => {
    const sim = await simulator();
    const supervisor = await loggedIn(sim, '2001', '4001', { supervisor: true });
    await waitFor(supervisor, (s) => member(s, '1002')?.state === 'logout', 'team');

    // A stalls: the desktop notices only after its missed-heartbeat limit (about a second here),
    // and meanwhile agent 1002 logs in on side B, which took over.
    sim.stallSide('A');
    const other = await Ged188TestClient.connect(sim.address('B').port);
    cleanups.push(() => other.close());
    await other.openAgent('3002');
    await other.login('1002', '3002');

    const state = await waitFor(
      supervisor,
      (s) => s.connection.state === 'connected' && s.connection.side === 'B' && s.agent.mode === 'agent' && s.agent.phase === 'active' && member(s, '1002')?.state === 'not-ready',
      'team re-learnt on B',
      10_000,
    );
    expect(state.team.enabled).toBe(true);
    expect(state.team.members).toHaveLength(5);
    // Still a supervisor after the failover: it acts on the member.
    await run(supervisor, 'makeAgentReady', { agentId: '1002' });
    await waitFor(supervisor, (s) => member(s, '1002')?.state === 'available', 'member Ready after failover');
  });
  it('watches a member’s calls through a device monitor, keeps the watch across a failover, and stops', async () => {
    const sim = await simulator();
    const supervisor = await loggedIn(sim, '2001', '4001', { supervisor: true });
    const agent = await loggedIn(sim, '1001', '3001');
    expect(await supervisor.execute('watchAgent', { agentId: '1002' })).toMatchObject({ ok: false, failure: { command: expect.any(String), code: 'failed', message: expect.stringContaining('not logged in') } });
    expect(await supervisor.execute('watchAgent', { agentId: '1026' })).toMatchObject({ ok: false, failure: { command: expect.any(String), code: 'failed', message: expect.stringContaining('not in your team') } });
    expect((await agent.execute('watchAgent', { agentId: '1002' })).ok).toBe(false);

    await run(supervisor, 'watchAgent', { agentId: '1001' });
    let state = await waitFor(supervisor, (s) => s.team.watched?.monitoring === true, 'watching');
    expect(state.team.watched).toEqual({ agentId: '1001', instrument: '3001', monitoring: true, calls: [] });

    await run(agent, 'ready');
    const { callId } = (await post(sim, '/calls', { ani: '5551234', dnis: '8005550100', skillGroup: 100 })) as { callId: number };
    const key = `5000.${callId}`;
    state = await waitFor(supervisor, (s) => s.team.watched?.calls[0]?.key === key, 'member call seen');
    // The member's call is the member's, not the supervisor's.
    expect(state.calls).toEqual([]);
    expect(agentState(state)).toBe('not-ready');
    await waitFor(agent, (s) => s.calls[0]?.localState === 'alerting', 'ringing');
    await run(agent, 'answer', { callId: key });
    await waitFor(supervisor, (s) => member(s, '1001')?.state === 'talking' && s.team.watched?.calls[0]?.connections.some((c) => c.deviceId === '3001' && c.state === 'connect') === true, 'member call connected');

    // Failover to B: the watch comes back by itself, with the call the member is still on.
    sim.stallSide('A');
    state = await waitFor(
      supervisor,
      (s) => s.connection.state === 'connected' && s.connection.side === 'B' && s.team.watched?.monitoring === true && s.team.watched.calls[0]?.key === key,
      'watch restored on B',
      10_000,
    );
    expect(state.calls).toEqual([]);
    await waitFor(agent, (s) => s.connection.state === 'connected' && s.connection.side === 'B' && s.agent.mode === 'agent' && s.agent.phase === 'active', 'agent on B', 10_000);
    await run(agent, 'release', { callId: key });
    await waitFor(supervisor, (s) => s.team.watched?.calls.length === 0, 'member call ended');

    await run(supervisor, 'unwatchAgent', {});
    state = await waitFor(supervisor, (s) => s.team.watched === undefined, 'unwatched');
    expect(state.team.enabled).toBe(true);
  });
});
