import type { AgentStateName, CommandFailure } from '../../contract/index.js';

/** The login form's fields a failure can be about; `form`: the whole login, not one field. */
export type LoginField = 'identity' | 'password' | 'instrument' | 'position' | 'workMode' | 'form';

/** Why a login failed, as the form says it: which field, and the message key (en.json `login.error.*`). */
export type LoginProblem =
  | {
      field: LoginField;
      kind: 'wrongPassword' | 'agentNotValid' | 'agentOrInstrumentNotValid' | 'alreadyLoggedIn' | 'alreadyLoggedInRefused' | 'instrumentNotValid' | 'instrumentInUse' | 'workModeNotValid' | 'outOfService';
    }
  /** The profile warns of a second login (ctios.md §2.5): the agent chooses to continue here or not. */
  | { field: 'identity'; kind: 'alreadyLoggedInWarn'; state: AgentStateName }
  | { field: LoginField; kind: 'other'; message: string };

/**
 * GED-188 codes (ged188/enumerations.ts; a unit test holds them equal) that name a
 * login field: CONTROL_FAILURE_CONF FailureCode, FAILURE_CONF Status.
 */
export const LOGIN_FAILURE_CODES = {
  INVALID_AGENT_ID_SPECIFIED: 256,
  INVALID_PASSWORD_SPECIFIED: 257,
  SPECIFIED_AGENT_ALREADY_SIGNED_ON: 259,
  INVALID_LOGON_DEVICE_SPECIFIED: 260,
  INVALID_AGENT_WORKMODE: 265,
} as const;
export const LOGIN_FAILURE_STATUSES = {
  E_CTI_INVALID_AGENT_DATA: 8,
  E_CTI_DEVICE_IN_USE: 10,
  E_CTI_CTI_SERVER_OFFLINE: 15,
  E_CTI_INVALID_DEVICE: 87,
} as const;

type KnownProblem = Exclude<LoginProblem, { kind: 'other' | 'alreadyLoggedInWarn' }>;

const BY_FAILURE_CODE: ReadonlyMap<number, KnownProblem> = new Map([
  [LOGIN_FAILURE_CODES.INVALID_AGENT_ID_SPECIFIED, { field: 'identity', kind: 'agentNotValid' }],
  [LOGIN_FAILURE_CODES.INVALID_PASSWORD_SPECIFIED, { field: 'password', kind: 'wrongPassword' }],
  [LOGIN_FAILURE_CODES.SPECIFIED_AGENT_ALREADY_SIGNED_ON, { field: 'identity', kind: 'alreadyLoggedIn' }],
  [LOGIN_FAILURE_CODES.INVALID_LOGON_DEVICE_SPECIFIED, { field: 'instrument', kind: 'instrumentNotValid' }],
  [LOGIN_FAILURE_CODES.INVALID_AGENT_WORKMODE, { field: 'workMode', kind: 'workModeNotValid' }],
]);

const BY_STATUS: ReadonlyMap<number, KnownProblem> = new Map([
  // CTI Server does not say which of the two it does not know; the instrument is the likelier typo.
  [LOGIN_FAILURE_STATUSES.E_CTI_INVALID_AGENT_DATA, { field: 'instrument', kind: 'agentOrInstrumentNotValid' }],
  [LOGIN_FAILURE_STATUSES.E_CTI_INVALID_DEVICE, { field: 'instrument', kind: 'instrumentNotValid' }],
  // Another desktop's session has this phone (the agent is logged in there, most likely).
  [LOGIN_FAILURE_STATUSES.E_CTI_DEVICE_IN_USE, { field: 'instrument', kind: 'instrumentInUse' }],
  [LOGIN_FAILURE_STATUSES.E_CTI_CTI_SERVER_OFFLINE, { field: 'form', kind: 'outOfService' }],
]);

/** The failure as a SoftphoneCommandError carries it (code, params, message). */
export type FailureFacts = Pick<CommandFailure, 'code' | 'message'> & { params: Readonly<Record<string, string | number | boolean>> };

/** Places a failed setAgent or login next to the field it concerns. */
export function loginProblem(failure: FailureFacts): LoginProblem {
  const { code, params } = failure;
  if (code === 'unavailable') return { field: 'form', kind: 'outOfService' };
  if (code === 'invalid-argument') return { field: fieldNamed(params.field), kind: 'other', message: failure.message };
  if (params.reason === 'already-logged-in') return { field: 'identity', kind: 'alreadyLoggedInRefused' };
  const byCode = typeof params.failureCode === 'number' ? BY_FAILURE_CODE.get(params.failureCode) : undefined;
  const byStatus = typeof params.status === 'number' ? BY_STATUS.get(params.status) : undefined;
  const known = byCode ?? byStatus;
  if (known) return known;
  return { field: 'form', kind: 'other', message: failure.message };
}

function fieldNamed(field: unknown): LoginField {
  switch (field) {
    case 'agentId':
    case 'loginName':
      return 'identity';
    case 'password':
      return 'password';
    case 'instrument':
      return 'instrument';
    case 'position':
      return 'position';
    case 'workMode':
      return 'workMode';
    default:
      return 'form';
  }
}
