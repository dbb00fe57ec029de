import { describe, expect, it } from 'vitest';
import { CONTROL_FAILURE_CODE, STATUS } from '../../../ged188/index.js';
import { LOGIN_FAILURE_CODES, LOGIN_FAILURE_STATUSES, loginProblem } from '../../../renderer/src/login-failure.js';

const failed = (params: Record<string, string | number | boolean>, message = 'login failed: something') => ({ code: 'failed' as const, message, params });

describe('loginProblem', () => {
  it('uses the GED-188 codes as ged188 defines them', () => {
    for (const [name, code] of Object.entries(LOGIN_FAILURE_CODES)) expect(CONTROL_FAILURE_CODE[name as keyof typeof CONTROL_FAILURE_CODE], name).toBe(code);
    for (const [name, status] of Object.entries(LOGIN_FAILURE_STATUSES)) expect(STATUS[name as keyof typeof STATUS], name).toBe(status);
  });

  it('puts each known failure beside the field it concerns', () => {
    expect(loginProblem(failed({ failureCode: CONTROL_FAILURE_CODE.INVALID_PASSWORD_SPECIFIED }))).toEqual({ field: 'password', kind: 'wrongPassword' });
    expect(loginProblem(failed({ failureCode: CONTROL_FAILURE_CODE.INVALID_LOGON_DEVICE_SPECIFIED }))).toEqual({ field: 'instrument', kind: 'instrumentNotValid' });
    expect(loginProblem(failed({ failureCode: CONTROL_FAILURE_CODE.SPECIFIED_AGENT_ALREADY_SIGNED_ON }))).toEqual({ field: 'identity', kind: 'alreadyLoggedIn' });
    expect(loginProblem(failed({ failureCode: CONTROL_FAILURE_CODE.INVALID_AGENT_WORKMODE }))).toEqual({ field: 'workMode', kind: 'workModeNotValid' });
    expect(loginProblem(failed({ reason: 'already-logged-in' }))).toEqual({ field: 'identity', kind: 'alreadyLoggedInRefused' });
    expect(loginProblem(failed({ status: STATUS.E_CTI_DEVICE_IN_USE }))).toEqual({ field: 'instrument', kind: 'instrumentInUse' });
    expect(loginProblem(failed({ status: STATUS.E_CTI_INVALID_AGENT_DATA }))).toEqual({ field: 'instrument', kind: 'agentOrInstrumentNotValid' });
    expect(loginProblem({ code: 'unavailable', message: 'out of service', params: {} })).toEqual({ field: 'form', kind: 'outOfService' });
  });

  it('places an argument main refused by its field and keeps main’s words', () => {
    expect(loginProblem({ code: 'invalid-argument', message: 'setAgent: instrument: too long', params: { field: 'instrument' } })).toEqual({
      field: 'instrument',
      kind: 'other',
      message: 'setAgent: instrument: too long',
    });
  });

  it('says anything else on the form, in main’s words', () => {
    expect(loginProblem(failed({ failureCode: 1 }, 'login failed: generic'))).toEqual({ field: 'form', kind: 'other', message: 'login failed: generic' });
  });
});
