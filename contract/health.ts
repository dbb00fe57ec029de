import { z } from 'zod';
import { ProtocolVersionSchema, SideSchema } from './connection-status.js';

const time = z.number().int().nonnegative().describe('epoch milliseconds');

/** A component as the health panel shows it; `unknown` while there is no session to ask. */
export const ComponentStatusSchema = z.enum(['online', 'offline', 'unknown']);
export type ComponentStatus = z.infer<typeof ComponentStatusSchema>;

/** PGStatusCode bits (ged188.md §5.3) in words. */
export const PgStatusFlagSchema = z.enum(['opc-down', 'cc-down', 'peripheral-offline', 'cti-server-offline', 'limited-function']);
export type PgStatusFlag = z.infer<typeof PgStatusFlagSchema>;

/**
 * System health (ctios.md §1.6 OnCTIOSFailure and StatusSystem, §8 item 18): CTI
 * Server and the side in use, the PG (OPEN_CONF.PGStatus, then each SYSTEM_EVENT's
 * PGStatus), the central controller, and each peripheral heard of.
 */
export const SystemHealthSchema = z.object({
  ctiServer: z.object({
    status: ComponentStatusSchema,
    side: SideSchema.nullable(),
    since: time,
    /** The protocol version each side last opened a session with (null: none yet in this run). */
    protocolVersions: z.object({ A: ProtocolVersionSchema.nullable(), B: ProtocolVersionSchema.nullable() }).prefault({ A: null, B: null }),
  }),
  peripheralGateway: z.object({
    status: ComponentStatusSchema,
    /** The last PGStatusCode mask CTI Server reported (0: all up). */
    pgStatus: z.number().int().nonnegative(),
    flags: z.array(PgStatusFlagSchema),
    since: time,
  }),
  centralController: z.object({ status: ComponentStatusSchema, since: time }),
  peripherals: z.array(z.object({ peripheralId: z.number().int().nonnegative(), status: ComponentStatusSchema, since: time })),
  /**
   * The central desktop settings: `online` when the last download gave a valid document
   * (or the same one again), `offline` when the source could not be reached or its
   * document was refused (the desktop runs on the cache; `detail` says why, the settings
   * part lists each problem), `unknown` before the first download.
   */
  settings: z.object({ status: ComponentStatusSchema, since: time, detail: z.string().nullable() }),
});
export type SystemHealth = z.infer<typeof SystemHealthSchema>;

export function initialSystemHealth(now: number): SystemHealth {
  return {
    ctiServer: { status: 'unknown', side: null, since: now, protocolVersions: { A: null, B: null } },
    peripheralGateway: { status: 'unknown', pgStatus: 0, flags: [], since: now },
    centralController: { status: 'unknown', since: now },
    peripherals: [],
    settings: { status: 'unknown', since: now, detail: null },
  };
}

/** OnConnectionFailure ReasonCode (ctios.md §1.5), plus `protocol-error` for a malformed frame. */
export const ConnectionFailureCodeSchema = z.enum(['protocol-mismatch', 'missed-heartbeats', 'transport-error', 'connect-fail', 'protocol-error', 'other']);

const base = { seq: z.number().int().positive(), time };

/**
 * The CTI OS session events (ctios.md §1.5, §1.6), in the order they happened.
 * OnHeartbeat is not logged: it would fill the log; a missed one is.
 */
export const ConnectionEventSchema = z.discriminatedUnion('event', [
  z.object({
    ...base,
    event: z.literal('OnConnection'),
    side: SideSchema,
    endpoint: z.string(),
    /** False when this session replaces one the link lost (a failover): the mode is restored by core. */
    initial: z.boolean(),
  }),
  z.object({
    ...base,
    event: z.literal('OnConnectionFailure'),
    failedSide: SideSchema,
    endpoint: z.string(),
    reasonCode: ConnectionFailureCodeSchema,
    reason: z.string(),
  }),
  z.object({
    ...base,
    event: z.literal('OnMissingHeartbeat'),
    side: SideSchema,
    consecutiveMissedHeartbeats: z.number().int().positive(),
    heartbeatIntervalMs: z.number().int().positive(),
  }),
  z.object({ ...base, event: z.literal('OnConnectionClosed'), side: SideSchema }),
  z.object({
    ...base,
    event: z.literal('OnCTIOSFailure'),
    /** enumCTIOS_FailureCode; 10 eServerConnectionStatus for system events. */
    failureCode: z.number().int().nonnegative(),
    /** SYSTEM_EVENT SystemEventID (ged188.md §5.4 = enumCTIOS_SystemEventID 1–11). */
    systemEventId: z.number().int().nonnegative(),
    /** The peripheral for peripheral and instrument events. */
    systemEventArg1: z.number().int().nonnegative(),
    pgStatus: z.number().int().nonnegative(),
    message: z.string(),
  }),
  z.object({
    ...base,
    /** RequestDesktopSettings answered (ctios.md §5): a download from the settings source ended. */
    event: z.literal('OnGlobalSettingsDownloadConf'),
    source: z.enum(['url', 'file', 'simulator', 'none']),
    location: z.string(),
    /** `updated`: a new document applies; `unchanged`: the same again; `refused`: invalid; `failed`: no document. */
    outcome: z.enum(['updated', 'unchanged', 'refused', 'failed']),
    message: z.string(),
  }),
]);
export type ConnectionEvent = z.infer<typeof ConnectionEventSchema>;

/** How many connection events the state keeps (the oldest go first). */
export const CONNECTION_EVENTS_KEPT = 50;
