import { z } from 'zod';

export const SideSchema = z.enum(['A', 'B']);

/** A GED-188 protocol version (OPEN_REQ VersionNumber) this desktop can speak. */
export const ProtocolVersionSchema = z.number().int().min(13).max(25);

const since = z.number().int().nonnegative().describe('epoch milliseconds when this state began');

/**
 * The standby session on the other side (protocol version 24+, ged188.md §2.11):
 * `off` with why when there is none (an older server, one side, or the service refused).
 */
export const StandbySessionStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('off'), reason: z.string() }),
  z.object({ state: z.literal('connecting'), side: SideSchema }),
  z.object({ state: z.literal('open'), side: SideSchema }),
  z.object({ state: z.literal('waiting'), side: SideSchema, reason: z.string() }),
]);
export type StandbySessionStatus = z.infer<typeof StandbySessionStatusSchema>;
const standby = StandbySessionStatusSchema.optional();

/**
 * The link to CTI Server as the status bar shows it. One variant per state, so a
 * "connected" status without a side cannot be expressed.
 */
export const ConnectionStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('stopped'), since }),
  z.object({
    state: z.literal('connecting'),
    side: SideSchema,
    endpoint: z.string(),
    attempt: z.number().int().positive(),
    since,
    standby,
  }),
  z.object({
    state: z.literal('connected'),
    side: SideSchema,
    endpoint: z.string(),
    /** The GED-188 protocol version the session opened with (negotiated or pinned). */
    protocolVersion: ProtocolVersionSchema.optional(),
    since,
    standby,
  }),
  z.object({
    state: z.literal('out-of-service'),
    /** The side the next attempt goes to. */
    side: SideSchema,
    endpoint: z.string(),
    /** The attempt that comes next. */
    attempt: z.number().int().positive(),
    reason: z.string(),
    retryAt: z.number().int().nonnegative(),
    since,
    standby,
  }),
  z.object({ state: z.literal('closing'), side: SideSchema, endpoint: z.string(), since }),
]);

export type ConnectionStatus = z.infer<typeof ConnectionStatusSchema>;
export type Side = z.infer<typeof SideSchema>;
