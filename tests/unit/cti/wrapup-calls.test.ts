import { describe, expect, it } from 'vitest';
import type { Call } from '../../../contract/index.js';
import { ENDED_CALLS_KEPT, WrapupCalls } from '../../../main/cti/agent/wrapup-calls.js';

const call = (id: number): Call => ({
  key: `5000.${id}`,
  peripheralId: 5000,
  connectionCallId: id,
  variables: {},
  ecc: {},
  eccArrays: {},
  connections: [],
  cleared: true,
  since: 0,
});

describe('wrap-up bookkeeping', () => {
  it('keeps the last ended calls for wrap-up, the oldest going first', () => {
    const wrapup = new WrapupCalls();
    for (let id = 1; id <= ENDED_CALLS_KEPT + 1; id++) wrapup.keep(call(id));
    expect(wrapup.get('5000.1')).toBeUndefined();
    expect(wrapup.get('5000.2')?.connectionCallId).toBe(2);
    expect(wrapup.get(`5000.${ENDED_CALLS_KEPT + 1}`)).toBeDefined();
  });

  it('lets the calls go when the agent leaves the work states, not before', () => {
    const wrapup = new WrapupCalls();
    wrapup.keep(call(1));
    wrapup.agentState('work-not-ready');
    wrapup.agentState('work-ready');
    expect(wrapup.get('5000.1')).toBeDefined();
    wrapup.agentState('available');
    expect(wrapup.get('5000.1')).toBeUndefined();
  });

  it('counts wrap-up as done from its entry until the next call begins, and forgets all on reset', () => {
    const wrapup = new WrapupCalls();
    expect(wrapup.done).toBe(false);
    wrapup.wrapupEntered();
    wrapup.agentState('available');
    expect(wrapup.done).toBe(true);
    wrapup.callBegan();
    expect(wrapup.done).toBe(false);
    wrapup.keep(call(1));
    wrapup.wrapupEntered();
    wrapup.reset();
    expect(wrapup.done).toBe(false);
    expect(wrapup.get('5000.1')).toBeUndefined();
  });
});
