import {
  AGENT_STATE,
  CALL_TYPE,
  CONTROL_FAILURE_CODE,
  DEVICE_ID_TYPE,
  DISTRIBUTION,
  EVENT_CAUSE,
  LOCAL_CONNECTION_STATE as LCS,
  STATUS,
  SUPERVISORY_ACTION,
} from '../../ged188/index.js';
import { agentsOn, partyOf, skillTargetId, type AgentRuntime, type Call } from './model.js';
import { ControlFailure, type Peripheral, type Requester } from './peripheral.js';
import { statisticsOf } from './statistics.js';

/**
 * What supervisors and their teams do besides calls (ged188.md §4, ctios.md §7.2): chat
 * (USER_MESSAGE), asking for help (SUPERVISOR_ASSIST, EMERGENCY_CALL), team monitors, and a
 * supervisor acting on an agent's call (SUPERVISE_CALL). Events reach agents' sessions by naming
 * the recipients in `agents` (event-filter.ts).
 */

/** A request CTI Server refuses with FAILURE_CONF and this status (§2.10), not CONTROL_FAILURE_CONF. */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(detail);
  }
}

interface SupervisionState {
  readonly teamMonitors: Map<number, { readonly sessionId: number; readonly teamId: number }>;
  nextMonitorId: number;
  /** Supervisor → the call it silently monitors, or has barged in on. */
  readonly monitoring: Map<string, number>;
  readonly bargedIn: Map<string, number>;
}

const states = new WeakMap<Peripheral, SupervisionState>();

function stateOf(peripheral: Peripheral): SupervisionState {
  let state = states.get(peripheral);
  if (!state) {
    const created: SupervisionState = { teamMonitors: new Map(), nextMonitorId: 1, monitoring: new Map(), bargedIn: new Map() };
    // A silent monitor ends with the call, a barge-in when the supervisor is no longer on it. END_CALL
    // also goes to one party leaving a call that goes on, so the model, not the event, decides.
    peripheral.subscribe(({ message }) => {
      if (message.MessageType !== 'END_CALL_EVENT') return;
      const callId = message.ConnectionCallID;
      const call = peripheral.calls.get(callId);
      for (const [supervisor, monitored] of created.monitoring) if (monitored === callId && !call) created.monitoring.delete(supervisor);
      for (const [supervisor, barged] of created.bargedIn) if (barged === callId && !(call && partyOf(call, supervisor))) created.bargedIn.delete(supervisor);
    });
    states.set(peripheral, (state = created));
  }
  return state;
}

function teamsOfMember(peripheral: Peripheral, agentId: string) {
  return peripheral.site.teams.filter((t) => t.members.includes(agentId) || t.supervisors.includes(agentId));
}

/** The supervisors of an agent's teams, logged in or not. */
function supervisorsOf(peripheral: Peripheral, agentId: string): string[] {
  return [...new Set(teamsOfMember(peripheral, agentId).flatMap((t) => t.supervisors))].filter((s) => s !== agentId);
}

function isLoggedIn(peripheral: Peripheral, agentId: string): boolean {
  const agent = peripheral.agents.get(agentId);
  return agent !== undefined && agent.state !== AGENT_STATE.LOGOUT;
}

// ------------------------------------------------------------------ USER_MESSAGE

export interface UserMessage {
  readonly distribution: number;
  /** Who sent it: the session's agent, or the agent an all-events client names. */
  readonly sender: AgentRuntime | undefined;
  /** DISTRIBUTE_TO_CLIENT's recipient. */
  readonly clientId: string | undefined;
  readonly text: string;
}

/**
 * Delivers a chat message by its Distribution. The simulator knows clients by the agents their
 * sessions are bound to, so a ClientID names its recipient by agent ID, instrument or extension.
 */
export function sendUserMessage(peripheral: Peripheral, requester: Requester, message: UserMessage): void {
  const recipients = userMessageRecipients(peripheral, message);
  peripheral.emit(
    'USER_MESSAGE_EVENT',
    {
      ICMCentralControllerTime: Math.floor(Date.now() / 1000),
      Distribution: message.distribution,
      ClientID: message.sender?.config.id ?? `session ${requester.sessionId}`,
      Text: message.text,
    },
    recipients,
    // The sender does not get its own message back.
    requester.sessionId,
  );
}

function userMessageRecipients(peripheral: Peripheral, { distribution, sender, clientId }: UserMessage): string[] {
  switch (distribution) {
    case DISTRIBUTION.CLIENT: {
      if (!clientId) throw new Refusal(STATUS.E_CTI_REQUIRED_DATA_MISSING, 'DISTRIBUTE_TO_CLIENT needs the ClientID of the recipient');
      const recipient =
        peripheral.agentByDevice({ agentId: clientId }) ??
        peripheral.agentByDevice({ instrument: clientId }) ??
        peripheral.agentByDevice({ extension: clientId });
      if (!recipient) throw new Refusal(STATUS.E_CTI_CLIENT_NOT_FOUND, `no client ${clientId}`);
      return [recipient.config.id];
    }
    case DISTRIBUTION.SUPERVISOR: {
      if (!sender) throw new Refusal(STATUS.E_CTI_REQUIRED_DATA_MISSING, 'the request names no sending agent');
      const supervisors = supervisorsOf(peripheral, sender.config.id);
      if (supervisors.length === 0) throw new Refusal(STATUS.E_CTI_SUPERVISOR_NOT_FOUND, `agent ${sender.config.id} has no supervisor`);
      return supervisors;
    }
    case DISTRIBUTION.TEAM: {
      if (!sender) throw new Refusal(STATUS.E_CTI_REQUIRED_DATA_MISSING, 'the request names no sending agent');
      const teams = teamsOfMember(peripheral, sender.config.id);
      if (teams.length === 0) throw new Refusal(STATUS.E_CTI_TEAM_NOT_FOUND, `agent ${sender.config.id} is in no team`);
      return [...new Set(teams.flatMap((t) => [...t.members, ...t.supervisors]))];
    }
    case DISTRIBUTION.ALL:
      return [...peripheral.agents.keys()];
    default:
      throw new Refusal(STATUS.E_CTI_INVALID_DISTRIBUTION_TYPE, `Distribution ${distribution} is not one of 0-3`);
  }
}

// ------------------------------------------------------------------ SUPERVISOR_ASSIST and EMERGENCY_CALL

/** The call a request for help is about, as its CONF and event carry it. */
export interface RelatedCall {
  readonly callId: number;
  readonly device: string;
}

/**
 * An agent asks its team's supervisors for help. CTI Server would place a CALLTYPE_ASSIST (or
 * EMERGENCY) call to the primary supervisor; this model has no call an agent's phone places on
 * its own, so it notifies every logged-in supervisor of the agent's teams with the event and
 * reports the related call (or none) in the CONF. Throws Refusal when no supervisor is logged in.
 */
export function callForHelp(
  peripheral: Peripheral,
  requester: Requester,
  kind: 'SUPERVISOR_ASSIST_EVENT' | 'EMERGENCY_CALL_EVENT',
  agent: AgentRuntime,
  connectionCallId: number,
): RelatedCall | undefined {
  let related: RelatedCall | undefined;
  if (connectionCallId !== 0xffffffff) {
    const call = peripheral.calls.get(connectionCallId);
    if (!call || !partyOf(call, agent.config.id)) {
      throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_CSTA_CALL_IDENTIFIER, `agent ${agent.config.id} is not on call ${connectionCallId}`);
    }
    related = { callId: call.id, device: agent.config.instrument };
  }
  const supervisors = supervisorsOf(peripheral, agent.config.id).filter((s) => isLoggedIn(peripheral, s));
  if (supervisors.length === 0) throw new Refusal(STATUS.E_CTI_SUPERVISOR_NOT_FOUND, `no supervisor of agent ${agent.config.id} is logged in`);
  peripheral.emit(
    kind,
    {
      PeripheralID: peripheral.peripheralId,
      ConnectionCallID: related?.callId ?? 0xffffffff,
      ConnectionDeviceIDType: related ? 0 : 0xffff,
      SessionID: requester.sessionId,
      ...(related ? { ConnectionDeviceID: related.device } : {}),
      ClientID: agent.config.id,
      AgentExtension: agent.config.extension ?? agent.config.instrument,
      AgentID: agent.config.id,
      AgentInstrument: agent.config.instrument,
    },
    supervisors,
  );
  if (kind === 'EMERGENCY_CALL_EVENT') statisticsOf(peripheral).count(agent.config.id, 'EmergencyCalls');
  return related;
}

// ------------------------------------------------------------------ teams

/** LIST_AGENT_TEAM: the teams a supervisor (by skill target id) supervises. */
export function teamsSupervisedBy(peripheral: Peripheral, supervisorSkillTargetId: number): number[] {
  const supervisor = [...peripheral.agents.values()].find((a) => a.config.supervisor && skillTargetId(a.config.id) === supervisorSkillTargetId);
  if (!supervisor) throw new Refusal(STATUS.E_CTI_SUPERVISOR_NOT_FOUND, `no supervisor has skill target id ${supervisorSkillTargetId}`);
  return peripheral.site.teams.filter((t) => t.supervisors.includes(supervisor.config.id)).map((t) => t.id);
}

/**
 * MONITOR_AGENT_TEAM_START: registers the monitor and answers its id. Which events the monitor
 * brings is decided by event delivery; see `teamMonitorMembers`.
 */
export function startTeamMonitor(peripheral: Peripheral, sessionId: number, teamId: number): number {
  if (!peripheral.site.teams.some((t) => t.id === teamId)) throw new Refusal(STATUS.E_CTI_TEAM_NOT_FOUND, `there is no team ${teamId}`);
  const state = stateOf(peripheral);
  for (const monitor of state.teamMonitors.values()) {
    if (monitor.sessionId === sessionId && monitor.teamId === teamId) {
      throw new Refusal(STATUS.E_CTI_AGENT_TEAM_MONITOR_ALREADY_EXISTS, `team ${teamId} is already monitored by this session`);
    }
  }
  const monitorId = state.nextMonitorId++;
  state.teamMonitors.set(monitorId, { sessionId, teamId });
  return monitorId;
}

export function stopTeamMonitor(peripheral: Peripheral, sessionId: number, monitorId: number): void {
  const state = stateOf(peripheral);
  if (state.teamMonitors.get(monitorId)?.sessionId !== sessionId) throw new Refusal(STATUS.E_CTI_INVALID_MONITORID, `this session has no monitor ${monitorId}`);
  state.teamMonitors.delete(monitorId);
}

/** The agents a session watches through its team monitors (for event delivery). */
export function teamMonitorMembers(peripheral: Peripheral, sessionId: number): Set<string> {
  const members = new Set<string>();
  for (const monitor of stateOf(peripheral).teamMonitors.values()) {
    if (monitor.sessionId !== sessionId) continue;
    const team = peripheral.site.teams.find((t) => t.id === monitor.teamId);
    for (const agentId of [...(team?.members ?? []), ...(team?.supervisors ?? [])]) members.add(agentId);
  }
  return members;
}

/** Forgets a closed session's team monitors. */
export function forgetSession(peripheral: Peripheral, sessionId: number): void {
  const monitors = stateOf(peripheral).teamMonitors;
  for (const [monitorId, monitor] of monitors) if (monitor.sessionId === sessionId) monitors.delete(monitorId);
}

// ------------------------------------------------------------------ SUPERVISE_CALL

export interface SuperviseCall {
  readonly supervisor: AgentRuntime;
  readonly agent: AgentRuntime;
  /** 0xFFFFFFFF: the agent's current call. */
  readonly agentCallId: number;
  readonly action: number;
}

/** The call the supervisor's connection is on after the action, for SUPERVISE_CALL_CONF. */
export interface SupervisorConnection {
  readonly callId: number;
  readonly device: string;
}

/**
 * A supervisor acts on a team member's call (ctios.md §7.2):
 *  - MONITOR (silent monitor) is bookkeeping only: the model carries no media, so the supervisor
 *    is not made a party and nobody on the call is told (it is silent).
 *  - BARGE_IN makes the supervisor (logged in, Not Ready, on no call) a conference party on the
 *    agent's connected call: it gets BEGIN_CALL_EVENT (CallType SUPERVISOR_BARGEIN), everyone on the
 *    call CALL_CONFERENCED_EVENT, and the supervisor goes Talking; after the call it returns to Not Ready.
 *  - INTERCEPT (only after this supervisor's barge-in) drops the agent from the call through the
 *    ordinary clear-connection path; the caller stays with the supervisor until it hangs up or CLEAR.
 *  - CLEAR ends the supervisor's barge-in (it leaves the call) or silent monitor.
 *  - WHISPER is refused: Unified CM peripherals do not offer it.
 */
export function superviseCall(peripheral: Peripheral, request: SuperviseCall): SupervisorConnection {
  const { supervisor, agent, action } = request;
  if (action > SUPERVISORY_ACTION.INTERCEPT || action === SUPERVISORY_ACTION.WHISPER) {
    throw new Refusal(STATUS.E_CTI_INVALID_SUPERVISORY_ACTION, `SupervisoryAction ${action} is not supported here`);
  }
  if (!peripheral.teamMembersOf(supervisor.config.id).has(agent.config.id)) {
    throw new ControlFailure(CONTROL_FAILURE_CODE.PRIVILEGE_VIOLATION_ON_SPECIFIED_DEVICE, `agent ${agent.config.id} is not in a team of supervisor ${supervisor.config.id}`);
  }
  const state = stateOf(peripheral);
  const supervisorId = supervisor.config.id;
  const connection = (callId: number): SupervisorConnection => ({ callId, device: supervisor.config.instrument });

  if (action === SUPERVISORY_ACTION.CLEAR) {
    const barged = state.bargedIn.get(supervisorId);
    if (barged !== undefined) {
      state.bargedIn.delete(supervisorId);
      peripheral.clearConnection(supervisor, barged);
      return connection(barged);
    }
    const monitored = state.monitoring.get(supervisorId);
    if (monitored === undefined) throw new ControlFailure(CONTROL_FAILURE_CODE.NO_CONNECTION_TO_CLEAR, `supervisor ${supervisorId} supervises no call`);
    state.monitoring.delete(supervisorId);
    return connection(monitored);
  }

  const call = agentCall(peripheral, agent, request.agentCallId);
  if (action === SUPERVISORY_ACTION.INTERCEPT) {
    if (state.bargedIn.get(supervisorId) !== call.id) {
      throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_OBJECT_STATE, 'intercept follows a barge-in on the same call');
    }
    // The supervisor stays on the call with the caller; CLEAR is how it leaves.
    peripheral.clearConnection(agent, call.id);
    statisticsOf(peripheral).count(supervisorId, 'InterceptCalls');
    return connection(call.id);
  }
  if (state.monitoring.has(supervisorId) || state.bargedIn.has(supervisorId)) {
    throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_OBJECT_STATE, `supervisor ${supervisorId} already supervises a call`);
  }
  if (action === SUPERVISORY_ACTION.MONITOR) {
    state.monitoring.set(supervisorId, call.id);
    statisticsOf(peripheral).count(supervisorId, 'MonitorCalls');
    return connection(call.id);
  }
  bargeIn(peripheral, supervisor, agent, call);
  state.bargedIn.set(supervisorId, call.id);
  statisticsOf(peripheral).count(supervisorId, 'BargeInCalls');
  return connection(call.id);
}

function agentCall(peripheral: Peripheral, agent: AgentRuntime, callId: number): Call {
  const id = callId === 0xffffffff ? [...agent.calls].find((c) => peripheral.calls.has(c)) : callId;
  const call = id === undefined ? undefined : peripheral.calls.get(id);
  if (!call || !partyOf(call, agent.config.id)) throw new ControlFailure(CONTROL_FAILURE_CODE.NO_ACTIVE_CALL, `agent ${agent.config.id} has no such call`);
  return call;
}

/**
 * Joins the supervisor to the call. The Peripheral has no public "add a party" operation, so this
 * changes the model's plain data the way its own conference would, and publishes the events; the
 * rest of the call's life (clearing, the caller hanging up, the state after the call) then runs
 * through the Peripheral's usual rules.
 */
function bargeIn(peripheral: Peripheral, supervisor: AgentRuntime, agent: AgentRuntime, call: Call): void {
  if (supervisor.state !== AGENT_STATE.NOT_READY || supervisor.calls.size > 0) {
    throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_OBJECT_STATE, 'a supervisor barges in from Not Ready, on no other call');
  }
  if (partyOf(call, agent.config.id)?.state !== LCS.CONNECT) {
    throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_OBJECT_STATE, `agent ${agent.config.id} is not talking on call ${call.id}`);
  }
  const party = { device: supervisor.config.instrument, deviceType: DEVICE_ID_TYPE.DEVICE_IDENTIFIER, state: LCS.CONNECT, agentId: supervisor.config.id };
  call.parties.push(party);
  supervisor.calls.add(call.id);
  // Back to Not Ready (with its reason) when the supervisor's part in the call ends.
  supervisor.pendingState = { state: AGENT_STATE.NOT_READY, reasonCode: supervisor.reasonCode };
  peripheral.emit(
    'BEGIN_CALL_EVENT',
    { ...peripheral.callFields(call, party), CallType: CALL_TYPE.SUPERVISOR_BARGEIN, CalledPartyDisposition: 0, ...peripheral.callData(call) },
    [supervisor.config.id],
  );
  peripheral.emit(
    'CALL_CONFERENCED_EVENT',
    {
      MonitorID: 0,
      PeripheralID: peripheral.peripheralId,
      PeripheralType: peripheral.callFields(call, party).PeripheralType,
      PrimaryDeviceIDType: 0,
      PrimaryCallID: call.id,
      LineHandle: 0,
      LineType: 0,
      ...peripheral.skillGroupFields(call),
      SecondaryDeviceIDType: 0,
      SecondaryCallID: call.id,
      ControllerDeviceType: DEVICE_ID_TYPE.DEVICE_IDENTIFIER,
      AddedPartyDeviceType: DEVICE_ID_TYPE.DEVICE_IDENTIFIER,
      LocalConnectionState: LCS.CONNECT,
      EventCause: EVENT_CAUSE.NONE,
      PrimaryDeviceID: agent.config.instrument,
      SecondaryDeviceID: supervisor.config.instrument,
      ControllerDeviceID: supervisor.config.instrument,
      AddedPartyDeviceID: supervisor.config.instrument,
      ConnectedPartyCallID: call.parties.map(() => call.id),
      ConnectedPartyDeviceIDType: call.parties.map((p) => p.deviceType),
      ConnectedPartyDeviceID: call.parties.map((p) => p.device),
    },
    agentsOn(call),
  );
  supervisor.state = AGENT_STATE.TALKING;
  supervisor.reasonCode = 0;
  supervisor.stateSince = peripheral.clock();
  supervisor.lastCallDirection = 'incoming';
  peripheral.emit('AGENT_STATE_EVENT', peripheral.agentStateEvent(supervisor), [supervisor.config.id]);
}
