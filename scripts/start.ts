/**
 * `npm start`: build if needed, then run the desktop app in Electron, or in the browser host
 * where the Electron runtime cannot be had or there is no display to show it on. Extra
 * arguments (`npm start -- --cti-a host:port`) go to whichever shell runs. stdout is left
 * to that shell alone.
 */
import path from 'node:path';
import { missingDisplay } from '../main/browser-host/display.js';
import { ensureBuilt } from './app-build.js';
import { probeElectronRuntime, REPO_ROOT } from './electron-runtime.js';
import { runInForeground } from './foreground-child.js';

const extraArgs = process.argv.slice(2);

async function main(): Promise<number> {
  const built = await ensureBuilt();
  if (built !== 0) return built;

  // Without a display Electron cannot open its window; the browser host then prints the
  // address and says so itself, so nothing is said here (and no Electron download is tried).
  if (!missingDisplay(process.platform, process.env)) {
    const runtime = await probeElectronRuntime();
    if (runtime.available) return runInForeground(runtime.path, [REPO_ROOT, ...extraArgs], { cwd: REPO_ROOT });
    console.error('Electron runtime is not available on this machine (it could not be downloaded); starting the browser version instead.');
  }
  // The build's precompiled host (main/browser-host/cli.ts), as start:browser runs it: no TypeScript compiling at start.
  return runInForeground(process.execPath, [path.join(REPO_ROOT, 'out/main/browser-host.js'), ...extraArgs], { cwd: REPO_ROOT });
}

process.exitCode = await main();
