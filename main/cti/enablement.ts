import type { AgentButton, AgentStateName, ConnectionState, DeskSettings, Enablement, WrapupMode } from '../../contract/index.js';

/**
 * The CTI OS button enablement mask (ctios.md §4.2), computed in main from the agent
 * state, the call states and the desk settings as the stock UCCE desktop's table
 * (§4.4) describes. The renderer shows exactly this and never works it out again.
 */
export const ENABLE = {
  ANSWER: 0x00000001,
  RELEASE: 0x00000002,
  HOLD: 0x00000004,
  RETRIEVE: 0x00000008,
  MAKECALL: 0x00000010,
  TRANSFER_INIT: 0x00000020,
  TRANSFER_COMPLETE: 0x00000040,
  SINGLE_STEP_TRANSFER: 0x00000080,
  CONFERENCE_INIT: 0x00000100,
  CONFERENCE_COMPLETE: 0x00000200,
  SINGLE_STEP_CONFERENCE: 0x00000400,
  ALTERNATE: 0x00000800,
  RECONNECT: 0x00001000,
  WRAPUP: 0x00002000,
  INSIDE_MAKECALL: 0x00004000,
  OUTSIDE_MAKECALL: 0x00008000,
  SUPERVISOR_ASSIST: 0x00010000,
  EMERGENCY_CALL: 0x00020000,
  BAD_LINE_CALL: 0x00040000,
  STATISTICS: 0x00080000,
  CHAT: 0x00100000,
  RECORD: 0x00200000,
  DISABLE_ALL: 0x00400000,
  LOGIN: 0x01000000,
  LOGOUT: 0x02000000,
  LOGOUT_WITH_REASON: 0x04000000,
  READY: 0x08000000,
  NOTREADY: 0x10000000,
  NOTREADY_WITH_REASON: 0x20000000,
  WORKREADY: 0x40000000,
  WORKNOTREADY: 0x80000000,
} as const;

export type EnableName = keyof typeof ENABLE;

/** Bits as a mask; `>>> 0` keeps bit 31 (WORKNOTREADY) an unsigned number. */
function bits(...names: EnableName[]): number {
  return names.reduce((mask, name) => (mask | ENABLE[name]) >>> 0, 0);
}

const DESKTOP_SERVICES = bits('SUPERVISOR_ASSIST', 'EMERGENCY_CALL', 'STATISTICS', 'CHAT');
const ON_CALL_SERVICES = bits('STATISTICS', 'CHAT', 'BAD_LINE_CALL');

/**
 * §4.4 agent rows: what each agent state enables with no call selected. The state
 * buttons that depend on desk settings (reason codes, wrap-up mode) are added by
 * `stateButtons`; this table holds what the scenario table lists outright.
 * Logout is enabled where Ready or Not Ready is and no call is up: the table omits
 * it, but the stock desktop logs out from Not Ready and Ready.
 */
const AGENT_ROWS: Readonly<Record<AgentStateName, number>> = {
  unknown: bits('LOGIN'),
  logout: bits('LOGIN'),
  login: 0,
  'not-ready': bits('READY') | DESKTOP_SERVICES | bits('MAKECALL'),
  available: DESKTOP_SERVICES | bits('MAKECALL'),
  reserved: ON_CALL_SERVICES,
  talking: ON_CALL_SERVICES | bits('SUPERVISOR_ASSIST', 'EMERGENCY_CALL'),
  hold: ON_CALL_SERVICES | bits('SUPERVISOR_ASSIST', 'EMERGENCY_CALL'),
  'busy-other': ON_CALL_SERVICES,
  'work-not-ready': bits('STATISTICS', 'CHAT', 'WRAPUP'),
  'work-ready': bits('STATISTICS', 'CHAT', 'WRAPUP'),
  active: ON_CALL_SERVICES,
  paused: ON_CALL_SERVICES,
  interrupted: ON_CALL_SERVICES,
  'not-active': bits('READY') | DESKTOP_SERVICES,
};

/** The call situations of §4.4, from this phone's connection and the other calls on it. */
export type CallSituation =
  | 'alerting'
  | 'dialing'
  | 'talking'
  | 'held'
  | 'consult-dialing'
  | 'consult-talking'
  | 'held-during-consult'
  | 'cleared';

/** §4.4 call rows (and §3.3's required states): what a call in each situation enables. */
const CALL_ROWS: Readonly<Record<CallSituation, number>> = {
  alerting: bits('ANSWER'),
  dialing: bits('RELEASE'),
  talking: bits('HOLD', 'RELEASE', 'TRANSFER_INIT', 'CONFERENCE_INIT', 'SINGLE_STEP_TRANSFER'),
  held: bits('RETRIEVE', 'RELEASE'),
  // Consult transfer/conference initiated: only Reconnect (cancel the consult).
  'consult-dialing': bits('RECONNECT', 'RELEASE'),
  // Consult answered (initiator): Alternate, Reconnect, Transfer/Conference Complete.
  'consult-talking': bits('ALTERNATE', 'RECONNECT', 'TRANSFER_COMPLETE', 'CONFERENCE_COMPLETE'),
  'held-during-consult': bits('ALTERNATE', 'RECONNECT', 'TRANSFER_COMPLETE', 'CONFERENCE_COMPLETE'),
  cleared: 0,
};

export interface CallOnPhone {
  /** This phone's connection state on the call (undefined: not yet known). */
  readonly localState: ConnectionState | undefined;
  /** True for a call the agent placed (wrap-up mode for outgoing calls applies). */
  readonly outgoing: boolean;
  /**
   * The far end is still ringing (or queued) and nobody else has answered. After
   * CALL_ORIGINATED the caller's own connection is already `connect` (CSTA), so this
   * is what tells "consult initiated" from "consult answered" (§4.4).
   */
  readonly ringingOut?: boolean;
}

/** Names the situation of `call` among all the calls on the phone. */
export function situationOf(call: CallOnPhone, all: readonly CallOnPhone[]): CallSituation {
  const others = all.filter((c) => c !== call);
  const otherHeld = others.some((c) => c.localState === 'hold');
  const otherActive = others.find((c) => c.localState === 'connect' || c.localState === 'initiate');
  const local = call.localState === 'connect' && call.ringingOut ? 'initiate' : call.localState;
  switch (local) {
    case 'alerting':
      return 'alerting';
    case 'initiate':
      return otherHeld ? 'consult-dialing' : 'dialing';
    case 'connect':
      return otherHeld ? 'consult-talking' : 'talking';
    case 'hold':
      if (otherActive?.localState === 'connect' && !otherActive.ringingOut) return 'held-during-consult';
      return 'held';
    default:
      return 'cleared';
  }
}

/** Ready / Not Ready / Logout and the wrap-up buttons, from the state and desk settings. */
function stateButtons(state: AgentStateName, calls: readonly CallOnPhone[], desk: DeskSettings, wrapupDone: boolean): number {
  const notReady = desk.notReadyReasonRequired ? bits('NOTREADY_WITH_REASON') : bits('NOTREADY', 'NOTREADY_WITH_REASON');
  const logout = desk.logoutReasonRequired ? bits('LOGOUT_WITH_REASON') : bits('LOGOUT', 'LOGOUT_WITH_REASON');
  const onCall = calls.some((c) => c.localState !== undefined && c.localState !== 'null');
  const mode: WrapupMode = calls.some((c) => c.outgoing) ? desk.wrapupOutgoing : desk.wrapupIncoming;
  switch (state) {
    case 'not-ready':
      return onCall ? 0 : logout;
    case 'available':
      return onCall ? 0 : notReady | logout;
    case 'talking':
    case 'hold':
      // Wrap-up mode (§4.4): only "optional" lets the agent choose the next state mid-call.
      return mode === 'optional' ? bits('READY', 'WRAPUP') | notReady : 0;
    case 'work-not-ready':
    case 'work-ready': {
      // Required modes: Ready and Not Ready only once the wrap-up has been applied.
      const required = mode === 'required' || mode === 'required-with-data';
      if (required && !wrapupDone) return 0;
      return bits('READY') | notReady | (state === 'work-not-ready' ? bits('WORKREADY') : bits('WORKNOTREADY'));
    }
    default:
      return 0;
  }
}

export interface EnablementInput {
  readonly state: AgentStateName;
  readonly calls: readonly CallOnPhone[];
  readonly desk: DeskSettings;
  /** The agent applied wrap-up data for the last call (required wrap-up modes). */
  readonly wrapupDone: boolean;
  /** False while the link is down or agent mode is being restored: everything off (ctios.md §6.6). */
  readonly inService: boolean;
}

/** What the desk settings forbid outright: supervisor-assisted calls when UCCE does not allow them. */
function deskAllows(mask: number, desk: DeskSettings): number {
  return desk.supervisorCallsAllowed === false ? (mask & ~ENABLE.SUPERVISOR_ASSIST) >>> 0 : mask;
}

/** The agent-level mask: the §4.4 agent row plus the state buttons. */
export function agentEnablement(input: EnablementInput): Enablement {
  if (!input.inService) return enablementOf(0);
  const mask = (AGENT_ROWS[input.state] | stateButtons(input.state, input.calls, input.desk, input.wrapupDone)) >>> 0;
  return enablementOf(deskAllows(mask, input.desk));
}

/** The mask for one call: the agent-level mask plus the call's own §4.4 row. */
export function callEnablement(call: CallOnPhone, input: EnablementInput): Enablement {
  if (!input.inService) return enablementOf(0);
  const agent = agentEnablement(input).mask;
  return enablementOf(deskAllows((agent | CALL_ROWS[situationOf(call, input.calls)]) >>> 0, input.desk));
}

/** The contract's name of each bit's button (DISABLE_ALL is a flag, never a button). */
const BUTTON_OF: { readonly [N in Exclude<EnableName, 'DISABLE_ALL'>]: AgentButton } = {
  ANSWER: 'answer',
  RELEASE: 'release',
  HOLD: 'hold',
  RETRIEVE: 'retrieve',
  MAKECALL: 'makeCall',
  TRANSFER_INIT: 'consultTransfer',
  TRANSFER_COMPLETE: 'completeTransfer',
  SINGLE_STEP_TRANSFER: 'singleStepTransfer',
  CONFERENCE_INIT: 'consultConference',
  CONFERENCE_COMPLETE: 'completeConference',
  SINGLE_STEP_CONFERENCE: 'singleStepConference',
  ALTERNATE: 'alternate',
  RECONNECT: 'reconnectCall',
  WRAPUP: 'wrapup',
  INSIDE_MAKECALL: 'insideMakeCall',
  OUTSIDE_MAKECALL: 'outsideMakeCall',
  SUPERVISOR_ASSIST: 'supervisorAssist',
  EMERGENCY_CALL: 'emergencyCall',
  BAD_LINE_CALL: 'badLineCall',
  STATISTICS: 'refreshStatistics',
  CHAT: 'sendChat',
  RECORD: 'record',
  LOGIN: 'login',
  LOGOUT: 'logout',
  LOGOUT_WITH_REASON: 'logoutWithReason',
  READY: 'ready',
  NOTREADY: 'notReady',
  NOTREADY_WITH_REASON: 'notReadyWithReason',
  WORKREADY: 'workReady',
  WORKNOTREADY: 'workNotReady',
};

/** A mask with its set bits named as the contract's buttons. */
export function enablementOf(mask: number): Enablement {
  const buttons = (Object.keys(BUTTON_OF) as (keyof typeof BUTTON_OF)[]).filter((name) => (mask & ENABLE[name]) !== 0).map((name) => BUTTON_OF[name]);
  return { mask: mask >>> 0, buttons };
}
