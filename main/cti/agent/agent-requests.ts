import {
  AGENT_STATE,
  AGENT_WORK_MODE,
  CALL_MANNER_TYPE,
  CALL_MSG_MASK,
  CALL_PLACEMENT_TYPE,
  CALL_TYPE,
  CONNECTION_DEVICE_ID_TYPE,
  CONSULT_TYPE,
  DEVICE_ID_TYPE,
  NONE_UINT,
  SERVICE,
  type Message,
  type NamedArrayElement,
  type NamedVariable,
} from '../../../ged188/index.js';
import type { AgentIdentity, CallVariables } from '../../../contract/index.js';
import type { ConnectionIdentity } from '../calls/index.js';
import type { OpenParameters } from '../session-machine.js';

/**
 * The GED-188 requests agent mode sends, built from who the agent is and which
 * call they act on. Pure: nothing here sends; every fixed field gets the value the
 * guide gives for "not used" so the server never reads garbage.
 */

export const ALL_CALL_EVENTS = Object.values(CALL_MSG_MASK)
  .filter((bit) => bit <= CALL_MSG_MASK.CALL_DEQUEUED)
  .reduce((mask, bit) => mask | bit, 0);

/**
 * OPEN_REQ for an agent's desktop: its events, call control and call data (ged188.md §2.2);
 * a supervisor's also asks for the SUPERVISOR service and its teams' configuration, and
 * PERIPHERAL_MONITOR to watch a member's phone (MONITOR_START_REQ).
 */
export function agentOpenParameters(identity: AgentIdentity, supervisor = false): OpenParameters {
  return {
    servicesRequested: SERVICE.CLIENT_EVENTS | SERVICE.CALL_DATA_UPDATE | SERVICE.CLIENT_CONTROL | (supervisor ? SERVICE.SUPERVISOR | SERVICE.PERIPHERAL_MONITOR : 0),
    peripheralId: identity.peripheralId,
    callMsgMask: ALL_CALL_EVENTS | (supervisor ? CALL_MSG_MASK.AGENT_TEAM_CONFIG : 0),
    agentStateMask: 0x3fff,
    agentId: identity.agentId,
    agentInstrument: identity.instrument,
  };
}

const NO_INVOKE = 0; // CtiSession sets the real InvokeID.

export interface StateChange {
  readonly state: number;
  readonly reasonCode?: number;
  readonly password?: string;
  /** At login only: Ready by itself after each call (`autoIn`) or when the agent says (`manualIn`). */
  readonly workMode?: 'autoIn' | 'manualIn';
}

const WORK_MODES = { autoIn: AGENT_WORK_MODE.AWM_AUTO_IN, manualIn: AGENT_WORK_MODE.AWM_MANUAL_IN } as const;

export function setAgentState(identity: AgentIdentity, change: StateChange): Message<'SET_AGENT_STATE_REQ'> {
  const login = change.state === AGENT_STATE.LOGIN;
  const logout = change.state === AGENT_STATE.LOGOUT;
  return {
    MessageType: 'SET_AGENT_STATE_REQ',
    InvokeID: NO_INVOKE,
    PeripheralID: identity.peripheralId,
    AgentState: change.state,
    AgentWorkMode: login && change.workMode ? WORK_MODES[change.workMode] : AGENT_WORK_MODE.AWM_UNSPECIFIED,
    NumSkillGroups: 0,
    EventReasonCode: change.reasonCode ?? 0,
    ForcedFlag: 0,
    AgentServiceReq: 0,
    AgentInstrument: identity.instrument,
    ...(login || logout ? { AgentID: identity.agentId } : {}),
    ...(change.password !== undefined ? { AgentPassword: change.password } : {}),
    ...(login && identity.position !== undefined ? { PositionID: identity.position } : {}),
  };
}

export function queryAgentState(identity: AgentIdentity): Message<'QUERY_AGENT_STATE_REQ'> {
  return {
    MessageType: 'QUERY_AGENT_STATE_REQ',
    InvokeID: NO_INVOKE,
    PeripheralID: identity.peripheralId,
    MRDID: 1,
    ICMAgentID: -1, // 0xFFFFFFFF as an INT: "identified by the floating fields"
    AgentInstrument: identity.instrument,
  };
}

export function snapshotDevice(identity: AgentIdentity): Message<'SNAPSHOT_DEVICE_REQ'> {
  return { MessageType: 'SNAPSHOT_DEVICE_REQ', InvokeID: NO_INVOKE, PeripheralID: identity.peripheralId, SnapshotDeviceType: DEVICE_ID_TYPE.NONE, AgentInstrument: identity.instrument };
}

export function snapshotCall(call: ConnectionIdentity): Message<'SNAPSHOT_CALL_REQ'> {
  return {
    MessageType: 'SNAPSHOT_CALL_REQ',
    InvokeID: NO_INVOKE,
    PeripheralID: call.peripheralId,
    ConnectionCallID: call.connectionCallId,
    ConnectionDeviceIDType: call.connectionDeviceIdType,
    ConnectionDeviceID: call.connectionDeviceId,
  };
}

/** The request that acts on one call with one connection (answer, hold, hang up, DTMF). */
export type SingleCallAction = 'answer' | 'release' | 'hold' | 'retrieve';

export function singleCallRequest(action: SingleCallAction, call: ConnectionIdentity, instrument: string): Message {
  const connection = { PeripheralID: call.peripheralId, InvokeID: NO_INVOKE };
  switch (action) {
    case 'answer':
      return { MessageType: 'ANSWER_CALL_REQ', ...connection, ConnectionCallID: call.connectionCallId, ConnectionDeviceIDType: call.connectionDeviceIdType, ConnectionDeviceID: call.connectionDeviceId, AgentInstrument: instrument };
    case 'release':
      return {
        MessageType: 'CLEAR_CONNECTION_REQ',
        ...connection,
        ConnectionCallID: call.connectionCallId,
        ConnectionDeviceIDType: call.connectionDeviceIdType,
        RequestingDeviceIDType: DEVICE_ID_TYPE.NONE,
        ConnectionDeviceID: call.connectionDeviceId,
        AgentInstrument: instrument,
      };
    case 'hold':
      return { MessageType: 'HOLD_CALL_REQ', ...connection, ConnectionCallID: call.connectionCallId, ConnectionDeviceIDType: call.connectionDeviceIdType, Reservation: false, ConnectionDeviceID: call.connectionDeviceId, AgentInstrument: instrument };
    case 'retrieve':
      return { MessageType: 'RETRIEVE_CALL_REQ', ...connection, HeldConnectionCallID: call.connectionCallId, HeldConnectionDeviceIDType: call.connectionDeviceIdType, HeldConnectionDeviceID: call.connectionDeviceId, AgentInstrument: instrument };
  }
}

/** Alternate and Reconnect name the active call and the held one. */
export function twoCallRequest(action: 'alternate' | 'reconnect', active: ConnectionIdentity, held: ConnectionIdentity, instrument: string): Message {
  const fields = {
    InvokeID: NO_INVOKE,
    PeripheralID: active.peripheralId,
    ActiveConnectionCallID: active.connectionCallId,
    ActiveConnectionDeviceIDType: active.connectionDeviceIdType,
    ActiveConnectionDeviceID: active.connectionDeviceId,
    AgentInstrument: instrument,
  };
  return action === 'alternate'
    ? { MessageType: 'ALTERNATE_CALL_REQ', ...fields, OtherConnectionCallID: held.connectionCallId, OtherConnectionDeviceIDType: held.connectionDeviceIdType, OtherConnectionDeviceID: held.connectionDeviceId }
    : { MessageType: 'RECONNECT_CALL_REQ', ...fields, HeldConnectionCallID: held.connectionCallId, HeldConnectionDeviceIDType: held.connectionDeviceIdType, HeldConnectionDeviceID: held.connectionDeviceId };
}

const PLACEMENT = {
  CallPlacementType: CALL_PLACEMENT_TYPE.UNSPECIFIED,
  CallMannerType: CALL_MANNER_TYPE.UNSPECIFIED,
  AlertRings: 0,
  CallOption: 0,
  FacilityType: 0,
  AnsweringMachine: 0,
  Priority: false,
  PostRoute: false,
  NumNamedVariables: 0,
  NumNamedArrays: 0,
} as const;

export function makeCall(identity: AgentIdentity, dialedNumber: string): Message<'MAKE_CALL_REQ'> {
  return { MessageType: 'MAKE_CALL_REQ', InvokeID: NO_INVOKE, PeripheralID: identity.peripheralId, ...PLACEMENT, SkillGroupNumber: NONE_UINT, AgentInstrument: identity.instrument, DialedNumber: dialedNumber };
}

export function consult(active: ConnectionIdentity, dialedNumber: string, kind: 'transfer' | 'conference', instrument: string): Message<'CONSULTATION_CALL_REQ'> {
  return {
    MessageType: 'CONSULTATION_CALL_REQ',
    InvokeID: NO_INVOKE,
    PeripheralID: active.peripheralId,
    ActiveConnectionCallID: active.connectionCallId,
    ActiveConnectionDeviceIDType: active.connectionDeviceIdType,
    ...PLACEMENT,
    ConsultType: kind === 'transfer' ? CONSULT_TYPE.TRANSFER : CONSULT_TYPE.CONFERENCE,
    ActiveConnectionDeviceID: active.connectionDeviceId,
    DialedNumber: dialedNumber,
    AgentInstrument: instrument,
  };
}

/**
 * Transfer or conference: `held` is the original call, `active` the consult call;
 * for single-step, `held` is absent and `dialedNumber` names where the call goes.
 */
export function complete(
  kind: 'transfer' | 'conference',
  active: ConnectionIdentity,
  held: ConnectionIdentity | undefined,
  instrument: string,
  dialedNumber?: string,
): Message {
  const fields = {
    InvokeID: NO_INVOKE,
    PeripheralID: active.peripheralId,
    ActiveConnectionCallID: active.connectionCallId,
    HeldConnectionCallID: held?.connectionCallId ?? NONE_UINT,
    ActiveConnectionDeviceIDType: active.connectionDeviceIdType,
    HeldConnectionDeviceIDType: held?.connectionDeviceIdType ?? CONNECTION_DEVICE_ID_TYPE.NONE,
    ...PLACEMENT,
    ActiveConnectionDeviceID: active.connectionDeviceId,
    ...(held ? { HeldConnectionDeviceID: held.connectionDeviceId } : {}),
    AgentInstrument: instrument,
    ...(dialedNumber !== undefined ? { DialedNumber: dialedNumber } : {}),
  };
  return kind === 'transfer' ? { MessageType: 'TRANSFER_CALL_REQ', ...fields } : { MessageType: 'CONFERENCE_CALL_REQ', ...fields };
}

export function sendDtmf(call: ConnectionIdentity, digits: string, instrument: string): Message<'SEND_DTMF_SIGNAL_REQ'> {
  return {
    MessageType: 'SEND_DTMF_SIGNAL_REQ',
    InvokeID: NO_INVOKE,
    PeripheralID: call.peripheralId,
    ConnectionCallID: call.connectionCallId,
    ConnectionDeviceIDType: call.connectionDeviceIdType,
    ToneDuration: 0,
    PauseDuration: 0,
    ConnectionDeviceID: call.connectionDeviceId,
    DTMFString: digits,
    AgentInstrument: instrument,
  };
}

/** What a SET_CALL_DATA_REQ carries: only changed items, never a variable it did not mean to touch. */
export interface CallDataChanges {
  readonly variables?: CallVariables;
  readonly ecc?: Readonly<Record<string, string>>;
  readonly wrapup?: string;
}

export function setCallData(call: ConnectionIdentity, changes: CallDataChanges): Message<'SET_CALL_DATA_REQ'> {
  const ecc: NamedVariable[] = Object.entries(changes.ecc ?? {}).map(([name, value]) => ({ name, value }));
  const arrays: NamedArrayElement[] = [];
  return {
    MessageType: 'SET_CALL_DATA_REQ',
    InvokeID: NO_INVOKE,
    PeripheralID: call.peripheralId,
    ConnectionDeviceIDType: call.connectionDeviceIdType,
    ConnectionCallID: call.connectionCallId,
    NumNamedVariables: ecc.length,
    NumNamedArrays: arrays.length,
    CallType: CALL_TYPE.NULL_CALLTYPE,
    CalledPartyDisposition: 0,
    CampaignID: 0,
    QueryRuleID: 0,
    ConnectionDeviceID: call.connectionDeviceId,
    ...changes.variables,
    ...(changes.wrapup !== undefined ? { CallWrapupData: changes.wrapup } : {}),
    ...(ecc.length > 0 ? { NamedVariable: ecc } : {}),
  };
}

export function releaseCall(call: ConnectionIdentity): Message<'RELEASE_CALL_REQ'> {
  return {
    MessageType: 'RELEASE_CALL_REQ',
    InvokeID: NO_INVOKE,
    PeripheralID: call.peripheralId,
    ConnectionDeviceIDType: call.connectionDeviceIdType,
    ConnectionCallID: call.connectionCallId,
    ConnectionDeviceID: call.connectionDeviceId,
  };
}
