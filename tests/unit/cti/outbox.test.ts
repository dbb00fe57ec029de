import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Outbox, OUTBOX_FILE_NAME } from '../../../main/cti/outbox.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'outbox-'));
  dirs.push(dir);
  return dir;
};
const edit = (changes: object) => ({ agentId: '1001', peripheralId: 5000, connectionCallId: 7, connectionDeviceId: '3001', connectionDeviceIdType: 0, changes });

describe('the durable outbox', () => {
  it('is on disk when add returns, merges edits to one call, and survives reopening', () => {
    const dir = tempDir();
    const outbox = Outbox.open(dir);
    outbox.add(edit({ variables: { CallVariable1: 'a' }, wrapup: 'first' }));
    outbox.add(edit({ variables: { CallVariable2: 'b' }, wrapup: 'second' }));
    expect(JSON.parse(readFileSync(path.join(dir, OUTBOX_FILE_NAME), 'utf8')).entries).toHaveLength(1);
    const reopened = Outbox.open(dir);
    expect(reopened.pending).toHaveLength(1);
    expect(reopened.pending[0]!.changes).toEqual({ variables: { CallVariable1: 'a', CallVariable2: 'b' }, wrapup: 'second' });
    reopened.markSending(reopened.pending[0]!.id);
    expect(Outbox.open(dir).pending[0]!.unconfirmedSends).toBe(1);
    reopened.remove(reopened.pending[0]!.id);
    expect(Outbox.open(dir).pending).toEqual([]);
  });
});
