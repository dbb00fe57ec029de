import { isNoneUint, type Message, type MessageName } from '../../../ged188/index.js';
import type { Call, CallConnection, CallKey } from '../../../contract/calls.js';
import { mergeCallData, withoutUndefined } from './call-data.js';
import { callKey, connectionStateOf } from './call-identity.js';

/**
 * The call model as a pure reducer: a table of calls, and functions that apply
 * GED-188 call events to it. It serves one agent's calls (agent mode: the events of
 * a CLIENT_EVENTS session) and a whole peripheral's (monitor mode: ALL_EVENTS) alike,
 * because it keys calls by PeripheralID.ConnectionCallID and keeps each device's
 * connection inside the call. It never sends anything; callers decide what to ask.
 */
export type CallTable = ReadonlyMap<CallKey, Call>;

export const EMPTY_CALL_TABLE: CallTable = new Map();

/** A new table, with the calls that left it (CTI OS OnCallEnd) named so the caller can act on them. */
export interface CallTableUpdate {
  readonly table: CallTable;
  /** Calls removed by this step, as they were last known. */
  readonly ended: readonly Call[];
}

/** The message types this reducer understands; anything else leaves the table as it is. */
export const CALL_EVENT_TYPES = new Set<MessageName>([
  'BEGIN_CALL_EVENT',
  'CALL_DELIVERED_EVENT',
  'CALL_ESTABLISHED_EVENT',
  'CALL_HELD_EVENT',
  'CALL_RETRIEVED_EVENT',
  'CALL_CLEARED_EVENT',
  'CALL_CONNECTION_CLEARED_EVENT',
  'CALL_ORIGINATED_EVENT',
  'CALL_FAILED_EVENT',
  'CALL_CONFERENCED_EVENT',
  'CALL_TRANSFERRED_EVENT',
  'CALL_DIVERTED_EVENT',
  'CALL_SERVICE_INITIATED_EVENT',
  'CALL_QUEUED_EVENT',
  'CALL_DEQUEUED_EVENT',
  'CALL_REACHED_NETWORK_EVENT',
  'CALL_DATA_UPDATE_EVENT',
  'END_CALL_EVENT',
]);

export function isCallEvent(message: Message): boolean {
  return CALL_EVENT_TYPES.has(message.MessageType);
}

/** A call the desktop has just heard of: no data yet, no connections. */
export function emptyCall(peripheralId: number, connectionCallId: number, now: number): Call {
  return {
    key: callKey(peripheralId, connectionCallId),
    peripheralId,
    connectionCallId,
    variables: {},
    ecc: {},
    eccArrays: {},
    connections: [],
    cleared: false,
    since: now,
  };
}

function put(table: CallTable, call: Call): Map<CallKey, Call> {
  const next = new Map(table);
  next.set(call.key, withoutUndefined(call));
  return next;
}

function callIn(table: CallTable, peripheralId: number, connectionCallId: number, now: number): Call {
  return table.get(callKey(peripheralId, connectionCallId)) ?? emptyCall(peripheralId, connectionCallId, now);
}

/**
 * Sets one device's connection state: LCS_NONE (the event does not say) keeps what
 * was known, LCS_NULL removes the connection (that party left), a new device is added last.
 */
export function withConnection(call: Call, deviceId: string | undefined, deviceIdType: number, lcs: number): Call {
  if (deviceId === undefined) return call;
  const state = connectionStateOf(lcs);
  const others = call.connections.filter((c) => c.deviceId !== deviceId);
  if (state === 'null') return { ...call, connections: others };
  if (state === undefined) return call;
  const existing = call.connections.find((c) => c.deviceId === deviceId);
  const updated: CallConnection = { deviceId, deviceIdType, state };
  return existing
    ? { ...call, connections: call.connections.map((c) => (c.deviceId === deviceId ? updated : c)) }
    : { ...call, connections: [...call.connections, updated] };
}

function withoutConnection(call: Call, deviceId: string | undefined): Call {
  return deviceId === undefined ? call : { ...call, connections: call.connections.filter((c) => c.deviceId !== deviceId) };
}

type ConnectionEvent = Extract<Message, { ConnectionCallID: number; LocalConnectionState: number; ConnectionDeviceID?: string }>;

/** Applies one GED-188 message; messages that are not call events return the same table. */
export function applyCallEvent(table: CallTable, message: Message, now: number): CallTableUpdate {
  const same = { table, ended: [] };
  switch (message.MessageType) {
    case 'BEGIN_CALL_EVENT': {
      const call = callIn(table, message.PeripheralID, message.ConnectionCallID, now);
      return { table: put(table, mergeCallData(call, message)), ended: [] };
    }
    case 'CALL_DELIVERED_EVENT': {
      const call = mergeCallData(connectionChange(table, message, now), message);
      return {
        table: put(table, { ...call, callingDeviceId: message.CallingDeviceID ?? call.callingDeviceId, calledDeviceId: message.CalledDeviceID ?? call.calledDeviceId }),
        ended: [],
      };
    }
    case 'CALL_ESTABLISHED_EVENT':
    case 'CALL_ORIGINATED_EVENT': {
      const call = connectionChange(table, message, now);
      return {
        table: put(table, { ...call, callingDeviceId: message.CallingDeviceID ?? call.callingDeviceId, calledDeviceId: message.CalledDeviceID ?? call.calledDeviceId }),
        ended: [],
      };
    }
    case 'CALL_SERVICE_INITIATED_EVENT': {
      const call = connectionChange(table, message, now);
      return { table: put(table, { ...call, callingDeviceId: message.CallingDeviceID ?? call.callingDeviceId }), ended: [] };
    }
    case 'CALL_HELD_EVENT':
    case 'CALL_RETRIEVED_EVENT':
    case 'CALL_FAILED_EVENT':
    case 'CALL_QUEUED_EVENT':
    case 'CALL_DEQUEUED_EVENT':
    case 'CALL_REACHED_NETWORK_EVENT':
    case 'CALL_CONNECTION_CLEARED_EVENT':
      return { table: put(table, connectionChange(table, message, now)), ended: [] };
    case 'CALL_DIVERTED_EVENT': {
      // The call left the diverting device for the called one.
      const call = withoutConnection(connectionChange(table, message, now), message.DivertingDeviceID);
      return { table: put(table, call), ended: [] };
    }
    case 'CALL_CLEARED_EVENT': {
      const call = callIn(table, message.PeripheralID, message.ConnectionCallID, now);
      return { table: put(table, { ...call, connections: [], cleared: true }), ended: [] };
    }
    case 'END_CALL_EVENT':
      return endCalls(table, [callKey(message.PeripheralID, message.ConnectionCallID)]);
    case 'CALL_DATA_UPDATE_EVENT':
      return applyDataUpdate(table, message, now);
    case 'CALL_CONFERENCED_EVENT':
    case 'CALL_TRANSFERRED_EVENT':
      return applyMerge(table, message, now);
    default:
      return same;
  }
}

function connectionChange(table: CallTable, message: ConnectionEvent, now: number): Call {
  const call = callIn(table, message.PeripheralID, message.ConnectionCallID, now);
  const deviceIdType = 'ConnectionDeviceIDType' in message ? (message.ConnectionDeviceIDType as number) : 0;
  return withConnection(call, message.ConnectionDeviceID, deviceIdType, message.LocalConnectionState);
}

/** CALL_DATA_UPDATE_EVENT: new data, and perhaps a new call id (the call is re-keyed, not duplicated). */
function applyDataUpdate(table: CallTable, message: Message<'CALL_DATA_UPDATE_EVENT'>, now: number): CallTableUpdate {
  const old = callIn(table, message.PeripheralID, message.ConnectionCallID, now);
  const newId = isNoneUint(message.NewConnectionCallID) ? message.ConnectionCallID : message.NewConnectionCallID;
  const rekeyed: Call = { ...old, connectionCallId: newId, key: callKey(message.PeripheralID, newId) };
  const next = new Map(table);
  next.delete(old.key);
  return { table: put(next, mergeCallData(rekeyed, message)), ended: [] };
}

/**
 * CALL_CONFERENCED / CALL_TRANSFERRED: the secondary (consult) call merges into the
 * primary, whose connections become the connected parties the event lists. The
 * secondary call is gone; it is reported as ended so nothing leaks.
 */
function applyMerge(table: CallTable, message: Message<'CALL_CONFERENCED_EVENT'> | Message<'CALL_TRANSFERRED_EVENT'>, now: number): CallTableUpdate {
  const { PeripheralID: peripheralId, PrimaryCallID: primaryId, SecondaryCallID: secondaryId } = message;
  let primary = callIn(table, peripheralId, primaryId, now);
  const secondary = isNoneUint(secondaryId) || secondaryId === primaryId ? undefined : table.get(callKey(peripheralId, secondaryId));
  if (secondary && primary.connections.length === 0 && Object.keys(primary.variables).length === 0) {
    // The desktop only knew the consult leg: the merged call carries its data.
    primary = { ...secondary, key: primary.key, connectionCallId: primaryId };
  }
  const devices = message.ConnectedPartyDeviceID ?? [];
  if (devices.length > 0) {
    const types = message.ConnectedPartyDeviceIDType ?? [];
    const connections = devices.map((deviceId, i): CallConnection => {
      const known = primary.connections.find((c) => c.deviceId === deviceId) ?? secondary?.connections.find((c) => c.deviceId === deviceId);
      return { deviceId, deviceIdType: types[i] ?? 0, state: known?.state === 'hold' || known === undefined ? 'connect' : known.state };
    });
    primary = { ...primary, connections };
  }
  if (message.MessageType === 'CALL_TRANSFERRED_EVENT') primary = withoutConnection(primary, message.TransferringDeviceID);
  let next: CallTable = put(table, primary);
  const ended: Call[] = [];
  if (secondary) {
    const removed = endCalls(next, [secondary.key]);
    next = removed.table;
    ended.push(...removed.ended);
  }
  return { table: next, ended };
}

/** Removes calls by key; keys not in the table are ignored. */
export function endCalls(table: CallTable, keys: Iterable<CallKey>): CallTableUpdate {
  const next = new Map(table);
  const ended: Call[] = [];
  for (const key of keys) {
    const call = next.get(key);
    if (!call) continue;
    next.delete(key);
    ended.push(call);
  }
  return ended.length === 0 ? { table, ended } : { table: next, ended };
}

/** Ends every call `keep` does not hold (after a resync: what the server no longer has is over). */
export function endCallsExcept(table: CallTable, keep: ReadonlySet<CallKey>): CallTableUpdate {
  return endCalls(table, [...table.keys()].filter((key) => !keep.has(key)));
}
