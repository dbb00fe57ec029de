import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_LOG_FILE_LIMITS, fileLogger, type FileLogger } from '../../../main/core/logger.js';
import { REPO_ROOT } from '../../support/child-process.js';

let dir: string;
let file: string;
const open: FileLogger[] = [];

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'logger-'));
  file = path.join(dir, 'logs', 'host.log');
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((log) => log.close()));
  rmSync(dir, { recursive: true, force: true });
});

function logger(limits: Partial<typeof DEFAULT_LOG_FILE_LIMITS> = {}): FileLogger {
  const log = fileLogger(file, undefined, { ...DEFAULT_LOG_FILE_LIMITS, ...limits });
  open.push(log);
  return log;
}

const lines = (name: string) => readFileSync(name, 'utf8').split('\n').filter(Boolean);

describe('fileLogger', () => {
  it('writes timestamped lines', async () => {
    const log = logger();
    log.info('first');
    log.warn('second');
    log.error('third');
    await log.flush();
    expect(lines(file)).toEqual([
      expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z INFO first$/),
      expect.stringMatching(/ WARN second$/),
      expect.stringMatching(/ ERROR third$/),
    ]);
  });

  it('rotates at the size limit and keeps only the newest files', async () => {
    const log = logger({ maxBytes: 1_000, keep: 2 });
    for (let i = 0; i < 100; i += 1) log.info(`line ${String(i).padStart(3, '0')} ${'.'.repeat(50)}`);
    await log.flush();
    const files = [file, `${file}.1`, `${file}.2`];
    for (const name of files) expect(statSync(name).size).toBeLessThanOrEqual(1_000);
    expect(existsSync(`${file}.3`)).toBe(false);
    // Oldest to newest across the kept files, nothing out of order, the last line last.
    const kept = [...files].reverse().flatMap(lines).map((line) => Number(/line (\d+)/.exec(line)![1]));
    expect(kept.at(-1)).toBe(99);
    expect(kept).toEqual([...kept].sort((a, b) => a - b));
    expect(kept.length).toBeGreaterThan(20);
    expect(kept.length).toBeLessThan(100);
  });

  it('stays at its limit when it cannot be rotated (lines are dropped and counted instead)', async () => {
    // The rotation target is a folder with something in it: the rename fails, as on a locked file.
    mkdirSync(path.join(`${file}.1`, 'in-the-way'), { recursive: true });
    const log = logger({ maxBytes: 1_000, keep: 1 });
    for (let i = 0; i < 200; i += 1) log.info(`line ${String(i).padStart(3, '0')} ${'.'.repeat(50)}`);
    await log.flush();
    expect(statSync(file).size).toBeLessThanOrEqual(1_000);
  });

  it('continues an existing log and counts its size toward the limit', async () => {
    const first = logger({ maxBytes: 2_000 });
    for (let i = 0; i < 15; i += 1) first.info(`${'a'.repeat(80)}`);
    await first.close();
    const second = logger({ maxBytes: 2_000 });
    for (let i = 0; i < 15; i += 1) second.info(`${'b'.repeat(80)}`);
    await second.flush();
    expect(statSync(file).size).toBeLessThanOrEqual(2_000);
    expect(lines(`${file}.1`)[0]).toContain('aaa');
  });

  it('cuts long lines and escapes control characters', async () => {
    const log = logger({ maxLineChars: 200 });
    log.warn(`refused a WebSocket from origin https://evil.example/${'x'.repeat(14 * 1024)}`);
    log.warn('origin a\nINFO forged');
    await log.flush();
    const written = lines(file);
    expect(written).toHaveLength(2);
    expect(written[0]!.length).toBeLessThan(300);
    expect(written[0]).toMatch(/… \(\d+ more characters\)$/);
    expect(written[1]).toMatch(/ WARN origin a\\x0aINFO forged$/);
  });

  it('writes what is still buffered when the process crashes at once', () => {
    const script = `
      import { fileLogger } from ${JSON.stringify(path.join(REPO_ROOT, 'main/core/logger.ts'))};
      const log = fileLogger(${JSON.stringify(file)});
      for (let i = 0; i < 1000; i += 1) log.info('before the exit ' + i);
      log.error('the line that explains the crash');
      throw new Error('crash');
    `;
    const run = spawnSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['--input-type=module', '-e', script], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toContain('crash');
    const written = lines(file);
    expect(written).toHaveLength(1001);
    expect(written.at(-1)).toMatch(/ERROR the line that explains the crash$/);
  });
});
