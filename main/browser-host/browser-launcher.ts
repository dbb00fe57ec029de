import { spawn } from 'node:child_process';
import path from 'node:path';
import { findChromium, type ChromiumSearch } from './chromium-finder.js';
import { missingDisplay } from './display.js';

export type WindowOutcome = { readonly opened: true; readonly browser: string } | { readonly opened: false; readonly reason: string };

export interface AppWindowOptions {
  readonly platform?: NodeJS.Platform;
  readonly env?: NodeJS.ProcessEnv;
  /** The system's browser locations; the usual ones unless a test says otherwise. */
  readonly system?: ChromiumSearch['system'];
  /**
   * How long a browser that has not exited counts as still starting. A browser
   * that cannot open a window (no display, a broken profile) exits within it;
   * one that hands the window to a running instance exits 0.
   */
  readonly startupMs?: number;
}

/**
 * Opens the softphone in a Chromium-family browser's app mode (a window without
 * tabs or address bar), with its own profile so it does not mix with browsing.
 * Resolves once the browser is known to have started or known to have failed,
 * with the reason in words, so the caller can tell the user to open the URL.
 */
export function openAppWindow(url: string, profileDir: string, options: AppWindowOptions = {}): Promise<WindowOutcome> {
  const { platform = process.platform, env = process.env, startupMs = 5_000 } = options;
  const noDisplay = missingDisplay(platform, env);
  if (noDisplay) return Promise.resolve({ opened: false, reason: noDisplay });
  const search = findChromium({ platform, env, ...(options.system && { system: options.system }) });
  if (search.kind === 'bad-override') return Promise.resolve({ opened: false, reason: `CHROMIUM_PATH (${search.path}) is not a program` });
  if (search.kind === 'none') return Promise.resolve({ opened: false, reason: 'no Chromium, Chrome or Edge found' });

  const browser = search.path;
  const name = path.basename(browser);
  return new Promise((resolve) => {
    const child = spawn(browser, [`--app=${url}`, `--user-data-dir=${profileDir}`, '--no-first-run', '--no-default-browser-check'], {
      detached: true,
      stdio: 'ignore',
    });
    const settle = (outcome: WindowOutcome) => {
      clearTimeout(timer);
      child.removeAllListeners();
      // Listened to only while starting: the window closing later is the user's business.
      child.on('error', () => {});
      child.unref();
      resolve(outcome);
    };
    const timer = setTimeout(() => settle({ opened: true, browser }), startupMs);
    timer.unref();
    child.once('error', (error) => settle({ opened: false, reason: `${name} could not be started: ${error.message}` }));
    child.once('exit', (code, signal) => {
      if (code === 0) settle({ opened: true, browser });
      else settle({ opened: false, reason: `${name} exited at start-up with ${signal ?? `exit code ${code}`}` });
    });
  });
}
