import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandOnPath, findChromium, systemChromiumPaths } from '../../../main/browser-host/chromium-finder.js';
import { writeNodeProgram } from '../../support/executables.js';

const posixOnly = process.platform === 'win32' ? it.skip : it;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'chromium-finder-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('findChromium', () => {
  posixOnly('takes CHROMIUM_PATH when it names a program, ahead of everything else', () => {
    const chosen = writeNodeProgram(dir, 'my-chrome', '');
    const system = writeNodeProgram(dir, 'chromium', '');
    expect(findChromium({ platform: 'linux', env: { CHROMIUM_PATH: chosen }, system: [system] })).toEqual({ kind: 'found', path: chosen });
  });

  posixOnly('does not replace a CHROMIUM_PATH that names nothing runnable with another browser', () => {
    const system = writeNodeProgram(dir, 'chromium', '');
    const notExecutable = path.join(dir, 'notes.txt');
    writeFileSync(notExecutable, 'not a program');
    for (const bad of [path.join(dir, 'missing'), dir, notExecutable]) {
      expect(findChromium({ platform: 'linux', env: { CHROMIUM_PATH: bad }, system: [system] })).toEqual({ kind: 'bad-override', path: bad });
    }
  });

  posixOnly("tries a tool's own browser before the system's, and passes over ones that are not there", () => {
    const bundled = writeNodeProgram(path.join(dir, 'ms-playwright'), 'chrome', '');
    const system = writeNodeProgram(dir, 'chromium', '');
    const missing = path.join(dir, 'gone', 'chrome');
    expect(findChromium({ platform: 'linux', env: {}, bundled: [bundled], system: [system] })).toEqual({ kind: 'found', path: bundled });
    expect(findChromium({ platform: 'linux', env: {}, bundled: [missing], system: [missing, system] })).toEqual({ kind: 'found', path: system });
  });

  it('reports none when no candidate is there', () => {
    expect(findChromium({ platform: 'linux', env: {}, bundled: [path.join(dir, 'a')], system: [path.join(dir, 'b')] })).toEqual({ kind: 'none' });
  });
});

describe('systemChromiumPaths', () => {
  it("on Linux: Debian's chromium first, then the usual names on PATH", () => {
    const paths = systemChromiumPaths('linux', { PATH: '/opt/bin:/usr/local/bin' });
    expect(paths[0]).toBe('/usr/bin/chromium');
    expect(paths).toContain('/usr/bin/google-chrome');
    expect(paths).toContain('/opt/bin/chromium');
    expect(paths).toContain('/usr/local/bin/google-chrome-stable');
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('on macOS: the app bundles in /Applications and ~/Applications', () => {
    const paths = systemChromiumPaths('darwin', { HOME: '/Users/ana' });
    expect(paths).toContain('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(paths).toContain('/Users/ana/Applications/Chromium.app/Contents/MacOS/Chromium');
  });

  it('on Windows: Chrome, Edge and Chromium under Program Files and the user’s local programs', () => {
    const paths = systemChromiumPaths('win32', { PROGRAMFILES: 'C:\\Program Files', LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' });
    expect(paths).toContain('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
    expect(paths).toContain('C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe');
    expect(paths).toContain('C:\\Users\\ana\\AppData\\Local\\Chromium\\Application\\chrome.exe');
  });
});

describe('commandOnPath', () => {
  posixOnly('finds the first runnable file of that name on PATH, as a shell would', () => {
    const first = path.join(dir, 'first');
    mkdirSync(first);
    writeFileSync(path.join(first, 'apt-get'), 'not executable');
    const program = writeNodeProgram(path.join(dir, 'second'), 'apt-get', '');
    expect(commandOnPath('apt-get', 'linux', { PATH: `${first}:${path.join(dir, 'second')}` })).toBe(program);
    expect(commandOnPath('sudo', 'linux', { PATH: first })).toBeUndefined();
    expect(commandOnPath('apt-get', 'linux', {})).toBeUndefined();
  });
});
