import type { MessageTable } from '../message-def.js';

/**
 * Session management (ged188.md §2): open, heartbeat, close, failures, and the v24
 * active/standby hand-over (§2.11).
 */
export const SESSION_MESSAGES = {
  // §2.9 and §7 #1: the v24 HTML guide prints FAILURE_CONF with the
  // CONTROL_FAILURE_CONF layout; every other guide and peer uses InvokeID + Status.
  // We send the 8-byte form. The optional Text is the CCX dialect's.
  FAILURE_CONF: {
    id: 1,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'Status', type: 'UINT' },
    ],
    floating: [{ name: 'Text', tag: 7, type: 'STRING', max: 255 }],
  },
  FAILURE_EVENT: {
    id: 2,
    fixed: [{ name: 'Status', type: 'UINT' }],
    floating: [{ name: 'Text', tag: 7, type: 'STRING', max: 255 }],
  },
  OPEN_REQ: {
    id: 3,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'VersionNumber', type: 'UINT' },
      { name: 'IdleTimeout', type: 'UINT' }, // seconds; 0xFFFFFFFF = no heartbeats; < 20 rejected
      { name: 'PeripheralID', type: 'UINT' }, // required for CLIENT_EVENTS, else 0xFFFFFFFF
      { name: 'ServicesRequested', type: 'UINT' },
      { name: 'CallMsgMask', type: 'UINT' },
      { name: 'AgentStateMask', type: 'UINT' },
      { name: 'ConfigMsgMask', type: 'UINT' },
      { name: 'Reserved1', type: 'UINT' },
      { name: 'Reserved2', type: 'UINT' },
      { name: 'Reserved3', type: 'UINT' },
    ],
    // UniqueInstanceID (v24+) is left out until its tag number is confirmed (§7 #12);
    // an encoding that carries it decodes with the field kept as an unknown tag.
    floating: [
      { name: 'ClientID', tag: 1, type: 'STRING', max: 64, required: true },
      { name: 'ClientPassword', tag: 2, type: 'UNSPEC', max: 64, required: true }, // may be empty, never absent
      { name: 'ClientSignature', tag: 3, type: 'STRING', max: 64 },
      { name: 'AgentExtension', tag: 4, type: 'STRING', max: 16 },
      { name: 'AgentID', tag: 5, type: 'STRING', max: 12 },
      { name: 'AgentInstrument', tag: 6, type: 'STRING', max: 64 },
      { name: 'ApplicationPathID', tag: 97, type: 'INT', max: 4 },
    ],
  },
  OPEN_CONF: {
    id: 4,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'ServicesGranted', type: 'UINT' },
      { name: 'MonitorID', type: 'UINT' }, // 0 = none
      { name: 'PGStatus', type: 'UINT' },
      { name: 'ICMCentralControllerTime', type: 'TIME' },
      { name: 'PeripheralOnline', type: 'BOOL' },
      { name: 'PeripheralType', type: 'USHORT' },
      { name: 'AgentState', type: 'USHORT' }, // CLIENT_EVENTS only
      { name: 'DepartmentID', type: 'INT', since: 19 },
      { name: 'SessionType', type: 'USHORT', since: 24 }, // 0 unknown, 1 active, 2 standby
    ],
    floating: [
      { name: 'AgentExtension', tag: 4, type: 'STRING', max: 16 },
      { name: 'AgentID', tag: 5, type: 'STRING', max: 12 },
      { name: 'AgentInstrument', tag: 6, type: 'STRING', max: 64 },
      { name: 'NumPeripherals', tag: 228, type: 'USHORT', max: 2, since: 14 },
      { name: 'FltPeripheralID', tag: 208, type: 'UINT', max: 4, repeated: true, group: 'FltPeripheralID', countedBy: 'NumPeripherals', since: 14 },
      { name: 'MultilineAgentControl', tag: 224, type: 'USHORT', max: 2, repeated: true, group: 'FltPeripheralID', since: 14 },
    ],
  },
  HEARTBEAT_REQ: { id: 5, fixed: [{ name: 'InvokeID', type: 'UINT' }], floating: [] },
  HEARTBEAT_CONF: { id: 6, fixed: [{ name: 'InvokeID', type: 'UINT' }], floating: [] },
  CLOSE_REQ: {
    id: 7,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'Status', type: 'UINT' }, // 0 client's choice, 15 server offline, 16 server stopped answering
    ],
    floating: [],
  },
  CLOSE_CONF: { id: 8, fixed: [{ name: 'InvokeID', type: 'UINT' }], floating: [] },
  CONTROL_FAILURE_CONF: {
    id: 35,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'FailureCode', type: 'USHORT' }, // ControlFailureCode §5.13
      { name: 'PeripheralErrorCode', type: 'UINT' },
    ],
    floating: [{ name: 'CTIOSCILClientID', tag: 217, type: 'STRING', max: 64 }],
  },
  // §2.11 v24 active/standby. The bodies of 277 and 281 are not tabulated in the
  // guide (§7 #11): whatever a server puts there is kept as Trailing bytes.
  STANDBY_ACTIVE_EVENT_MSG: { id: 277, since: 24, fixed: [], floating: [], untabulatedBody: true },
  ACTIVE_MAINTENANCE_REQ_MSG: { id: 278, since: 24, fixed: [{ name: 'InvokeID', type: 'UINT' }], floating: [] },
  ACTIVE_MAINTENANCE_RESP_MSG: {
    id: 279,
    since: 24,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'MaintenanceModeAccepted', type: 'BOOL' },
    ],
    floating: [],
  },
  ACTIVE_MAINTENANCE_EVENT_MSG: { id: 280, since: 24, fixed: [{ name: 'Continue', type: 'BOOL' }], floating: [] },
  STOPPING_REQUESTS_TO_THIS_SIDE_IND: { id: 281, since: 24, fixed: [], floating: [], untabulatedBody: true },
} as const satisfies MessageTable;
