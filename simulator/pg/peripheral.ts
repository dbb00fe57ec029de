import {
  AGENT_STATE,
  CONTROL_FAILURE_CODE,
  DEVICE_ID_TYPE,
  EVENT_CAUSE,
  LOCAL_CONNECTION_STATE as LCS,
  buildMessage,
  type Message,
  type MessageFields,
  type MessageName,
  type NamedArrayElement,
  type NamedVariable,
} from '../../ged188/index.js';
import { DeviceMonitors } from './device-monitors.js';
import { AgentStates } from './agent-states.js';
import { callFields, callData, beginCallFields, deliveredFields, establishedFields } from './call-fields.js';
import { CallRouting } from './call-routing.js';
import { Dialling } from './dialling.js';
import { agentsOn, isOutside, partyOf, type AgentRuntime, type Call, type Completion, type IncomingCall, type Party, type PgEvent, type Requester } from './model.js';
import { ControlFailure } from './refusals.js';
import { deskSettingsOf, type AgentConfig, type Site } from './site.js';
import { Statistics } from './statistics.js';
import { Supervision } from './supervision.js';
import { Transfers } from './transfers.js';

export interface PeripheralOptions {
  /** How long an outside number rings before it answers (ms); 0 answers at once. */
  readonly outsideAnswerMs?: number;
  /** The CTI client an agent's desktop is (its CLIENT_EVENTS session), which the server knows. */
  readonly clientOfAgent?: (agentId: string) => AgentClient | undefined;
}

/** The CTI client associated with an agent, as AGENT_STATE_EVENT names it. */
export interface AgentClient {
  readonly sessionId: number;
  /** OPEN_REQ's ClientSignature, if it sent one. */
  readonly signature: string | undefined;
}

export type NewCall = Pick<Call, 'callType' | 'direction' | 'ani' | 'dnis'> & {
  readonly skillGroup?: number | undefined;
  readonly targetAgent?: string | undefined;
  readonly consultOf?: number;
};

/** The call-data fields of MAKE_CALL, CONSULTATION_CALL and SET_CALL_DATA requests. */
export interface CallDataRequest {
  readonly CallWrapupData?: string;
  readonly NamedVariable?: readonly NamedVariable[];
  readonly NamedArray?: readonly NamedArrayElement[];
}

/** Ended calls are kept this long for wrap-up data and RELEASE_CALL, then forgotten. */
const ENDED_CALL_RETENTION_MS = 5 * 60_000;
const DEFAULT_OUTSIDE_ANSWER_MS = 1000;
const DTMF_DIGITS = /^[0-9*#A-D]+$/;

/**
 * The peripheral gateway behind CTI Server: UCCE's agent state machine, routing to
 * the longest-available agent, and calls with their parties, reduced to what an
 * agent desktop and a supervisor see. Every change is published as the GED-188
 * events the guide's sequences list (ged188.md §4.1), in order, after the reply
 * to the request that caused it.
 *
 * It holds the agents and calls and the life of a call (ringing, answer, hold, the
 * end), and owns the parts that act on them: the agent state machine, routing,
 * dialling, transfers and conferences, statistics, supervision and device monitors,
 * all on its one clock.
 */
export class Peripheral {
  readonly agents = new Map<string, AgentRuntime>();
  readonly calls = new Map<number, Call>();
  private readonly ended = new Map<number, Call>();
  private readonly listeners = new Set<(event: PgEvent) => void>();
  private pending: PgEvent[] = [];
  private nextCallId = 16_777_300;
  /** How long an outside number rings before it answers; settable on a running simulator. */
  outsideAnswerMs: number;
  /** The CTI client associated with an agent, if any (PeripheralOptions.clientOfAgent). */
  readonly clientOfAgent: (agentId: string) => AgentClient | undefined;

  // Its parts, made in the constructor once the site and the clock are in place.
  readonly agentStates: AgentStates;
  readonly routing: CallRouting;
  readonly dialling: Dialling;
  readonly transfers: Transfers;
  /** Counts from the start, not from the first session that asks. */
  readonly statistics: Statistics;
  readonly supervision: Supervision;
  readonly deviceMonitors: DeviceMonitors;

  constructor(
    readonly site: Site,
    /** The one clock of the peripheral and its parts (ms since epoch); tests may pass their own. */
    readonly clock: () => number = Date.now,
    options: PeripheralOptions = {},
  ) {
    this.outsideAnswerMs = options.outsideAnswerMs ?? DEFAULT_OUTSIDE_ANSWER_MS;
    this.clientOfAgent = options.clientOfAgent ?? (() => undefined);
    for (const config of site.agents) {
      this.agents.set(config.id, {
        config,
        state: AGENT_STATE.LOGOUT,
        reasonCode: 0,
        stateSince: clock(),
        availableSince: 0,
        calls: new Set(),
        pendingState: undefined,
        wrapupOwed: undefined,
        lastCallDirection: undefined,
        loggedInAt: 0,
        skillGroups: [],
      });
    }
    this.agentStates = new AgentStates(this);
    this.routing = new CallRouting(this);
    this.dialling = new Dialling(this);
    this.transfers = new Transfers(this);
    this.statistics = new Statistics(this, clock);
    this.supervision = new Supervision(this);
    this.deviceMonitors = new DeviceMonitors(this);
  }

  get peripheralId(): number {
    return this.site.peripheralId;
  }

  subscribe(listener: (event: PgEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Delivers the events of the last change; called after its reply has gone out. */
  flush(): void {
    while (this.pending.length > 0) {
      const events = this.pending;
      this.pending = [];
      for (const event of events) for (const listener of this.listeners) listener(event);
    }
  }

  agentByDevice(device: { agentId?: string; instrument?: string; extension?: string }): AgentRuntime | undefined {
    if (device.agentId) return this.agents.get(device.agentId);
    for (const agent of this.agents.values()) {
      if (device.instrument && agent.config.instrument === device.instrument) return agent;
      if (device.extension && (agent.config.extension ?? agent.config.instrument) === device.extension) return agent;
    }
    return undefined;
  }

  teamsOf(agentId: string): number[] {
    return this.site.teams.filter((t) => t.members.includes(agentId) || t.supervisors.includes(agentId)).map((t) => t.id);
  }

  /** Agents a supervisor oversees (members of the teams it supervises). */
  teamMembersOf(supervisorId: string): Set<string> {
    const members = new Set<string>();
    for (const team of this.site.teams) if (team.supervisors.includes(supervisorId)) for (const m of team.members) members.add(m);
    return members;
  }

  callOrEnded(callId: number): Call | undefined {
    return this.calls.get(callId) ?? this.ended.get(callId);
  }

  /**
   * Queues an event for delivery after the current reply (see `flush`). Modules that
   * add behaviour (supervision, statistics, faults) publish through this too.
   */
  emit<N extends MessageName>(type: N, fields: MessageFields<N>, agents: readonly string[], excludeSession?: number): void {
    this.publish({ message: buildMessage(type, fields), agents, ...(excludeSession === undefined ? {} : { excludeSession }) });
  }

  /** Queues a whole event for delivery after the current reply. */
  publish(event: PgEvent): void {
    this.pending.push(event);
  }

  createCall(init: NewCall): Call {
    const call: Call = {
      id: this.nextCallId++,
      callType: init.callType,
      direction: init.direction,
      ani: init.ani,
      dnis: init.dnis,
      dialedNumber: init.dnis,
      skillGroup: init.skillGroup,
      variables: Array.from({ length: 10 }, () => undefined),
      ecc: new Map(),
      eccArrays: new Map(),
      wrapup: undefined,
      parties: [],
      targetAgent: init.targetAgent,
      queuedAt: undefined,
      createdAt: this.clock(),
      answeredAt: undefined,
      endedAt: undefined,
      ...(init.consultOf === undefined ? {} : { consultOf: init.consultOf }),
    };
    this.calls.set(call.id, call);
    return call;
  }

  /** A direct (not routed) call to an agent's phone: it rings without reserving the agent. */
  ring(call: Call, agent: AgentRuntime): void {
    this.announceRinging(call, this.addRingingParty(call, agent));
  }

  addRingingParty(call: Call, agent: AgentRuntime): Party {
    const party: Party = { device: agent.config.instrument, deviceType: DEVICE_ID_TYPE.DEVICE_IDENTIFIER, state: LCS.ALERTING, agentId: agent.config.id };
    call.parties.push(party);
    agent.calls.add(call.id);
    agent.lastCallDirection = 'incoming';
    return party;
  }

  /** BEGIN_CALL to the agent the call now rings at (a new association), CALL_DELIVERED to everyone on it. */
  announceRinging(call: Call, party: Party): void {
    this.beginCall(call, party);
    this.emit('CALL_DELIVERED_EVENT', deliveredFields(this.site, call, party, EVENT_CAUSE.NONE), agentsOn(call));
    const agent = party.agentId === undefined ? undefined : this.agents.get(party.agentId);
    if (agent && deskSettingsOf(this.site, agent.config).autoAnswer) this.answer(agent, call.id);
  }

  beginCall(call: Call, party: Party): void {
    if (party.agentId === undefined) return;
    this.emit('BEGIN_CALL_EVENT', beginCallFields(this.site, call, party), [party.agentId]);
  }

  /** ANSWER_CALL_REQ: the ringing agent answers. */
  answer(agent: AgentRuntime, callId: number): void {
    const call = this.calls.get(callId);
    const party = call && partyOf(call, agent.config.id);
    if (!call || !party || party.state !== LCS.ALERTING) {
      throw new ControlFailure(CONTROL_FAILURE_CODE.NO_CALL_TO_ANSWER, `no call ${callId} is ringing at ${agent.config.instrument}`);
    }
    this.connect(call, party);
  }

  /** A ringing party (an agent, or the far end of an outside call) answers. */
  connect(call: Call, party: Party): void {
    party.state = LCS.CONNECT;
    call.answeredAt ??= this.clock();
    this.emit('CALL_ESTABLISHED_EVENT', establishedFields(this.site, call, party, EVENT_CAUSE.NONE), agentsOn(call));
    this.agentStates.syncPhoneStates(call);
  }

  /** HOLD_CALL_REQ. */
  hold(agent: AgentRuntime, callId: number): void {
    const { call, party } = this.connected(agent, callId, LCS.CONNECT, CONTROL_FAILURE_CODE.NO_ACTIVE_CALL);
    this.holdParty(call, party);
    this.agentStates.syncPhoneState(agent);
  }

  /** RETRIEVE_CALL_REQ. */
  retrieve(agent: AgentRuntime, callId: number): void {
    const { call, party } = this.connected(agent, callId, LCS.HOLD, CONTROL_FAILURE_CODE.NO_HELD_CALL);
    party.state = LCS.CONNECT;
    this.announceRetrieved(call, party);
    this.agentStates.syncPhoneState(agent);
  }

  holdParty(call: Call, party: Party): void {
    party.state = LCS.HOLD;
    this.emit('CALL_HELD_EVENT', {
      ...callFields(this.site, call, party),
      HoldingDeviceType: party.deviceType,
      LocalConnectionState: LCS.HOLD,
      EventCause: EVENT_CAUSE.NONE,
      HoldingDeviceID: party.device,
    }, agentsOn(call));
  }

  private announceRetrieved(call: Call, party: Party): void {
    this.emit('CALL_RETRIEVED_EVENT', {
      ...callFields(this.site, call, party),
      RetrievingDeviceType: party.deviceType,
      LocalConnectionState: LCS.CONNECT,
      EventCause: EVENT_CAUSE.NONE,
      RetrievingDeviceID: party.device,
    }, agentsOn(call));
  }

  connected(agent: AgentRuntime, callId: number, state: number, failure: number): { call: Call; party: Party } {
    const call = this.calls.get(callId);
    if (!call) throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_CSTA_CALL_IDENTIFIER, `there is no call ${callId}`);
    const party = partyOf(call, agent.config.id);
    if (!party) throw new ControlFailure(CONTROL_FAILURE_CODE.AGENT_NOT_PARTY_ON_CALL, `agent ${agent.config.id} is not on call ${callId}`);
    if (party.state !== state) throw new ControlFailure(failure, `call ${callId} is not in the right state for that`);
    return { call, party };
  }

  /** ALTERNATE_CALL_REQ: hold the active call and take back the held one. */
  alternate(agent: AgentRuntime, activeCallId: number, otherCallId: number): void {
    const active = this.connected(agent, activeCallId, LCS.CONNECT, CONTROL_FAILURE_CODE.NO_ACTIVE_CALL);
    const other = this.connected(agent, otherCallId, LCS.HOLD, CONTROL_FAILURE_CODE.NO_HELD_CALL);
    this.holdParty(active.call, active.party);
    other.party.state = LCS.CONNECT;
    this.announceRetrieved(other.call, other.party);
    this.agentStates.syncPhoneState(agent);
  }

  /** RECONNECT_CALL_REQ: cancel a consultation — clear the active call, take back the held one. */
  reconnect(agent: AgentRuntime, activeCallId: number, heldCallId: number): void {
    const call = this.calls.get(activeCallId);
    const party = call && partyOf(call, agent.config.id);
    if (!call || !party || party.state === LCS.HOLD) {
      throw new ControlFailure(CONTROL_FAILURE_CODE.NO_ACTIVE_CALL, `agent ${agent.config.id} has no active call ${activeCallId}`);
    }
    const held = this.connected(agent, heldCallId, LCS.HOLD, CONTROL_FAILURE_CODE.NO_HELD_CALL);
    // Back on the held call before the other one goes, so the agent never shows Hold in between.
    held.party.state = LCS.CONNECT;
    this.dropParty(call, party);
    this.announceRetrieved(held.call, held.party);
    this.agentStates.syncPhoneState(agent);
  }

  /** SEND_DTMF_SIGNAL_REQ: digits on an active call; nothing to model beyond checking them. */
  sendDtmf(agent: AgentRuntime, callId: number, digits: string | undefined): void {
    const { call } = this.connected(agent, callId, LCS.CONNECT, CONTROL_FAILURE_CODE.NO_ACTIVE_CALL);
    if (digits === undefined || !DTMF_DIGITS.test(digits)) {
      throw new ControlFailure(CONTROL_FAILURE_CODE.VALUE_OUT_OF_RANGE, `"${digits ?? ''}" is not DTMF (0-9 * # A-D)`);
    }
    call.dtmfReceived = (call.dtmfReceived ?? '') + digits;
  }

  /** CLEAR_CONNECTION_REQ: the agent leaves the call; a call left with one party ends. */
  clearConnection(agent: AgentRuntime, callId: number): void {
    const call = this.calls.get(callId);
    const party = call && partyOf(call, agent.config.id);
    if (!call || !party) throw new ControlFailure(CONTROL_FAILURE_CODE.NO_CONNECTION_TO_CLEAR, `agent ${agent.config.id} has no connection on call ${callId}`);
    this.dropParty(call, party);
  }

  /** CLEAR_CALL_REQ: every party leaves. */
  clearCall(agent: AgentRuntime, callId: number): void {
    const call = this.calls.get(callId);
    if (!call || !partyOf(call, agent.config.id)) throw new ControlFailure(CONTROL_FAILURE_CODE.NO_CALL_TO_CLEAR, `no call ${callId} to clear`);
    this.endCall(call, agent.config.instrument);
  }

  /** The caller hangs up (control API). */
  callerHangsUp(callId: number): void {
    const call = this.calls.get(callId);
    if (!call) throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_CSTA_CALL_IDENTIFIER, `there is no call ${callId}`);
    const caller = call.parties.find(isOutside);
    if (caller) this.dropParty(call, caller);
    else this.endCall(call, call.ani);
  }

  private dropParty(call: Call, party: Party): void {
    const audience = agentsOn(call);
    call.parties.splice(call.parties.indexOf(party), 1);
    this.emit('CALL_CONNECTION_CLEARED_EVENT', {
      ...callFields(this.site, call, party),
      ReleasingDeviceType: party.deviceType,
      LocalConnectionState: LCS.NULL,
      EventCause: EVENT_CAUSE.NONE,
      ReleasingDeviceID: party.device,
    }, audience);
    const talking = call.parties.filter((p) => p.state !== LCS.ALERTING || isOutside(p));
    if (call.parties.length <= 1 || talking.length <= 1) {
      // The call ends with this party: its events come before any agent's new state.
      this.endCall(call, party.device, audience, party);
    } else if (party.agentId !== undefined) {
      // The call goes on without this agent (a conference): only its association ends.
      this.emit('END_CALL_EVENT', callFields(this.site, call, party), [party.agentId]);
      this.leaveCall(party.agentId, call, party.state);
    }
  }

  /** A merge can leave a call with one party (the others hung up meanwhile): such a call is over. */
  endIfAlone(call: Call, releasingDevice: string): void {
    if (call.parties.length <= 1) this.endCall(call, releasingDevice);
  }

  endCall(call: Call, releasingDevice: string, audience = agentsOn(call), alsoLeaving?: Party): void {
    if (!this.calls.has(call.id)) return;
    const remaining = [...call.parties];
    call.parties.length = 0;
    this.routing.dequeue(call);
    // Each agent hears of the end on its own connection (§1.7: calls are keyed by
    // ConnectionCallID + ConnectionDeviceID); a call no agent had, on the releasing device.
    this.forEachConnection(audience, releasingDevice, (device, agents) =>
      this.emit('CALL_CLEARED_EVENT', {
        ...callFields(this.site, call, undefined),
        ConnectionDeviceID: device,
        LocalConnectionState: LCS.NULL,
        EventCause: EVENT_CAUSE.NONE,
      }, agents),
    );
    this.retire(call, audience);
    if (alsoLeaving?.agentId !== undefined) this.leaveCall(alsoLeaving.agentId, call, alsoLeaving.state);
    for (const party of remaining) if (party.agentId !== undefined) this.leaveCall(party.agentId, call, party.state);
  }

  /**
   * Calls `emit` once per agent with that agent's own device (its instrument), or
   * once with `device` for everyone when no agent is concerned (all-events monitors).
   */
  private forEachConnection(agents: readonly string[], device: string, emit: (device: string, agents: readonly string[]) => void): void {
    if (agents.length === 0) return emit(device, []);
    for (const agentId of new Set(agents)) emit(this.agents.get(agentId)?.config.instrument ?? device, [agentId]);
  }

  /** END_CALL to those associated with the call; it is kept a while for wrap-up data, then forgotten. */
  retire(call: Call, audience: readonly string[]): void {
    this.forEachConnection(audience, call.ani, (device, agents) =>
      this.emit('END_CALL_EVENT', { ...callFields(this.site, call, undefined), ConnectionDeviceID: device }, agents),
    );
    call.endedAt = this.clock();
    this.calls.delete(call.id);
    this.ended.set(call.id, call);
    this.forgetEndedCalls();
  }

  /**
   * The peripheral went offline: UCCE loses track of the calls in progress while they go on
   * at the switch (caller and agent keep talking on Unified CM; the desktop cannot control
   * them). Each client associated with a call gets END_CALL_EVENT, which the guide defines
   * as the association between call and client being dissolved, "not necessarily" the call
   * ending; no CALL_CLEARED_EVENT, since the call was not cleared. The calls leave the model
   * with no wrap-up retention: UCCE writes no call data for them after the loss. Their
   * agents hold no call any more; what state they go to is the caller's business.
   * Returns how many calls were lost.
   */
  loseTrackOfCalls(): number {
    const lost = [...this.calls.values()];
    for (const call of lost) {
      const agents = agentsOn(call);
      this.routing.dequeue(call);
      this.retire(call, agents);
      this.releaseCall(call.id);
      for (const agentId of agents) this.agents.get(agentId)?.calls.delete(call.id);
    }
    return lost.length;
  }

  /** The agent is off the call; `leftWhile` is its connection state then (Alerting: it never talked). */
  leaveCall(agentId: string, call: Call, leftWhile: number): void {
    const agent = this.agents.get(agentId);
    if (!agent || !agent.calls.delete(call.id)) return;
    if (agent.calls.size > 0) return this.agentStates.syncPhoneState(agent);
    if (leftWhile === LCS.ALERTING || leftWhile === LCS.FAIL) return this.agentStates.backToIdle(agent);
    this.agentStates.afterCall(agent, call);
  }

  private forgetEndedCalls(): void {
    const horizon = this.clock() - ENDED_CALL_RETENTION_MS;
    for (const [id, call] of this.ended) if ((call.endedAt ?? 0) < horizon) this.ended.delete(id);
  }

  /** RELEASE_CALL_REQ: the desktop is done with the call (wrap-up complete). */
  releaseCall(callId: number): void {
    this.ended.delete(callId);
  }

  /** SET_CALL_DATA_REQ: changes only what the request carries; others see CALL_DATA_UPDATE_EVENT. */
  setCallData(request: Message<'SET_CALL_DATA_REQ'>, requester: Requester): void {
    const call = this.callOrEnded(request.ConnectionCallID);
    if (!call) throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_CSTA_CALL_IDENTIFIER, `there is no call ${request.ConnectionCallID}`);
    this.applyCallData(call, request);
    call.callDataSets = (call.callDataSets ?? 0) + 1;
    if (request.CallWrapupData !== undefined) {
      for (const agent of this.agents.values()) if (agent.wrapupOwed === call.id) agent.wrapupOwed = undefined;
    }
    if (!this.calls.has(call.id)) return;
    this.forEachConnection(agentsOn(call), call.ani, (device, agents) =>
      this.emit('CALL_DATA_UPDATE_EVENT', {
        ...callFields(this.site, call, undefined),
        ConnectionDeviceID: device,
        NewConnectionDeviceIDType: 0,
        NewConnectionCallID: call.id,
        CallType: call.callType,
        CalledPartyDisposition: 0,
        ...callData(call),
      } as MessageFields<'CALL_DATA_UPDATE_EVENT'>, agents, requester.sessionId),
    );
  }

  /** Call variables, wrap-up data and ECC a request carries (only those it carries). */
  applyCallData(call: Call, request: CallDataRequest): void {
    const fields = request as Readonly<Record<string, unknown>>;
    for (let i = 0; i < 10; i++) {
      const value = fields[`CallVariable${i + 1}`];
      if (typeof value === 'string') call.variables[i] = value;
    }
    if (request.CallWrapupData !== undefined) call.wrapup = request.CallWrapupData;
    for (const variable of request.NamedVariable ?? []) call.ecc.set(variable.name, variable.value);
    for (const element of request.NamedArray ?? []) call.eccArrays.set(`${element.name}[${element.index}]`, element);
  }

  /** A consultation call starts with the consulted call's data, as UCCE carries it along. */
  copyCallData(from: Call, to: Call): void {
    from.variables.forEach((value, i) => (to.variables[i] = value));
    for (const [name, value] of from.ecc) to.ecc.set(name, value);
    for (const [key, element] of from.eccArrays) to.eccArrays.set(key, element);
    to.wrapup = from.wrapup;
  }

  agentConfig(agentId: string): AgentConfig | undefined {
    return this.agents.get(agentId)?.config;
  }

  // ------------------------------------------------------------------ requests its parts serve

  /** SET_AGENT_STATE_REQ for `agent` (ged188.md §4, ctios.md §2). Throws ControlFailure. */
  setAgentState(agent: AgentRuntime, request: Message<'SET_AGENT_STATE_REQ'>, options: { bySupervisor?: boolean } = {}): void {
    this.agentStates.setAgentState(agent, request, options);
  }

  agentStateEvent(agent: AgentRuntime): Message<'AGENT_STATE_EVENT'> {
    return this.agentStates.agentStateEvent(agent);
  }

  /** A caller calls in: routed to the longest-available Ready agent, or queued. */
  offerCall(incoming: IncomingCall): Call {
    return this.routing.offerCall(incoming);
  }

  makeCall(agent: AgentRuntime, request: Message<'MAKE_CALL_REQ'>): Call {
    return this.dialling.makeCall(agent, request);
  }

  consult(agent: AgentRuntime, request: Message<'CONSULTATION_CALL_REQ'>): Call {
    return this.dialling.consult(agent, request);
  }

  transfer(agent: AgentRuntime, request: Message<'TRANSFER_CALL_REQ'>): Completion {
    return this.transfers.transfer(agent, request);
  }

  conference(agent: AgentRuntime, request: Message<'CONFERENCE_CALL_REQ'>): Completion {
    return this.transfers.conference(agent, request);
  }

}
