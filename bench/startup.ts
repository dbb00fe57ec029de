import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import { findChromium } from '../main/browser-host/chromium-finder.js';
import { ensureBuilt } from '../scripts/app-build.js';
import { testChromiumSearch } from '../scripts/test-chromium.js';

/**
 * Start-up as an agent feels it (issue 11 item 11): from the browser host's process
 * start (node on the built main/browser-host/cli.ts, as `npm run start:browser` runs it; embedded simulator, a fresh user-data folder)
 * to the login form interactive in Chromium, and from the `Login` click to `Ready`
 * enabled. The browser is launched once before the runs, and each run's tab is opened
 * before the clock starts (it is the agent's browser, already open); each run gets a new
 * browser context, so nothing is cached between runs.
 */
export interface StartupOptions {
  readonly runs: number;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** What `npm run start:browser` runs once the build is fresh: the precompiled host (main/browser-host/cli.ts). */
const HOST = path.join(ROOT, 'out/main/browser-host.js');

interface Run {
  /** Process start to "Listening on": the host, core and the simulator up. */
  listening: number;
  /** Process start to the login form shown with `Login` enabled. */
  loginForm: number;
  /** `Login` click to `Ready` enabled. */
  loginToReady: number;
}

export async function runStartupBenchmark(options: StartupOptions): Promise<Record<string, unknown>> {
  // Built once beforehand, as an installed desktop is: building is not starting.
  if ((await ensureBuilt({ force: false })) !== 0) throw new Error('the app could not be built');
  const found = findChromium(testChromiumSearch());
  if (found.kind !== 'found') throw new Error('no Chromium found; set CHROMIUM_PATH');
  const browser = await chromium.launch({ executablePath: found.path, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  const runs: Run[] = [];
  try {
    for (let i = 0; i < options.runs; i++) runs.push(await oneRun(browser));
  } finally {
    await browser.close();
  }
  const median = (pick: (run: Run) => number) => {
    const sorted = runs.map(pick).sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return Math.round(sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2);
  };
  const loginFormMs = median((run) => run.loginForm);
  return {
    benchmark: 'startup',
    runs: runs.length,
    medianMs: { listening: median((run) => run.listening), loginFormInteractive: loginFormMs, loginToReady: median((run) => run.loginToReady) },
    targetLoginFormMs: 1000,
    met: loginFormMs < 1000,
    each: runs.map((run) => ({ listening: Math.round(run.listening), loginForm: Math.round(run.loginForm), loginToReady: Math.round(run.loginToReady) })),
    rendererKb: Math.round(rendererBytes() / 1024),
    chromium: found.path,
  };
}

async function oneRun(browser: Browser): Promise<Run> {
  const userData = mkdtempSync(path.join(os.tmpdir(), 'softphone-bench-'));
  // The agent's browser has its tab open already: making one is the browser's time, not ours.
  const context = await browser.newContext();
  const page = await context.newPage();
  const started = performance.now();
  const host = spawn(process.execPath, [HOST, '--no-open', '--port', '0', '--user-data', userData], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  try {
    const url = await listeningUrl(host);
    const listening = performance.now() - started;
    await page.goto(url);
    const region = page.getByRole('region', { name: 'Agent login' });
    const loginButton = region.getByRole('button', { name: 'Login' });
    await loginButton.waitFor();
    await page.waitForFunction(() => {
      const button = [...document.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === 'Login');
      return button !== undefined && !button.disabled;
    });
    const loginForm = performance.now() - started;
    await region.getByRole('textbox', { name: 'Agent ID' }).fill('1001');
    await region.getByLabel('Password', { exact: true }).fill('any');
    await region.getByRole('textbox', { name: 'Instrument' }).fill('3001');
    const clicked = performance.now();
    await loginButton.click();
    const ready = page.getByRole('region', { name: 'Agent state' }).getByRole('button', { name: 'Ready', exact: true });
    await ready.waitFor();
    await page.waitForFunction(() => {
      const region = [...document.querySelectorAll('section')].find((section) => section.getAttribute('aria-label') === 'Agent state');
      const button = region && [...region.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === 'Ready');
      return button !== undefined && !button.disabled;
    }, undefined, { timeout: 30_000 });
    return { listening, loginForm, loginToReady: performance.now() - clicked };
  } finally {
    await context.close();
    await stop(host);
    rmSync(userData, { recursive: true, force: true });
  }
}

function listeningUrl(host: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`the browser host did not start within 30 s: ${stderr || stdout}`)), 30_000);
    host.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    host.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /^Listening on (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    host.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the browser host exited (${code}): ${stderr || stdout}`));
    });
  });
}

function stop(host: ChildProcess): Promise<void> {
  if (host.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    host.once('exit', () => resolve());
    host.kill('SIGTERM');
  });
}

function rendererBytes(): number {
  const assets = path.join(ROOT, 'out/renderer/assets');
  return readdirSync(assets).reduce((sum, file) => sum + statSync(path.join(assets, file)).size, 0);
}
