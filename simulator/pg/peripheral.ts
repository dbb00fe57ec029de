import {
  AGENT_STATE,
  CALL_TYPE,
  CONTROL_FAILURE_CODE,
  DEVICE_ID_TYPE,
  EVENT_CAUSE,
  LOCAL_CONNECTION_STATE as LCS,
  PERIPHERAL_TYPE,
  type Message,
  type MessageName,
} from '../../ged188/index.js';
import { message, type Fields } from './message-factory.js';
import { agentsOn, partyOf, type AgentRuntime, type Call, type Party } from './model.js';
import type { AgentConfig, Site } from './site.js';

/** An event and the agents it concerns; sessions decide who receives it. */
export interface PgEvent {
  readonly message: Message;
  /** Agents whose devices or state the event is about (empty: only all-events monitors). */
  readonly agents: readonly string[];
  /** The session whose request caused it, for events "other observers" get. */
  readonly excludeSession?: number;
}

/** Why a request was refused: a ControlFailureCode, sent as CONTROL_FAILURE_CONF. */
export class ControlFailure extends Error {
  constructor(
    readonly code: number,
    detail: string,
  ) {
    super(detail);
  }
}

/** Who asks: the session and the agent it is bound to (CLIENT_EVENTS), if any. */
export interface Requester {
  readonly sessionId: number;
  readonly agentId: string | undefined;
}

export interface IncomingCall {
  readonly ani: string;
  readonly dnis: string;
  readonly skillGroup?: number;
  readonly agentId?: string;
  readonly callVariables?: Readonly<Record<string, string>>;
  readonly ecc?: Readonly<Record<string, string>>;
}

const AGENT_ON_CALL_STATES = new Set<number>([AGENT_STATE.RESERVED, AGENT_STATE.TALKING, AGENT_STATE.HOLD]);
/** Ended calls are kept this long for wrap-up data and RELEASE_CALL, then forgotten. */
const ENDED_CALL_RETENTION_MS = 5 * 60_000;

/**
 * The peripheral gateway behind CTI Server: UCCE's agent state machine, routing to
 * the longest-available agent, and calls with their parties, reduced to what an
 * agent desktop and a supervisor see. Every change is published as the GED-188
 * events the guide's sequences list (ged188.md §4.1), in order, after the reply
 * to the request that caused it.
 */
export class Peripheral {
  readonly agents = new Map<string, AgentRuntime>();
  readonly calls = new Map<number, Call>();
  private readonly ended = new Map<number, Call>();
  private readonly queue: number[] = [];
  private readonly listeners = new Set<(event: PgEvent) => void>();
  private pending: PgEvent[] = [];
  private nextCallId = 16_777_300;
  private availabilitySequence = 0;

  constructor(
    readonly site: Site,
    private readonly clock: () => number = Date.now,
  ) {
    for (const config of site.agents) {
      this.agents.set(config.id, {
        config,
        state: AGENT_STATE.LOGOUT,
        reasonCode: 0,
        stateSince: clock(),
        availableSince: 0,
        calls: new Set(),
        pendingState: undefined,
        lastCallDirection: undefined,
        loggedInAt: 0,
        skillGroups: [],
      });
    }
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

  // ------------------------------------------------------------------ lookups

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

  // ------------------------------------------------------------------ events

  /**
   * Queues an event for delivery after the current reply (see `flush`). Modules that
   * add behaviour (supervision, statistics, faults) publish through this too.
   */
  emit<N extends MessageName>(type: N, fields: Fields<N>, agents: readonly string[], excludeSession?: number): void {
    this.pending.push({ message: message(type, fields), agents, ...(excludeSession === undefined ? {} : { excludeSession }) });
  }

  agentStateEvent(agent: AgentRuntime): Message<'AGENT_STATE_EVENT'> {
    const group = this.site.skillGroups.find((g) => g.number === agent.skillGroups[0]);
    return message('AGENT_STATE_EVENT', {
      MonitorID: 0,
      PeripheralID: this.peripheralId,
      SessionID: 0,
      PeripheralType: PERIPHERAL_TYPE.ENTERPRISE_AGENT,
      SkillGroupState: agent.state,
      StateDuration: 0,
      SkillGroupNumber: group?.number ?? 0xffffffff,
      SkillGroupID: group?.id ?? 0xffffffff,
      SkillGroupPriority: 0,
      AgentState: agent.state,
      EventReasonCode: agent.reasonCode,
      MRDID: 1,
      NumTasks: agent.calls.size,
      AgentMode: agent.state === AGENT_STATE.AVAILABLE ? 1 : 0,
      MaxTaskLimit: 1,
      ICMAgentID: 5000 + Number(agent.config.id.replace(/\D/g, '').slice(-6) || 0),
      AgentAvailabilityStatus: agent.state === AGENT_STATE.AVAILABLE ? 1 : 0,
      DepartmentID: 0,
      AgentID: agent.config.id,
      AgentExtension: agent.config.extension ?? agent.config.instrument,
      AgentInstrument: agent.config.instrument,
      Direction: agent.lastCallDirection === 'incoming' ? 1 : agent.lastCallDirection === 'outgoing' ? 2 : 0,
    });
  }

  private setState(agent: AgentRuntime, state: number, reasonCode = 0): void {
    if (agent.state === state && agent.reasonCode === reasonCode) return;
    agent.state = state;
    agent.reasonCode = state === AGENT_STATE.NOT_READY || state === AGENT_STATE.LOGOUT ? reasonCode : 0;
    agent.stateSince = this.clock();
    // A sequence, not the clock: two agents made Ready in the same millisecond still queue in order.
    if (state === AGENT_STATE.AVAILABLE) agent.availableSince = ++this.availabilitySequence;
    this.pending.push({ message: this.agentStateEvent(agent), agents: [agent.config.id] });
    if (state === AGENT_STATE.AVAILABLE) this.routeQueuedTo(agent);
  }

  callFields(call: Call, party: Party | undefined) {
    return {
      MonitorID: 0,
      PeripheralID: this.peripheralId,
      PeripheralType: PERIPHERAL_TYPE.ENTERPRISE_AGENT,
      ConnectionDeviceIDType: 0,
      ConnectionCallID: call.id,
      ConnectionDeviceID: party?.device ?? call.ani,
    };
  }

  callData(call: Call) {
    const variables: Record<string, string> = {};
    call.variables.forEach((value, i) => {
      if (value !== undefined) variables[`CallVariable${i + 1}`] = value;
    });
    return {
      ANI: call.ani,
      DNIS: call.dnis,
      DialedNumber: call.dialedNumber,
      ...variables,
      ...(call.wrapup === undefined ? {} : { CallWrapupData: call.wrapup }),
      NamedVariable: [...call.ecc].map(([name, value]) => ({ name, value })),
      NamedArray: [...call.eccArrays.values()],
    };
  }

  skillGroupFields(call: Call) {
    const group = this.site.skillGroups.find((g) => g.number === call.skillGroup);
    return group ? { SkillGroupNumber: group.number, SkillGroupID: group.id, SkillGroupPriority: 0 } : {};
  }

  // ------------------------------------------------------------------ agent state

  /** SET_AGENT_STATE_REQ for `agent` (ged188.md §4, ctios.md §2). Throws ControlFailure. */
  setAgentState(agent: AgentRuntime, request: Message<'SET_AGENT_STATE_REQ'>): void {
    const { AgentState: wanted, EventReasonCode: reason } = request;
    const desk = this.site.deskSettings;
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
      agent.loggedInAt = this.clock();
      this.setState(agent, AGENT_STATE.LOGIN);
      this.setState(agent, AGENT_STATE.NOT_READY, reason);
      return;
    }
    if (!loggedIn) throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_AGENT_ID_SPECIFIED, `agent ${agent.config.id} is not logged in`);
    switch (wanted) {
      case AGENT_STATE.LOGOUT:
        if (agent.calls.size > 0) throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_OBJECT_STATE, 'cannot log out during a call');
        if (desk.logoutReasonRequired && reason === 0) throw new ControlFailure(CONTROL_FAILURE_CODE.REASON_CODE_REQUIRED, 'logout needs a reason code');
        this.setState(agent, AGENT_STATE.LOGOUT, reason);
        agent.skillGroups = [];
        return;
      case AGENT_STATE.NOT_READY:
        if (desk.notReadyReasonRequired && reason === 0) throw new ControlFailure(CONTROL_FAILURE_CODE.REASON_CODE_REQUIRED, 'Not Ready needs a reason code');
        return this.applyOrDefer(agent, AGENT_STATE.NOT_READY, reason);
      case AGENT_STATE.AVAILABLE:
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

  /** During a call, a requested state waits for the call to end, as UCCE does. */
  private applyOrDefer(agent: AgentRuntime, state: number, reasonCode: number): void {
    if (AGENT_ON_CALL_STATES.has(agent.state)) agent.pendingState = { state, reasonCode };
    else this.setState(agent, state, reasonCode);
  }

  /** The state after an agent's last call ends: what it asked for, else its desk settings. */
  private afterCall(agent: AgentRuntime): void {
    if (agent.state === AGENT_STATE.LOGOUT) return;
    const pending = agent.pendingState;
    agent.pendingState = undefined;
    if (pending) return this.setState(agent, pending.state, pending.reasonCode);
    const desk = this.site.deskSettings;
    const incoming = agent.lastCallDirection !== 'outgoing';
    const available = incoming ? desk.availableAfterIncoming : desk.availableAfterOutgoing;
    const wrapup = incoming ? desk.wrapupIncoming : desk.wrapupOutgoing;
    if (available) this.setState(agent, AGENT_STATE.AVAILABLE);
    else if (wrapup === 'not-allowed') this.setState(agent, AGENT_STATE.NOT_READY);
    else this.setState(agent, AGENT_STATE.WORK_NOT_READY);
  }

  // ------------------------------------------------------------------ calls

  /** A caller calls in: routed to the longest-available Ready agent, or queued. */
  offerCall(incoming: IncomingCall): Call {
    const variables: (string | undefined)[] = Array.from({ length: 10 }, (_, i) => incoming.callVariables?.[String(i + 1)]);
    const call: Call = {
      id: this.nextCallId++,
      callType: CALL_TYPE.ACD_IN,
      direction: 'incoming',
      ani: incoming.ani,
      dnis: incoming.dnis,
      dialedNumber: incoming.dnis,
      skillGroup: incoming.skillGroup ?? (incoming.agentId === undefined ? this.site.skillGroups[0]?.number : undefined),
      variables,
      ecc: new Map(Object.entries(incoming.ecc ?? {})),
      eccArrays: new Map(),
      wrapup: undefined,
      parties: [{ device: incoming.ani, deviceType: DEVICE_ID_TYPE.EXTERNAL, state: LCS.CONNECT, agentId: undefined }],
      targetAgent: incoming.agentId,
      queuedAt: undefined,
      createdAt: this.clock(),
      answeredAt: undefined,
      endedAt: undefined,
    };
    this.calls.set(call.id, call);
    const agent = this.pickAgent(call);
    if (agent) this.deliver(call, agent);
    else this.enqueue(call);
    return call;
  }

  private eligible(call: Call, agent: AgentRuntime): boolean {
    if (agent.state !== AGENT_STATE.AVAILABLE) return false;
    if (call.targetAgent !== undefined) return agent.config.id === call.targetAgent;
    return call.skillGroup === undefined || agent.skillGroups.includes(call.skillGroup);
  }

  private pickAgent(call: Call): AgentRuntime | undefined {
    let best: AgentRuntime | undefined;
    for (const agent of this.agents.values()) {
      if (this.eligible(call, agent) && (best === undefined || agent.availableSince < best.availableSince)) best = agent;
    }
    return best;
  }

  private enqueue(call: Call): void {
    call.queuedAt = this.clock();
    this.queue.push(call.id);
    const group = this.site.skillGroups.find((g) => g.number === call.skillGroup);
    this.emit('CALL_QUEUED_EVENT', {
      ...this.callFields(call, call.parties[0]),
      QueueDeviceType: DEVICE_ID_TYPE.QUEUE,
      CallingDeviceType: DEVICE_ID_TYPE.EXTERNAL,
      NumQueued: this.queue.length,
      LocalConnectionState: LCS.QUEUED,
      EventCause: EVENT_CAUSE.NONE,
      QueueDeviceID: String(call.skillGroup ?? call.targetAgent ?? ''),
      CallingDeviceID: call.ani,
      CalledDeviceID: call.dnis,
      ...(group ? { SkillGroupNumber: [group.number], SkillGroupID: [group.id], SkillGroupPriority: [0] } : {}),
    }, []);
  }

  /** A newly Available agent takes the oldest queued call it can handle. */
  private routeQueuedTo(agent: AgentRuntime): void {
    const index = this.queue.findIndex((id) => {
      const call = this.calls.get(id);
      return call !== undefined && this.eligible(call, agent);
    });
    if (index === -1) return;
    const [callId] = this.queue.splice(index, 1);
    const call = this.calls.get(callId!)!;
    call.queuedAt = undefined;
    this.deliver(call, agent);
  }

  private deliver(call: Call, agent: AgentRuntime): void {
    const party: Party = { device: agent.config.instrument, deviceType: DEVICE_ID_TYPE.DEVICE_IDENTIFIER, state: LCS.ALERTING, agentId: agent.config.id };
    call.parties.push(party);
    agent.calls.add(call.id);
    agent.lastCallDirection = 'incoming';
    this.setState(agent, AGENT_STATE.RESERVED);
    const audience = agentsOn(call);
    this.emit('BEGIN_CALL_EVENT', {
      ...this.callFields(call, party),
      CallType: call.callType,
      CalledPartyDisposition: 0,
      ...this.callData(call),
    }, audience);
    this.emit('CALL_DELIVERED_EVENT', {
      ...this.callFields(call, party),
      LineHandle: 0,
      LineType: 0,
      ...this.skillGroupFields(call),
      AlertingDeviceType: DEVICE_ID_TYPE.DEVICE_IDENTIFIER,
      CallingDeviceType: DEVICE_ID_TYPE.EXTERNAL,
      CalledDeviceType: DEVICE_ID_TYPE.DEVICE_IDENTIFIER,
      LocalConnectionState: LCS.ALERTING,
      EventCause: EVENT_CAUSE.NONE,
      AlertingDeviceID: party.device,
      CallingDeviceID: call.ani,
      CalledDeviceID: party.device,
      ...this.callData(call),
    }, audience);
    if (this.site.deskSettings.autoAnswer) this.answer(agent, call.id);
  }

  /** ANSWER_CALL_REQ: the ringing agent answers. */
  answer(agent: AgentRuntime, callId: number): void {
    const call = this.calls.get(callId);
    const party = call && partyOf(call, agent.config.id);
    if (!call || !party || party.state !== LCS.ALERTING) {
      throw new ControlFailure(CONTROL_FAILURE_CODE.NO_CALL_TO_ANSWER, `no call ${callId} is ringing at ${agent.config.instrument}`);
    }
    party.state = LCS.CONNECT;
    call.answeredAt = this.clock();
    this.emit('CALL_ESTABLISHED_EVENT', {
      ...this.callFields(call, party),
      LineHandle: 0,
      LineType: 0,
      ...this.skillGroupFields(call),
      AnsweringDeviceType: DEVICE_ID_TYPE.DEVICE_IDENTIFIER,
      CallingDeviceType: DEVICE_ID_TYPE.EXTERNAL,
      CalledDeviceType: DEVICE_ID_TYPE.DEVICE_IDENTIFIER,
      LocalConnectionState: LCS.CONNECT,
      EventCause: EVENT_CAUSE.NONE,
      AnsweringDeviceID: party.device,
      CallingDeviceID: call.ani,
      CalledDeviceID: party.device,
    }, agentsOn(call));
    this.setState(agent, AGENT_STATE.TALKING);
  }

  /** HOLD_CALL_REQ. */
  hold(agent: AgentRuntime, callId: number): void {
    const { call, party } = this.connected(agent, callId, LCS.CONNECT, CONTROL_FAILURE_CODE.NO_ACTIVE_CALL);
    party.state = LCS.HOLD;
    this.emit('CALL_HELD_EVENT', {
      ...this.callFields(call, party),
      HoldingDeviceType: DEVICE_ID_TYPE.DEVICE_IDENTIFIER,
      LocalConnectionState: LCS.HOLD,
      EventCause: EVENT_CAUSE.NONE,
      HoldingDeviceID: party.device,
    }, agentsOn(call));
    this.setState(agent, AGENT_STATE.HOLD);
  }

  /** RETRIEVE_CALL_REQ. */
  retrieve(agent: AgentRuntime, callId: number): void {
    const { call, party } = this.connected(agent, callId, LCS.HOLD, CONTROL_FAILURE_CODE.NO_HELD_CALL);
    party.state = LCS.CONNECT;
    this.emit('CALL_RETRIEVED_EVENT', {
      ...this.callFields(call, party),
      RetrievingDeviceType: DEVICE_ID_TYPE.DEVICE_IDENTIFIER,
      LocalConnectionState: LCS.CONNECT,
      EventCause: EVENT_CAUSE.NONE,
      RetrievingDeviceID: party.device,
    }, agentsOn(call));
    this.setState(agent, AGENT_STATE.TALKING);
  }

  private connected(agent: AgentRuntime, callId: number, state: number, failure: number): { call: Call; party: Party } {
    const call = this.calls.get(callId);
    if (!call) throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_CSTA_CALL_IDENTIFIER, `there is no call ${callId}`);
    const party = partyOf(call, agent.config.id);
    if (!party) throw new ControlFailure(CONTROL_FAILURE_CODE.AGENT_NOT_PARTY_ON_CALL, `agent ${agent.config.id} is not on call ${callId}`);
    if (party.state !== state) throw new ControlFailure(failure, `call ${callId} is not in the right state for that`);
    return { call, party };
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
    const caller = call.parties.find((p) => p.agentId === undefined);
    if (caller) this.dropParty(call, caller);
    else this.endCall(call, call.ani);
  }

  private dropParty(call: Call, party: Party): void {
    const audience = agentsOn(call);
    call.parties.splice(call.parties.indexOf(party), 1);
    this.emit('CALL_CONNECTION_CLEARED_EVENT', {
      ...this.callFields(call, party),
      ReleasingDeviceType: party.deviceType,
      LocalConnectionState: LCS.NULL,
      EventCause: EVENT_CAUSE.NONE,
      ReleasingDeviceID: party.device,
    }, audience);
    const talking = call.parties.filter((p) => p.state !== LCS.ALERTING || p.agentId === undefined);
    if (call.parties.length <= 1 || talking.length <= 1) {
      // The call ends with this party: its events come before any agent's new state.
      this.endCall(call, party.device, audience, party.agentId);
    } else if (party.agentId !== undefined) {
      this.leaveCall(party.agentId, call);
    }
  }

  private endCall(call: Call, releasingDevice: string, audience = agentsOn(call), alsoLeaving?: string): void {
    if (!this.calls.has(call.id)) return;
    const remaining = [...call.parties];
    call.parties.length = 0;
    const queued = this.queue.indexOf(call.id);
    if (queued !== -1) this.queue.splice(queued, 1);
    this.emit('CALL_CLEARED_EVENT', {
      ...this.callFields(call, undefined),
      ConnectionDeviceID: releasingDevice,
      LocalConnectionState: LCS.NULL,
      EventCause: EVENT_CAUSE.NONE,
    }, audience);
    this.emit('END_CALL_EVENT', this.callFields(call, undefined), audience);
    call.endedAt = this.clock();
    this.calls.delete(call.id);
    this.ended.set(call.id, call);
    this.forgetEndedCalls();
    if (alsoLeaving !== undefined) this.leaveCall(alsoLeaving, call);
    for (const party of remaining) if (party.agentId !== undefined) this.leaveCall(party.agentId, call);
  }

  private leaveCall(agentId: string, call: Call): void {
    const agent = this.agents.get(agentId);
    if (!agent || !agent.calls.delete(call.id)) return;
    if (agent.calls.size > 0) return;
    if (call.answeredAt === undefined && agent.state === AGENT_STATE.RESERVED) {
      // The call went before the agent answered: the agent is free again.
      return this.setState(agent, AGENT_STATE.AVAILABLE);
    }
    this.afterCall(agent);
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
    const fields = request as unknown as Record<string, unknown>;
    for (let i = 0; i < 10; i++) {
      const value = fields[`CallVariable${i + 1}`];
      if (typeof value === 'string') call.variables[i] = value;
    }
    if (request.CallWrapupData !== undefined) call.wrapup = request.CallWrapupData;
    for (const variable of request.NamedVariable ?? []) call.ecc.set(variable.name, variable.value);
    for (const element of request.NamedArray ?? []) call.eccArrays.set(`${element.name}[${element.index}]`, element);
    if (!this.calls.has(call.id)) return;
    this.emit('CALL_DATA_UPDATE_EVENT', {
      ...this.callFields(call, undefined),
      NewConnectionDeviceIDType: 0,
      NewConnectionCallID: call.id,
      CallType: call.callType,
      CalledPartyDisposition: 0,
      ...this.callData(call),
    } as Fields<'CALL_DATA_UPDATE_EVENT'>, agentsOn(call), requester.sessionId);
  }

  // ------------------------------------------------------------------ the control API's view

  describeAgents(): object[] {
    return [...this.agents.values()].map((agent) => ({
      agentId: agent.config.id,
      instrument: agent.config.instrument,
      extension: agent.config.extension ?? agent.config.instrument,
      supervisor: agent.config.supervisor,
      state: agent.state,
      reasonCode: agent.reasonCode,
      skillGroups: agent.state === AGENT_STATE.LOGOUT ? agent.config.skillGroups : agent.skillGroups,
      teams: this.teamsOf(agent.config.id),
      calls: [...agent.calls],
      since: new Date(agent.stateSince).toISOString(),
    }));
  }

  describeCalls(): object[] {
    return [...this.calls.values()].map((call) => ({
      callId: call.id,
      state: call.queuedAt !== undefined ? 'queued' : call.parties.some((p) => p.state === LCS.ALERTING) ? 'alerting' : 'connected',
      direction: call.direction,
      ani: call.ani,
      dnis: call.dnis,
      skillGroup: call.skillGroup,
      parties: call.parties.map((p) => ({ device: p.device, agentId: p.agentId, state: p.state })),
      callVariables: Object.fromEntries(call.variables.flatMap((v, i) => (v === undefined ? [] : [[String(i + 1), v]]))),
      ecc: Object.fromEntries(call.ecc),
      wrapup: call.wrapup,
    }));
  }

  agentConfig(agentId: string): AgentConfig | undefined {
    return this.agents.get(agentId)?.config;
  }
}
