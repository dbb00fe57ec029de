import { afterEach, describe, expect, it } from 'vitest';
import type { AppState } from '../../contract/index.js';
import { connectionStateOf } from '../../main/cti/calls/call-identity.js';
import type { SoftphoneCore } from '../../main/core/softphone-core.js';
import { CtiSimulator } from '../../simulator/index.js';
import { generatedSite } from '../../simulator/pg/site.js';
import { coreHarness } from '../support/core-harness.js';
import { agentState, get, serverAgreement, type ServerCall } from '../support/server-agreement.js';

/**
 * Issue 5 item 3 through the core commands: consult, alternate, reconnect,
 * complete and single-step transfer/conference, DTMF. After each step the call list
 * equals the simulator's (GET /calls) and the buttons are ctios.md §4.4's.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

const harness = coreHarness(cleanups);
const { userDataDir, waitFor, run } = harness;
const startCore = (sim: CtiSimulator, dataDir: string) => harness.startCore(sim, { userDataDir: dataDir, clientId: 'call-control' });

const AGENT = { agentId: '1001', instrument: '3001' } as const;

async function startSimulator(desk: Partial<ReturnType<typeof generatedSite>['deskSettings']> = {}): Promise<CtiSimulator> {
  const base = generatedSite({ agents: 4 });
  const site = { ...base, deskSettings: { ...base.deskSettings, ...desk } };
  const sim = await CtiSimulator.start({ host: '127.0.0.1', site, outsideAnswerMs: 300 });
  cleanups.push(() => sim.stop());
  return sim;
}







const { settled } = serverAgreement(AGENT, waitFor);

async function agentReady(sim: CtiSimulator, dataDir: string): Promise<SoftphoneCore> {
  const core = await startCore(sim, dataDir);
  await harness.makeReady(core, AGENT);
  return core;
}

const { talking } = harness;


const CONSULT_ROW = ['alternate', 'reconnectCall', 'completeTransfer', 'completeConference'];

const buttonsOf = (state: AppState, key: string) => state.calls.find((c) => c.call.key === key)?.enablement.buttons ?? [];
const localStateOf = (state: AppState, key: string) => state.calls.find((c) => c.call.key === key)?.localState;

/** Waits until this phone's connection on each listed call is as given (and no other calls), then checks against the server. */
async function phoneIs(sim: CtiSimulator, core: SoftphoneCore, want: Record<string, string>, what: string): Promise<AppState> {
  const keys = Object.keys(want);
  // Every call's far end answered too: no party still ringing.
  const answered = (s: AppState) => s.calls.every((c) => c.call.connections.every((x) => x.state !== 'alerting' && x.state !== 'initiate'));
  await waitFor(core, (s) => s.calls.length === keys.length && keys.every((k) => localStateOf(s, k) === want[k]) && answered(s), what);
  return settled(sim, core, `${what} (equal to the server)`);
}

/** The parties the simulator has on a call, by device, with their connection states in words. */
async function serverParties(sim: CtiSimulator, callId: number): Promise<Record<string, string | undefined>> {
  const call = (await get<ServerCall[]>(sim, '/calls')).find((c) => c.callId === callId);
  return Object.fromEntries((call?.parties ?? []).map((p) => [p.device, connectionStateOf(p.state)]));
}

const callIdOf = (key: string) => Number(key.split('.')[1]);

describe('agent call control against the simulator', () => {
  it('consult, alternate both ways, reconnect, DTMF: the call list and buttons follow §4.4', async () => {
    const sim = await startSimulator();
    const core = await agentReady(sim, await userDataDir());
    const { key } = await talking(sim, core);

    await run(core, 'sendDtmf', { callId: key, digits: '123#' });
    let state = await phoneIs(sim, core, { [key]: 'connect' }, 'still talking after DTMF');
    expect(buttonsOf(state, key)).toEqual(expect.arrayContaining(['hold', 'release', 'consultTransfer', 'consultConference']));

    const { callId: consult } = (await run(core, 'consult', { callId: key, dialedNumber: '5559000', kind: 'transfer' })) as { callId: string };
    // Consult initiated (the far end rings; our own connection is already `connect`, as CSTA has it):
    // Reconnect (and Release) only; the customer is held.
    state = await waitFor(core, (s) => localStateOf(s, key) === 'hold' && (s.calls.find((c) => c.call.key === consult)?.call.connections.some((c) => c.deviceId === '5559000' && c.state === 'alerting') ?? false), 'consult ringing');
    expect(buttonsOf(state, consult)).toContain('reconnectCall');
    expect(buttonsOf(state, consult)).not.toContain('completeTransfer');
    expect(buttonsOf(state, consult)).not.toContain('hold');
    expect(buttonsOf(state, key)).not.toContain('completeTransfer');

    state = await phoneIs(sim, core, { [key]: 'hold', [consult]: 'connect' }, 'consult answered');
    expect(buttonsOf(state, consult)).toEqual(expect.arrayContaining(CONSULT_ROW));
    expect(buttonsOf(state, key)).toEqual(expect.arrayContaining(['alternate', 'reconnectCall']));
    expect(buttonsOf(state, consult)).not.toContain('consultTransfer');
    expect(await serverParties(sim, callIdOf(consult))).toMatchObject({ '3001': 'connect', '5559000': 'connect' });

    await run(core, 'alternate', { callId: consult });
    state = await phoneIs(sim, core, { [key]: 'connect', [consult]: 'hold' }, 'alternated to the customer');
    expect(await serverParties(sim, callIdOf(key))).toMatchObject({ '3001': 'connect' });
    expect(buttonsOf(state, key)).toEqual(expect.arrayContaining(['alternate', 'reconnectCall']));

    await run(core, 'alternate', { callId: key });
    await phoneIs(sim, core, { [key]: 'hold', [consult]: 'connect' }, 'alternated back to the consult');

    await run(core, 'reconnectCall', { callId: consult });
    state = await phoneIs(sim, core, { [key]: 'connect' }, 'reconnected to the customer');
    expect(buttonsOf(state, key)).toEqual(expect.arrayContaining(['hold', 'release', 'consultTransfer', 'consultConference']));
    expect(agentState(state)).toBe('talking');
    expect(await get<ServerCall[]>(sim, '/calls')).toHaveLength(1);
  });

  it('consult then complete transfer: the agent leaves, the customer talks to the consulted party', async () => {
    const sim = await startSimulator();
    const core = await agentReady(sim, await userDataDir());
    const { key, callId } = await talking(sim, core);
    const { callId: consult } = (await run(core, 'consult', { callId: key, dialedNumber: '5559001', kind: 'transfer' })) as { callId: string };
    await phoneIs(sim, core, { [key]: 'hold', [consult]: 'connect' }, 'consult answered');

    await run(core, 'completeTransfer', { callId: consult });
    const state = await phoneIs(sim, core, {}, 'transferred away');
    expect(['work-not-ready', 'work-ready', 'available', 'not-ready']).toContain(agentState(state));
    const calls = await get<ServerCall[]>(sim, '/calls');
    expect(calls.flatMap((c) => c.parties.map((p) => p.device))).toEqual(expect.arrayContaining(['5550100', '5559001']));
    expect(calls.flatMap((c) => c.parties.map((p) => p.device))).not.toContain(AGENT.instrument);
    expect(calls.map((c) => c.callId)).toContain(callId);
  });

  it('consult then complete conference: one call, three parties, conference buttons gone', async () => {
    const sim = await startSimulator();
    const core = await agentReady(sim, await userDataDir());
    const { key, callId } = await talking(sim, core);
    const { callId: consult } = (await run(core, 'consult', { callId: key, dialedNumber: '5559002', kind: 'conference' })) as { callId: string };
    await phoneIs(sim, core, { [key]: 'hold', [consult]: 'connect' }, 'consult answered');

    await run(core, 'completeConference', { callId: consult });
    const state = await phoneIs(sim, core, { [key]: 'connect' }, 'conferenced');
    expect(await serverParties(sim, callId)).toEqual({ '5550100': 'connect', '3001': 'connect', '5559002': 'connect' });
    const devices = state.calls[0]!.call.connections.filter((c) => c.state === 'connect').map((c) => c.deviceId);
    expect(devices).toEqual(expect.arrayContaining(['5550100', '3001', '5559002']));
    expect(buttonsOf(state, key)).toEqual(expect.arrayContaining(['hold', 'release']));
    expect(buttonsOf(state, key)).not.toContain('alternate');

    await run(core, 'release', { callId: key });
    await phoneIs(sim, core, {}, 'left the conference');
  });

  it('single-step transfer: the call leaves the phone at once', async () => {
    const sim = await startSimulator();
    const core = await agentReady(sim, await userDataDir());
    const { key, callId } = await talking(sim, core);
    await run(core, 'singleStepTransfer', { callId: key, dialedNumber: '5559003' });
    await phoneIs(sim, core, {}, 'single-step transferred');
    expect(await serverParties(sim, callId)).toMatchObject({ '5550100': 'connect' });
    expect(Object.keys(await serverParties(sim, callId))).toContain('5559003');
  });

  it('single-step conference: the dialled party joins the call', async () => {
    const sim = await startSimulator();
    const core = await agentReady(sim, await userDataDir());
    const { key, callId } = await talking(sim, core);
    await run(core, 'singleStepConference', { callId: key, dialedNumber: '5559004' });
    const state = await waitFor(core, (s) => s.calls[0]?.call.connections.some((c) => c.deviceId === '5559004' && c.state === 'connect') === true, 'third party joined');
    expect(localStateOf(state, key)).toBe('connect');
    expect(await serverParties(sim, callId)).toEqual({ '5550100': 'connect', '3001': 'connect', '5559004': 'connect' });
    await settled(sim, core, 'equal after single-step conference');
  });
});
