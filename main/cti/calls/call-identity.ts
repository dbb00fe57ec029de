import { LOCAL_CONNECTION_STATE } from '../../../ged188/index.js';
import type { CallKey, ConnectionState } from '../../../contract/calls.js';

export type { Call, CallConnection, CallKey, ConnectionState } from '../../../contract/calls.js';

/**
 * What names one call on the wire. Requests (answer, hold, …) need the
 * connection of the device that acts, so the device travels with the id.
 */
export interface ConnectionIdentity {
  readonly peripheralId: number;
  readonly connectionCallId: number;
  readonly connectionDeviceId: string;
  readonly connectionDeviceIdType: number;
}

/** The key of a call: `PeripheralID.ConnectionCallID` (unique on a peripheral while the call lives). */
export function callKey(peripheralId: number, connectionCallId: number): CallKey {
  return `${peripheralId}.${connectionCallId}`;
}

/** Splits a key back into its numbers; undefined for text that is not a call key. */
export function parseCallKey(key: string): { peripheralId: number; connectionCallId: number } | undefined {
  const match = /^(\d+)\.(\d+)$/.exec(key);
  return match ? { peripheralId: Number(match[1]), connectionCallId: Number(match[2]) } : undefined;
}

const STATE_NAMES: Readonly<Record<number, ConnectionState>> = {
  [LOCAL_CONNECTION_STATE.NULL]: 'null',
  [LOCAL_CONNECTION_STATE.INITIATE]: 'initiate',
  [LOCAL_CONNECTION_STATE.ALERTING]: 'alerting',
  [LOCAL_CONNECTION_STATE.CONNECT]: 'connect',
  [LOCAL_CONNECTION_STATE.HOLD]: 'hold',
  [LOCAL_CONNECTION_STATE.QUEUED]: 'queued',
  [LOCAL_CONNECTION_STATE.FAIL]: 'fail',
};

/** LocalConnectionState in words; undefined for LCS_NONE (the event does not say). */
export function connectionStateOf(lcs: number): ConnectionState | undefined {
  return STATE_NAMES[lcs];
}
