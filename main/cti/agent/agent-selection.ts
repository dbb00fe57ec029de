import { isLoggedIn } from './agent-states.js';
import { DEFAULT_DESK_SETTINGS, type AgentIdentity, type AgentStateName, type DeskSettings, type PendingAgentState } from '../../../contract/index.js';
import type { ServerDeskSettings } from './server-desk-settings.js';

export type DuplicateLoginPolicy = 'allow' | 'warn' | 'reject';

export interface SetAgentOptions {
  readonly identity: AgentIdentity;
  readonly deskSettings?: DeskSettings;
  /** ctios.md §2.5 Warn/Reject settings; `warn` by default. */
  readonly duplicateLogin?: DuplicateLoginPolicy;
  /** Open with the SUPERVISOR service and team configuration (a supervisor's desktop). */
  readonly supervisor?: boolean;
  /** The protocol version the connection profile pins (a policy or config pin wins). */
  readonly protocolVersion?: number;
}

/** The agent set on this desktop and its state as the desktop knows it; agent mode applies events to it. */
export interface AgentSelection {
  readonly identity: AgentIdentity;
  /** The desktop's desk settings; change live when the desktop settings change (no re-login). */
  desk: DeskSettings;
  /** CTI Server's Agent Desk Settings for the agent, once it gave them: they win over `desk`. */
  serverDesk?: ServerDeskSettings;
  readonly policy: DuplicateLoginPolicy;
  /** `starting` until the first restore is done; `restoring` after a connection loss until the next one is. */
  phase: 'starting' | 'active' | 'restoring';
  state: AgentStateName;
  reasonCode: number;
  since: number;
  alreadyLoggedIn: boolean;
  /** The state CTI Server applies when the call ends (NextAgentState); undefined when none waits. */
  pending: PendingAgentState | undefined;
  /** The last state this desktop asked for, with its reason (the event's NextAgentState carries no reason). */
  asked: PendingAgentState | undefined;
}

/** What SetAgent starts from: state unknown until the restore has asked the server. */
export function newSelection(options: SetAgentOptions, now: number): AgentSelection {
  return {
    identity: options.identity,
    desk: options.deskSettings ?? DEFAULT_DESK_SETTINGS,
    policy: options.duplicateLogin ?? 'warn',
    phase: 'starting',
    state: 'unknown',
    reasonCode: 0,
    since: now,
    alreadyLoggedIn: false,
    pending: undefined,
    asked: undefined,
  };
}

/**
 * ctios.md §2.5, once the first restore knows the agent's state: another desktop may
 * have the agent logged in already. Marks it on the selection; says what to refuse
 * with or warn of under the desktop's policy.
 */
export function checkDuplicateLogin(selection: AgentSelection): { readonly refuse: string } | { readonly warn: string } | undefined {
  selection.alreadyLoggedIn = isLoggedIn(selection.state);
  if (!selection.alreadyLoggedIn) return undefined;
  const { identity, state, policy } = selection;
  if (policy === 'reject') return { refuse: `agent ${identity.agentId} is already logged in (${state}); this desktop is set to refuse a second login` };
  if (policy === 'warn') return { warn: `agent ${identity.agentId} is already logged in (${state}): another desktop may be using it` };
  return undefined;
}
