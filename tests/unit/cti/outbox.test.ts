import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Outbox, OUTBOX_FILE_NAME } from '../../../main/cti/outbox.js';

const dirs: string[] = [];
const opened: Outbox[] = [];
afterEach(() => {
  opened.splice(0).forEach((outbox) => outbox.close());
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'outbox-'));
  dirs.push(dir);
  return dir;
};
const edit = (changes: object, connectionCallId = 7) => ({
  agentId: '1001',
  peripheralId: 5000,
  connectionCallId,
  connectionDeviceId: '3001',
  connectionDeviceIdType: 0,
  changes,
});

/** Opens the outbox in `dir`, collecting its warnings; closed after the test. */
function open(dir: string): { outbox: Outbox; warnings: string[] } {
  const warnings: string[] = [];
  const outbox = Outbox.open(dir, (text) => warnings.push(text));
  opened.push(outbox);
  return { outbox, warnings };
}

/** Opens, checks, and closes again (so the folder can be opened once more). */
function reopen(dir: string): Outbox {
  const { outbox } = open(dir);
  outbox.close();
  return outbox;
}

const outboxFile = (dir: string) => path.join(dir, OUTBOX_FILE_NAME);
const filesIn = (dir: string) => readdirSync(dir).sort();
const entry = (id: string, connectionCallId: number) => ({ id, ...edit({ wrapup: `w${connectionCallId}` }, connectionCallId), unconfirmedSends: 0, createdAt: 1 });
const validFile = (entries: unknown[]) => JSON.stringify({ version: 1, entries }, null, 2);

describe('the durable outbox', () => {
  it('is on disk when add returns, merges edits to one call, and survives reopening', () => {
    const dir = tempDir();
    const { outbox } = open(dir);
    outbox.add(edit({ variables: { CallVariable1: 'a' }, wrapup: 'first' }));
    outbox.add(edit({ variables: { CallVariable2: 'b' }, wrapup: 'second' }));
    expect(JSON.parse(readFileSync(outboxFile(dir), 'utf8')).entries).toHaveLength(1);
    outbox.close();
    const { outbox: reopened } = open(dir);
    expect(reopened.pending).toHaveLength(1);
    expect(reopened.pending[0]!.changes).toEqual({ variables: { CallVariable1: 'a', CallVariable2: 'b' }, wrapup: 'second' });
    reopened.markSending(reopened.pending[0]!.id);
    reopened.close();
    const { outbox: third } = open(dir);
    expect(third.pending[0]!.unconfirmedSends).toBe(1);
    expect(third.pending[0]!.revision).toBe(1);
    expect(third.removeIfUnchanged(third.pending[0]!.id, 1)).toBe(true);
    third.close();
    expect(reopen(dir).pending).toEqual([]);
    expect(filesIn(dir)).toEqual([OUTBOX_FILE_NAME]);
  });

  it('removes an entry only at the revision that was sent: an edit merged in since keeps it, on disk too', () => {
    const dir = tempDir();
    const { outbox } = open(dir);
    const sent = outbox.add(edit({ wrapup: 'first' }));
    expect(sent.revision).toBe(0);
    outbox.add(edit({ variables: { CallVariable3: 'c' } }));
    expect(outbox.removeIfUnchanged(sent.id, sent.revision)).toBe(false);
    expect(outbox.pending).toEqual([expect.objectContaining({ id: sent.id, revision: 1, changes: { wrapup: 'first', variables: { CallVariable3: 'c' } } })]);
    outbox.close();
    const { outbox: reopened } = open(dir);
    expect(reopened.pending[0]!.revision).toBe(1);
    expect(reopened.removeIfUnchanged(sent.id, 1)).toBe(true);
    expect(reopened.removeIfUnchanged(sent.id, 1)).toBe(false);
    reopened.close();
    expect(reopen(dir).pending).toEqual([]);
  });

  it('reads a file written before entries had revisions, as revision 0', () => {
    const dir = tempDir();
    writeFileSync(outboxFile(dir), validFile([entry('a', 1)]));
    const { outbox, warnings } = open(dir);
    expect(warnings).toEqual([]);
    expect(outbox.pending).toEqual([{ ...entry('a', 1), revision: 0 }]);
    expect(outbox.removeIfUnchanged('a', 0)).toBe(true);
  });

  it('refuses a second open of the same folder in one process until the first is closed', () => {
    const dir = tempDir();
    const { outbox } = open(dir);
    expect(() => Outbox.open(dir)).toThrow(`the outbox in ${dir} is already open in this process`);
    outbox.close();
    outbox.close();
    expect(() => reopen(dir)).not.toThrow();
  });
});

describe('an unreadable outbox file', () => {
  const valid = validFile([entry('a', 1), entry('b', 2)]);
  const cases: [string, Buffer, RegExp][] = [
    ['truncated', Buffer.from(valid.slice(0, valid.length / 2)), /not valid JSON/],
    ['empty', Buffer.alloc(0), /it is empty/],
    ['only white space', Buffer.from('  \n'), /it is empty/],
    ['binary', Buffer.from([0x7b, 0x00, 0xff, 0xfe, 0x80, 0x81, 0x7d, 0x0a]), /not text/],
    ['followed by trailing garbage', Buffer.concat([Buffer.from(valid), Buffer.from('\n}garbage\u0000')]), /not valid JSON/],
    ['of another version', Buffer.from(JSON.stringify({ version: 2, entries: [] })), /not an outbox file of version 1/],
    ['without a list of entries', Buffer.from(JSON.stringify({ version: 1, entries: {} })), /not an outbox file of version 1/],
    ['a JSON value but not an object', Buffer.from('[1, 2, 3]'), /not an outbox file of version 1/],
  ];

  it.each(cases)('%s: is renamed aside with exactly its bytes, reported, and never overwritten', (_name, bytes, reason) => {
    const dir = tempDir();
    writeFileSync(outboxFile(dir), bytes);
    const { outbox, warnings } = open(dir);
    expect(outbox.pending).toEqual([]);

    const aside = filesIn(dir).filter((name) => name !== OUTBOX_FILE_NAME);
    expect(aside).toHaveLength(1);
    expect(aside[0]).toMatch(/^outbox\.unreadable-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z\.json$/);
    expect(readFileSync(path.join(dir, aside[0]!)).equals(bytes)).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(reason);
    expect(warnings[0]).toContain(outboxFile(dir));
    expect(warnings[0]).toContain(path.join(dir, aside[0]!));

    // The next add writes a fresh outbox; the set-aside bytes stay as they were.
    outbox.add(edit({ wrapup: 'after' }));
    expect(readFileSync(path.join(dir, aside[0]!)).equals(bytes)).toBe(true);
    outbox.close();
    expect(reopen(dir).pending.map((e) => e.changes.wrapup)).toEqual(['after']);
  });

  it('two unreadable files in a row are both kept, under different names', () => {
    const dir = tempDir();
    writeFileSync(outboxFile(dir), 'first {');
    reopen(dir);
    writeFileSync(outboxFile(dir), 'second {');
    reopen(dir);
    const kept = filesIn(dir).map((name) => readFileSync(path.join(dir, name), 'utf8'));
    expect(kept.sort()).toEqual(['first {', 'second {']);
  });

  it('a folder where the file should be (it cannot be read) is moved aside with its content', () => {
    const dir = tempDir();
    mkdirSync(outboxFile(dir));
    writeFileSync(path.join(outboxFile(dir), 'keep'), 'kept');
    const { outbox, warnings } = open(dir);
    expect(outbox.pending).toEqual([]);
    expect(warnings[0]).toMatch(/could not be read \(EISDIR/);
    const aside = filesIn(dir).find((name) => name.startsWith('outbox.unreadable-'))!;
    expect(readFileSync(path.join(dir, aside, 'keep'), 'utf8')).toBe('kept');
  });
});

describe('invalid entries among valid ones', () => {
  it('keeps and sends the valid ones, and sets the invalid ones aside with the reason', () => {
    const dir = tempDir();
    const bad = { ...entry('bad', 3), connectionCallId: 'seven' };
    const duplicate = entry('a', 4);
    writeFileSync(outboxFile(dir), validFile([entry('a', 1), bad, entry('b', 2), 'not an entry', duplicate]));
    const { outbox, warnings } = open(dir);

    expect(outbox.pending.map((e) => e.id)).toEqual(['a', 'b']);
    const rejectedName = filesIn(dir).find((name) => name.startsWith('outbox.rejected-'))!;
    expect(rejectedName).toMatch(/^outbox\.rejected-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z\.json$/);
    const rejected = JSON.parse(readFileSync(path.join(dir, rejectedName), 'utf8'));
    expect(rejected.from).toBe(outboxFile(dir));
    expect(rejected.rejected.map((r: { entry: unknown }) => r.entry)).toEqual([bad, 'not an entry', duplicate]);
    expect(rejected.rejected[0].reason).toMatch(/connectionCallId/);
    expect(rejected.rejected[2].reason).toMatch(/same id as an earlier entry/);

    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('3 of 5 entries');
    expect(warnings[0]).toContain(path.join(dir, rejectedName));
    expect(warnings[0]).toMatch(/the other 2 will be sent/);
    // The outbox file itself now holds only what will be sent.
    expect(JSON.parse(readFileSync(outboxFile(dir), 'utf8')).entries.map((e: { id: string }) => e.id)).toEqual(['a', 'b']);
    outbox.close();
    expect(reopen(dir).pending.map((e) => e.id)).toEqual(['a', 'b']);
    expect(filesIn(dir).filter((name) => name.startsWith('outbox.rejected-'))).toHaveLength(1);
  });
});

describe('leftover temporary files', () => {
  it('are removed on open; the outbox keeps what it held before the unfinished write', () => {
    const dir = tempDir();
    writeFileSync(outboxFile(dir), validFile([entry('a', 1)]));
    writeFileSync(path.join(dir, `${OUTBOX_FILE_NAME}.4242.tmp`), validFile([entry('a', 1), entry('b', 2)]).slice(0, 40));
    writeFileSync(path.join(dir, `${OUTBOX_FILE_NAME}.17.tmp`), '');
    writeFileSync(path.join(dir, 'unrelated.tmp'), 'not ours');
    const { outbox, warnings } = open(dir);
    expect(outbox.pending.map((e) => e.id)).toEqual(['a']);
    expect(filesIn(dir)).toEqual([OUTBOX_FILE_NAME, 'unrelated.tmp']);
    expect(warnings).toEqual([expect.stringMatching(/removed 2 unfinished writes/)]);
  });
});
