import { afterEach, describe, expect, it } from 'vitest';
import type { AppState } from '../../contract/index.js';
import type { Message } from '../../ged188/index.js';
import type { SoftphoneCore } from '../../main/core/softphone-core.js';
import { CtiSimulator } from '../../simulator/index.js';
import { generatedSite } from '../../simulator/pg/site.js';
import { coreHarness } from '../support/core-harness.js';
import { LossyRelay, type FaultRule } from '../support/lossy-relay.js';
import { active, agentState, get, serverAgreement, type ServerCall } from '../support/server-agreement.js';

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

/** Polls `condition` until it holds or the deadline passes. */
async function until(condition: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

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
    await until(() => desk.relays.B.deliveredOf('to-desktop', 'SNAPSHOT_DEVICE_CONF').length === 2, 'the late SNAPSHOT_DEVICE_CONF delivered');
    const [first, second] = desk.relays.B.deliveredOf('to-desktop', 'SNAPSHOT_DEVICE_CONF');
    expect(first!.InvokeID).not.toBe(second!.InvokeID);
    const state = await settled(sim, core, 'equal after the late answer');
    expect(state.connectionEvents.filter((e) => e.event === 'OnConnectionFailure')).toHaveLength(1);
  });
});
