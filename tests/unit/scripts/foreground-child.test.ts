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
 * A child that exits with 2 on SIGINT and 15 on SIGTERM, after marking a file
 * once its handlers are in place (so a signal is not sent before it can be heard).
 */
function signalAwareChild(): { args: string[]; ready: string } {
  const ready = path.join(dir, 'ready');
  const source = `process.on('SIGINT', () => process.exit(2));
process.on('SIGTERM', () => process.exit(15));
require('fs').writeFileSync(${JSON.stringify(ready)}, '');
setInterval(() => {}, 1000);`;
  return { args: ['-e', source], ready };
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
      const signals = new EventEmitter();
      const child = signalAwareChild();
      const exited = runInForeground(process.execPath, child.args, { signals, attachedToTerminal: false });
      await vi.waitFor(() => expect(existsSync(child.ready)).toBe(true), { timeout: 10_000 });
      signals.emit('SIGTERM');
      expect(await exited).toBe(15);
      expect(signals.listenerCount('SIGTERM') + signals.listenerCount('SIGINT') + signals.listenerCount('SIGHUP')).toBe(0);
    });

    it('passes SIGINT on when no terminal is attached (kill -INT from a supervisor)', async () => {
      const signals = new EventEmitter();
      const child = signalAwareChild();
      const exited = runInForeground(process.execPath, child.args, { signals, attachedToTerminal: false });
      await vi.waitFor(() => expect(existsSync(child.ready)).toBe(true), { timeout: 10_000 });
      signals.emit('SIGINT');
      expect(await exited).toBe(2);
    });

    it('does not send SIGINT a second time when a terminal already sent Ctrl+C to the child', async () => {
      const signals = new EventEmitter();
      const child = signalAwareChild();
      const exited = runInForeground(process.execPath, child.args, { signals, attachedToTerminal: true });
      await vi.waitFor(() => expect(existsSync(child.ready)).toBe(true), { timeout: 10_000 });
      signals.emit('SIGINT');
      signals.emit('SIGTERM');
      expect(await exited).toBe(15);
    });

    it('a child ended by a signal gives 128 + its number, as a shell reports it', async () => {
      expect(await runInForeground(process.execPath, ['-e', "process.kill(process.pid, 'SIGKILL')"], { signals: new EventEmitter() })).toBe(137);
    });
  });
});
