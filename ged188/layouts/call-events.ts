import type { MessageTable } from '../message-def.js';

/**
 * Unsolicited call events.
 * Transcribed from ged188.md §4 (the v25 guide's tables), fields in the guide's order;
 * a field's comment is the guide's note. Fixed body sizes are checked by a unit test.
 */
export const CALL_EVENT_MESSAGES = {
  CALL_DELIVERED_EVENT: {
    id: 9,
    fixed: [
      { name: 'MonitorID', type: 'UINT' }, // 0 = no monitor (ALL_EVENTS)
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'PeripheralType', type: 'USHORT' },
      { name: 'ConnectionDeviceIDType', type: 'USHORT' },
      { name: 'ConnectionCallID', type: 'UINT' },
      { name: 'LineHandle', type: 'USHORT' }, // alerting line if LCS_ALERTING, else 0xFFFF
      { name: 'LineType', type: 'USHORT' }, // 0xFFFF if none
      { name: 'ServiceNumber', type: 'UINT' }, // NULL_SERVICE if n/a
      { name: 'ServiceID', type: 'UINT' },
      { name: 'SkillGroupNumber', type: 'UINT' },
      { name: 'SkillGroupID', type: 'UINT' },
      { name: 'SkillGroupPriority', type: 'USHORT' },
      { name: 'AlertingDeviceType', type: 'USHORT' },
      { name: 'CallingDeviceType', type: 'USHORT' },
      { name: 'CalledDeviceType', type: 'USHORT' },
      { name: 'LastRedirectDeviceType', type: 'USHORT' },
      { name: 'LocalConnectionState', type: 'USHORT' }, // LCS_ALERTING (2) when ringing at the agent
      { name: 'EventCause', type: 'USHORT' },
      { name: 'NumNamedVariables', type: 'USHORT' },
      { name: 'NumNamedArrays', type: 'USHORT' },
    ],
    floating: [
      { name: 'ConnectionDeviceID', tag: 25, type: 'STRING', max: 64 },
      { name: 'AlertingDeviceID', tag: 26, type: 'STRING', max: 64 },
      { name: 'CallingDeviceID', tag: 27, type: 'STRING', max: 64 },
      { name: 'CalledDeviceID', tag: 28, type: 'STRING', max: 64 },
      { name: 'LastRedirectDeviceID', tag: 29, type: 'STRING', max: 64 },
      { name: 'TrunkNumber', tag: 121, type: 'UINT', max: 4 },
      { name: 'TrunkGroupNumber', tag: 122, type: 'UINT', max: 4 },
      { name: 'SecondaryConnectionCallID', tag: 202, type: 'UINT', max: 4 }, // CCX consult leg
      { name: 'ANI', tag: 8, type: 'STRING', max: 40 },
      { name: 'ANI_II', tag: 215, type: 'STRING', max: 2 }, // v11+
      { name: 'UserToUserInfo', tag: 9, type: 'UNSPEC', max: 131 },
      { name: 'DNIS', tag: 10, type: 'STRING', max: 32 },
      { name: 'DialedNumber', tag: 11, type: 'STRING', max: 40 },
      { name: 'CallerEnteredDigits', tag: 12, type: 'STRING', max: 40 },
      { name: 'CallVariable1', tag: 13, type: 'STRING', max: 41 },
      { name: 'CallVariable2', tag: 14, type: 'STRING', max: 41 },
      { name: 'CallVariable3', tag: 15, type: 'STRING', max: 41 },
      { name: 'CallVariable4', tag: 16, type: 'STRING', max: 41 },
      { name: 'CallVariable5', tag: 17, type: 'STRING', max: 41 },
      { name: 'CallVariable6', tag: 18, type: 'STRING', max: 41 },
      { name: 'CallVariable7', tag: 19, type: 'STRING', max: 41 },
      { name: 'CallVariable8', tag: 20, type: 'STRING', max: 41 },
      { name: 'CallVariable9', tag: 21, type: 'STRING', max: 41 },
      { name: 'CallVariable10', tag: 22, type: 'STRING', max: 41 },
      { name: 'CallWrapupData', tag: 46, type: 'STRING', max: 40 },
      { name: 'NamedVariable', tag: 82, type: 'NAMEDVAR', max: 251, repeated: true, countedBy: 'NumNamedVariables' }, // ECC scalar
      { name: 'NamedArray', tag: 83, type: 'NAMEDARRAY', max: 252, repeated: true, countedBy: 'NumNamedArrays' }, // ECC array element
    ],
  },
  CALL_ESTABLISHED_EVENT: {
    id: 10,
    fixed: [
      { name: 'MonitorID', type: 'UINT' }, // 0 = no monitor (ALL_EVENTS)
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'PeripheralType', type: 'USHORT' },
      { name: 'ConnectionDeviceIDType', type: 'USHORT' },
      { name: 'ConnectionCallID', type: 'UINT' },
      { name: 'LineHandle', type: 'USHORT' },
      { name: 'LineType', type: 'USHORT' },
      { name: 'ServiceNumber', type: 'UINT' },
      { name: 'ServiceID', type: 'UINT' },
      { name: 'SkillGroupNumber', type: 'UINT' },
      { name: 'SkillGroupID', type: 'UINT' },
      { name: 'SkillGroupPriority', type: 'USHORT' },
      { name: 'AnsweringDeviceType', type: 'USHORT' },
      { name: 'CallingDeviceType', type: 'USHORT' },
      { name: 'CalledDeviceType', type: 'USHORT' },
      { name: 'LastRedirectDeviceType', type: 'USHORT' },
      { name: 'LocalConnectionState', type: 'USHORT' },
      { name: 'EventCause', type: 'USHORT' },
    ],
    floating: [
      { name: 'ConnectionDeviceID', tag: 25, type: 'STRING', max: 64 },
      { name: 'AnsweringDeviceID', tag: 30, type: 'STRING', max: 64 },
      { name: 'CallingDeviceID', tag: 27, type: 'STRING', max: 64 },
      { name: 'CalledDeviceID', tag: 28, type: 'STRING', max: 64 },
      { name: 'LastRedirectDeviceID', tag: 29, type: 'STRING', max: 64 },
      { name: 'TrunkNumber', tag: 121, type: 'UINT', max: 4 },
      { name: 'TrunkGroupNumber', tag: 122, type: 'UINT', max: 4 },
    ],
  },
  CALL_HELD_EVENT: {
    id: 11,
    fixed: [
      { name: 'MonitorID', type: 'UINT' }, // 0 = no monitor (ALL_EVENTS)
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'PeripheralType', type: 'USHORT' },
      { name: 'ConnectionDeviceIDType', type: 'USHORT' },
      { name: 'ConnectionCallID', type: 'UINT' },
      { name: 'HoldingDeviceType', type: 'USHORT' },
      { name: 'LocalConnectionState', type: 'USHORT' },
      { name: 'EventCause', type: 'USHORT' },
    ],
    floating: [
      { name: 'ConnectionDeviceID', tag: 25, type: 'STRING', max: 64 },
      { name: 'HoldingDeviceID', tag: 31, type: 'STRING', max: 64 },
    ],
  },
  CALL_RETRIEVED_EVENT: {
    id: 12,
    fixed: [
      { name: 'MonitorID', type: 'UINT' }, // 0 = no monitor (ALL_EVENTS)
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'PeripheralType', type: 'USHORT' },
      { name: 'ConnectionDeviceIDType', type: 'USHORT' },
      { name: 'ConnectionCallID', type: 'UINT' },
      { name: 'RetrievingDeviceType', type: 'USHORT' },
      { name: 'LocalConnectionState', type: 'USHORT' },
      { name: 'EventCause', type: 'USHORT' },
    ],
    floating: [
      { name: 'ConnectionDeviceID', tag: 25, type: 'STRING', max: 64 },
      { name: 'RetrievingDeviceID', tag: 32, type: 'STRING', max: 64 },
    ],
  },
  CALL_CLEARED_EVENT: {
    id: 13,
    fixed: [
      { name: 'MonitorID', type: 'UINT' }, // 0 = no monitor (ALL_EVENTS)
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'PeripheralType', type: 'USHORT' },
      { name: 'ConnectionDeviceIDType', type: 'USHORT' },
      { name: 'ConnectionCallID', type: 'UINT' },
      { name: 'LocalConnectionState', type: 'USHORT' },
      { name: 'EventCause', type: 'USHORT' },
    ],
    floating: [
      { name: 'ConnectionDeviceID', tag: 25, type: 'STRING', max: 64 },
    ],
  },
  CALL_CONNECTION_CLEARED_EVENT: {
    id: 14,
    fixed: [
      { name: 'MonitorID', type: 'UINT' }, // 0 = no monitor (ALL_EVENTS)
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'PeripheralType', type: 'USHORT' },
      { name: 'ConnectionDeviceIDType', type: 'USHORT' },
      { name: 'ConnectionCallID', type: 'UINT' },
      { name: 'ReleasingDeviceType', type: 'USHORT' },
      { name: 'LocalConnectionState', type: 'USHORT' },
      { name: 'EventCause', type: 'USHORT' },
    ],
    floating: [
      { name: 'ConnectionDeviceID', tag: 25, type: 'STRING', max: 64 },
      { name: 'ReleasingDeviceID', tag: 33, type: 'STRING', max: 64 }, // does not reliably tell who hung up first (UCCE)
    ],
  },
  CALL_ORIGINATED_EVENT: {
    id: 15,
    fixed: [
      { name: 'MonitorID', type: 'UINT' }, // 0 = no monitor (ALL_EVENTS)
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'PeripheralType', type: 'USHORT' },
      { name: 'ConnectionDeviceIDType', type: 'USHORT' },
      { name: 'ConnectionCallID', type: 'UINT' },
      { name: 'LineHandle', type: 'USHORT' },
      { name: 'LineType', type: 'USHORT' },
      { name: 'ServiceNumber', type: 'UINT' },
      { name: 'ServiceID', type: 'UINT' },
      { name: 'SkillGroupNumber', type: 'UINT' },
      { name: 'SkillGroupID', type: 'UINT' },
      { name: 'SkillGroupPriority', type: 'USHORT' },
      { name: 'CallingDeviceType', type: 'USHORT' },
      { name: 'CalledDeviceType', type: 'USHORT' },
      { name: 'LocalConnectionState', type: 'USHORT' },
      { name: 'EventCause', type: 'USHORT' },
    ],
    floating: [
      { name: 'ConnectionDeviceID', tag: 25, type: 'STRING', max: 64 },
      { name: 'CallingDeviceID', tag: 27, type: 'STRING', max: 64 },
      { name: 'CalledDeviceID', tag: 28, type: 'STRING', max: 64 },
    ],
  },
  CALL_FAILED_EVENT: {
    id: 16,
    fixed: [
      { name: 'MonitorID', type: 'UINT' }, // 0 = no monitor (ALL_EVENTS)
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'PeripheralType', type: 'USHORT' },
      { name: 'ConnectionDeviceIDType', type: 'USHORT' },
      { name: 'ConnectionCallID', type: 'UINT' },
      { name: 'FailingDeviceType', type: 'USHORT' },
      { name: 'CalledDeviceType', type: 'USHORT' },
      { name: 'LocalConnectionState', type: 'USHORT' },
      { name: 'EventCause', type: 'USHORT' },
    ],
    floating: [
      { name: 'ConnectionDeviceID', tag: 25, type: 'STRING', max: 64 },
      { name: 'FailingDeviceID', tag: 34, type: 'STRING', max: 64 },
      { name: 'CalledDeviceID', tag: 28, type: 'STRING', max: 64 },
    ],
  },
  CALL_CONFERENCED_EVENT: {
    id: 17,
    fixed: [
      { name: 'MonitorID', type: 'UINT' }, // 0 = no monitor (ALL_EVENTS)
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'PeripheralType', type: 'USHORT' },
      { name: 'PrimaryDeviceIDType', type: 'USHORT' }, // ConnectionDeviceIDType of the primary call
      { name: 'PrimaryCallID', type: 'UINT' },
      { name: 'LineHandle', type: 'USHORT' },
      { name: 'LineType', type: 'USHORT' },
      { name: 'SkillGroupNumber', type: 'UINT' },
      { name: 'SkillGroupID', type: 'UINT' },
      { name: 'SkillGroupPriority', type: 'USHORT' },
      { name: 'NumParties', type: 'USHORT' }, // ≤ 16
      { name: 'SecondaryDeviceIDType', type: 'USHORT' },
      { name: 'SecondaryCallID', type: 'UINT' },
      { name: 'ControllerDeviceType', type: 'USHORT' },
      { name: 'AddedPartyDeviceType', type: 'USHORT' },
      { name: 'LocalConnectionState', type: 'USHORT' },
      { name: 'EventCause', type: 'USHORT' },
    ],
    floating: [
      { name: 'PrimaryDeviceID', tag: 35, type: 'STRING', max: 64 },
      { name: 'SecondaryDeviceID', tag: 36, type: 'STRING', max: 64 },
      { name: 'ControllerDeviceID', tag: 37, type: 'STRING', max: 64 },
      { name: 'AddedPartyDeviceID', tag: 38, type: 'STRING', max: 64 },
      { name: 'ConnectedPartyCallID', tag: 39, type: 'UINT', max: 4, repeated: true, group: 'ConnectedPartyCallID', countedBy: 'NumParties' }, // repeat ×NumParties: CallID, DeviceIDType, DeviceID adjacent
      { name: 'ConnectedPartyDeviceIDType', tag: 40, type: 'USHORT', max: 2, repeated: true, group: 'ConnectedPartyCallID' },
      { name: 'ConnectedPartyDeviceID', tag: 41, type: 'STRING', max: 64, repeated: true, group: 'ConnectedPartyCallID' },
    ],
  },
  CALL_TRANSFERRED_EVENT: {
    id: 18,
    fixed: [
      { name: 'MonitorID', type: 'UINT' }, // 0 = no monitor (ALL_EVENTS)
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'PeripheralType', type: 'USHORT' },
      { name: 'PrimaryDeviceIDType', type: 'USHORT' },
      { name: 'PrimaryCallID', type: 'UINT' },
      { name: 'LineHandle', type: 'USHORT' },
      { name: 'LineType', type: 'USHORT' },
      { name: 'SkillGroupNumber', type: 'UINT' },
      { name: 'SkillGroupID', type: 'UINT' },
      { name: 'SkillGroupPriority', type: 'USHORT' },
      { name: 'NumParties', type: 'USHORT' },
      { name: 'SecondaryDeviceIDType', type: 'USHORT' },
      { name: 'SecondaryCallID', type: 'UINT' },
      { name: 'TransferringDeviceType', type: 'USHORT' },
      { name: 'TransferredDeviceType', type: 'USHORT' },
      { name: 'LocalConnectionState', type: 'USHORT' },
      { name: 'EventCause', type: 'USHORT' },
    ],
    floating: [
      { name: 'PrimaryDeviceID', tag: 35, type: 'STRING', max: 64 },
      { name: 'SecondaryDeviceID', tag: 36, type: 'STRING', max: 64 },
      { name: 'TransferringDeviceID', tag: 42, type: 'STRING', max: 64 },
      { name: 'TransferredDeviceID', tag: 43, type: 'STRING', max: 64 },
      { name: 'ConnectedPartyCallID', tag: 39, type: 'UINT', max: 4, repeated: true, group: 'ConnectedPartyCallID', countedBy: 'NumParties' }, // repeat ×NumParties
      { name: 'ConnectedPartyDeviceIDType', tag: 40, type: 'USHORT', max: 2, repeated: true, group: 'ConnectedPartyCallID' },
      { name: 'ConnectedPartyDeviceID', tag: 41, type: 'STRING', max: 64, repeated: true, group: 'ConnectedPartyCallID' },
    ],
  },
  CALL_DIVERTED_EVENT: {
    id: 19,
    fixed: [
      { name: 'MonitorID', type: 'UINT' }, // 0 = no monitor (ALL_EVENTS)
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'PeripheralType', type: 'USHORT' },
      { name: 'ConnectionDeviceIDType', type: 'USHORT' },
      { name: 'ConnectionCallID', type: 'UINT' },
      { name: 'ServiceNumber', type: 'UINT' },
      { name: 'ServiceID', type: 'UINT' },
      { name: 'DivertingDeviceType', type: 'USHORT' },
      { name: 'CalledDeviceType', type: 'USHORT' },
      { name: 'LocalConnectionState', type: 'USHORT' },
      { name: 'EventCause', type: 'USHORT' },
    ],
    floating: [
      { name: 'ConnectionDeviceID', tag: 25, type: 'STRING', max: 64 },
      { name: 'DivertingDeviceID', tag: 44, type: 'STRING', max: 64 }, // device the call left
      { name: 'CalledDeviceID', tag: 28, type: 'STRING', max: 64 }, // device it went to
    ],
  },
  CALL_SERVICE_INITIATED_EVENT: {
    id: 20,
    fixed: [
      { name: 'MonitorID', type: 'UINT' }, // 0 = no monitor (ALL_EVENTS)
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'PeripheralType', type: 'USHORT' },
      { name: 'ConnectionDeviceIDType', type: 'USHORT' },
      { name: 'ConnectionCallID', type: 'UINT' },
      { name: 'LineHandle', type: 'USHORT' },
      { name: 'LineType', type: 'USHORT' },
      { name: 'ServiceNumber', type: 'UINT' },
      { name: 'ServiceID', type: 'UINT' },
      { name: 'SkillGroupNumber', type: 'UINT' },
      { name: 'SkillGroupID', type: 'UINT' },
      { name: 'SkillGroupPriority', type: 'USHORT' },
      { name: 'CallingDeviceType', type: 'USHORT' },
      { name: 'LocalConnectionState', type: 'USHORT' },
      { name: 'EventCause', type: 'USHORT' },
    ],
    floating: [
      { name: 'ConnectionDeviceID', tag: 25, type: 'STRING', max: 64 },
      { name: 'CallingDeviceID', tag: 27, type: 'STRING', max: 64 },
      { name: 'CallReferenceID', tag: 223, type: 'UNSPEC', max: 32, since: 14 }, // v14 (§6)
      { name: 'COCConnectionCallID', tag: 229, type: 'UINT', max: 4, since: 14 }, // v14+: call-on-behalf-of-consult
      { name: 'COCCallConnectionDeviceIDType', tag: 230, type: 'USHORT', max: 2, since: 14 }, // v14 (§6)
      { name: 'COCCallConnectionDeviceID', tag: 231, type: 'STRING', max: 64, since: 14 }, // v14 (§6)
    ],
  },
  CALL_QUEUED_EVENT: {
    id: 21,
    fixed: [
      { name: 'MonitorID', type: 'UINT' }, // 0 = no monitor (ALL_EVENTS)
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'PeripheralType', type: 'USHORT' },
      { name: 'ConnectionDeviceIDType', type: 'USHORT' },
      { name: 'ConnectionCallID', type: 'UINT' },
      { name: 'ServiceNumber', type: 'UINT' },
      { name: 'ServiceID', type: 'UINT' },
      { name: 'QueueDeviceType', type: 'USHORT' },
      { name: 'CallingDeviceType', type: 'USHORT' },
      { name: 'CalledDeviceType', type: 'USHORT' },
      { name: 'LastRedirectDeviceType', type: 'USHORT' },
      { name: 'NumQueued', type: 'USHORT' }, // calls in queue for the service
      { name: 'NumSkillGroups', type: 'USHORT' }, // ≤ 20 SG sets in floating part
      { name: 'LocalConnectionState', type: 'USHORT' },
      { name: 'EventCause', type: 'USHORT' },
    ],
    floating: [
      { name: 'ConnectionDeviceID', tag: 25, type: 'STRING', max: 64 },
      { name: 'QueueDeviceID', tag: 45, type: 'STRING', max: 64 },
      { name: 'CallingDeviceID', tag: 27, type: 'STRING', max: 64 },
      { name: 'CalledDeviceID', tag: 28, type: 'STRING', max: 64 },
      { name: 'LastRedirectDeviceID', tag: 29, type: 'STRING', max: 64 },
      { name: 'SkillGroupNumber', tag: 62, type: 'INT', max: 4, repeated: true, group: 'SkillGroupNumber', countedBy: 'NumSkillGroups' }, // repeat ×NumSkillGroups
      { name: 'SkillGroupID', tag: 63, type: 'UINT', max: 4, repeated: true, group: 'SkillGroupNumber' },
      { name: 'SkillGroupPriority', tag: 64, type: 'USHORT', max: 2, repeated: true, group: 'SkillGroupNumber' },
    ],
  },
  BEGIN_CALL_EVENT: {
    id: 23,
    fixed: [
      { name: 'MonitorID', type: 'UINT' }, // 0 = no monitor (ALL_EVENTS)
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'PeripheralType', type: 'USHORT' },
      { name: 'NumCTIClients', type: 'USHORT' }, // ≤ 16 CTIClientSignature/Timestamp pairs
      { name: 'NumNamedVariables', type: 'USHORT' },
      { name: 'NumNamedArrays', type: 'USHORT' },
      { name: 'CallType', type: 'USHORT' }, // CallType §5
      { name: 'ConnectionDeviceIDType', type: 'USHORT' },
      { name: 'ConnectionCallID', type: 'UINT' },
      { name: 'CalledPartyDisposition', type: 'USHORT' }, // Disposition §5
    ],
    floating: [
      { name: 'ConnectionDeviceID', tag: 25, type: 'STRING', max: 64 },
      { name: 'ANI', tag: 8, type: 'STRING', max: 40 },
      { name: 'UserToUserInfo', tag: 9, type: 'UNSPEC', max: 131 },
      { name: 'DNIS', tag: 10, type: 'STRING', max: 32 },
      { name: 'DialedNumber', tag: 11, type: 'STRING', max: 40 },
      { name: 'CallerEnteredDigits', tag: 12, type: 'STRING', max: 40 },
      { name: 'RouterCallKeyDay', tag: 72, type: 'UINT', max: 4 },
      { name: 'RouterCallKeyCallID', tag: 73, type: 'UINT', max: 4 },
      { name: 'RouterCallKeySequenceNumber', tag: 110, type: 'UINT', max: 4 },
      { name: 'CallVariable1', tag: 13, type: 'STRING', max: 41 },
      { name: 'CallVariable2', tag: 14, type: 'STRING', max: 41 },
      { name: 'CallVariable3', tag: 15, type: 'STRING', max: 41 },
      { name: 'CallVariable4', tag: 16, type: 'STRING', max: 41 },
      { name: 'CallVariable5', tag: 17, type: 'STRING', max: 41 },
      { name: 'CallVariable6', tag: 18, type: 'STRING', max: 41 },
      { name: 'CallVariable7', tag: 19, type: 'STRING', max: 41 },
      { name: 'CallVariable8', tag: 20, type: 'STRING', max: 41 },
      { name: 'CallVariable9', tag: 21, type: 'STRING', max: 41 },
      { name: 'CallVariable10', tag: 22, type: 'STRING', max: 41 },
      { name: 'CallWrapupData', tag: 46, type: 'STRING', max: 40 },
      { name: 'NamedVariable', tag: 82, type: 'NAMEDVAR', max: 251, repeated: true, countedBy: 'NumNamedVariables' }, // ECC scalar
      { name: 'NamedArray', tag: 83, type: 'NAMEDARRAY', max: 252, repeated: true, countedBy: 'NumNamedArrays' }, // ECC array element
      { name: 'CTIClientSignature', tag: 23, type: 'STRING', max: 64, repeated: true, group: 'CTIClientSignature', countedBy: 'NumCTIClients' }, // repeat ×NumCTIClients
      { name: 'CTIClientTimestamp', tag: 24, type: 'TIME', max: 4, repeated: true, group: 'CTIClientSignature' }, // immediately after its signature
      { name: 'CallReferenceID', tag: 223, type: 'UNSPEC', max: 32, since: 14 }, // v14+ (UCM call reference)
    ],
  },
  END_CALL_EVENT: {
    id: 24,
    fixed: [
      { name: 'MonitorID', type: 'UINT' }, // 0 = no monitor (ALL_EVENTS)
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'PeripheralType', type: 'USHORT' },
      { name: 'ConnectionDeviceIDType', type: 'USHORT' },
      { name: 'ConnectionCallID', type: 'UINT' },
    ],
    floating: [
      { name: 'ConnectionDeviceID', tag: 25, type: 'STRING', max: 64 },
    ],
  },
  CALL_DATA_UPDATE_EVENT: {
    id: 25,
    fixed: [
      { name: 'MonitorID', type: 'UINT' }, // 0 = no monitor (ALL_EVENTS)
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'PeripheralType', type: 'USHORT' },
      { name: 'NumCTIClients', type: 'USHORT' },
      { name: 'NumNamedVariables', type: 'USHORT' },
      { name: 'NumNamedArrays', type: 'USHORT' },
      { name: 'CallType', type: 'USHORT' },
      { name: 'ConnectionDeviceIDType', type: 'USHORT' },
      { name: 'ConnectionCallID', type: 'UINT' }, // previous id
      { name: 'NewConnectionDeviceIDType', type: 'USHORT' },
      { name: 'NewConnectionCallID', type: 'UINT' }, // new id (may equal old)
      { name: 'CalledPartyDisposition', type: 'USHORT' },
      { name: 'CampaignID', type: 'UINT' }, // 0 if unused
      { name: 'QueryRuleID', type: 'UINT' }, // 0 if unused
    ],
    floating: [
      { name: 'ConnectionDeviceID', tag: 25, type: 'STRING', max: 64 }, // previous
      { name: 'NewConnectionDeviceID', tag: 47, type: 'STRING', max: 64 }, // new
      { name: 'ANI', tag: 8, type: 'STRING', max: 40 },
      { name: 'UserToUserInfo', tag: 9, type: 'UNSPEC', max: 131 },
      { name: 'DNIS', tag: 10, type: 'STRING', max: 32 },
      { name: 'DialedNumber', tag: 11, type: 'STRING', max: 40 },
      { name: 'CallerEnteredDigits', tag: 12, type: 'STRING', max: 40 },
      { name: 'RouterCallKeyDay', tag: 72, type: 'UINT', max: 4 },
      { name: 'RouterCallKeyCallID', tag: 73, type: 'UINT', max: 4 },
      { name: 'RouterCallKeySequenceNumber', tag: 110, type: 'UINT', max: 4 },
      { name: 'CallVariable1', tag: 13, type: 'STRING', max: 41 },
      { name: 'CallVariable2', tag: 14, type: 'STRING', max: 41 },
      { name: 'CallVariable3', tag: 15, type: 'STRING', max: 41 },
      { name: 'CallVariable4', tag: 16, type: 'STRING', max: 41 },
      { name: 'CallVariable5', tag: 17, type: 'STRING', max: 41 },
      { name: 'CallVariable6', tag: 18, type: 'STRING', max: 41 },
      { name: 'CallVariable7', tag: 19, type: 'STRING', max: 41 },
      { name: 'CallVariable8', tag: 20, type: 'STRING', max: 41 },
      { name: 'CallVariable9', tag: 21, type: 'STRING', max: 41 },
      { name: 'CallVariable10', tag: 22, type: 'STRING', max: 41 },
      { name: 'CallWrapupData', tag: 46, type: 'STRING', max: 40 },
      { name: 'NamedVariable', tag: 82, type: 'NAMEDVAR', max: 251, repeated: true, countedBy: 'NumNamedVariables' }, // ECC scalar
      { name: 'NamedArray', tag: 83, type: 'NAMEDARRAY', max: 252, repeated: true, countedBy: 'NumNamedArrays' }, // ECC array element
      { name: 'CustomerPhoneNumber', tag: 95, type: 'STRING', max: 20 },
      { name: 'CustomerAccountNumber', tag: 96, type: 'STRING', max: 32 },
      { name: 'CTIClientSignature', tag: 23, type: 'STRING', max: 64, repeated: true, group: 'CTIClientSignature', countedBy: 'NumCTIClients' }, // ×NumCTIClients, as in BEGIN_CALL_EVENT
      { name: 'CTIClientTimestamp', tag: 24, type: 'TIME', max: 4, repeated: true, group: 'CTIClientSignature' },
      { name: 'CallReferenceID', tag: 223, type: 'UNSPEC', max: 32, since: 14 }, // v14 (§6)
    ],
  },
  CALL_REACHED_NETWORK_EVENT: {
    id: 34,
    fixed: [
      { name: 'MonitorID', type: 'UINT' }, // 0 = no monitor (ALL_EVENTS)
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'PeripheralType', type: 'USHORT' },
      { name: 'ConnectionDeviceIDType', type: 'USHORT' },
      { name: 'ConnectionCallID', type: 'UINT' },
      { name: 'LineHandle', type: 'USHORT' },
      { name: 'LineType', type: 'USHORT' },
      { name: 'TrunkUsedDeviceType', type: 'USHORT' },
      { name: 'CalledDeviceType', type: 'USHORT' },
      { name: 'LocalConnectionState', type: 'USHORT' },
      { name: 'EventCause', type: 'USHORT' },
    ],
    floating: [
      { name: 'ConnectionDeviceID', tag: 25, type: 'STRING', max: 64 },
      { name: 'TrunkUsedDeviceID', tag: 48, type: 'STRING', max: 64 },
      { name: 'CalledDeviceID', tag: 28, type: 'STRING', max: 64 },
      { name: 'TrunkNumber', tag: 121, type: 'UINT', max: 4 },
      { name: 'TrunkGroupNumber', tag: 122, type: 'UINT', max: 4 },
    ],
  },
  CALL_DEQUEUED_EVENT: {
    id: 86,
    fixed: [
      { name: 'MonitorID', type: 'UINT' }, // 0 = no monitor (ALL_EVENTS)
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'PeripheralType', type: 'USHORT' },
      { name: 'ConnectionDeviceIDType', type: 'USHORT' },
      { name: 'ConnectionCallID', type: 'UINT' },
      { name: 'QueueDeviceType', type: 'USHORT' },
      { name: 'ServiceNumber', type: 'UINT' },
      { name: 'ServiceID', type: 'UINT' },
      { name: 'NumQueued', type: 'USHORT' },
      { name: 'NumSkillGroups', type: 'USHORT' }, // 0 = removed from all queues
      { name: 'LocalConnectionState', type: 'USHORT' },
      { name: 'EventCause', type: 'USHORT' },
    ],
    floating: [
      { name: 'ConnectionDeviceID', tag: 25, type: 'STRING', max: 64 },
      { name: 'SkillGroupNumber', tag: 62, type: 'UINT', max: 4, repeated: true, group: 'SkillGroupNumber', countedBy: 'NumSkillGroups' }, // repeat
      { name: 'SkillGroupID', tag: 63, type: 'UINT', max: 4, repeated: true, group: 'SkillGroupNumber' },
      { name: 'SkillGroupPriority', tag: 64, type: 'USHORT', max: 2, repeated: true, group: 'SkillGroupNumber' },
    ],
  },
} as const satisfies MessageTable;
