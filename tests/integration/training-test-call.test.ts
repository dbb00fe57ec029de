import { afterEach, describe, expect, it } from 'vitest';
import { CtiSimulator, testCallPlacer } from '../../simulator/index.js';
import { generatedSite } from '../../simulator/pg/site.js';
import { coreHarness } from '../support/core-harness.js';

/** Issue 11 item 9: training mode rings the signed-in agent from the built-in simulator, through core's command. */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});
const harness = coreHarness(cleanups);
const { waitFor, run } = harness;
const AGENT = { agentId: '1001', instrument: '3001' } as const;

async function startSimulator(): Promise<CtiSimulator> {
  const sim = await CtiSimulator.start({ host: '127.0.0.1', site: generatedSite({ agents: 2 }) });
  cleanups.push(() => sim.stop());
  return sim;
}

describe('placeTestCall', () => {
  it('rings the signed-in agent with the caller number and call variables given', async () => {
    const sim = await startSimulator();
    const core = await harness.startCore(sim, { clientId: 'training', placeTestCall: testCallPlacer(sim) });
    await harness.makeReady(core, AGENT);

    await run(core, 'placeTestCall', { ani: '5559876', callVariables: { CallVariable1: 'Order 4711', CallVariable3: 'Gold' } });

    const state = await waitFor(core, (s) => s.calls.some((c) => c.localState === 'alerting'), 'the test call ringing');
    const ringing = state.calls.find((c) => c.localState === 'alerting')!.call;
    expect(ringing.ani).toBe('5559876');
    expect(ringing.variables).toMatchObject({ CallVariable1: 'Order 4711', CallVariable3: 'Gold' });
  });

  it('is refused in words when no agent is signed in, or when the simulator cannot offer the call', async () => {
    const sim = await startSimulator();
    const core = await harness.startCore(sim, { clientId: 'training', placeTestCall: testCallPlacer(sim) });
    await waitFor(core, (s) => s.connection.state === 'connected', 'connected');

    const noAgent = await core.execute('placeTestCall', { ani: '5559876' });
    expect(noAgent).toMatchObject({ ok: false, failure: { code: 'unavailable', message: 'placeTestCall: no agent is signed in; log in first, then place the test call' } });

    await harness.makeReady(core, AGENT);
    await harness.post(sim, '/faults', { type: 'pg-offline' });
    const offline = await core.execute('placeTestCall', { ani: '5559876' });
    expect(offline).toMatchObject({ ok: false, failure: { code: 'failed', message: expect.stringMatching(/^placeTestCall: the peripheral is offline/) as unknown } });
  });

  it('is refused on a real CTI Server (no test-call function from the shell)', async () => {
    const sim = await startSimulator();
    const core = await harness.startCore(sim, { clientId: 'training' });
    await harness.makeReady(core, AGENT);

    const outcome = await core.execute('placeTestCall', { ani: '5559876' });
    expect(outcome).toMatchObject({ ok: false, failure: { code: 'unavailable', params: { reason: 'no-simulator' } } });
    expect(outcome.ok ? '' : outcome.failure.message).toMatch(/test calls need the built-in simulator/);
  });
});
