import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ViewReplySchema, RENDERER_CONTENT_SECURITY_POLICY, type ViewReply } from '../../contract/index.js';
import { BrowserHost } from '../../main/browser-host/browser-host.js';
import { LocalConfigSchema } from '../../main/core/local-config.js';
import { silentLogger } from '../../main/core/logger.js';
import { SoftphoneCore } from '../../main/core/softphone-core.js';
import { CtiSimulator } from '../../simulator/index.js';

let rendererDir: string;
let core: SoftphoneCore;
let host: BrowserHost;
let simulator: CtiSimulator;
let origin: string;
let token: string;

beforeAll(async () => {
  rendererDir = mkdtempSync(path.join(os.tmpdir(), 'renderer-'));
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(path.join(rendererDir, 'app.js'), 'export {};');
  simulator = await CtiSimulator.start({ host: '127.0.0.1' });
  core = await SoftphoneCore.start({ config: LocalConfigSchema.parse({}), sides: { A: simulator.address('A'), B: simulator.address('B') }, log: silentLogger, userDataDir: rendererDir });
  host = await BrowserHost.start({ core, rendererDir, host: '127.0.0.1', port: 0, log: () => {} });
  const url = new URL(host.url);
  origin = url.origin;
  token = url.searchParams.get('token')!;
});

afterAll(async () => {
  await host.stop();
  await core.stop();
  await simulator.stop();
  rmSync(rendererDir, { recursive: true, force: true });
});

/** A raw GET: the path goes out unnormalised and the Host header can be forged, which fetch does not allow. */
function get(pathAndQuery: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(origin);
    const request = http.get({ hostname, port, path: pathAndQuery, headers }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on('error', reject);
  });
}

function openSocket(query: string, headers: Record<string, string> = { origin }): WebSocket {
  return new WebSocket(`${origin.replace('http', 'ws')}/softphone${query}`, { headers });
}

function nextReply(ws: WebSocket): Promise<ViewReply> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(ViewReplySchema.parse(JSON.parse(data.toString())))));
}

function refused(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0)));
}

describe('browser host: pages', () => {
  it('serves the renderer only with the per-run token, under the strict CSP', async () => {
    expect((await get('/')).status).toBe(403);
    expect((await get('/?token=nope')).status).toBe(403);
    const page = await get(`/?token=${token}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(RENDERER_CONTENT_SECURITY_POLICY);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect((await get('/app.js')).headers['content-type']).toMatch(/javascript/);
  });

  it('never serves files outside the renderer folder', async () => {
    expect((await get('/../../../../etc/passwd')).status).toBe(404);
    expect((await get('/%2e%2e/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
    expect((await get('/..%2f..%2f..%2fetc%2fpasswd')).status).toBe(400);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    expect((await get(`/?token=${token}`, { host: `attacker.example:${new URL(origin).port}` })).status).toBe(421);
  });
});

describe('browser host: the contract over WebSocket', () => {
  it('refuses a socket without the token or from another origin', async () => {
    expect(await refused(openSocket('?token=wrong'))).toBe(403);
    expect(await refused(openSocket(`?token=${token}`, { origin: 'https://evil.example' }))).toBe(403);
    expect(await refused(openSocket(`?token=${token}`, {}))).toBe(403);
  });

  it('streams a snapshot on subscribe and runs validated commands', async () => {
    const ws = openSocket(`?token=${token}`);
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ kind: 'subscribe' }));
    const snapshot = await nextReply(ws);
    expect(snapshot).toMatchObject({ kind: 'state', event: { kind: 'snapshot', state: { connection: expect.any(Object) } } });

    const replies: ViewReply[] = [];
    ws.on('message', (data) => replies.push(ViewReplySchema.parse(JSON.parse(data.toString()))));
    ws.send(JSON.stringify({ kind: 'command', id: 1, name: 'reconnect', args: {} }));
    ws.send(JSON.stringify({ kind: 'command', id: 2, name: 'reconnect', args: { side: 'C' } }));
    ws.send(JSON.stringify({ kind: 'command', id: 3, name: 'formatDisk', args: {} }));
    await expect.poll(() => replies.filter((r) => r.kind !== 'state').length).toBe(3);
    const byId = Object.fromEntries(replies.filter((r) => r.kind !== 'state').map((r) => [(r as { id: number }).id, r]));
    expect(byId[1]).toMatchObject({ kind: 'result', value: { retried: expect.any(Boolean) } });
    expect(byId[2]).toMatchObject({ kind: 'failure', failure: { code: 'invalid-argument' } });
    expect(byId[3]).toMatchObject({ kind: 'failure', failure: { code: 'unknown-command', message: 'there is no command "formatDisk"' } });
    ws.close();
  });

  it('closes a socket that sends something outside the contract', async () => {
    const ws = openSocket(`?token=${token}`);
    await new Promise((resolve) => ws.once('open', resolve));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('{"kind":"shell","cmd":"rm -rf /"}');
    expect(await closed).toBe(1008);
  });
});
