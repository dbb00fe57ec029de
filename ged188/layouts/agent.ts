import type { MessageTable } from '../message-def.js';

/**
 * Agent state, system status and team configuration.
 * Transcribed from ged188.md §4 (the v25 guide's tables), fields in the guide's order;
 * a field's comment is the guide's note. Fixed body sizes are checked by a unit test.
 */
export const AGENT_MESSAGES = {
  AGENT_STATE_EVENT: {
    id: 30,
    fixed: [
      { name: 'MonitorID', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'SessionID', type: 'UINT' }, // client-events session of this agent, 0 if none
      { name: 'PeripheralType', type: 'USHORT' },
      { name: 'SkillGroupState', type: 'USHORT' }, // AgentState w.r.t. the skill group below
      { name: 'StateDuration', type: 'UINT' }, // seconds in state (usually 0)
      { name: 'SkillGroupNumber', type: 'UINT' }, // NULL_SKILL_GROUP if n/a
      { name: 'SkillGroupID', type: 'UINT' },
      { name: 'SkillGroupPriority', type: 'USHORT' }, // 0 = n/a
      { name: 'AgentState', type: 'USHORT' }, // overall agent state
      { name: 'EventReasonCode', type: 'USHORT' }, // reason code; only for Not Ready and Logout
      { name: 'MRDID', type: 'INT' }, // media routing domain of this state
      { name: 'NumTasks', type: 'UINT' },
      { name: 'AgentMode', type: 'USHORT' }, // 1 routable, 0 not routable
      { name: 'MaxTaskLimit', type: 'UINT' },
      { name: 'ICMAgentID', type: 'INT' }, // agent skill target id
      { name: 'AgentAvailabilityStatus', type: 'UINT' }, // 0 not available, 1 ICM available, 2 application available
      { name: 'NumFltSkillGroups', type: 'USHORT' }, // 0 → only the fixed SG set; else count of floating SG sets (≤ 99)
      { name: 'DepartmentID', type: 'INT', since: 19 }, // v19+
    ],
    floating: [
      { name: 'CTIClientSignature', tag: 3, type: 'STRING', max: 64 }, // tag 3 (CLIENT_SIGNATURE)
      { name: 'AgentID', tag: 5, type: 'STRING', max: 12 },
      { name: 'AgentExtension', tag: 4, type: 'STRING', max: 16 },
      { name: 'ActiveTerminal', tag: 303, type: 'STRING', max: 64, since: 25 }, // v25 terminal support
      { name: 'AgentInstrument', tag: 6, type: 'STRING', max: 64 },
      { name: 'Duration', tag: 150, type: 'UINT', max: 4 }, // expected seconds in state
      { name: 'NextAgentState', tag: 123, type: 'USHORT', max: 2 }, // tag EXT_AGENT_STATE
      { name: 'Direction', tag: 244, type: 'UINT', max: 4, since: 16 }, // v16+: 0 none,1 in,2 out,3 other in,4 other out,5 outbound reserve,6 outbound preview,7 outbound predictive
      { name: 'FltSkillGroupNumber', tag: 62, type: 'INT', max: 4, repeated: true, group: 'FltSkillGroupNumber', countedBy: 'NumFltSkillGroups' }, // repeat ×NumFltSkillGroups: Number, ID, Priority, State adjacent
      { name: 'FltSkillGroupID', tag: 63, type: 'UINT', max: 4, repeated: true, group: 'FltSkillGroupNumber' },
      { name: 'FltSkillGroupPriority', tag: 64, type: 'USHORT', max: 2, repeated: true, group: 'FltSkillGroupNumber' },
      { name: 'FltSkillGroupState', tag: 65, type: 'USHORT', max: 2, repeated: true, group: 'FltSkillGroupNumber' },
      { name: 'MaxBeyondTaskLimit', tag: 266, type: 'UINT', max: 4, since: 22 }, // v22+
    ],
  },
  QUERY_AGENT_STATE_REQ: {
    id: 36,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'MRDID', type: 'INT' }, // media routing domain id (the voice MRD for phone agents)
      { name: 'ICMAgentID', type: 'INT' }, // agent skill target id; the value to send when identifying the agent by a floating field is not stated (0 or 0xFFFFFFFF — verify on a lab system)
    ],
    floating: [
      { name: 'AgentExtension', tag: 4, type: 'STRING', max: 16 },
      { name: 'AgentID', tag: 5, type: 'STRING', max: 12 },
      { name: 'AgentInstrument', tag: 6, type: 'STRING', max: 64 },
    ],
  },
  QUERY_AGENT_STATE_CONF: {
    id: 37,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'AgentState', type: 'USHORT' },
      { name: 'NumSkillGroups', type: 'USHORT' }, // ≤ 20; number of SG sets in floating part
      { name: 'MRDID', type: 'INT' },
      { name: 'NumTasks', type: 'UINT' },
      { name: 'AgentMode', type: 'USHORT' },
      { name: 'MaxTaskLimit', type: 'UINT' },
      { name: 'ICMAgentID', type: 'INT' },
      { name: 'AgentAvailabilityStatus', type: 'UINT' },
      { name: 'DepartmentID', type: 'INT', since: 19 }, // v19+
    ],
    floating: [
      { name: 'AgentID', tag: 5, type: 'STRING', max: 12 },
      { name: 'AgentExtension', tag: 4, type: 'STRING', max: 16 },
      { name: 'AgentInstrument', tag: 6, type: 'STRING', max: 64 },
      { name: 'SkillGroupNumber', tag: 62, type: 'UINT', max: 4, repeated: true, group: 'SkillGroupNumber', countedBy: 'NumSkillGroups' }, // repeat ×NumSkillGroups (Number, ID, Priority, State adjacent)
      { name: 'SkillGroupID', tag: 63, type: 'UINT', max: 4, repeated: true, group: 'SkillGroupNumber' },
      { name: 'SkillGroupPriority', tag: 64, type: 'USHORT', max: 2, repeated: true, group: 'SkillGroupNumber' },
      { name: 'SkillGroupState', tag: 65, type: 'USHORT', max: 2, repeated: true, group: 'SkillGroupNumber' },
      { name: 'InternalAgentState', tag: 255, type: 'USHORT', max: 2, since: 19 }, // v19+, Cisco internal
      { name: 'MaxBeyondTaskLimit', tag: 266, type: 'UINT', max: 4, since: 22 }, // v22+
    ],
  },
  SET_AGENT_STATE_REQ: {
    id: 38,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'AgentState', type: 'USHORT' }, // desired state (LOGIN, LOGOUT, NOT_READY, AVAILABLE, WORK_NOT_READY, WORK_READY)
      { name: 'AgentWorkMode', type: 'USHORT' }, // AgentWorkMode §5
      { name: 'NumSkillGroups', type: 'USHORT' }, // ≤ 10 SG number/priority pairs in floating part
      { name: 'EventReasonCode', type: 'USHORT' }, // reason code for Not Ready / Logout (0 = none)
      { name: 'ForcedFlag', type: 'UCHAR' }, // 0 false, 1 true, 2 authenticate only (login); guide: reserved/not used by CTI Server
      { name: 'AgentServiceReq', type: 'UINT' }, // bit mask of agent services; 0x1 = outbound support (HS); usually 0
    ],
    floating: [
      { name: 'AgentInstrument', tag: 6, type: 'STRING', max: 64 }, // remote agent: "instrument;phone"
      { name: 'ActiveTerminal', tag: 303, type: 'STRING', max: 64, since: 25 }, // v25
      { name: 'AgentID', tag: 5, type: 'STRING', max: 12 }, // required for LOGIN/LOGOUT
      { name: 'AgentPassword', tag: 49, type: 'STRING', max: 64 }, // required for LOGIN/LOGOUT unless SSOEnabled = 1
      { name: 'PositionID', tag: 68, type: 'STRING', max: 12 }, // some ACDs, login
      { name: 'SupervisorID', tag: 69, type: 'STRING', max: 12 }, // some ACDs, login
      { name: 'SSOEnabled', tag: 257, type: 'USHORT', max: 2, since: 20 }, // (§7 #15: type not stated; encoded as USHORT) v20+: 0 SSO disabled, 1 enabled (type not stated in the guide table)
      { name: 'SkillGroupNumber', tag: 62, type: 'INT', max: 4, repeated: true, group: 'SkillGroupNumber', countedBy: 'NumSkillGroups' }, // repeat ×NumSkillGroups; LOGOUT without SGs = all groups
      { name: 'SkillGroupPriority', tag: 64, type: 'USHORT', max: 2, repeated: true, group: 'SkillGroupNumber' }, // immediately after its SkillGroupNumber
    ],
  },
  SET_AGENT_STATE_CONF: {
    id: 39,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
    ],
    floating: [],
  },
  SYSTEM_EVENT: {
    id: 31,
    fixed: [
      { name: 'PGStatus', type: 'UINT' }, // PGStatusCode mask
      { name: 'ICMCentralControllerTime', type: 'TIME' },
      { name: 'SystemEventID', type: 'UINT' }, // SystemEventID §5
      { name: 'SystemEventArg1', type: 'UINT' }, // e.g. PeripheralID for 3/4/10/11
      { name: 'SystemEventArg2', type: 'UINT' },
      { name: 'SystemEventArg3', type: 'UINT' },
      { name: 'EventDeviceType', type: 'USHORT' }, // DeviceIDType; DEVID_NONE if no EventDeviceID
    ],
    floating: [
      { name: 'Text', tag: 7, type: 'STRING', max: 255 }, // e.g. SYS_TEXT_FYI text, instrument for 10/11
      { name: 'EventDeviceID', tag: 206, type: 'STRING', max: 64 },
    ],
  },
  AGENT_TEAM_CONFIG_EVENT: {
    id: 128,
    fixed: [
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'TeamID', type: 'UINT' },
      { name: 'NumberOfAgents', type: 'USHORT' }, // ≤ 64 member entries
      { name: 'ConfigOperation', type: 'USHORT' }, // 0 restore permanent config, 1 add agent, 2 remove agent
      { name: 'DepartmentID', type: 'INT', since: 19 }, // v19+
    ],
    floating: [
      { name: 'AgentTeamName', tag: 243, type: 'STRING', max: 32, since: 16 }, // v16+
      { name: 'AtcAgentID', tag: 86, type: 'STRING', max: 12, repeated: true, group: 'AtcAgentID', countedBy: 'NumberOfAgents' }, // ×NumberOfAgents: AtcAgentID, AgentFlags, AtcAgentState, AtcStateDuration
      { name: 'AgentFlags', tag: 87, type: 'USHORT', max: 2, repeated: true, group: 'AtcAgentID' }, // 0x1 primary supervisor, 0x2 temporary agent, 0x4 supervisor, 0 agent
      { name: 'AtcAgentState', tag: 88, type: 'USHORT', max: 2, repeated: true, group: 'AtcAgentID' }, // AgentState
      { name: 'AtcStateDuration', tag: 89, type: 'UINT', max: 4, repeated: true, group: 'AtcAgentID' }, // seconds
    ],
  },
  QUERY_AGENT_STATISTICS_REQ: {
    id: 112,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' },
    ],
    floating: [
      { name: 'AgentExtension', tag: 4, type: 'STRING', max: 16 },
      { name: 'AgentID', tag: 5, type: 'STRING', max: 12 },
      { name: 'AgentInstrument', tag: 6, type: 'STRING', max: 64 },
    ],
  },
  QUERY_SKILL_GROUP_STATISTICS_REQ: {
    id: 114,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'SkillGroupNumber', type: 'UINT' }, // NULL_SKILL_GROUP if ID given
      { name: 'SkillGroupID', type: 'UINT' }, // NULL_SKILL_GROUP if number given
    ],
    floating: [],
  },
  // CTI Server Message Reference Guide (Protocol Version 25), Release 15.0(1), chapter
  // "Application Level Interfaces", Miscellaneous Service: AGENT_DESK_SETTINGS_REQ (131)
  // and AGENT_DESK_SETTINGS_CONF (132); the same fixed parts in the v9, v15 and v17
  // guides (Tables 5-83/5-84, 5-85/5-86). Mask bits: enumerations AGENT_DESK_SETTINGS.
  AGENT_DESK_SETTINGS_REQ: {
    id: 131,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' },
    ],
    floating: [{ name: 'AgentID', tag: 5, type: 'STRING', max: 12 }], // optional: the session's agent when absent
  },
  AGENT_DESK_SETTINGS_CONF: {
    id: 132,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'DeskSettingsMask', type: 'UINT' }, // AGENT_DESK_SETTINGS bits
      { name: 'WrapupDataIncomingMode', type: 'UINT' }, // 0 required, 1 optional, 2 not allowed, 3 required with wrap-up data
      { name: 'WrapupDataOutgoingMode', type: 'UINT' }, // 0 required, 1 optional, 2 not allowed
      { name: 'LogoutNonActivityTime', type: 'UINT' }, // seconds idle at the desktop before UCCE logs the agent out
      { name: 'QualityRecordingRate', type: 'UINT' },
      { name: 'RingNoAnswerTime', type: 'UINT' }, // seconds a call may ring before it is redirected
      { name: 'SilentMonitorWarningMessage', type: 'UINT' },
      { name: 'SilentMonitorAudibleIndication', type: 'UINT' },
      { name: 'SupervisorAssistCallMethod', type: 'UINT' }, // set: blind conference; else consultative call
      { name: 'EmergencyCallMethod', type: 'UINT' }, // likewise for emergency calls
      { name: 'AutoRecordOnEmergency', type: 'UINT' },
      { name: 'RecordingMode', type: 'UINT' }, // set: recording requests go through Unified CM/PIM
      { name: 'WorkModeTimer', type: 'UINT' }, // auto wrap-up time-out, seconds
      { name: 'RingNoAnswerDN', type: 'UINT' }, // dialed number id of the ring-no-answer re-route
    ],
    floating: [
      { name: 'DefaultDevicePortAddress', tag: 93, type: 'STRING', max: 32 },
      // In the v25 table; the change histories read (v14-v24) do not say when they came.
      // Taken as v25 with the terminal tags they follow (302-305): an assumption.
      { name: 'PlayZipTone', tag: 307, type: 'UINT', max: 4, since: 25 }, // 1: zip tone on auto-answer
      { name: 'ACDSharedLineUsage', tag: 306, type: 'UINT', max: 4, since: 25 }, // 1: agent may use shared lines
    ],
  },
} as const satisfies MessageTable;
