import { CONNECTION_DEVICE_ID_TYPE, DEVICE_ID_TYPE, LINE_TYPE, LOCAL_CONNECTION_STATE as LCS, PERIPHERAL_TYPE, type MessageFields } from '../../ged188/index.js';
import type { Call, Party } from './model.js';
import type { Site } from './site.js';

/** Fields every call event shares: the peripheral and the connection it is about. */
export function callFields(site: Site, call: Call, party: Party | undefined) {
  return {
    MonitorID: 0,
    PeripheralID: site.peripheralId,
    PeripheralType: PERIPHERAL_TYPE.ENTERPRISE_AGENT,
    ConnectionDeviceIDType: 0,
    ConnectionCallID: call.id,
    ConnectionDeviceID: party?.device ?? call.ani,
  };
}

/** The call's data as BEGIN_CALL, CALL_DELIVERED and CALL_DATA_UPDATE carry it. */
export function callData(call: Call) {
  const variables: Record<string, string> = {};
  call.variables.forEach((value, i) => {
    if (value !== undefined) variables[`CallVariable${i + 1}`] = value;
  });
  return {
    ANI: call.ani,
    DNIS: call.dnis,
    DialedNumber: call.dialedNumber,
    ...variables,
    ...(call.wrapup === undefined ? {} : { CallWrapupData: call.wrapup }),
    NamedVariable: [...call.ecc].map(([name, value]) => ({ name, value })),
    NamedArray: [...call.eccArrays.values()],
  };
}

/** The skill group a call was routed through, when it was. */
export function skillGroupFields(site: Site, call: Call) {
  const group = site.skillGroups.find((g) => g.number === call.skillGroup);
  return group ? { SkillGroupNumber: group.number, SkillGroupID: group.id, SkillGroupPriority: 0 } : {};
}

export function lineType(call: Call): number {
  if (call.direction === 'incoming') return LINE_TYPE.INBOUND_ACD;
  return call.direction === 'internal' ? LINE_TYPE.INSIDE : LINE_TYPE.OUTBOUND_ACD;
}

/** The caller is an outside number for calls that came in, an agent's phone otherwise. */
export function callingDeviceType(call: Call): number {
  return call.direction === 'incoming' ? DEVICE_ID_TYPE.EXTERNAL : DEVICE_ID_TYPE.DEVICE_IDENTIFIER;
}

/** What was called: the ringing agent for a routed call, the dialled number for a placed one. */
export function calledDevice(call: Call, party: Party): string {
  return call.direction === 'incoming' ? party.device : call.dialedNumber;
}

/** ConnectedParty* lists (TRANSFER/CONFERENCE_CALL_CONF and their events): each connection on the call. */
export function connectedParties(call: Call) {
  return {
    ConnectedPartyCallID: call.parties.map(() => call.id),
    ConnectedPartyDeviceIDType: call.parties.map(() => CONNECTION_DEVICE_ID_TYPE.STATIC),
    ConnectedPartyDeviceID: call.parties.map((p) => p.device),
  };
}

/** BEGIN_CALL_EVENT for the agent a party is: a new association with the call. */
export function beginCallFields(site: Site, call: Call, party: Party): MessageFields<'BEGIN_CALL_EVENT'> {
  return { ...callFields(site, call, party), CallType: call.callType, CalledPartyDisposition: 0, ...callData(call) };
}

/** CALL_DELIVERED_EVENT: `party` is ringing. */
export function deliveredFields(site: Site, call: Call, party: Party, eventCause: number): MessageFields<'CALL_DELIVERED_EVENT'> {
  return {
    ...callFields(site, call, party),
    LineHandle: 0,
    LineType: lineType(call),
    ...skillGroupFields(site, call),
    AlertingDeviceType: party.deviceType,
    CallingDeviceType: callingDeviceType(call),
    CalledDeviceType: party.deviceType,
    LocalConnectionState: LCS.ALERTING,
    EventCause: eventCause,
    AlertingDeviceID: party.device,
    CallingDeviceID: call.ani,
    CalledDeviceID: calledDevice(call, party),
    ...callData(call),
  };
}

/** CALL_ESTABLISHED_EVENT: `party` answered (it is connected, or on hold since). */
export function establishedFields(site: Site, call: Call, party: Party, eventCause: number): MessageFields<'CALL_ESTABLISHED_EVENT'> {
  return {
    ...callFields(site, call, party),
    LineHandle: 0,
    LineType: lineType(call),
    ...skillGroupFields(site, call),
    AnsweringDeviceType: party.deviceType,
    CallingDeviceType: callingDeviceType(call),
    CalledDeviceType: party.deviceType,
    LocalConnectionState: party.state,
    EventCause: eventCause,
    AnsweringDeviceID: party.device,
    CallingDeviceID: call.ani,
    CalledDeviceID: calledDevice(call, party),
  };
}
