import { describe, expect, it } from 'vitest';
import { printable } from '../../../main/core/log-text.js';

describe('printable', () => {
  it('leaves ordinary text alone', () => {
    expect(printable('https://evil.example — ünïcode')).toBe('https://evil.example — ünïcode');
  });

  it('cuts long text and says how much was left out', () => {
    const text = printable('x'.repeat(14 * 1024), 200);
    expect(text).toBe(`${'x'.repeat(200)}… (${14 * 1024 - 200} more characters)`);
  });

  it('escapes control characters so one value cannot forge a second log line', () => {
    expect(printable('a\r\n2026-01-01 INFO forged\tb\u0000\u007f\u2028')).toBe('a\\x0d\\x0a2026-01-01 INFO forged\\x09b\\x00\\x7f\\u2028');
  });

  it('counts escapes against the limit and never splits an escape or a surrogate pair', () => {
    expect(printable('\n'.repeat(100), 10)).toBe('\\x0a\\x0a… (98 more characters)');
    expect(printable('ab😀', 3)).toBe('ab… (2 more characters)');
  });
});
