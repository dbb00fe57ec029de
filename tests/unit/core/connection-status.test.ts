import { describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../../contract/index.js';
import { connectionStatusOf, nextConnectionStatus } from '../../../main/core/connection-status.js';

const sides = { A: { host: '10.1.1.1', port: 42027 }, B: { host: 'cti-b.example.org', port: 43027 } };

describe('connection status', () => {
  it('maps each session phase to what the status bar says', () => {
    expect(connectionStatusOf({ phase: 'stopped' }, sides, 5)).toEqual({ state: 'stopped', since: 5 });
    expect(connectionStatusOf({ phase: 'opening', side: 'A', attempt: 2, invokeId: 1, version: 25 }, sides, 5)).toEqual({
      state: 'connecting',
      side: 'A',
      endpoint: '10.1.1.1:42027',
      attempt: 2,
      since: 5,
    });
    expect(
      connectionStatusOf(
        { phase: 'waiting', side: 'B', attempt: 3, retryInMs: 1000, lastFailure: { side: 'A', reason: 'refused' } },
        sides,
        5,
      ),
    ).toEqual({ state: 'out-of-service', side: 'B', endpoint: 'cti-b.example.org:43027', attempt: 4, reason: 'refused', retryAt: 1005, since: 5 });
  });

  it('keeps the start of an outage across attempts, and restarts the clock once connected', () => {
    const connected: ConnectionStatus = { state: 'connected', side: 'A', endpoint: 'x:1', since: 100 };
    const retrying: ConnectionStatus = { state: 'out-of-service', side: 'B', endpoint: 'y:2', attempt: 2, reason: 'r', retryAt: 200, since: 200 };
    const outage = nextConnectionStatus(connected, retrying);
    expect(outage?.since).toBe(200);
    const connecting: ConnectionStatus = { state: 'connecting', side: 'B', endpoint: 'y:2', attempt: 2, since: 300 };
    expect(nextConnectionStatus(outage!, connecting)?.since).toBe(200);
    expect(nextConnectionStatus(connecting, { ...connected, side: 'B', since: 400 })?.since).toBe(400);
  });

  it('publishes nothing when only the time would change', () => {
    const connecting: ConnectionStatus = { state: 'connecting', side: 'A', endpoint: 'x:1', attempt: 1, since: 1 };
    expect(nextConnectionStatus(connecting, { ...connecting, since: 2 })).toBeUndefined();
  });
});
