import { describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../../contract/index.js';
import { describeConnection, describeElapsed } from '../../../renderer/src/connection-text.js';
import { english } from '../../support/english.js';

const since = 1_700_000_000_000;

describe('describeConnection', () => {
  it('names the side and endpoint when connected', () => {
    const status: ConnectionStatus = { state: 'connected', side: 'A', endpoint: '127.0.0.1:42027', since };
    expect(english(describeConnection(status))).toBe('Connected · side A · 127.0.0.1:42027');
  });

  it('starts with "Connecting…" (one ellipsis character) while connecting', () => {
    const status: ConnectionStatus = { state: 'connecting', side: 'A', endpoint: '127.0.0.1:42027', attempt: 1, since };
    const text = english(describeConnection(status));
    expect(text).toBe('Connecting… side A · 127.0.0.1:42027');
    expect(text.startsWith('Connecting\u2026')).toBe(true);
  });

  it('names the next side and attempt when out of service, leaving the reason to its own line', () => {
    const status: ConnectionStatus = {
      state: 'out-of-service',
      side: 'B',
      endpoint: '127.0.0.1:42028',
      attempt: 3,
      reason: 'connection refused',
      retryAt: since + 2000,
      since,
    };
    const text = english(describeConnection(status));
    expect(text).toBe('Out of service — retrying side B · attempt 3');
    expect(text).not.toContain('connection refused');
  });

  it('says "Disconnecting…" while closing', () => {
    expect(english(describeConnection({ state: 'closing', side: 'B', endpoint: '127.0.0.1:42028', since }))).toBe('Disconnecting…');
  });

  it('says "Not connected" when stopped', () => {
    expect(english(describeConnection({ state: 'stopped', since }))).toBe('Not connected');
  });

  it('writes the side as "side A" or "side B" in every state that has one', () => {
    for (const side of ['A', 'B'] as const) {
      expect(english(describeConnection({ state: 'connected', side, endpoint: 'h:1', since }))).toContain(`side ${side}`);
      expect(english(describeConnection({ state: 'connecting', side, endpoint: 'h:1', attempt: 2, since }))).toContain(`side ${side}`);
    }
  });
});

describe('describeElapsed', () => {
  it.each([
    [0, 'for 0 s'],
    [12_400, 'for 12 s'],
    [59_999, 'for 59 s'],
    [60_000, 'for 1 min'],
    [3 * 60_000 + 5_000, 'for 3 min'],
    [60 * 60_000, 'for 1 h'],
    [2 * 60 * 60_000 + 5 * 60_000, 'for 2 h 5 min'],
    [-1500, 'for 0 s'],
  ])('%i ms reads "%s"', (ms, text) => {
    expect(english(describeElapsed(ms))).toBe(text);
  });
});
