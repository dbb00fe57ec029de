import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LogThrottle } from '../../../main/core/log-throttle.js';

describe('LogThrottle', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const throttle = (lines: string[]) =>
    new LogThrottle((line) => lines.push(line), {
      limit: 3,
      intervalMs: 10_000,
      summary: (count, seconds) => `refused ${count} more WebSocket upgrades in the last ${seconds}s`,
    });

  it('writes the first lines of an interval, then one summary of the rest when it ends', () => {
    const lines: string[] = [];
    const log = throttle(lines);
    for (let i = 1; i <= 13_500; i += 1) log.log(`refusal ${i}`);
    expect(lines).toEqual(['refusal 1', 'refusal 2', 'refusal 3']);
    vi.advanceTimersByTime(10_000);
    expect(lines).toEqual(['refusal 1', 'refusal 2', 'refusal 3', 'refused 13497 more WebSocket upgrades in the last 10s']);
  });

  it('starts afresh after the interval, and writes no summary when nothing was left out', () => {
    const lines: string[] = [];
    const log = throttle(lines);
    log.log('a');
    vi.advanceTimersByTime(10_000);
    log.log('b');
    log.log('c');
    log.log('d');
    log.log('e');
    expect(lines).toEqual(['a', 'b', 'c', 'd']);
    vi.advanceTimersByTime(10_000);
    expect(lines.at(-1)).toBe('refused 1 more WebSocket upgrades in the last 10s');
    vi.advanceTimersByTime(60_000);
    expect(lines).toHaveLength(5);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('flush writes the pending summary at once (on shutdown) and leaves no timer', () => {
    const lines: string[] = [];
    const log = throttle(lines);
    for (let i = 0; i < 5; i += 1) log.log('x');
    vi.advanceTimersByTime(2_000);
    log.flush();
    expect(lines.at(-1)).toBe('refused 2 more WebSocket upgrades in the last 2s');
    expect(vi.getTimerCount()).toBe(0);
  });
});
