import { AGENT_STATE, AGENT_WORK_MODE, DISTRIBUTION, SUPERVISORY_ACTION, type Message, NONE_UINT, DEVICE_ID_TYPE } from '../../../ged188/index.js';
import type { AgentIdentity } from '../../../contract/index.js';
import { ALL_CALL_EVENTS } from '../agent/agent-requests.js';

/**
 * The GED-188 requests of supervisors, help calls, chat and statistics (ged188.md §4).
 * Pure: nothing here sends; CtiSession sets the real InvokeID.
 */

const NO_INVOKE = 0;

/** SET_AGENT_STATE_REQ naming a team member (Make Ready, Logout by a supervisor). */
export function setMemberState(peripheralId: number, agentId: string, state: number, reasonCode = 0): Message<'SET_AGENT_STATE_REQ'> {
  return {
    MessageType: 'SET_AGENT_STATE_REQ',
    InvokeID: NO_INVOKE,
    PeripheralID: peripheralId,
    AgentState: state,
    AgentWorkMode: AGENT_WORK_MODE.AWM_UNSPECIFIED,
    NumSkillGroups: 0,
    EventReasonCode: state === AGENT_STATE.LOGOUT || state === AGENT_STATE.NOT_READY ? reasonCode : 0,
    ForcedFlag: 0,
    AgentServiceReq: 0,
    AgentID: agentId,
  };
}

export type SupervisorAction = 'barge-in' | 'intercept' | 'monitor' | 'clear';

const ACTIONS: Readonly<Record<SupervisorAction, number>> = {
  'barge-in': SUPERVISORY_ACTION.BARGE_IN,
  intercept: SUPERVISORY_ACTION.INTERCEPT,
  monitor: SUPERVISORY_ACTION.MONITOR,
  clear: SUPERVISORY_ACTION.CLEAR,
};

/** SUPERVISE_CALL_REQ on a member's call: its current call unless `agentCallId` names one. */
export function superviseCall(peripheralId: number, action: SupervisorAction, agentId: string, agentCallId?: number): Message<'SUPERVISE_CALL_REQ'> {
  return {
    MessageType: 'SUPERVISE_CALL_REQ',
    InvokeID: NO_INVOKE,
    PeripheralID: peripheralId,
    AgentConnectionCallID: agentCallId ?? NONE_UINT,
    SupervisorConnectionCallID: NONE_UINT,
    AgentConnectionDeviceIDType: DEVICE_ID_TYPE.NONE,
    SupervisorConnectionDeviceIDType: DEVICE_ID_TYPE.NONE,
    SupervisoryAction: ACTIONS[action],
    AgentID: agentId,
  };
}

/** SUPERVISOR_ASSIST_REQ or EMERGENCY_CALL_REQ from the agent, about one of its calls or none. */
export function callForHelp(kind: 'assist' | 'emergency', identity: AgentIdentity, connectionCallId?: number): Message<'SUPERVISOR_ASSIST_REQ'> | Message<'EMERGENCY_CALL_REQ'> {
  const fields = {
    InvokeID: NO_INVOKE,
    PeripheralID: identity.peripheralId,
    ConnectionCallID: connectionCallId ?? NONE_UINT,
    ConnectionDeviceIDType: connectionCallId === undefined ? DEVICE_ID_TYPE.NONE : 0,
    ...(connectionCallId === undefined ? {} : { ConnectionDeviceID: identity.instrument }),
    AgentInstrument: identity.instrument,
  };
  return kind === 'assist' ? { MessageType: 'SUPERVISOR_ASSIST_REQ', ...fields } : { MessageType: 'EMERGENCY_CALL_REQ', ...fields };
}

/** USER_MESSAGE_REQ: to one client (by agent id), the sender's supervisor(s) or team. */
export function userMessage(identity: AgentIdentity, to: string, text: string): Message<'USER_MESSAGE_REQ'> {
  const distribution = to === 'supervisor' ? DISTRIBUTION.SUPERVISOR : to === 'team' ? DISTRIBUTION.TEAM : DISTRIBUTION.CLIENT;
  return {
    MessageType: 'USER_MESSAGE_REQ',
    InvokeID: NO_INVOKE,
    PeripheralID: identity.peripheralId,
    Distribution: distribution,
    ...(distribution === DISTRIBUTION.CLIENT ? { ClientID: to } : {}),
    Text: text,
  };
}

export function queryAgentStatistics(identity: AgentIdentity): Message<'QUERY_AGENT_STATISTICS_REQ'> {
  return { MessageType: 'QUERY_AGENT_STATISTICS_REQ', InvokeID: NO_INVOKE, PeripheralID: identity.peripheralId, AgentInstrument: identity.instrument };
}

export function querySkillGroupStatistics(peripheralId: number, skillGroupNumber: number): Message<'QUERY_SKILL_GROUP_STATISTICS_REQ'> {
  return { MessageType: 'QUERY_SKILL_GROUP_STATISTICS_REQ', InvokeID: NO_INVOKE, PeripheralID: peripheralId, SkillGroupNumber: skillGroupNumber, SkillGroupID: NONE_UINT };
}

/** QUERY_AGENT_STATE_REQ naming a team member by id: its instrument, while it is logged in. */
export function queryMemberState(peripheralId: number, agentId: string): Message<'QUERY_AGENT_STATE_REQ'> {
  return { MessageType: 'QUERY_AGENT_STATE_REQ', InvokeID: NO_INVOKE, PeripheralID: peripheralId, MRDID: 1, ICMAgentID: -1, AgentID: agentId };
}

/** MONITOR_START_REQ: a device monitor on a member's phone, its call events and its agent's states. */
export function monitorDevice(peripheralId: number, instrument: string): Message<'MONITOR_START_REQ'> {
  return {
    MessageType: 'MONITOR_START_REQ',
    InvokeID: NO_INVOKE,
    PeripheralID: peripheralId,
    ConnectionCallID: 0,
    CallMsgMask: ALL_CALL_EVENTS,
    AgentStateMask: 0x3fff,
    ConnectionDeviceIDType: DEVICE_ID_TYPE.NONE,
    MonitoredDeviceType: 0,
    MonitoredDeviceID: instrument,
  };
}

export function stopMonitor(monitorId: number): Message<'MONITOR_STOP_REQ'> {
  return { MessageType: 'MONITOR_STOP_REQ', InvokeID: NO_INVOKE, MonitorID: monitorId };
}

/** SNAPSHOT_DEVICE_REQ for a member's phone: the calls it is on when the watch starts. */
export function snapshotMemberDevice(peripheralId: number, instrument: string): Message<'SNAPSHOT_DEVICE_REQ'> {
  return { MessageType: 'SNAPSHOT_DEVICE_REQ', InvokeID: NO_INVOKE, PeripheralID: peripheralId, SnapshotDeviceType: DEVICE_ID_TYPE.NONE, AgentInstrument: instrument };
}
