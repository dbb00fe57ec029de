import type { MessageTable } from '../message-def.js';

/**
 * User messages, supervisor assist and emergency calls, supervisor actions, monitors and client event reports.
 * Transcribed from ged188.md §4 (the v25 guide's tables), fields in the guide's order;
 * a field's comment is the guide's note. Fixed body sizes are checked by a unit test.
 */
export const SUPERVISOR_MESSAGES = {
  USER_MESSAGE_REQ: {
    id: 107,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' }, // required for TO_SUPERVISOR/TO_TEAM by ALL_EVENTS/PERIPHERAL_MONITOR clients
      { name: 'Distribution', type: 'USHORT' }, // 0 to client, 1 to supervisor, 2 to team, 3 to all
    ],
    floating: [
      { name: 'ClientID', tag: 1, type: 'STRING', max: 64 }, // recipient, required for DISTRIBUTE_TO_CLIENT
      { name: 'AgentExtension', tag: 4, type: 'STRING', max: 16 },
      { name: 'AgentID', tag: 5, type: 'STRING', max: 12 },
      { name: 'AgentInstrument', tag: 6, type: 'STRING', max: 64 },
      { name: 'Text', tag: 7, type: 'STRING', max: 255 }, // message text
    ],
  },
  USER_MESSAGE_EVENT: {
    id: 109,
    fixed: [
      { name: 'ICMCentralControllerTime', type: 'TIME' },
      { name: 'Distribution', type: 'USHORT' },
    ],
    floating: [
      { name: 'ClientID', tag: 1, type: 'STRING', max: 64 }, // sender
      { name: 'Text', tag: 7, type: 'STRING', max: 255 },
    ],
  },
  SUPERVISOR_ASSIST_REQ: {
    id: 118,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'ConnectionCallID', type: 'UINT' }, // 0xFFFFFFFF if no related call
      { name: 'ConnectionDeviceIDType', type: 'USHORT' },
    ],
    floating: [
      { name: 'ConnectionDeviceID', tag: 25, type: 'STRING', max: 64 },
      { name: 'AgentExtension', tag: 4, type: 'STRING', max: 16 },
      { name: 'AgentID', tag: 5, type: 'STRING', max: 12 },
      { name: 'AgentInstrument', tag: 6, type: 'STRING', max: 64 },
    ],
  },
  EMERGENCY_CALL_REQ: {
    id: 121,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'ConnectionCallID', type: 'UINT' }, // 0xFFFFFFFF if no related call
      { name: 'ConnectionDeviceIDType', type: 'USHORT' },
    ],
    floating: [
      { name: 'ConnectionDeviceID', tag: 25, type: 'STRING', max: 64 },
      { name: 'AgentExtension', tag: 4, type: 'STRING', max: 16 },
      { name: 'AgentID', tag: 5, type: 'STRING', max: 12 },
      { name: 'AgentInstrument', tag: 6, type: 'STRING', max: 64 },
    ],
  },
  EMERGENCY_CALL_EVENT: {
    id: 123,
    fixed: [
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'ConnectionCallID', type: 'UINT' },
      { name: 'ConnectionDeviceIDType', type: 'USHORT' },
      { name: 'SessionID', type: 'UINT' }, // session of the notifying client
    ],
    floating: [
      { name: 'ConnectionDeviceID', tag: 25, type: 'STRING', max: 64 },
      { name: 'ClientID', tag: 1, type: 'STRING', max: 64 },
      { name: 'ClientAddress', tag: 81, type: 'STRING', max: 64 },
      { name: 'AgentExtension', tag: 4, type: 'STRING', max: 16 },
      { name: 'AgentID', tag: 5, type: 'STRING', max: 12 },
      { name: 'AgentInstrument', tag: 6, type: 'STRING', max: 64 },
    ],
  },
  // The guide lists SUPERVISOR_ASSIST_EVENT (120) but tabulates no body for it
  // (ged188.md §7 #11), so the codec presents no fields it would have to guess:
  // the whole body is kept as Trailing bytes and sent back byte for byte. Readers
  // that want more interpret those bytes themselves and say so (the supervisor
  // desk reads them as the EMERGENCY_CALL_EVENT layout the simulator sends).
  SUPERVISOR_ASSIST_EVENT: { id: 120, fixed: [], floating: [], untabulatedBody: true },
  SUPERVISE_CALL_REQ: {
    id: 124,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'AgentConnectionCallID', type: 'UINT' }, // 0xFFFFFFFF = agent's current call
      { name: 'SupervisorConnectionCallID', type: 'UINT' }, // 0xFFFFFFFF if supervisor has no call
      { name: 'AgentConnectionDeviceIDType', type: 'USHORT' },
      { name: 'SupervisorConnectionDeviceIDType', type: 'USHORT' },
      { name: 'SupervisoryAction', type: 'USHORT' }, // 0 clear, 1 monitor, 2 whisper, 3 barge-in, 4 intercept
    ],
    floating: [
      { name: 'AgentConnectionDeviceID', tag: 90, type: 'STRING', max: 64 },
      { name: 'SupervisorConnectionDeviceID', tag: 91, type: 'STRING', max: 64 },
      { name: 'AgentExtension', tag: 4, type: 'STRING', max: 16 },
      { name: 'AgentID', tag: 5, type: 'STRING', max: 12 },
      { name: 'AgentInstrument', tag: 6, type: 'STRING', max: 64 },
      { name: 'SupervisorInstrument', tag: 85, type: 'STRING', max: 64 }, // required for ALL_EVENTS/PERIPHERAL_MONITOR clients
    ],
  },
  MONITOR_START_REQ: {
    id: 93,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'ConnectionCallID', type: 'UINT' }, // 0 for a device monitor
      { name: 'CallMsgMask', type: 'UINT' },
      { name: 'AgentStateMask', type: 'UINT' },
      { name: 'ConnectionDeviceIDType', type: 'USHORT' }, // CONNECTION_ID_NONE for device monitor
      { name: 'MonitoredDeviceType', type: 'USHORT' }, // DEVID_NONE for call monitor
    ],
    floating: [
      { name: 'ConnectionDeviceID', tag: 25, type: 'STRING', max: 64 }, // call monitor
      { name: 'MonitoredDeviceID', tag: 76, type: 'STRING', max: 64 }, // device monitor
    ],
  },
  CLIENT_EVENT_REPORT_REQ: {
    id: 32,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'State', type: 'USHORT' }, // 0 normal, 1 warning, 2 error
    ],
    floating: [
      { name: 'ObjectName', tag: 66, type: 'STRING', max: 128 }, // alarm object (created if absent)
      { name: 'Text', tag: 7, type: 'STRING', max: 255 },
    ],
  },
} as const satisfies MessageTable;
