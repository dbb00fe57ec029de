import { z } from 'zod';
import { AgentCallSchema, AgentModeSchema, EnablementSchema, LastErrorSchema, OutboxStatusSchema } from './agent.js';
import { ConnectionStatusSchema } from './connection-status.js';

/** Everything the renderer may see. Later issues add team, statistics, settings. */
export const AppStateSchema = z.object({
  connection: ConnectionStatusSchema,
  agent: AgentModeSchema,
  /** The agent's calls in the order they began (agent mode only; empty otherwise). */
  calls: z.array(AgentCallSchema),
  /** The agent-level mask (no call selected): state buttons, make call, login. */
  enablement: EnablementSchema,
  lastError: LastErrorSchema.nullable(),
  outbox: OutboxStatusSchema,
});

export type AppState = z.infer<typeof AppStateSchema>;

/**
 * The state stream: one snapshot when a view subscribes, then patches in order.
 * `seq` increases by one per event so a view can tell it missed one and resubscribe.
 */
export const StateEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('snapshot'), seq: z.number().int().nonnegative(), state: AppStateSchema }),
  z.object({ kind: z.literal('patch'), seq: z.number().int().positive(), changes: AppStateSchema.partial() }),
]);

export type StateEvent = z.infer<typeof StateEventSchema>;

/** Applies one stream event to a view's copy of the state. */
export function applyStateEvent(state: AppState | undefined, event: StateEvent): AppState | undefined {
  if (event.kind === 'snapshot') return event.state;
  return state === undefined ? undefined : { ...state, ...event.changes };
}

/** The state before anything is known: no agent, no calls, nothing enabled. */
export function initialAppState(connection: AppState['connection']): AppState {
  return { connection, agent: { mode: 'none' }, calls: [], enablement: { mask: 0, buttons: [] }, lastError: null, outbox: { pending: 0 } };
}
