import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ViewReplySchema } from '../../contract/index.js';
import { BrowserHost } from '../../main/browser-host/browser-host.js';
import { LocalConfigSchema } from '../../main/core/local-config.js';
import { silentLogger } from '../../main/core/logger.js';
import { SoftphoneCore } from '../../main/core/softphone-core.js';
import { MALFORMED_TARGETS, PAGE_SPELLINGS, traversals, WEBSOCKET_PROTOCOL_ERRORS } from '../support/hostile-input.js';
import { frame, OPCODE, openRawWebSocket, rawExchange, rawGet, rawUpgrade, statusOf } from '../support/raw-socket.js';
import { CtiSimulator } from '../../simulator/index.js';

/**
 * What a hostile local process (or a web page, through an image URL) can send to the
 * browser host: request lines no browser writes, WebSocket frames that break the
 * protocol, paths that try to reach the page without the token or files outside the
 * renderer. Each must cost at most its own connection; the host keeps serving.
 */

const PAGE = '<!doctype html><title>softphone</title>';
const SECRET = 'the secret next to the renderer folder';

let workDir: string;
let rendererDir: string;
let secretFile: string;
let core: SoftphoneCore;
let host: BrowserHost;
let simulator: CtiSimulator;
let port: number;
let token: string;
const logged: string[] = [];

beforeAll(async () => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'hostile-'));
  rendererDir = path.join(workDir, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), PAGE);
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'export {};');
  // What else a Vite build holds: a stylesheet, a font, an icon; and a document under another case.
  writeFileSync(path.join(rendererDir, 'assets', 'app.css'), 'body {}');
  writeFileSync(path.join(rendererDir, 'assets', 'font.woff2'), 'wOF2');
  writeFileSync(path.join(rendererDir, 'favicon.ico'), 'ico');
  writeFileSync(path.join(rendererDir, 'assets', 'other.HTML'), PAGE);
  secretFile = path.join(workDir, 'secret.txt');
  writeFileSync(secretFile, SECRET);
  simulator = await CtiSimulator.start({ host: '127.0.0.1' });
  core = await SoftphoneCore.start({ config: LocalConfigSchema.parse({}), sides: { A: simulator.address('A'), B: simulator.address('B') }, log: silentLogger, userDataDir: workDir });
  host = await BrowserHost.start({ core, rendererDir, host: '127.0.0.1', port: 0, log: (line) => logged.push(line) });
  const url = new URL(host.url);
  port = Number(url.port);
  token = url.searchParams.get('token')!;
});

afterAll(async () => {
  await host.stop();
  await core.stop();
  await simulator.stop();
  rmSync(workDir, { recursive: true, force: true });
});

const hostHeader = () => `127.0.0.1:${port}`;

const request = (target: string, headers: Record<string, string> = { Host: hostHeader() }) => rawGet(port, target, headers);
const upgrade = (target: string, headers: Record<string, string>) => rawUpgrade(port, target, headers);

/** The host is alive and itself: the page with the token, and a socket that gets the snapshot. */
async function expectStillServing(): Promise<void> {
  const page = await request(`/?token=${token}`);
  expect(statusOf(page)).toBe(200);
  expect(page).toContain(PAGE);
  const ws = new WebSocket(`ws://${hostHeader()}/softphone?token=${token}`, { headers: { origin: `http://${hostHeader()}` } });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const reply = new Promise((resolve) => ws.once('message', (data) => resolve(ViewReplySchema.parse(JSON.parse(data.toString())))));
  ws.send(JSON.stringify({ kind: 'subscribe' }));
  expect(await reply).toMatchObject({ kind: 'state', event: { kind: 'snapshot' } });
  ws.close();
}

describe('browser host: malformed request lines', () => {
  it.each(MALFORMED_TARGETS)('GET %s answers 400 and the host keeps serving', async (target) => {
    expect(statusOf(await request(target))).toBe(400);
    await expectStillServing();
  });

  it.each(MALFORMED_TARGETS)('GET %s under a foreign Host is refused and the host keeps serving', async (target) => {
    expect([400, 421]).toContain(statusOf(await request(target, { Host: 'attacker.example' })));
    await expectStillServing();
  });

  it.each(MALFORMED_TARGETS)('an upgrade to %s is refused, with the right or a wrong Host, and the host keeps serving', async (target) => {
    const origin = `http://${hostHeader()}`;
    expect([400, 403]).toContain(statusOf(await upgrade(target, { Host: hostHeader(), Origin: origin })));
    expect([400, 403]).toContain(statusOf(await upgrade(target, { Host: 'attacker.example', Origin: origin })));
    expect([400, 403]).toContain(statusOf(await upgrade(`${target}?token=${token}`, { Host: hostHeader(), Origin: origin })));
    await expectStillServing();
  });

  it('accepts the absolute form only for this very server', async () => {
    expect(statusOf(await request(`http://${hostHeader()}/?token=${token}`))).toBe(200);
    expect(statusOf(await request(`http://attacker.example/?token=${token}`))).toBe(421);
  });

  it('an upgrade that is not a valid WebSocket handshake is answered, not thrown', async () => {
    const response = await rawExchange(
      port,
      `GET /softphone?token=${token} HTTP/1.1\r\nHost: ${hostHeader()}\r\nOrigin: http://${hostHeader()}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
    expect(statusOf(response)).toBe(400);
    await expectStillServing();
  });

  it('a client that resets the connection right after a refused upgrade does not take the host down', async () => {
    for (let i = 0; i < 20; i += 1) {
      await new Promise<void>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => {
          socket.write(`GET /softphone HTTP/1.1\r\nHost: ${hostHeader()}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n`);
          socket.resetAndDestroy();
          resolve();
        });
        socket.on('error', () => resolve());
      });
    }
    await expectStillServing();
  });
});

describe('browser host: WebSocket protocol errors from a token holder', () => {
  const openRaw = () => openRawWebSocket(port, `/softphone?token=${token}`, { Host: hostHeader(), Origin: `http://${hostHeader()}` });

  it.each(WEBSOCKET_PROTOCOL_ERRORS)('$name closes that socket with $code; the host serves the next client', async ({ bytes, code }) => {
    const raw = await openRaw();
    raw.write(bytes());
    expect(await raw.closeCode()).toBe(code);
    raw.destroy();
    await expectStillServing();
  });

  it('a socket destroyed mid-frame costs nothing but itself', async () => {
    const raw = await openRaw();
    raw.write(frame({ opcode: OPCODE.text, payload: Buffer.from('{"kind":"subscribe"}') }).subarray(0, 5));
    raw.destroy();
    await expectStillServing();
  });
});

describe('browser host: one normalised path for the token check and the file', () => {
  it.each(PAGE_SPELLINGS)(
    '%s does not serve the page without the token',
    async (target) => {
      const response = await request(target);
      expect(statusOf(response)).not.toBe(200);
      expect(response).not.toContain(PAGE);
    },
  );

  it('the same spellings with the token serve the page when they name it', async () => {
    for (const target of ['/%69ndex.html', '/.//index.html', '/./index.html', '/assets/../index.html', '/']) {
      const response = await request(`${target}?token=${token}`);
      expect(statusOf(response), target).toBe(200);
      expect(response).toContain(PAGE);
    }
  });

  it('assets are served without the token, under any spelling that names them', async () => {
    for (const target of ['/assets/app.js', '/assets/%61pp.js', '/assets/./app.js', '/assets//app.js']) {
      expect(statusOf(await request(target)), target).toBe(200);
    }
  });

  it.each(traversals('secret.txt'))('%s is refused', async (target) => {
    for (const withToken of [target, `${target}?token=${token}`]) {
      const response = await request(withToken);
      expect(statusOf(response), withToken).not.toBe(200);
      expect(response).not.toContain(SECRET);
      expect(response).not.toContain('root:');
    }
  });

  it('an absolute path to a file elsewhere stays inside the renderer folder', async () => {
    for (const target of [`/${secretFile}`, `/.${secretFile}`, `/assets/..${secretFile}`]) {
      const response = await request(target);
      expect([400, 404], target).toContain(statusOf(response));
      expect(response).not.toContain(SECRET);
    }
  });
});

describe('browser host: only the assets listed at start go without the token', () => {
  const expectNotThePage = async (target: string) => {
    const response = await request(target);
    expect([400, 403, 404], target).toContain(statusOf(response));
    expect(response, target).not.toContain(PAGE);
  };

  it('serves every listed asset without the token, by its exact name', async () => {
    for (const target of ['/assets/app.js', '/assets/app.css', '/assets/font.woff2', '/favicon.ico']) {
      expect(statusOf(await request(target)), target).toBe(200);
    }
  });

  it('refuses the names a case-insensitive or Windows disk reads as the page', async () => {
    for (const target of ['/INDEX.HTML', '/Index.html', '/index.html.', '/index.html%20', '/index.html::$DATA', '/index.html%3a%3a$DATA', '/INDEX~1.HTM']) {
      await expectNotThePage(target);
    }
  });

  it('refuses an asset under another case (a case-insensitive disk would open it)', async () => {
    for (const target of ['/Assets/app.js', '/assets/APP.js', '/assets/app.JS', '/FAVICON.ICO']) {
      expect([403, 404], target).toContain(statusOf(await request(target)));
    }
  });

  it('requires the token for a document whatever the case of its extension', async () => {
    await expectNotThePage('/assets/other.HTML');
    const response = await request(`/assets/other.HTML?token=${token}`);
    expect(statusOf(response)).toBe(200);
  });

  it('requires the token for a file that was not there at start, whatever its name', async () => {
    // Stands in for the page reached under a name the disk folds onto index.html.
    const late = path.join(rendererDir, 'assets', 'late.js');
    writeFileSync(late, PAGE);
    try {
      const response = await request('/assets/late.js');
      expect(statusOf(response)).toBe(403);
      expect(response).not.toContain(PAGE);
      expect(statusOf(await request(`/assets/late.js?token=${token}`))).toBe(200);
    } finally {
      rmSync(late);
    }
  });

  it('a name no file has is 404 without the token too; the page with the token is 200', async () => {
    expect(statusOf(await request('/assets/missing.js'))).toBe(404);
    expect(statusOf(await request(`/?token=${token}`))).toBe(200);
  });
});

describe('browser host: a flood of refused upgrades keeps the log small', () => {
  it('logs a bounded number of short lines for 500 refusals with a 14 KB Origin', async () => {
    const before = logged.length;
    const origin = `https://evil.example/${'x'.repeat(14 * 1024)}`;
    await Promise.all(Array.from({ length: 500 }, () => upgrade('/softphone?token=wrong', { Host: hostHeader(), Origin: origin })));
    expect(logged.length - before).toBeLessThanOrEqual(20);
    await expectStillServing();
  });

  it('every line the host logged, for everything above, is one short line', () => {
    // Headers may carry tabs and any byte above 0x7f; a log line must not let them forge another line.
    expect(logged.length).toBeGreaterThan(0);
    for (const line of logged) {
      expect(line.length).toBeLessThan(400);
      // eslint-disable-next-line no-control-regex -- control characters are what must not be there
      expect(line).not.toMatch(/[\u0000-\u001f\u007f]/);
    }
  });
});
