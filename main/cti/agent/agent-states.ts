import { AGENT_STATE } from '../../../ged188/index.js';
import type { AgentStateName } from '../../../contract/index.js';

const NAMES: Readonly<Record<number, AgentStateName>> = {
  [AGENT_STATE.LOGIN]: 'login',
  [AGENT_STATE.LOGOUT]: 'logout',
  [AGENT_STATE.NOT_READY]: 'not-ready',
  [AGENT_STATE.AVAILABLE]: 'available',
  [AGENT_STATE.TALKING]: 'talking',
  [AGENT_STATE.WORK_NOT_READY]: 'work-not-ready',
  [AGENT_STATE.WORK_READY]: 'work-ready',
  [AGENT_STATE.BUSY_OTHER]: 'busy-other',
  [AGENT_STATE.RESERVED]: 'reserved',
  [AGENT_STATE.UNKNOWN]: 'unknown',
  [AGENT_STATE.HOLD]: 'hold',
  [AGENT_STATE.ACTIVE]: 'active',
  [AGENT_STATE.PAUSED]: 'paused',
  [AGENT_STATE.INTERRUPTED]: 'interrupted',
  [AGENT_STATE.NOT_ACTIVE]: 'not-active',
};

/** AgentState (ged188.md §5.1) in words; values the guide does not list read as unknown. */
export function agentStateName(value: number): AgentStateName {
  return NAMES[value] ?? 'unknown';
}

/** ctios.md §2.5: logged in when the state is neither Logout nor Unknown. */
export function isLoggedIn(state: AgentStateName): boolean {
  return state !== 'logout' && state !== 'unknown';
}

const ON_CALL: ReadonlySet<AgentStateName> = new Set(['reserved', 'talking', 'hold', 'busy-other']);

/** States a call puts the agent in: a state asked for meanwhile waits for the call to end. */
export function isOnCallState(state: AgentStateName): boolean {
  return ON_CALL.has(state);
}
