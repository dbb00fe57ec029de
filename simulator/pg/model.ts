import { AGENT_STATE, type Message } from '../../ged188/index.js';
import type { AgentConfig } from './site.js';

/**
 * The peripheral's state: agents and calls as UCCE on Unified CM keeps them. Plain
 * data; the rules that change it live in peripheral.ts and its parts.
 */

/** An event and the agents it concerns; sessions decide who receives it. */
export interface PgEvent {
  readonly message: Message;
  /** Agents whose devices or state the event is about (empty: only all-events monitors). */
  readonly agents: readonly string[];
  /** The session whose request caused it, for events "other observers" get. */
  readonly excludeSession?: number;
}

/** Who asks: the session and the agent it is bound to (CLIENT_EVENTS), if any. */
export interface Requester {
  readonly sessionId: number;
  readonly agentId: string | undefined;
}

/** A caller calling in (control API, call generator). */
export interface IncomingCall {
  readonly ani: string;
  readonly dnis: string;
  readonly skillGroup?: number;
  readonly agentId?: string;
  readonly callVariables?: Readonly<Record<string, string>>;
  readonly ecc?: Readonly<Record<string, string>>;
}

/** What a transfer or conference leaves: the call that carries on and the connection the CONF names. */
export interface Completion {
  readonly call: Call;
  readonly device: string;
}

export interface AgentRuntime {
  /** Replaced, not edited, when the control API changes the agent's desk settings. */
  config: AgentConfig;
  state: number;
  reasonCode: number;
  /** When the current state began (ms since epoch). */
  stateSince: number;
  /** Order in which the agent last became Available: routing picks the longest available. */
  availableSince: number;
  /** Calls the agent is a party to. */
  readonly calls: Set<number>;
  /** A state asked for during a call, applied when the last call ends. */
  pendingState: { state: number; reasonCode: number } | undefined;
  /** The call whose wrap-up data the agent still owes ("required with data" desk setting). */
  wrapupOwed: number | undefined;
  /** Direction of the last call, which decides the state after it (desk settings). */
  lastCallDirection: 'incoming' | 'outgoing' | undefined;
  loggedInAt: number;
  /** Skill groups the agent is logged in to (all configured ones unless the login names some). */
  skillGroups: number[];
}

export interface Party {
  /** ConnectionDeviceID: the agent's instrument, or the outside number. */
  readonly device: string;
  readonly deviceType: number;
  /** LocalConnectionState of this party (LCS_*). */
  state: number;
  readonly agentId: string | undefined;
}

export interface Call {
  readonly id: number;
  readonly callType: number;
  /** incoming: a caller from outside; outgoing: an agent dialled out; internal: agent to agent. */
  readonly direction: 'incoming' | 'outgoing' | 'internal';
  readonly ani: string;
  readonly dnis: string;
  readonly dialedNumber: string;
  /** The skill group the call was routed through, if any. */
  skillGroup: number | undefined;
  readonly variables: (string | undefined)[];
  readonly ecc: Map<string, string>;
  readonly eccArrays: Map<string, { name: string; index: number; value: string }>;
  wrapup: string | undefined;
  /** The tones agents sent into the call (SEND_DTMF_SIGNAL_REQ), in order: what the caller heard. */
  dtmfReceived?: string;
  /** SET_CALL_DATA_REQs applied to the call: a desktop's edit delivered twice shows as two. */
  callDataSets?: number;
  readonly parties: Party[];
  /** Agent the call waits for (routed to an agent by id), or undefined for the skill group. */
  readonly targetAgent: string | undefined;
  queuedAt: number | undefined;
  readonly createdAt: number;
  answeredAt: number | undefined;
  endedAt: number | undefined;
  /**
   * For a consultation call: the held call it consults about, which TRANSFER_CALL_REQ and
   * CONFERENCE_CALL_REQ merge it into. Optional so behaviour modules can make plain calls.
   */
  consultOf?: number;
}

export function partyOf(call: Call, agentId: string): Party | undefined {
  return call.parties.find((p) => p.agentId === agentId);
}

/** An outside party (the caller, or a number an agent dialled); it has no agent. */
export function isOutside(party: Party): boolean {
  return party.agentId === undefined;
}

export function agentsOn(call: Call): string[] {
  return call.parties.flatMap((p) => (p.agentId === undefined ? [] : [p.agentId]));
}

/**
 * The agent's skill target id (ICMAgentID): UCCE's database key for the agent,
 * derived here from the agent id so it is stable across runs.
 */
export function skillTargetId(agentId: string): number {
  return 5000 + Number(agentId.replace(/\D/g, '').slice(-6) || 0);
}

/**
 * The agent's task and availability fields, as AGENT_STATE_EVENT and
 * QUERY_AGENT_STATE_CONF both carry them: one voice task, routable only when Ready.
 */
export function agentTaskFields(agent: AgentRuntime) {
  const ready = agent.state === AGENT_STATE.AVAILABLE ? 1 : 0;
  return {
    AgentState: agent.state,
    MRDID: 1,
    NumTasks: agent.calls.size,
    AgentMode: ready,
    MaxTaskLimit: 1,
    ICMAgentID: skillTargetId(agent.config.id),
    AgentAvailabilityStatus: ready,
    DepartmentID: 0,
  };
}

/** The agent's identity fields of AGENT_STATE_EVENT and QUERY_AGENT_STATE_CONF. */
export function agentIdentityFields(agent: AgentRuntime) {
  return { AgentID: agent.config.id, AgentExtension: agent.config.extension ?? agent.config.instrument, AgentInstrument: agent.config.instrument };
}
