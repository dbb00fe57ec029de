import { z } from 'zod';

/**
 * A call as the desktop knows it (CTI OS Call object, ctios.md §3.2). The key is
 * `PeripheralID.ConnectionCallID`: UCCE events about one call name different
 * connection devices (the caller, the agent's phone, the releasing party), so the
 * call is keyed by the call id and each device's connection is kept inside it.
 */
export const CallKeySchema = z.string().regex(/^\d+\.\d+$/, 'a call key is PeripheralID.ConnectionCallID');
export type CallKey = z.infer<typeof CallKeySchema>;

/** LocalConnectionState (ged188.md §5.6) in words. */
export const ConnectionStateSchema = z.enum(['null', 'initiate', 'alerting', 'connect', 'hold', 'queued', 'fail']);
export type ConnectionState = z.infer<typeof ConnectionStateSchema>;

/** One device's connection on the call (CTI OS: a party). */
export const CallConnectionSchema = z.object({
  /** ConnectionDeviceID: an agent's phone or an outside number. */
  deviceId: z.string(),
  deviceIdType: z.number().int(),
  state: ConnectionStateSchema,
});
export type CallConnection = z.infer<typeof CallConnectionSchema>;

export const CALL_VARIABLE_NAMES = [
  'CallVariable1',
  'CallVariable2',
  'CallVariable3',
  'CallVariable4',
  'CallVariable5',
  'CallVariable6',
  'CallVariable7',
  'CallVariable8',
  'CallVariable9',
  'CallVariable10',
] as const;
export type CallVariableName = (typeof CALL_VARIABLE_NAMES)[number];

/** CallVariable1–10 under the guide's names; an absent key is a variable never set (≤ 40 characters each). */
export const CallVariablesSchema = z.partialRecord(z.enum(CALL_VARIABLE_NAMES), z.string().max(40));
export type CallVariables = z.infer<typeof CallVariablesSchema>;

/** ECC scalars by name (`user.x`) and ECC arrays by name, then element index. */
export const EccSchema = z.record(z.string().min(1).max(32), z.string().max(210));
export const EccArraysSchema = z.record(z.string().min(1).max(32), z.record(z.string().regex(/^\d+$/), z.string().max(210)));
export type Ecc = z.infer<typeof EccSchema>;
export type EccArrays = z.infer<typeof EccArraysSchema>;

export const CallSchema = z.object({
  key: CallKeySchema,
  peripheralId: z.number().int().nonnegative(),
  connectionCallId: z.number().int().nonnegative(),
  /** CallType (ged188.md §5.11); undefined until an event says. */
  callType: z.number().int().optional(),
  ani: z.string().optional(),
  dnis: z.string().optional(),
  dialedNumber: z.string().optional(),
  callerEnteredDigits: z.string().optional(),
  callingDeviceId: z.string().optional(),
  calledDeviceId: z.string().optional(),
  variables: CallVariablesSchema,
  ecc: EccSchema,
  eccArrays: EccArraysSchema,
  wrapup: z.string().optional(),
  /** Every connection the desktop has heard of, in the order they appeared. */
  connections: z.array(CallConnectionSchema),
  /** CALL_CLEARED came: all voice ended; END_CALL_EVENT will remove the call. */
  cleared: z.boolean(),
  /** When the desktop first learnt of the call (epoch ms). */
  since: z.number().int().nonnegative(),
});
export type Call = z.infer<typeof CallSchema>;
