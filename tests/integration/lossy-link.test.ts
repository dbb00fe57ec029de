import { afterEach, describe, expect, it } from 'vitest';
import type { AppState } from '../../contract/index.js';
import { AGENT_STATE, type Message } from '../../ged188/index.js';
import type { SoftphoneCore } from '../../main/core/softphone-core.js';
import { CtiSimulator } from '../../simulator/index.js';
import { generatedSite } from '../../simulator/pg/site.js';
import { coreHarness } from '../support/core-harness.js';
import { LossyRelay, type FaultRule } from '../support/lossy-relay.js';
import { active, agentState, get, serverAgreement, type ServerCall } from '../support/server-agreement.js';
import { waitUntil } from '../support/wait-until.js';

/**
 * Issue 8 items 3 and 4: a link that loses, delays, duplicates, reorders, replays or
 * changes frames between the desktop and CTI Server. Each test lies through a relay
 * in front of both simulator sides, makes it honest again, and checks that the
 * desktop's state converges to the simulator's own model (GET /agents, GET /calls)
 * within a few seconds, with the outbox delivered exactly once.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

const harness = coreHarness(cleanups);
const { waitFor, run, post, talking } = harness;

const AGENT = { agentId: '1001', instrument: '3001' } as const;
/** Short enough that a lost confirmation costs the test well under a second. */
const REQUEST_TIMEOUT_MS = 400;
const { expectEqualToServer, settled } = serverAgreement(AGENT, waitFor);

interface LossyDesk {
  readonly sim: CtiSimulator;
  readonly core: SoftphoneCore;
  readonly relays: { readonly A: LossyRelay; readonly B: LossyRelay };
  /** The same rule on both sides (whichever the session is on). */
  lie(rule: FaultRule): { readonly hits: number };
  honest(): void;
  /** Messages of one type that reached the server through either side. */
  sentToServer<T extends Message['MessageType']>(type: T): Message<T>[];
}

/** A simulator, a relay in front of each side, and a core whose agent is Ready through them. */
async function lossyDesk(): Promise<LossyDesk> {
  const sim = await CtiSimulator.start({ host: '127.0.0.1', site: generatedSite({ agents: 4 }), outsideAnswerMs: 50 });
  cleanups.push(() => sim.stop());
  const relays = { A: await LossyRelay.start(sim.address('A')), B: await LossyRelay.start(sim.address('B')) };
  cleanups.push(() => relays.A.stop(), () => relays.B.stop());
  const core = await harness.startCore(sim, { clientId: 'lossy-link', ports: { A: relays.A.port, B: relays.B.port }, requestTimeoutMs: REQUEST_TIMEOUT_MS });
  await harness.makeReady(core, AGENT);
  return {
    sim,
    core,
    relays,
    lie(rule) {
      const rules = [relays.A.add(rule), relays.B.add(rule)];
      return {
        get hits() {
          return rules.reduce((sum, r) => sum + r.hits, 0);
        },
      };
    },
    honest() {
      relays.A.honest();
      relays.B.honest();
    },
    sentToServer: (type) => [...relays.A.deliveredOf('to-server', type), ...relays.B.deliveredOf('to-server', type)],
  };
}

const onSide = (side: 'A' | 'B') => (s: AppState) => active(s) && s.connection.state === 'connected' && s.connection.side === side;
const restoring = (s: AppState) => s.agent.mode === 'agent' && s.agent.phase === 'restoring';
const fault = (sim: CtiSimulator, body: object) => post(sim, '/faults', body);

/** A call event with its call id changed to one the server never had. */
const renumber = (m: Message) => ({ ...m, ConnectionCallID: (m as { ConnectionCallID: number }).ConnectionCallID + 1000 }) as Message;

describe('a lost or late confirmation costs a retry, not a stuck desktop (item 3)', () => {
  it('a QUERY_AGENT_STATE_CONF lost during the restore is asked again; the outbox entered meanwhile arrives once', async () => {
    const desk = await lossyDesk();
    const { sim, core } = desk;
    const { callId, key } = await talking(sim, core);
    const lost = desk.lie({ direction: 'to-desktop', type: 'QUERY_AGENT_STATE_CONF', fault: { kind: 'drop' } });

    await fault(sim, { type: 'kill-side', side: 'A' });
    await waitFor(core, restoring, 'restoring after the failover');
    // Entered while agent mode is being restored: it waits in the outbox.
    expect(await run(core, 'setCallData', { callId: key, variables: { CallVariable3: 'noted during restore' } })).toEqual({ sent: false, queued: true });
    const retrying = await waitFor(core, (s) => /CTI Server did not answer QUERY_AGENT_STATE_REQ, retrying \(attempt 2\)/.test(s.lastError?.message ?? ''), 'the retry said');
    expect(retrying.agent).toMatchObject({ phase: 'restoring' });
    const refused = await core.execute('hold', { callId: key });
    expect(refused).toMatchObject({ ok: false, failure: { code: 'unavailable', message: expect.stringMatching(/QUERY_AGENT_STATE_REQ, retrying/) } });
    expect(lost.hits).toBe(1);

    desk.honest();
    const state = await waitFor(core, (s) => onSide('B')(s) && s.outbox.pending === 0, 'restored on B');
    await expectEqualToServer(sim, state);
    const server = (await get<ServerCall[]>(sim, '/calls')).find((c) => c.callId === callId)!;
    expect(server.callVariables['3']).toBe('noted during restore');
    expect(desk.sentToServer('SET_CALL_DATA_REQ')).toHaveLength(1);
    await run(core, 'release', { callId: key });
    await settled(sim, core, 'released after the restore');
  });

  it('a side that never answers the restore is dropped and the session reopens; honest again, it converges', async () => {
    const desk = await lossyDesk();
    const { sim, core } = desk;
    await talking(sim, core);
    desk.lie({ direction: 'to-desktop', type: 'QUERY_AGENT_STATE_CONF', times: Infinity, fault: { kind: 'drop' } });

    await fault(sim, { type: 'drop-connections', side: 'A' });
    const dropped = await waitFor(
      core,
      (s) => s.connectionEvents.some((e) => e.event === 'OnConnectionFailure' && /did not answer QUERY_AGENT_STATE_REQ 4 times/.test(e.reason)),
      'the silent side dropped',
      10_000,
    );
    expect(dropped.lastError?.message).toMatch(/restoring agent mode: CTI Server did not answer QUERY_AGENT_STATE_REQ 4 times; dropping the link to reconnect/);

    desk.honest();
    await settled(sim, core, 'restored once the link is honest');
  });

  it('a confirmation that comes after its request timed out is ignored; the retry is what counts', async () => {
    const desk = await lossyDesk();
    const { sim, core } = desk;
    await talking(sim, core);
    const late = desk.lie({ direction: 'to-desktop', type: 'SNAPSHOT_DEVICE_CONF', fault: { kind: 'delay', ms: REQUEST_TIMEOUT_MS + 400 } });

    await fault(sim, { type: 'kill-side', side: 'A' });
    await waitFor(core, (s) => onSide('B')(s), 'restored on B');
    expect(late.hits).toBe(1);
    // Both answers reached the desktop, each with its own InvokeID: the late one matched nothing.
    await waitUntil(() => desk.relays.B.deliveredOf('to-desktop', 'SNAPSHOT_DEVICE_CONF').length === 2, 'the late SNAPSHOT_DEVICE_CONF delivered');
    const [first, second] = desk.relays.B.deliveredOf('to-desktop', 'SNAPSHOT_DEVICE_CONF');
    expect(first!.InvokeID).not.toBe(second!.InvokeID);
    const state = await settled(sim, core, 'equal after the late answer');
    expect(state.connectionEvents.filter((e) => e.event === 'OnConnectionFailure')).toHaveLength(1);
  });
});

describe('phantom calls: a lying link costs a resync, not a desktop that disagrees with the server (item 4)', () => {
  /** Re-reads of the agent state the desktop asked for: one per restore or resync. */
  const resyncs = (desk: LossyDesk) => desk.sentToServer('QUERY_AGENT_STATE_REQ').length;

  it('an honest link costs no resync through a whole call', async () => {
    const desk = await lossyDesk();
    const { sim, core } = desk;
    const before = resyncs(desk);
    const { key } = await talking(sim, core);
    await run(core, 'hold', { callId: key });
    await waitFor(core, (s) => s.calls[0]?.localState === 'hold' && agentState(s) === 'hold', 'held');
    await run(core, 'retrieve', { callId: key });
    await waitFor(core, (s) => s.calls[0]?.localState === 'connect' && agentState(s) === 'talking', 'retrieved');
    await run(core, 'release', { callId: key });
    await waitFor(core, (s) => s.calls.length === 0 && agentState(s) === 'work-not-ready', 'wrap-up');
    await run(core, 'ready');
    await settled(sim, core, 'Ready after the call');
    // A sign raised by the normal order of events is checked once its debounce ends; the
    // state says when nothing is pending any more, and by then no resync may have run.
    await waitFor(core, (s) => s.agent.mode === 'agent' && !s.agent.checking, 'no check pending');
    expect(resyncs(desk)).toBe(before);
  });

  it('events replayed after the call ended: the phantom call goes', async () => {
    const desk = await lossyDesk();
    const { sim, core } = desk;
    const { key } = await talking(sim, core);
    desk.lie({ direction: 'to-desktop', type: 'BEGIN_CALL_EVENT', fault: { kind: 'replay', after: 'END_CALL_EVENT' } });
    desk.lie({ direction: 'to-desktop', type: 'CALL_DELIVERED_EVENT', fault: { kind: 'replay', after: 'END_CALL_EVENT' } });
    // The replays were armed after the call began: they copy the next call's events.
    await run(core, 'release', { callId: key });
    await waitFor(core, (s) => agentState(s) === 'work-not-ready', 'wrap-up');
    await run(core, 'ready');
    const second = await talking(sim, core, '5550111');
    await run(core, 'release', { callId: second.key });
    desk.honest();
    await settled(sim, core, 'no phantom after the replay');
    await run(core, 'ready');
    await settled(sim, core, 'Ready');
  });

  it('events reordered at the end of a call: the call the late event revived goes', async () => {
    const desk = await lossyDesk();
    const { sim, core } = desk;
    const { key } = await talking(sim, core);
    const reordered = desk.lie({ direction: 'to-desktop', type: 'CALL_CONNECTION_CLEARED_EVENT', fault: { kind: 'reorder', after: 'END_CALL_EVENT' } });
    await run(core, 'release', { callId: key });
    await waitUntil(() => reordered.hits === 1, 'the reorder');
    desk.honest();
    const state = await settled(sim, core, 'no phantom after the reorder');
    expect(state.calls).toEqual([]);
  });

  it('the end of a call dropped: the agent in wrap-up with a connected call is re-read', async () => {
    const desk = await lossyDesk();
    const { sim, core } = desk;
    const { callId } = await talking(sim, core);
    desk.lie({ direction: 'to-desktop', type: 'CALL_CONNECTION_CLEARED_EVENT', fault: { kind: 'drop' } });
    desk.lie({ direction: 'to-desktop', type: 'CALL_CLEARED_EVENT', fault: { kind: 'drop' } });
    desk.lie({ direction: 'to-desktop', type: 'END_CALL_EVENT', fault: { kind: 'drop' } });
    await post(sim, `/calls/${callId}/hangup`);
    desk.honest();
    const state = await settled(sim, core, 'the ended call gone');
    expect(agentState(state)).toBe('work-not-ready');
  });

  it('every event duplicated during a call: the desktop still agrees with the server', async () => {
    const desk = await lossyDesk();
    const { sim, core } = desk;
    for (const type of ['BEGIN_CALL_EVENT', 'CALL_DELIVERED_EVENT', 'CALL_ESTABLISHED_EVENT', 'CALL_HELD_EVENT', 'CALL_RETRIEVED_EVENT', 'CALL_CONNECTION_CLEARED_EVENT', 'END_CALL_EVENT', 'AGENT_STATE_EVENT'] as const) {
      desk.lie({ direction: 'to-desktop', type, times: Infinity, fault: { kind: 'duplicate' } });
    }
    const { key } = await talking(sim, core);
    await run(core, 'hold', { callId: key });
    await waitFor(core, (s) => s.calls[0]?.localState === 'hold', 'held');
    await run(core, 'retrieve', { callId: key });
    await waitFor(core, (s) => s.calls[0]?.localState === 'connect', 'retrieved');
    await run(core, 'release', { callId: key });
    desk.honest();
    await settled(sim, core, 'equal after duplicates');
  });

  it('an agent state changed on the way (Ready while talking): the agent state is re-read', async () => {
    const desk = await lossyDesk();
    const { sim, core } = desk;
    // The TALKING that follows the answer arrives as AVAILABLE.
    const changed = desk.lie({ direction: 'to-desktop', type: 'AGENT_STATE_EVENT', nth: 2, fault: { kind: 'mutate', change: (m) => ({ ...m, AgentState: AGENT_STATE.AVAILABLE }) as Message } });
    const { callId } = (await post(sim, '/calls', { ani: '5550120', dnis: '8005550100', skillGroup: 100 })) as { callId: number };
    await waitFor(core, (s) => s.calls[0]?.localState === 'alerting', 'ringing');
    await run(core, 'answer', { callId: `5000.${callId}` });
    await waitUntil(() => changed.hits === 1, 'the changed state event');
    desk.honest();
    const state = await settled(sim, core, 'talking, as the server says');
    expect(agentState(state)).toBe('talking');
  });

  it('a call id changed on the way: the desktop re-reads the phone and acts on the real call', async () => {
    const desk = await lossyDesk();
    const { sim, core } = desk;
    desk.lie({ direction: 'to-desktop', type: 'BEGIN_CALL_EVENT', fault: { kind: 'mutate', change: renumber } });
    desk.lie({ direction: 'to-desktop', type: 'CALL_DELIVERED_EVENT', fault: { kind: 'mutate', change: renumber } });
    const { callId } = (await post(sim, '/calls', { ani: '5550130', dnis: '8005550100', skillGroup: 100 })) as { callId: number };
    const phantom = `5000.${callId + 1000}`;
    await waitFor(core, (s) => s.calls.some((c) => c.call.key === phantom), 'the phantom ringing');
    desk.honest();
    // The server has no such call: it refuses, and the refusal makes the desktop look again.
    const refused = await core.execute('answer', { callId: phantom });
    expect(refused).toMatchObject({ ok: false, failure: { code: 'failed' } });
    const state = await waitFor(core, (s) => s.calls.length === 1 && s.calls[0]!.call.connectionCallId === callId, 'the real call in place of the phantom');
    await expectEqualToServer(sim, state);
    await run(core, 'answer', { callId: `5000.${callId}` });
    await settled(sim, core, 'talking on the real call');
  });

  it('an event for a call the desktop never heard of: the calls are re-read', async () => {
    const desk = await lossyDesk();
    const { sim, core } = desk;
    desk.lie({ direction: 'to-desktop', type: 'CALL_ESTABLISHED_EVENT', fault: { kind: 'mutate', change: renumber } });
    const { callId } = (await post(sim, '/calls', { ani: '5550140', dnis: '8005550100', skillGroup: 100 })) as { callId: number };
    await waitFor(core, (s) => s.calls[0]?.localState === 'alerting', 'ringing');
    await run(core, 'answer', { callId: `5000.${callId}` });
    desk.honest();
    const state = await settled(sim, core, 'talking on the one real call');
    expect(state.calls.map((c) => [c.call.connectionCallId, c.localState])).toEqual([[callId, 'connect']]);
  });

  it('a frame broken on the way: the session fails over and the desktop converges', async () => {
    const desk = await lossyDesk();
    const { sim, core } = desk;
    const { key } = await talking(sim, core);
    // MessageLength beyond the protocol's limit: the framer gives the connection up.
    desk.lie({ direction: 'to-desktop', type: 'CALL_HELD_EVENT', fault: { kind: 'corrupt', bytes: (frame) => { const out = Uint8Array.from(frame); new DataView(out.buffer).setUint32(0, 0x7fffffff); return out; } } });
    // The event comes before HOLD_CALL_CONF, so the command loses its answer with the link.
    expect(await core.execute('hold', { callId: key })).toMatchObject({ ok: false, failure: { code: 'unavailable' } });
    const state = await waitFor(core, (s) => s.connectionEvents.some((e) => e.event === 'OnConnectionFailure' && e.reasonCode === 'protocol-error'), 'the broken frame dropped the link');
    expect(state.connectionEvents.findLast((e) => e.event === 'OnConnectionFailure')?.reason).toMatch(/framing error/);
    desk.honest();
    const after = await settled(sim, core, 'held, as the server says');
    expect(after.calls[0]?.localState).toBe('hold');
  });

  it('a SET_CALL_DATA_CONF lost on a standing link: the edit is checked, not sent twice', async () => {
    const desk = await lossyDesk();
    const { sim, core } = desk;
    const { callId, key } = await talking(sim, core);
    desk.lie({ direction: 'to-desktop', type: 'SET_CALL_DATA_CONF', fault: { kind: 'drop' } });
    expect(await run(core, 'setCallData', { callId: key, variables: { CallVariable7: 'once' }, wrapup: 'sold' })).toEqual({ sent: false, queued: true });
    desk.honest();
    await settled(sim, core, 'the outbox checked and emptied');
    const server = (await get<ServerCall[]>(sim, '/calls')).find((c) => c.callId === callId)!;
    expect(server).toMatchObject({ callVariables: { '7': 'once' }, wrapup: 'sold' });
    expect(desk.sentToServer('SET_CALL_DATA_REQ')).toHaveLength(1);
  });
});
