import { describe, expect, it } from 'vitest';
import { CONTROL_FAILURE_CODE, STATUS } from '../../../ged188/index.js';
import type { Call, ConnectionState } from '../../../contract/index.js';
import { buildMessage } from '../../../ged188/index.js';
import { agentStateMisfit, callEventMisfit, RecentlyEnded, refusedForUnknownCall } from '../../../main/cti/agent/model-agreement.js';
import { applyCallEvent, EMPTY_CALL_TABLE } from '../../../main/cti/calls/index.js';

const base = { PeripheralID: 5000, ConnectionDeviceID: '3001' };
const table = applyCallEvent(EMPTY_CALL_TABLE, buildMessage('BEGIN_CALL_EVENT', { ...base, ConnectionCallID: 7 }), 0).table;

describe('call events that do not fit', () => {
  const ended = new RecentlyEnded();
  ended.add('5000.6');

  it('fit when they name a call the desktop holds, or begin one', () => {
    expect(callEventMisfit(table, ended, buildMessage('CALL_ESTABLISHED_EVENT', { ...base, ConnectionCallID: 7, LocalConnectionState: 3 }))).toBeUndefined();
    expect(callEventMisfit(table, ended, buildMessage('BEGIN_CALL_EVENT', { ...base, ConnectionCallID: 8 }))).toBeUndefined();
    expect(callEventMisfit(table, ended, buildMessage('CALL_DELIVERED_EVENT', { ...base, ConnectionCallID: 8, LocalConnectionState: 2 }))).toBeUndefined();
    expect(callEventMisfit(table, ended, buildMessage('AGENT_STATE_EVENT', { AgentState: 3 }))).toBeUndefined();
    // Ending what is already gone changes nothing.
    expect(callEventMisfit(table, ended, buildMessage('END_CALL_EVENT', { ...base, ConnectionCallID: 6 }))).toBeUndefined();
  });

  it('do not fit when they name a call that ended, or one that never began', () => {
    expect(callEventMisfit(table, ended, buildMessage('BEGIN_CALL_EVENT', { ...base, ConnectionCallID: 6 }))).toBe('BEGIN_CALL_EVENT for call 5000.6, which has ended');
    expect(callEventMisfit(table, ended, buildMessage('CALL_CONNECTION_CLEARED_EVENT', { ...base, ConnectionCallID: 6, LocalConnectionState: 0 }))).toMatch(/which has ended/);
    expect(callEventMisfit(table, ended, buildMessage('CALL_HELD_EVENT', { ...base, ConnectionCallID: 9, LocalConnectionState: 4 }))).toBe('CALL_HELD_EVENT for call 5000.9, which this desktop never heard begin');
  });

  it('remember a bounded number of ended calls', () => {
    const few = new RecentlyEnded(2);
    for (const key of ['5000.1', '5000.2', '5000.3'] as const) few.add(key);
    expect([few.has('5000.1'), few.has('5000.2'), few.has('5000.3')]).toEqual([false, true, true]);
  });
});

describe('agent states that contradict the calls', () => {
  const call = { key: '5000.7' } as Call;
  const on = (localState: ConnectionState | undefined) => [{ call, localState }];

  it('Ready, Not Ready or wrap-up with a call connected or held on the phone', () => {
    expect(agentStateMisfit('available', on('connect'))).toBe('the agent is available while call 5000.7 is connected on the phone');
    expect(agentStateMisfit('work-not-ready', on('hold'))).toBe('the agent is work-not-ready while call 5000.7 is held on the phone');
    expect(agentStateMisfit('not-ready', on('alerting'))).toBeUndefined();
    expect(agentStateMisfit('available', [])).toBeUndefined();
  });

  it('Talking or Hold with no call on the phone', () => {
    expect(agentStateMisfit('talking', [])).toBe('the agent is talking with no call on the phone');
    expect(agentStateMisfit('hold', on(undefined))).toMatch(/no call/);
    expect(agentStateMisfit('talking', on('connect'))).toBeUndefined();
    expect(agentStateMisfit('reserved', [])).toBeUndefined();
  });
});

describe('refusals that say the server does not have the call', () => {
  it('are the unknown-call and wrong-state failure codes, not the others', () => {
    const refused = (FailureCode: number) => refusedForUnknownCall(buildMessage('CONTROL_FAILURE_CONF', { FailureCode }));
    expect(refused(CONTROL_FAILURE_CODE.INVALID_CSTA_CALL_IDENTIFIER)).toBe(true);
    expect(refused(CONTROL_FAILURE_CODE.NO_CALL_TO_ANSWER)).toBe(true);
    expect(refused(CONTROL_FAILURE_CODE.AGENT_NOT_PARTY_ON_CALL)).toBe(true);
    expect(refused(CONTROL_FAILURE_CODE.INVALID_PASSWORD_SPECIFIED)).toBe(false);
    expect(refusedForUnknownCall(buildMessage('FAILURE_CONF', { Status: STATUS.E_CTI_INVALID_CALLID }))).toBe(true);
    expect(refusedForUnknownCall(buildMessage('FAILURE_CONF', { Status: STATUS.E_CTI_TIMEOUT }))).toBe(false);
    expect(refusedForUnknownCall(buildMessage('ANSWER_CALL_CONF', {}))).toBe(false);
  });
});
