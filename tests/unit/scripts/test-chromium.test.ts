import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureChromium, installPlan, type Machine } from '../../../scripts/test-chromium.js';
import { writeNodeProgram } from '../../support/executables.js';

let dir: string;
let bin: string;
/** Where a successful install puts the browser; the only place the search looks. */
let browser: string;
let calls: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'test-chromium-'));
  bin = path.join(dir, 'bin');
  browser = path.join(dir, 'usr-bin', 'chromium');
  calls = path.join(dir, 'apt-get-calls.jsonl');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A stand-in apt-get on PATH (the real one must never run from a test): it records each
 * call and, on `install`, puts a browser where the search looks, or fails as told.
 */
function fakeAptGet(failInstall?: string): void {
  writeNodeProgram(
    bin,
    'apt-get',
    `const fs = require('fs');
fs.appendFileSync(${JSON.stringify(calls)}, JSON.stringify({ args: process.argv.slice(2), frontend: process.env.DEBIAN_FRONTEND }) + '\\n');
if (process.argv[2] === 'install') {
  ${failInstall ? `console.log('Reading package lists...'); console.error(${JSON.stringify(failInstall)}); process.exit(100);` : ''}
  fs.mkdirSync(${JSON.stringify(path.dirname(browser))}, { recursive: true });
  fs.writeFileSync(${JSON.stringify(browser)}, '#!/bin/sh\\n', { mode: 0o755 });
}`,
  );
}

function aptGetCalls(): { args: string[]; frontend: string }[] {
  if (!existsSync(calls)) return [];
  return readFileSync(calls, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
}

function machine(overrides: Partial<Machine> & { env?: NodeJS.ProcessEnv } = {}): Machine {
  return { platform: 'linux', isRoot: true, sudoWithoutPassword: () => false, ...overrides, env: { PATH: bin, ...overrides.env } };
}

function search(env: NodeJS.ProcessEnv = {}) {
  return { platform: 'linux' as const, env, bundled: [path.join(dir, 'ms-playwright', 'chrome')], system: [browser] };
}

const posixOnly = process.platform === 'win32' ? describe.skip : describe;

posixOnly('installPlan', () => {
  beforeEach(() => {
    fakeAptGet();
    writeNodeProgram(bin, 'sudo', '');
  });

  it('root with apt-get installs; so does a user with password-less sudo, through sudo -n', () => {
    expect(installPlan(machine())).toEqual({ kind: 'apt', prefix: [], aptGet: path.join(bin, 'apt-get') });
    expect(installPlan(machine({ isRoot: false, sudoWithoutPassword: () => true }))).toEqual({
      kind: 'apt',
      prefix: [path.join(bin, 'sudo'), '-n', 'env', 'DEBIAN_FRONTEND=noninteractive'],
      aptGet: path.join(bin, 'apt-get'),
    });
  });

  it('a user sudo would ask for a password, or an install forbidden by SOFTPHONE_NO_BROWSER_INSTALL, is told the command', () => {
    expect(installPlan(machine({ isRoot: false }))).toEqual({ kind: 'by-hand', command: 'sudo apt-get install chromium' });
    expect(installPlan(machine({ env: { SOFTPHONE_NO_BROWSER_INSTALL: '1' } }))).toEqual({ kind: 'by-hand', command: 'apt-get install chromium' });
    expect(installPlan(machine({ env: { SOFTPHONE_NO_BROWSER_INSTALL: '0' } })).kind).toBe('apt');
  });

  it('without apt-get (macOS, Windows, other Linux) the way is Playwright’s own download', () => {
    expect(installPlan(machine({ platform: 'darwin' }))).toEqual({ kind: 'by-hand', command: 'npx playwright install chromium' });
    expect(installPlan(machine({ env: { PATH: path.join(dir, 'empty') } }))).toEqual({ kind: 'by-hand', command: 'npx playwright install chromium' });
  });
});

posixOnly('ensureChromium', () => {
  it('a browser already there is used as it is, without a word', async () => {
    fakeAptGet();
    writeNodeProgram(path.dirname(browser), 'chromium', '');
    const said: string[] = [];
    expect(await ensureChromium({ search: search(), machine: machine(), say: (line) => said.push(line) })).toEqual({ ok: true, path: browser });
    expect(said).toEqual([]);
    expect(aptGetCalls()).toEqual([]);
  });

  it("none present and allowed: says so in one line, runs apt-get update then install -y chromium non-interactively, and uses what it installed", async () => {
    fakeAptGet();
    const said: string[] = [];
    expect(await ensureChromium({ search: search(), machine: machine(), say: (line) => said.push(line) })).toEqual({ ok: true, path: browser });
    expect(said).toEqual(["No Chromium or Chrome found: installing Debian's chromium (apt-get update, apt-get install -y chromium)…"]);
    expect(aptGetCalls()).toEqual([
      { args: ['update'], frontend: 'noninteractive' },
      { args: ['install', '-y', 'chromium'], frontend: 'noninteractive' },
    ]);
  });

  it('none present and not allowed: one line saying exactly what to run, and nothing installed', async () => {
    fakeAptGet();
    const said: string[] = [];
    const outcome = await ensureChromium({ search: search(), machine: machine({ env: { SOFTPHONE_NO_BROWSER_INSTALL: '1' } }), say: (line) => said.push(line) });
    expect(outcome).toEqual({
      ok: false,
      message: 'No Chromium or Chrome for the browser tests: run `apt-get install chromium` (or set CHROMIUM_PATH to a Chromium or Chrome program), then run the tests again.',
    });
    expect(said).toEqual([]);
    expect(aptGetCalls()).toEqual([]);
  });

  it('a failed install is one line with apt-get’s own last word', async () => {
    fakeAptGet('E: Unable to locate package chromium');
    const outcome = await ensureChromium({ search: search(), machine: machine(), say: () => {} });
    expect(outcome).toEqual({
      ok: false,
      message:
        'apt-get install -y chromium failed (exit code 100: E: Unable to locate package chromium); run `sudo apt-get install chromium` yourself (or set CHROMIUM_PATH to a Chromium or Chrome program).',
    });
  });

  it('a CHROMIUM_PATH that names nothing is reported, not installed around', async () => {
    fakeAptGet();
    const missing = path.join(dir, 'nowhere', 'chrome');
    const outcome = await ensureChromium({ search: search({ CHROMIUM_PATH: missing }), machine: machine(), say: () => {} });
    expect(outcome).toEqual({ ok: false, message: `CHROMIUM_PATH is ${missing}, which is not a program: point it at Chromium or Chrome, or unset it.` });
    expect(aptGetCalls()).toEqual([]);
  });
});
