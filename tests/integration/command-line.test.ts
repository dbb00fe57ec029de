import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { USER_DATA_LOCK_FILE_NAME } from '../../main/core/user-data-lock.js';
import { startNpmScript, startProgram, type RunningProgram } from '../support/child-process.js';

const running: RunningProgram[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.stop()));
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

function userDataDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'softphone-cli-'));
  dirs.push(dir);
  return dir;
}

function run(entry: string, args: string[]): RunningProgram {
  const program = startProgram(entry, args);
  running.push(program);
  return program;
}

/** Occupies a free loopback port for the duration of a test. */
async function occupiedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  running.push({ stop: () => new Promise((resolve) => server.close(() => resolve(0))) } as RunningProgram);
  return (server.address() as net.AddressInfo).port;
}

/** Bad input gets one line on stderr that says what is wrong — no stack trace. */
function expectOneLine(stderr: string, ...fragments: string[]): void {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  for (const fragment of fragments) expect(lines[0]).toContain(fragment);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('command-line errors', () => {
  it('start:browser: a bad --cti-a value', async () => {
    const program = run('main/browser-host/cli.ts', ['--no-open', '--cti-a', 'cti-server-a']);
    expect(await program.exited).toBe(2);
    expectOneLine(program.stderr(), '--cti-a', '"cti-server-a" is not HOST:PORT');
  });

  it('start:browser: a bad or missing --policy file, one line and exit 2', async () => {
    const dir = userDataDir();
    const policy = path.join(dir, 'policy.json');
    writeFileSync(policy, JSON.stringify({ settings: { source: 'settings.json' } }));
    const bad = run('main/browser-host/cli.ts', ['--no-open', '--user-data', dir, '--policy', policy]);
    expect(await bad.exited).toBe(2);
    expectOneLine(bad.stderr(), `start:browser: the policy file ${policy}: settings.source:`, 'neither an http(s) URL nor an absolute file path');
    const missing = run('main/browser-host/cli.ts', ['--no-open', '--user-data', dir, '--policy', path.join(dir, 'none.json')]);
    expect(await missing.exited).toBe(2);
    expectOneLine(missing.stderr(), 'does not exist; check the path given with --policy');
  });

  it('start:browser: a port out of range and a non-loopback host', async () => {
    const port = run('main/browser-host/cli.ts', ['--no-open', '--cti-a', 'localhost:70000']);
    expect(await port.exited).toBe(2);
    expectOneLine(port.stderr(), 'a port is a number from 1 to 65535');
    const host = run('main/browser-host/cli.ts', ['--no-open', '--host', '0.0.0.0']);
    expect(await host.exited).toBe(2);
    expectOneLine(host.stderr(), 'loopback only');
  });

  it('simulator: a port in use', async () => {
    const busy = await occupiedPort();
    const program = run('simulator/cli.ts', ['--port-a', String(busy), '--port-b', '0', '--control-port', '0']);
    expect(await program.exited).toBe(1);
    expectOneLine(program.stderr(), `port ${busy} on 127.0.0.1 is already in use`);
  });

  it('simulator: starts, reports ready with its addresses, and exits 0 on SIGINT', async () => {
    const program = run('simulator/cli.ts', ['--port-a', '0', '--port-b', '0', '--control-port', '0', '--quiet']);
    const [, controlUrl] = await program.waitForLine(/^Simulator ready: .* control API (\S+)$/m);
    const health = await (await fetch(`${controlUrl}/health`)).json();
    expect(health.sides.A.state).toBe('active');
    expect(await program.stop('SIGINT')).toBe(0);
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('npm run simulator: exits 0 when npm itself gets %s, leaving nothing behind', async (signal) => {
    const program = startNpmScript('simulator', ['--port-a', '0', '--port-b', '0', '--control-port', '0', '--quiet']);
    running.push(program);
    const [, controlUrl] = await program.waitForLine(/^Simulator ready: .* control API (\S+)$/m);
    expect(await program.stop(signal)).toBe(0);
    await expect(fetch(`${controlUrl}/health`)).rejects.toThrow();
  });
});

describe('a fresh machine', () => {
  it('npm run start:browser without a display: prints the address, says it could not open a window, and keeps serving', { timeout: 180_000 }, async () => {
    const userData = mkdtempSync(path.join(os.tmpdir(), 'no-display-'));
    running.push({ stop: async () => (rmSync(userData, { recursive: true, force: true }), 0) } as RunningProgram);
    const { DISPLAY: _x11, WAYLAND_DISPLAY: _wayland, ...withoutDisplay } = process.env;
    // As a person types it on a server: no --no-open. It may build first (hence the time).
    const host = startNpmScript('start:browser', ['--port', '0', '--user-data', userData], withoutDisplay);
    running.push(host);
    const [, url] = await host.waitForLine(/^Listening on (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m, 150_000);
    await host.waitForLine(
      /^Could not open a window \(no display: DISPLAY and WAYLAND_DISPLAY are not set\): open the address above in a browser on this machine\.$/m,
    );
    const page = await fetch(url!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    expect(await host.stop('SIGTERM')).toBe(0);
    await expect(fetch(url!)).rejects.toThrow();
  });

  it('the browser-test step: a CHROMIUM_PATH that names nothing stops it with one line', async () => {
    const step = startProgram('scripts/ensure-chromium.ts', [], { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium', SOFTPHONE_NO_BROWSER_INSTALL: '1' });
    running.push(step);
    expect(await step.exited).toBe(1);
    expectOneLine(step.stderr(), 'CHROMIUM_PATH is /nonexistent/chromium, which is not a program', 'or unset it');
  });
});

describe('one process per user-data folder', () => {
  // The first start may build the renderer (build-if-stale) on a fresh tree.
  const FIRST_START_MS = 170_000;

  it('npm run start:browser twice on one folder: the second exits 2 naming the first, which serves on and exits 0 on SIGTERM', { timeout: 240_000 }, async () => {
    const userData = userDataDir();
    const args = ['--no-open', '--port', '0', '--user-data', userData];
    const first = startNpmScript('start:browser', args);
    running.push(first);
    const [, url] = await first.waitForLine(/^Listening on (\S+)$/m, FIRST_START_MS);
    const lockFile = path.join(userData, USER_DATA_LOCK_FILE_NAME);
    const holder = JSON.parse(readFileSync(lockFile, 'utf8')) as { pid: number };

    const second = startNpmScript('start:browser', args);
    running.push(second);
    expect(await second.exited).toBe(2);
    expectOneLine(second.stderr(), `start:browser: the user-data folder ${userData} is in use by process ${holder.pid} (start:browser, started `, '--user-data');

    expect((await fetch(url!)).status).toBe(200);
    expect(await first.stop('SIGTERM')).toBe(0);
    expect(existsSync(lockFile)).toBe(false);
  });

  it('start:browser takes over the lock of a process that is gone, says so, and releases it on SIGINT', { timeout: 60_000 }, async () => {
    const userData = userDataDir();
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const lockFile = path.join(userData, USER_DATA_LOCK_FILE_NAME);
    writeFileSync(lockFile, JSON.stringify({ pid: gone, program: 'start:browser', startedAt: '2026-01-01T00:00:00.000Z', hostname: os.hostname() }));
    const host = run('main/browser-host/cli.ts', ['--no-open', '--port', '0', '--user-data', userData]);
    await host.waitForLine(new RegExp(`^took over the user-data folder .* from process ${gone} \\(start:browser, started 2026-01-01T00:00:00.000Z\\), which is no longer running$`, 'm'));
    await host.waitForLine(/^Listening on /m);
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).program).toBe('start:browser');
    expect(await host.stop('SIGINT')).toBe(0);
    expect(existsSync(lockFile)).toBe(false);
  });
});
