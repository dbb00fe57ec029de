/**
 * Every enumeration and bit mask of the CTI Server protocol (ged188.md §2.4–§2.6,
 * §2.10, §5.1–§5.16, with the decisions of §7), plus name lookups for logs and tools.
 *
 * Naming rule. Each table is one `as const` object `NAME: value`. A key is the guide's
 * constant name with the prefix (and, for the *_MASK tables, the suffix) that the table's
 * entries share removed: AGENT_STATE.AVAILABLE is AGENT_STATE_AVAILABLE, CALL_MSG_MASK.BEGIN_CALL
 * is BEGIN_CALL_MASK. The removed parts are recorded once, in the table's ENUMERATIONS entry
 * (`prefix`, `suffix`), and entries whose guide name does not follow the table's pattern are
 * listed there in `overrides`, so `guideName(key, name)` gives the guide's full name back.
 * Tables whose entries share no prefix keep the full names as keys (STATUS, AGENT_WORK_MODE).
 * Where the sources give only a description and no constant name, the key is that description
 * in UPPER_SNAKE_CASE and the entry is marked `descriptive` (its "guide name" is ours).
 *
 * Numbers are transcribed from ged188.md. "HS" marks values the doc takes from the Haskell
 * peer (v20) rather than the guide, "CCX" values of the Unified CCX dialect; both are kept.
 *
 * The "none" sentinels (0xFFFF / 0xFFFFFFFF) appear here where the guide names them (PT_NONE,
 * LCS_NONE, DEVID_NONE, CEC_NONE …); the width-generic checks are `isNoneUshort` / `isNoneUint`
 * in wire-types.ts.
 */

/** An enumeration or mask table: constant name → number. */
export type EnumTable = Readonly<Record<string, number>>;

// ---------------------------------------------------------------------------------------------
// §2.4–§2.6 Session masks
// ---------------------------------------------------------------------------------------------

/** ServicesRequested / ServicesGranted bits (§2.4). Guide name: CTI_SERVICE_<key>. */
export const SERVICE = {
  CLIENT_EVENTS: 0x00000001,
  CALL_DATA_UPDATE: 0x00000002,
  CLIENT_CONTROL: 0x00000004,
  CONNECTION_MONITOR: 0x00000008,
  ALL_EVENTS: 0x00000010,
  PERIPHERAL_MONITOR: 0x00000020,
  CLIENT_MONITOR: 0x00000040,
  SUPERVISOR: 0x00000080,
  SERVER: 0x00000100,
  // 0x00000200 reserved
  AGENT_REPORTING: 0x00000400,
  ALL_TASK_EVENTS: 0x00000800,
  TASK_MONITOR: 0x00001000,
  /** CTI_AGENT_STATE_CONTROL_ONLY (no SERVICE_ in the guide's name): granted instead of CLIENT_CONTROL. */
  AGENT_STATE_CONTROL_ONLY: 0x00002000,
  // 0x00004000 unused
  /** CTI_DEVICE_STATE_CONTROL: not in ged188.md §2.4; from the v25 constants chapter's CTI Service Masks table. */
  DEVICE_STATE_CONTROL: 0x00008000,
  UPDATE_EVENTS: 0x00080000,
  IGNORE_DUPLICATE_AGENT_EVENTS: 0x00100000,
  IGNORE_CONF: 0x00200000,
  /** v14+, UCCE only. */
  ACD_LINE_ONLY: 0x00400000,
  /** v24+. */
  ACTIVE_STANDBY: 0x02000000,
  DEBUG: 0x80000000,
} as const;

/** CallMsgMask bits (§2.5): which unsolicited call events to send. Guide name: <key>_MASK. */
export const CALL_MSG_MASK = {
  CALL_DELIVERED: 0x00000001,
  CALL_QUEUED: 0x00000002,
  CALL_ESTABLISHED: 0x00000004,
  CALL_HELD: 0x00000008,
  CALL_RETRIEVED: 0x00000010,
  CALL_CLEARED: 0x00000020,
  CALL_CONNECTION_CLEARED: 0x00000040,
  CALL_ORIGINATED: 0x00000080,
  CALL_CONFERENCED: 0x00000100,
  CALL_TRANSFERRED: 0x00000200,
  CALL_DIVERTED: 0x00000400,
  CALL_SERVICE_INITIATED: 0x00000800,
  CALL_TRANSLATION_ROUTE: 0x00001000,
  BEGIN_CALL: 0x00002000,
  END_CALL: 0x00004000,
  CALL_DATA_UPDATE: 0x00008000,
  CALL_FAILED: 0x00010000,
  CALL_REACHED_NETWORK: 0x00020000,
  CALL_DEQUEUED: 0x00040000,
  AGENT_PRE_CALL: 0x00080000,
  AGENT_PRE_CALL_ABORT: 0x00100000,
  RTP_STARTED: 0x00200000,
  RTP_STOPPED: 0x00400000,
  AGENT_TEAM_CONFIG: 0x00800000,
  AGENT_LEGACY_PRE_CALL: 0x01000000,
  CALL_ATTRIBUTE_CHANGE: 0x02000000,
  /** Reserved: no event is documented for it. */
  CALL_TERMINATION: 0x04000000,
  /** v15+. */
  CALL_AGENT_GREETING: 0x08000000,
  /** v23+ (the four NETWORK_RECORDING bits). */
  NETWORK_RECORDING_STARTED: 0x10000000,
  NETWORK_RECORDING_ENDED: 0x20000000,
  NETWORK_RECORDING_FAILED: 0x40000000,
  NETWORK_RECORDING_TARGET_INFO: 0x80000000,
} as const;

/** AgentStateMask bits (§2.6). Guide name: AGENT_<key>_MASK. All states: 0x3FFF. */
export const AGENT_STATE_MASK = {
  LOGIN: 0x0001,
  LOGOUT: 0x0002,
  NOT_READY: 0x0004,
  AVAILABLE: 0x0008,
  TALKING: 0x0010,
  WORK_NOT_READY: 0x0020,
  WORK_READY: 0x0040,
  BUSY_OTHER: 0x0080,
  RESERVED: 0x0100,
  HOLD: 0x0200,
  ACTIVE: 0x0400,
  PAUSED: 0x0800,
  INTERRUPTED: 0x1000,
  NOT_ACTIVE: 0x2000,
} as const;

// ---------------------------------------------------------------------------------------------
// §2.10 Status codes
// ---------------------------------------------------------------------------------------------

/**
 * Status codes of FAILURE_CONF, FAILURE_EVENT, CLOSE_REQ and CLIENT_SESSION_CLOSED_EVENT (§2.10).
 * Keys are the guide's full names (95 lacks the CTI_ of the others). 99–106 are not listed.
 */
export const STATUS = {
  E_CTI_NO_ERROR: 0,
  E_CTI_INVALID_VERSION: 1,
  /** v25 name. */
  E_CTI_INVALID_MESSAGE_LENGTH: 2,
  /** Same code 2 under its name in older headers (legnaxz/ged, HS), §7 #2. Lookups return the v25 name. */
  E_CTI_INVALID_MESSAGE_TYPE: 2,
  E_CTI_INVALID_FIELD_TAG: 3,
  E_CTI_SESSION_NOT_OPEN: 4,
  E_CTI_SESSION_ALREADY_OPEN: 5,
  E_CTI_REQUIRED_DATA_MISSING: 6,
  E_CTI_INVALID_PERIPHERAL_ID: 7,
  E_CTI_INVALID_AGENT_DATA: 8,
  E_CTI_AGENT_NOT_LOGGED_ON: 9,
  E_CTI_DEVICE_IN_USE: 10,
  E_CTI_NEW_SESSION_OPENED: 11,
  E_CTI_FUNCTION_NOT_AVAILABLE: 12,
  E_CTI_INVALID_CALLID: 13,
  E_CTI_PROTECTED_VARIABLE: 14,
  E_CTI_CTI_SERVER_OFFLINE: 15,
  E_CTI_TIMEOUT: 16,
  E_CTI_UNSPECIFIED_FAILURE: 17,
  E_CTI_INVALID_TIMEOUT: 18,
  E_CTI_INVALID_SERVICE_MASK: 19,
  E_CTI_INVALID_CALL_MSG_MASK: 20,
  E_CTI_INVALID_AGENT_STATE_MASK: 21,
  E_CTI_INVALID_RESERVED_FIELD: 22,
  E_CTI_INVALID_FIELD_LENGTH: 23,
  E_CTI_INVALID_DIGITS: 24,
  E_CTI_BAD_MESSAGE_FORMAT: 25,
  E_CTI_INVALID_TAG_FOR_MSG_TYPE: 26,
  E_CTI_INVALID_DEVICE_ID_TYPE: 27,
  E_CTI_INVALID_LCL_CONN_STATE: 28,
  E_CTI_INVALID_EVENT_CAUSE: 29,
  E_CTI_INVALID_NUM_PARTIES: 30,
  E_CTI_INVALID_SYS_EVENT_ID: 31,
  E_CTI_INCONSISTENT_AGENT_DATA: 32,
  E_CTI_INVALID_CONNECTION_ID_TYPE: 33,
  E_CTI_INVALID_CALL_TYPE: 34,
  E_CTI_NOT_CALL_PARTY: 35,
  E_CTI_INVALID_PASSWORD: 36,
  E_CTI_CLIENT_DISCONNECTED: 37,
  E_CTI_INVALID_OBJECT_STATE: 38,
  E_CTI_INVALID_NUM_SKILL_GROUPS: 39,
  E_CTI_INVALID_NUM_LINES: 40,
  E_CTI_INVALID_LINE_TYPE: 41,
  E_CTI_INVALID_ALLOCATION_STATE: 42,
  E_CTI_INVALID_ANSWERING_MACHINE: 43,
  E_CTI_INVALID_CALL_MANNER_TYPE: 44,
  E_CTI_INVALID_CALL_PLACEMENT_TYPE: 45,
  E_CTI_INVALID_CONSULT_TYPE: 46,
  E_CTI_INVALID_FACILITY_TYPE: 47,
  E_CTI_INVALID_MSG_TYPE_FOR_VERSION: 48,
  E_CTI_INVALID_TAG_FOR_VERSION: 49,
  E_CTI_INVALID_AGENT_WORK_MODE: 50,
  E_CTI_INVALID_CALL_OPTION: 51,
  E_CTI_INVALID_DESTINATION_COUNTRY: 52,
  E_CTI_INVALID_ANSWER_DETECT_MODE: 53,
  E_CTI_MUTUALLY_EXCLUS_DEVICEID_TYPES: 54,
  E_CTI_INVALID_MONITORID: 55,
  E_CTI_SESSION_MONITOR_ALREADY_EXISTS: 56,
  E_CTI_SESSION_MONITOR_IS_CLIENTS: 57,
  E_CTI_INVALID_CALL_CONTROL_MASK: 58,
  E_CTI_INVALID_FEATURE_MASK: 59,
  E_CTI_INVALID_TRANSFER_CONFERENCE_SETUP_MASK: 60,
  E_CTI_INVALID_ARRAY_INDEX: 61,
  E_CTI_INVALID_CHARACTER: 62,
  E_CTI_CLIENT_NOT_FOUND: 63,
  E_CTI_SUPERVISOR_NOT_FOUND: 64,
  E_CTI_TEAM_NOT_FOUND: 65,
  E_CTI_NO_CALL_ACTIVE: 66,
  E_CTI_NAMED_VARIABLE_NOT_CONFIGURED: 67,
  E_CTI_NAMED_ARRAY_NOT_CONFIGURED: 68,
  E_CTI_INVALID_CALL_VARIABLE_MASK: 69,
  E_CTI_ELEMENT_NOT_FOUND: 70,
  E_CTI_INVALID_DISTRIBUTION_TYPE: 71,
  E_CTI_INVALID_SKILL_GROUP: 72,
  E_CTI_TOO_MUCH_DATA: 73,
  E_CTI_VALUE_TOO_LONG: 74,
  E_CTI_SCALAR_FUNCTION_ON_ARRAY: 75,
  E_CTI_ARRAY_FUNCTION_ON_SCALAR: 76,
  E_CTI_INVALID_NUM_NAMED_VARIABLES: 77,
  E_CTI_INVALID_NUM_NAMED_ARRAYS: 78,
  E_CTI_INVALID_RTP_DIRECTION: 79,
  E_CTI_INVALID_RTP_TYPE: 80,
  E_CTI_CALLED_PARTY_DISPOSITION: 81,
  E_CTI_INVALID_SUPERVISORY_ACTION: 82,
  E_CTI_AGENT_TEAM_MONITOR_ALREADY_EXISTS: 83,
  E_CTI_INVALID_SERVICE: 84,
  E_CTI_SERVICE_CONFLICT: 85,
  E_CTI_SKILL_GROUP_CONFLICT: 86,
  E_CTI_INVALID_DEVICE: 87,
  E_CTI_INVALID_MR_DOMAIN: 88,
  E_CTI_MONITOR_ALREADY_EXISTS: 89,
  E_CTI_MONITOR_TERMINATED: 90,
  E_CTI_INVALID_TASK_MSG_MASK: 91,
  /** Standby server (CCX). */
  E_CTI_SERVER_NOT_MASTER: 92,
  /** CCX only. */
  E_CTI_INVALID_CSD: 93,
  E_CTI_JTAPI_CCM_PROBLEM: 94,
  E_INVALID_CONFIG_MSG_MASK: 95,
  /** CCX only. */
  E_CTI_AUTO_CONFIG_RESET: 96,
  E_CTI_INVALID_MONITOR_STATUS: 97,
  E_CTI_INVALID_REQUEST_TYPE: 98,
  /** v24: a client without CTI_SERVICE_ACTIVE_STANDBY opened on the standby side. */
  E_CTI_INVALID_CLIENT_FOR_STANDBY: 107,
  E_CTI_INVALID_UNIQUE_INSTANCE_ID: 108,
  E_CTI_DUPLICATE_UNIQUE_INSTANCE_ID: 109,
  E_CTI_SERVER_IN_MAINTENANCE_MODE: 110,
} as const;

// ---------------------------------------------------------------------------------------------
// §5.1–§5.2 Agent
// ---------------------------------------------------------------------------------------------

/** AgentState (§5.1; also SkillGroupState, NextAgentState, AtcAgentState). Guide name: AGENT_STATE_<key>. */
export const AGENT_STATE = {
  LOGIN: 0,
  LOGOUT: 1,
  NOT_READY: 2,
  AVAILABLE: 3,
  TALKING: 4,
  WORK_NOT_READY: 5,
  WORK_READY: 6,
  BUSY_OTHER: 7,
  RESERVED: 8,
  UNKNOWN: 9,
  HOLD: 10,
  ACTIVE: 11,
  PAUSED: 12,
  INTERRUPTED: 13,
  NOT_ACTIVE: 14,
} as const;

/** InternalAgentState (tag 255, HS; §5.1): 8–10 are reserved. Guide name: AGENT_STATE_<key>. */
export const INTERNAL_AGENT_STATE = {
  LOGIN: 0,
  LOGOUT: 1,
  NOT_READY: 2,
  AVAILABLE: 3,
  TALKING: 4,
  WORK_NOT_READY: 5,
  WORK_READY: 6,
  BUSY_OTHER: 7,
  ACTIVE: 11,
} as const;

/** AgentWorkMode (§5.2, SET_AGENT_STATE_REQ). No shared prefix: keys are the guide's names. */
export const AGENT_WORK_MODE = {
  AWM_UNSPECIFIED: 0,
  /** Ready automatically after a call. */
  AWM_AUTO_IN: 1,
  /** The agent must make himself ready. */
  AWM_MANUAL_IN: 2,
  /** Remote agent. */
  RA_CALL_BY_CALL: 3,
  /** Remote agent. */
  RA_NAILED_CONNECTION: 4,
} as const;

/** AgentMode (§5.2). */
export const AGENT_MODE = { NOT_ROUTABLE: 0, ROUTABLE: 1 } as const;

/** AgentAvailabilityStatus (§5.2). */
export const AGENT_AVAILABILITY_STATUS = { NOT_AVAILABLE: 0, ICM_AVAILABLE: 1, APPLICATION_AVAILABLE: 2 } as const;

/** ForcedFlag (UCHAR, SET_AGENT_STATE_REQ; §5.2). */
export const FORCED_FLAG = {
  FALSE: 0,
  TRUE: 1,
  /** Descriptive name: authenticate only, no state change. */
  AUTHENTICATE_ONLY: 2,
} as const;

/** AgentServiceReq bits (§5.2, HS; the v25 "Agent Service Request Masks" table agrees). */
export const AGENT_SERVICE_REQ = { OUTBOUND_SUPPORT: 0x1 } as const;

/** AgentFlags (tag 87; §5.2), descriptive names. No bit set = an ordinary agent. */
export const AGENT_FLAGS = {
  PRIMARY_SUPERVISOR: 0x0001,
  TEMPORARY_AGENT: 0x0002,
  SUPERVISOR: 0x0004,
} as const;

/** Direction (tag 244, UINT; §5.2), descriptive names. */
export const DIRECTION = {
  NONE: 0,
  IN: 1,
  OUT: 2,
  OTHER_IN: 3,
  OTHER_OUT: 4,
  OUTBOUND_RESERVE: 5,
  OUTBOUND_PREVIEW: 6,
  OUTBOUND_PREDICTIVE: 7,
} as const;

/** OPEN_CONF.SessionType, v24+ (§5.2), descriptive names. */
export const SESSION_TYPE = { UNKNOWN: 0, ACTIVE: 1, STANDBY: 2 } as const;

/** MultilineAgentControl (tag 224; §5.2), descriptive names. */
export const MULTILINE_AGENT_CONTROL = { SINGLE_LINE_ONLY: 0, MULTI_LINE_ENABLED: 1 } as const;

/**
 * SilentMonitorStatus (tag 218; §5.2). Guide name: SILENT_MONITOR_<key> (the v25 constants
 * chapter; ged188.md gives the meanings "none, monitor initiator, monitored target").
 */
export const SILENT_MONITOR_STATUS = { NONE: 0, INITIATOR: 1, TARGET: 2 } as const;

/** Distribution (USER_MESSAGE_REQ; §5.2). Guide name: DISTRIBUTE_TO_<key>. */
export const DISTRIBUTION = { CLIENT: 0, SUPERVISOR: 1, TEAM: 2, ALL: 3 } as const;

/** SupervisoryAction (SUPERVISE_CALL_REQ; §5.2). Guide name: SUPERVISOR_<key>. */
export const SUPERVISORY_ACTION = {
  CLEAR: 0,
  /** Silent monitor. */
  MONITOR: 1,
  WHISPER: 2,
  BARGE_IN: 3,
  INTERCEPT: 4,
} as const;

/** CLIENT_EVENT_REPORT_REQ State (§5.2), descriptive names. */
export const CLIENT_EVENT_REPORT_STATE = { NORMAL: 0, WARNING: 1, ERROR: 2 } as const;

/** AGENT_TEAM_CONFIG_EVENT ConfigOperation (§5.2), descriptive names. */
export const AGENT_TEAM_CONFIG_OPERATION = { RESTORE_PERMANENT: 0, ADD_AGENT: 1, REMOVE_AGENT: 2 } as const;

/** AgentType of the config messages (§5.2), descriptive names. */
export const AGENT_TYPE = { AGENT: 0, SUPERVISOR: 1 } as const;

/** RecordType of the config messages (§5.2), descriptive names. */
export const RECORD_TYPE = { ADD: 0, CHANGE: 1, DELETE: 2 } as const;

/** AGENT_GREETING_CONTROL_REQ AgentAction (§5.2), descriptive names. */
export const AGENT_GREETING_ACTION = { STOP: 0, DISABLE_FOR_SESSION: 1, ENABLE_FOR_SESSION: 2 } as const;

// ---------------------------------------------------------------------------------------------
// §5.3–§5.5 PG, system, peripheral
// ---------------------------------------------------------------------------------------------

/** PGStatusCode bits (§5.3; OPEN_CONF.PGStatus, SYSTEM_EVENT.PGStatus). 0 = all up. Guide name: PGS_<key>. */
export const PG_STATUS = {
  OPC_DOWN: 0x01,
  CC_DOWN: 0x02,
  PERIPHERAL_OFFLINE: 0x04,
  /** Reported only by middleware between server and client. */
  CTI_SERVER_OFFLINE: 0x08,
  /** Middleware: limited local call control possible. */
  LIMITED_FUNCTION: 0x10,
} as const;

/** SystemEventID (SYSTEM_EVENT; §5.4). Guide name: SYS_<key>. */
export const SYSTEM_EVENT_ID = {
  CENTRAL_CONTROLLER_ONLINE: 1,
  CENTRAL_CONTROLLER_OFFLINE: 2,
  /** Arg1 = PeripheralID. */
  PERIPHERAL_ONLINE: 3,
  /** Arg1 = PeripheralID. */
  PERIPHERAL_OFFLINE: 4,
  /** Text floating field. */
  TEXT_FYI: 5,
  PERIPHERAL_GATEWAY_OFFLINE: 6,
  CTI_SERVER_OFFLINE: 7,
  CTI_SERVER_ONLINE: 8,
  HALF_HOUR_CHANGE: 9,
  /** Arg1 = PeripheralID, Text = instrument. */
  INSTRUMENT_OUT_OF_SERVICE: 10,
  /** Arg1 = PeripheralID, Text = instrument. */
  INSTRUMENT_BACK_IN_SERVICE: 11,
} as const;

/** PeripheralType (USHORT; §5.5). Guide name: PT_<key>. 27 is reserved. UCCE on Unified CM presents 17. */
export const PERIPHERAL_TYPE = {
  NONE: 0xffff,
  /** HS; not in the v25 table. */
  ASPECT: 1,
  MERIDIAN: 2,
  G2: 3,
  DEFINITY_ECS_NON_EAS: 4,
  DEFINITY_ECS_EAS: 5,
  /** Obsolete. */
  GALAXY: 6,
  /** Obsolete. */
  SPECTRUM: 7,
  VRU: 8,
  VRU_POLLED: 9,
  /** Obsolete. */
  DMS100: 10,
  SIEMENS_9006: 11,
  SIEMENS_9005: 12,
  ALCATEL: 13,
  /** Obsolete. */
  NEC_NEAX_2x00: 14,
  ACP_1000: 15,
  /** HS; not in the v25 table. */
  SYMPOSIUM: 16,
  ENTERPRISE_AGENT: 17,
  MD110: 18,
  MEDIA_ROUTING: 19,
  GENERIC: 20,
  ACMI_CRS: 21,
  ACMI_IPCC: 22,
  /** HS; not in the v25 table. */
  SIMPLIFIED_IPCC: 23,
  ARS: 24,
  ACMI_ERS: 25,
  /** Obsolete. */
  ACMI_EXPERT_ADVISOR: 26,
} as const;

// ---------------------------------------------------------------------------------------------
// §5.6–§5.13 Calls
// ---------------------------------------------------------------------------------------------

/** LocalConnectionState (USHORT; §5.6; also SNAPSHOT CallState / CallDeviceConnectionState). Guide name: LCS_<key>. */
export const LOCAL_CONNECTION_STATE = {
  NONE: 0xffff,
  /** No relation between call and device (cleared). */
  NULL: 0,
  /** Dialing. */
  INITIATE: 1,
  /** Ringing. */
  ALERTING: 2,
  /** Active. */
  CONNECT: 3,
  HOLD: 4,
  QUEUED: 5,
  /** Connection attempt failed. */
  FAIL: 6,
} as const;

/**
 * EventCause (USHORT; §5.7). Guide name: CEC_<key>; the extended causes keep their full CECX_
 * name as key (CECX value = 1000 + Disposition code, §5.12; names from the v25 table, which
 * ged188.md cites only by example). CEC_NONE is 0xFFFF, the value to send; 0 also reads as
 * "none" on decode (HS sends 0; §7 #8) — see `enumName` and `isEventCauseNone`.
 */
export const EVENT_CAUSE = {
  NONE: 0xffff,
  ACTIVE_MONITOR: 1,
  ALTERNATE: 2,
  BUSY: 3,
  CALL_BACK: 4,
  CALL_CANCELLED: 5,
  CALL_FORWARD_ALWAYS: 6,
  CALL_FORWARD_BUSY: 7,
  CALL_FORWARD_NO_ANSWER: 8,
  CALL_FORWARD: 9,
  CALL_NOT_ANSWERED: 10,
  CALL_PICKUP: 11,
  CAMP_ON: 12,
  DEST_NOT_OBTAINABLE: 13,
  DO_NOT_DISTURB: 14,
  INCOMPATIBLE_DESTINATION: 15,
  INVALID_ACCOUNT_CODE: 16,
  KEY_CONFERENCE: 17,
  LOCKOUT: 18,
  MAINTENANCE: 19,
  NETWORK_CONGESTION: 20,
  NETWORK_NOT_OBTAINABLE: 21,
  NEW_CALL: 22,
  NO_AVAILABLE_AGENTS: 23,
  OVERRIDE: 24,
  PARK: 25,
  OVERFLOW: 26,
  RECALL: 27,
  REDIRECTED: 28,
  REORDER_TONE: 29,
  RESOURCES_NOT_AVAILABLE: 30,
  SILENT_MONITOR: 31,
  TRANSFER: 32,
  TRUNKS_BUSY: 33,
  VOICE_UNIT_INITIATOR: 34,
  TIME_OUT: 35,
  NEW_CALL_INTERFLOW: 36,
  SIMULATION_INIT_REQUEST: 37,
  SIMULATION_RESET_REQUEST: 38,
  CTI_LINK_DOWN: 39,
  PERIPHERAL_RESET_REQUEST: 40,
  MD110_CONFERENCE_TRANSFER: 41,
  REMAINS_IN_Q: 42,
  SUPERVISOR_ASSIST: 43,
  EMERGENCY_CALL: 44,
  SUPERVISOR_CLEAR: 45,
  SUPERVISOR_MONITOR: 46,
  SUPERVISOR_WHISPER: 47,
  SUPERVISOR_BARGE_IN: 48,
  SUPERVISOR_INTERCEPT: 49,
  /** State replay, e.g. after fail-over. */
  CALL_PARTY_UPDATE_IND: 50,
  CONSULT: 51,
  NIC_CALL_CLEAR: 52,
  DNP: 53,
  ROUTER_REQUERY_BEFORE_ANSWER: 54,
  ROUTER_REQUERY_AFTER_ANSWER: 55,
  NETWORK_ERROR: 56,
  NETWORK_ERROR_BEFORE_ANSWER: 57,
  NETWORK_ERROR_AFTER_ANSWER: 58,
  GREETING: 59,
  RECORD_AGENT_GREETING: 60,
  SNAPSHOT: 61,
  MAX_QUEUE_EXCEEDED: 62,
  CECX_ABAND_NETWORK: 1001,
  CECX_ABAND_LOCAL_QUEUE: 1002,
  CECX_ABAND_RING: 1003,
  CECX_ABAND_DELAY: 1004,
  CECX_ABAND_INTERFLOW: 1005,
  CECX_ABAND_AGENT_TERMINAL: 1006,
  CECX_SHORT: 1007,
  CECX_BUSY: 1008,
  CECX_FORCED_BUSY: 1009,
  CECX_DROP_NO_ANSWER: 1010,
  CECX_DROP_BUSY: 1011,
  CECX_DROP_REORDER: 1012,
  CECX_DROP_HANDLED_PRIMARY_ROUTE: 1013,
  CECX_DROP_HANDLED_OTHER: 1014,
  CECX_REDIRECTED: 1015,
  CECX_CUT_THROUGH: 1016,
  CECX_INTRAFLOW: 1017,
  CECX_INTERFLOW: 1018,
  CECX_RING_NO_ANSWER: 1019,
  CECX_INTERCEPT_REORDER: 1020,
  CECX_INTERCEPT_DENIAL: 1021,
  CECX_TIME_OUT: 1022,
  CECX_VOICE_ENERGY: 1023,
  CECX_NONCLASSIFIED_ENERGY_DETECT: 1024,
  CECX_NO_CUT_THROUGH: 1025,
  CECX_UABORT: 1026,
  CECX_FAILED_SOFTWARE: 1027,
  CECX_BLIND_TRANSFER: 1028,
  CECX_ANNOUNCED_TRANSFER: 1029,
  CECX_CONFERENCED: 1030,
  CECX_DUPLICATE_TRANSFER: 1031,
  CECX_UNMONITORED_DEVICE: 1032,
  CECX_ANSWERING_MACHINE: 1033,
  CECX_NETWORK_BLIND_TRANSFER: 1034,
  CECX_TASK_ABANDONED_IN_ROUTER: 1035,
  CECX_TASK_ABANDONED_BEFORE_OFFERED: 1036,
  CECX_TASK_ABANDONED_WHILE_OFFERED: 1037,
  CECX_NORMAL_END_TASK: 1038,
  CECX_CANT_OBTAIN_TASK_ID: 1039,
  CECX_AGENT_LOGGED_OUT_DURING_TASK: 1040,
  CECX_MAX_TASK_LIFETIME_EXCEEDED: 1041,
  CECX_APPLICATION_PATH_WENT_DOWN: 1042,
  CECX_ICM_ROUTING_COMPLETE: 1043,
  CECX_ICM_ROUTING_DISABLED: 1044,
  CECX_APPL_INVALID_MRD_ID: 1045,
  /** The v25 table misprints this as 1056 (§5.7). */
  CECX_APPL_INVALID_DIALOGUE_ID: 1046,
  CECX_APPL_DUPLICATE_DIALOGUE_ID: 1047,
  CECX_APPL_INVALID_INVOKE_ID: 1048,
  CECX_APPL_INVALID_SCRIPT_SELECTOR: 1049,
  CECX_APPL_TERMINATE_DIALOGUE: 1050,
  CECX_TASK_ENDED_DURING_APP_INIT: 1051,
  CECX_CALLED_PARTY_DISCONNECTED: 1052,
  CECX_PARTIAL_CALL: 1053,
  CECX_DROP_NETWORK_CONSULT: 1054,
  CECX_NETWORK_CONSULT_TRANSFER: 1055,
  CECX_NETWORK_CONFERENCE: 1056,
  CECX_ABAND_NETWORK_CONSULT: 1057,
} as const;

/** DeviceIDType (USHORT; §5.8; every *DeviceType field). Guide name: DEVID_<key>. */
export const DEVICE_ID_TYPE = {
  NONE: 0xffff,
  /** Peripheral teleset (extension). */
  DEVICE_IDENTIFIER: 0,
  TRUNK_IDENTIFIER: 70,
  TRUNK_GROUP_IDENTIFIER: 71,
  /** CCX only. */
  IP_PHONE_MAC_IDENTIFIER: 72,
  /** CCX only. */
  CTI_PORT: 73,
  ROUTE_POINT: 74,
  /** ANI / external number. */
  EXTERNAL: 75,
  AGENT_DEVICE: 76,
  QUEUE: 77,
  /** v14+. */
  NON_ACD_DEVICE_IDENTIFIER: 78,
  /** v14+. */
  SHARED_DEVICE_IDENTIFIER: 79,
} as const;

/** ConnectionDeviceIDType (USHORT; §5.9). Guide name: CONNECTION_ID_<key>. */
export const CONNECTION_DEVICE_ID_TYPE = {
  NONE: 0xffff,
  /** Stable between calls. */
  STATIC: 0,
  /** May change between calls. */
  DYNAMIC: 1,
} as const;

/** LineType (USHORT; §5.10). Guide name: LINETYPE_<key>. */
export const LINE_TYPE = {
  /** The doc gives "0xFFFF none" without a constant name; LINETYPE_NONE is ours. */
  NONE: 0xffff,
  INBOUND_ACD: 0,
  OUTBOUND_ACD: 1,
  INSIDE: 2,
  UNKNOWN: 3,
  SUPERVISOR: 4,
  MESSAGE: 5,
  HELP: 6,
  /** Non-ACD outbound. */
  OUTBOUND: 7,
  DID: 8,
  SILENT_MONITOR: 9,
  /** v14+. */
  NON_ACD_IN: 10,
  /** v14+. */
  NON_ACD_OUT: 11,
} as const;

/**
 * CallType (USHORT; §5.11). Guide name: CALLTYPE_<key>, except NULL_CALLTYPE and 27–37, which
 * the guide prints without the prefix. 27 = RESERVATION_PREVIEW and 38 = NON_ACD (§7 #5: the
 * v25 table's leftover "NON_ACD = 27" is v14's numbering). 0 is not defined.
 */
export const CALL_TYPE = {
  NULL_CALLTYPE: 0xffff,
  /** Post-route request in UCCE. */
  ACD_IN: 1,
  /** Translation routed. */
  PREROUTE_ACD_IN: 2,
  PREROUTE_DIRECT_AGENT: 3,
  TRANSFER_IN: 4,
  OVERFLOW_IN: 5,
  OTHER_IN: 6,
  AUTO_OUT: 7,
  AGENT_OUT: 8,
  OUT: 9,
  AGENT_INSIDE: 10,
  /** Blind-transferred. */
  OFFERED: 11,
  CONSULT: 12,
  /** Announced transfer; the guide's spelling. */
  CONSULT_OFFERRED: 13,
  CONSULT_CONFERENCE: 14,
  CONFERENCE: 15,
  UNMONITORED: 16,
  PREVIEW: 17,
  RESERVATION: 18,
  /** Supervisor assist. */
  ASSIST: 19,
  EMERGENCY: 20,
  SUPERVISOR_MONITOR: 21,
  SUPERVISOR_WHISPER: 22,
  SUPERVISOR_BARGEIN: 23,
  SUPERVISOR_INTERCEPT: 24,
  TASK_ROUTED_BY_ICM: 25,
  TASK_ROUTED_BY_APPLICATION: 26,
  /** v19+ (Outbound Option 27–37). */
  RESERVATION_PREVIEW: 27,
  RESERVATION_PREVIEW_DIRECT: 28,
  /** Predictive and progressive. */
  RESERVATION_PREDICTIVE: 29,
  RESERVATION_CALLBACK: 30,
  RESERVATION_PERSONAL_CALLBACK: 31,
  CUSTOMER_PREVIEW: 32,
  CUSTOMER_PREVIEW_DIRECT: 33,
  CUSTOMER_PREDICTIVE: 34,
  CUSTOMER_CALLBACK: 35,
  /** The v25 HTML table prints "CUSTOMER_PERSONAL". */
  CUSTOMER_PERSONAL_CALLBACK: 36,
  CUSTOMER_IVR: 37,
  NON_ACD: 38,
  PLAY_AGENT_GREETING: 39,
  RECORD_AGENT_GREETING: 40,
  VOICE_CALL_BACK: 41,
} as const;

/**
 * CalledPartyDisposition / Disposition codes (USHORT; §5.12). The whole table is HS (v20):
 * the guide lists these codes by meaning only, without constant names.
 */
export const DISPOSITION = {
  ABANDONED_IN_NETWORK: 1,
  ABANDONED_IN_LOCAL_QUEUE: 2,
  ABANDONED_RING: 3,
  ABANDONED_DELAY: 4,
  ABANDONED_INTERFLOW: 5,
  ABANDONED_AGENT_TERMINAL: 6,
  SHORT: 7,
  BUSY: 8,
  FORCED_BUSY: 9,
  DISCONNECT_DROP_NO_ANSWER: 10,
  DISCONNECT_DROP_BUSY: 11,
  DISCONNECT_DROP_REORDER: 12,
  DISCONNECT_DROP_HANDLED_PRIMARY_ROUTE: 13,
  DISCONNECT_DROP_HANDLED_OTHER: 14,
  REDIRECTED: 15,
  CUT_THROUGH: 16,
  INTRAFLOW: 17,
  INTERFLOW: 18,
  RING_NO_ANSWER: 19,
  INTERCEPT_REORDER: 20,
  INTERCEPT_DENIAL: 21,
  TIME_OUT: 22,
  VOICE_ENERGY: 23,
  NONCLASSIFIED_ENERGY_DETECT: 24,
  NO_CUT_THROUGH: 25,
  U_ABORT: 26,
  FAILED_SOFTWARE: 27,
  BLIND_TRANSFER: 28,
  ANNOUNCED_TRANSFER: 29,
  CONFERENCED: 30,
  DUPLICATE_TRANSFER: 31,
  UNMONITORED_DEVICE: 32,
  ANSWERING_MACHINE: 33,
  NETWORK_BLIND_TRANSFER: 34,
  TASK_ABANDONED_IN_ROUTER: 35,
  TASK_ABANDONED_BEFORE_OFFERED: 36,
  TASK_ABANDONED_WHILE_OFFERED: 37,
  NORMAL_END_TASK: 38,
  CANT_OBTAIN_TASK_ID: 39,
  AGENT_LOGGED_OUT_DURING_TASK: 40,
  MAXIMUM_TASK_LIFETIME_EXCEEDED: 41,
  APPLICATION_PATH_WENT_DOWN: 42,
  ICM_ROUTING_COMPLETE: 43,
  ICM_ROUTING_DISABLED: 44,
  APPL_INVALID_MRD_ID: 45,
  APPL_INVALID_DIALOGUE_ID: 46,
  APPL_DUPLICATE_DIALOGUE_ID: 47,
  APPL_INVALID_INVOKE_ID: 48,
  APPL_INVALID_SCRIPT_SELECTOR: 49,
  APPL_TERMINATE_DIALOGUE: 50,
  TASK_ENDED_DURING_APP_INIT: 51,
  CALLED_PARTY_DISCONNECTED: 52,
  PARTIAL_CALL: 53,
  DROP_NETWORK_CONSULT: 54,
  NETWORK_CONSULT_TRANSFER: 55,
  /** Uncertain: reserved in HS and absent from the guide's disposition list; name from the CECX table (1056). */
  NETWORK_CONFERENCE: 56,
  ABANDON_NETWORK_CONSULT: 57,
  ROUTER_REQUERY_BEFORE_ANSWER: 58,
  ROUTER_REQUERY_AFTER_ANSWER: 59,
  NETWORK_ERROR: 60,
  NETWORK_ERROR_BEFORE_ANSWER: 61,
  NETWORK_ERROR_AFTER_ANSWER: 62,
  /** v20. */
  TASK_TRANSFER: 63,
  /** v20. */
  APPLICATION_DISCONNECTED: 64,
  /** v20. */
  TASK_TRANSFERRED_ON_AGENT_LOGOUT: 65,
} as const;

/**
 * ControlFailureCode (USHORT; CONTROL_FAILURE_CONF.FailureCode; §5.13). Guide name: CF_<key>.
 * 0–79 CSTA-derived, 256–293 ICM/UCCE extended (282–293 v14+), 1001–1016 interface controller.
 * PeripheralErrorCode (the UINT beside it) is peripheral-specific and has no table here.
 */
export const CONTROL_FAILURE_CODE = {
  GENERIC_UNSPECIFIED: 0,
  GENERIC_OPERATION: 1,
  REQUEST_INCOMPATIBLE_WITH_OBJECT: 2,
  VALUE_OUT_OF_RANGE: 3,
  OBJECT_NOT_KNOWN: 4,
  INVALID_CALLING_DEVICE: 5,
  INVALID_CALLED_DEVICE: 6,
  INVALID_FORWARDING_DESTINATION: 7,
  PRIVILEGE_VIOLATION_ON_SPECIFIED_DEVICE: 8,
  PRIVILEGE_VIOLATION_ON_CALLED_DEVICE: 9,
  PRIVILEGE_VIOLATION_ON_CALLING_DEVICE: 10,
  INVALID_CSTA_CALL_IDENTIFIER: 11,
  INVALID_CSTA_DEVICE_IDENTIFIER: 12,
  INVALID_CSTA_CONNECTION_IDENTIFIER: 13,
  INVALID_DESTINATION: 14,
  INVALID_FEATURE: 15,
  INVALID_ALLOCATION_STATE: 16,
  INVALID_CROSS_REF_ID: 17,
  INVALID_OBJECT_TYPE: 18,
  SECURITY_VIOLATION: 19,
  GENERIC_STATE_INCOMPATIBILITY: 21,
  INVALID_OBJECT_STATE: 22,
  INVALID_CONNECTION_ID_FOR_ACTIVE_CALL: 23,
  NO_ACTIVE_CALL: 24,
  NO_HELD_CALL: 25,
  NO_CALL_TO_CLEAR: 26,
  NO_CONNECTION_TO_CLEAR: 27,
  NO_CALL_TO_ANSWER: 28,
  NO_CALL_TO_COMPLETE: 29,
  GENERIC_SYSTEM_RESOURCE_AVAILABILITY: 31,
  SERVICE_BUSY: 32,
  RESOURCE_BUSY: 33,
  RESOURCE_OUT_OF_SERVICE: 34,
  NETWORK_BUSY: 35,
  NETWORK_OUT_OF_SERVICE: 36,
  OVERALL_MONITOR_LIMIT_EXCEEDED: 37,
  CONFERENCE_MEMBER_LIMIT_EXCEEDED: 38,
  GENERIC_SUBSCRIBED_RESOURCE_AVAILABILITY: 41,
  OBJECT_MONITOR_LIMIT_EXCEEDED: 42,
  EXTERNAL_TRUNK_LIMIT_EXCEEDED: 43,
  OUTSTANDING_REQUEST_LIMIT_EXCEEDED: 44,
  GENERIC_PERFORMANCE_MANAGEMENT: 51,
  PERFORMANCE_LIMIT_EXCEEDED: 52,
  SEQUENCE_NUMBER_VIOLATED: 61,
  TIME_STAMP_VIOLATED: 62,
  PAC_VIOLATED: 63,
  SEAL_VIOLATED: 64,
  GENERIC_UNSPECIFIED_REJECTION: 70,
  GENERIC_OPERATION_REJECTION: 71,
  DUPLICATE_INVOCATION_REJECTION: 72,
  UNRECOGNIZED_OPERATION_REJECTION: 73,
  MISTYPED_ARGUMENT_REJECTION: 74,
  RESOURCE_LIMITATION_REJECTION: 75,
  ACS_HANDLE_TERMINATION_REJECTION: 76,
  SERVICE_TERMINATION_REJECTION: 77,
  REQUEST_TIMEOUT_REJECTION: 78,
  REQUESTS_ON_DEVICE_EXCEEDED_REJECTION: 79,
  INVALID_AGENT_ID_SPECIFIED: 256,
  INVALID_PASSWORD_SPECIFIED: 257,
  INVALID_AGENT_ID_OR_PASSWORD_SPECIFIED: 258,
  SPECIFIED_AGENT_ALREADY_SIGNED_ON: 259,
  INVALID_LOGON_DEVICE_SPECIFIED: 260,
  INVALID_ANSWERING_DEVICE_SPECIFIED: 261,
  INVALID_SKILL_GROUP_SPECIFIED: 262,
  INVALID_CLASS_OF_SERVICE_SPECIFIED: 263,
  INVALID_TEAM_SPECIFIED: 264,
  INVALID_AGENT_WORKMODE: 265,
  INVALID_AGENT_REASON_CODE: 266,
  ADJUNCT_SWITCH_COMM_ERROR: 267,
  AGENT_NOT_PARTY_ON_CALL: 268,
  INTERNAL_PROCESSING_ERROR: 269,
  TAKE_CALL_CONTROL_REJECTION: 270,
  TAKE_DOMAIN_CONTROL_REJECTION: 271,
  REQUESTED_SERVICE_NOT_REGISTERED: 272,
  INVALID_CONSULT_TYPE: 273,
  ANSMAP_OR_ADPARAM_FIELD_NOT_VALID: 274,
  INVALID_CALL_CONTROL_TABLE_SPECIFIED: 275,
  INVALID_DIGITS_RNATIMEOUT_AMSDELAY_OR_COUNTRY: 276,
  ANSWER_DETECT_PORT_UNAVAILABLE: 277,
  VIRTUAL_AGENT_UNAVAILABLE: 278,
  TAKEBACK_N_XFER_ROUTE_END: 279,
  WRAPUP_DATA_REQUIRED: 280,
  REASON_CODE_REQUIRED: 281,
  INVALID_TRUNK_ID_SPECIFIED: 282,
  SPECIFIED_EXTENSION_ALREADY_IN_USE: 283,
  ARBITRARY_CONF_OR_XFER_NOT_SUPPORTED: 284,
  NETWORK_TRANSFER_OR_CONSULT: 285,
  NETWORK_TRANSFER_OR_CONSULT_FAILED: 286,
  DEVICE_RESTRICTED: 287,
  LINE_RESTRICTED: 288,
  AGENT_ACCOUNT_LOCKED_OUT: 289,
  DROP_ANY_PARTY_NOT_ENABLED_CTI: 290,
  MAXIMUM_LINE_LIMIT_EXCEEDED: 291,
  SHARED_LINES_NOT_SUPPORTED: 292,
  EXTENSION_NOT_UNIQUE: 293,
  UNKNOWN_INTERFACE_CTRLR_ID: 1001,
  INVALID_INTERFACE_CTRLR_TYPE: 1002,
  /** The v25 HTML table spells it CF_SOFTWARE_REV_NO_SUPPORTED. */
  SOFTWARE_REV_NOT_SUPPORTED: 1003,
  UNKNOWN_PID: 1004,
  INVALID_TABLE_SPECIFIED: 1005,
  PD_SERVICE_INACTIVE: 1006,
  UNKNOWN_ROUTING_CLIENT_ID: 1007,
  /** The v25 HTML table spells it CF_RC_SERVICE_INACTIVATE. */
  RC_SERVICE_INACTIVE: 1008,
  INVALID_DIALED_NUMBER: 1009,
  INVALID_PARAMETER: 1010,
  UNKNOWN_ROUTING_PROBLEM: 1011,
  UNSUPPORTED_PD_MESSAGE_REVISION: 1012,
  UNSUPPORTED_RC_MESSAGE_REVISION: 1013,
  UNSUPPORTED_IC_MESSAGE_REVISION: 1014,
  /** The v25 HTML table spells it CF_RC_SERVICE_INACTIVATE_PIM. */
  RC_SERVICE_INACTIVE_PIM: 1015,
  /** v15+. */
  AGENT_GREETING_CONTROL_OPERATION_FAILURE: 1016,
} as const;

// ---------------------------------------------------------------------------------------------
// §5.14 Call-control parameters
// ---------------------------------------------------------------------------------------------

/** CallPlacementType (§5.14). Guide name: CPT_<key>. */
export const CALL_PLACEMENT_TYPE = {
  UNSPECIFIED: 0,
  /** Inside call. */
  LINE_CALL: 1,
  /** Requires a call control table. */
  OUTBOUND: 2,
  OUTBOUND_NO_ACCESS_CODE: 3,
  DIRECT_POSITION: 4,
  DIRECT_AGENT: 5,
  SUPERVISOR_ASSIST: 6,
} as const;

/** CallMannerType (§5.14). Guide name: CMT_<key>. */
export const CALL_MANNER_TYPE = {
  UNSPECIFIED: 0,
  /** Only if the originator is idle. */
  POLITE: 1,
  /** MAKE_CALL only: an Available agent is forced Not Ready (reason 50006) for the call. */
  BELLIGERENT: 2,
  /** Idle or dial tone. */
  SEMI_POLITE: 3,
  RESERVED: 4,
} as const;

/** CallOption (§5.14). Guide name: COPT_<key>. */
export const CALL_OPTION = {
  UNSPECIFIED: 0,
  CALLING_AGENT_ONLINE: 1,
  /** Obsolete (DMS-100), as are 3–5. */
  CALLING_AGENT_RESERVED: 2,
  CALLING_AGENT_NOT_RESERVED: 3,
  CALLING_AGENT_BUZZ_BASE: 4,
  CALLING_AGENT_BEEP_HSET: 5,
  SERVICE_CIRCUIT_ON: 6,
} as const;

/** ConsultType (§5.14). Guide name: CT_<key>. */
export const CONSULT_TYPE = { UNSPECIFIED: 0, TRANSFER: 1, CONFERENCE: 2 } as const;

/** FacilityType (§5.14). Guide name: FT_<key>. */
export const FACILITY_TYPE = { UNSPECIFIED: 0, TRUNK_GROUP: 1, SKILL_GROUP: 2 } as const;

/** AnsweringMachine (§5.14). Guide name: AM_<key>. */
export const ANSWERING_MACHINE = {
  UNSPECIFIED: 0,
  CONNECT: 1,
  DISCONNECT: 2,
  /** No detection. */
  NONE: 3,
  NONE_NO_MODEM: 4,
  CONNECT_NO_MODEM: 5,
} as const;

/** AnswerDetectMode (§5.14). Guide name: ADM_<key>. */
export const ANSWER_DETECT_MODE = {
  UNSPECIFIED: 0,
  VOICE_THRESHOLD: 1,
  VOICE_END: 2,
  VOICE_END_DELAY: 3,
  VOICE_AND_BEEP: 4,
  BEEP: 5,
} as const;

/** AllocationState (§5.14). Guide name: ALLOC_<key>. */
export const ALLOCATION_STATE = { CALL_DELIVERED: 0, CALL_ESTABLISHED: 1 } as const;

/** DestinationCountry (§5.14). Guide name: DEST_<key>. */
export const DESTINATION_COUNTRY = { UNSPECIFIED: 0, US_AND_CANADA: 1 } as const;

/** ForwardType (§5.14). Guide name: FWT_<key>. */
export const FORWARD_TYPE = {
  IMMEDIATE: 0,
  BUSY: 1,
  NO_ANS: 2,
  BUSY_INT: 3,
  BUSY_EXT: 4,
  NO_ANS_INT: 5,
  NO_ANS_EXT: 6,
} as const;

// ---------------------------------------------------------------------------------------------
// §5.15 Device information and configuration
// ---------------------------------------------------------------------------------------------

/** TypeOfDevice (QUERY_DEVICE_INFO_CONF; §5.15). Guide name: DEVT_<key> (prefix from the v25 constants chapter). */
export const TYPE_OF_DEVICE = {
  STATION: 0,
  LINE: 1,
  BUTTON: 2,
  ACD: 3,
  TRUNK: 4,
  OPERATOR: 5,
  STATION_GROUP: 16,
  LINE_GROUP: 17,
  BUTTON_GROUP: 18,
  ACD_GROUP: 19,
  TRUNK_GROUP: 20,
  OPERATOR_GROUP: 21,
  CTI_PORT_SCCP: 22,
  CTI_PORT_SIP: 23,
  OTHER: 255,
} as const;

/** ClassOfDevice bits (§5.15). Guide name: DEVC_<key> (prefix from the v25 constants chapter). */
export const CLASS_OF_DEVICE = { OTHER: 0x10, IMAGE: 0x20, DATA: 0x40, VOICE: 0x80 } as const;

/** TransferConferenceSetup bits (§5.15). No shared prefix: keys are the doc's names. */
export const TRANSFER_CONFERENCE_SETUP = {
  CONF_SETUP_CONSULT_SPECIFIC: 0x01,
  CONF_SETUP_CONSULT_ANY: 0x02,
  CONF_SETUP_CONN_HELD: 0x04,
  CONF_SETUP_ANY_TWO_CALLS: 0x08,
  CONF_SETUP_SINGLE_ACD_CALL: 0x10,
  TRANS_SETUP_SINGLE_ACD_CALL: 0x20,
  CONF_SETUP_ANY_SINGLE_CALL: 0x40,
  TRANS_SETUP_ANY_SINGLE_CALL: 0x80,
} as const;

/** CallControlSupported bits (§5.15), named after the request each bit allows (the doc gives no prefix). */
export const CALL_CONTROL_SUPPORTED = {
  QUERY_AGENT_STATE: 0x1,
  SET_AGENT_STATE: 0x2,
  ALTERNATE_CALL: 0x4,
  ANSWER_CALL: 0x8,
  CLEAR_CALL: 0x10,
  CLEAR_CONNECTION: 0x20,
  CONFERENCE_CALL: 0x40,
  CONSULTATION_CALL: 0x80,
  DEFLECT_CALL: 0x100,
  HOLD_CALL: 0x200,
  MAKE_CALL: 0x400,
  MAKE_PREDICTIVE_CALL: 0x800,
  RECONNECT_CALL: 0x1000,
  RETRIEVE_CALL: 0x2000,
  TRANSFER_CALL: 0x4000,
  QUERY_DEVICE_INFO: 0x8000,
  SNAPSHOT_CALL: 0x10000,
  SNAPSHOT_DEVICE: 0x20000,
  SEND_DTMF_SIGNAL: 0x40000,
} as const;

/** OtherFeaturesSupported bits (§5.15). Guide name: FEATURE_<key>. */
export const OTHER_FEATURES_SUPPORTED = { POST_ROUTE: 0x1, UNIQUE_CONSULT_CALLID: 0x2 } as const;

/**
 * DeskSettingsMask bits of AGENT_DESK_SETTINGS_CONF, as the guide's Desk Settings Mask
 * table gives them (v25, Miscellaneous Service; same order in HS). The guide's names
 * are DESK_<key>_MASK, with OUTBOUND_ACCESS_ before the four outbound-access keys.
 */
export const AGENT_DESK_SETTINGS = {
  AVAIL_AFTER_INCOMING: 0x1,
  AVAIL_AFTER_OUTGOING: 0x2,
  AUTO_ANSWER_ENABLED: 0x4,
  IDLE_REASON_REQUIRED: 0x8,
  LOGOUT_REASON_REQUIRED: 0x10,
  SUPERVISOR_CALLS_ALLOWED: 0x20,
  AGENT_TO_AGENT_CALLS_ALLOWED: 0x40,
  OUTBOUND_INTERNATIONAL: 0x80,
  PUBLIC_NET: 0x100,
  PRIVATE_NET: 0x200,
  OPERATOR_ASSISTED: 0x400,
  PBX: 0x800,
  NON_ACD_CALLS_ALLOWED: 0x1000,
  AGENT_CAN_SELECT_GROUP: 0x2000,
} as const;

/** CallVariableMask (USHORT, HS; §5.15): bit n-1 = CallVariable n. Descriptive names. */
export const CALL_VARIABLE_MASK = {
  CALL_VARIABLE_1: 0x001,
  CALL_VARIABLE_2: 0x002,
  CALL_VARIABLE_3: 0x004,
  CALL_VARIABLE_4: 0x008,
  CALL_VARIABLE_5: 0x010,
  CALL_VARIABLE_6: 0x020,
  CALL_VARIABLE_7: 0x040,
  CALL_VARIABLE_8: 0x080,
  CALL_VARIABLE_9: 0x100,
  CALL_VARIABLE_10: 0x200,
} as const;

/** ConfigInformation / OPEN_REQ.ConfigMsgMask bits (§2.2, §5.15), descriptive names. A desktop sends 0. */
export const CONFIG_MSG_MASK = {
  SERVICE: 1,
  SKILL_GROUP: 2,
  AGENT: 4,
  DEVICE: 8,
  CALL_TYPE: 16,
  /** v20+. */
  MRD: 32,
  /** v22+ (listed in §5.15, not in §2.2). */
  PERIPHERAL: 64,
  /** v25. */
  TERMINAL: 256,
} as const;

/** CONFIG_END status (§5.15). */
export const CONFIG_END_STATUS = {
  SUCCESS: 0,
  NO_SERVICE_PROVIDER: 1,
  UNKNOWN_CUSTOMER: 2,
  INVALID: 3,
  EMPTY: 4,
  PARTIAL: 5,
} as const;

/** CONFIG_KEY status (§5.15). */
export const CONFIG_KEY_STATUS = { SUCCESS: 0, SERVICE_PROVIDER: 1, NO_KEY_SUPPORT: 2, UNKNOWN_CUSTOMER: 3 } as const;

// ---------------------------------------------------------------------------------------------
// §5.16 Limits (not an enumeration: no registry entry)
// ---------------------------------------------------------------------------------------------

/** Sizes and list limits (§5.16). The first six are the guide's constants; the rest are ours. */
export const LIMITS = {
  MAX_NUM_CTI_CLIENTS: 16,
  MAX_NUM_PARTIES: 16,
  MAX_NUM_DEVICES: 16,
  MAX_NUM_CALLS: 16,
  MAX_NUM_SKILL_GROUPS: 20,
  MAX_NUM_LINES: 10,
  /** Skill groups in SET_AGENT_STATE_REQ. */
  MAX_SET_AGENT_STATE_SKILL_GROUPS: 10,
  /** Floating skill-group sets in AGENT_STATE_EVENT. */
  MAX_AGENT_STATE_EVENT_SKILL_GROUPS: 99,
  /** Team members per AGENT_TEAM_CONFIG_EVENT. */
  MAX_AGENT_TEAM_CONFIG_MEMBERS: 64,
  /** Teams per LIST_AGENT_TEAM_CONF. */
  MAX_LIST_AGENT_TEAMS: 64,
  /** ECC (named variable + array) bytes per message; more → E_CTI_TOO_MUCH_DATA. */
  MAX_ECC_BYTES: 2000,
} as const;

// ---------------------------------------------------------------------------------------------
// Registry
// ---------------------------------------------------------------------------------------------

/** One registry entry: a table plus what is needed to name its values the guide's way. */
export interface Enumeration<T extends EnumTable = EnumTable> {
  /** 'enum': one value at a time. 'mask': independent bits, OR-ed together. */
  readonly kind: 'enum' | 'mask';
  readonly values: T;
  /** Where ged188.md defines it. */
  readonly section: string;
  /** Guide name = prefix + key + suffix, unless listed in `overrides`. */
  readonly prefix: string;
  readonly suffix: string;
  /** Entries whose guide name does not follow prefix + key + suffix: key → guide name. */
  readonly overrides: Readonly<Record<string, string>>;
  /** True when the sources give meanings only: the keys are our names, not the guide's. */
  readonly descriptive: boolean;
  /** Values that also read as a name on decode but are never sent (EventCause 0 → NONE). */
  readonly decodeAliases: ReadonlyMap<number, string>;
}

interface EnumerationOptions<T extends EnumTable> {
  readonly prefix?: string;
  readonly suffix?: string;
  readonly overrides?: Readonly<Partial<Record<Extract<keyof T, string>, string>>>;
  readonly descriptive?: boolean;
  readonly decodeAliases?: readonly (readonly [number, Extract<keyof T, string>])[];
}

function entry<T extends EnumTable>(
  kind: 'enum' | 'mask',
  values: T,
  section: string,
  options: EnumerationOptions<T> = {},
): Enumeration<T> {
  return {
    kind,
    values,
    section,
    prefix: options.prefix ?? '',
    suffix: options.suffix ?? '',
    overrides: (options.overrides ?? {}) as Readonly<Record<string, string>>,
    descriptive: options.descriptive ?? false,
    decodeAliases: new Map(options.decodeAliases ?? []),
  };
}

/** Keys kept verbatim (their guide name is the key itself). */
function verbatim<T extends EnumTable>(values: T, keep: (key: string) => boolean): Partial<Record<Extract<keyof T, string>, string>> {
  return Object.fromEntries(Object.keys(values).filter(keep).map((key) => [key, key])) as Partial<Record<Extract<keyof T, string>, string>>;
}

const CALL_TYPE_UNPREFIXED = /^(NULL_CALLTYPE|RESERVATION_|CUSTOMER_)/;

/**
 * Every enumeration and mask, under a stable key named after the guide's field or type name,
 * so a tool can say "AgentState 3 = AVAILABLE" (`describeValue`). Keys are part of the API.
 */
export const ENUMERATIONS = {
  ServicesMask: entry('mask', SERVICE, '§2.4', {
    prefix: 'CTI_SERVICE_',
    overrides: { AGENT_STATE_CONTROL_ONLY: 'CTI_AGENT_STATE_CONTROL_ONLY', DEVICE_STATE_CONTROL: 'CTI_DEVICE_STATE_CONTROL' },
  }),
  CallMsgMask: entry('mask', CALL_MSG_MASK, '§2.5', { suffix: '_MASK' }),
  AgentStateMask: entry('mask', AGENT_STATE_MASK, '§2.6', { prefix: 'AGENT_', suffix: '_MASK' }),
  Status: entry('enum', STATUS, '§2.10'),
  AgentState: entry('enum', AGENT_STATE, '§5.1', { prefix: 'AGENT_STATE_' }),
  InternalAgentState: entry('enum', INTERNAL_AGENT_STATE, '§5.1', { prefix: 'AGENT_STATE_' }),
  AgentWorkMode: entry('enum', AGENT_WORK_MODE, '§5.2'),
  AgentMode: entry('enum', AGENT_MODE, '§5.2'),
  AgentAvailabilityStatus: entry('enum', AGENT_AVAILABILITY_STATUS, '§5.2'),
  ForcedFlag: entry('enum', FORCED_FLAG, '§5.2', { descriptive: true }),
  AgentServiceReq: entry('mask', AGENT_SERVICE_REQ, '§5.2'),
  AgentFlags: entry('mask', AGENT_FLAGS, '§5.2', { descriptive: true }),
  Direction: entry('enum', DIRECTION, '§5.2', { descriptive: true }),
  SessionType: entry('enum', SESSION_TYPE, '§5.2', { descriptive: true }),
  MultilineAgentControl: entry('enum', MULTILINE_AGENT_CONTROL, '§5.2', { descriptive: true }),
  SilentMonitorStatus: entry('enum', SILENT_MONITOR_STATUS, '§5.2', { prefix: 'SILENT_MONITOR_' }),
  Distribution: entry('enum', DISTRIBUTION, '§5.2', { prefix: 'DISTRIBUTE_TO_' }),
  SupervisoryAction: entry('enum', SUPERVISORY_ACTION, '§5.2', { prefix: 'SUPERVISOR_' }),
  ClientEventReportState: entry('enum', CLIENT_EVENT_REPORT_STATE, '§5.2', { descriptive: true }),
  AgentTeamConfigOperation: entry('enum', AGENT_TEAM_CONFIG_OPERATION, '§5.2', { descriptive: true }),
  AgentType: entry('enum', AGENT_TYPE, '§5.2', { descriptive: true }),
  RecordType: entry('enum', RECORD_TYPE, '§5.2', { descriptive: true }),
  AgentGreetingAction: entry('enum', AGENT_GREETING_ACTION, '§5.2', { descriptive: true }),
  PGStatus: entry('mask', PG_STATUS, '§5.3', { prefix: 'PGS_' }),
  SystemEventID: entry('enum', SYSTEM_EVENT_ID, '§5.4', { prefix: 'SYS_' }),
  PeripheralType: entry('enum', PERIPHERAL_TYPE, '§5.5', { prefix: 'PT_' }),
  LocalConnectionState: entry('enum', LOCAL_CONNECTION_STATE, '§5.6', { prefix: 'LCS_' }),
  EventCause: entry('enum', EVENT_CAUSE, '§5.7', {
    prefix: 'CEC_',
    overrides: verbatim(EVENT_CAUSE, (key) => key.startsWith('CECX_')),
    decodeAliases: [[0, 'NONE']],
  }),
  DeviceIDType: entry('enum', DEVICE_ID_TYPE, '§5.8', { prefix: 'DEVID_' }),
  ConnectionDeviceIDType: entry('enum', CONNECTION_DEVICE_ID_TYPE, '§5.9', { prefix: 'CONNECTION_ID_' }),
  LineType: entry('enum', LINE_TYPE, '§5.10', { prefix: 'LINETYPE_' }),
  CallType: entry('enum', CALL_TYPE, '§5.11', {
    prefix: 'CALLTYPE_',
    overrides: verbatim(CALL_TYPE, (key) => CALL_TYPE_UNPREFIXED.test(key)),
  }),
  Disposition: entry('enum', DISPOSITION, '§5.12'),
  ControlFailureCode: entry('enum', CONTROL_FAILURE_CODE, '§5.13', { prefix: 'CF_' }),
  CallPlacementType: entry('enum', CALL_PLACEMENT_TYPE, '§5.14', { prefix: 'CPT_' }),
  CallMannerType: entry('enum', CALL_MANNER_TYPE, '§5.14', { prefix: 'CMT_' }),
  CallOption: entry('enum', CALL_OPTION, '§5.14', { prefix: 'COPT_' }),
  ConsultType: entry('enum', CONSULT_TYPE, '§5.14', { prefix: 'CT_' }),
  FacilityType: entry('enum', FACILITY_TYPE, '§5.14', { prefix: 'FT_' }),
  AnsweringMachine: entry('enum', ANSWERING_MACHINE, '§5.14', { prefix: 'AM_' }),
  AnswerDetectMode: entry('enum', ANSWER_DETECT_MODE, '§5.14', { prefix: 'ADM_' }),
  AllocationState: entry('enum', ALLOCATION_STATE, '§5.14', { prefix: 'ALLOC_' }),
  DestinationCountry: entry('enum', DESTINATION_COUNTRY, '§5.14', { prefix: 'DEST_' }),
  ForwardType: entry('enum', FORWARD_TYPE, '§5.14', { prefix: 'FWT_' }),
  TypeOfDevice: entry('enum', TYPE_OF_DEVICE, '§5.15', { prefix: 'DEVT_' }),
  ClassOfDevice: entry('mask', CLASS_OF_DEVICE, '§5.15', { prefix: 'DEVC_' }),
  TransferConferenceSetup: entry('mask', TRANSFER_CONFERENCE_SETUP, '§5.15'),
  CallControlSupported: entry('mask', CALL_CONTROL_SUPPORTED, '§5.15'),
  OtherFeaturesSupported: entry('mask', OTHER_FEATURES_SUPPORTED, '§5.15', { prefix: 'FEATURE_' }),
  AgentDeskSettings: entry('mask', AGENT_DESK_SETTINGS, '§5.15', { descriptive: true }),
  CallVariableMask: entry('mask', CALL_VARIABLE_MASK, '§5.15', { descriptive: true }),
  ConfigMsgMask: entry('mask', CONFIG_MSG_MASK, '§5.15', { descriptive: true }),
  ConfigEndStatus: entry('enum', CONFIG_END_STATUS, '§5.15'),
  ConfigKeyStatus: entry('enum', CONFIG_KEY_STATUS, '§5.15'),
} as const;

export type EnumerationKey = keyof typeof ENUMERATIONS;

// ---------------------------------------------------------------------------------------------
// Lookups
// ---------------------------------------------------------------------------------------------

/** The first key per value, in declaration order (so STATUS 2 reads as its v25 name). */
const reverseMaps = new WeakMap<EnumTable, ReadonlyMap<number, string>>();

function reverseOf(table: EnumTable): ReadonlyMap<number, string> {
  let map = reverseMaps.get(table);
  if (!map) {
    const built = new Map<number, string>();
    for (const [name, value] of Object.entries(table)) if (!built.has(value)) built.set(value, name);
    reverseMaps.set(table, built);
    map = built;
  }
  return map;
}

const decodeAliasesByTable = new Map<EnumTable, ReadonlyMap<number, string>>(
  Object.values(ENUMERATIONS)
    .filter((e) => e.decodeAliases.size > 0)
    .map((e) => [e.values, e.decodeAliases]),
);

/**
 * The key of `value` in `table`, or undefined. When a value has two names the first
 * declared wins. Decode aliases count: enumName(EVENT_CAUSE, 0) is 'NONE' (§7 #8).
 */
export function enumName<T extends EnumTable>(table: T, value: number): Extract<keyof T, string> | undefined {
  const name = reverseOf(table).get(value) ?? decodeAliasesByTable.get(table)?.get(value);
  return name as Extract<keyof T, string> | undefined;
}

/** `0x` and eight upper-case hex digits, the way the guide writes masks. */
export function hex32(value: number): `0x${string}` {
  return `0x${(value >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

/**
 * The keys of the bits set in `mask`, in table order, followed by a `0x…` remainder when
 * bits the table does not know are set. A zero mask gives [].
 */
export function maskNames<T extends EnumTable>(table: T, mask: number): (Extract<keyof T, string> | `0x${string}`)[] {
  const bits = mask >>> 0;
  const names: (Extract<keyof T, string> | `0x${string}`)[] = [];
  let known = 0;
  for (const [name, bit] of Object.entries(table)) {
    if (bit !== 0 && ((bits & bit) >>> 0) === bit) {
      names.push(name as Extract<keyof T, string>);
      known = (known | bit) >>> 0;
    }
  }
  const rest = (bits & ~known) >>> 0;
  if (rest !== 0) names.push(hex32(rest));
  return names;
}

/** Name of `value` in the registry's table `key` (enum tables), or undefined. */
export function lookupName(key: EnumerationKey, value: number): string | undefined {
  const e: Enumeration = ENUMERATIONS[key];
  return enumName(e.values, value);
}

/**
 * The guide's full constant name for a key of table `key`, e.g.
 * guideName('AgentState', 'AVAILABLE') = 'AGENT_STATE_AVAILABLE',
 * guideName('CallMsgMask', 'BEGIN_CALL') = 'BEGIN_CALL_MASK'. Undefined for unknown keys.
 * For `descriptive` tables the result is our name: the sources have none.
 */
export function guideName(key: EnumerationKey, name: string): string | undefined {
  const e: Enumeration = ENUMERATIONS[key];
  if (!Object.hasOwn(e.values, name)) return undefined;
  return e.overrides[name] ?? `${e.prefix}${name}${e.suffix}`;
}

/**
 * One line for logs and tools: "AgentState 3 = AVAILABLE", "AgentState 99 = (unknown)",
 * "ServicesMask 0x00000007 = CLIENT_EVENTS | CALL_DATA_UPDATE | CLIENT_CONTROL", "PGStatus 0x00000000 = (none)".
 */
export function describeValue(key: EnumerationKey, value: number): string {
  const e: Enumeration = ENUMERATIONS[key];
  if (e.kind === 'mask') {
    const names = maskNames(e.values, value);
    return `${key} ${hex32(value)} = ${names.length > 0 ? names.join(' | ') : '(none)'}`;
  }
  return `${key} ${value} = ${enumName(e.values, value) ?? '(unknown)'}`;
}

/** True for both encodings of "no cause": CEC_NONE 0xFFFF (the guide) and 0 (HS), §7 #8. */
export function isEventCauseNone(value: number): boolean {
  return value === EVENT_CAUSE.NONE || value === 0;
}
