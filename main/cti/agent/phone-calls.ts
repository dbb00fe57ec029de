import type { Call, CallKey } from '../../../contract/index.js';
import type { ConnectionIdentity } from '../calls/index.js';
import type { CallOnPhone } from '../enablement.js';

/**
 * The calls as one phone sees them: its own connection on each (what enablement and
 * the requests for that phone need), and which call is the other one when two are up.
 */

export interface PhoneCall {
  readonly call: Call;
  readonly onPhone: CallOnPhone;
}

export function phoneCalls(calls: readonly Call[], instrument: string | undefined): PhoneCall[] {
  return calls.map((call) => {
    const others = call.connections.filter((c) => c.deviceId !== instrument);
    const ringingOut =
      others.some((c) => c.state === 'alerting' || c.state === 'initiate' || c.state === 'queued') &&
      !others.some((c) => c.state === 'connect' || c.state === 'hold');
    return {
      call,
      onPhone: {
        localState: call.connections.find((c) => c.deviceId === instrument)?.state,
        outgoing: call.callingDeviceId !== undefined && call.callingDeviceId === instrument,
        ringingOut,
      },
    };
  });
}

/** The phone's connection on `call` as a request names it (the device type as the server last said, else 0). */
export function ownConnection(call: Call, instrument: string): ConnectionIdentity {
  return {
    peripheralId: call.peripheralId,
    connectionCallId: call.connectionCallId,
    connectionDeviceId: instrument,
    connectionDeviceIdType: call.connections.find((c) => c.deviceId === instrument)?.deviceIdType ?? 0,
  };
}

/** The phone's other call next to `key` (alternate, reconnect, complete): the first other call it is on. */
export function otherCallOnPhone(calls: readonly Call[], key: CallKey, instrument: string): Call | undefined {
  return calls.find((c) => c.key !== key && c.connections.some((x) => x.deviceId === instrument));
}

/** Whether the phone holds `call`. */
export function heldOnPhone(call: Call | undefined, instrument: string): boolean {
  return call?.connections.some((c) => c.deviceId === instrument && c.state === 'hold') ?? false;
}
