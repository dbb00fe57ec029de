import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Outbox, OUTBOX_FILE_NAME } from '../../main/cti/outbox.js';
import { startNodeProgram, type RunningProgram } from '../support/child-process.js';

const KILLS = 25;

const running: RunningProgram[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.stop('SIGKILL')));
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

/** Starts tests/support/outbox-writer.ts on `dir`, its stdout collected whole. */
function startWriter(dir: string, firstCallId: number): { writer: RunningProgram; stdout: () => string; closed: Promise<void> } {
  const writer = startNodeProgram('tests/support/outbox-writer.ts', [dir, String(firstCallId)]);
  running.push(writer);
  let text = '';
  writer.child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  // 'close': every byte the writer printed has been read.
  const closed = new Promise<void>((resolve) => writer.child.once('close', () => resolve()));
  return { writer, stdout: () => text, closed };
}

describe('the outbox under SIGKILL', () => {
  it(`loses no acknowledged entry and is never left unreadable across ${KILLS} kills in the middle of writing`, { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'outbox-kill-'));
    dirs.push(dir);
    const acknowledged = new Set<number>();
    /** The add each kill may have cut off between its rename and its line: on disk, never acknowledged. */
    const cutOff = new Set<number>();
    let next = 1;
    for (let round = 0; round < KILLS; round += 1) {
      const { writer, stdout, closed } = startWriter(dir, next);
      // A different moment in each round: after 1 to 40 acknowledged adds, in the middle of the next write.
      const target = next + ((round * 7) % 40);
      await writer.waitForLine(new RegExp(`^added ${target}$`, 'm'));
      writer.child.kill('SIGKILL');
      await closed;

      const lines = stdout().split('\n');
      // Each start found everything acknowledged so far (and perhaps the adds the kills cut off after their rename).
      const opened = Number(/^opened (\d+)$/m.exec(stdout())?.[1]);
      expect(opened, `round ${round}`).toBeGreaterThanOrEqual(acknowledged.size);
      expect(opened, `round ${round}`).toBeLessThanOrEqual(acknowledged.size + cutOff.size);
      expect(lines.filter((line) => line.startsWith('warning ') && !/removed \d+ unfinished writes/.test(line))).toEqual([]);
      for (const line of lines) {
        const added = /^added (\d+)$/.exec(line);
        if (added) acknowledged.add(Number(added[1]));
      }
      cutOff.add(Math.max(...acknowledged) + 1);
      next = Math.max(...acknowledged) + 2;
    }

    const warnings: string[] = [];
    const outbox = Outbox.open(dir, (text) => warnings.push(text));
    outbox.close();
    const stored = new Set(outbox.pending.map((entry) => entry.connectionCallId));
    expect([...acknowledged].filter((callId) => !stored.has(callId))).toEqual([]);
    expect([...stored].filter((callId) => !acknowledged.has(callId) && !cutOff.has(callId))).toEqual([]);
    expect(outbox.pending.every((entry) => entry.changes.wrapup === `call ${entry.connectionCallId}`)).toBe(true);
    expect(warnings.filter((text) => !/removed \d+ unfinished writes/.test(text))).toEqual([]);
    expect(readdirSync(dir)).toEqual([OUTBOX_FILE_NAME]);
  });
});
