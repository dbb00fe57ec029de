import { describe, expect, it } from 'vitest';
import { clockDuration } from '../../../renderer/src/clock.js';

describe('clockDuration', () => {
  it('reads like a clock: minutes and seconds, hours once there are any', () => {
    expect(clockDuration(7_400)).toBe('0:07');
    expect(clockDuration(12 * 60_000 + 5_000)).toBe('12:05');
    expect(clockDuration(3_723_000)).toBe('1:02:03');
  });

  it('shows 0:00 when a skewed clock puts the start in the future', () => {
    expect(clockDuration(-1500)).toBe('0:00');
  });
});
