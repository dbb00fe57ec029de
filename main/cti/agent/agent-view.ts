import {
  DEFAULT_DESK_SETTINGS,
  type AgentCall,
  type AgentMode as AgentModeState,
  type Call,
  type DeskSettings,
  type Enablement,
  type WrapupDue,
} from '../../../contract/index.js';
import { agentEnablement, callEnablement, type EnablementInput } from '../enablement.js';
import type { AgentSelection } from './agent-selection.js';
import { phoneCalls } from './phone-calls.js';
import { effectiveDeskSettings } from './server-desk-settings.js';

/** What the desktop shows of agent mode: the agent, the phone's calls with their buttons, the agent's buttons. */
export interface AgentView {
  readonly agent: AgentModeState;
  readonly calls: AgentCall[];
  readonly enablement: Enablement;
}

export interface AgentViewInput {
  readonly selection: Readonly<AgentSelection> | undefined;
  readonly calls: readonly Call[];
  /** Agent mode is active on an open link (everything is off otherwise, ctios.md §6.6). */
  readonly inService: boolean;
  /** The agent applied wrap-up for the last call (required wrap-up modes enable Ready after it). */
  readonly wrapupDone: boolean;
  /** The call that ended last, kept for wrap-up (WrapupCalls.latest). */
  readonly wrapupCall?: Call | undefined;
  /** A re-check with CTI Server is due or running (AgentRestore.checking). */
  readonly checking: boolean;
}

/** The view of agent mode, built afresh from its parts: nothing here is remembered between calls. */
export function agentView({ selection, calls, inService, wrapupDone, wrapupCall, checking }: AgentViewInput): AgentView {
  const onPhone = phoneCalls(calls, selection?.identity.instrument);
  const input: EnablementInput = {
    state: selection?.state ?? 'logout',
    calls: onPhone.map((c) => c.onPhone),
    desk: selection ? effectiveDeskSettings(selection.desk, selection.serverDesk) : DEFAULT_DESK_SETTINGS,
    wrapupDone,
    // Without an agent only Login matters, and only once the link is up.
    inService: selection ? inService : false,
  };
  if (!selection) return { agent: { mode: 'none' }, calls: [], enablement: agentEnablement(input) };
  return {
    agent: {
      mode: 'agent',
      phase: selection.phase,
      identity: selection.identity,
      state: selection.state,
      reasonCode: selection.reasonCode,
      since: selection.since,
      deskSettings: input.desk,
      alreadyLoggedIn: selection.alreadyLoggedIn,
      checking,
      ...(selection.pending ? { pending: selection.pending } : {}),
      ...wrapupDueOf(selection, wrapupCall, wrapupDone),
    },
    calls: onPhone.map(({ call, onPhone: phone }) => ({
      call,
      ...(phone.localState ? { localState: phone.localState } : {}),
      enablement: callEnablement(phone, input),
    })),
    enablement: agentEnablement(input),
  };
}

/**
 * Wrap-up is due while the agent is in a work state after a call whose direction allows
 * wrap-up (ctios.md §4.4); the direction as enablement reads it (the phone placed it).
 */
function wrapupDueOf(selection: Readonly<AgentSelection>, call: Call | undefined, entered: boolean): { wrapup?: WrapupDue } {
  if (!call || (selection.state !== 'work-ready' && selection.state !== 'work-not-ready')) return {};
  const direction = phoneCalls([call], selection.identity.instrument)[0]?.onPhone.outgoing ? 'outgoing' : 'incoming';
  const mode: DeskSettings['wrapupIncoming'] = direction === 'outgoing' ? selection.desk.wrapupOutgoing : selection.desk.wrapupIncoming;
  if (mode === 'not-allowed') return {};
  return {
    wrapup: {
      callId: call.key,
      direction,
      required: mode === 'required-with-data',
      entered,
    },
  };
}
