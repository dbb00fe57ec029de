import type { MessageTable } from '../message-def.js';

/**
 * Confirmations the guide describes in prose next to their requests (ged188.md §4):
 * the bare acknowledgements (InvokeID only) and those that return a new connection.
 */
export const REPLY_MESSAGES = {
  SET_CALL_DATA_CONF: { id: 27, fixed: [{ name: 'InvokeID', type: 'UINT' }], floating: [] },
  RELEASE_CALL_CONF: { id: 29, fixed: [{ name: 'InvokeID', type: 'UINT' }], floating: [] },
  CLIENT_EVENT_REPORT_CONF: { id: 33, fixed: [{ name: 'InvokeID', type: 'UINT' }], floating: [] },
  ALTERNATE_CALL_CONF: { id: 41, fixed: [{ name: 'InvokeID', type: 'UINT' }], floating: [] },
  ANSWER_CALL_CONF: { id: 43, fixed: [{ name: 'InvokeID', type: 'UINT' }], floating: [] },
  CLEAR_CALL_CONF: { id: 45, fixed: [{ name: 'InvokeID', type: 'UINT' }], floating: [] },
  CLEAR_CONNECTION_CONF: { id: 47, fixed: [{ name: 'InvokeID', type: 'UINT' }], floating: [] },
  DEFLECT_CALL_CONF: { id: 53, fixed: [{ name: 'InvokeID', type: 'UINT' }], floating: [] },
  HOLD_CALL_CONF: { id: 55, fixed: [{ name: 'InvokeID', type: 'UINT' }], floating: [] },
  RECONNECT_CALL_CONF: { id: 61, fixed: [{ name: 'InvokeID', type: 'UINT' }], floating: [] },
  RETRIEVE_CALL_CONF: { id: 63, fixed: [{ name: 'InvokeID', type: 'UINT' }], floating: [] },
  SEND_DTMF_SIGNAL_CONF: { id: 92, fixed: [{ name: 'InvokeID', type: 'UINT' }], floating: [] },
  MONITOR_STOP_CONF: { id: 96, fixed: [{ name: 'InvokeID', type: 'UINT' }], floating: [] },
  CHANGE_MONITOR_MASK_CONF: { id: 98, fixed: [{ name: 'InvokeID', type: 'UINT' }], floating: [] },
  SESSION_MONITOR_STOP_CONF: { id: 104, fixed: [{ name: 'InvokeID', type: 'UINT' }], floating: [] },
  USER_MESSAGE_CONF: { id: 108, fixed: [{ name: 'InvokeID', type: 'UINT' }], floating: [] },
  MONITOR_AGENT_TEAM_STOP_CONF: { id: 138, fixed: [{ name: 'InvokeID', type: 'UINT' }], floating: [] },
  BAD_CALL_CONF: { id: 140, fixed: [{ name: 'InvokeID', type: 'UINT' }], floating: [] },
  SET_DEVICE_ATTRIBUTES_CONF: { id: 142, fixed: [{ name: 'InvokeID', type: 'UINT' }], floating: [] },
  UNREGISTER_SERVICE_CONF: { id: 146, fixed: [{ name: 'InvokeID', type: 'UINT' }], floating: [] },
  AGENT_GREETING_CONTROL_RESP: { id: 250, since: 15, fixed: [{ name: 'InvokeID', type: 'UINT' }], floating: [] },
  // "Reply MAKE_CALL_CONF (57): InvokeID UINT, NewConnectionCallID UINT, NewConnectionDeviceIDType
  // USHORT, LineHandle USHORT, LineType USHORT; floating NewConnectionDeviceID (47) STRING 64."
  MAKE_CALL_CONF: {
    id: 57,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'NewConnectionCallID', type: 'UINT' },
      { name: 'NewConnectionDeviceIDType', type: 'USHORT' },
      { name: 'LineHandle', type: 'USHORT' },
      { name: 'LineType', type: 'USHORT' },
    ],
    floating: [{ name: 'NewConnectionDeviceID', tag: 47, type: 'STRING', max: 64 }],
  },
  CONSULTATION_CALL_CONF: {
    id: 51,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'NewConnectionCallID', type: 'UINT' },
      { name: 'NewConnectionDeviceIDType', type: 'USHORT' },
      { name: 'LineHandle', type: 'USHORT' },
      { name: 'LineType', type: 'USHORT' },
    ],
    floating: [{ name: 'NewConnectionDeviceID', tag: 47, type: 'STRING', max: 64 }],
  },
  // "floating NewConnectionDeviceID (47) + NumParties × (ConnectedPartyCallID 39,
  // ConnectedPartyDeviceIDType 40, ConnectedPartyDeviceID 41)"; CONFERENCE_CALL_CONF is the same.
  TRANSFER_CALL_CONF: {
    id: 65,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'NewConnectionCallID', type: 'UINT' },
      { name: 'NewConnectionDeviceIDType', type: 'USHORT' },
      { name: 'NumParties', type: 'USHORT' },
      { name: 'LineHandle', type: 'USHORT' },
      { name: 'LineType', type: 'USHORT' },
    ],
    floating: [
      { name: 'NewConnectionDeviceID', tag: 47, type: 'STRING', max: 64 },
      { name: 'ConnectedPartyCallID', tag: 39, type: 'UINT', max: 4, repeated: true, group: 'ConnectedPartyCallID', countedBy: 'NumParties' },
      { name: 'ConnectedPartyDeviceIDType', tag: 40, type: 'USHORT', max: 2, repeated: true, group: 'ConnectedPartyCallID' },
      { name: 'ConnectedPartyDeviceID', tag: 41, type: 'STRING', max: 64, repeated: true, group: 'ConnectedPartyCallID' },
    ],
  },
  CONFERENCE_CALL_CONF: {
    id: 49,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'NewConnectionCallID', type: 'UINT' },
      { name: 'NewConnectionDeviceIDType', type: 'USHORT' },
      { name: 'NumParties', type: 'USHORT' },
      { name: 'LineHandle', type: 'USHORT' },
      { name: 'LineType', type: 'USHORT' },
    ],
    floating: [
      { name: 'NewConnectionDeviceID', tag: 47, type: 'STRING', max: 64 },
      { name: 'ConnectedPartyCallID', tag: 39, type: 'UINT', max: 4, repeated: true, group: 'ConnectedPartyCallID', countedBy: 'NumParties' },
      { name: 'ConnectedPartyDeviceIDType', tag: 40, type: 'USHORT', max: 2, repeated: true, group: 'ConnectedPartyCallID' },
      { name: 'ConnectedPartyDeviceID', tag: 41, type: 'STRING', max: 64, repeated: true, group: 'ConnectedPartyCallID' },
    ],
  },
  SUPERVISOR_ASSIST_CONF: {
    id: 119,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'ConnectionCallID', type: 'UINT' },
      { name: 'ConnectionDeviceIDType', type: 'USHORT' },
      { name: 'LineHandle', type: 'USHORT' },
      { name: 'LineType', type: 'USHORT' },
    ],
    floating: [{ name: 'ConnectionDeviceID', tag: 25, type: 'STRING', max: 64 }],
  },
  EMERGENCY_CALL_CONF: {
    id: 122,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'ConnectionCallID', type: 'UINT' },
      { name: 'ConnectionDeviceIDType', type: 'USHORT' },
      { name: 'LineHandle', type: 'USHORT' },
      { name: 'LineType', type: 'USHORT' },
    ],
    floating: [{ name: 'ConnectionDeviceID', tag: 25, type: 'STRING', max: 64 }],
  },
  SUPERVISE_CALL_CONF: {
    id: 125,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'ConnectionCallID', type: 'UINT' },
      { name: 'ConnectionDeviceIDType', type: 'USHORT' },
    ],
    floating: [{ name: 'ConnectionDeviceID', tag: 25, type: 'STRING', max: 64 }],
  },
  MONITOR_START_CONF: {
    id: 94,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'MonitorID', type: 'UINT' },
    ],
    floating: [],
  },
  MONITOR_STOP_REQ: {
    id: 95,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'MonitorID', type: 'UINT' },
    ],
    floating: [],
  },
  CHANGE_MONITOR_MASK_REQ: {
    id: 97,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'MonitorID', type: 'UINT' },
      { name: 'CallMsgMask', type: 'UINT' },
      { name: 'AgentStateMask', type: 'UINT' },
    ],
    floating: [],
  },
} as const satisfies MessageTable;
