import { z } from 'zod';
import { ConnectionStatusSchema } from './connection-status.js';

/** Everything the renderer may see. Later issues add agent, calls, team, statistics, settings. */
export const AppStateSchema = z.object({
  connection: ConnectionStatusSchema,
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
