import { afterEach, describe, expect, it } from 'vitest';
import {
  AGENT_FLAGS,
  AGENT_STATE,
  CALL_MSG_MASK,
  CALL_TYPE,
  CONTROL_FAILURE_CODE,
  DISTRIBUTION,
  STATUS,
  SUPERVISORY_ACTION,
  SYSTEM_EVENT_ID,
  readAssistBody,
  type Message,
} from '../../ged188/index.js';
import { CtiSimulator } from '../../simulator/index.js';
import { generatedSite } from '../../simulator/pg/site.js';
import { Ged188TestClient } from '../support/ged188-client.js';
import { ManualClock } from '../support/manual-clock.js';

/**
 * The supervisor side of the simulator over TCP: chat, assist and emergency calls, team
 * configuration, supervisor actions on agents and calls, teams, and statistics computed from
 * what happened. Site: agents 1001… on 3001…, supervisors 2001… on 4001…, teams of 25.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

const SUPERVISOR_SERVICES = 0x87; // CLIENT_EVENTS | CALL_DATA_UPDATE | CLIENT_CONTROL | SUPERVISOR
const ALL_CALL_EVENTS = 0xffff | 0x30000;
const NO_CALL = 0xffffffff;

async function simulator(agents = 4, clock?: ManualClock): Promise<CtiSimulator> {
  const sim = await CtiSimulator.start({ site: generatedSite({ agents }), ...(clock ? { clock: clock.now } : {}) });
  cleanups.push(() => sim.stop());
  return sim;
}

async function connect(sim: CtiSimulator): Promise<Ged188TestClient> {
  const client = await Ged188TestClient.connect(sim.address('A').port);
  cleanups.push(() => client.close());
  return client;
}

async function agentClient(sim: CtiSimulator, instrument: string): Promise<Ged188TestClient> {
  const client = await connect(sim);
  await client.openAgent(instrument);
  return client;
}

async function supervisorClient(sim: CtiSimulator, instrument = '4001', callMsgMask = ALL_CALL_EVENTS): Promise<Ged188TestClient> {
  const client = await connect(sim);
  await client.openAgent(instrument, { ServicesRequested: SUPERVISOR_SERVICES, CallMsgMask: callMsgMask });
  return client;
}



async function postCall(sim: CtiSimulator, body: object): Promise<number> {
  const response = await fetch(`${sim.controlUrl}/calls`, { method: 'POST', body: JSON.stringify(body) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { callId: number }).callId;
}

/** Agent 1001 logged in, Ready, on an answered call routed through skill group 100. */
async function agentOnCall(sim: CtiSimulator): Promise<{ agent: Ged188TestClient; callId: number }> {
  const agent = await agentClient(sim, '3001');
  await agent.login('1001', '3001');
  await agent.ready();
  const callId = await postCall(sim, { ani: '5551234', dnis: '8005550100', skillGroup: 100 });
  await agent.expect('CALL_DELIVERED_EVENT');
  agent.request('ANSWER_CALL_REQ', { PeripheralID: 5000, ConnectionCallID: callId, ConnectionDeviceIDType: 0, ConnectionDeviceID: '3001' });
  await agent.expect('ANSWER_CALL_CONF');
  expect(await agent.expect('AGENT_STATE_EVENT')).toMatchObject({ AgentState: AGENT_STATE.TALKING });
  return { agent, callId };
}

/** Skips to the AGENT_STATE_EVENT putting `agentId` in `state`. */
async function untilState(client: Ged188TestClient, agentId: string, state: number): Promise<void> {
  for (;;) {
    const event = await client.expect('AGENT_STATE_EVENT');
    if (event.AgentID === agentId && event.AgentState === state) return;
  }
}

function superviseCall(client: Ged188TestClient, action: number, fields: Partial<Message<'SUPERVISE_CALL_REQ'>> = {}): void {
  client.request('SUPERVISE_CALL_REQ', {
    PeripheralID: 5000,
    AgentConnectionCallID: NO_CALL,
    SupervisorConnectionCallID: NO_CALL,
    AgentConnectionDeviceIDType: 0xffff,
    SupervisorConnectionDeviceIDType: 0xffff,
    SupervisoryAction: action,
    AgentID: '1001',
    ...fields,
  });
}

async function agentStatistics(client: Ged188TestClient, agentId: string): Promise<Message<'QUERY_AGENT_STATISTICS_CONF'>> {
  client.request('QUERY_AGENT_STATISTICS_REQ', { PeripheralID: 5000, AgentID: agentId });
  return client.expect('QUERY_AGENT_STATISTICS_CONF');
}

async function groupStatistics(client: Ged188TestClient, number: number): Promise<Message<'QUERY_SKILL_GROUP_STATISTICS_CONF'>> {
  client.request('QUERY_SKILL_GROUP_STATISTICS_REQ', { PeripheralID: 5000, SkillGroupNumber: number, SkillGroupID: NO_CALL });
  return client.expect('QUERY_SKILL_GROUP_STATISTICS_CONF');
}

describe('session greeting', () => {
  it('gives a supervisor that asks for AGENT_TEAM_CONFIG its team, with each member state', async () => {
    const sim = await simulator();
    const agent = await agentClient(sim, '3002');
    await agent.login('1002', '3002');
    const supervisor = await supervisorClient(sim, '4001', ALL_CALL_EVENTS | CALL_MSG_MASK.AGENT_TEAM_CONFIG);
    const config = await supervisor.next();
    expect(config).toMatchObject({ MessageType: 'AGENT_TEAM_CONFIG_EVENT', PeripheralID: 5000, TeamID: 1, NumberOfAgents: 5, ConfigOperation: 0, AgentTeamName: 'Team 1' });
    const team = config as Message<'AGENT_TEAM_CONFIG_EVENT'>;
    expect(team.AtcAgentID).toEqual(['2001', '1001', '1002', '1003', '1004']);
    expect(team.AgentFlags).toEqual([AGENT_FLAGS.SUPERVISOR | AGENT_FLAGS.PRIMARY_SUPERVISOR, 0, 0, 0, 0]);
    expect(team.AtcAgentState).toEqual([AGENT_STATE.LOGOUT, AGENT_STATE.LOGOUT, AGENT_STATE.NOT_READY, AGENT_STATE.LOGOUT, AGENT_STATE.LOGOUT]);
  });

  it('sends no team configuration without the mask, nor to an agent', async () => {
    const sim = await simulator();
    await (await supervisorClient(sim)).expectNothingPending();
    const agent = await connect(sim);
    await agent.openAgent('3001', { CallMsgMask: ALL_CALL_EVENTS | CALL_MSG_MASK.AGENT_TEAM_CONFIG });
    await agent.expectNothingPending();
  });

  it('gives an all-events monitor one SYSTEM_EVENT for the peripheral', async () => {
    const sim = await simulator();
    const monitor = await connect(sim);
    monitor.request('OPEN_REQ', {
      VersionNumber: 24, IdleTimeout: 60, PeripheralID: 0xffffffff, ServicesRequested: 0x10, CallMsgMask: ALL_CALL_EVENTS, AgentStateMask: 0x3fff,
      ClientID: 'monitor', ClientPassword: new Uint8Array(0),
    });
    await monitor.expect('OPEN_CONF');
    expect(await monitor.next()).toMatchObject({ MessageType: 'SYSTEM_EVENT', PGStatus: 0, SystemEventID: SYSTEM_EVENT_ID.PERIPHERAL_ONLINE, SystemEventArg1: 5000 });
    await monitor.expectNothingPending();
  });
});

describe('USER_MESSAGE', () => {
  it('reaches the supervisor, the team, one client or everyone, never the sender', async () => {
    const sim = await simulator();
    const first = await agentClient(sim, '3001');
    const second = await agentClient(sim, '3002');
    const supervisor = await supervisorClient(sim);

    first.request('USER_MESSAGE_REQ', { PeripheralID: 5000, Distribution: DISTRIBUTION.SUPERVISOR, Text: 'help with billing?' });
    expect(await first.next()).toMatchObject({ MessageType: 'USER_MESSAGE_CONF' });
    expect(await supervisor.next()).toMatchObject({ MessageType: 'USER_MESSAGE_EVENT', Distribution: DISTRIBUTION.SUPERVISOR, ClientID: '1001', Text: 'help with billing?' });
    await second.expectNothingPending();

    supervisor.request('USER_MESSAGE_REQ', { PeripheralID: 5000, Distribution: DISTRIBUTION.TEAM, Text: 'queue is long' });
    expect(await supervisor.next()).toMatchObject({ MessageType: 'USER_MESSAGE_CONF' });
    for (const member of [first, second]) expect(await member.next()).toMatchObject({ MessageType: 'USER_MESSAGE_EVENT', ClientID: '2001', Text: 'queue is long' });
    await supervisor.expectNothingPending();

    first.request('USER_MESSAGE_REQ', { PeripheralID: 5000, Distribution: DISTRIBUTION.CLIENT, ClientID: '1002', Text: 'lunch?' });
    expect(await first.next()).toMatchObject({ MessageType: 'USER_MESSAGE_CONF' });
    expect(await second.next()).toMatchObject({ MessageType: 'USER_MESSAGE_EVENT', Distribution: DISTRIBUTION.CLIENT, ClientID: '1001', Text: 'lunch?' });
    await supervisor.expectNothingPending();

    second.request('USER_MESSAGE_REQ', { PeripheralID: 5000, Distribution: DISTRIBUTION.ALL, Text: 'fire drill' });
    expect(await second.next()).toMatchObject({ MessageType: 'USER_MESSAGE_CONF' });
    for (const other of [first, supervisor]) expect(await other.next()).toMatchObject({ MessageType: 'USER_MESSAGE_EVENT', Distribution: DISTRIBUTION.ALL, Text: 'fire drill' });
  });

  it('refuses a bad distribution, a missing or unknown recipient, and an agent with no supervisor', async () => {
    const sim = await CtiSimulator.start({ site: { ...generatedSite({ agents: 2 }), teams: [] } });
    cleanups.push(() => sim.stop());
    const agent = await agentClient(sim, '3001');
    const refused = async (fields: Partial<Message<'USER_MESSAGE_REQ'>>, status: number) => {
      agent.request('USER_MESSAGE_REQ', { PeripheralID: 5000, Distribution: DISTRIBUTION.CLIENT, Text: 'hi', ...fields });
      expect(await agent.next()).toMatchObject({ MessageType: 'FAILURE_CONF', Status: status });
    };
    await refused({ Distribution: 7 }, STATUS.E_CTI_INVALID_DISTRIBUTION_TYPE);
    await refused({}, STATUS.E_CTI_REQUIRED_DATA_MISSING);
    await refused({ ClientID: 'nobody' }, STATUS.E_CTI_CLIENT_NOT_FOUND);
    await refused({ Distribution: DISTRIBUTION.SUPERVISOR }, STATUS.E_CTI_SUPERVISOR_NOT_FOUND);
    await refused({ Distribution: DISTRIBUTION.TEAM }, STATUS.E_CTI_TEAM_NOT_FOUND);
  });
});

describe('SUPERVISOR_ASSIST and EMERGENCY_CALL', () => {
  it('refuses an assist request while no supervisor of the team is logged in', async () => {
    const sim = await simulator();
    const agent = await agentClient(sim, '3001');
    await agent.login('1001', '3001');
    await supervisorClient(sim);
    agent.request('SUPERVISOR_ASSIST_REQ', { PeripheralID: 5000, ConnectionCallID: NO_CALL, ConnectionDeviceIDType: 0xffff });
    expect(await agent.next()).toMatchObject({ MessageType: 'FAILURE_CONF', Status: STATUS.E_CTI_SUPERVISOR_NOT_FOUND });
  });

  it('notifies the logged-in supervisor of an assist request about the agent call, and of an emergency', async () => {
    const sim = await simulator();
    const supervisor = await supervisorClient(sim);
    await supervisor.login('2001', '4001');
    const { agent, callId } = await agentOnCall(sim);
    await untilState(supervisor, '1001', AGENT_STATE.TALKING); // seen as a team member

    agent.request('SUPERVISOR_ASSIST_REQ', { PeripheralID: 5000, ConnectionCallID: callId, ConnectionDeviceIDType: 0, ConnectionDeviceID: '3001' });
    expect(await agent.next()).toMatchObject({ MessageType: 'SUPERVISOR_ASSIST_CONF', ConnectionCallID: callId, ConnectionDeviceID: '3001' });
    // The guide tabulates no body for SUPERVISOR_ASSIST_EVENT: the codec keeps it whole, and the
    // simulator writes it in the EMERGENCY_CALL_EVENT layout (ged188.md §7 #11).
    const assist = (await supervisor.next()) as Message<'SUPERVISOR_ASSIST_EVENT'>;
    expect(assist).toMatchObject({ MessageType: 'SUPERVISOR_ASSIST_EVENT' });
    expect(readAssistBody(assist)).toMatchObject({ PeripheralID: 5000, ConnectionCallID: callId, AgentID: '1001', AgentInstrument: '3001', ClientID: '1001' });

    agent.request('EMERGENCY_CALL_REQ', { PeripheralID: 5000, ConnectionCallID: NO_CALL, ConnectionDeviceIDType: 0xffff });
    expect(await agent.next()).toMatchObject({ MessageType: 'EMERGENCY_CALL_CONF', ConnectionCallID: NO_CALL });
    expect(await supervisor.next()).toMatchObject({ MessageType: 'EMERGENCY_CALL_EVENT', AgentID: '1001', ConnectionCallID: NO_CALL });
    expect(await agentStatistics(agent, '1001')).toMatchObject({ EmergencyCallsSession: 1, EmergencyCallsToday: 1 });
  });

  it('refuses help about a call the agent is not on, and a request for another peripheral', async () => {
    const sim = await simulator();
    const supervisor = await supervisorClient(sim);
    await supervisor.login('2001', '4001');
    const agent = await agentClient(sim, '3001');
    await agent.login('1001', '3001');
    agent.request('EMERGENCY_CALL_REQ', { PeripheralID: 5000, ConnectionCallID: 4242, ConnectionDeviceIDType: 0, ConnectionDeviceID: '3001' });
    expect(await agent.next()).toMatchObject({ MessageType: 'CONTROL_FAILURE_CONF', FailureCode: CONTROL_FAILURE_CODE.INVALID_CSTA_CALL_IDENTIFIER });
    agent.request('SUPERVISOR_ASSIST_REQ', { PeripheralID: 5001, ConnectionCallID: NO_CALL, ConnectionDeviceIDType: 0xffff });
    expect(await agent.next()).toMatchObject({ MessageType: 'FAILURE_CONF', Status: STATUS.E_CTI_INVALID_PERIPHERAL_ID });
  });
});

describe('a supervisor acting on team members', () => {
  it('makes an agent Ready and logs it out, and may not touch an agent of another team', async () => {
    const sim = await simulator(30);
    const agent = await agentClient(sim, '3001');
    await agent.login('1001', '3001');
    const supervisor = await supervisorClient(sim);
    await supervisor.login('2001', '4001');

    supervisor.request('SET_AGENT_STATE_REQ', { PeripheralID: 5000, AgentState: AGENT_STATE.AVAILABLE, AgentID: '1001' });
    expect(await supervisor.next()).toMatchObject({ MessageType: 'SET_AGENT_STATE_CONF' });
    expect(await supervisor.next()).toMatchObject({ MessageType: 'AGENT_STATE_EVENT', AgentID: '1001', AgentState: AGENT_STATE.AVAILABLE });
    expect(await agent.next()).toMatchObject({ MessageType: 'AGENT_STATE_EVENT', AgentState: AGENT_STATE.AVAILABLE });

    supervisor.request('SET_AGENT_STATE_REQ', { PeripheralID: 5000, AgentState: AGENT_STATE.LOGOUT, AgentID: '1001', EventReasonCode: 999 });
    expect(await supervisor.next()).toMatchObject({ MessageType: 'SET_AGENT_STATE_CONF' });
    expect(await agent.next()).toMatchObject({ MessageType: 'AGENT_STATE_EVENT', AgentState: AGENT_STATE.LOGOUT, EventReasonCode: 999 });

    // Agent 1026 is in team 2, supervised by 2002.
    supervisor.request('SET_AGENT_STATE_REQ', { PeripheralID: 5000, AgentState: AGENT_STATE.AVAILABLE, AgentID: '1026' });
    expect(await supervisor.expect('CONTROL_FAILURE_CONF')).toMatchObject({ FailureCode: CONTROL_FAILURE_CODE.PRIVILEGE_VIOLATION_ON_SPECIFIED_DEVICE });
    // An ordinary agent may not act on a colleague.
    agent.request('SET_AGENT_STATE_REQ', { PeripheralID: 5000, AgentState: AGENT_STATE.AVAILABLE, AgentID: '1002' });
    expect(await agent.next()).toMatchObject({ MessageType: 'CONTROL_FAILURE_CONF', FailureCode: CONTROL_FAILURE_CODE.PRIVILEGE_VIOLATION_ON_SPECIFIED_DEVICE });
  });
});

describe('SUPERVISE_CALL', () => {
  it('barges in on a call, intercepts it, and clears out, back to Not Ready', async () => {
    const sim = await simulator();
    const supervisor = await supervisorClient(sim);
    await supervisor.login('2001', '4001');
    const { agent, callId } = await agentOnCall(sim);
    await untilState(supervisor, '1001', AGENT_STATE.TALKING);

    superviseCall(supervisor, SUPERVISORY_ACTION.BARGE_IN);
    expect(await supervisor.next()).toMatchObject({ MessageType: 'SUPERVISE_CALL_CONF', ConnectionCallID: callId, ConnectionDeviceID: '4001' });
    expect(await supervisor.next()).toMatchObject({ MessageType: 'BEGIN_CALL_EVENT', ConnectionCallID: callId, CallType: CALL_TYPE.SUPERVISOR_BARGEIN, ANI: '5551234' });
    const conferenced = (await supervisor.next()) as Message<'CALL_CONFERENCED_EVENT'>;
    expect(conferenced).toMatchObject({ MessageType: 'CALL_CONFERENCED_EVENT', PrimaryCallID: callId, NumParties: 3, AddedPartyDeviceID: '4001' });
    expect(conferenced.ConnectedPartyDeviceID).toEqual(['5551234', '3001', '4001']);
    expect(await supervisor.next()).toMatchObject({ MessageType: 'AGENT_STATE_EVENT', AgentID: '2001', AgentState: AGENT_STATE.TALKING });
    expect(await agent.next()).toMatchObject({ MessageType: 'CALL_CONFERENCED_EVENT', NumParties: 3 });

    superviseCall(supervisor, SUPERVISORY_ACTION.INTERCEPT);
    expect(await supervisor.next()).toMatchObject({ MessageType: 'SUPERVISE_CALL_CONF', ConnectionCallID: callId });
    expect(await agent.next()).toMatchObject({ MessageType: 'CALL_CONNECTION_CLEARED_EVENT', ReleasingDeviceID: '3001' });
    await untilState(agent, '1001', AGENT_STATE.WORK_NOT_READY);
    const calls = (await (await fetch(`${sim.controlUrl}/calls`)).json()) as { parties: { device: string }[] }[];
    expect(calls[0]!.parties.map((p) => p.device)).toEqual(['5551234', '4001']);

    superviseCall(supervisor, SUPERVISORY_ACTION.CLEAR, {});
    expect(await supervisor.expect('SUPERVISE_CALL_CONF')).toMatchObject({ ConnectionCallID: callId });
    expect(await supervisor.expect('END_CALL_EVENT')).toMatchObject({ ConnectionCallID: callId });
    expect(await supervisor.expect('AGENT_STATE_EVENT')).toMatchObject({ AgentID: '2001', AgentState: AGENT_STATE.NOT_READY });
    expect(await agentStatistics(supervisor, '2001')).toMatchObject({ BargeInCallsSession: 1, InterceptCallsSession: 1 });
  });

  it('silently monitors a call without telling anyone on it, and stops', async () => {
    const sim = await simulator();
    const supervisor = await supervisorClient(sim);
    await supervisor.login('2001', '4001');
    const { agent, callId } = await agentOnCall(sim);
    await untilState(supervisor, '1001', AGENT_STATE.TALKING);
    superviseCall(supervisor, SUPERVISORY_ACTION.MONITOR, { AgentID: undefined, AgentInstrument: '3001' });
    expect(await supervisor.next()).toMatchObject({ MessageType: 'SUPERVISE_CALL_CONF', ConnectionCallID: callId, ConnectionDeviceID: '4001' });
    await agent.expectNothingPending();
    superviseCall(supervisor, SUPERVISORY_ACTION.CLEAR);
    expect(await supervisor.next()).toMatchObject({ MessageType: 'SUPERVISE_CALL_CONF', ConnectionCallID: callId });
    expect(await agentStatistics(supervisor, '2001')).toMatchObject({ MonitorCallsSession: 1 });
  });

  it('refuses what does not fit: no call, intercept before barge-in, whisper, unknown actions, non-supervisors', async () => {
    const sim = await simulator();
    const supervisor = await supervisorClient(sim);
    await supervisor.login('2001', '4001');
    const idle = await agentClient(sim, '3002');
    await idle.login('1002', '3002');

    superviseCall(supervisor, SUPERVISORY_ACTION.BARGE_IN, { AgentID: '1002' });
    expect(await supervisor.expect('CONTROL_FAILURE_CONF')).toMatchObject({ FailureCode: CONTROL_FAILURE_CODE.NO_ACTIVE_CALL });
    superviseCall(supervisor, SUPERVISORY_ACTION.CLEAR, { AgentID: '1002' });
    expect(await supervisor.expect('CONTROL_FAILURE_CONF')).toMatchObject({ FailureCode: CONTROL_FAILURE_CODE.NO_CONNECTION_TO_CLEAR });

    const { agent } = await agentOnCall(sim);
    superviseCall(supervisor, SUPERVISORY_ACTION.INTERCEPT);
    expect(await supervisor.expect('CONTROL_FAILURE_CONF')).toMatchObject({ FailureCode: CONTROL_FAILURE_CODE.INVALID_OBJECT_STATE });
    superviseCall(supervisor, SUPERVISORY_ACTION.WHISPER);
    expect(await supervisor.expect('FAILURE_CONF')).toMatchObject({ Status: STATUS.E_CTI_INVALID_SUPERVISORY_ACTION });
    superviseCall(supervisor, 9);
    expect(await supervisor.expect('FAILURE_CONF')).toMatchObject({ Status: STATUS.E_CTI_INVALID_SUPERVISORY_ACTION });
    superviseCall(supervisor, SUPERVISORY_ACTION.BARGE_IN, { AgentID: 'nobody' });
    expect(await supervisor.expect('FAILURE_CONF')).toMatchObject({ Status: STATUS.E_CTI_INVALID_AGENT_DATA });

    // A supervisor must be Not Ready to barge in.
    supervisor.request('SET_AGENT_STATE_REQ', { PeripheralID: 5000, AgentState: AGENT_STATE.AVAILABLE });
    await supervisor.expect('SET_AGENT_STATE_CONF');
    superviseCall(supervisor, SUPERVISORY_ACTION.BARGE_IN);
    expect(await supervisor.expect('CONTROL_FAILURE_CONF')).toMatchObject({ FailureCode: CONTROL_FAILURE_CODE.INVALID_OBJECT_STATE });

    // An agent session has no SUPERVISOR service.
    superviseCall(idle, SUPERVISORY_ACTION.BARGE_IN);
    expect(await idle.expect('FAILURE_CONF')).toMatchObject({ Status: STATUS.E_CTI_FUNCTION_NOT_AVAILABLE });
    await agent.expectNothingPending();
  });
});

describe('teams', () => {
  it('lists a supervisor teams by skill target id and starts and stops a team monitor', async () => {
    const sim = await simulator(30);
    const supervisor = await supervisorClient(sim, '4002');
    supervisor.request('LIST_AGENT_TEAM_REQ', { SupervisorID: 5000 + 2002 });
    const list = await supervisor.next();
    expect(list).toMatchObject({ MessageType: 'LIST_AGENT_TEAM_CONF', NumberOfAgentTeams: 1, SegmentNumber: 1, More: 0, TeamID: [2] });
    supervisor.request('LIST_AGENT_TEAM_REQ', { SupervisorID: 5000 + 1001 });
    expect(await supervisor.next()).toMatchObject({ MessageType: 'FAILURE_CONF', Status: STATUS.E_CTI_SUPERVISOR_NOT_FOUND });

    supervisor.request('MONITOR_AGENT_TEAM_START_REQ', { TeamID: 2 });
    const started = (await supervisor.next()) as Message<'MONITOR_AGENT_TEAM_START_CONF'>;
    expect(started.MessageType).toBe('MONITOR_AGENT_TEAM_START_CONF');
    supervisor.request('MONITOR_AGENT_TEAM_START_REQ', { TeamID: 2 });
    expect(await supervisor.next()).toMatchObject({ MessageType: 'FAILURE_CONF', Status: STATUS.E_CTI_AGENT_TEAM_MONITOR_ALREADY_EXISTS });
    supervisor.request('MONITOR_AGENT_TEAM_START_REQ', { TeamID: 99 });
    expect(await supervisor.next()).toMatchObject({ MessageType: 'FAILURE_CONF', Status: STATUS.E_CTI_TEAM_NOT_FOUND });
    supervisor.request('MONITOR_AGENT_TEAM_STOP_REQ', { MonitorID: started.MonitorID });
    expect(await supervisor.next()).toMatchObject({ MessageType: 'MONITOR_AGENT_TEAM_STOP_CONF' });
    supervisor.request('MONITOR_AGENT_TEAM_STOP_REQ', { MonitorID: started.MonitorID });
    expect(await supervisor.next()).toMatchObject({ MessageType: 'FAILURE_CONF', Status: STATUS.E_CTI_INVALID_MONITORID });
  });
});

describe('team monitors', () => {
  it('deliver the state of a monitored team’s agents to a supervisor of another team, until stopped', async () => {
    const sim = await simulator(30);
    const supervisor = await supervisorClient(sim, '4001');
    supervisor.request('MONITOR_AGENT_TEAM_START_REQ', { TeamID: 2 });
    const started = await supervisor.expect('MONITOR_AGENT_TEAM_START_CONF');
    const agent = await agentClient(sim, '3026');
    await agent.login('1026', '3026');
    expect(await supervisor.expect('AGENT_STATE_EVENT')).toMatchObject({ AgentID: '1026', AgentState: 0 });
    supervisor.request('MONITOR_AGENT_TEAM_STOP_REQ', { MonitorID: started.MonitorID });
    await supervisor.expect('MONITOR_AGENT_TEAM_STOP_CONF');
    await agent.ready();
    await supervisor.expectNothingPending();
  });
});

describe('statistics', () => {
  it('counts a handled call, its talk, hold and after-call time for the agent', async () => {
    // Durations on a clock the test moves: a second on hold is a second, however busy the machine.
    const clock = new ManualClock();
    const sim = await simulator(4, clock);
    const { agent, callId } = await agentOnCall(sim);
    const before = await agentStatistics(agent, '1001');
    expect(before).toMatchObject({ HandledCallsSession: 0, HandledCallsToday: 0, AgentID: '1001', PeripheralID: 5000 });

    agent.request('HOLD_CALL_REQ', { PeripheralID: 5000, ConnectionCallID: callId, ConnectionDeviceIDType: 0, ConnectionDeviceID: '3001' });
    await agent.expect('CALL_HELD_EVENT');
    clock.advance(1100);
    agent.request('RETRIEVE_CALL_REQ', { PeripheralID: 5000, HeldConnectionCallID: callId, HeldConnectionDeviceIDType: 0, HeldConnectionDeviceID: '3001' });
    await agent.expect('CALL_RETRIEVED_EVENT');
    agent.request('CLEAR_CONNECTION_REQ', { PeripheralID: 5000, ConnectionCallID: callId, ConnectionDeviceIDType: 0, ConnectionDeviceID: '3001' });
    await untilState(agent, '1001', AGENT_STATE.WORK_NOT_READY);

    const after = await agentStatistics(agent, '1001');
    // The 1.1 s on hold count as a second held and a second of talk (held time is talk time).
    expect(after).toMatchObject({
      HandledCallsSession: 1, HandledCallsToday: 1, IncomingCallsHeldSession: 1, AgentOutCallsSession: 0,
      HandledCallsTalkTimeSession: 1, IncomingCallsHeldTimeSession: 1, HandledCallsTimeSession: 1, LoggedOnTimeSession: 1,
    });

    clock.advance(1000);
    await agent.ready();
    const wrapped = await agentStatistics(agent, '1001');
    expect(wrapped).toMatchObject({ HandledCallsAfterCallTimeSession: 1, HandledCallsTimeSession: 2, LoggedOnTimeSession: 2 });
  });

  it('starts Session over at the next login and keeps Today', async () => {
    const sim = await simulator();
    const { agent, callId } = await agentOnCall(sim);
    agent.request('CLEAR_CONNECTION_REQ', { PeripheralID: 5000, ConnectionCallID: callId, ConnectionDeviceIDType: 0, ConnectionDeviceID: '3001' });
    await agent.expect('END_CALL_EVENT');
    expect(await agent.expect('AGENT_STATE_EVENT')).toMatchObject({ AgentState: AGENT_STATE.WORK_NOT_READY });
    // An agent logs out from Not Ready (ctios.md §2.3).
    agent.request('SET_AGENT_STATE_REQ', { PeripheralID: 5000, AgentState: AGENT_STATE.NOT_READY, EventReasonCode: 1 });
    expect(await agent.expect('AGENT_STATE_EVENT')).toMatchObject({ AgentState: AGENT_STATE.NOT_READY });
    agent.request('SET_AGENT_STATE_REQ', { PeripheralID: 5000, AgentState: AGENT_STATE.LOGOUT, EventReasonCode: 1 });
    expect(await agent.expect('AGENT_STATE_EVENT')).toMatchObject({ AgentState: AGENT_STATE.LOGOUT });
    await agent.login('1001', '3001');
    expect(await agentStatistics(agent, '1001')).toMatchObject({ HandledCallsSession: 0, HandledCallsToday: 1 });
  });

  it('refuses statistics of an unknown agent and of another peripheral', async () => {
    const sim = await simulator();
    const agent = await agentClient(sim, '3001');
    agent.request('QUERY_AGENT_STATISTICS_REQ', { PeripheralID: 5000, AgentID: '9999' });
    expect(await agent.next()).toMatchObject({ MessageType: 'CONTROL_FAILURE_CONF', FailureCode: CONTROL_FAILURE_CODE.INVALID_AGENT_ID_SPECIFIED });
    agent.request('QUERY_AGENT_STATISTICS_REQ', { PeripheralID: 1 });
    expect(await agent.next()).toMatchObject({ MessageType: 'FAILURE_CONF', Status: STATUS.E_CTI_INVALID_PERIPHERAL_ID });
  });

  it('reports a skill group agents by state, its queue and its handled calls', async () => {
    const sim = await simulator();
    const first = await agentClient(sim, '3001'); // skill group 100
    const second = await agentClient(sim, '3002'); // skill groups 100 and 101
    await first.login('1001', '3001');
    await second.login('1002', '3002');
    expect(await groupStatistics(first, 100)).toMatchObject({
      SkillGroupNumber: 100, SkillGroupID: 5000, AgentsLoggedOn: 2, AgentsNotReady: 2, AgentsAvail: 0, AgentsReady: 0, CallsQNow: 0, RouterCallsQNow: 0,
    });

    const callId = await postCall(sim, { ani: '5550000', dnis: '8005550100', skillGroup: 101 });
    expect(await groupStatistics(first, 101)).toMatchObject({ AgentsLoggedOn: 1, CallsQNow: 1, RouterCallsQNow: 1, CallsQ5: 1, CallsQToday: 1 });
    expect(await groupStatistics(first, 100)).toMatchObject({ CallsQNow: 0 });

    await first.ready();
    expect(await groupStatistics(first, 100)).toMatchObject({ AgentsAvail: 1, AgentsICMAvailable: 1, AgentsReady: 1, AgentsNotReady: 1 });

    await second.ready(); // takes the queued call
    await second.expect('CALL_DELIVERED_EVENT');
    second.request('ANSWER_CALL_REQ', { PeripheralID: 5000, ConnectionCallID: callId, ConnectionDeviceIDType: 0, ConnectionDeviceID: '3002' });
    await second.expect('ANSWER_CALL_CONF');
    expect(await groupStatistics(first, 101)).toMatchObject({ AgentsTalkingIn: 1, AgentsReady: 1, CallsQNow: 0, CallsQ5: 1 });
    expect(await groupStatistics(first, 100)).toMatchObject({ AgentsTalkingIn: 1, AgentsAvail: 1, AgentsLoggedOn: 2 });

    second.request('CLEAR_CONNECTION_REQ', { PeripheralID: 5000, ConnectionCallID: callId, ConnectionDeviceIDType: 0, ConnectionDeviceID: '3002' });
    await second.expect('END_CALL_EVENT');
    expect(await groupStatistics(first, 101)).toMatchObject({ HandledCallsTo5: 1, HandledCallsToHalf: 1, HandledCallsToday: 1, AgentsWorkNotReady: 1 });
    expect(await groupStatistics(first, 100)).toMatchObject({ HandledCallsToday: 0 });

    first.request('QUERY_SKILL_GROUP_STATISTICS_REQ', { PeripheralID: 5000, SkillGroupNumber: NO_CALL, SkillGroupID: 5001 });
    expect(await first.next()).toMatchObject({ MessageType: 'QUERY_SKILL_GROUP_STATISTICS_CONF', SkillGroupNumber: 101 });
    first.request('QUERY_SKILL_GROUP_STATISTICS_REQ', { PeripheralID: 5000, SkillGroupNumber: 999, SkillGroupID: NO_CALL });
    expect(await first.next()).toMatchObject({ MessageType: 'FAILURE_CONF', Status: STATUS.E_CTI_INVALID_SKILL_GROUP });
  });
});

describe('device monitors (MONITOR_START_REQ)', () => {
  const PERIPHERAL_MONITOR = 0x20;

  async function monitorClient(sim: CtiSimulator, services = SUPERVISOR_SERVICES | PERIPHERAL_MONITOR): Promise<Ged188TestClient> {
    const client = await connect(sim);
    await client.openAgent('4001', { ServicesRequested: services, CallMsgMask: ALL_CALL_EVENTS });
    return client;
  }

  function startMonitor(client: Ged188TestClient, device: string, callMsgMask = ALL_CALL_EVENTS): void {
    client.request('MONITOR_START_REQ', {
      PeripheralID: 5000,
      ConnectionCallID: 0,
      CallMsgMask: callMsgMask,
      AgentStateMask: 0x3fff,
      ConnectionDeviceIDType: 0xffff,
      MonitoredDeviceType: 0,
      MonitoredDeviceID: device,
    });
  }

  it('bring the monitored agent’s call and state events with the MonitorID, until stopped', async () => {
    const sim = await simulator();
    const supervisor = await monitorClient(sim);
    startMonitor(supervisor, '3001');
    const started = await supervisor.expect('MONITOR_START_CONF');
    expect(started.MonitorID).toBeGreaterThan(0);

    const { agent, callId } = await agentOnCall(sim);
    const seen: Message[] = [];
    for (;;) {
      const event = await supervisor.next();
      seen.push(event);
      if (event.MessageType === 'AGENT_STATE_EVENT' && event.AgentState === AGENT_STATE.TALKING) break;
    }
    expect(seen.map((m) => m.MessageType)).toEqual(expect.arrayContaining(['CALL_DELIVERED_EVENT', 'CALL_ESTABLISHED_EVENT', 'AGENT_STATE_EVENT']));
    for (const event of seen) expect(event).toMatchObject({ MonitorID: started.MonitorID });
    expect(seen.find((m) => m.MessageType === 'CALL_DELIVERED_EVENT')).toMatchObject({ ConnectionCallID: callId });

    supervisor.request('MONITOR_STOP_REQ', { MonitorID: started.MonitorID });
    await supervisor.expect('MONITOR_STOP_CONF');
    agent.request('CLEAR_CALL_REQ', { PeripheralID: 5000, ConnectionCallID: callId, ConnectionDeviceIDType: 0, ConnectionDeviceID: '3001' });
    await agent.expect('CLEAR_CALL_CONF');
    // Still a team member: its state comes, without a monitor id; its calls do not.
    const state = await supervisor.next();
    expect(state).toMatchObject({ MessageType: 'AGENT_STATE_EVENT', AgentID: '1001', MonitorID: 0 });
    await supervisor.expectNothingPending();
  });

  it('refuses an unknown MonitorID or device, and a session without PERIPHERAL_MONITOR', async () => {
    const sim = await simulator();
    const supervisor = await monitorClient(sim);
    supervisor.request('MONITOR_STOP_REQ', { MonitorID: 12345 });
    expect(await supervisor.next()).toMatchObject({ MessageType: 'FAILURE_CONF', Status: STATUS.E_CTI_INVALID_MONITORID });
    supervisor.request('CHANGE_MONITOR_MASK_REQ', { MonitorID: 12345, CallMsgMask: 0, AgentStateMask: 0 });
    expect(await supervisor.next()).toMatchObject({ MessageType: 'FAILURE_CONF', Status: STATUS.E_CTI_INVALID_MONITORID });
    startMonitor(supervisor, '9999');
    expect(await supervisor.next()).toMatchObject({ MessageType: 'FAILURE_CONF', Status: STATUS.E_CTI_INVALID_DEVICE });

    // Another session may not stop this one's monitor.
    startMonitor(supervisor, '3002');
    const started = (await supervisor.next()) as Message<'MONITOR_START_CONF'>;
    expect(started.MessageType).toBe('MONITOR_START_CONF');
    const other = await connect(sim);
    await other.openAgent('3004', { ServicesRequested: SUPERVISOR_SERVICES | PERIPHERAL_MONITOR });
    other.request('MONITOR_STOP_REQ', { MonitorID: started.MonitorID });
    expect(await other.next()).toMatchObject({ MessageType: 'FAILURE_CONF', Status: STATUS.E_CTI_INVALID_MONITORID });

    const plain = await connect(sim);
    await plain.openAgent('3003');
    startMonitor(plain, '3001');
    expect(await plain.next()).toMatchObject({ MessageType: 'FAILURE_CONF', Status: STATUS.E_CTI_FUNCTION_NOT_AVAILABLE });
  });

  it('applies the monitor’s own masks, changed by CHANGE_MONITOR_MASK_REQ', async () => {
    const sim = await simulator();
    const supervisor = await monitorClient(sim);
    startMonitor(supervisor, '3001', CALL_MSG_MASK.CALL_ESTABLISHED);
    const started = await supervisor.expect('MONITOR_START_CONF');
    supervisor.request('CHANGE_MONITOR_MASK_REQ', { MonitorID: started.MonitorID, CallMsgMask: CALL_MSG_MASK.CALL_DELIVERED, AgentStateMask: 0 });
    await supervisor.expect('CHANGE_MONITOR_MASK_CONF');
    await agentOnCall(sim);
    const delivered = await supervisor.expect('CALL_DELIVERED_EVENT');
    expect(delivered.MonitorID).toBe(started.MonitorID);
    await untilState(supervisor, '1001', AGENT_STATE.TALKING);
    expect(supervisor.unread).toBe(0);
  });
});
