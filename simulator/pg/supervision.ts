import {
  AGENT_STATE,
  CALL_TYPE,
  CONNECTION_DEVICE_ID_TYPE,
  CONTROL_FAILURE_CODE,
  DEVICE_ID_TYPE,
  DISTRIBUTION,
  EVENT_CAUSE,
  LOCAL_CONNECTION_STATE as LCS,
  NONE_UINT,
  STATUS,
  SUPERVISORY_ACTION,
  assistEvent,
} from '../../ged188/index.js';
import { agentsOn, partyOf, skillTargetId, type AgentRuntime, type Call, type Requester } from './model.js';
import type { Peripheral } from './peripheral.js';
import { ControlFailure, Refusal } from './refusals.js';
import { callData, callFields, skillGroupFields } from './call-fields.js';

/** The version SUPERVISOR_ASSIST_EVENT bodies are written for; each session re-writes them for its own. */
export const ASSIST_BODY_VERSION = 24;

/**
 * What supervisors and their teams do besides calls (ged188.md §4, ctios.md §7.2): chat
 * (USER_MESSAGE), asking for help (SUPERVISOR_ASSIST, EMERGENCY_CALL), team monitors, and a
 * supervisor acting on an agent's call (SUPERVISE_CALL). Events reach agents' sessions by naming
 * the recipients in `agents` (event-filter.ts).
 */

export interface UserMessage {
  readonly distribution: number;
  /** Who sent it: the session's agent, or the agent an all-events client names. */
  readonly sender: AgentRuntime | undefined;
  /** DISTRIBUTE_TO_CLIENT's recipient. */
  readonly clientId: string | undefined;
  readonly text: string;
}

/** The call a request for help is about, as its CONF and event carry it. */
export interface RelatedCall {
  readonly callId: number;
  readonly device: string;
}

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

export class Supervision {
  private readonly teamMonitors = new Map<number, { readonly sessionId: number; readonly teamId: number }>();
  private nextMonitorId = 1;
  /** Supervisor → the call it silently monitors, or has barged in on. */
  private readonly monitoring = new Map<string, number>();
  private readonly bargedIn = new Map<string, number>();

  constructor(private readonly peripheral: Peripheral) {
    // A silent monitor ends with the call, a barge-in when the supervisor is no longer on it. END_CALL
    // also goes to one party leaving a call that goes on, so the model, not the event, decides.
    peripheral.subscribe(({ message }) => {
      if (message.MessageType !== 'END_CALL_EVENT') return;
      const callId = message.ConnectionCallID;
      const call = peripheral.calls.get(callId);
      for (const [supervisor, monitored] of this.monitoring) if (monitored === callId && !call) this.monitoring.delete(supervisor);
      for (const [supervisor, barged] of this.bargedIn) if (barged === callId && !(call && partyOf(call, supervisor))) this.bargedIn.delete(supervisor);
    });
  }

  private teamsOfMember(agentId: string) {
    const peripheral = this.peripheral;
    return peripheral.site.teams.filter((t) => t.members.includes(agentId) || t.supervisors.includes(agentId));
  }

  /** The supervisors of an agent's teams, logged in or not. */
  private supervisorsOf(agentId: string): string[] {
    return [...new Set(this.teamsOfMember(agentId).flatMap((t) => t.supervisors))].filter((s) => s !== agentId);
  }

  private isLoggedIn(agentId: string): boolean {
    const peripheral = this.peripheral;
    const agent = peripheral.agents.get(agentId);
    return agent !== undefined && agent.state !== AGENT_STATE.LOGOUT;
  }

  // ------------------------------------------------------------------ USER_MESSAGE

  /**
   * Delivers a chat message by its Distribution. The simulator knows clients by the agents their
   * sessions are bound to, so a ClientID names its recipient by agent ID, instrument or extension.
   */
  sendUserMessage(requester: Requester, message: UserMessage): void {
    const peripheral = this.peripheral;
    const recipients = this.userMessageRecipients(message);
    peripheral.emit(
      'USER_MESSAGE_EVENT',
      {
        ICMCentralControllerTime: Math.floor(peripheral.clock() / 1000),
        Distribution: message.distribution,
        ClientID: message.sender?.config.id ?? `session ${requester.sessionId}`,
        Text: message.text,
      },
      recipients,
      // The sender does not get its own message back.
      requester.sessionId,
    );
  }

  private userMessageRecipients({ distribution, sender, clientId }: UserMessage): string[] {
    const peripheral = this.peripheral;
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
        const supervisors = this.supervisorsOf(sender.config.id);
        if (supervisors.length === 0) throw new Refusal(STATUS.E_CTI_SUPERVISOR_NOT_FOUND, `agent ${sender.config.id} has no supervisor`);
        return supervisors;
      }
      case DISTRIBUTION.TEAM: {
        if (!sender) throw new Refusal(STATUS.E_CTI_REQUIRED_DATA_MISSING, 'the request names no sending agent');
        const teams = this.teamsOfMember(sender.config.id);
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

  /**
   * An agent asks its team's supervisors for help. CTI Server would place a CALLTYPE_ASSIST (or
   * EMERGENCY) call to the primary supervisor; this model has no call an agent's phone places on
   * its own, so it notifies every logged-in supervisor of the agent's teams with the event and
   * reports the related call (or none) in the CONF. Throws Refusal when no supervisor is logged in.
   */
  callForHelp(
    requester: Requester,
    kind: 'SUPERVISOR_ASSIST_EVENT' | 'EMERGENCY_CALL_EVENT',
    agent: AgentRuntime,
    connectionCallId: number,
  ): RelatedCall | undefined {
    const peripheral = this.peripheral;
    let related: RelatedCall | undefined;
    if (connectionCallId !== NONE_UINT) {
      const call = peripheral.calls.get(connectionCallId);
      if (!call || !partyOf(call, agent.config.id)) {
        throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_CSTA_CALL_IDENTIFIER, `agent ${agent.config.id} is not on call ${connectionCallId}`);
      }
      related = { callId: call.id, device: agent.config.instrument };
    }
    const supervisors = this.supervisorsOf(agent.config.id).filter((s) => this.isLoggedIn(s));
    if (supervisors.length === 0) throw new Refusal(STATUS.E_CTI_SUPERVISOR_NOT_FOUND, `no supervisor of agent ${agent.config.id} is logged in`);
    const fields = {
      PeripheralID: peripheral.peripheralId,
      ConnectionCallID: related?.callId ?? NONE_UINT,
      ConnectionDeviceIDType: related ? CONNECTION_DEVICE_ID_TYPE.STATIC : CONNECTION_DEVICE_ID_TYPE.NONE,
      SessionID: requester.sessionId,
      ...(related ? { ConnectionDeviceID: related.device } : {}),
      ClientID: agent.config.id,
      AgentExtension: agent.config.extension ?? agent.config.instrument,
      AgentID: agent.config.id,
      AgentInstrument: agent.config.instrument,
    };
    if (kind === 'EMERGENCY_CALL_EVENT') peripheral.emit(kind, fields, supervisors);
    // The guide has no table for this body (§7 #11): it goes out in the EMERGENCY_CALL_EVENT
    // layout, written for the newest version and re-written per session (client-session).
    else peripheral.publish({ message: assistEvent(fields, ASSIST_BODY_VERSION), agents: supervisors });
    if (kind === 'EMERGENCY_CALL_EVENT') peripheral.statistics.count(agent.config.id, 'EmergencyCalls');
    return related;
  }

  // ------------------------------------------------------------------ teams

  /** LIST_AGENT_TEAM: the teams a supervisor (by skill target id) supervises. */
  teamsSupervisedBy(supervisorSkillTargetId: number): number[] {
    const peripheral = this.peripheral;
    const supervisor = [...peripheral.agents.values()].find((a) => a.config.supervisor && skillTargetId(a.config.id) === supervisorSkillTargetId);
    if (!supervisor) throw new Refusal(STATUS.E_CTI_SUPERVISOR_NOT_FOUND, `no supervisor has skill target id ${supervisorSkillTargetId}`);
    return peripheral.site.teams.filter((t) => t.supervisors.includes(supervisor.config.id)).map((t) => t.id);
  }

  /**
   * MONITOR_AGENT_TEAM_START: registers the monitor and answers its id. Which events the monitor
   * brings is decided by event delivery; see `teamMonitorMembers`.
   */
  startTeamMonitor(sessionId: number, teamId: number): number {
    const peripheral = this.peripheral;
    if (!peripheral.site.teams.some((t) => t.id === teamId)) throw new Refusal(STATUS.E_CTI_TEAM_NOT_FOUND, `there is no team ${teamId}`);
    for (const monitor of this.teamMonitors.values()) {
      if (monitor.sessionId === sessionId && monitor.teamId === teamId) {
        throw new Refusal(STATUS.E_CTI_AGENT_TEAM_MONITOR_ALREADY_EXISTS, `team ${teamId} is already monitored by this session`);
      }
    }
    const monitorId = this.nextMonitorId++;
    this.teamMonitors.set(monitorId, { sessionId, teamId });
    return monitorId;
  }

  stopTeamMonitor(sessionId: number, monitorId: number): void {
    if (this.teamMonitors.get(monitorId)?.sessionId !== sessionId) throw new Refusal(STATUS.E_CTI_INVALID_MONITORID, `this session has no monitor ${monitorId}`);
    this.teamMonitors.delete(monitorId);
  }

  /** The agents a session watches through its team monitors (for event delivery). */
  teamMonitorMembers(sessionId: number): Set<string> {
    const peripheral = this.peripheral;
    const members = new Set<string>();
    for (const monitor of this.teamMonitors.values()) {
      if (monitor.sessionId !== sessionId) continue;
      const team = peripheral.site.teams.find((t) => t.id === monitor.teamId);
      for (const agentId of [...(team?.members ?? []), ...(team?.supervisors ?? [])]) members.add(agentId);
    }
    return members;
  }

  /** Forgets a closed session's team monitors. */
  forgetSession(sessionId: number): void {
    const monitors = this.teamMonitors;
    for (const [monitorId, monitor] of monitors) if (monitor.sessionId === sessionId) monitors.delete(monitorId);
  }

  // ------------------------------------------------------------------ SUPERVISE_CALL

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
  superviseCall(request: SuperviseCall): SupervisorConnection {
    const peripheral = this.peripheral;
    const { supervisor, agent, action } = request;
    if (action > SUPERVISORY_ACTION.INTERCEPT || action === SUPERVISORY_ACTION.WHISPER) {
      throw new Refusal(STATUS.E_CTI_INVALID_SUPERVISORY_ACTION, `SupervisoryAction ${action} is not supported here`);
    }
    if (!peripheral.teamMembersOf(supervisor.config.id).has(agent.config.id)) {
      throw new ControlFailure(CONTROL_FAILURE_CODE.PRIVILEGE_VIOLATION_ON_SPECIFIED_DEVICE, `agent ${agent.config.id} is not in a team of supervisor ${supervisor.config.id}`);
    }
    const supervisorId = supervisor.config.id;
    const connection = (callId: number): SupervisorConnection => ({ callId, device: supervisor.config.instrument });

    if (action === SUPERVISORY_ACTION.CLEAR) {
      const barged = this.bargedIn.get(supervisorId);
      if (barged !== undefined) {
        this.bargedIn.delete(supervisorId);
        peripheral.clearConnection(supervisor, barged);
        return connection(barged);
      }
      const monitored = this.monitoring.get(supervisorId);
      if (monitored === undefined) throw new ControlFailure(CONTROL_FAILURE_CODE.NO_CONNECTION_TO_CLEAR, `supervisor ${supervisorId} supervises no call`);
      this.monitoring.delete(supervisorId);
      return connection(monitored);
    }

    const call = this.agentCall(agent, request.agentCallId);
    if (action === SUPERVISORY_ACTION.INTERCEPT) {
      if (this.bargedIn.get(supervisorId) !== call.id) {
        throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_OBJECT_STATE, 'intercept follows a barge-in on the same call');
      }
      // The supervisor stays on the call with the caller; CLEAR is how it leaves.
      peripheral.clearConnection(agent, call.id);
      peripheral.statistics.count(supervisorId, 'InterceptCalls');
      return connection(call.id);
    }
    if (this.monitoring.has(supervisorId) || this.bargedIn.has(supervisorId)) {
      throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_OBJECT_STATE, `supervisor ${supervisorId} already supervises a call`);
    }
    if (action === SUPERVISORY_ACTION.MONITOR) {
      this.monitoring.set(supervisorId, call.id);
      peripheral.statistics.count(supervisorId, 'MonitorCalls');
      return connection(call.id);
    }
    this.bargeIn(supervisor, agent, call);
    this.bargedIn.set(supervisorId, call.id);
    peripheral.statistics.count(supervisorId, 'BargeInCalls');
    return connection(call.id);
  }

  private agentCall(agent: AgentRuntime, callId: number): Call {
    const peripheral = this.peripheral;
    const id = callId === NONE_UINT ? [...agent.calls].find((c) => peripheral.calls.has(c)) : callId;
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
  private bargeIn(supervisor: AgentRuntime, agent: AgentRuntime, call: Call): void {
    const peripheral = this.peripheral;
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
      { ...callFields(peripheral.site, call, party), CallType: CALL_TYPE.SUPERVISOR_BARGEIN, CalledPartyDisposition: 0, ...callData(call) },
      [supervisor.config.id],
    );
    peripheral.emit(
      'CALL_CONFERENCED_EVENT',
      {
        MonitorID: 0,
        PeripheralID: peripheral.peripheralId,
        PeripheralType: callFields(peripheral.site, call, party).PeripheralType,
        PrimaryDeviceIDType: 0,
        PrimaryCallID: call.id,
        LineHandle: 0,
        LineType: 0,
        ...skillGroupFields(peripheral.site, call),
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
}
