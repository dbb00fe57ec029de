import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkDuplicateLogin, newSelection, type DuplicateLoginPolicy } from '../../../main/cti/agent/agent-selection.js';
import { PendingSetAgent } from '../../../main/cti/agent/pending-set-agent.js';
import type { AgentStateName } from '../../../contract/index.js';

const identity = { agentId: '1001', instrument: '3001', peripheralId: 5000 };

describe('the duplicate login check (ctios.md §2.5)', () => {
  const check = (state: AgentStateName, duplicateLogin?: DuplicateLoginPolicy) => {
    const selection = { ...newSelection({ identity, ...(duplicateLogin ? { duplicateLogin } : {}) }, 0), state };
    return { verdict: checkDuplicateLogin(selection), alreadyLoggedIn: selection.alreadyLoggedIn };
  };

  it('says nothing of an agent logged out', () => {
    expect(check('logout', 'reject')).toEqual({ verdict: undefined, alreadyLoggedIn: false });
  });

  it('warns by default, refuses under Reject, and lets it be under Allow', () => {
    expect(check('not-ready')).toEqual({ verdict: { warn: 'agent 1001 is already logged in (not-ready): another desktop may be using it' }, alreadyLoggedIn: true });
    expect(check('available', 'reject')).toEqual({ verdict: { refuse: 'agent 1001 is already logged in (available); this desktop is set to refuse a second login' }, alreadyLoggedIn: true });
    expect(check('talking', 'allow')).toEqual({ verdict: undefined, alreadyLoggedIn: true });
  });
});

describe('SetAgent’s pending answer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('resolves with what the restore found', async () => {
    const pending = new PendingSetAgent(1000);
    const answer = pending.wait('1001', () => Promise.resolve());
    await vi.advanceTimersByTimeAsync(0);
    pending.resolve({ alreadyLoggedIn: false, state: 'logout' });
    await expect(answer).resolves.toEqual({ alreadyLoggedIn: false, state: 'logout' });
    expect(pending.reject(new Error('late'))).toBe(false);
  });

  it('refuses the one waiting when another SetAgent comes, and says when nobody waits', async () => {
    const pending = new PendingSetAgent(1000);
    const first = pending.wait('1001', () => Promise.resolve());
    const second = pending.wait('1002', () => Promise.resolve());
    await expect(first).rejects.toMatchObject({ code: 'failed', message: 'replaced by another SetAgent' });
    expect(pending.reject(new Error('refused'))).toBe(true);
    await expect(second).rejects.toThrow('refused');
  });

  it('gives up at the deadline with what to do', async () => {
    const pending = new PendingSetAgent(1000);
    const answer = pending.wait('1001', () => Promise.resolve());
    const outcome = expect(answer).rejects.toMatchObject({ code: 'unavailable', message: 'CTI Server did not open a session for agent 1001 within 1 s' });
    await vi.advanceTimersByTimeAsync(1000);
    await outcome;
  });

  it('fails with the open that failed', async () => {
    const pending = new PendingSetAgent(1000);
    await expect(pending.wait('1001', () => Promise.reject(new Error('no link')))).rejects.toThrow('no link');
    expect(vi.getTimerCount()).toBe(0);
  });
});
