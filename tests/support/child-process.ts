import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');

export interface RunningProgram {
  readonly child: ChildProcess;
  /** Resolves with the first match of `pattern` in stdout (or rejects when the program exits first). */
  waitForLine(pattern: RegExp, ms?: number): Promise<RegExpMatchArray>;
  readonly stderr: () => string;
  /** SIGTERM, then resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  readonly exited: Promise<number | null>;
}

/** Starts one of the repository's TypeScript entry points directly with tsx, in this environment or in `env`. */
export function startProgram(entry: string, args: string[], env: NodeJS.ProcessEnv = process.env): RunningProgram {
  return watch(entry, spawn(TSX, [entry, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...env, FORCE_COLOR: '0' } }));
}

/**
 * Starts a TypeScript entry point in node itself with tsx as a loader: the child is
 * the program, not tsx's launcher in front of it, so SIGKILL reaches the program
 * (killing the launcher would leave the program running on).
 */
export function startNodeProgram(entry: string, args: string[]): RunningProgram {
  return watch(entry, spawn(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } }));
}

/**
 * Starts an npm script exactly as a person types it: `npm run --silent NAME -- ARGS`,
 * in this environment or in `env` (the whole environment, e.g. one without DISPLAY).
 */
export function startNpmScript(script: string, args: string[], env: NodeJS.ProcessEnv = process.env): RunningProgram {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  return watch(`npm run ${script}`, spawn(npm, ['run', '--silent', script, '--', ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...env, FORCE_COLOR: '0' } }));
}

function watch(entry: string, child: ChildProcess): RunningProgram {
  let stdout = '';
  let stderr = '';
  const watchers = new Set<() => void>();
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const watcher of watchers) watcher();
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => {
    for (const watcher of watchers) watcher();
    resolve(code);
  }));
  return {
    child,
    exited,
    stderr: () => stderr,
    waitForLine(pattern, ms = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => done(new Error(`no line matching ${pattern} within ${ms} ms; stdout: ${stdout} stderr: ${stderr}`)), ms);
        const check = () => {
          const match = stdout.match(pattern);
          if (match) return done(undefined, match);
          if (child.exitCode !== null) done(new Error(`${entry} exited with ${child.exitCode}; stderr: ${stderr}`));
        };
        const done = (error?: Error, match?: RegExpMatchArray) => {
          clearTimeout(timer);
          watchers.delete(check);
          if (error) reject(error);
          else resolve(match!);
        };
        watchers.add(check);
        check();
      });
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
