import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BadDesktopSettings, CtiSimulator, type SimulatorOptions } from '../../simulator/index.js';
import { generatedSite } from '../../simulator/pg/site.js';
import { REPO_ROOT, startProgram, type RunningProgram } from '../support/child-process.js';

/**
 * The simulator's desktop settings endpoint (issue 10 item 7) over real HTTP: the
 * document a desktop downloads on connect, its ETag, and replacing it live.
 */

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function start(options: SimulatorOptions = {}): Promise<CtiSimulator> {
  const simulator = await CtiSimulator.start({ site: generatedSite({ agents: 1 }), ...options });
  cleanups.push(() => simulator.stop());
  return simulator;
}

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'simulator-settings-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const settingsUrl = (simulator: CtiSimulator | string) => `${typeof simulator === 'string' ? simulator : simulator.controlUrl}/desktop-settings`;
const strongEtagOf = (bytes: Uint8Array) => `"${createHash('sha256').update(bytes).digest('base64url')}"`;

interface Download {
  readonly status: number;
  readonly etag: string | null;
  readonly bytes: Buffer;
}

async function download(url: string, ifNoneMatch?: string): Promise<Download> {
  const response = await fetch(url, ifNoneMatch === undefined ? {} : { headers: { 'if-none-match': ifNoneMatch } });
  return { status: response.status, etag: response.headers.get('etag'), bytes: Buffer.from(await response.arrayBuffer()) };
}

function put(simulator: CtiSimulator, body: string | Uint8Array<ArrayBuffer>): Promise<Response> {
  return fetch(settingsUrl(simulator), { method: 'PUT', body, headers: { 'content-type': 'application/json' } });
}

describe('GET /desktop-settings', () => {
  it('serves the realistic example document with a strong ETag of its bytes', async () => {
    const simulator = await start();
    const response = await fetch(settingsUrl(simulator));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(response.headers.get('etag')).toBe(strongEtagOf(bytes));
    const document = JSON.parse(bytes.toString('utf8'));
    expect(document).toEqual(JSON.parse(readFileSync(path.join(REPO_ROOT, 'resources/desktop-settings.example.json'), 'utf8')));
    expect(document.agent.notReadyReasons.length).toBeGreaterThan(3);
    expect(document.grid.callAppearance.some((c: { field: string }) => c.field === 'ECC')).toBe(true);
  });

  it('answers 304 with no body when If-None-Match names the document, weakly or in a list', async () => {
    const simulator = await start();
    const first = await download(settingsUrl(simulator));
    for (const ifNoneMatch of [first.etag!, `W/${first.etag}`, `"something-else", ${first.etag}`, '*']) {
      const again = await download(settingsUrl(simulator), ifNoneMatch);
      expect(again, ifNoneMatch).toEqual({ status: 304, etag: first.etag, bytes: Buffer.alloc(0) });
    }
    expect((await download(settingsUrl(simulator), '"something-else"')).status).toBe(200);
  });

  it('serves the document given to CtiSimulator.start, and refuses one that is not a settings document', async () => {
    const simulator = await start({ desktopSettings: { schemaVersion: 1, screen: { flashOnCall: true } } });
    expect(JSON.parse((await download(settingsUrl(simulator))).bytes.toString('utf8'))).toEqual({ schemaVersion: 1, screen: { flashOnCall: true } });
    await expect(CtiSimulator.start({ controlPort: null, desktopSettings: [{ schemaVersion: 1 }] })).rejects.toThrow(BadDesktopSettings);
  });
});

describe('PUT /desktop-settings', () => {
  it('replaces the document: GET serves the new bytes with the new ETag, and the old ETag no longer matches', async () => {
    const simulator = await start();
    const before = await download(settingsUrl(simulator));
    const replacement = '{ "schemaVersion": 1, "agent": { "notReadyReasons": [{ "code": 7, "text": "Fire drill" }] } }\n';

    const response = await put(simulator, replacement);
    expect(response.status).toBe(200);
    const { etag } = (await response.json()) as { etag: string };
    expect(etag).toBe(strongEtagOf(Buffer.from(replacement)));
    expect(response.headers.get('etag')).toBe(etag);
    expect(etag).not.toBe(before.etag);

    expect(await download(settingsUrl(simulator))).toEqual({ status: 200, etag, bytes: Buffer.from(replacement) });
    expect((await download(settingsUrl(simulator), before.etag!)).status).toBe(200);
    expect((await download(settingsUrl(simulator), etag)).status).toBe(304);
  });

  it('the same document again keeps its ETag, so desktops download nothing new', async () => {
    const simulator = await start();
    const before = await download(settingsUrl(simulator));
    const response = await put(simulator, new Uint8Array(before.bytes));
    expect(((await response.json()) as { etag: string }).etag).toBe(before.etag);
  });

  it.each([
    ['not JSON', '{ "schemaVersion": 1, ', 400, /request body: not valid JSON/],
    ['an array', '[{ "schemaVersion": 1 }]', 400, /expected a JSON object with a numeric schemaVersion/],
    ['an object without a schemaVersion', '{ "agent": {} }', 400, /expected a JSON object with a numeric schemaVersion/],
    ['a schemaVersion that is not a number', '{ "schemaVersion": "1" }', 400, /numeric schemaVersion/],
    ['over 1 MiB', JSON.stringify({ schemaVersion: 1, extra: { pad: 'x'.repeat(1024 * 1024) } }), 413, /request body over 1048576 bytes/],
  ])('refuses a body that is %s, and changes nothing', async (_what, body, status, message) => {
    const simulator = await start();
    const before = await download(settingsUrl(simulator));
    const response = await put(simulator, body);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: string }).error).toMatch(message);
    expect(await download(settingsUrl(simulator))).toEqual(before);
  });

  it('other methods get 405 naming the ones to use', async () => {
    const simulator = await start();
    const response = await fetch(settingsUrl(simulator), { method: 'POST', body: '{}' });
    expect(response.status).toBe(405);
    expect(await response.json()).toEqual({ error: 'use GET or PUT /desktop-settings' });
  });
});

describe('simulator --settings FILE', () => {
  const running: RunningProgram[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((program) => program.stop()));
  });

  function simulatorProgram(...args: string[]): RunningProgram {
    const program = startProgram('simulator/cli.ts', ['--port-a', '0', '--port-b', '0', '--control-port', '0', '--quiet', ...args]);
    running.push(program);
    return program;
  }

  it('serves the file byte for byte, with the ETag of its bytes', async () => {
    const file = path.join(tempDir(), 'settings.json');
    // As an administrator formats it: tabs, CRLF, keys in their own order.
    const text = '{\r\n\t"agent": { "wrapupIncoming": ["Sale", "Complaint"] },\r\n\t"schemaVersion": 1\r\n}\r\n';
    writeFileSync(file, text);
    const program = simulatorProgram('--settings', file);
    const [, controlUrl] = await program.waitForLine(/^Simulator ready: .* control API (\S+)$/m);
    expect(await download(settingsUrl(controlUrl!))).toEqual({ status: 200, etag: strongEtagOf(Buffer.from(text)), bytes: Buffer.from(text) });
  });

  it.each([
    ['not JSON', '{ "schemaVersion": 1,', 'not valid JSON'],
    ['an array', '[]', 'expected a JSON object with a numeric schemaVersion'],
    ['a site file given by mistake', '{ "peripheralId": 5000, "agents": [] }', 'expected a JSON object with a numeric schemaVersion'],
  ])('a file that is %s: one line on stderr naming the file, exit 2', async (_what, content, message) => {
    const file = path.join(tempDir(), 'settings.json');
    writeFileSync(file, content);
    const program = simulatorProgram('--settings', file);
    expect(await program.exited).toBe(2);
    expectOneLine(program.stderr(), `simulator: ${file}: `, message);
  });

  it('a file that is not there: one line, exit 2', async () => {
    const file = path.join(tempDir(), 'missing.json');
    const program = simulatorProgram('--settings', file);
    expect(await program.exited).toBe(2);
    expectOneLine(program.stderr(), `simulator: ${file}: cannot read it (ENOENT)`);
  });
});

/** Bad input gets one line on stderr that says what is wrong — no stack trace. */
function expectOneLine(stderr: string, ...fragments: string[]): void {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  for (const fragment of fragments) expect(lines[0]).toContain(fragment);
  expect(stderr).not.toMatch(/\n\s+at /);
}
