import {
  AGENT_STATE,
  CONTROL_FAILURE_CODE,
  LOCAL_CONNECTION_STATE as LCS,
  NONE_UINT,
  PERIPHERAL_TYPE,
  buildMessage,
  type Message,
} from '../../ged188/index.js';
import { agentIdentityFields, agentsOn, agentTaskFields, partyOf, type AgentRuntime, type Call } from './model.js';
import type { Peripheral } from './peripheral.js';
import { ControlFailure } from './refusals.js';
import { deskSettingsOf } from './site.js';

const AGENT_ON_CALL_STATES = new Set<number>([AGENT_STATE.RESERVED, AGENT_STATE.TALKING, AGENT_STATE.HOLD, AGENT_STATE.BUSY_OTHER]);

/**
 * UCCE's agent state machine (ctios.md §2): what an agent may ask for and when, the
 * state its phone puts it in, and the state after a call from its desk settings.
 */
export class AgentStates {
  private availabilitySequence = 0;

  constructor(private readonly peripheral: Peripheral) {}

  agentStateEvent(agent: AgentRuntime): Message<'AGENT_STATE_EVENT'> {
    const group = this.peripheral.site.skillGroups.find((g) => g.number === agent.skillGroups[0]);
    // The guide: SessionID and CTIClientSignature of the CTI client associated with the agent, 0 / absent if none.
    const client = this.peripheral.clientOfAgent(agent.config.id);
    return buildMessage('AGENT_STATE_EVENT', {
      MonitorID: 0,
      PeripheralID: this.peripheral.peripheralId,
      SessionID: client?.sessionId ?? 0,
      ...(client?.signature === undefined ? {} : { CTIClientSignature: client.signature }),
      PeripheralType: PERIPHERAL_TYPE.ENTERPRISE_AGENT,
      SkillGroupState: agent.state,
      StateDuration: 0,
      SkillGroupNumber: group?.number ?? NONE_UINT,
      SkillGroupID: group?.id ?? NONE_UINT,
      SkillGroupPriority: 0,
      EventReasonCode: agent.reasonCode,
      ...agentTaskFields(agent),
      ...agentIdentityFields(agent),
      Direction: agent.lastCallDirection === 'incoming' ? 1 : agent.lastCallDirection === 'outgoing' ? 2 : 0,
      // The state asked for during a call, which UCCE applies when the call ends (Finesse's "pending state").
      ...(agent.pendingState ? { NextAgentState: agent.pendingState.state } : {}),
    });
  }

  setState(agent: AgentRuntime, state: number, reasonCode = 0): void {
    if (agent.state === state && agent.reasonCode === reasonCode) return;
    agent.state = state;
    agent.reasonCode = state === AGENT_STATE.NOT_READY || state === AGENT_STATE.LOGOUT ? reasonCode : 0;
    agent.stateSince = this.peripheral.clock();
    // A sequence, not the clock: two agents made Ready in the same millisecond still queue in order.
    if (state === AGENT_STATE.AVAILABLE) agent.availableSince = ++this.availabilitySequence;
    this.peripheral.publish({ message: this.agentStateEvent(agent), agents: [agent.config.id] });
    if (state === AGENT_STATE.AVAILABLE) this.peripheral.routing.routeQueuedTo(agent);
  }

  /** SET_AGENT_STATE_REQ for `agent` (ged188.md §4, ctios.md §2). Throws ControlFailure. */
  setAgentState(agent: AgentRuntime, request: Message<'SET_AGENT_STATE_REQ'>, options: { bySupervisor?: boolean } = {}): void {
    const { AgentState: wanted, EventReasonCode: reason } = request;
    const desk = deskSettingsOf(this.peripheral.site, agent.config);
    const loggedIn = agent.state !== AGENT_STATE.LOGOUT;
    if (wanted === AGENT_STATE.LOGIN) {
      if (loggedIn) throw new ControlFailure(CONTROL_FAILURE_CODE.SPECIFIED_AGENT_ALREADY_SIGNED_ON, `agent ${agent.config.id} is already logged in`);
      if (agent.config.password !== undefined && request.AgentPassword !== agent.config.password) {
        throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_PASSWORD_SPECIFIED, `wrong password for agent ${agent.config.id}`);
      }
      if (request.AgentInstrument !== undefined && request.AgentInstrument !== agent.config.instrument) {
        throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_LOGON_DEVICE_SPECIFIED, `agent ${agent.config.id} logs in on ${agent.config.instrument}`);
      }
      const requested = request.SkillGroupNumber ?? [];
      agent.skillGroups = requested.length > 0 ? requested.filter((g) => agent.config.skillGroups.includes(g)) : [...agent.config.skillGroups];
      agent.loggedInAt = this.peripheral.clock();
      this.setState(agent, AGENT_STATE.LOGIN);
      this.setState(agent, AGENT_STATE.NOT_READY, reason);
      return;
    }
    if (!loggedIn) throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_AGENT_ID_SPECIFIED, `agent ${agent.config.id} is not logged in`);
    switch (wanted) {
      case AGENT_STATE.LOGOUT:
        if (agent.calls.size > 0) throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_OBJECT_STATE, 'cannot log out during a call');
        // On UCCE an agent logs out from Not Ready (ctios.md §2.3); a supervisor may log it out from any idle state.
        if (!options.bySupervisor && agent.state !== AGENT_STATE.NOT_READY) {
          throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_OBJECT_STATE, 'log out from Not Ready');
        }
        if (desk.logoutReasonRequired && reason === 0) throw new ControlFailure(CONTROL_FAILURE_CODE.REASON_CODE_REQUIRED, 'logout needs a reason code');
        this.setState(agent, AGENT_STATE.LOGOUT, reason);
        agent.skillGroups = [];
        return;
      case AGENT_STATE.NOT_READY:
        this.refuseWhileWrapupOwed(agent);
        if (desk.notReadyReasonRequired && reason === 0) throw new ControlFailure(CONTROL_FAILURE_CODE.REASON_CODE_REQUIRED, 'Not Ready needs a reason code');
        return this.applyOrDefer(agent, AGENT_STATE.NOT_READY, reason);
      case AGENT_STATE.AVAILABLE:
        this.refuseWhileWrapupOwed(agent);
        return this.applyOrDefer(agent, AGENT_STATE.AVAILABLE, 0);
      case AGENT_STATE.WORK_READY:
      case AGENT_STATE.WORK_NOT_READY:
        if (agent.calls.size === 0 && agent.state !== AGENT_STATE.WORK_READY && agent.state !== AGENT_STATE.WORK_NOT_READY) {
          throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_OBJECT_STATE, 'work states follow a call');
        }
        return this.applyOrDefer(agent, wanted, 0);
      default:
        throw new ControlFailure(CONTROL_FAILURE_CODE.VALUE_OUT_OF_RANGE, `agent state ${wanted} cannot be requested`);
    }
  }

  /**
   * During a call, a requested state waits for the call to end, as UCCE does: the request
   * is confirmed, the agent stays in its call state, and an AGENT_STATE_EVENT names the
   * waiting state in NextAgentState (ged188.md §4, tag EXT_AGENT_STATE). A later request
   * replaces an earlier one: the last word wins, which is also how a desktop withdraws one.
   */
  private applyOrDefer(agent: AgentRuntime, state: number, reasonCode: number): void {
    if (agent.calls.size > 0 || AGENT_ON_CALL_STATES.has(agent.state)) {
      agent.pendingState = { state, reasonCode };
      this.peripheral.publish({ message: this.agentStateEvent(agent), agents: [agent.config.id] });
    } else {
      this.setState(agent, state, reasonCode);
    }
  }

  /** The state after an agent's last call ends: what it asked for, else its desk settings. */
  afterCall(agent: AgentRuntime, call?: Call): void {
    if (agent.state === AGENT_STATE.LOGOUT) return;
    const desk = deskSettingsOf(this.peripheral.site, agent.config);
    const incoming = agent.lastCallDirection !== 'outgoing';
    const available = incoming ? desk.availableAfterIncoming : desk.availableAfterOutgoing;
    const wrapup = incoming ? desk.wrapupIncoming : desk.wrapupOutgoing;
    const pending = agent.pendingState;
    agent.pendingState = undefined;
    if (wrapup === 'required-with-data' && call && call.wrapup === undefined) agent.wrapupOwed = call.id;
    if (available) return this.setState(agent, AGENT_STATE.AVAILABLE);
    if (wrapup === 'required' || wrapup === 'required-with-data') {
      // Wrap-up is compulsory: what the agent asked for during the call becomes its work state.
      return this.setState(agent, pending?.state === AGENT_STATE.AVAILABLE ? AGENT_STATE.WORK_READY : AGENT_STATE.WORK_NOT_READY);
    }
    if (pending) return this.setState(agent, pending.state, pending.reasonCode);
    this.setState(agent, wrapup === 'not-allowed' ? AGENT_STATE.NOT_READY : AGENT_STATE.WORK_NOT_READY);
  }

  /** "Required with data": the agent may not leave wrap-up before its data is in (CF 280). */
  private refuseWhileWrapupOwed(agent: AgentRuntime): void {
    if (agent.wrapupOwed !== undefined) {
      throw new ControlFailure(CONTROL_FAILURE_CODE.WRAPUP_DATA_REQUIRED, `wrap-up data for call ${agent.wrapupOwed} is required first`);
    }
  }

  syncPhoneStates(call: Call): void {
    for (const agentId of agentsOn(call)) {
      const agent = this.peripheral.agents.get(agentId);
      if (agent) this.syncPhoneState(agent);
    }
  }

  /**
   * The agent state the phone puts an agent in: Talking on any answered call; while it
   * only dials, Ready turns Busy Other (no routed call may reach it) and other states
   * stay; Hold when every call it has is held. A call merely ringing changes nothing here
   * (routed calls set Reserved themselves).
   */
  syncPhoneState(agent: AgentRuntime): void {
    if (agent.state === AGENT_STATE.LOGOUT) return;
    let dialling = false;
    let held = false;
    for (const callId of agent.calls) {
      const call = this.peripheral.calls.get(callId);
      const party = call && partyOf(call, agent.config.id);
      if (!call || !party) continue;
      const connected = party.state === LCS.CONNECT;
      if (connected && call.answeredAt !== undefined) return this.setState(agent, AGENT_STATE.TALKING);
      if (connected || party.state === LCS.INITIATE) dialling = true;
      if (party.state === LCS.HOLD) held = true;
    }
    if (dialling) {
      if (agent.state === AGENT_STATE.AVAILABLE) this.setState(agent, AGENT_STATE.BUSY_OTHER);
    } else if (held) {
      this.setState(agent, AGENT_STATE.HOLD);
    }
  }

  /**
   * The PG forces the agent Not Ready (its peripheral went offline): not a request, so no
   * rule of setAgentState applies, and what the agent asked for or owed for a call is moot.
   * An agent Not Ready already keeps its reason.
   */
  forceNotReady(agent: AgentRuntime, reasonCode: number): void {
    if (agent.state === AGENT_STATE.LOGOUT || agent.state === AGENT_STATE.NOT_READY) return;
    agent.pendingState = undefined;
    agent.wrapupOwed = undefined;
    this.setState(agent, AGENT_STATE.NOT_READY, reasonCode);
  }

  /** A call that only rang, or failed, leaves no wrap-up: the agent is free again as it was. */
  backToIdle(agent: AgentRuntime): void {
    const pending = agent.pendingState;
    agent.pendingState = undefined;
    if (pending) return this.setState(agent, pending.state, pending.reasonCode);
    if (agent.state === AGENT_STATE.RESERVED || agent.state === AGENT_STATE.BUSY_OTHER) this.setState(agent, AGENT_STATE.AVAILABLE);
  }
}
