import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openAppWindow } from '../../../main/browser-host/browser-launcher.js';
import { writeNodeProgram } from '../../support/executables.js';

const URL = 'http://127.0.0.1:4321/?token=t';
const WITH_DISPLAY = { DISPLAY: ':0' };

let dir: string;
const started: number[] = [];
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'browser-launcher-'));
});
afterEach(() => {
  for (const pid of started.splice(0)) {
    try {
      process.kill(pid);
    } catch {
      // already gone
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

/** A stand-in browser that records its arguments and then behaves as `behaviour` says. */
function browser(behaviour: string): string {
  const record = path.join(dir, 'started.json');
  return writeNodeProgram(dir, 'chromium', `require('fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify({ pid: process.pid, args: process.argv.slice(2) }));\n${behaviour}`);
}

function startedWith(): { pid: number; args: string[] } | undefined {
  const record = path.join(dir, 'started.json');
  if (!existsSync(record)) return undefined;
  const run = JSON.parse(readFileSync(record, 'utf8')) as { pid: number; args: string[] };
  started.push(run.pid);
  return run;
}

const posixOnly = process.platform === 'win32' ? describe.skip : describe;

posixOnly('openAppWindow', () => {
  it('on Linux without DISPLAY or WAYLAND_DISPLAY, says so and starts no browser', async () => {
    const program = browser('');
    const outcome = await openAppWindow(URL, path.join(dir, 'profile'), { platform: 'linux', env: {}, system: [program] });
    expect(outcome).toEqual({ opened: false, reason: 'no display: DISPLAY and WAYLAND_DISPLAY are not set' });
    expect(startedWith()).toBeUndefined();
  });

  it('opens the address in app mode with its own profile; a browser that hands over to a running one (exit 0) counts as opened', async () => {
    const program = browser('process.exit(0);');
    const profile = path.join(dir, 'profile');
    const outcome = await openAppWindow(URL, profile, { platform: 'linux', env: { WAYLAND_DISPLAY: 'wayland-0' }, system: [program] });
    expect(outcome).toEqual({ opened: true, browser: program });
    expect(startedWith()?.args).toEqual(expect.arrayContaining([`--app=${URL}`, `--user-data-dir=${profile}`]));
  });

  it('a browser still running after the start-up time has opened its window', async () => {
    const program = browser('setInterval(() => {}, 1000);');
    const outcome = await openAppWindow(URL, path.join(dir, 'profile'), { platform: 'linux', env: WITH_DISPLAY, system: [program], startupMs: 300 });
    expect(outcome).toEqual({ opened: true, browser: program });
    await vi.waitFor(() => expect(startedWith()).toBeDefined());
  });

  it('a browser that fails at start-up (as Chromium does when it cannot reach the display) is reported with its exit code', async () => {
    const program = browser("process.stderr.write('Missing X server or $DISPLAY\\n'); process.exit(1);");
    const outcome = await openAppWindow(URL, path.join(dir, 'profile'), { platform: 'linux', env: { DISPLAY: ':99' }, system: [program] });
    expect(outcome).toEqual({ opened: false, reason: 'chromium exited at start-up with exit code 1' });
  });

  it('no browser, or a CHROMIUM_PATH that names none, is said in words', async () => {
    const profile = path.join(dir, 'profile');
    expect(await openAppWindow(URL, profile, { platform: 'linux', env: WITH_DISPLAY, system: [path.join(dir, 'none')] })).toEqual({
      opened: false,
      reason: 'no Chromium, Chrome or Edge found',
    });
    const missing = path.join(dir, 'missing-chrome');
    expect(await openAppWindow(URL, profile, { platform: 'linux', env: { ...WITH_DISPLAY, CHROMIUM_PATH: missing }, system: [] })).toEqual({
      opened: false,
      reason: `CHROMIUM_PATH (${missing}) is not a program`,
    });
  });

  it('Windows and macOS are not asked for DISPLAY', async () => {
    const program = browser('process.exit(0);');
    const outcome = await openAppWindow(URL, path.join(dir, 'profile'), { platform: 'darwin', env: {}, system: [program] });
    expect(outcome.opened).toBe(true);
  });
});
