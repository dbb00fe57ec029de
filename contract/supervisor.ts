import { z } from 'zod';
import { AgentStateNameSchema } from './agent.js';
import { CallKeySchema, CallSchema } from './calls.js';

/** The supervisor's buttons on a team member (ctios.md §4.3): each is the command it enables. */
export const SupervisorButtonSchema = z.enum(['logoutAgent', 'makeAgentReady', 'bargeIn', 'intercept']);
export type SupervisorButton = z.infer<typeof SupervisorButtonSchema>;

/**
 * The supervisor's team view (ctios.md §7.2 Team Real-Time Status): who is in the
 * supervisor's teams (AGENT_TEAM_CONFIG_EVENT) and what state each is in
 * (AGENT_STATE_EVENT of team members). `since` is when the state began (epoch ms):
 * the view computes time in state itself; main never ticks it.
 */
export const TeamMemberSchema = z.object({
  agentId: z.string(),
  teamId: z.number().int().nonnegative(),
  /** Unknown to GED-188's team configuration; set when a source provides it. */
  name: z.string().optional(),
  /** AgentFlags: a supervisor of the team (0x4), the primary one (0x1), a temporary member (0x2). */
  supervisor: z.boolean(),
  primarySupervisor: z.boolean(),
  state: AgentStateNameSchema,
  reasonCode: z.number().int().nonnegative(),
  since: z.number().int().nonnegative(),
  /** Supervisor buttons for this member (ctios.md §4.3), each the command it enables with `{ agentId }`. */
  buttons: z.array(SupervisorButtonSchema),
});
export type TeamMember = z.infer<typeof TeamMemberSchema>;

export const TeamSchema = z.object({ teamId: z.number().int().nonnegative(), name: z.string() });
export type Team = z.infer<typeof TeamSchema>;

/**
 * The team member whose calls the supervisor sees (watchAgent): the calls of its phone,
 * from a device monitor (MONITOR_START_REQ) on its instrument; `monitoring` is false
 * while the monitor is not (yet, or after a failover not again) in place.
 */
export const WatchedAgentSchema = z.object({
  agentId: z.string(),
  instrument: z.string().optional(),
  monitoring: z.boolean(),
  calls: z.array(CallSchema),
});
export type WatchedAgent = z.infer<typeof WatchedAgentSchema>;

/**
 * `enabled`: the session was opened for a supervisor (SetAgent with `supervisor`)
 * and CTI Server granted the SUPERVISOR service. Members are re-learnt after every
 * (re)open from the team configuration CTI Server sends.
 */
export const TeamViewSchema = z.object({
  enabled: z.boolean(),
  teams: z.array(TeamSchema),
  members: z.array(TeamMemberSchema),
  /** The member whose calls the supervisor watches (watchAgent), if any. */
  watched: WatchedAgentSchema.optional(),
});
export type TeamView = z.infer<typeof TeamViewSchema>;

export const EMPTY_TEAM_VIEW: TeamView = { enabled: false, teams: [], members: [] };

/** An agent asked for help (SUPERVISOR_ASSIST_EVENT) or raised an emergency (EMERGENCY_CALL_EVENT). */
export const SupervisorAlertSchema = z.object({
  id: z.string(),
  kind: z.enum(['assist', 'emergency']),
  agentId: z.string().optional(),
  instrument: z.string().optional(),
  /** The call the agent asked about, if any. */
  callId: CallKeySchema.optional(),
  at: z.number().int().nonnegative(),
});
export type SupervisorAlert = z.infer<typeof SupervisorAlertSchema>;

/** Alerts kept for the supervisor, newest last. */
export const MAX_SUPERVISOR_ALERTS = 50;
