/**
 * The call model (CTI OS Call objects, ctios.md §3), shared by agent mode and monitor mode.
 *
 * - A call is keyed by `PeripheralID.ConnectionCallID` (`callKey`); each device's
 *   connection (ConnectionDeviceID + LocalConnectionState) lives inside the call, so
 *   events that name different devices of one call never create two calls.
 * - `applyCallEvent(table, message, now)` reduces one GED-188 message (BEGIN_CALL …
 *   END_CALL, CALL_DATA_UPDATE with re-keying, CONFERENCED/TRANSFERRED merges) and
 *   reports the calls that ended, so a caller can fire OnCallEnd and free what it holds.
 * - After a (re)connect: `applySnapshotDevice` (per phone), `applySnapshotCall` (per
 *   call), then `endCallsExcept(table, keysTheServerStillHas)` ends what vanished
 *   during the outage. For a whole peripheral, gather the keys of every device's
 *   snapshot and end the rest once.
 * - `CallBook` wraps a table with a change listener for code that holds state.
 */
export * from './call-identity.js';
export * from './call-data.js';
export * from './call-table.js';
export * from './call-snapshots.js';
export * from './call-book.js';
