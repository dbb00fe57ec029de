/**
 * Runs a program as the foreground child of a script, the job `exec` does in a POSIX
 * shell but portable to Windows (whose cmd.exe has no `exec`): termination signals are
 * passed on so the child can close its CTI session cleanly, and the script exits with
 * the child's code.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import { pathToFileURL } from 'node:url';

export interface ForegroundOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Where termination signals arrive: this process, unless a test says otherwise. */
  readonly signals?: NodeJS.EventEmitter;
  /**
   * A Ctrl+C in a terminal already reaches the whole foreground process group, child
   * included; sending SIGINT again would turn a graceful stop into a forced one, so
   * SIGINT is passed on only when no terminal is attached (a supervisor's `kill -INT`).
   */
  readonly attachedToTerminal?: boolean;
}

const RELAYED = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Resolves with the exit code a parent shell would see for the child (128 + n when a signal ended it). */
export function runInForeground(command: string, args: readonly string[], options: ForegroundOptions = {}): Promise<number> {
  const { signals = process, attachedToTerminal = Boolean(process.stdin.isTTY) } = options;
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: 'inherit' });
  const relays = RELAYED.map((signal) => {
    const relay = () => {
      if (signal !== 'SIGINT' || !attachedToTerminal) child.kill(signal);
    };
    signals.on(signal, relay);
    return () => signals.off(signal, relay);
  });
  return exitCodeOf(child).finally(() => relays.forEach((stopRelaying) => stopRelaying()));
}

function exitCodeOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('error', (error) => {
      console.error(`cannot start ${child.spawnfile}: ${error.message}`);
      resolve(1);
    });
    child.once('exit', (code, signal) => resolve(code ?? 128 + (signal ? (os.constants.signals[signal] ?? 0) : 0)));
  });
}

/** Node with tsx's loader, running a TypeScript entry point in one process (no tsx CLI in between). */
export function typescriptEntry(entry: string, args: readonly string[]): [command: string, args: string[]] {
  const loader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return [process.execPath, ['--import', loader, entry, ...args]];
}
