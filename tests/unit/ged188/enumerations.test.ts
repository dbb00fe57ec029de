import { describe, expect, expectTypeOf, it } from 'vitest';
import * as enumerations from '../../../ged188/enumerations.js';
import {
  AGENT_STATE,
  AGENT_STATE_MASK,
  CALL_MSG_MASK,
  CALL_TYPE,
  CONTROL_FAILURE_CODE,
  ENUMERATIONS,
  EVENT_CAUSE,
  LIMITS,
  PERIPHERAL_TYPE,
  PG_STATUS,
  SERVICE,
  STATUS,
  describeValue,
  enumName,
  guideName,
  isEventCauseNone,
  lookupName,
  maskNames,
  type EnumTable,
  type EnumerationKey,
} from '../../../ged188/enumerations.js';
import * as ged188 from '../../../ged188/index.js';
import { SESSION_TYPE, statusName } from '../../../ged188/constants.js';

/**
 * Values checked against ged188.md, by registry key. The Record type makes every registry
 * key appear here. A name of `undefined` asserts the value is NOT defined (used for gaps and
 * for the tables with only two entries).
 */
const SPOT_CHECKS: Record<EnumerationKey, readonly (readonly [number, string | undefined])[]> = {
  ServicesMask: [[0x1, 'CLIENT_EVENTS'], [0x80, 'SUPERVISOR'], [0x2000, 'AGENT_STATE_CONTROL_ONLY'], [0x00400000, 'ACD_LINE_ONLY'], [0x02000000, 'ACTIVE_STANDBY'], [0x80000000, 'DEBUG'], [0x200, undefined]],
  CallMsgMask: [[0x1, 'CALL_DELIVERED'], [0x2000, 'BEGIN_CALL'], [0x4000, 'END_CALL'], [0x00800000, 'AGENT_TEAM_CONFIG'], [0x08000000, 'CALL_AGENT_GREETING'], [0x80000000, 'NETWORK_RECORDING_TARGET_INFO']],
  AgentStateMask: [[0x1, 'LOGIN'], [0x8, 'AVAILABLE'], [0x100, 'RESERVED'], [0x200, 'HOLD'], [0x2000, 'NOT_ACTIVE']],
  Status: [[0, 'E_CTI_NO_ERROR'], [2, 'E_CTI_INVALID_MESSAGE_LENGTH'], [15, 'E_CTI_CTI_SERVER_OFFLINE'], [32, 'E_CTI_INCONSISTENT_AGENT_DATA'], [65, 'E_CTI_TEAM_NOT_FOUND'], [95, 'E_INVALID_CONFIG_MSG_MASK'], [98, 'E_CTI_INVALID_REQUEST_TYPE'], [99, undefined], [106, undefined], [107, 'E_CTI_INVALID_CLIENT_FOR_STANDBY'], [110, 'E_CTI_SERVER_IN_MAINTENANCE_MODE']],
  AgentState: [[0, 'LOGIN'], [3, 'AVAILABLE'], [9, 'UNKNOWN'], [14, 'NOT_ACTIVE'], [15, undefined]],
  InternalAgentState: [[0, 'LOGIN'], [7, 'BUSY_OTHER'], [8, undefined], [11, 'ACTIVE']],
  AgentWorkMode: [[0, 'AWM_UNSPECIFIED'], [1, 'AWM_AUTO_IN'], [2, 'AWM_MANUAL_IN'], [4, 'RA_NAILED_CONNECTION']],
  AgentMode: [[0, 'NOT_ROUTABLE'], [1, 'ROUTABLE'], [2, undefined]],
  AgentAvailabilityStatus: [[0, 'NOT_AVAILABLE'], [1, 'ICM_AVAILABLE'], [2, 'APPLICATION_AVAILABLE']],
  ForcedFlag: [[0, 'FALSE'], [1, 'TRUE'], [2, 'AUTHENTICATE_ONLY']],
  AgentServiceReq: [[0x1, 'OUTBOUND_SUPPORT'], [0x2, undefined], [0, undefined]],
  AgentFlags: [[0x1, 'PRIMARY_SUPERVISOR'], [0x2, 'TEMPORARY_AGENT'], [0x4, 'SUPERVISOR']],
  Direction: [[0, 'NONE'], [1, 'IN'], [4, 'OTHER_OUT'], [7, 'OUTBOUND_PREDICTIVE']],
  SessionType: [[0, 'UNKNOWN'], [1, 'ACTIVE'], [2, 'STANDBY']],
  MultilineAgentControl: [[0, 'SINGLE_LINE_ONLY'], [1, 'MULTI_LINE_ENABLED'], [2, undefined]],
  SilentMonitorStatus: [[0, 'NONE'], [1, 'INITIATOR'], [2, 'TARGET']],
  Distribution: [[0, 'CLIENT'], [1, 'SUPERVISOR'], [2, 'TEAM'], [3, 'ALL']],
  SupervisoryAction: [[0, 'CLEAR'], [1, 'MONITOR'], [3, 'BARGE_IN'], [4, 'INTERCEPT']],
  ClientEventReportState: [[0, 'NORMAL'], [1, 'WARNING'], [2, 'ERROR']],
  AgentTeamConfigOperation: [[0, 'RESTORE_PERMANENT'], [1, 'ADD_AGENT'], [2, 'REMOVE_AGENT']],
  AgentType: [[0, 'AGENT'], [1, 'SUPERVISOR'], [2, undefined]],
  RecordType: [[0, 'ADD'], [1, 'CHANGE'], [2, 'DELETE']],
  AgentGreetingAction: [[0, 'STOP'], [1, 'DISABLE_FOR_SESSION'], [2, 'ENABLE_FOR_SESSION']],
  PGStatus: [[0x01, 'OPC_DOWN'], [0x02, 'CC_DOWN'], [0x04, 'PERIPHERAL_OFFLINE'], [0x08, 'CTI_SERVER_OFFLINE'], [0x10, 'LIMITED_FUNCTION']],
  SystemEventID: [[1, 'CENTRAL_CONTROLLER_ONLINE'], [5, 'TEXT_FYI'], [7, 'CTI_SERVER_OFFLINE'], [11, 'INSTRUMENT_BACK_IN_SERVICE'], [0, undefined]],
  PeripheralType: [[0xffff, 'NONE'], [1, 'ASPECT'], [14, 'NEC_NEAX_2x00'], [17, 'ENTERPRISE_AGENT'], [23, 'SIMPLIFIED_IPCC'], [26, 'ACMI_EXPERT_ADVISOR'], [27, undefined]],
  LocalConnectionState: [[0xffff, 'NONE'], [0, 'NULL'], [2, 'ALERTING'], [3, 'CONNECT'], [6, 'FAIL']],
  EventCause: [[0xffff, 'NONE'], [1, 'ACTIVE_MONITOR'], [28, 'REDIRECTED'], [50, 'CALL_PARTY_UPDATE_IND'], [62, 'MAX_QUEUE_EXCEEDED'], [65, undefined], [1013, 'CECX_DROP_HANDLED_PRIMARY_ROUTE'], [1028, 'CECX_BLIND_TRANSFER'], [1033, 'CECX_ANSWERING_MACHINE'], [1046, 'CECX_APPL_INVALID_DIALOGUE_ID'], [1056, 'CECX_NETWORK_CONFERENCE'], [1057, 'CECX_ABAND_NETWORK_CONSULT']],
  DeviceIDType: [[0xffff, 'NONE'], [0, 'DEVICE_IDENTIFIER'], [70, 'TRUNK_IDENTIFIER'], [76, 'AGENT_DEVICE'], [79, 'SHARED_DEVICE_IDENTIFIER'], [1, undefined]],
  ConnectionDeviceIDType: [[0xffff, 'NONE'], [0, 'STATIC'], [1, 'DYNAMIC']],
  LineType: [[0, 'INBOUND_ACD'], [7, 'OUTBOUND'], [9, 'SILENT_MONITOR'], [11, 'NON_ACD_OUT'], [0xffff, 'NONE']],
  CallType: [[0, undefined], [1, 'ACD_IN'], [13, 'CONSULT_OFFERRED'], [27, 'RESERVATION_PREVIEW'], [36, 'CUSTOMER_PERSONAL_CALLBACK'], [38, 'NON_ACD'], [41, 'VOICE_CALL_BACK'], [0xffff, 'NULL_CALLTYPE']],
  Disposition: [[1, 'ABANDONED_IN_NETWORK'], [13, 'DISCONNECT_DROP_HANDLED_PRIMARY_ROUTE'], [28, 'BLIND_TRANSFER'], [33, 'ANSWERING_MACHINE'], [56, 'NETWORK_CONFERENCE'], [65, 'TASK_TRANSFERRED_ON_AGENT_LOGOUT']],
  ControlFailureCode: [[0, 'GENERIC_UNSPECIFIED'], [20, undefined], [24, 'NO_ACTIVE_CALL'], [79, 'REQUESTS_ON_DEVICE_EXCEEDED_REJECTION'], [256, 'INVALID_AGENT_ID_SPECIFIED'], [281, 'REASON_CODE_REQUIRED'], [293, 'EXTENSION_NOT_UNIQUE'], [294, undefined], [1001, 'UNKNOWN_INTERFACE_CTRLR_ID'], [1013, 'UNSUPPORTED_RC_MESSAGE_REVISION'], [1016, 'AGENT_GREETING_CONTROL_OPERATION_FAILURE']],
  CallPlacementType: [[0, 'UNSPECIFIED'], [1, 'LINE_CALL'], [5, 'DIRECT_AGENT'], [6, 'SUPERVISOR_ASSIST']],
  CallMannerType: [[0, 'UNSPECIFIED'], [2, 'BELLIGERENT'], [3, 'SEMI_POLITE'], [4, 'RESERVED']],
  CallOption: [[0, 'UNSPECIFIED'], [1, 'CALLING_AGENT_ONLINE'], [5, 'CALLING_AGENT_BEEP_HSET'], [6, 'SERVICE_CIRCUIT_ON']],
  ConsultType: [[0, 'UNSPECIFIED'], [1, 'TRANSFER'], [2, 'CONFERENCE']],
  FacilityType: [[0, 'UNSPECIFIED'], [1, 'TRUNK_GROUP'], [2, 'SKILL_GROUP']],
  AnsweringMachine: [[0, 'UNSPECIFIED'], [3, 'NONE'], [5, 'CONNECT_NO_MODEM']],
  AnswerDetectMode: [[0, 'UNSPECIFIED'], [1, 'VOICE_THRESHOLD'], [4, 'VOICE_AND_BEEP'], [5, 'BEEP']],
  AllocationState: [[0, 'CALL_DELIVERED'], [1, 'CALL_ESTABLISHED'], [2, undefined]],
  DestinationCountry: [[0, 'UNSPECIFIED'], [1, 'US_AND_CANADA'], [2, undefined]],
  ForwardType: [[0, 'IMMEDIATE'], [2, 'NO_ANS'], [6, 'NO_ANS_EXT']],
  TypeOfDevice: [[0, 'STATION'], [5, 'OPERATOR'], [16, 'STATION_GROUP'], [23, 'CTI_PORT_SIP'], [255, 'OTHER'], [6, undefined]],
  ClassOfDevice: [[0x10, 'OTHER'], [0x20, 'IMAGE'], [0x40, 'DATA'], [0x80, 'VOICE']],
  TransferConferenceSetup: [[0x01, 'CONF_SETUP_CONSULT_SPECIFIC'], [0x08, 'CONF_SETUP_ANY_TWO_CALLS'], [0x20, 'TRANS_SETUP_SINGLE_ACD_CALL'], [0x80, 'TRANS_SETUP_ANY_SINGLE_CALL']],
  CallControlSupported: [[0x1, 'QUERY_AGENT_STATE'], [0x400, 'MAKE_CALL'], [0x8000, 'QUERY_DEVICE_INFO'], [0x40000, 'SEND_DTMF_SIGNAL']],
  OtherFeaturesSupported: [[0x1, 'POST_ROUTE'], [0x2, 'UNIQUE_CONSULT_CALLID'], [0x4, undefined]],
  AgentDeskSettings: [[0x1, 'AVAIL_AFTER_INCOMING'], [0x4, 'AUTO_ANSWER_ENABLED'], [0x1000, 'NON_ACD_CALLS_ALLOWED'], [0x2000, 'AGENT_CAN_SELECT_GROUP']],
  CallVariableMask: [[0x1, 'CALL_VARIABLE_1'], [0x10, 'CALL_VARIABLE_5'], [0x200, 'CALL_VARIABLE_10']],
  ConfigMsgMask: [[1, 'SERVICE'], [16, 'CALL_TYPE'], [64, 'PERIPHERAL'], [256, 'TERMINAL'], [128, undefined]],
  ConfigEndStatus: [[0, 'SUCCESS'], [1, 'NO_SERVICE_PROVIDER'], [5, 'PARTIAL']],
  ConfigKeyStatus: [[0, 'SUCCESS'], [2, 'NO_KEY_SUPPORT'], [3, 'UNKNOWN_CUSTOMER']],
};

/** Values the guide itself gives two names; every other value has exactly one. */
const SHARED_VALUES: Partial<Record<EnumerationKey, Readonly<Record<number, readonly string[]>>>> = {
  // §2.10 / §7 #2: code 2 is INVALID_MESSAGE_LENGTH in v25 and INVALID_MESSAGE_TYPE in older headers.
  Status: { 2: ['E_CTI_INVALID_MESSAGE_LENGTH', 'E_CTI_INVALID_MESSAGE_TYPE'] },
};

const keys = Object.keys(ENUMERATIONS) as EnumerationKey[];

describe('enumeration values (ged188.md §2.4–§2.10, §5)', () => {
  it.each(keys)('%s matches the doc', (key) => {
    const checks = SPOT_CHECKS[key];
    const defined = checks.filter(([, name]) => name !== undefined).length;
    expect(defined).toBeGreaterThanOrEqual(Math.min(3, Object.keys(ENUMERATIONS[key].values).length));
    expect(checks.length).toBeGreaterThanOrEqual(3);
    const table: EnumTable = ENUMERATIONS[key].values;
    for (const [value, name] of checks) {
      if (ENUMERATIONS[key].kind === 'mask' && value !== 0) {
        expect(maskNames(table, value), `${key} ${value}`).toEqual(name === undefined ? [`0x${value.toString(16).toUpperCase().padStart(8, '0')}`] : [name]);
      } else {
        expect(enumName(table, value), `${key} ${value}`).toBe(name);
      }
      if (name !== undefined) expect(table[name]).toBe(value);
    }
  });
});

describe('uniqueness', () => {
  it.each(keys)('%s: no two names share a value unless the guide says so', (key) => {
    const byValue = new Map<number, string[]>();
    for (const [name, value] of Object.entries(ENUMERATIONS[key].values)) byValue.set(value, [...(byValue.get(value) ?? []), name]);
    const shared = Object.fromEntries([...byValue].filter(([, names]) => names.length > 1));
    expect(shared).toEqual(SHARED_VALUES[key] ?? {});
  });

  it('mask tables hold single, distinct bits of a 32-bit word', () => {
    for (const key of keys.filter((k) => ENUMERATIONS[k].kind === 'mask')) {
      for (const [name, bit] of Object.entries(ENUMERATIONS[key].values)) {
        expect(Number.isInteger(bit) && bit > 0 && bit <= 0x80000000 && (bit & (bit - 1)) === 0, `${key}.${name}`).toBe(true);
      }
    }
  });

  it('enum values are integers that fit their wire field (at most a UINT)', () => {
    for (const key of keys) {
      for (const [name, value] of Object.entries(ENUMERATIONS[key].values)) {
        expect(Number.isInteger(value) && value >= 0 && value <= 0xffffffff, `${key}.${name}`).toBe(true);
      }
    }
  });

  it('every exported table is in the registry', () => {
    const registered = new Set<unknown>(Object.values(ENUMERATIONS).map((e) => e.values));
    const tables = Object.entries(enumerations).filter(
      ([name, value]) => /^[A-Z][A-Z0-9_]*$/.test(name) && name !== 'ENUMERATIONS' && name !== 'LIMITS' && typeof value === 'object',
    );
    expect(tables.length).toBe(keys.length);
    for (const [name, table] of tables) expect(registered.has(table), name).toBe(true);
  });
});

describe('§7 decisions', () => {
  it('CallType 27 is RESERVATION_PREVIEW and 38 is NON_ACD', () => {
    expect(CALL_TYPE.RESERVATION_PREVIEW).toBe(27);
    expect(CALL_TYPE.NON_ACD).toBe(38);
    expect(enumName(CALL_TYPE, 27)).toBe('RESERVATION_PREVIEW');
  });

  it('EventCause: 0xFFFF is CEC_NONE, and 0 reads as none on decode', () => {
    expect(EVENT_CAUSE.NONE).toBe(0xffff);
    expect(enumName(EVENT_CAUSE, 0)).toBe('NONE');
    expect(lookupName('EventCause', 0)).toBe('NONE');
    expect(isEventCauseNone(0)).toBe(true);
    expect(isEventCauseNone(0xffff)).toBe(true);
    expect(isEventCauseNone(1)).toBe(false);
    // The alias is for decoding only: no table entry has the value 0.
    expect(Object.values(EVENT_CAUSE)).not.toContain(0);
  });

  it('EventCause CECX values are 1000 + the Disposition code', () => {
    for (const [name, value] of Object.entries(EVENT_CAUSE).filter(([n]) => n.startsWith('CECX_'))) {
      expect(value - 1000, name).toBeGreaterThanOrEqual(1);
      expect(value - 1000, name).toBeLessThanOrEqual(57);
    }
    expect(Object.keys(EVENT_CAUSE).filter((n) => n.startsWith('CECX_'))).toHaveLength(57);
  });

  it('Status 2 reads as its v25 name; the older name is the same number', () => {
    expect(STATUS.E_CTI_INVALID_MESSAGE_TYPE).toBe(STATUS.E_CTI_INVALID_MESSAGE_LENGTH);
    expect(enumName(STATUS, 2)).toBe('E_CTI_INVALID_MESSAGE_LENGTH');
    expect(statusName(2)).toBe('E_CTI_INVALID_MESSAGE_LENGTH');
  });
});

describe('enumName', () => {
  it('returns undefined for values the table does not define', () => {
    expect(enumName(AGENT_STATE, 15)).toBeUndefined();
    expect(enumName(CONTROL_FAILURE_CODE, 30)).toBeUndefined();
    expect(enumName(PERIPHERAL_TYPE, 0)).toBeUndefined();
    expect(enumName(CALL_TYPE, -1)).toBeUndefined();
    expect(enumName(CALL_TYPE, 1.5)).toBeUndefined();
    expect(lookupName('AgentState', 99)).toBeUndefined();
  });

  it('is typed by its table', () => {
    expectTypeOf(enumName(AGENT_STATE, 3)).toEqualTypeOf<keyof typeof AGENT_STATE | undefined>();
    expectTypeOf(maskNames(PG_STATUS, 3)).toEqualTypeOf<(keyof typeof PG_STATUS | `0x${string}`)[]>();
    expect(enumName(AGENT_STATE, 3)).toBe('AVAILABLE');
  });
});

describe('maskNames', () => {
  it('names the set bits in table order', () => {
    expect(maskNames(SERVICE, 0x7)).toEqual(['CLIENT_EVENTS', 'CALL_DATA_UPDATE', 'CLIENT_CONTROL']);
    expect(maskNames(AGENT_STATE_MASK, 0x3fff)).toHaveLength(14);
    expect(maskNames(CALL_MSG_MASK, 0xf0000000)).toEqual([
      'NETWORK_RECORDING_STARTED',
      'NETWORK_RECORDING_ENDED',
      'NETWORK_RECORDING_FAILED',
      'NETWORK_RECORDING_TARGET_INFO',
    ]);
  });

  it('gives [] for 0', () => {
    expect(maskNames(PG_STATUS, 0)).toEqual([]);
  });

  it('appends unknown bits as one 0x… remainder', () => {
    expect(maskNames(SERVICE, 0x00000201)).toEqual(['CLIENT_EVENTS', '0x00000200']);
    expect(maskNames(AGENT_STATE_MASK, 0x0000c008)).toEqual(['AVAILABLE', '0x0000C000']);
    expect(maskNames(PG_STATUS, 0xffffffe0)).toEqual(['0xFFFFFFE0']);
    expect(maskNames(SERVICE, 0x80004000)).toEqual(['DEBUG', '0x00004000']);
  });

  it('treats a signed 32-bit value as the same bits', () => {
    expect(maskNames(SERVICE, 0x80000001 | 0)).toEqual(['CLIENT_EVENTS', 'DEBUG']);
  });
});

describe('registry', () => {
  it('has the documented stable keys', () => {
    for (const key of [
      'AgentState',
      'EventCause',
      'ControlFailureCode',
      'CallType',
      'PeripheralType',
      'LocalConnectionState',
      'DeviceIDType',
      'SystemEventID',
      'PGStatus',
      'ServicesMask',
      'CallMsgMask',
      'AgentStateMask',
      'Status',
    ]) {
      expect(ENUMERATIONS).toHaveProperty(key);
    }
    expect(ENUMERATIONS.AgentState).toMatchObject({ kind: 'enum', values: AGENT_STATE });
    expect(ENUMERATIONS.ServicesMask).toMatchObject({ kind: 'mask', values: SERVICE });
  });

  it('describes a value', () => {
    expect(describeValue('AgentState', 3)).toBe('AgentState 3 = AVAILABLE');
    expect(describeValue('AgentState', 99)).toBe('AgentState 99 = (unknown)');
    expect(describeValue('ControlFailureCode', 1016)).toBe('ControlFailureCode 1016 = AGENT_GREETING_CONTROL_OPERATION_FAILURE');
    expect(describeValue('ServicesMask', 0x7)).toBe('ServicesMask 0x00000007 = CLIENT_EVENTS | CALL_DATA_UPDATE | CLIENT_CONTROL');
    expect(describeValue('PGStatus', 0)).toBe('PGStatus 0x00000000 = (none)');
    expect(describeValue('CallMsgMask', 0x00002000 | 0x40000000 | 0x0)).toBe('CallMsgMask 0x40002000 = BEGIN_CALL | NETWORK_RECORDING_FAILED');
  });

  it('gives the guide’s full names back', () => {
    expect(guideName('AgentState', 'AVAILABLE')).toBe('AGENT_STATE_AVAILABLE');
    expect(guideName('CallMsgMask', 'BEGIN_CALL')).toBe('BEGIN_CALL_MASK');
    expect(guideName('AgentStateMask', 'NOT_READY')).toBe('AGENT_NOT_READY_MASK');
    expect(guideName('ServicesMask', 'CLIENT_EVENTS')).toBe('CTI_SERVICE_CLIENT_EVENTS');
    expect(guideName('ServicesMask', 'AGENT_STATE_CONTROL_ONLY')).toBe('CTI_AGENT_STATE_CONTROL_ONLY');
    expect(guideName('EventCause', 'NONE')).toBe('CEC_NONE');
    expect(guideName('EventCause', 'CECX_BLIND_TRANSFER')).toBe('CECX_BLIND_TRANSFER');
    expect(guideName('CallType', 'NON_ACD')).toBe('CALLTYPE_NON_ACD');
    expect(guideName('CallType', 'RESERVATION_PREVIEW')).toBe('RESERVATION_PREVIEW');
    expect(guideName('CallType', 'NULL_CALLTYPE')).toBe('NULL_CALLTYPE');
    expect(guideName('ControlFailureCode', 'EXTENSION_NOT_UNIQUE')).toBe('CF_EXTENSION_NOT_UNIQUE');
    expect(guideName('PeripheralType', 'ENTERPRISE_AGENT')).toBe('PT_ENTERPRISE_AGENT');
    expect(guideName('LocalConnectionState', 'ALERTING')).toBe('LCS_ALERTING');
    expect(guideName('DeviceIDType', 'AGENT_DEVICE')).toBe('DEVID_AGENT_DEVICE');
    expect(guideName('SystemEventID', 'TEXT_FYI')).toBe('SYS_TEXT_FYI');
    expect(guideName('PGStatus', 'OPC_DOWN')).toBe('PGS_OPC_DOWN');
    expect(guideName('Status', 'E_CTI_TIMEOUT')).toBe('E_CTI_TIMEOUT');
    expect(guideName('Distribution', 'TEAM')).toBe('DISTRIBUTE_TO_TEAM');
    expect(guideName('AgentState', 'NOPE')).toBeUndefined();
    expect(guideName('AgentState', 'toString')).toBeUndefined();
  });
});

describe('limits (§5.16)', () => {
  it('transcribes the guide’s sizes', () => {
    expect(LIMITS).toMatchObject({
      MAX_NUM_CTI_CLIENTS: 16,
      MAX_NUM_PARTIES: 16,
      MAX_NUM_DEVICES: 16,
      MAX_NUM_CALLS: 16,
      MAX_NUM_SKILL_GROUPS: 20,
      MAX_NUM_LINES: 10,
      MAX_SET_AGENT_STATE_SKILL_GROUPS: 10,
      MAX_AGENT_STATE_EVENT_SKILL_GROUPS: 99,
      MAX_AGENT_TEAM_CONFIG_MEMBERS: 64,
      MAX_LIST_AGENT_TEAMS: 64,
      MAX_ECC_BYTES: 2000,
    });
  });
});

describe('constants.ts compatibility', () => {
  it('keeps the session layer’s names and values', () => {
    expect(ged188.SERVICE.CLIENT_EVENTS | ged188.SERVICE.CALL_DATA_UPDATE | ged188.SERVICE.CLIENT_CONTROL).toBe(0x7);
    expect(ged188.SERVICE.ACTIVE_STANDBY).toBe(0x02000000);
    expect(ged188.STATUS.E_CTI_SERVER_IN_MAINTENANCE_MODE).toBe(110);
    expect(SESSION_TYPE).toEqual({ UNKNOWN: 0, ACTIVE: 1, STANDBY: 2 });
    expect(ged188.PG_STATUS.LIMITED_FUNCTION).toBe(0x10);
    expect(ged188.PERIPHERAL_TYPE.NONE).toBe(0xffff);
    expect(ged188.PERIPHERAL_TYPE.ENTERPRISE_AGENT).toBe(17);
    expect(ged188.AGENT_STATE.NOT_ACTIVE).toBe(14);
    expect(ged188.MIN_PROTOCOL_VERSION).toBe(13);
    expect(ged188.MAX_PROTOCOL_VERSION).toBe(25);
    expect(ged188.ENUMERATIONS).toBe(ENUMERATIONS);
  });

  it('statusName delegates and still falls back to "status N"', () => {
    expect(statusName(15)).toBe('E_CTI_CTI_SERVER_OFFLINE');
    expect(statusName(110)).toBe('E_CTI_SERVER_IN_MAINTENANCE_MODE');
    expect(statusName(103)).toBe('status 103');
    expect(ged188.statusName(0)).toBe('E_CTI_NO_ERROR');
  });
});
