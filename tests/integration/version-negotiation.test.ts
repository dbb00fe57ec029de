import { afterEach, describe, expect, it } from 'vitest';
import { MAX_PROTOCOL_VERSION } from '../../ged188/index.js';
import { MonitorSession } from '../../main/cti/monitor/monitor-session.js';
import type { MonitorEvent } from '../../main/cti/monitor/monitor-events.js';
import { CtiSimulator, type SimulatorOptions } from '../../simulator/index.js';
import { coreHarness } from '../support/core-harness.js';
import { waitUntil } from '../support/wait-until.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});
const { startCore, waitFor, makeReady, talking, post, run } = coreHarness(cleanups);

/** A simulator whose log the test reads: which versions each side refused and opened with. */
async function startSimulator(maxVersion: SimulatorOptions['maxVersion']) {
  const log: string[] = [];
  const sim = await CtiSimulator.start({ maxVersion, log: (line) => log.push(line) });
  cleanups.push(() => sim.stop());
  const refusals = (side: 'A' | 'B') => log.filter((line) => line.startsWith(`side ${side} `) && line.includes('E_CTI_INVALID_VERSION')).length;
  return { sim, log, refusals };
}

const connectedOn = (side: 'A' | 'B', version: number) => (s: { connection: { state: string; side?: string; protocolVersion?: number } }) =>
  s.connection.state === 'connected' && s.connection.side === side && s.connection.protocolVersion === version;

describe('protocol version negotiation against the simulator', () => {
  it(`steps down from ${MAX_PROTOCOL_VERSION} to 20 on a v20 server, and works there: login, a routed call answered`, async () => {
    const { sim, refusals } = await startSimulator(20);
    const core = await startCore(sim);
    const state = await waitFor(core, connectedOn('A', 20), 'connected on A at version 20');
    expect(state.health.ctiServer.protocolVersions).toEqual({ A: 20, B: null });
    // One refusal per version above 20, on the same side: no failover, no back-off.
    expect(refusals('A')).toBe(MAX_PROTOCOL_VERSION - 20);
    expect(refusals('B')).toBe(0);
    expect(state.connectionEvents.filter((e) => e.event === 'OnConnectionFailure')).toEqual([]);
    await makeReady(core, { agentId: '1001', instrument: '3001' });
    await talking(sim, core);
  });

  it(`steps down from ${MAX_PROTOCOL_VERSION} to 15 (one-byte floating fields) and works there`, async () => {
    const { sim, refusals } = await startSimulator(15);
    const core = await startCore(sim);
    await waitFor(core, connectedOn('A', 15), 'connected on A at version 15');
    expect(refusals('A')).toBe(MAX_PROTOCOL_VERSION - 15);
    await makeReady(core, { agentId: '1001', instrument: '3001' });
    await talking(sim, core);
  });

  it('honours a pinned version: asks for it alone, and a server that refuses it fails the side as a protocol mismatch', async () => {
    const { sim, refusals } = await startSimulator(25);
    const pinned = await startCore(sim, { settings: { source: { kind: 'none' }, pinnedProtocolVersion: 20 } });
    await waitFor(pinned, connectedOn('A', 20), 'connected on A at the pinned version 20');
    expect(refusals('A')).toBe(0);

    const old = await startSimulator(20);
    const tooNew = await startCore(old.sim, { settings: { source: { kind: 'none' }, pinnedProtocolVersion: 24 } });
    const refused = await waitFor(tooNew, (s) => s.connectionEvents.some((e) => e.event === 'OnConnectionFailure' && e.reasonCode === 'protocol-mismatch'), 'a protocol mismatch');
    const failure = refused.connectionEvents.find((e) => e.event === 'OnConnectionFailure');
    expect(failure).toMatchObject({ failedSide: 'A', reason: expect.stringContaining('pinned protocol version 24') });
    expect(old.refusals('A')).toBe(1);
  });

  it("applies the connection profile's pinned version when the agent is set, unless the deployment policy pins one", async () => {
    const { sim } = await startSimulator(25);
    const core = await startCore(sim);
    await waitFor(core, connectedOn('A', 25), 'connected on A at 25');
    await run(core, 'setAgent', { agentId: '1001', instrument: '3001', protocolVersion: 20 });
    await waitFor(core, connectedOn('A', 20), "reopened at the profile's 20");

    const policed = await startCore(sim, { clientId: 'policed', settings: { source: { kind: 'none' }, pinnedProtocolVersion: 22 } });
    await waitFor(policed, connectedOn('A', 22), "connected at the policy's 22");
    await run(policed, 'setAgent', { agentId: '1002', instrument: '3002', protocolVersion: 20 });
    const state = await waitFor(policed, (s) => s.agent.mode === 'agent' && s.connection.state === 'connected', 'agent set');
    expect(state.connection).toMatchObject({ protocolVersion: 22 });
  });

  it('remembers per side what each took: back on side A after a failover, it asks for 20 at once', async () => {
    const { sim, refusals } = await startSimulator({ A: 20, B: 15 });
    const core = await startCore(sim);
    await waitFor(core, connectedOn('A', 20), 'connected on A at 20');
    await post(sim, '/faults', { type: 'kill-side', side: 'A' });
    const onB = await waitFor(core, connectedOn('B', 15), 'connected on B at 15');
    expect(onB.health.ctiServer.protocolVersions).toEqual({ A: 20, B: 15 });
    expect(refusals('B')).toBe(MAX_PROTOCOL_VERSION - 15);

    await post(sim, '/faults', { type: 'restore-side', side: 'A' });
    await waitUntil(async () => (await (await fetch(`${sim.controlUrl}/health`)).json()).sides.A.state === 'standby', 'side A back as standby');
    const refusedOnABefore = refusals('A');
    await post(sim, '/faults', { type: 'kill-side', side: 'B' });
    await waitFor(core, connectedOn('A', 20), 'back on A at 20');
    expect(refusals('A')).toBe(refusedOnABefore);
  });

  it('negotiates the same way for a monitor session (the cti monitor command)', async () => {
    const { sim } = await startSimulator(15);
    const events: MonitorEvent[] = [];
    const monitor = new MonitorSession(
      { sides: { A: sim.address('A'), B: sim.address('B') }, heartbeatIntervalMs: 1000, missedHeartbeatLimit: 3, clientId: 'version-monitor' },
      (event) => events.push(event),
      { info: () => {}, warn: () => {} },
    );
    cleanups.push(() => monitor.stop());
    monitor.start();
    await waitUntil(() => events.some((e) => e.event === 'OnConnection'), 'the monitor connected');
    expect(events.find((e) => e.event === 'OnConnection')).toMatchObject({ currentServer: 'A', protocolVersion: 15 });
  });
});
