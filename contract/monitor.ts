import { z } from 'zod';

/** The most agents and calls monitor mode keeps in the state (a site larger than this shows the first ones). */
export const MAX_MONITOR_AGENTS = 5_000;
export const MAX_MONITOR_CALLS = 5_000;

/** An agent as monitor mode last saw it (OnQueryAgentStateConf, OnAgentStateChange). */
export const MonitorAgentSchema = z.object({
  agentId: z.string(),
  peripheralId: z.number().int(),
  /** CTI OS state name (`eAvailable`, `eNotReady`, …). */
  agentState: z.string(),
  agentExtension: z.string().optional(),
  agentInstrument: z.string().optional(),
  eventReasonCode: z.number().int().optional(),
});
export type MonitorAgent = z.infer<typeof MonitorAgentSchema>;

/** A call monitor mode knows of; it leaves the list on OnCallEnd (and after a failover, if it ended meanwhile). */
export const MonitorCallSchema = z.object({
  peripheralId: z.number().int(),
  connectionCallId: z.number().int(),
  connectionDeviceId: z.string().optional(),
  callType: z.number().int().optional(),
  ani: z.string().optional(),
  dnis: z.string().optional(),
  dialedNumber: z.string().optional(),
  /** The name of the last call event seen for it (`OnCallDelivered`, …). */
  lastEvent: z.string(),
});
export type MonitorCall = z.infer<typeof MonitorCallSchema>;

/** Monitor mode (CTI OS SetMessageFilter): null when the session is not in monitor mode. */
export const MonitorViewSchema = z.object({
  filter: z.string(),
  /** OnMonitorModeEstablished came on the current connection: the lists equal the server's (as the filter shows them). */
  established: z.boolean(),
  agents: z.array(MonitorAgentSchema),
  calls: z.array(MonitorCallSchema),
});
export type MonitorView = z.infer<typeof MonitorViewSchema>;

export const MONITOR_COMMANDS = {
  /**
   * CTI OS SetMessageFilter: monitor mode with this filter (ctios.md §1.8). Refused
   * while agent mode is set; setting it again replaces the filter.
   */
  setMessageFilter: { args: z.object({ filter: z.string().min(1).max(4096) }).strict(), result: z.object({}) },
  /** Leave monitor mode: back to a connection-only session. */
  clearMessageFilter: { args: z.object({}).strict(), result: z.object({}) },
} as const satisfies Record<string, { args: z.ZodType; result: z.ZodType }>;

export type MonitorCommandName = keyof typeof MONITOR_COMMANDS;
