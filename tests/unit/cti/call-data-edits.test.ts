import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CONTROL_FAILURE_CODE, type Message, type MessageName } from '../../../ged188/index.js';
import { buildMessage } from '../../../ged188/index.js';
import { changedItems } from '../../../main/cti/agent/call-data-changes.js';
import { CallDataEdits, type CallDataHost } from '../../../main/cti/agent/call-data-edits.js';
import { WrapupCalls } from '../../../main/cti/agent/wrapup-calls.js';
import { CallBook } from '../../../main/cti/calls/index.js';
import { RequestFailed } from '../../../main/cti/cti-session.js';
import { Outbox } from '../../../main/cti/outbox.js';

const AGENT = { agentId: '1001', instrument: '3001', peripheralId: 5000 };
const base = { MonitorID: 0, PeripheralID: 5000, PeripheralType: 17, ConnectionDeviceIDType: 0 };
const KEY = '5000.7';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'call-data-'));
  dirs.push(dir);
  return dir;
}

/** An answer, a refusal of the request, or an answer that comes when the test resolves it. */
type Answer = Message | RequestFailed | Promise<Message>;

/** A session answering each request type from a script (the last answer repeats); it records what was sent. */
function scriptedPort(script: Partial<Record<MessageName, Answer[]>>) {
  const sent: Message[] = [];
  return {
    sent,
    types: () => sent.map((m) => m.MessageType),
    request(request: Message): Promise<Message> {
      sent.push(request);
      const answers = script[request.MessageType] ?? [];
      const answer = answers.length > 1 ? answers.shift()! : answers[0];
      if (!answer) return Promise.reject(new Error(`no answer scripted for ${request.MessageType}`));
      if (answer instanceof Promise) return answer;
      return answer instanceof RequestFailed ? Promise.reject(answer) : Promise.resolve(answer);
    },
  };
}

/** A call on the phone holding CallVariable1 = "a" and wrap-up "old". */
function bookWithCall(): CallBook {
  const book = new CallBook();
  book.apply(buildMessage('BEGIN_CALL_EVENT', { ...base, ConnectionCallID: 7, ConnectionDeviceID: '3001', CallType: 1, CallVariable1: 'a', CallWrapupData: 'old', NamedVariable: [{ name: 'user.x', value: '1' }] }));
  return book;
}

function edits(port: ReturnType<typeof scriptedPort>, options: { inService?: boolean; book?: CallBook; dir?: string } = {}) {
  const state = { inService: options.inService ?? true, suspected: 0, changed: 0, notices: [] as string[] };
  const host: CallDataHost = {
    agent: () => AGENT,
    inService: () => state.inService,
    suspect: () => state.suspected++,
    changed: () => state.changed++,
    notice: (text) => state.notices.push(text),
  };
  const outbox = Outbox.open(options.dir ?? tempDir());
  const wrapup = new WrapupCalls();
  const book = options.book ?? bookWithCall();
  return { edits: new CallDataEdits(port, outbox, book, wrapup, host), outbox, wrapup, book, state };
}

const confirmed = buildMessage('SET_CALL_DATA_CONF', {});
const timeout = new RequestFailed('timeout', 'SET_CALL_DATA_REQ got no answer within 10 s', 'SET_CALL_DATA_REQ');

describe('call data changes', () => {
  it('keep only the items that differ from the call', () => {
    const call = bookWithCall().get(KEY)!;
    expect(changedItems(call, { variables: { CallVariable1: 'a', CallVariable2: 'b' }, ecc: { 'user.x': '1', 'user.y': '2' }, wrapup: 'old' })).toEqual({
      variables: { CallVariable2: 'b' },
      ecc: { 'user.y': '2' },
    });
    expect(changedItems(call, { variables: { CallVariable1: 'a' }, wrapup: 'old' })).toEqual({});
    expect(changedItems(call, { wrapup: 'new' })).toEqual({ wrapup: 'new' });
  });
});

describe('call data edits', () => {
  it('send only what changed, and nothing when nothing did', async () => {
    const port = scriptedPort({ SET_CALL_DATA_REQ: [confirmed] });
    const { edits: callData, wrapup } = edits(port);
    expect(await callData.set(KEY, { variables: { CallVariable1: 'a', CallVariable2: 'b' }, wrapup: 'done' })).toEqual({ sent: true, queued: false });
    expect(port.sent).toHaveLength(1);
    expect(port.sent[0]).toMatchObject({ ConnectionCallID: 7, ConnectionDeviceID: '3001', CallVariable2: 'b', CallWrapupData: 'done' });
    expect(port.sent[0]).not.toHaveProperty('CallVariable1');
    expect(wrapup.done).toBe(true);
    expect(await callData.set(KEY, { variables: { CallVariable1: 'a' } })).toEqual({ sent: false, queued: false });
    expect(port.sent).toHaveLength(1);
  });

  it('refuse text the wire cannot carry (over its byte maximum) before sending or queuing it, naming the field', async () => {
    const port = scriptedPort({ SET_CALL_DATA_REQ: [confirmed] });
    const { edits: callData, outbox } = edits(port, { inService: false });
    // 39 characters, but 78 bytes in UTF-8: the contract's character limit passes, GED-188's 39 bytes do not.
    await expect(callData.set(KEY, { wrapup: 'é'.repeat(39) })).rejects.toThrow(/set call data: CallWrapupData is 78 bytes; GED-188 carries at most 39/);
    expect(outbox.pending).toEqual([]);
    expect(port.sent).toEqual([]);
  });

  it('keep edits made while the link is down in the outbox, merged, and send them once after the restore', async () => {
    const port = scriptedPort({ SET_CALL_DATA_REQ: [confirmed] });
    const { edits: callData, outbox, state } = edits(port, { inService: false });
    expect(await callData.set(KEY, { variables: { CallVariable2: 'b' } })).toEqual({ sent: false, queued: true });
    expect(await callData.set(KEY, { wrapup: 'done' })).toEqual({ sent: false, queued: true });
    expect(callData.pending).toBe(1);
    expect(outbox.pending[0]!.changes).toEqual({ variables: { CallVariable2: 'b' }, wrapup: 'done' });
    expect(port.sent).toEqual([]);

    state.inService = true;
    await callData.flush();
    await callData.flush();
    expect(port.types()).toEqual(['SET_CALL_DATA_REQ']);
    expect(port.sent[0]).toMatchObject({ CallVariable2: 'b', CallWrapupData: 'done' });
    expect(callData.pending).toBe(0);
  });

  it('takes an edit for a call it does not know while the link is down, by its key', async () => {
    const port = scriptedPort({});
    const { edits: callData, outbox } = edits(port, { inService: false, book: new CallBook() });
    expect(await callData.set('5000.9', { wrapup: 'late' })).toEqual({ sent: false, queued: true });
    expect(outbox.pending[0]).toMatchObject({ agentId: '1001', peripheralId: 5000, connectionCallId: 9, connectionDeviceId: '3001' });
  });

  it('refuse a call the phone does not have, and refuse without an agent', async () => {
    const { edits: callData } = edits(scriptedPort({}));
    await expect(callData.set('5000.99', { wrapup: 'x' })).rejects.toMatchObject({ code: 'failed', message: 'set call data: there is no call 5000.99 on this phone' });
    const lone = new CallDataEdits(scriptedPort({}), Outbox.open(tempDir()), new CallBook(), new WrapupCalls(), {
      agent: () => undefined,
      inService: () => true,
      suspect: () => {},
      changed: () => {},
      notice: () => {},
    });
    await expect(lone.set(KEY, { wrapup: 'x' })).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('keep an unanswered send, suspect the model, and drop it without re-sending once the server shows it applied', async () => {
    const applied = buildMessage('SNAPSHOT_CALL_CONF', { CallVariable1: 'a', CallVariable2: 'b', CallConnectionDeviceID: ['3001'], CallDeviceConnectionState: [3] });
    const port = scriptedPort({ SET_CALL_DATA_REQ: [timeout], SNAPSHOT_CALL_REQ: [applied] });
    const { edits: callData, outbox, state } = edits(port);
    expect(await callData.set(KEY, { variables: { CallVariable2: 'b' } })).toEqual({ sent: false, queued: true });
    expect(outbox.pending[0]!.unconfirmedSends).toBe(1);
    expect(state.suspected).toBe(1);

    await callData.flush();
    expect(port.types()).toEqual(['SET_CALL_DATA_REQ', 'SNAPSHOT_CALL_REQ']);
    expect(callData.pending).toBe(0);
  });

  it('re-send an unanswered edit the server does not have, and say so when it refuses a saved one', async () => {
    const refused = buildMessage('CONTROL_FAILURE_CONF', { FailureCode: CONTROL_FAILURE_CODE.INVALID_CSTA_CALL_IDENTIFIER, PeripheralErrorCode: 0 });
    const notApplied = buildMessage('SNAPSHOT_CALL_CONF', { CallVariable1: 'a', CallConnectionDeviceID: ['3001'], CallDeviceConnectionState: [3] });
    const port = scriptedPort({ SET_CALL_DATA_REQ: [timeout, refused], SNAPSHOT_CALL_REQ: [notApplied] });
    const { edits: callData, state } = edits(port);
    await callData.set(KEY, { variables: { CallVariable2: 'b' } });
    await callData.flush();
    expect(port.types()).toEqual(['SET_CALL_DATA_REQ', 'SNAPSHOT_CALL_REQ', 'SET_CALL_DATA_REQ']);
    expect(callData.pending).toBe(0);
    expect(state.notices).toEqual([expect.stringMatching(/^call data saved while the link was down could not be applied to call 5000\.7: set call data failed: /)]);
    // A refusal for a call the server does not have is a sign the model is wrong, as the timeout was.
    expect(state.suspected).toBe(2);
  });

  it('stop flushing when the link goes, check a lost send before the next, and leave other agents’ entries', async () => {
    const dir = tempDir();
    // Another agent's entry, left by an earlier run of the desktop.
    const earlier = Outbox.open(dir);
    earlier.add({ agentId: '1002', peripheralId: 5000, connectionCallId: 5, connectionDeviceId: '3002', connectionDeviceIdType: 0, changes: { wrapup: 'theirs' } });
    earlier.close();
    const notApplied = buildMessage('SNAPSHOT_CALL_CONF', { CallVariable1: 'a', CallConnectionDeviceID: ['3001'], CallDeviceConnectionState: [3] });
    const port = scriptedPort({ SET_CALL_DATA_REQ: [new RequestFailed('connection-lost', 'the link went', 'SET_CALL_DATA_REQ'), confirmed], SNAPSHOT_CALL_REQ: [notApplied] });
    const { edits: callData, state } = edits(port, { dir, inService: false });
    await callData.set(KEY, { wrapup: 'mine' });
    state.inService = true;
    await callData.flush();
    expect(callData.pending).toBe(2);
    // The lost send may have been applied: the server's call is checked before it goes again.
    await callData.flush();
    expect(port.types()).toEqual(['SET_CALL_DATA_REQ', 'SNAPSHOT_CALL_REQ', 'SET_CALL_DATA_REQ']);
    expect(port.sent.every((m) => 'ConnectionCallID' in m && m.ConnectionCallID === 7)).toBe(true);
    expect(callData.pending).toBe(1);
  });

  it('keep a newer edit merged while an older send awaits its answer, and deliver it exactly once', async () => {
    let answerLate!: (reply: Message) => void;
    const late = new Promise<Message>((resolve) => (answerLate = resolve));
    // The server applied the first edit (CallVariable2) but never got the second (CallVariable3).
    const firstApplied = buildMessage('SNAPSHOT_CALL_CONF', { CallVariable1: 'a', CallVariable2: 'b', CallConnectionDeviceID: ['3001'], CallDeviceConnectionState: [3] });
    const port = scriptedPort({ SET_CALL_DATA_REQ: [late, timeout, confirmed], SNAPSHOT_CALL_REQ: [firstApplied] });
    const { edits: callData, state } = edits(port, { inService: false });
    await callData.set(KEY, { variables: { CallVariable2: 'b' } });
    state.inService = true;

    const flushing = callData.flush();
    await vi.waitFor(() => expect(port.types()).toEqual(['SET_CALL_DATA_REQ']));
    // While the saved edit awaits its answer the agent edits the same call; that send goes unanswered.
    expect(await callData.set(KEY, { variables: { CallVariable3: 'c' } })).toEqual({ sent: false, queued: true });
    answerLate(confirmed);
    await flushing;

    // The late confirmation was for the first edit only: the second was checked, then sent once more.
    expect(port.types()).toEqual(['SET_CALL_DATA_REQ', 'SET_CALL_DATA_REQ', 'SNAPSHOT_CALL_REQ', 'SET_CALL_DATA_REQ']);
    const carrying = (name: string) => port.sent.filter((m) => m.MessageType === 'SET_CALL_DATA_REQ' && name in m);
    expect(carrying('CallVariable3')).toHaveLength(2);
    expect(port.sent.at(-1)).toMatchObject({ CallVariable3: 'c' });
    // What the server showed it has is not sent again.
    expect(carrying('CallVariable2')).toHaveLength(1);
    expect(callData.pending).toBe(0);
    await callData.flush();
    expect(port.sent).toHaveLength(4);
  });
});
