import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startNpmScript, startProgram, type RunningProgram } from '../support/child-process.js';
import { StatusBar } from './pages/status-bar.js';

let programs: RunningProgram[] = [];
let userData: string;

test.beforeEach(() => {
  userData = mkdtempSync(path.join(os.tmpdir(), 'softphone-e2e-'));
});

test.afterEach(async () => {
  await Promise.all(programs.map((p) => p.stop()));
  programs = [];
  rmSync(userData, { recursive: true, force: true });
});

async function killSide(controlUrl: string, side: 'A' | 'B'): Promise<void> {
  const response = await fetch(`${controlUrl}/faults`, { method: 'POST', body: JSON.stringify({ type: 'kill-side', side }) });
  expect(response.status).toBe(200);
}

test('shows side A, then side B within 2 s of side A failing (built-in simulator)', async ({ page }) => {
  // Exactly the documented command line: npm run start:browser -- --no-open --port 0
  const host = startNpmScript('start:browser', ['--no-open', '--port', '0', '--user-data', userData]);
  programs.push(host);
  const [, controlUrl] = await host.waitForLine(/^Built-in CTI Server simulator: .* control API (http:\/\/\S+)$/m);
  const [, url] = await host.waitForLine(/^Listening on (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m);

  await page.goto(url!);
  const status = new StatusBar(page);
  await status.expectConnected('A');

  await killSide(controlUrl!, 'A');
  await status.expectConnected('B', 2_000);

  expect(await host.stop('SIGINT')).toBe(0);
});

test('connects to an external simulator given with --cti-a and --cti-b', async ({ page }) => {
  const simulator = startProgram('simulator/cli.ts', ['--port-a', '0', '--port-b', '0', '--control-port', '0', '--quiet']);
  programs.push(simulator);
  const [, a, b, controlUrl] = await simulator.waitForLine(
    /^Simulator ready: side A (\S+) \(active\), side B (\S+) \(standby\), control API (\S+)$/m,
  );
  const host = startProgram('main/browser-host/cli.ts', ['--no-open', '--port', '0', '--user-data', userData, '--cti-a', a!, '--cti-b', b!]);
  programs.push(host);
  const [, url] = await host.waitForLine(/^Listening on (\S+)$/m);

  await page.goto(url!);
  const status = new StatusBar(page);
  await status.expectConnected('A');
  await expect(status.region).toContainText(a!);

  await killSide(controlUrl!, 'A');
  await status.expectConnected('B', 2_000);
  await expect(status.region).toContainText(b!);
  expect(await simulator.stop('SIGINT')).toBe(0);
});

test('refuses the page without the per-run token', async ({ page }) => {
  const host = startProgram('main/browser-host/cli.ts', ['--no-open', '--port', '0', '--user-data', userData]);
  programs.push(host);
  const [, origin] = await host.waitForLine(/^Listening on (http:\/\/127\.0\.0\.1:\d+)\/\?token=\S+$/m);
  const response = await page.goto(`${origin}/`);
  expect(response?.status()).toBe(403);
  await expect(page.getByText('needs the token')).toBeVisible();
  const forged = await page.goto(`${origin}/?token=wrong`);
  expect(forged?.status()).toBe(403);
});
