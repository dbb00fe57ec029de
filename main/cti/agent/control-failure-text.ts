import { CONTROL_FAILURE_CODE, enumName, STATUS } from '../../../ged188/index.js';

/** Words for the failures a person at the desk can cause or fix (design.md principle 7). */
const SAID: Readonly<Partial<Record<keyof typeof CONTROL_FAILURE_CODE, string>>> = {
  SPECIFIED_AGENT_ALREADY_SIGNED_ON: 'agent is already logged in',
  INVALID_PASSWORD_SPECIFIED: 'the password is wrong',
  INVALID_AGENT_ID_OR_PASSWORD_SPECIFIED: 'the agent id or password is wrong',
  INVALID_AGENT_ID_SPECIFIED: 'the agent id is not known or the agent is not logged in',
  INVALID_LOGON_DEVICE_SPECIFIED: 'the agent cannot log in on this phone',
  REASON_CODE_REQUIRED: 'a reason code is required',
  INVALID_AGENT_REASON_CODE: 'the reason code is not valid',
  WRAPUP_DATA_REQUIRED: 'wrap-up data is required',
  INVALID_OBJECT_STATE: 'not possible in the current state',
  GENERIC_STATE_INCOMPATIBILITY: 'not possible in the current state',
  NO_ACTIVE_CALL: 'there is no active call',
  NO_HELD_CALL: 'there is no held call',
  NO_CALL_TO_ANSWER: 'there is no call to answer',
  NO_CALL_TO_CLEAR: 'there is no call to hang up',
  NO_CONNECTION_TO_CLEAR: 'there is no connection to hang up',
  NO_CALL_TO_COMPLETE: 'there is no call to complete',
  INVALID_CSTA_CALL_IDENTIFIER: 'the call no longer exists',
  AGENT_NOT_PARTY_ON_CALL: 'the agent is not on that call',
  INVALID_DESTINATION: 'the number cannot be dialled',
  INVALID_CALLED_DEVICE: 'the number cannot be dialled',
  INVALID_DIALED_NUMBER: 'the number cannot be dialled',
  PRIVILEGE_VIOLATION_ON_SPECIFIED_DEVICE: 'not allowed for this agent',
  AGENT_ACCOUNT_LOCKED_OUT: 'the agent account is locked',
  SPECIFIED_EXTENSION_ALREADY_IN_USE: 'the extension is already in use',
  RESOURCE_BUSY: 'the line is busy',
};

/** A CONTROL_FAILURE_CONF in words, naming the code so administrators can look it up. */
export function describeControlFailure(code: number, peripheralErrorCode = 0): string {
  const name = enumName(CONTROL_FAILURE_CODE, code);
  const said = name ? SAID[name] : undefined;
  const label = name ? `CF_${name}` : `failure code ${code}`;
  const peripheral = peripheralErrorCode ? `, peripheral error ${peripheralErrorCode}` : '';
  return said ? `${said} (${label}${peripheral})` : `${label.replace(/_/g, ' ').toLowerCase()} (${label}${peripheral})`;
}

/** A FAILURE_CONF status in words. */
export function describeStatusCode(status: number): string {
  return enumName(STATUS, status) ?? `status ${status}`;
}
