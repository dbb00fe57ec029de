import type { MessageTable } from '../message-def.js';

const CALL_VARIABLES = Array.from({ length: 10 }, (_, i) => ({
  name: `CallVariable${i + 1}`,
  tag: 13 + i,
  type: 'STRING',
  max: 41,
})) as readonly { readonly name: `CallVariable${number}`; readonly tag: number; readonly type: 'STRING'; readonly max: 41 }[];

const SESSION_CLIENT_FIELDS = [
  { name: 'ClientAddress', tag: 81, type: 'STRING', max: 64 }, // 16 bytes before v19
  { name: 'ClientID', tag: 1, type: 'STRING', max: 64 },
  { name: 'ClientSignature', tag: 3, type: 'STRING', max: 64 },
  { name: 'AgentExtension', tag: 4, type: 'STRING', max: 16 },
  { name: 'AgentID', tag: 5, type: 'STRING', max: 12 },
  { name: 'AgentInstrument', tag: 6, type: 'STRING', max: 64 },
] as const;

/**
 * Team lists and monitors, client-session monitoring, agent greeting, device
 * information and the bridge-only messages, from the guide's compact table
 * (ged188.md §4 "Other supervisor/team messages").
 */
export const TEAM_AND_SESSION_MESSAGES = {
  LIST_AGENT_TEAM_REQ: {
    id: 133,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'SupervisorID', type: 'UINT' }, // the supervisor's skill target id
    ],
    floating: [],
  },
  LIST_AGENT_TEAM_CONF: {
    id: 134,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'NumberOfAgentTeams', type: 'USHORT' }, // ≤ 64
      { name: 'SegmentNumber', type: 'USHORT' },
      { name: 'More', type: 'USHORT' }, // 1 = more CONFs follow
    ],
    floating: [{ name: 'TeamID', tag: 92, type: 'UINT', max: 4, repeated: true, countedBy: 'NumberOfAgentTeams' }],
  },
  MONITOR_AGENT_TEAM_START_REQ: {
    id: 135,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'TeamID', type: 'UINT' },
    ],
    floating: [],
  },
  MONITOR_AGENT_TEAM_START_CONF: {
    id: 136,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'MonitorID', type: 'UINT' },
    ],
    floating: [],
  },
  MONITOR_AGENT_TEAM_STOP_REQ: {
    id: 137,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'MonitorID', type: 'UINT' },
    ],
    floating: [],
  },
  CLIENT_SESSION_OPENED_EVENT: {
    id: 99,
    fixed: [
      { name: 'SessionID', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'ServicesGranted', type: 'UINT' },
      { name: 'CallMsgMask', type: 'UINT' },
      { name: 'AgentStateMask', type: 'UINT' },
      { name: 'ClientPort', type: 'UINT' },
    ],
    floating: SESSION_CLIENT_FIELDS,
  },
  CLIENT_SESSION_CLOSED_EVENT: {
    id: 100,
    fixed: [
      { name: 'SessionID', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'Status', type: 'UINT' },
      { name: 'ClientPort', type: 'UINT' },
    ],
    floating: SESSION_CLIENT_FIELDS,
  },
  SESSION_MONITOR_START_REQ: {
    id: 101,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'SessionID', type: 'UINT' },
    ],
    floating: [],
  },
  SESSION_MONITOR_START_CONF: {
    id: 102,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'MonitorID', type: 'UINT' },
    ],
    floating: [],
  },
  SESSION_MONITOR_STOP_REQ: {
    id: 103,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'MonitorID', type: 'UINT' },
    ],
    floating: [],
  },
  AGENT_GREETING_CONTROL_REQ: {
    id: 249,
    since: 15,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'AgentAction', type: 'USHORT' }, // 0 stop current greeting, 1 disable for session, 2 enable
    ],
    floating: [{ name: 'AgentID', tag: 5, type: 'STRING', max: 12, required: true }],
  },
  // GreetingType (STRING 32) is listed without a tag number; it decodes as an unknown field.
  CALL_AGENT_GREETING_EVENT: {
    id: 248,
    since: 15,
    fixed: [
      { name: 'MonitorID', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'ConnectionDeviceIDType', type: 'USHORT' },
      { name: 'ConnectionCallID', type: 'UINT' },
      { name: 'EventCode', type: 'USHORT' }, // 0 started, 1 ended OK, 2 failed
      { name: 'PeripheralErrorCode', type: 'UINT' },
    ],
    floating: [
      { name: 'ConnectionDeviceID', tag: 25, type: 'STRING', max: 64 },
      { name: 'AgentID', tag: 5, type: 'STRING', max: 12 },
    ],
  },
  BAD_CALL_REQ: {
    id: 139,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'ConnectionDeviceIDType', type: 'USHORT' }, // type before id, as the guide lists it
      { name: 'ConnectionCallID', type: 'UINT' },
    ],
    floating: [
      { name: 'ConnectionDeviceID', tag: 25, type: 'STRING', max: 64 },
      { name: 'AgentID', tag: 5, type: 'STRING', max: 12 },
    ],
  },
  QUERY_DEVICE_INFO_REQ: {
    id: 78,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'Reserved', type: 'USHORT' }, // 0
    ],
    floating: [{ name: 'AgentInstrument', tag: 6, type: 'STRING', max: 64 }],
  },
  QUERY_DEVICE_INFO_CONF: {
    id: 79,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'PeripheralType', type: 'USHORT' },
      { name: 'TypeOfDevice', type: 'USHORT' },
      { name: 'ClassOfDevice', type: 'USHORT' },
      { name: 'NumLines', type: 'USHORT' }, // ≤ 10
      { name: 'Reserved', type: 'USHORT' },
      { name: 'MaxActiveCalls', type: 'USHORT' }, // 0xFFFF unknown
      { name: 'MaxHeldCalls', type: 'USHORT' },
      { name: 'MaxDevicesInConference', type: 'USHORT' },
      { name: 'MakeCallSetup', type: 'UINT' }, // agent-state mask
      { name: 'TransferConferenceSetup', type: 'UINT' },
      { name: 'CallEventsSupported', type: 'UINT' }, // call message mask
      { name: 'CallControlSupported', type: 'UINT' },
      { name: 'OtherFeaturesSupported', type: 'UINT' },
    ],
    floating: [
      { name: 'LineHandle', tag: 70, type: 'USHORT', max: 2, repeated: true, group: 'LineHandle', countedBy: 'NumLines' },
      { name: 'LineType', tag: 71, type: 'USHORT', max: 2, repeated: true, group: 'LineHandle' },
    ],
  },
  MAKE_PREDICTIVE_CALL_REQ: {
    id: 58,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'CallPlacementType', type: 'USHORT' },
      { name: 'CallMannerType', type: 'USHORT' },
      { name: 'AlertRings', type: 'USHORT' },
      { name: 'CallOption', type: 'USHORT' },
      { name: 'FacilityType', type: 'USHORT' },
      { name: 'AnsweringMachine', type: 'USHORT' },
      { name: 'Priority', type: 'BOOL' },
      { name: 'AllocationState', type: 'USHORT' },
      { name: 'DestinationCountry', type: 'USHORT' },
      { name: 'AnswerDetectMode', type: 'USHORT' },
      { name: 'AnswerDetectTime', type: 'USHORT' },
      { name: 'AnswerDetectControl1', type: 'UINT' },
      { name: 'AnswerDetectControl2', type: 'UINT' },
      { name: 'NumNamedVariables', type: 'USHORT' },
      { name: 'NumNamedArrays', type: 'USHORT' },
    ],
    floating: [
      { name: 'OriginatingDeviceID', tag: 79, type: 'STRING', max: 64 },
      { name: 'DialedNumber', tag: 11, type: 'STRING', max: 40 },
      { name: 'UserToUserInfo', tag: 9, type: 'UNSPEC', max: 131 },
      ...CALL_VARIABLES,
      { name: 'CallWrapupData', tag: 46, type: 'STRING', max: 40 },
      { name: 'NamedVariable', tag: 82, type: 'NAMEDVAR', max: 251, repeated: true, countedBy: 'NumNamedVariables' },
      { name: 'NamedArray', tag: 83, type: 'NAMEDARRAY', max: 252, repeated: true, countedBy: 'NumNamedArrays' },
      { name: 'FacilityCode', tag: 51, type: 'STRING', max: 40 },
      { name: 'AuthorizationCode', tag: 77, type: 'STRING', max: 40 },
      { name: 'AccountCode', tag: 78, type: 'STRING', max: 40 },
      { name: 'OriginatingLineID', tag: 80, type: 'STRING', max: 40 }, // §7 #9: 40, not HS's 64
      { name: 'CCT', tag: 84, type: 'STRING', max: 4 },
    ],
  },
  SET_DEVICE_ATTRIBUTES_REQ: {
    id: 141,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'ServiceNumber', type: 'UINT' },
      { name: 'ServiceID', type: 'UINT' },
      { name: 'SkillGroupNumber', type: 'UINT' },
      { name: 'SkillGroupID', type: 'UINT' },
      { name: 'SkillGroupPriority', type: 'USHORT' },
      { name: 'CallType', type: 'USHORT' },
      { name: 'CallingDeviceType', type: 'USHORT' },
    ],
    floating: [{ name: 'CallingDeviceID', tag: 27, type: 'STRING', max: 64, required: true }],
  },
  // CTI Server Message Reference Guide (Protocol Version 25), Release 15.0(1), chapter
  // "Application Level Interfaces", AGENT_PRE_CALL_EVENT (MessageType 105); versions
  // from the guide's "Changes and Additions": FltCallTypeID and PreCallInvokeID came
  // with v14, AgentSkillTargetID and AgentID with v20, the agent-services fields
  // (ProtocolReferenceGUID, NumOfEnabledServices, FltEnabledServices, CcaiConfigId) with v24.
  AGENT_PRE_CALL_EVENT: {
    id: 105,
    fixed: [
      { name: 'MonitorID', type: 'UINT' },
      { name: 'NumNamedVariables', type: 'USHORT' },
      { name: 'NumNamedArrays', type: 'USHORT' },
      { name: 'ServiceNumber', type: 'UINT' },
      { name: 'ServiceID', type: 'UINT' },
      { name: 'SkillGroupNumber', type: 'UINT' },
      { name: 'SkillGroupID', type: 'UINT' },
      { name: 'SkillGroupPriority', type: 'USHORT' },
      { name: 'MRDID', type: 'INT' },
      { name: 'AgentSkillTargetID', type: 'UINT', since: 20 },
    ],
    floating: [
      { name: 'AgentInstrument', tag: 6, type: 'STRING', max: 64 },
      { name: 'RouterCallKeyDay', tag: 72, type: 'UINT', max: 4 },
      { name: 'RouterCallKeyCallID', tag: 73, type: 'UINT', max: 4 },
      { name: 'RouterCallKeySequenceNumber', tag: 110, type: 'UINT', max: 4 },
      { name: 'ANI', tag: 8, type: 'STRING', max: 40 },
      { name: 'UserToUserInfo', tag: 9, type: 'UNSPEC', max: 131 },
      { name: 'DialedNumber', tag: 11, type: 'STRING', max: 40 },
      { name: 'CallerEnteredDigits', tag: 12, type: 'STRING', max: 40 },
      { name: 'FltCallTypeID', tag: 210, type: 'UINT', max: 4, since: 14 },
      { name: 'PreCallInvokeID', tag: 221, type: 'UINT', max: 4, since: 14 },
      ...CALL_VARIABLES,
      { name: 'NamedVariable', tag: 82, type: 'NAMEDVAR', max: 251, repeated: true, countedBy: 'NumNamedVariables' },
      { name: 'NamedArray', tag: 83, type: 'NAMEDARRAY', max: 252, repeated: true, countedBy: 'NumNamedArrays' },
      { name: 'AgentID', tag: 5, type: 'STRING', max: 12, since: 20 },
      { name: 'ProtocolReferenceGUID', tag: 294, type: 'STRING', max: 40, since: 24 },
      { name: 'NumOfEnabledServices', tag: 310, type: 'USHORT', max: 2, since: 24 },
      // "USHORT×N, 2×N bytes": one field holding NumOfEnabledServices values, as in SNAPSHOT_CALL_CONF.
      { name: 'FltEnabledServices', tag: 309, type: 'USHORT_LIST', max: 64, countedBy: 'NumOfEnabledServices', since: 24 },
      { name: 'CcaiConfigId', tag: 311, type: 'STRING', max: 40, since: 24 },
    ],
  },
  CALL_TRANSLATION_ROUTE_EVENT: {
    id: 22,
    fixed: [
      { name: 'NumNamedVariables', type: 'USHORT' },
      { name: 'NumNamedArrays', type: 'USHORT' },
    ],
    floating: [
      { name: 'ANI', tag: 8, type: 'STRING', max: 40 },
      { name: 'UserToUserInfo', tag: 9, type: 'UNSPEC', max: 131 },
      { name: 'DNIS', tag: 10, type: 'STRING', max: 32 },
      { name: 'DialedNumber', tag: 11, type: 'STRING', max: 40 },
      { name: 'CallerEnteredDigits', tag: 12, type: 'STRING', max: 40 },
      { name: 'RouterCallKeyDay', tag: 72, type: 'UINT', max: 4 },
      { name: 'RouterCallKeyCallID', tag: 73, type: 'UINT', max: 4 },
      { name: 'RouterCallKeySequenceNumber', tag: 110, type: 'UINT', max: 4 },
      ...CALL_VARIABLES,
      { name: 'NamedVariable', tag: 82, type: 'NAMEDVAR', max: 251, repeated: true, countedBy: 'NumNamedVariables' },
      { name: 'NamedArray', tag: 83, type: 'NAMEDARRAY', max: 252, repeated: true, countedBy: 'NumNamedArrays' },
    ],
  },
} as const satisfies MessageTable;
