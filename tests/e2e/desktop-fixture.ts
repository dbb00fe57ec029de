import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startNpmScript, type RunningProgram } from '../support/child-process.js';

/**
 * The desktop as a user starts it: `npm run start:browser` on the embedded simulator,
 * with its own user-data folder, stopped after each test. Every browser spec shares
 * this, so each flow starts the same way and artefacts are taken the same way.
 */
export interface Desktop {
  /** The page's address, token included. */
  readonly url: string;
  /** The embedded simulator's control API (faults, calls, agents); '' for a desktop started with --cti-a. */
  readonly controlUrl: string;
  /** Stops this desktop as its user would (SIGTERM), before the test ends. */
  readonly stop: () => Promise<void>;
  /** The CTI Server sides it talks to (`host:port`): the embedded simulator's, or those it was given. */
  readonly sides: { readonly A: string; readonly B: string };
}

const running: { host: RunningProgram; userData: string }[] = [];

test.afterEach(async () => {
  const testInfo = test.info();
  for (const [index, { host, userData }] of running.splice(0).entries()) {
    // A failed flow keeps what each desktop process said on stderr, to tell a crash from a slow screen.
    if (testInfo.status !== testInfo.expectedStatus) {
      if (host.stderr()) await testInfo.attach(`desktop-${index + 1}-stderr`, { body: host.stderr(), contentType: 'text/plain' });
      const log = path.join(userData, 'logs', 'browser-host.log');
      if (existsSync(log)) await testInfo.attach(`desktop-${index + 1}-log`, { path: log, contentType: 'text/plain' });
    }
    await host.stop();
    rmSync(userData, { recursive: true, force: true });
  }
});

/**
 * Starts the browser host on the embedded simulator exactly as a user does: the page's
 * address and the simulator's control API. Each call starts one more desktop (its own
 * process and user data), so a test can have two agents; `extraArguments` go to
 * `start:browser` (a second desktop points at the first one's simulator with them).
 */
export async function startDesktop(extraArguments: readonly string[] = [], simulator?: Pick<Desktop, 'controlUrl' | 'sides'>): Promise<Desktop> {
  const userData = mkdtempSync(path.join(os.tmpdir(), 'softphone-desk-'));
  const host = startNpmScript('start:browser', ['--no-open', '--port', '0', '--user-data', userData, ...extraArguments]);
  running.push({ host, userData });
  // A desktop given its sides starts no simulator of its own, so prints no line about one.
  const configured = extraArguments.includes('--cti-a') || extraArguments.includes('--cti-b');
  if (configured && !simulator) throw new Error('startDesktop: a desktop on configured sides needs the simulator they belong to (use startDesktopOn)');
  let embedded = simulator;
  if (!configured) {
    const [, a, b, controlUrl] = await host.waitForLine(/^Built-in CTI Server simulator: side A (\S+), side B (\S+), control API (http:\/\/\S+)$/m);
    embedded = { controlUrl: controlUrl!, sides: { A: a!, B: b! } };
  }
  const [, url] = await host.waitForLine(/^Listening on (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m);
  return {
    url: url!,
    controlUrl: embedded!.controlUrl,
    sides: embedded!.sides,
    stop: async () => {
      await host.stop();
    },
  };
}

/** A second desktop (its own process and user data) on the first one's simulator: a colleague for transfers. */
export function startDesktopOn(first: Desktop): Promise<Desktop> {
  return startDesktop(['--cti-a', first.sides.A, '--cti-b', first.sides.B], first);
}

/** The calls the simulator has in progress (GET /calls): what the far end sees. */
export async function simulatorCalls(controlUrl: string): Promise<SimulatorCall[]> {
  const response = await fetch(`${controlUrl}/calls`);
  expect(response.status).toBe(200);
  return (await response.json()) as SimulatorCall[];
}

/** A call as GET /calls describes it (the parts the specs look at). */
export interface SimulatorCall {
  readonly callId: number;
  readonly state: string;
  readonly ani: string;
  readonly parties: readonly { readonly device: string; readonly agentId?: string; readonly state: number }[];
  readonly callVariables: Readonly<Record<string, string>>;
  readonly ecc: Readonly<Record<string, string>>;
  readonly dtmf: string;
  readonly callDataSets: number;
}

/** A caller rings the simulated centre for `agentId` (the simulator's control API). */
export async function placeCall(
  controlUrl: string,
  body: { ani: string; dnis: string; agentId: string; callVariables?: Record<string, string>; ecc?: Record<string, string> },
): Promise<void> {
  const response = await fetch(`${controlUrl}/calls`, { method: 'POST', body: JSON.stringify(body) });
  expect(response.status, await response.text()).toBe(200);
}

/** Injects a fault into the simulator (kill-side, restore-side, stall-side, …; see simulator/faults.ts). */
export async function injectFault(controlUrl: string, fault: Record<string, unknown>): Promise<unknown> {
  const response = await fetch(`${controlUrl}/faults`, { method: 'POST', body: JSON.stringify(fault) });
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return JSON.parse(text) as unknown;
}

/** No serious or critical WCAG violations on what the page shows now. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const grave = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(grave.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** The screen in the light and the dark theme, each checked by axe and kept with the test's artefacts. */
export async function screenshots(page: Page, name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await expectAccessible(page);
    await page.screenshot({ path: test.info().outputPath(`${name}-${colorScheme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: null });
}
