import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runInForeground } from '../../../scripts/foreground-child.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'foreground-child-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs a child that exits with 2 on SIGINT and 15 on SIGTERM and, once its handlers
 * are in place (so no signal is sent before it can be heard), sends it `sent`.
 */
async function exitCodeAfter(sent: NodeJS.Signals[], attachedToTerminal: boolean): Promise<{ code: number; listenersLeft: number }> {
  const ready = path.join(dir, 'ready');
  const source = `process.on('SIGINT', () => process.exit(2));
process.on('SIGTERM', () => process.exit(15));
require('fs').writeFileSync(${JSON.stringify(ready)}, '');
setInterval(() => {}, 1000);`;
  const signals = new EventEmitter();
  const exited = runInForeground(process.execPath, ['-e', source], { signals, attachedToTerminal });
  await vi.waitFor(() => expect(existsSync(ready)).toBe(true), { timeout: 10_000 });
  for (const signal of sent) signals.emit(signal);
  const code = await exited;
  return { code, listenersLeft: signals.listenerCount('SIGTERM') + signals.listenerCount('SIGINT') + signals.listenerCount('SIGHUP') };
}

const posixOnly = process.platform === 'win32' ? describe.skip : describe;

describe('runInForeground', () => {
  it("exits with the child's code", async () => {
    expect(await runInForeground(process.execPath, ['-e', 'process.exit(7)'], { signals: new EventEmitter() })).toBe(7);
  });

  it('a program that cannot be started gives 1', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await runInForeground(path.join(dir, 'missing-program'), [], { signals: new EventEmitter() })).toBe(1);
    expect(quiet).toHaveBeenCalledWith(expect.stringContaining('cannot start'));
    quiet.mockRestore();
  });

  posixOnly('with signals', () => {
    it('passes SIGTERM on to the child and stops listening once it has gone', async () => {
      expect(await exitCodeAfter(['SIGTERM'], false)).toEqual({ code: 15, listenersLeft: 0 });
    });

    it('passes SIGINT on when no terminal is attached (kill -INT from a supervisor)', async () => {
      expect((await exitCodeAfter(['SIGINT'], false)).code).toBe(2);
    });

    it('does not send SIGINT a second time when a terminal already sent Ctrl+C to the child', async () => {
      expect((await exitCodeAfter(['SIGINT', 'SIGTERM'], true)).code).toBe(15);
    });

    it('a child ended by a signal gives 128 + its number, as a shell reports it', async () => {
      expect(await runInForeground(process.execPath, ['-e', "process.kill(process.pid, 'SIGKILL')"], { signals: new EventEmitter() })).toBe(137);
    });
  });
});
