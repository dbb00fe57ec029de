import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Message, MessageName } from '../../../ged188/index.js';
import { buildMessage } from '../../../ged188/index.js';
import { AgentRestore, type RestoreHost, type RestoreKind } from '../../../main/cti/agent/agent-restore.js';
import { CallBook } from '../../../main/cti/calls/index.js';
import { RequestFailed } from '../../../main/cti/cti-session.js';

const IDENTITY = { agentId: '1001', instrument: '3001', peripheralId: 5000 };
const TIMING = { retryDelaysMs: [250, 500, 1000], resyncDebounceMs: 300 };

type Answer = Message | RequestFailed;

/** A session that answers each request type from a script (the last answer repeats). */
function scriptedPort(script: Partial<Record<MessageName, Answer[]>>) {
  const sent: MessageName[] = [];
  const dropped: string[] = [];
  return {
    sent,
    dropped,
    request(request: Message): Promise<Message> {
      sent.push(request.MessageType);
      const answers = script[request.MessageType] ?? [];
      const answer = answers.length > 1 ? answers.shift()! : answers[0];
      if (!answer) return Promise.reject(new Error(`no answer scripted for ${request.MessageType}`));
      return answer instanceof RequestFailed ? Promise.reject(answer) : Promise.resolve(answer);
    },
    dropLink(reason: string) {
      dropped.push(reason);
    },
  };
}

const timeout = (type: MessageName) => new RequestFailed('timeout', `${type} got no answer within 10 s`, type);
const queryConf = buildMessage('QUERY_AGENT_STATE_CONF', { AgentState: 3 });
const deviceConf = (...ids: number[]) =>
  buildMessage('SNAPSHOT_DEVICE_CONF', { CallConnectionCallID: ids, CallConnectionDeviceID: ids.map(() => '3001'), CallState: ids.map(() => 3) });
const callConf = buildMessage('SNAPSHOT_CALL_CONF', { CallConnectionDeviceID: ['3001'], CallDeviceConnectionState: [3] });

function restorer(port: ReturnType<typeof scriptedPort>, book = new CallBook(), inService = true) {
  const done: RestoreKind[] = [];
  const said: (string | undefined)[] = [];
  const failed: unknown[] = [];
  /** `checking` as the host saw it at each change. */
  const checking: boolean[] = [];
  const host: RestoreHost = {
    identity: () => IDENTITY,
    inService: () => inService,
    queried: () => {},
    done: (kind) => done.push(kind),
    failed: (_kind, error) => failed.push(error),
    progress: (text) => said.push(text),
    checkingChanged: () => checking.push(restore.checking),
  };
  const restore = new AgentRestore(port, book, host, TIMING);
  return { restore, done, said, failed, book, checking };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('agent restore', () => {
  it('asks again after a request went unanswered, says so, and finishes', async () => {
    const port = scriptedPort({ QUERY_AGENT_STATE_REQ: [timeout('QUERY_AGENT_STATE_REQ'), queryConf], SNAPSHOT_DEVICE_REQ: [deviceConf()] });
    const { restore, done, said } = restorer(port);
    restore.restore();
    await vi.advanceTimersByTimeAsync(0);
    expect(said).toEqual(['restoring agent mode: CTI Server did not answer QUERY_AGENT_STATE_REQ, retrying (attempt 2)…']);
    expect(restore.restoring).toBe(true);
    expect(done).toEqual([]);
    await vi.advanceTimersByTimeAsync(250);
    expect(done).toEqual(['restore']);
    expect(said.at(-1)).toBeUndefined();
    expect(port.sent).toEqual(['QUERY_AGENT_STATE_REQ', 'QUERY_AGENT_STATE_REQ', 'SNAPSHOT_DEVICE_REQ']);
  });

  it('backs off 250, 500, 1000 ms, then drops the link so the session fails over', async () => {
    const port = scriptedPort({ QUERY_AGENT_STATE_REQ: [queryConf], SNAPSHOT_DEVICE_REQ: [timeout('SNAPSHOT_DEVICE_REQ')] });
    const { restore, done, said } = restorer(port);
    restore.restore();
    await vi.advanceTimersByTimeAsync(249);
    expect(port.sent.filter((t) => t === 'SNAPSHOT_DEVICE_REQ')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1 + 500 + 1000);
    expect(port.sent.filter((t) => t === 'SNAPSHOT_DEVICE_REQ')).toHaveLength(4);
    expect(port.dropped).toEqual(['restoring agent mode: CTI Server did not answer SNAPSHOT_DEVICE_REQ 4 times; dropping the link to reconnect']);
    expect(said.at(-1)).toBe(port.dropped[0]);
    expect(done).toEqual([]);
    expect(restore.restoring).toBe(false);
  });

  it('leaves a link that went to the next open: no retry, no drop, nothing said', async () => {
    const port = scriptedPort({ QUERY_AGENT_STATE_REQ: [new RequestFailed('connection-lost', 'gone', 'QUERY_AGENT_STATE_REQ')] });
    const { restore, done, said } = restorer(port);
    restore.restore();
    await vi.advanceTimersByTimeAsync(5000);
    expect(port.sent).toEqual(['QUERY_AGENT_STATE_REQ']);
    expect([done, said, port.dropped]).toEqual([[], [], []]);
  });

  it('stops where it is when cancelled during the back-off', async () => {
    const port = scriptedPort({ QUERY_AGENT_STATE_REQ: [timeout('QUERY_AGENT_STATE_REQ'), queryConf], SNAPSHOT_DEVICE_REQ: [deviceConf()] });
    const { restore, done } = restorer(port);
    restore.restore();
    await vi.advanceTimersByTimeAsync(100);
    restore.cancel();
    await vi.advanceTimersByTimeAsync(5000);
    expect(port.sent).toEqual(['QUERY_AGENT_STATE_REQ']);
    expect(done).toEqual([]);
  });

  it('reports a refusal that is not about the link', async () => {
    const port = scriptedPort({ QUERY_AGENT_STATE_REQ: [queryConf], SNAPSHOT_DEVICE_REQ: [buildMessage('FAILURE_CONF', { Status: 12 })] });
    const { restore, failed, done } = restorer(port);
    restore.restore();
    await vi.advanceTimersByTimeAsync(0);
    expect(failed).toEqual([expect.objectContaining({ name: 'CommandError', message: expect.stringMatching(/snapshot of the phone failed/) })]);
    expect(done).toEqual([]);
  });

  it('ends the calls the server no longer lists, and keeps one that began while the snapshot was in flight', async () => {
    const book = new CallBook();
    for (const id of [7, 8]) book.apply(buildMessage('BEGIN_CALL_EVENT', { PeripheralID: 5000, ConnectionCallID: id, ConnectionDeviceID: '3001' }));
    const port = scriptedPort({ QUERY_AGENT_STATE_REQ: [queryConf], SNAPSHOT_DEVICE_REQ: [deviceConf(7)], SNAPSHOT_CALL_REQ: [callConf] });
    const { restore, done } = restorer(port, book);
    restore.restore();
    // The snapshot request is out; a new call's first event comes before its answer.
    await Promise.resolve();
    book.apply(buildMessage('BEGIN_CALL_EVENT', { PeripheralID: 5000, ConnectionCallID: 9, ConnectionDeviceID: '3001' }));
    restore.noteCall('5000.9');
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toEqual(['restore']);
    expect([...book.table.keys()].sort()).toEqual(['5000.7', '5000.9']);
  });
});

describe('agent resync on disagreement', () => {
  const honest = () => scriptedPort({ QUERY_AGENT_STATE_REQ: [queryConf], SNAPSHOT_DEVICE_REQ: [deviceConf()] });

  it('serves a burst of disagreements with one resync after the debounce', async () => {
    const port = honest();
    const { restore, done } = restorer(port);
    restore.suspect();
    await vi.advanceTimersByTimeAsync(100);
    restore.suspect();
    restore.suspect();
    await vi.advanceTimersByTimeAsync(199);
    expect(port.sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toEqual(['resync']);
    expect(port.sent.filter((t) => t === 'QUERY_AGENT_STATE_REQ')).toHaveLength(1);
  });

  it('says it is checking from the first sign until the resync is done', async () => {
    const { restore, checking, done } = restorer(honest());
    expect(restore.checking).toBe(false);
    restore.suspect();
    expect(restore.checking).toBe(true);
    await vi.advanceTimersByTimeAsync(300);
    expect(done).toEqual(['resync']);
    expect(restore.checking).toBe(false);
    // Due, running (the debounce gives way to the resync in one step), done.
    expect(checking).toEqual([true, true, false]);
  });

  it('costs nothing when the sign no longer holds once the debounce ends, or the link is not in service', async () => {
    const port = honest();
    const { restore, checking } = restorer(port);
    let contradiction = true;
    restore.suspect(() => contradiction);
    contradiction = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(checking).toEqual([true, false]);
    const offline = restorer(port, new CallBook(), false);
    offline.restore.suspect();
    await vi.advanceTimersByTimeAsync(1000);
    expect(port.sent).toEqual([]);
  });

  it('looks again after a resync when a disagreement came while it ran', async () => {
    let release!: (conf: Message) => void;
    const port = honest();
    const request = port.request.bind(port);
    let first = true;
    port.request = (m: Message) => {
      if (m.MessageType === 'QUERY_AGENT_STATE_REQ' && first) {
        first = false;
        port.sent.push(m.MessageType);
        return new Promise((resolve) => (release = resolve));
      }
      return request(m);
    };
    const { restore, done } = restorer(port);
    restore.suspect();
    await vi.advanceTimersByTimeAsync(300);
    restore.suspect();
    release(queryConf);
    await vi.advanceTimersByTimeAsync(300);
    expect(done).toEqual(['resync', 'resync']);
  });
});
