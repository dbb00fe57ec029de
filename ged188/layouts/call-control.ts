import type { MessageTable } from '../message-def.js';

/**
 * Call control requests, call data and snapshots.
 * Transcribed from ged188.md §4 (the v25 guide's tables), fields in the guide's order;
 * a field's comment is the guide's note. Fixed body sizes are checked by a unit test.
 */
export const CALL_CONTROL_MESSAGES = {
  ANSWER_CALL_REQ: {
    id: 42,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'ConnectionCallID', type: 'UINT' }, // 0xFFFFFFFF if the alerting call id is unknown
      { name: 'ConnectionDeviceIDType', type: 'USHORT' },
    ],
    floating: [
      { name: 'ConnectionDeviceID', tag: 25, type: 'STRING', max: 64 },
      { name: 'AgentInstrument', tag: 6, type: 'STRING', max: 64 }, // instrument that should answer
    ],
  },
  CLEAR_CALL_REQ: {
    id: 44,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'ConnectionCallID', type: 'UINT' },
      { name: 'ConnectionDeviceIDType', type: 'USHORT' },
    ],
    floating: [
      { name: 'ConnectionDeviceID', tag: 25, type: 'STRING', max: 64 },
      { name: 'AgentInstrument', tag: 6, type: 'STRING', max: 64 },
    ],
  },
  CLEAR_CONNECTION_REQ: {
    id: 46,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'ConnectionCallID', type: 'UINT' },
      { name: 'ConnectionDeviceIDType', type: 'USHORT' },
      { name: 'RequestingDeviceIDType', type: 'USHORT', since: 14 }, // v14+; DEVID_NONE allowed
    ],
    floating: [
      { name: 'ConnectionDeviceID', tag: 25, type: 'STRING', max: 64 }, // connection to release
      { name: 'AgentInstrument', tag: 6, type: 'STRING', max: 64 },
      { name: 'RequestingDeviceID', tag: 219, type: 'STRING', max: 64, since: 14 }, // v14+, controller requesting the clear
    ],
  },
  HOLD_CALL_REQ: {
    id: 54,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'ConnectionCallID', type: 'UINT' },
      { name: 'ConnectionDeviceIDType', type: 'USHORT' },
      { name: 'Reservation', type: 'BOOL' }, // TRUE = reserve facility (ISDN); normally FALSE
    ],
    floating: [
      { name: 'ConnectionDeviceID', tag: 25, type: 'STRING', max: 64 },
      { name: 'AgentInstrument', tag: 6, type: 'STRING', max: 64 },
    ],
  },
  RETRIEVE_CALL_REQ: {
    id: 62,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'HeldConnectionCallID', type: 'UINT' },
      { name: 'HeldConnectionDeviceIDType', type: 'USHORT' },
    ],
    floating: [
      { name: 'HeldConnectionDeviceID', tag: 53, type: 'STRING', max: 64 },
      { name: 'AgentInstrument', tag: 6, type: 'STRING', max: 64 },
    ],
  },
  ALTERNATE_CALL_REQ: {
    id: 40,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'ActiveConnectionCallID', type: 'UINT' },
      { name: 'OtherConnectionCallID', type: 'UINT' }, // held/alerting call to switch to
      { name: 'ActiveConnectionDeviceIDType', type: 'USHORT' },
      { name: 'OtherConnectionDeviceIDType', type: 'USHORT' },
    ],
    floating: [
      { name: 'ActiveConnectionDeviceID', tag: 50, type: 'STRING', max: 64 },
      { name: 'OtherConnectionDeviceID', tag: 52, type: 'STRING', max: 64 },
      { name: 'AgentInstrument', tag: 6, type: 'STRING', max: 64 },
    ],
  },
  RECONNECT_CALL_REQ: {
    id: 60,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'ActiveConnectionCallID', type: 'UINT' }, // call to clear
      { name: 'HeldConnectionCallID', type: 'UINT' }, // call to retrieve
      { name: 'ActiveConnectionDeviceIDType', type: 'USHORT' },
      { name: 'HeldConnectionDeviceIDType', type: 'USHORT' },
    ],
    floating: [
      { name: 'ActiveConnectionDeviceID', tag: 50, type: 'STRING', max: 64 },
      { name: 'HeldConnectionDeviceID', tag: 53, type: 'STRING', max: 64 },
      { name: 'AgentInstrument', tag: 6, type: 'STRING', max: 64 },
    ],
  },
  MAKE_CALL_REQ: {
    id: 56,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'CallPlacementType', type: 'USHORT' },
      { name: 'CallMannerType', type: 'USHORT' },
      { name: 'AlertRings', type: 'USHORT' }, // 0 = default (~10)
      { name: 'CallOption', type: 'USHORT' },
      { name: 'FacilityType', type: 'USHORT' },
      { name: 'AnsweringMachine', type: 'USHORT' },
      { name: 'Priority', type: 'BOOL' },
      { name: 'PostRoute', type: 'BOOL' }, // unused in UCCE (0)
      { name: 'NumNamedVariables', type: 'USHORT' },
      { name: 'NumNamedArrays', type: 'USHORT' },
      { name: 'SkillGroupNumber', type: 'UINT', since: 14 }, // v14+; NULL_SKILL_GROUP = default
    ],
    floating: [
      { name: 'AgentInstrument', tag: 6, type: 'STRING', max: 64 }, // originating phone
      { name: 'DialedNumber', tag: 11, type: 'STRING', max: 40 }, // destination
      { name: 'UserToUserInfo', tag: 9, type: 'UNSPEC', max: 131 },
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
      { name: 'FacilityCode', tag: 51, type: 'STRING', max: 40 },
      { name: 'AuthorizationCode', tag: 77, type: 'STRING', max: 40 },
      { name: 'AccountCode', tag: 78, type: 'STRING', max: 40 },
      { name: 'CCT', tag: 84, type: 'STRING', max: 4 }, // call control table; required if CallPlacementType = CPT_OUTBOUND
    ],
  },
  CONSULTATION_CALL_REQ: {
    id: 50,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'ActiveConnectionCallID', type: 'UINT' }, // call to put on hold
      { name: 'ActiveConnectionDeviceIDType', type: 'USHORT' },
      { name: 'CallPlacementType', type: 'USHORT' },
      { name: 'CallMannerType', type: 'USHORT' },
      { name: 'ConsultType', type: 'USHORT' }, // 1 transfer, 2 conference, 0 unspecified
      { name: 'AlertRings', type: 'USHORT' },
      { name: 'CallOption', type: 'USHORT' },
      { name: 'FacilityType', type: 'USHORT' },
      { name: 'AnsweringMachine', type: 'USHORT' },
      { name: 'Priority', type: 'BOOL' },
      { name: 'PostRoute', type: 'BOOL' }, // unused
      { name: 'NumNamedVariables', type: 'USHORT' },
      { name: 'NumNamedArrays', type: 'USHORT' },
    ],
    floating: [
      { name: 'ActiveConnectionDeviceID', tag: 50, type: 'STRING', max: 64 },
      { name: 'DialedNumber', tag: 11, type: 'STRING', max: 40 }, // consult destination
      { name: 'AgentInstrument', tag: 6, type: 'STRING', max: 64 },
      { name: 'UserToUserInfo', tag: 9, type: 'UNSPEC', max: 131 }, // overrides the active call's value
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
      { name: 'FacilityCode', tag: 51, type: 'STRING', max: 40 },
      { name: 'AuthorizationCode', tag: 77, type: 'STRING', max: 40 },
      { name: 'AccountCode', tag: 78, type: 'STRING', max: 40 },
    ],
  },
  TRANSFER_CALL_REQ: {
    id: 64,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'ActiveConnectionCallID', type: 'UINT' }, // consult call
      { name: 'HeldConnectionCallID', type: 'UINT' }, // original call; 0xFFFFFFFF for single-step (blind) transfer
      { name: 'ActiveConnectionDeviceIDType', type: 'USHORT' },
      { name: 'HeldConnectionDeviceIDType', type: 'USHORT' }, // CONNECTION_ID_NONE for single-step
      { name: 'CallPlacementType', type: 'USHORT' },
      { name: 'CallMannerType', type: 'USHORT' },
      { name: 'AlertRings', type: 'USHORT' },
      { name: 'CallOption', type: 'USHORT' },
      { name: 'FacilityType', type: 'USHORT' },
      { name: 'AnsweringMachine', type: 'USHORT' },
      { name: 'Priority', type: 'BOOL' },
      { name: 'PostRoute', type: 'BOOL' },
      { name: 'NumNamedVariables', type: 'USHORT' },
      { name: 'NumNamedArrays', type: 'USHORT' },
    ],
    floating: [
      { name: 'ActiveConnectionDeviceID', tag: 50, type: 'STRING', max: 64 },
      { name: 'HeldConnectionDeviceID', tag: 53, type: 'STRING', max: 64 }, // or DialedNumber for single-step
      { name: 'AgentInstrument', tag: 6, type: 'STRING', max: 64 },
      { name: 'DialedNumber', tag: 11, type: 'STRING', max: 40 }, // single-step destination
      { name: 'UserToUserInfo', tag: 9, type: 'UNSPEC', max: 131 },
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
      { name: 'FacilityCode', tag: 51, type: 'STRING', max: 40 },
      { name: 'AuthorizationCode', tag: 77, type: 'STRING', max: 40 },
      { name: 'AccountCode', tag: 78, type: 'STRING', max: 40 },
    ],
  },
  CONFERENCE_CALL_REQ: {
    id: 48,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'HeldConnectionCallID', type: 'UINT' },
      { name: 'ActiveConnectionCallID', type: 'UINT' },
      { name: 'HeldConnectionDeviceIDType', type: 'USHORT' },
      { name: 'ActiveConnectionDeviceIDType', type: 'USHORT' },
      { name: 'CallPlacementType', type: 'USHORT' },
      { name: 'CallMannerType', type: 'USHORT' },
      { name: 'AlertRings', type: 'USHORT' },
      { name: 'CallOption', type: 'USHORT' },
      { name: 'FacilityType', type: 'USHORT' },
      { name: 'AnsweringMachine', type: 'USHORT' },
      { name: 'Priority', type: 'BOOL' },
      { name: 'PostRoute', type: 'BOOL' },
      { name: 'NumNamedVariables', type: 'USHORT' },
      { name: 'NumNamedArrays', type: 'USHORT' },
    ],
    floating: [
      { name: 'ActiveConnectionDeviceID', tag: 50, type: 'STRING', max: 64 },
      { name: 'HeldConnectionDeviceID', tag: 53, type: 'STRING', max: 64 }, // or DialedNumber (single-step conference)
      { name: 'AgentInstrument', tag: 6, type: 'STRING', max: 64 },
      { name: 'DialedNumber', tag: 11, type: 'STRING', max: 40 },
      { name: 'UserToUserInfo', tag: 9, type: 'UNSPEC', max: 131 },
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
      { name: 'FacilityCode', tag: 51, type: 'STRING', max: 40 },
      { name: 'AuthorizationCode', tag: 77, type: 'STRING', max: 40 },
      { name: 'AccountCode', tag: 78, type: 'STRING', max: 40 },
    ],
  },
  DEFLECT_CALL_REQ: {
    id: 52,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'ConnectionCallID', type: 'UINT' }, // alerting call
      { name: 'ConnectionDeviceIDType', type: 'USHORT' },
      { name: 'CalledDeviceType', type: 'USHORT' },
    ],
    floating: [
      { name: 'ConnectionDeviceID', tag: 25, type: 'STRING', max: 64 },
      { name: 'CalledDeviceID', tag: 28, type: 'STRING', max: 64 }, // new destination
      { name: 'AgentInstrument', tag: 6, type: 'STRING', max: 64 },
    ],
  },
  SEND_DTMF_SIGNAL_REQ: {
    id: 91,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'ConnectionCallID', type: 'UINT' },
      { name: 'ConnectionDeviceIDType', type: 'USHORT' },
      { name: 'ToneDuration', type: 'USHORT' }, // ms, 0 = default
      { name: 'PauseDuration', type: 'UINT' }, // ms, 0 = default (UINT although ToneDuration is USHORT)
    ],
    floating: [
      { name: 'ConnectionDeviceID', tag: 25, type: 'STRING', max: 64 },
      { name: 'DTMFString', tag: 67, type: 'STRING', max: 32 }, // digits to send
      { name: 'AgentInstrument', tag: 6, type: 'STRING', max: 64 },
    ],
  },
  SET_CALL_DATA_REQ: {
    id: 26,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'ConnectionDeviceIDType', type: 'USHORT' },
      { name: 'ConnectionCallID', type: 'UINT' },
      { name: 'NumNamedVariables', type: 'USHORT' },
      { name: 'NumNamedArrays', type: 'USHORT' },
      { name: 'CallType', type: 'USHORT' }, // NULL_CALLTYPE (0xFFFF) to leave unchanged — assumption
      { name: 'CalledPartyDisposition', type: 'USHORT' },
      { name: 'CampaignID', type: 'UINT' }, // 0 if unused
      { name: 'QueryRuleID', type: 'UINT' }, // 0 if unused
    ],
    floating: [
      { name: 'ConnectionDeviceID', tag: 25, type: 'STRING', max: 64 },
      { name: 'ANI', tag: 8, type: 'STRING', max: 40 },
      { name: 'UserToUserInfo', tag: 9, type: 'UNSPEC', max: 131 },
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
      { name: 'CustomerPhoneNumber', tag: 95, type: 'STRING', max: 20 },
      { name: 'CustomerAccountNumber', tag: 96, type: 'STRING', max: 32 },
      { name: 'RouterCallKeyDay', tag: 72, type: 'UINT', max: 4, since: 14 }, // v14+
      { name: 'RouterCallKeyCallID', tag: 73, type: 'UINT', max: 4, since: 14 }, // v14+
      { name: 'RouterCallKeySequenceNumber', tag: 110, type: 'UINT', max: 4, since: 14 }, // v14+
      { name: 'CallOriginatedFrom', tag: 232, type: 'UCHAR', max: 1 }, // "D" = dialer
    ],
  },
  RELEASE_CALL_REQ: {
    id: 28,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'ConnectionDeviceIDType', type: 'USHORT' },
      { name: 'ConnectionCallID', type: 'UINT' },
    ],
    floating: [
      { name: 'ConnectionDeviceID', tag: 25, type: 'STRING', max: 64 },
    ],
  },
  SNAPSHOT_CALL_REQ: {
    id: 82,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'ConnectionCallID', type: 'UINT' },
      { name: 'ConnectionDeviceIDType', type: 'USHORT' },
    ],
    floating: [
      { name: 'ConnectionDeviceID', tag: 25, type: 'STRING', max: 64 },
    ],
  },
  SNAPSHOT_CALL_CONF: {
    id: 83,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'CallType', type: 'USHORT' },
      { name: 'NumCTIClients', type: 'USHORT' },
      { name: 'NumCallDevices', type: 'USHORT' }, // ≤ 16
      { name: 'NumNamedVariables', type: 'USHORT' },
      { name: 'NumNamedArrays', type: 'USHORT' },
      { name: 'CalledPartyDisposition', type: 'USHORT' },
    ],
    floating: [
      { name: 'ANI', tag: 8, type: 'STRING', max: 40 },
      { name: 'UserToUserInfo', tag: 9, type: 'UNSPEC', max: 131 },
      { name: 'DNIS', tag: 10, type: 'STRING', max: 32 },
      { name: 'DialedNumber', tag: 11, type: 'STRING', max: 40 },
      { name: 'CallerEnteredDigits', tag: 12, type: 'STRING', max: 40 },
      { name: 'RouterCallKeyDay', tag: 72, type: 'UINT', max: 4 },
      { name: 'RouterCallKeyCallID', tag: 73, type: 'UINT', max: 4 },
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
      { name: 'CTIClientSignature', tag: 23, type: 'STRING', max: 64, repeated: true, group: 'CTIClientSignature', countedBy: 'NumCTIClients' }, // ×NumCTIClients
      { name: 'CTIClientTimestamp', tag: 24, type: 'TIME', max: 4, repeated: true, group: 'CTIClientSignature' },
      { name: 'CallConnectionCallID', tag: 56, type: 'UINT', max: 4, repeated: true, group: 'CallConnectionCallID', countedBy: 'NumCallDevices' }, // ×NumCallDevices: CallConnectionCallID, CallConnectionDeviceIDType, CallConnectionDeviceID, CallDeviceType, CallDeviceID, CallDeviceConnectionState adjacent
      { name: 'CallConnectionDeviceIDType', tag: 57, type: 'USHORT', max: 2, repeated: true, group: 'CallConnectionCallID' },
      { name: 'CallConnectionDeviceID', tag: 58, type: 'STRING', max: 64, repeated: true, group: 'CallConnectionCallID' },
      { name: 'CallDeviceType', tag: 59, type: 'USHORT', max: 2, repeated: true, group: 'CallConnectionCallID' },
      { name: 'CallDeviceID', tag: 60, type: 'STRING', max: 64, repeated: true, group: 'CallConnectionCallID' },
      { name: 'CallDeviceConnectionState', tag: 61, type: 'USHORT', max: 2, repeated: true, group: 'CallConnectionCallID' }, // LocalConnectionState
      { name: 'CallReferenceID', tag: 223, type: 'UNSPEC', max: 32, since: 14 }, // v14 (§6)
      { name: 'COCConnectionCallID', tag: 229, type: 'UINT', max: 4, since: 14 }, // v14 (§6)
      { name: 'COCCallConnectionDeviceIDType', tag: 230, type: 'USHORT', max: 2, since: 14 }, // v14 (§6)
      { name: 'COCCallConnectionDeviceID', tag: 231, type: 'STRING', max: 64, since: 14 }, // v14 (§6)
      { name: 'ProtocolReferenceGUID', tag: 294, type: 'STRING', max: 40, since: 24 }, // v24
      { name: 'CcaiConfigId', tag: 311, type: 'STRING', max: 40, since: 24 }, // v24
      { name: 'NumOfEnabledServices', tag: 310, type: 'USHORT', max: 2, since: 24 }, // v24
      // "USHORT×N, 2×N bytes": one field holding NumOfEnabledServices values, not N fields.
      { name: 'FltEnabledServices', tag: 309, type: 'USHORT_LIST', max: 64, countedBy: 'NumOfEnabledServices', since: 24 }, // v24
    ],
  },
  SNAPSHOT_DEVICE_REQ: {
    id: 84,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'SnapshotDeviceType', type: 'USHORT' }, // DeviceIDType for non-agent devices
    ],
    floating: [
      { name: 'AgentInstrument', tag: 6, type: 'STRING', max: 64 }, // device to snapshot
    ],
  },
  SNAPSHOT_DEVICE_CONF: {
    id: 85,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'NumCalls', type: 'USHORT' }, // ≤ 16
    ],
    floating: [
      { name: 'CallConnectionCallID', tag: 56, type: 'UINT', max: 4, repeated: true, group: 'CallConnectionCallID', countedBy: 'NumCalls' }, // ×NumCalls: CallID, DeviceIDType, DeviceID, CallState, SilentMonitorStatus adjacent
      { name: 'CallConnectionDeviceIDType', tag: 57, type: 'USHORT', max: 2, repeated: true, group: 'CallConnectionCallID' },
      { name: 'CallConnectionDeviceID', tag: 58, type: 'STRING', max: 64, repeated: true, group: 'CallConnectionCallID' },
      { name: 'CallState', tag: 75, type: 'USHORT', max: 2, repeated: true, group: 'CallConnectionCallID' }, // LocalConnectionState
      { name: 'SilentMonitorStatus', tag: 218, type: 'USHORT', max: 2, repeated: true, group: 'CallConnectionCallID' }, // 0 normal, 1 monitor initiator, 2 monitored target
    ],
  },
} as const satisfies MessageTable;
