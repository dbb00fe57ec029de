/**
 * Enumerations and masks the session layer needs (ged188.md §2.4, §2.10, §5).
 * Each is a plain `as const` table so names and numbers live in one place.
 */

/** ServicesRequested / ServicesGranted bits (§2.4). */
export const SERVICE = {
  CLIENT_EVENTS: 0x00000001,
  CALL_DATA_UPDATE: 0x00000002,
  CLIENT_CONTROL: 0x00000004,
  CONNECTION_MONITOR: 0x00000008,
  ALL_EVENTS: 0x00000010,
  PERIPHERAL_MONITOR: 0x00000020,
  CLIENT_MONITOR: 0x00000040,
  SUPERVISOR: 0x00000080,
  ACTIVE_STANDBY: 0x02000000,
} as const;

/** Status codes of FAILURE_CONF, FAILURE_EVENT and CLOSE_REQ (§2.10). */
export const STATUS = {
  E_CTI_NO_ERROR: 0,
  E_CTI_INVALID_VERSION: 1,
  E_CTI_INVALID_MESSAGE_LENGTH: 2,
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
  E_CTI_BAD_MESSAGE_FORMAT: 25,
  E_CTI_INVALID_TAG_FOR_MSG_TYPE: 26,
  E_CTI_INVALID_PASSWORD: 36,
  E_CTI_CLIENT_DISCONNECTED: 37,
  E_CTI_INVALID_MSG_TYPE_FOR_VERSION: 48,
  E_CTI_INVALID_TAG_FOR_VERSION: 49,
  E_CTI_INVALID_CLIENT_FOR_STANDBY: 107,
  E_CTI_SERVER_IN_MAINTENANCE_MODE: 110,
} as const;

export type StatusName = keyof typeof STATUS;

const STATUS_NAMES: ReadonlyMap<number, StatusName> = new Map(
  (Object.entries(STATUS) as [StatusName, number][]).map(([name, code]) => [code, name]),
);

/** The guide's name for a status code, e.g. 15 → E_CTI_CTI_SERVER_OFFLINE. */
export function statusName(code: number): string {
  return STATUS_NAMES.get(code) ?? `status ${code}`;
}

/** OPEN_CONF.SessionType, v24+ (§5.2). */
export const SESSION_TYPE = { UNKNOWN: 0, ACTIVE: 1, STANDBY: 2 } as const;

/** PGStatusCode bits (§5.3). Zero means every component is up. */
export const PG_STATUS = {
  OPC_DOWN: 0x01,
  CC_DOWN: 0x02,
  PERIPHERAL_OFFLINE: 0x04,
  CTI_SERVER_OFFLINE: 0x08,
  LIMITED_FUNCTION: 0x10,
} as const;

/** PeripheralType (§5.5): UCCE on Unified CM presents 17. */
export const PERIPHERAL_TYPE = { NONE: 0xffff, ENTERPRISE_AGENT: 17 } as const;

/** AgentState (§5.1). */
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

/** Protocol versions this library can put on the wire (§6). */
export const MIN_PROTOCOL_VERSION = 13;
export const MAX_PROTOCOL_VERSION = 25;
