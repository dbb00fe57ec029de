import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startNpmScript, type RunningProgram } from '../support/child-process.js';
import { MALFORMED_TARGETS, PAGE_SPELLINGS, traversals, WEBSOCKET_PROTOCOL_ERRORS } from '../support/hostile-input.js';
import { openRawWebSocket, rawGet, rawUpgrade, statusOf } from '../support/raw-socket.js';
import { StatusBar } from './pages/status-bar.js';

let host: RunningProgram | undefined;
let userData: string;

test.beforeEach(() => {
  userData = mkdtempSync(path.join(os.tmpdir(), 'softphone-hostile-'));
});

test.afterEach(async () => {
  await host?.stop();
  host = undefined;
  rmSync(userData, { recursive: true, force: true });
});

test('the browser host, started as a user starts it, survives hostile input and still serves the softphone', async ({ page }) => {
  test.setTimeout(120_000);
  host = startNpmScript('start:browser', ['--no-open', '--port', '0', '--user-data', userData]);
  const [, url] = await host.waitForLine(/^Listening on (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m);
  const { port: portText, host: hostHeader, searchParams } = new URL(url!);
  const port = Number(portText);
  const token = searchParams.get('token')!;
  const ours = { Host: hostHeader, Origin: `http://${hostHeader}` };
  const foreign = { Host: 'attacker.example', Origin: `http://${hostHeader}` };

  for (const target of MALFORMED_TARGETS) {
    for (const headers of [ours, foreign]) {
      expect([400, 421], `GET ${target}`).toContain(statusOf(await rawGet(port, target, headers)));
      expect([400, 403], `upgrade ${target}`).toContain(statusOf(await rawUpgrade(port, `${target}?token=${token}`, headers)));
    }
  }
  for (const target of PAGE_SPELLINGS) {
    expect(statusOf(await rawGet(port, target, ours)), target).not.toBe(200);
  }
  // out/main/index.js sits one folder above the served out/renderer.
  for (const target of traversals('main/index.js')) {
    expect(statusOf(await rawGet(port, `${target}?token=${token}`, ours)), target).not.toBe(200);
  }
  for (const { name, bytes, code } of WEBSOCKET_PROTOCOL_ERRORS) {
    const socket = await openRawWebSocket(port, `/softphone?token=${token}`, ours);
    socket.write(bytes());
    expect(await socket.closeCode(), name).toBe(code);
    socket.destroy();
  }
  const origin = `https://evil.example/${'x'.repeat(14 * 1024)}`;
  for (let round = 0; round < 10; round += 1) {
    await Promise.all(Array.from({ length: 200 }, () => rawUpgrade(port, '/softphone?token=wrong', { Host: hostHeader, Origin: origin })));
  }

  expect(host.child.exitCode).toBeNull();
  // 2,000 refusals with a 14 KB Origin once wrote 28 MB; now a few short lines and a count.
  expect(statSync(path.join(userData, 'logs', 'browser-host.log')).size).toBeLessThan(64 * 1024);

  await page.goto(url!);
  await new StatusBar(page).expectConnected('A');
  expect(await host.stop('SIGINT')).toBe(0);
});
