import { CALL_TYPE, type NamedArrayElement, type NamedVariable } from '../../../ged188/index.js';
import { CALL_VARIABLE_NAMES, type Call, type CallVariables, type EccArrays } from '../../../contract/calls.js';

/** The call-data fields a GED-188 message may carry (BEGIN_CALL, CALL_DELIVERED, CALL_DATA_UPDATE, SNAPSHOT_CALL_CONF). */
export interface CallDataFields {
  readonly CallType?: number;
  readonly ANI?: string;
  readonly DNIS?: string;
  readonly DialedNumber?: string;
  readonly CallerEnteredDigits?: string;
  readonly CallWrapupData?: string;
  readonly NamedVariable?: readonly NamedVariable[];
  readonly NamedArray?: readonly NamedArrayElement[];
}

/**
 * Merges what a message carries into the call's data. Only fields present in the
 * message change (CALL_DATA_UPDATE_EVENT carries "only the changed items", ctios.md §3.4);
 * `replace` is for a snapshot, which is the whole truth about variables and ECC.
 */
export function mergeCallData(call: Call, fields: CallDataFields, replace = false): Call {
  const carried = fields as CallDataFields & Readonly<Record<string, unknown>>;
  const variables: CallVariables = replace ? {} : { ...call.variables };
  for (const name of CALL_VARIABLE_NAMES) {
    const value = carried[name];
    if (typeof value === 'string') variables[name] = value;
  }
  const ecc = replace ? {} : { ...call.ecc };
  for (const { name, value } of fields.NamedVariable ?? []) ecc[name] = value;
  const eccArrays: EccArrays = replace ? {} : Object.fromEntries(Object.entries(call.eccArrays).map(([k, v]) => [k, { ...v }]));
  for (const { name, index, value } of fields.NamedArray ?? []) (eccArrays[name] ??= {})[String(index)] = value;
  const callType = fields.CallType === undefined || fields.CallType === CALL_TYPE.NULL_CALLTYPE ? call.callType : fields.CallType;
  return {
    ...call,
    variables,
    ecc,
    eccArrays,
    callType,
    ani: fields.ANI ?? call.ani,
    dnis: fields.DNIS ?? call.dnis,
    dialedNumber: fields.DialedNumber ?? call.dialedNumber,
    callerEnteredDigits: fields.CallerEnteredDigits ?? call.callerEnteredDigits,
    wrapup: fields.CallWrapupData ?? (replace ? undefined : call.wrapup),
  };
}

/** Drops properties whose value is undefined, so a call compares and serialises cleanly. */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
