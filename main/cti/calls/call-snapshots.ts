import { LOCAL_CONNECTION_STATE } from '../../../ged188/index.js';
import type { Message } from '../../../ged188/index.js';
import type { Call, CallConnection, CallKey } from '../../../contract/calls.js';
import { mergeCallData, withoutUndefined } from './call-data.js';
import { callKey, connectionStateOf, type ConnectionIdentity } from './call-identity.js';
import { emptyCall, withConnection, type CallTable } from './call-table.js';

/**
 * Rebuilding calls from snapshots (ged188.md §2.11 rule 3; ctios.md §6.6): after a
 * (re)connect the desktop asks SNAPSHOT_DEVICE for a phone's calls, then
 * SNAPSHOT_CALL for each, and trusts those answers over anything it remembered.
 */

/**
 * Reads SNAPSHOT_DEVICE_CONF for `deviceId` into the table: each listed call gets
 * the device's connection state (and is created if new). Returns the calls the
 * device is on, to snapshot one by one, and their keys, so the caller can end the
 * calls it knew that the server no longer lists.
 */
export function applySnapshotDevice(
  table: CallTable,
  peripheralId: number,
  conf: Message<'SNAPSHOT_DEVICE_CONF'>,
  now: number,
): { table: CallTable; listed: readonly ConnectionIdentity[]; keys: ReadonlySet<CallKey> } {
  const ids = conf.CallConnectionCallID ?? [];
  const next = new Map(table);
  const listed: ConnectionIdentity[] = [];
  ids.forEach((connectionCallId, i) => {
    const connectionDeviceId = conf.CallConnectionDeviceID?.[i] ?? '';
    const connectionDeviceIdType = conf.CallConnectionDeviceIDType?.[i] ?? 0;
    const key = callKey(peripheralId, connectionCallId);
    const call = next.get(key) ?? emptyCall(peripheralId, connectionCallId, now);
    const lcs = conf.CallState?.[i];
    next.set(key, withoutUndefined(lcs === undefined ? call : withConnection(call, connectionDeviceId, connectionDeviceIdType, lcs)));
    listed.push({ peripheralId, connectionCallId, connectionDeviceId, connectionDeviceIdType });
  });
  return { table: next, listed, keys: new Set(listed.map((c) => callKey(c.peripheralId, c.connectionCallId))) };
}

/** Replaces a call's data and connections with what SNAPSHOT_CALL_CONF says (the whole truth about the call). */
export function applySnapshotCall(table: CallTable, identity: ConnectionIdentity, conf: Message<'SNAPSHOT_CALL_CONF'>, now: number): CallTable {
  const key = callKey(identity.peripheralId, identity.connectionCallId);
  const known = table.get(key) ?? emptyCall(identity.peripheralId, identity.connectionCallId, now);
  const devices = conf.CallConnectionDeviceID ?? [];
  const connections = devices.flatMap((deviceId, i): CallConnection[] => {
    const state = connectionStateOf(conf.CallDeviceConnectionState?.[i] ?? LOCAL_CONNECTION_STATE.NONE);
    return state === undefined || state === 'null' ? [] : [{ deviceId, deviceIdType: conf.CallConnectionDeviceIDType?.[i] ?? 0, state }];
  });
  const call: Call = { ...mergeCallData(known, conf, true), connections, cleared: false };
  const next = new Map(table);
  next.set(key, withoutUndefined(call));
  return next;
}
