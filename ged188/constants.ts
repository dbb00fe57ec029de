/**
 * The tables the session layer started with, now defined with every other enumeration in
 * enumerations.ts (ged188.md §2.4–§2.10, §5) and re-exported from here so existing imports
 * keep working: SERVICE, STATUS, SESSION_TYPE, PG_STATUS, PERIPHERAL_TYPE, AGENT_STATE.
 */
import { STATUS, enumName } from './enumerations.js';

export * from './enumerations.js';

export type StatusName = keyof typeof STATUS;

/** The guide's name for a status code, e.g. 15 → E_CTI_CTI_SERVER_OFFLINE (2 → the v25 name). */
export function statusName(code: number): string {
  return enumName(STATUS, code) ?? `status ${code}`;
}

/** Protocol versions this library can put on the wire (§6). */
export const MIN_PROTOCOL_VERSION = 13;
export const MAX_PROTOCOL_VERSION = 25;
