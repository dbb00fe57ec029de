import { AGENT_STATE, SYSTEM_EVENT_ID, enumName, isEventCauseNone, type Message, isNoneUint, CALL_TYPE, LOCAL_CONNECTION_STATE } from '../../../ged188/index.js';
import { CALL_VARIABLE_NAMES, type Call } from '../../../contract/calls.js';
import { connectionStateOf } from '../calls/call-identity.js';
import { agentObjectId, callObjectId, type AgentFields, type CallFields } from './monitor-events.js';

/**
 * GED-188 messages in CTI OS words: the field sets of agent and call events. Pure
 * functions of one message, so the order-dependent work (which call is new, which
 * ended) stays in the monitor's call registry.
 */

/** CTI OS's enumCTIOS_AgentState names (ctios.md §2.2); later GED-188 states keep the guide's name. */
const CTIOS_AGENT_STATE_NAMES: Readonly<Record<number, string>> = {
  [AGENT_STATE.LOGIN]: 'eLogin',
  [AGENT_STATE.LOGOUT]: 'eLogout',
  [AGENT_STATE.NOT_READY]: 'eNotReady',
  [AGENT_STATE.AVAILABLE]: 'eAvailable',
  [AGENT_STATE.TALKING]: 'eTalking',
  [AGENT_STATE.WORK_NOT_READY]: 'eWorkNotReady',
  [AGENT_STATE.WORK_READY]: 'eWorkReady',
  [AGENT_STATE.BUSY_OTHER]: 'eBusyOther',
  [AGENT_STATE.RESERVED]: 'eReserved',
  [AGENT_STATE.UNKNOWN]: 'eUnknown',
  [AGENT_STATE.HOLD]: 'eHold',
};

export function agentStateName(state: number): string {
  return CTIOS_AGENT_STATE_NAMES[state] ?? enumName(AGENT_STATE, state) ?? String(state);
}

/** OnAgentStateChange's fields from AGENT_STATE_EVENT; undefined when it names no agent. */
export function agentStateChangeFields(m: Message<'AGENT_STATE_EVENT'>): AgentFields | undefined {
  if (m.AgentID === undefined) return undefined;
  return {
    agentId: m.AgentID,
    uniqueObjectId: agentObjectId(m.PeripheralID, m.AgentID),
    peripheralId: m.PeripheralID,
    agentState: agentStateName(m.AgentState),
    ...(m.AgentExtension === undefined ? {} : { agentExtension: m.AgentExtension }),
    ...(m.AgentInstrument === undefined ? {} : { agentInstrument: m.AgentInstrument }),
    ...(isNoneUint(m.SkillGroupNumber) ? {} : { skillGroupNumber: m.SkillGroupNumber, skillGroupId: m.SkillGroupID }),
    eventReasonCode: m.EventReasonCode,
  };
}

/** OnQueryAgentStateConf's fields; the agent id is the one asked about when the answer leaves it out (logged out). */
export function queryAgentStateFields(m: Message<'QUERY_AGENT_STATE_CONF'>, peripheralId: number, askedFor: string): AgentFields {
  const agentId = m.AgentID ?? askedFor;
  return {
    agentId,
    uniqueObjectId: agentObjectId(peripheralId, agentId),
    peripheralId,
    agentState: agentStateName(m.AgentState),
    ...(m.AgentExtension === undefined ? {} : { agentExtension: m.AgentExtension }),
    ...(m.AgentInstrument === undefined ? {} : { agentInstrument: m.AgentInstrument }),
    skillGroups: m.SkillGroupNumber ?? [],
  };
}

/** The fields of any call event worth passing on; every other field is GED-188 plumbing. */
export function callEventFields(m: Message, peripheralId: number, connectionCallId: number): CallFields {
  const fields = m as unknown as Readonly<Record<string, unknown>>;
  const text = (name: string): string | undefined => (typeof fields[name] === 'string' ? (fields[name] as string) : undefined);
  const number = (name: string): number | undefined => (typeof fields[name] === 'number' ? (fields[name] as number) : undefined);
  const devices: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    // AlertingDeviceID, AnsweringDeviceID, HoldingDeviceID, …: who did what.
    if (name.endsWith('DeviceID') && name !== 'ConnectionDeviceID' && typeof value === 'string') devices[camel(name)] = value;
  }
  const variables = callVariablesOf(fields);
  const ecc = Object.fromEntries(((fields.NamedVariable ?? []) as { name: string; value: string }[]).map((v) => [v.name, v.value]));
  const lcs = number('LocalConnectionState');
  const cause = number('EventCause');
  const callType = number('CallType');
  const skillGroup = number('SkillGroupNumber');
  return {
    uniqueObjectId: callObjectId(peripheralId, connectionCallId),
    peripheralId,
    connectionCallId,
    ...optional('connectionDeviceId', text('ConnectionDeviceID')),
    ...optional('callType', callType === CALL_TYPE.NULL_CALLTYPE ? undefined : callType),
    ...optional('ani', text('ANI')),
    ...optional('dnis', text('DNIS')),
    ...optional('dialedNumber', text('DialedNumber')),
    ...(Object.keys(variables).length > 0 ? { callVariables: variables } : {}),
    ...(Object.keys(ecc).length > 0 ? { ecc } : {}),
    ...optional('connectionState', lcs === undefined ? undefined : connectionStateOf(lcs)),
    ...optional('eventCause', cause === undefined || isEventCauseNone(cause) ? undefined : cause),
    ...(Object.keys(devices).length > 0 ? { devices } : {}),
    ...optional('skillGroupNumber', skillGroup === undefined || isNoneUint(skillGroup) ? undefined : skillGroup),
  };
}

/** OnSnapshotCallConf's fields: the call's data and every party with its connection state. */
export function snapshotCallFields(m: Message<'SNAPSHOT_CALL_CONF'>, peripheralId: number, connectionCallId: number): CallFields {
  const devices = m.CallDeviceID ?? m.CallConnectionDeviceID ?? [];
  const states = m.CallDeviceConnectionState ?? [];
  return {
    ...callEventFields(m, peripheralId, connectionCallId),
    parties: devices.map((deviceId, i) => ({ deviceId, state: connectionStateOf(states[i] ?? LOCAL_CONNECTION_STATE.NONE) ?? 'none' })),
  };
}

function callVariablesOf(fields: Readonly<Record<string, unknown>>): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const name of CALL_VARIABLE_NAMES) {
    const value = fields[name];
    if (typeof value === 'string') variables[name.replace('CallVariable', '')] = value;
  }
  return variables;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** `AlertingDeviceID` → `alertingDeviceId`. */
function camel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1).replace(/ID$/, 'Id');
}

export function systemEventName(id: number): string {
  return enumName(SYSTEM_EVENT_ID, id) ?? `SYSTEM_EVENT_${id}`;
}

/** A call as the book last knew it, in event fields (OnCallEnd carries what the call was). */
export function callFieldsOf(call: Call): CallFields {
  const variables = Object.fromEntries(Object.entries(call.variables).map(([name, value]) => [name.replace('CallVariable', ''), value]));
  return {
    uniqueObjectId: callObjectId(call.peripheralId, call.connectionCallId),
    peripheralId: call.peripheralId,
    connectionCallId: call.connectionCallId,
    ...optional('callType', call.callType),
    ...optional('ani', call.ani),
    ...optional('dnis', call.dnis),
    ...optional('dialedNumber', call.dialedNumber),
    ...(Object.keys(variables).length > 0 ? { callVariables: variables } : {}),
    ...(Object.keys(call.ecc).length > 0 ? { ecc: call.ecc } : {}),
    parties: call.connections.map((c) => ({ deviceId: c.deviceId, state: c.state })),
  };
}
