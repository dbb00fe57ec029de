import {
  AGENT_STATE,
  CALL_TYPE,
  CONNECTION_DEVICE_ID_TYPE,
  CONSULT_TYPE,
  CONTROL_FAILURE_CODE,
  DEVICE_ID_TYPE,
  EVENT_CAUSE,
  LINE_TYPE,
  LOCAL_CONNECTION_STATE as LCS,
  PERIPHERAL_TYPE,
  type Message,
  type MessageName,
  type NamedArrayElement,
  type NamedVariable,
} from '../../ged188/index.js';
import { message, type Fields } from './message-factory.js';
import { agentIdentityFields, agentsOn, agentTaskFields, isOutside, partyOf, type AgentRuntime, type Call, type Party } from './model.js';
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

export interface PeripheralOptions {
  /** How long an outside number rings before it answers (ms); 0 answers at once. */
  readonly outsideAnswerMs?: number;
}

/** What a transfer or conference leaves: the call that carries on and the connection the CONF names. */
export interface Completion {
  readonly call: Call;
  readonly device: string;
}

/** Where a dialled number leads (see `destination`). */
type Destination =
  | { readonly kind: 'agent'; readonly number: string; readonly agent: AgentRuntime }
  | { readonly kind: 'outside'; readonly number: string }
  | { readonly kind: 'unobtainable'; readonly number: string; readonly cause: number };

/** A held call, its consultation call, and the consulting agent's connection on each. */
interface ConsultationPair {
  readonly primary: Call;
  readonly consult: Call;
  readonly held: Party;
  readonly active: Party;
}

type NewCall = Pick<Call, 'callType' | 'direction' | 'ani' | 'dnis'> & {
  readonly skillGroup?: number | undefined;
  readonly targetAgent?: string | undefined;
  readonly consultOf?: number;
};

/** The call-data fields of MAKE_CALL, CONSULTATION_CALL and SET_CALL_DATA requests. */
interface CallDataRequest {
  readonly CallWrapupData?: string;
  readonly NamedVariable?: readonly NamedVariable[];
  readonly NamedArray?: readonly NamedArrayElement[];
}

const AGENT_ON_CALL_STATES = new Set<number>([AGENT_STATE.RESERVED, AGENT_STATE.TALKING, AGENT_STATE.HOLD, AGENT_STATE.BUSY_OTHER]);
/** Ended calls are kept this long for wrap-up data and RELEASE_CALL, then forgotten. */
const ENDED_CALL_RETENTION_MS = 5 * 60_000;
const DEFAULT_OUTSIDE_ANSWER_MS = 1000;
/** "No call" in HeldConnectionCallID: the single-step form of TRANSFER/CONFERENCE_CALL_REQ. */
const NO_CALL = 0xffffffff;
/** NumParties and NumCallDevices are at most 16 (§4). */
const MAX_PARTIES = 16;
const DTMF_DIGITS = /^[0-9*#A-D]+$/;
const DIALABLE = /^\+?[0-9*#]+$/;
const CONSULT_TYPES = new Set<number>(Object.values(CONSULT_TYPE));

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
  /** How long an outside number rings before it answers; settable on a running simulator. */
  outsideAnswerMs: number;
  /** Dialled numbers up to this long are internal extensions (the site's longest instrument). */
  private readonly internalNumberLength: number;

  constructor(
    readonly site: Site,
    readonly clock: () => number = Date.now,
    options: PeripheralOptions = {},
  ) {
    this.outsideAnswerMs = options.outsideAnswerMs ?? DEFAULT_OUTSIDE_ANSWER_MS;
    this.internalNumberLength = Math.max(0, ...site.agents.flatMap((a) => [a.instrument.length, a.extension?.length ?? 0]));
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
      EventReasonCode: agent.reasonCode,
      ...agentTaskFields(agent),
      ...agentIdentityFields(agent),
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
  setAgentState(agent: AgentRuntime, request: Message<'SET_AGENT_STATE_REQ'>, options: { bySupervisor?: boolean } = {}): void {
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

  /** During a call, a requested state waits for the call to end, as UCCE does. */
  private applyOrDefer(agent: AgentRuntime, state: number, reasonCode: number): void {
    if (agent.calls.size > 0 || AGENT_ON_CALL_STATES.has(agent.state)) agent.pendingState = { state, reasonCode };
    else this.setState(agent, state, reasonCode);
  }

  /** The state after an agent's last call ends: what it asked for, else its desk settings. */
  private afterCall(agent: AgentRuntime, call?: Call): void {
    if (agent.state === AGENT_STATE.LOGOUT) return;
    const desk = this.site.deskSettings;
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

  // ------------------------------------------------------------------ calls

  /** A caller calls in: routed to the longest-available Ready agent, or queued. */
  offerCall(incoming: IncomingCall): Call {
    const call = this.createCall({
      callType: CALL_TYPE.ACD_IN,
      direction: 'incoming',
      ani: incoming.ani,
      dnis: incoming.dnis,
      skillGroup: incoming.skillGroup ?? (incoming.agentId === undefined ? this.site.skillGroups[0]?.number : undefined),
      targetAgent: incoming.agentId,
    });
    for (const [key, value] of Object.entries(incoming.callVariables ?? {})) call.variables[Number(key) - 1] = value;
    for (const [name, value] of Object.entries(incoming.ecc ?? {})) call.ecc.set(name, value);
    call.parties.push({ device: incoming.ani, deviceType: DEVICE_ID_TYPE.EXTERNAL, state: LCS.CONNECT, agentId: undefined });
    const agent = this.pickAgent(call);
    if (agent) this.deliver(call, agent);
    else this.enqueue(call);
    return call;
  }

  private createCall(init: NewCall): Call {
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

  private eligible(call: Call, agent: AgentRuntime): boolean {
    // A Ready agent with a call on its phone (dialling, or a direct call ringing) is not free.
    if (agent.state !== AGENT_STATE.AVAILABLE || agent.calls.size > 0) return false;
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

  /** A routed call: the agent is Reserved for it, then it rings (§4.1 Inbound ACD call). */
  private deliver(call: Call, agent: AgentRuntime): void {
    const party = this.addRingingParty(call, agent);
    this.setState(agent, AGENT_STATE.RESERVED);
    this.announceRinging(call, party);
  }

  /** A direct (not routed) call to an agent's phone: it rings without reserving the agent. */
  private ring(call: Call, agent: AgentRuntime): void {
    this.announceRinging(call, this.addRingingParty(call, agent));
  }

  private addRingingParty(call: Call, agent: AgentRuntime): Party {
    const party: Party = { device: agent.config.instrument, deviceType: DEVICE_ID_TYPE.DEVICE_IDENTIFIER, state: LCS.ALERTING, agentId: agent.config.id };
    call.parties.push(party);
    agent.calls.add(call.id);
    agent.lastCallDirection = 'incoming';
    return party;
  }

  /** BEGIN_CALL to the agent the call now rings at (a new association), CALL_DELIVERED to everyone on it. */
  private announceRinging(call: Call, party: Party): void {
    this.beginCall(call, party);
    this.emit('CALL_DELIVERED_EVENT', {
      ...this.callFields(call, party),
      LineHandle: 0,
      LineType: this.lineType(call),
      ...this.skillGroupFields(call),
      AlertingDeviceType: party.deviceType,
      CallingDeviceType: this.callingDeviceType(call),
      CalledDeviceType: party.deviceType,
      LocalConnectionState: LCS.ALERTING,
      EventCause: EVENT_CAUSE.NONE,
      AlertingDeviceID: party.device,
      CallingDeviceID: call.ani,
      CalledDeviceID: this.calledDevice(call, party),
      ...this.callData(call),
    }, agentsOn(call));
    const agent = party.agentId === undefined ? undefined : this.agents.get(party.agentId);
    if (agent && this.site.deskSettings.autoAnswer) this.answer(agent, call.id);
  }

  private beginCall(call: Call, party: Party): void {
    if (party.agentId === undefined) return;
    this.emit('BEGIN_CALL_EVENT', {
      ...this.callFields(call, party),
      CallType: call.callType,
      CalledPartyDisposition: 0,
      ...this.callData(call),
    }, [party.agentId]);
  }

  private lineType(call: Call): number {
    if (call.direction === 'incoming') return LINE_TYPE.INBOUND_ACD;
    return call.direction === 'internal' ? LINE_TYPE.INSIDE : LINE_TYPE.OUTBOUND_ACD;
  }

  /** The caller is an outside number for calls that came in, an agent's phone otherwise. */
  private callingDeviceType(call: Call): number {
    return call.direction === 'incoming' ? DEVICE_ID_TYPE.EXTERNAL : DEVICE_ID_TYPE.DEVICE_IDENTIFIER;
  }

  /** What was called: the ringing agent for a routed call, the dialled number for a placed one. */
  private calledDevice(call: Call, party: Party): string {
    return call.direction === 'incoming' ? party.device : call.dialedNumber;
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
  private connect(call: Call, party: Party): void {
    party.state = LCS.CONNECT;
    call.answeredAt ??= this.clock();
    this.emit('CALL_ESTABLISHED_EVENT', {
      ...this.callFields(call, party),
      LineHandle: 0,
      LineType: this.lineType(call),
      ...this.skillGroupFields(call),
      AnsweringDeviceType: party.deviceType,
      CallingDeviceType: this.callingDeviceType(call),
      CalledDeviceType: party.deviceType,
      LocalConnectionState: LCS.CONNECT,
      EventCause: EVENT_CAUSE.NONE,
      AnsweringDeviceID: party.device,
      CallingDeviceID: call.ani,
      CalledDeviceID: this.calledDevice(call, party),
    }, agentsOn(call));
    this.syncPhoneStates(call);
  }

  private syncPhoneStates(call: Call): void {
    for (const agentId of agentsOn(call)) {
      const agent = this.agents.get(agentId);
      if (agent) this.syncPhoneState(agent);
    }
  }

  /**
   * The agent state the phone puts an agent in: Talking on any answered call; while it
   * only dials, Ready turns Busy Other (no routed call may reach it) and other states
   * stay; Hold when every call it has is held. A call merely ringing changes nothing here
   * (routed calls set Reserved themselves).
   */
  private syncPhoneState(agent: AgentRuntime): void {
    if (agent.state === AGENT_STATE.LOGOUT) return;
    let dialling = false;
    let held = false;
    for (const callId of agent.calls) {
      const call = this.calls.get(callId);
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

  /** HOLD_CALL_REQ. */
  hold(agent: AgentRuntime, callId: number): void {
    const { call, party } = this.connected(agent, callId, LCS.CONNECT, CONTROL_FAILURE_CODE.NO_ACTIVE_CALL);
    this.holdParty(call, party);
    this.syncPhoneState(agent);
  }

  /** RETRIEVE_CALL_REQ. */
  retrieve(agent: AgentRuntime, callId: number): void {
    const { call, party } = this.connected(agent, callId, LCS.HOLD, CONTROL_FAILURE_CODE.NO_HELD_CALL);
    party.state = LCS.CONNECT;
    this.announceRetrieved(call, party);
    this.syncPhoneState(agent);
  }

  private holdParty(call: Call, party: Party): void {
    party.state = LCS.HOLD;
    this.emit('CALL_HELD_EVENT', {
      ...this.callFields(call, party),
      HoldingDeviceType: party.deviceType,
      LocalConnectionState: LCS.HOLD,
      EventCause: EVENT_CAUSE.NONE,
      HoldingDeviceID: party.device,
    }, agentsOn(call));
  }

  private announceRetrieved(call: Call, party: Party): void {
    this.emit('CALL_RETRIEVED_EVENT', {
      ...this.callFields(call, party),
      RetrievingDeviceType: party.deviceType,
      LocalConnectionState: LCS.CONNECT,
      EventCause: EVENT_CAUSE.NONE,
      RetrievingDeviceID: party.device,
    }, agentsOn(call));
  }

  private connected(agent: AgentRuntime, callId: number, state: number, failure: number): { call: Call; party: Party } {
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
    this.syncPhoneState(agent);
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
    this.syncPhoneState(agent);
  }

  /** SEND_DTMF_SIGNAL_REQ: digits on an active call; nothing to model beyond checking them. */
  sendDtmf(agent: AgentRuntime, callId: number, digits: string | undefined): void {
    this.connected(agent, callId, LCS.CONNECT, CONTROL_FAILURE_CODE.NO_ACTIVE_CALL);
    if (digits === undefined || !DTMF_DIGITS.test(digits)) {
      throw new ControlFailure(CONTROL_FAILURE_CODE.VALUE_OUT_OF_RANGE, `"${digits ?? ''}" is not DTMF (0-9 * # A-D)`);
    }
  }

  // ------------------------------------------------------------------ placing calls

  /** MAKE_CALL_REQ: the agent dials another agent's phone or an outside number (§4.1 Outbound). */
  makeCall(agent: AgentRuntime, request: Message<'MAKE_CALL_REQ'>): Call {
    this.requireLoggedIn(agent);
    if (this.busyPhone(agent)) throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_OBJECT_STATE, `${agent.config.instrument} already has a call that is not held`);
    const destination = this.destination(request.DialedNumber, agent);
    const group = this.site.skillGroups.find((g) => g.number === request.SkillGroupNumber);
    const call = this.createCall({
      callType: destination.kind === 'outside' ? CALL_TYPE.AGENT_OUT : CALL_TYPE.AGENT_INSIDE,
      direction: destination.kind === 'outside' ? 'outgoing' : 'internal',
      ani: agent.config.instrument,
      dnis: destination.number,
      skillGroup: group?.number,
    });
    this.applyCallData(call, request);
    agent.lastCallDirection = 'outgoing';
    this.originate(call, agent, destination);
    return call;
  }

  /**
   * CONSULTATION_CALL_REQ: the active call is held and a consultation call dialled from the
   * same phone, carrying the held call's data (the request may override it).
   */
  consult(agent: AgentRuntime, request: Message<'CONSULTATION_CALL_REQ'>): Call {
    const { call: original, party } = this.connected(agent, request.ActiveConnectionCallID, LCS.CONNECT, CONTROL_FAILURE_CODE.NO_ACTIVE_CALL);
    if (original.answeredAt === undefined) throw new ControlFailure(CONTROL_FAILURE_CODE.NO_ACTIVE_CALL, `call ${original.id} has not been answered`);
    if (!CONSULT_TYPES.has(request.ConsultType)) throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_CONSULT_TYPE, `ConsultType ${request.ConsultType}`);
    if (this.consultationOf(original)) throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_OBJECT_STATE, `call ${original.id} already has a consultation call`);
    // Everything is checked before the hold, so a refused consultation leaves the call as it was.
    const destination = this.destination(request.DialedNumber, agent);
    this.holdParty(original, party);
    // CTI Server reports the hold before CONSULTATION_CALL_CONF (§4.1), so it goes out now.
    this.flush();
    const consult = this.createCall({
      callType: request.ConsultType === CONSULT_TYPE.CONFERENCE ? CALL_TYPE.CONSULT_CONFERENCE : CALL_TYPE.CONSULT,
      direction: destination.kind === 'outside' ? 'outgoing' : 'internal',
      ani: agent.config.instrument,
      dnis: destination.number,
      skillGroup: original.skillGroup,
      consultOf: original.id,
    });
    this.copyCallData(original, consult);
    this.applyCallData(consult, request);
    this.originate(consult, agent, destination);
    return consult;
  }

  private requireLoggedIn(agent: AgentRuntime): void {
    if (agent.state === AGENT_STATE.LOGOUT) throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_AGENT_ID_SPECIFIED, `agent ${agent.config.id} is not logged in`);
  }

  /** Whether the agent's phone has a call that is ringing, dialling or talking. */
  private busyPhone(agent: AgentRuntime): boolean {
    return [...agent.calls].some((id) => {
      const call = this.calls.get(id);
      const party = call && partyOf(call, agent.config.id);
      return party !== undefined && party.state !== LCS.HOLD;
    });
  }

  private consultationOf(call: Call): Call | undefined {
    for (const other of this.calls.values()) if (other.consultOf === call.id) return other;
    return undefined;
  }

  /**
   * Where a dialled number leads. Numbers no longer than the site's extensions are the
   * internal dial plan: an agent's instrument or extension, else unobtainable; longer ones
   * go out to the network. Refusals the PG can decide up front are ControlFailures.
   */
  private destination(dialed: string | undefined, caller: AgentRuntime): Destination {
    if (!dialed) throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_DESTINATION, 'no DialedNumber');
    const agent = this.agentByDevice({ instrument: dialed, extension: dialed });
    if (agent) {
      if (agent === caller) throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_CALLED_DEVICE, `${dialed} is the calling phone`);
      if (agent.state === AGENT_STATE.LOGOUT) throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_CALLED_DEVICE, `agent ${agent.config.id} on ${dialed} is not logged in`);
      if (agent.calls.size > 0) return { kind: 'unobtainable', number: dialed, cause: EVENT_CAUSE.BUSY };
      return { kind: 'agent', number: dialed, agent };
    }
    if (!DIALABLE.test(dialed)) throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_DESTINATION, `"${dialed}" is not a number`);
    if (dialed.length <= this.internalNumberLength) return { kind: 'unobtainable', number: dialed, cause: EVENT_CAUSE.DEST_NOT_OBTAINABLE };
    return { kind: 'outside', number: dialed };
  }

  /** The calling agent's side of a new call, then its far end (§4.1 Outbound). */
  private originate(call: Call, agent: AgentRuntime, destination: Destination): void {
    const caller: Party = { device: agent.config.instrument, deviceType: DEVICE_ID_TYPE.DEVICE_IDENTIFIER, state: LCS.INITIATE, agentId: agent.config.id };
    call.parties.push(caller);
    agent.calls.add(call.id);
    this.beginCall(call, caller);
    this.emit('CALL_SERVICE_INITIATED_EVENT', {
      ...this.callFields(call, caller),
      LineHandle: 0,
      LineType: this.lineType(call),
      ...this.skillGroupFields(call),
      CallingDeviceType: caller.deviceType,
      LocalConnectionState: LCS.INITIATE,
      EventCause: EVENT_CAUSE.NONE,
      CallingDeviceID: caller.device,
    }, [agent.config.id]);
    caller.state = LCS.CONNECT;
    this.emit('CALL_ORIGINATED_EVENT', {
      ...this.callFields(call, caller),
      LineHandle: 0,
      LineType: this.lineType(call),
      ...this.skillGroupFields(call),
      CallingDeviceType: caller.deviceType,
      CalledDeviceType: destination.kind === 'outside' ? DEVICE_ID_TYPE.EXTERNAL : DEVICE_ID_TYPE.DEVICE_IDENTIFIER,
      LocalConnectionState: LCS.CONNECT,
      EventCause: EVENT_CAUSE.NONE,
      CallingDeviceID: caller.device,
      CalledDeviceID: destination.number,
    }, [agent.config.id]);
    this.syncPhoneState(agent);
    this.reach(call, destination, caller);
  }

  /** The far end of a call: it rings at an agent, goes out to the network, or fails. */
  private reach(call: Call, destination: Destination, caller: Party): void {
    switch (destination.kind) {
      case 'agent':
        return this.ring(call, destination.agent);
      case 'outside':
        return this.announceNetwork(call, this.addOutsideParty(call, destination.number));
      case 'unobtainable':
        return this.failCall(call, caller, destination);
    }
  }

  private addOutsideParty(call: Call, number: string): Party {
    const far: Party = { device: number, deviceType: DEVICE_ID_TYPE.EXTERNAL, state: LCS.ALERTING, agentId: undefined };
    call.parties.push(far);
    return far;
  }

  /** The network takes the call; the far end rings and answers after `outsideAnswerMs`. */
  private announceNetwork(call: Call, far: Party): void {
    this.emit('CALL_REACHED_NETWORK_EVENT', {
      ...this.callFields(call, far),
      LineHandle: 0,
      LineType: this.lineType(call),
      TrunkUsedDeviceType: DEVICE_ID_TYPE.NONE,
      CalledDeviceType: DEVICE_ID_TYPE.EXTERNAL,
      LocalConnectionState: LCS.CONNECT,
      EventCause: EVENT_CAUSE.NONE,
      CalledDeviceID: far.device,
    }, agentsOn(call));
    this.announceRinging(call, far);
    if (this.outsideAnswerMs <= 0) return this.connect(call, far);
    const timer = setTimeout(() => {
      // A transfer or conference may have moved the ringing party onto another call meanwhile.
      const now = this.callWith(far);
      if (!now || far.state !== LCS.ALERTING) return;
      this.connect(now, far);
      // Nothing else will deliver what a timer changed.
      this.flush();
    }, this.outsideAnswerMs);
    timer.unref();
  }

  private callWith(party: Party): Call | undefined {
    for (const call of this.calls.values()) if (call.parties.includes(party)) return call;
    return undefined;
  }

  /** The number cannot be reached (unknown extension, busy): CALL_FAILED, then the call clears. */
  private failCall(call: Call, caller: Party, destination: Destination): void {
    const deviceType = destination.number.length <= this.internalNumberLength ? DEVICE_ID_TYPE.DEVICE_IDENTIFIER : DEVICE_ID_TYPE.EXTERNAL;
    caller.state = LCS.FAIL;
    this.emit('CALL_FAILED_EVENT', {
      ...this.callFields(call, caller),
      FailingDeviceType: deviceType,
      CalledDeviceType: deviceType,
      LocalConnectionState: LCS.FAIL,
      EventCause: destination.kind === 'unobtainable' ? destination.cause : EVENT_CAUSE.NONE,
      FailingDeviceID: destination.number,
      CalledDeviceID: destination.number,
    }, agentsOn(call));
    this.endCall(call, destination.number);
  }

  // ------------------------------------------------------------------ transfer and conference

  /**
   * TRANSFER_CALL_REQ: the consulted parties join the held call and the transferring agent
   * leaves both. With HeldConnectionCallID 0xFFFFFFFF it is a single-step (blind) transfer
   * of the active call to DialedNumber. Returns the call that carries on.
   */
  transfer(agent: AgentRuntime, request: Message<'TRANSFER_CALL_REQ'>): Completion {
    if (request.HeldConnectionCallID === NO_CALL) {
      return this.singleStepTransfer(agent, request.ActiveConnectionCallID, request.DialedNumber ?? request.HeldConnectionDeviceID);
    }
    const pair = this.consultationPair(agent, request.HeldConnectionCallID, request.ActiveConnectionCallID);
    const { primary, consult, held, active } = pair;
    const audience = [...new Set([...agentsOn(primary), ...agentsOn(consult)])];
    primary.parties.splice(primary.parties.indexOf(held), 1);
    const moved = this.mergeConsultation(pair);
    const transferredTo = moved[0] ?? active;
    this.emit('CALL_TRANSFERRED_EVENT', {
      ...this.mergeFields(primary, consult, held.device),
      TransferringDeviceType: held.deviceType,
      TransferredDeviceType: transferredTo.deviceType,
      LocalConnectionState: LCS.CONNECT,
      EventCause: EVENT_CAUSE.TRANSFER,
      TransferringDeviceID: held.device,
      TransferredDeviceID: transferredTo.device,
    }, audience);
    this.finishMerge(primary, consult, moved, audience);
    this.emit('END_CALL_EVENT', this.callFields(primary, held), [agent.config.id]);
    this.leaveCall(agent.config.id, consult, active.state);
    this.leaveCall(agent.config.id, primary, held.state);
    this.endIfAlone(primary, held.device);
    return { call: primary, device: transferredTo.device };
  }

  /**
   * CONFERENCE_CALL_REQ: the consulted parties join the held call and the conferencing agent
   * is back on it. With HeldConnectionCallID 0xFFFFFFFF it is a single-step conference:
   * DialedNumber is added to the active call.
   */
  conference(agent: AgentRuntime, request: Message<'CONFERENCE_CALL_REQ'>): Completion {
    if (request.HeldConnectionCallID === NO_CALL) {
      return this.singleStepConference(agent, request.ActiveConnectionCallID, request.DialedNumber ?? request.HeldConnectionDeviceID);
    }
    const pair = this.consultationPair(agent, request.HeldConnectionCallID, request.ActiveConnectionCallID);
    const { primary, consult, held } = pair;
    if (primary.parties.length + consult.parties.length - 1 > MAX_PARTIES) {
      throw new ControlFailure(CONTROL_FAILURE_CODE.CONFERENCE_MEMBER_LIMIT_EXCEEDED, `a conference has at most ${MAX_PARTIES} parties`);
    }
    const audience = [...new Set([...agentsOn(primary), ...agentsOn(consult)])];
    held.state = LCS.CONNECT;
    const moved = this.mergeConsultation(pair);
    const added = moved[0] ?? held;
    this.emit('CALL_CONFERENCED_EVENT', {
      ...this.mergeFields(primary, consult, held.device),
      ControllerDeviceType: held.deviceType,
      AddedPartyDeviceType: added.deviceType,
      LocalConnectionState: LCS.CONNECT,
      EventCause: EVENT_CAUSE.NONE,
      ControllerDeviceID: held.device,
      AddedPartyDeviceID: added.device,
    }, audience);
    this.finishMerge(primary, consult, moved, audience);
    agent.calls.delete(consult.id);
    this.syncPhoneState(agent);
    return { call: primary, device: held.device };
  }

  /** The held call and its consultation call, as a transfer or conference names them. */
  private consultationPair(agent: AgentRuntime, heldCallId: number, activeCallId: number): ConsultationPair {
    const primary = this.calls.get(heldCallId);
    const held = primary && partyOf(primary, agent.config.id);
    if (!primary || !held) throw new ControlFailure(CONTROL_FAILURE_CODE.NO_CALL_TO_COMPLETE, `agent ${agent.config.id} has no call ${heldCallId} to complete`);
    if (held.state !== LCS.HOLD) throw new ControlFailure(CONTROL_FAILURE_CODE.NO_HELD_CALL, `call ${heldCallId} is not held`);
    const { call: consult, party: active } = this.connected(agent, activeCallId, LCS.CONNECT, CONTROL_FAILURE_CODE.NO_ACTIVE_CALL);
    if (consult.consultOf !== primary.id) {
      throw new ControlFailure(CONTROL_FAILURE_CODE.ARBITRARY_CONF_OR_XFER_NOT_SUPPORTED, `call ${activeCallId} is not a consultation of call ${heldCallId}`);
    }
    return { primary, consult, held, active };
  }

  /**
   * Moves everyone but the consulting agent from the consultation call onto the held call.
   * Their connections take the held call's id (ConnectionCallID) and keep their devices.
   */
  private mergeConsultation({ primary, consult, active }: ConsultationPair): Party[] {
    const moved = consult.parties.filter((p) => p !== active);
    consult.parties.length = 0;
    primary.parties.push(...moved);
    for (const party of moved) {
      const agent = party.agentId === undefined ? undefined : this.agents.get(party.agentId);
      agent?.calls.delete(consult.id);
      agent?.calls.add(primary.id);
    }
    return moved;
  }

  /** Fields CALL_TRANSFERRED_EVENT and CALL_CONFERENCED_EVENT share: the two calls and the parties now on the first. */
  private mergeFields(primary: Call, secondary: Call | undefined, device: string) {
    return {
      MonitorID: 0,
      PeripheralID: this.peripheralId,
      PeripheralType: PERIPHERAL_TYPE.ENTERPRISE_AGENT,
      PrimaryDeviceIDType: CONNECTION_DEVICE_ID_TYPE.STATIC,
      PrimaryCallID: primary.id,
      PrimaryDeviceID: device,
      LineHandle: 0,
      LineType: this.lineType(primary),
      ...this.skillGroupFields(primary),
      SecondaryDeviceIDType: secondary ? CONNECTION_DEVICE_ID_TYPE.STATIC : CONNECTION_DEVICE_ID_TYPE.NONE,
      SecondaryCallID: secondary?.id ?? NO_CALL,
      ...(secondary ? { SecondaryDeviceID: device } : {}),
      ...this.connectedParties(primary),
    };
  }

  /** ConnectedParty* lists (TRANSFER/CONFERENCE_CALL_CONF and their events): each connection on the call. */
  connectedParties(call: Call) {
    return {
      ConnectedPartyCallID: call.parties.map(() => call.id),
      ConnectedPartyDeviceIDType: call.parties.map(() => CONNECTION_DEVICE_ID_TYPE.STATIC),
      ConnectedPartyDeviceID: call.parties.map((p) => p.device),
    };
  }

  /** After a merge: the moved agents are now associated with the held call, and the consultation call is gone. */
  private finishMerge(primary: Call, consult: Call, moved: readonly Party[], audience: readonly string[]): void {
    for (const party of moved) this.beginCall(primary, party);
    this.retire(consult, audience);
  }

  private singleStepTransfer(agent: AgentRuntime, callId: number, dialed: string | undefined): Completion {
    const { call, party } = this.connected(agent, callId, LCS.CONNECT, CONTROL_FAILURE_CODE.NO_ACTIVE_CALL);
    const destination = this.reachable(this.destination(dialed, agent));
    const audience = agentsOn(call);
    call.parties.splice(call.parties.indexOf(party), 1);
    const target = this.addFarEnd(call, destination);
    this.emit('CALL_TRANSFERRED_EVENT', {
      ...this.mergeFields(call, undefined, party.device),
      TransferringDeviceType: party.deviceType,
      TransferredDeviceType: target.deviceType,
      LocalConnectionState: LCS.CONNECT,
      EventCause: EVENT_CAUSE.TRANSFER,
      TransferringDeviceID: party.device,
      TransferredDeviceID: target.device,
    }, audience);
    this.emit('END_CALL_EVENT', this.callFields(call, party), [agent.config.id]);
    this.leaveCall(agent.config.id, call, party.state);
    this.alertFarEnd(call, target);
    return { call, device: target.device };
  }

  private singleStepConference(agent: AgentRuntime, callId: number, dialed: string | undefined): Completion {
    const { call, party } = this.connected(agent, callId, LCS.CONNECT, CONTROL_FAILURE_CODE.NO_ACTIVE_CALL);
    if (call.parties.length >= MAX_PARTIES) throw new ControlFailure(CONTROL_FAILURE_CODE.CONFERENCE_MEMBER_LIMIT_EXCEEDED, `a conference has at most ${MAX_PARTIES} parties`);
    const destination = this.reachable(this.destination(dialed, agent));
    const audience = agentsOn(call);
    const target = this.addFarEnd(call, destination);
    this.emit('CALL_CONFERENCED_EVENT', {
      ...this.mergeFields(call, undefined, party.device),
      ControllerDeviceType: party.deviceType,
      AddedPartyDeviceType: target.deviceType,
      LocalConnectionState: LCS.CONNECT,
      EventCause: EVENT_CAUSE.NONE,
      ControllerDeviceID: party.device,
      AddedPartyDeviceID: target.device,
    }, audience);
    this.alertFarEnd(call, target);
    return { call, device: party.device };
  }

  /** Single-step requests fail outright (the call stays as it was) when the number cannot be reached. */
  private reachable(destination: Destination): Exclude<Destination, { kind: 'unobtainable' }> {
    if (destination.kind !== 'unobtainable') return destination;
    const code = destination.cause === EVENT_CAUSE.BUSY ? CONTROL_FAILURE_CODE.RESOURCE_BUSY : CONTROL_FAILURE_CODE.INVALID_CALLED_DEVICE;
    throw new ControlFailure(code, `${destination.number} cannot be reached`);
  }

  /** The party a single-step request adds, ringing; announced by `alertFarEnd` once the request's own event is out. */
  private addFarEnd(call: Call, destination: Exclude<Destination, { kind: 'unobtainable' }>): Party {
    return destination.kind === 'agent' ? this.addRingingParty(call, destination.agent) : this.addOutsideParty(call, destination.number);
  }

  private alertFarEnd(call: Call, target: Party): void {
    if (isOutside(target)) this.announceNetwork(call, target);
    else this.announceRinging(call, target);
  }

  // ------------------------------------------------------------------ leaving and ending calls

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
      ...this.callFields(call, party),
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
      this.emit('END_CALL_EVENT', this.callFields(call, party), [party.agentId]);
      this.leaveCall(party.agentId, call, party.state);
    }
  }

  /** A merge can leave a call with one party (the others hung up meanwhile): such a call is over. */
  private endIfAlone(call: Call, releasingDevice: string): void {
    if (call.parties.length <= 1) this.endCall(call, releasingDevice);
  }

  private endCall(call: Call, releasingDevice: string, audience = agentsOn(call), alsoLeaving?: Party): void {
    if (!this.calls.has(call.id)) return;
    const remaining = [...call.parties];
    call.parties.length = 0;
    const queued = this.queue.indexOf(call.id);
    if (queued !== -1) this.queue.splice(queued, 1);
    // Each agent hears of the end on its own connection (§1.7: calls are keyed by
    // ConnectionCallID + ConnectionDeviceID); a call no agent had, on the releasing device.
    this.forEachConnection(audience, releasingDevice, (device, agents) =>
      this.emit('CALL_CLEARED_EVENT', {
        ...this.callFields(call, undefined),
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
  private retire(call: Call, audience: readonly string[]): void {
    this.forEachConnection(audience, call.ani, (device, agents) =>
      this.emit('END_CALL_EVENT', { ...this.callFields(call, undefined), ConnectionDeviceID: device }, agents),
    );
    call.endedAt = this.clock();
    this.calls.delete(call.id);
    this.ended.set(call.id, call);
    this.forgetEndedCalls();
  }

  /** The agent is off the call; `leftWhile` is its connection state then (Alerting: it never talked). */
  private leaveCall(agentId: string, call: Call, leftWhile: number): void {
    const agent = this.agents.get(agentId);
    if (!agent || !agent.calls.delete(call.id)) return;
    if (agent.calls.size > 0) return this.syncPhoneState(agent);
    if (leftWhile === LCS.ALERTING || leftWhile === LCS.FAIL) return this.backToIdle(agent);
    this.afterCall(agent, call);
  }

  /** A call that only rang, or failed, leaves no wrap-up: the agent is free again as it was. */
  private backToIdle(agent: AgentRuntime): void {
    const pending = agent.pendingState;
    agent.pendingState = undefined;
    if (pending) return this.setState(agent, pending.state, pending.reasonCode);
    if (agent.state === AGENT_STATE.RESERVED || agent.state === AGENT_STATE.BUSY_OTHER) this.setState(agent, AGENT_STATE.AVAILABLE);
  }

  private forgetEndedCalls(): void {
    const horizon = this.clock() - ENDED_CALL_RETENTION_MS;
    for (const [id, call] of this.ended) if ((call.endedAt ?? 0) < horizon) this.ended.delete(id);
  }

  /** RELEASE_CALL_REQ: the desktop is done with the call (wrap-up complete). */
  releaseCall(callId: number): void {
    this.ended.delete(callId);
  }

  // ------------------------------------------------------------------ call data

  /** SET_CALL_DATA_REQ: changes only what the request carries; others see CALL_DATA_UPDATE_EVENT. */
  setCallData(request: Message<'SET_CALL_DATA_REQ'>, requester: Requester): void {
    const call = this.callOrEnded(request.ConnectionCallID);
    if (!call) throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_CSTA_CALL_IDENTIFIER, `there is no call ${request.ConnectionCallID}`);
    this.applyCallData(call, request);
    if (request.CallWrapupData !== undefined) {
      for (const agent of this.agents.values()) if (agent.wrapupOwed === call.id) agent.wrapupOwed = undefined;
    }
    if (!this.calls.has(call.id)) return;
    this.forEachConnection(agentsOn(call), call.ani, (device, agents) =>
      this.emit('CALL_DATA_UPDATE_EVENT', {
        ...this.callFields(call, undefined),
        ConnectionDeviceID: device,
        NewConnectionDeviceIDType: 0,
        NewConnectionCallID: call.id,
        CallType: call.callType,
        CalledPartyDisposition: 0,
        ...this.callData(call),
      } as Fields<'CALL_DATA_UPDATE_EVENT'>, agents, requester.sessionId),
    );
  }

  /** Call variables, wrap-up data and ECC a request carries (only those it carries). */
  private applyCallData(call: Call, request: CallDataRequest): void {
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
  private copyCallData(from: Call, to: Call): void {
    from.variables.forEach((value, i) => (to.variables[i] = value));
    for (const [name, value] of from.ecc) to.ecc.set(name, value);
    for (const [key, element] of from.eccArrays) to.eccArrays.set(key, element);
    to.wrapup = from.wrapup;
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
      state: describeCallState(call),
      direction: call.direction,
      callType: call.callType,
      consultOf: call.consultOf,
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

/** A call's state as the control API's GET /calls shows it, from its parties' connections. */
function describeCallState(call: Call): string {
  if (call.queuedAt !== undefined) return 'queued';
  if (call.parties.some((p) => p.state === LCS.ALERTING)) return 'alerting';
  // An agent holding the call puts everyone else on it on hold too.
  return call.parties.some((p) => p.state === LCS.HOLD) ? 'held' : 'connected';
}
