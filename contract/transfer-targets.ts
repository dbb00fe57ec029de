import { z } from 'zod';
import { AgentStateNameSchema } from './agent.js';

/**
 * Who the agent may transfer or conference to, with each one's state as CTI Server
 * has it, so the agent sees who is free before dialling (issue 11 item 4). Members
 * come from CTI Server's team configuration where the session receives it (a
 * supervisor's session), else from the desktop settings' `transferDirectory`.
 */
export const TransferTargetSchema = z.object({
  agentId: z.string(),
  /** From the directory; CTI Server's team configuration carries no names. */
  name: z.string().optional(),
  /** The phone to dial: the agent's instrument while it is logged in (QUERY_AGENT_STATE_CONF). */
  instrument: z.string().optional(),
  state: AgentStateNameSchema,
});
export type TransferTarget = z.infer<typeof TransferTargetSchema>;

export const TransferTargetsSchema = z.object({
  /** A transfer dialog is open: states are queried now and every `intervalMs` until it closes. */
  watching: z.boolean(),
  /** Where the members came from. */
  source: z.enum(['team', 'directory', 'none']),
  intervalMs: z.number().int().positive(),
  targets: z.array(TransferTargetSchema),
});
export type TransferTargets = z.infer<typeof TransferTargetsSchema>;

/** How often the targets' states are queried while a transfer dialog is open. */
export const TRANSFER_TARGETS_INTERVAL_MS = 2000;

export const EMPTY_TRANSFER_TARGETS: TransferTargets = { watching: false, source: 'none', intervalMs: TRANSFER_TARGETS_INTERVAL_MS, targets: [] };

const none = z.object({}).strict();
const done = z.object({});

/** The transfer dialog's commands: keep the targets' states live while it is open. */
export const TRANSFER_COMMANDS = {
  /** The dialog opened: query the targets' states now and keep them live (QUERY_AGENT_STATE_REQ per target). */
  watchTransferTargets: { args: none, result: done },
  /** The dialog closed: stop querying. */
  unwatchTransferTargets: { args: none, result: done },
} as const satisfies Record<string, { args: z.ZodType; result: z.ZodType }>;

export type TransferCommandName = keyof typeof TRANSFER_COMMANDS;
