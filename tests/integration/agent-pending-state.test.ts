import { afterEach, describe, expect, it } from 'vitest';
import type { AppState } from '../../contract/index.js';
import { agentStateName } from '../../main/cti/agent/agent-states.js';
import type { SoftphoneCore } from '../../main/core/softphone-core.js';
import type { CtiSimulator } from '../../simulator/index.js';
import { coreHarness } from '../support/core-harness.js';

/**
 * A state asked for during a call (pending, applied when the call ends, as UCCE does),
 * its cancelling, and the wrap-up due after a call: core against the simulator over TCP.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

const harness = coreHarness(cleanups);
const { startSimulator, waitFor, run, post } = harness;

async function serverAgent(sim: CtiSimulator, agentId = '1001'): Promise<{ state: number; reasonCode: number }> {
  const agents = (await (await fetch(`${sim.controlUrl}/agents`)).json()) as { agentId: string; state: number; reasonCode: number }[];
  return agents.find((a) => a.agentId === agentId)!;
}

const agentOf = (s: AppState) => (s.agent.mode === 'agent' ? s.agent : undefined);
const stateOf = (s: AppState) => agentOf(s)?.state;
const active = (s: AppState) => agentOf(s)?.phase === 'active' && s.connection.state === 'connected';

/** Agent 1001 Ready, then talking on a routed call; resolves with the core and the call's id and key. */
async function talking(sim: CtiSimulator): Promise<{ core: SoftphoneCore; callId: number; key: string }> {
  const core = await harness.startCore(sim);
  await harness.makeReady(core, { agentId: '1001', instrument: '3001' });
  return { core, ...(await harness.talking(sim, core, '5551234')) };
}

describe('a state asked for during a call', () => {
  it('waits for the call to end as pending, with the reason asked for, and applies then', async () => {
    const sim = await startSimulator();
    const { core, callId } = await talking(sim);

    await run(core, 'notReady', { reasonCode: 3 });
    const state = await waitFor(core, (s) => agentOf(s)?.pending !== undefined, 'pending Not Ready');
    expect(agentOf(state)).toMatchObject({ state: 'talking', pending: { state: 'not-ready', reasonCode: 3 } });
    expect(agentStateName((await serverAgent(sim)).state)).toBe('talking');

    await post(sim, `/calls/${callId}/hangup`);
    const after = await waitFor(core, (s) => stateOf(s) === 'not-ready', 'Not Ready after the call');
    expect(agentOf(after)).toMatchObject({ reasonCode: 3 });
    expect(agentOf(after)?.pending).toBeUndefined();
    expect(await serverAgent(sim)).toMatchObject({ reasonCode: 3 });
  });

  it('is cancelled by asking for Ready instead: after the call the agent is not Not Ready', async () => {
    const sim = await startSimulator();
    const { core, callId } = await talking(sim);
    await run(core, 'notReady', { reasonCode: 3 });
    await waitFor(core, (s) => agentOf(s)?.pending?.state === 'not-ready', 'pending Not Ready');

    await run(core, 'cancelPendingState');
    const state = await waitFor(core, (s) => agentOf(s)?.pending?.state === 'available', 'Ready pending instead');
    expect(stateOf(state)).toBe('talking');
    // Ready is what waits now: nothing left to withdraw, and asking again changes nothing.
    await expect(run(core, 'cancelPendingState')).resolves.toEqual({});

    await post(sim, `/calls/${callId}/hangup`);
    const after = await waitFor(core, (s) => stateOf(s) !== 'talking' && s.calls.length === 0, 'after the call');
    expect(stateOf(after)).toBe('available');
    expect(agentStateName((await serverAgent(sim)).state)).toBe('available');
  });

  it('says so when there is nothing to cancel', async () => {
    const sim = await startSimulator();
    const { core } = await talking(sim);
    await expect(run(core, 'cancelPendingState')).rejects.toThrow(/no state is waiting for the call to end/);
  });

  it('survives a failover: the server keeps it, and so does the desktop while the call goes on', async () => {
    const sim = await startSimulator();
    const { core, callId } = await talking(sim);
    await run(core, 'notReady', { reasonCode: 3 });
    await waitFor(core, (s) => agentOf(s)?.pending?.state === 'not-ready', 'pending Not Ready');

    await post(sim, '/faults', { type: 'kill-side', side: 'A' });
    const restored = await waitFor(core, (s) => active(s) && s.connection.state === 'connected' && s.connection.side === 'B', 'restored on B');
    expect(agentOf(restored)).toMatchObject({ state: 'talking', pending: { state: 'not-ready', reasonCode: 3 } });

    await post(sim, `/calls/${callId}/hangup`);
    const after = await waitFor(core, (s) => stateOf(s) === 'not-ready', 'Not Ready after the call');
    expect(agentOf(after)?.pending).toBeUndefined();
  });
});

describe('wrap-up due after a call', () => {
  it('names the ended call and its direction while in a work state, and whether it was entered', async () => {
    const sim = await startSimulator();
    const { core, callId, key } = await talking(sim);
    expect(agentOf(await waitFor(core, () => true, 'the state'))?.wrapup).toBeUndefined();

    await post(sim, `/calls/${callId}/hangup`);
    const due = await waitFor(core, (s) => agentOf(s)?.wrapup !== undefined, 'wrap-up due');
    expect(agentOf(due)).toMatchObject({ state: 'work-not-ready', wrapup: { callId: key, direction: 'incoming', required: false, entered: false } });

    await run(core, 'setCallData', { callId: key, wrapup: 'Sale' });
    await waitFor(core, (s) => agentOf(s)?.wrapup?.entered === true, 'wrap-up entered');
    const call = (await (await fetch(`${sim.controlUrl}/calls/${callId}`)).json()) as { wrapup?: string; ended: boolean };
    expect(call).toMatchObject({ wrapup: 'Sale', ended: true });

    await run(core, 'ready');
    const ready = await waitFor(core, (s) => stateOf(s) === 'available', 'Ready');
    expect(agentOf(ready)?.wrapup).toBeUndefined();
  });

  it('is not due when the server puts the agent straight back in Not Ready (wrap-up not allowed there)', async () => {
    const sim = await startSimulator({ wrapupIncoming: 'not-allowed' });
    const { core, callId } = await talking(sim);
    await post(sim, `/calls/${callId}/hangup`);
    const after = await waitFor(core, (s) => s.calls.length === 0 && stateOf(s) !== 'talking', 'after the call');
    expect(agentOf(after)?.wrapup).toBeUndefined();
  });
});
