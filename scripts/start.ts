/**
 * `npm start`: build if needed, then run the desktop app in Electron, or in the browser host
 * where the Electron runtime cannot be had. Extra arguments (`npm start -- --cti-a
 * host:port`) go to whichever shell runs. stdout is left to that shell alone.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { ensureBuilt } from './app-build.js';
import { probeElectronRuntime, REPO_ROOT } from './electron-runtime.js';

const require = createRequire(import.meta.url);
const extraArgs = process.argv.slice(2);

function binOf(packageName: string, bin: string): string {
  return path.join(path.dirname(require.resolve(`${packageName}/package.json`)), bin);
}

/** Resolves with the exit code a parent shell would see for this child. */
function exitCodeOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.on('error', (error) => {
      console.error(`cannot start ${child.spawnfile}: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? 128 + (signal ? (os.constants.signals[signal] ?? 0) : 0)));
  });
}

/**
 * Passes termination on to the child so it can close its CTI session. A Ctrl+C in
 * a terminal already reaches the whole foreground process group, child included;
 * sending SIGINT again would turn a graceful stop into a forced one, so SIGINT is
 * relayed only when no terminal is attached (a supervisor's `kill -INT`).
 */
function relaySignals(child: ChildProcess): void {
  const attachedToTerminal = Boolean(process.stdin.isTTY);
  process.on('SIGINT', () => {
    if (!attachedToTerminal) child.kill('SIGINT');
  });
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  process.on('SIGHUP', () => child.kill('SIGHUP'));
}

async function main(): Promise<number> {
  const built = await ensureBuilt();
  if (built !== 0) return built;

  const runtime = await probeElectronRuntime();
  let child: ChildProcess;
  if (runtime.available) {
    child = spawn(runtime.path, [REPO_ROOT, ...extraArgs], { cwd: REPO_ROOT, stdio: 'inherit' });
  } else {
    console.error('Electron runtime is not available on this machine (it could not be downloaded); starting the browser version instead.');
    child = spawn(process.execPath, [binOf('tsx', 'dist/cli.mjs'), path.join(REPO_ROOT, 'main/browser-host/cli.ts'), ...extraArgs], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
    });
  }
  relaySignals(child);
  return exitCodeOf(child);
}

process.exitCode = await main();
