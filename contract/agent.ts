import { z } from 'zod';
import { CallSchema, ConnectionStateSchema } from './calls.js';

/** The agent states of CTI Server (ged188.md §5.1), in words. */
export const AgentStateNameSchema = z.enum([
  'login',
  'logout',
  'not-ready',
  'available',
  'talking',
  'work-not-ready',
  'work-ready',
  'busy-other',
  'reserved',
  'unknown',
  'hold',
  'active',
  'paused',
  'interrupted',
  'not-active',
]);
export type AgentStateName = z.infer<typeof AgentStateNameSchema>;

export const WrapupModeSchema = z.enum(['required', 'optional', 'not-allowed', 'required-with-data']);
export type WrapupMode = z.infer<typeof WrapupModeSchema>;

/**
 * The agent desk settings that decide enablement (ctios.md §3.5, §4.4). The four
 * first fields always hold; the optional ones are what only CTI Server knows (UCCE's
 * Agent Desk Settings, AGENT_DESK_SETTINGS_CONF) and are present when it said them.
 */
export const DeskSettingsSchema = z.object({
  wrapupIncoming: WrapupModeSchema,
  wrapupOutgoing: WrapupModeSchema,
  notReadyReasonRequired: z.boolean(),
  logoutReasonRequired: z.boolean(),
  /** `server`: CTI Server's Agent Desk Settings decide (they win over the desktop settings); `desktop`: the desktop's, as the server gave none. */
  source: z.enum(['server', 'desktop']).optional(),
  /** Calls to the agent are answered automatically. */
  autoAnswer: z.boolean().optional(),
  /** The agent goes Ready (not wrap-up) after an incoming / outgoing call. */
  availableAfterIncoming: z.boolean().optional(),
  availableAfterOutgoing: z.boolean().optional(),
  /** The agent may ask the supervisor for help (supervisor-assisted calls). */
  supervisorCallsAllowed: z.boolean().optional(),
  agentToAgentCallsAllowed: z.boolean().optional(),
  nonAcdCallsAllowed: z.boolean().optional(),
  agentCanSelectGroup: z.boolean().optional(),
  outboundAccess: z
    .object({ international: z.boolean(), publicNet: z.boolean(), privateNet: z.boolean(), operatorAssisted: z.boolean(), pbx: z.boolean() })
    .optional(),
  /** Seconds of inactivity after which UCCE logs the agent out (0: never). */
  logoutNonActivitySeconds: z.number().int().nonnegative().optional(),
  /** Seconds a call rings before UCCE redirects it (0: not set). */
  ringNoAnswerSeconds: z.number().int().nonnegative().optional(),
  /** Auto wrap-up time-out in seconds (0: not set). */
  workModeTimerSeconds: z.number().int().nonnegative().optional(),
});
export type DeskSettings = z.infer<typeof DeskSettingsSchema>;

export const DEFAULT_DESK_SETTINGS: DeskSettings = {
  wrapupIncoming: 'optional',
  wrapupOutgoing: 'optional',
  notReadyReasonRequired: false,
  logoutReasonRequired: false,
};

/** Who the desktop works for, as SetAgent named it. */
export const AgentIdentitySchema = z.object({
  agentId: z.string().min(1).max(11),
  instrument: z.string().min(1).max(63),
  peripheralId: z.number().int().nonnegative(),
  position: z.string().max(11).optional(),
});
export type AgentIdentity = z.infer<typeof AgentIdentitySchema>;

/**
 * A state asked for during a call, which CTI Server applies when the call ends (UCCE
 * confirms SET_AGENT_STATE at once and names the state in AGENT_STATE_EVENT's
 * NextAgentState; Finesse calls it the pending state). The reason code is the one this
 * desktop asked with (the event carries none for it); 0 when unknown or none.
 */
export const PendingAgentStateSchema = z.object({
  state: AgentStateNameSchema,
  reasonCode: z.number().int().nonnegative(),
});
export type PendingAgentState = z.infer<typeof PendingAgentStateSchema>;

/**
 * The call whose wrap-up is due (ctios.md §4.4 "Released: … Wrap-up if configured"):
 * the last call that ended while the agent is in a work state and wrap-up is allowed
 * for its direction. `required` when its data must be entered before the agent leaves
 * wrap-up (required with data); `entered` once wrap-up was applied (sent or kept in the
 * outbox while the link is down).
 */
export const WrapupDueSchema = z.object({
  callId: z.string(),
  direction: z.enum(['incoming', 'outgoing']),
  required: z.boolean(),
  entered: z.boolean(),
});
export type WrapupDue = z.infer<typeof WrapupDueSchema>;

/**
 * Agent mode as the view sees it. `phase` says whether the desktop can act:
 * `starting` (SetAgent sent, first snapshot not back), `active`, `restoring` (the
 * link went; the mode comes back by itself on the next open session).
 */
export const AgentModeSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('none') }),
  z.object({
    mode: z.literal('agent'),
    phase: z.enum(['starting', 'active', 'restoring']),
    identity: AgentIdentitySchema,
    state: AgentStateNameSchema,
    reasonCode: z.number().int().nonnegative(),
    /** When the current state began (epoch ms). */
    since: z.number().int().nonnegative(),
    deskSettings: DeskSettingsSchema,
    /** ctios.md §2.5: the agent was already logged in when this desktop set it. */
    alreadyLoggedIn: z.boolean(),
    /**
     * The desktop saw a sign that it and CTI Server disagree (an event that does not fit,
     * a command refused for an unknown call) and is checking: a re-read of the agent and
     * its calls is due or running. Commands go on meanwhile.
     */
    checking: z.boolean(),
    /** A state asked for during a call, applied when the call ends; absent when none waits. */
    pending: PendingAgentStateSchema.optional(),
    /** The ended call whose wrap-up is due, while the agent is in a work state. */
    wrapup: WrapupDueSchema.optional(),
  }),
]);
export type AgentMode = z.infer<typeof AgentModeSchema>;

/**
 * The buttons of the CTI OS enablement mask (ctios.md §4.2), one per bit, each named
 * after the contract command it enables (`hold` enables the `hold` command). The few
 * that need more than a name say so: `consultTransfer` and `consultConference` are
 * `consult` with its `kind`; `notReadyWithReason` and `logoutWithReason` are
 * `notReady` and `logout` with a reason code; `wrapup` is `setCallData` with `wrapup`;
 * `insideMakeCall` and `outsideMakeCall` are `makeCall`; `badLineCall` and `record`
 * have no command yet.
 */
export const AgentButtonSchema = z.enum([
  'answer',
  'release',
  'hold',
  'retrieve',
  'makeCall',
  'consultTransfer',
  'completeTransfer',
  'singleStepTransfer',
  'consultConference',
  'completeConference',
  'singleStepConference',
  'alternate',
  'reconnectCall',
  'wrapup',
  'insideMakeCall',
  'outsideMakeCall',
  'supervisorAssist',
  'emergencyCall',
  'badLineCall',
  'refreshStatistics',
  'sendChat',
  'record',
  'login',
  'logout',
  'logoutWithReason',
  'ready',
  'notReady',
  'notReadyWithReason',
  'workReady',
  'workNotReady',
]);
export type AgentButton = z.infer<typeof AgentButtonSchema>;

/** The CTI OS enablement mask (ctios.md §4.2) with its set bits named, so a view need not decode it. */
export const EnablementSchema = z.object({
  mask: z.number().int().nonnegative(),
  buttons: z.array(AgentButtonSchema),
});
export type Enablement = z.infer<typeof EnablementSchema>;

/** A call as agent mode shows it: the call, this phone's connection state, and the buttons for it. */
export const AgentCallSchema = z.object({
  call: CallSchema,
  /** The state of the agent's own connection; undefined until an event names it. */
  localState: ConnectionStateSchema.optional(),
  enablement: EnablementSchema,
});
export type AgentCall = z.infer<typeof AgentCallSchema>;

/** The last thing that went wrong, for the person at the desk (design.md principle 7). */
export const LastErrorSchema = z.object({
  message: z.string(),
  at: z.number().int().nonnegative(),
});
export type LastError = z.infer<typeof LastErrorSchema>;

/** Items in the durable outbox, waiting for the session (wrap-up, call data entered while the link was down). */
export const OutboxStatusSchema = z.object({ pending: z.number().int().nonnegative() });
