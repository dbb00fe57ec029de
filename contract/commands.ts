import { z } from 'zod';
import { AgentStateNameSchema } from './agent.js';
import { CallKeySchema, CallVariablesSchema, EccSchema } from './calls.js';
import { ProtocolVersionSchema } from './connection-status.js';
import { ChatRecipientSchema, MAX_CHAT_TEXT } from './chat.js';
import { MONITOR_COMMANDS } from './monitor.js';
import { TRAINING_COMMANDS } from './training.js';
import { TRANSFER_COMMANDS } from './transfer-targets.js';

const none = z.object({}).strict();
const done = z.object({});
const reasonCode = z.number().int().min(1).max(65535);
const callId = CallKeySchema;
const dialedNumber = z.string().min(1).max(39);
const onCall = z.object({ callId }).strict();
const newCall = z.object({ callId: CallKeySchema });

const agentId = z.string().min(1).max(11);
const onAgent = z.object({ agentId }).strict();
const onAgentCall = z.object({ agentId, callId: callId.optional() }).strict();
const optionalCall = z.object({ callId: callId.optional() }).strict();

/** Supervisor, chat and statistics commands (issue 5 items 7 and 8). */
export const SUPERVISOR_COMMANDS = {
  /** Supervisor: make a team member Ready (SET_AGENT_STATE_REQ naming the agent). */
  makeAgentReady: { args: onAgent, result: done },
  /** Supervisor: log a team member out; the reason code defaults to 999, as the CTI OS supervisor desktop sends. */
  logoutAgent: { args: z.object({ agentId, reasonCode: reasonCode.optional() }).strict(), result: done },
  /** Supervisor: barge in on a team member's call (its current call unless `callId` names one). */
  bargeIn: { args: onAgentCall, result: newCall },
  /** Supervisor: take over the call barged in on; the agent leaves it. */
  intercept: { args: onAgentCall, result: newCall },
  /**
   * Supervisor: see a team member's calls (a device monitor on its phone, MONITOR_START_REQ);
   * they appear in `team.watched` until `unwatchAgent`, and the watch survives a failover.
   */
  watchAgent: { args: onAgent, result: done },
  /** Supervisor: stop seeing the watched member's calls (MONITOR_STOP_REQ). */
  unwatchAgent: { args: none, result: done },
  /** Agent: ask the team's supervisor for help, about a call or not. */
  supervisorAssist: { args: optionalCall, result: done },
  /** Agent: raise an emergency with the team's supervisor, about a call or not. */
  emergencyCall: { args: optionalCall, result: done },
  /** Dismiss an assist or emergency alert from the supervisor's list. */
  dismissAlert: { args: z.object({ id: z.string().min(1) }).strict(), result: done },
  /** Chat (USER_MESSAGE): to one agent, the sender's supervisor, or the sender's team. */
  sendChat: { args: z.object({ to: ChatRecipientSchema, text: z.string().min(1).max(MAX_CHAT_TEXT) }).strict(), result: done },
  /** Refresh agent and skill-group statistics now (otherwise on the interval and at call end). */
  refreshStatistics: { args: none, result: done },
} as const satisfies Record<string, { args: z.ZodType; result: z.ZodType }>;

export type SupervisorCommandName = keyof typeof SUPERVISOR_COMMANDS;

/** The desktop settings commands (issue 10). */
export const SETTINGS_COMMANDS = {
  /**
   * The user's own preference for one settings value (a JSON Pointer: a grid's columns in
   * another order or widths, a sound muted, bring to front or flash on a call); `null`
   * goes back to the central value. Refused for a value the centre or IT locked.
   */
  setPreference: {
    args: z.object({ pointer: z.string().regex(/^(\/[^/]+)+$/, 'a JSON Pointer such as /sounds/ringIn/mute'), value: z.json() }).strict(),
    result: done,
  },
  /** RequestDesktopSettings now: check the settings source for a changed document. */
  refreshSettings: { args: none, result: z.object({ outcome: z.enum(['updated', 'unchanged', 'refused', 'failed']) }) },
} as const satisfies Record<string, { args: z.ZodType; result: z.ZodType }>;

export type SettingsCommandName = keyof typeof SETTINGS_COMMANDS;

/**
 * Every command the renderer may send, with the schema its argument must pass
 * and the shape of its result. The shells validate against these before anything
 * reaches core; preload exposes one named function per entry.
 */
export const COMMANDS = {
  /** Skip the back-off and try the next CTI Server side now. */
  reconnect: {
    args: none,
    result: z.object({ retried: z.boolean() }),
  },
  /** CTI OS SetAgent: agent mode for this agent on this phone (by AgentID or login name). */
  setAgent: {
    args: z
      .object({
        agentId: z.string().min(1).max(11).optional(),
        /** Sent in the AgentID field: UCCE resolves a login name there (there is no separate GED-188 field). */
        loginName: z.string().min(1).max(11).optional(),
        instrument: z.string().min(1).max(63),
        peripheralId: z.number().int().nonnegative().optional(),
        position: z.string().min(1).max(11).optional(),
        duplicateLogin: z.enum(['allow', 'warn', 'reject']).optional(),
        /** Open the session with the SUPERVISOR service and team configuration (supervisor desktop). */
        supervisor: z.boolean().optional(),
        /** The connection profile's pinned GED-188 protocol version (a deployment policy's pin wins). */
        protocolVersion: ProtocolVersionSchema.optional(),
      })
      .strict()
      .refine((a) => (a.agentId === undefined) !== (a.loginName === undefined), { message: 'give either agentId or loginName', path: ['agentId'] }),
    result: z.object({ alreadyLoggedIn: z.boolean(), state: AgentStateNameSchema }),
  },
  login: {
    args: z
      .object({
        password: z.string().max(63),
        reasonCode: reasonCode.optional(),
        /** CTI OS AgentWorkMode (ctios.md §2.3 Login; GED-188 AgentWorkMode): Ready by itself after a call, or by the agent. Left out: as the centre sets it. */
        workMode: z.enum(['autoIn', 'manualIn']).optional(),
      })
      .strict(),
    result: done,
  },
  logout: { args: z.object({ reasonCode: reasonCode.optional() }).strict(), result: done },
  ready: { args: none, result: done },
  notReady: { args: z.object({ reasonCode: reasonCode.optional() }).strict(), result: done },
  workReady: { args: none, result: done },
  workNotReady: { args: none, result: done },
  /** Withdraws the state asked for during a call (AgentMode.pending) before the call ends. */
  cancelPendingState: { args: none, result: done },
  makeCall: { args: z.object({ dialedNumber }).strict(), result: newCall },
  answer: { args: onCall, result: done },
  release: { args: onCall, result: done },
  hold: { args: onCall, result: done },
  retrieve: { args: onCall, result: done },
  alternate: { args: onCall, result: done },
  reconnectCall: { args: onCall, result: done },
  consult: { args: z.object({ callId, dialedNumber, kind: z.enum(['transfer', 'conference']) }).strict(), result: newCall },
  completeTransfer: { args: onCall, result: done },
  completeConference: { args: onCall, result: done },
  singleStepTransfer: { args: z.object({ callId, dialedNumber }).strict(), result: done },
  singleStepConference: { args: z.object({ callId, dialedNumber }).strict(), result: done },
  sendDtmf: { args: z.object({ callId, digits: z.string().regex(/^[0-9*#A-D]{1,31}$/, 'digits 0-9, *, #, A-D') }).strict(), result: done },
  /** Call variables, ECC and wrap-up: only what changed is sent; while the link is down it waits in the outbox. */
  setCallData: {
    args: z
      .object({ callId, variables: CallVariablesSchema.optional(), ecc: EccSchema.optional(), wrapup: z.string().max(39).optional() })
      .strict()
      .refine((a) => a.variables !== undefined || a.ecc !== undefined || a.wrapup !== undefined, { message: 'nothing to set' }),
    result: z.object({ sent: z.boolean(), queued: z.boolean() }),
  },
  ...TRANSFER_COMMANDS,
  ...SETTINGS_COMMANDS,
  ...SUPERVISOR_COMMANDS,
  ...MONITOR_COMMANDS,
  ...TRAINING_COMMANDS,
} as const satisfies Record<string, { args: z.ZodType; result: z.ZodType }>;

export type CommandName = keyof typeof COMMANDS;
export type CommandArgs<N extends CommandName> = z.input<(typeof COMMANDS)[N]['args']>;
export type CommandResult<N extends CommandName> = z.output<(typeof COMMANDS)[N]['result']>;

export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(COMMANDS, name);
}

/** A command that could not be carried out, in words for the person who asked. */
/**
 * Why a command failed: `code` for the program, `message` in English for logs and
 * for a view without a translation, and `command` and `params` (the field, the
 * failure code CTI Server gave, …) so a view can say it in the agent's language.
 */
export const CommandFailureSchema = z.object({
  code: z.enum(['invalid-argument', 'unknown-command', 'unavailable', 'failed']),
  message: z.string(),
  command: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
export type CommandFailure = z.infer<typeof CommandFailureSchema>;
