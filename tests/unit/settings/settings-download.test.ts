import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { downloadSettings, type DownloadLimits } from '../../../main/settings/settings-download.js';
import { SettingsServer } from '../../support/settings-server.js';

const limits: DownloadLimits = { timeoutMs: 2_000, maxBytes: 64 * 1024, maxRedirects: 3 };
const document = { schemaVersion: 1, screen: { flashOnCall: true } };

describe('downloading the settings document over HTTP', () => {
  let server: SettingsServer;
  beforeEach(async () => {
    server = await SettingsServer.start(document);
  });
  afterEach(() => server.stop());

  it('gets the document with its ETag, then 304 keeps it: If-None-Match is sent', async () => {
    const first = await downloadSettings({ kind: 'url', url: `${server.url}/settings.json` }, undefined, limits);
    expect(first).toEqual({ kind: 'document', text: JSON.stringify(document), etag: server.etag });
    const second = await downloadSettings({ kind: 'url', url: `${server.url}/settings.json` }, server.etag, limits);
    expect(second).toEqual({ kind: 'unchanged' });
    expect(server.requests.map((r) => r.ifNoneMatch)).toEqual([undefined, server.etag]);
    server.publish({ schemaVersion: 1 });
    const third = await downloadSettings({ kind: 'url', url: `${server.url}/settings.json` }, first.kind === 'document' ? first.etag : undefined, limits);
    expect(third).toMatchObject({ kind: 'document', text: '{"schemaVersion":1}' });
  });

  it('follows at most three redirects and refuses the fourth', async () => {
    const three = await downloadSettings({ kind: 'url', url: `${server.url}/redirect/3` }, undefined, limits);
    expect(three).toMatchObject({ kind: 'document' });
    const four = await downloadSettings({ kind: 'url', url: `${server.url}/redirect/4` }, undefined, limits);
    expect(four).toEqual({ kind: 'failed', reason: expect.stringContaining('more than 3 redirects') });
    expect(server.requests.filter((r) => r.url === '/settings.json')).toHaveLength(1);
  });

  it('gives up after the timeout when the server does not answer', async () => {
    const started = performance.now();
    const outcome = await downloadSettings({ kind: 'url', url: `${server.url}/hang` }, undefined, { ...limits, timeoutMs: 200 });
    expect(outcome).toEqual({ kind: 'failed', reason: 'no answer within 200 ms' });
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('stops reading a body larger than the limit, with or without a Content-Length', async () => {
    const streamed = await downloadSettings({ kind: 'url', url: `${server.url}/huge` }, undefined, limits);
    expect(streamed).toEqual({ kind: 'failed', reason: expect.stringContaining(`larger than ${limits.maxBytes} bytes`) });
    server.publish({ schemaVersion: 1, extra: { pad: 'x'.repeat(70 * 1024) } });
    const declared = await downloadSettings({ kind: 'url', url: `${server.url}/settings.json` }, undefined, limits);
    expect(declared).toEqual({ kind: 'failed', reason: expect.stringContaining('larger than') });
  });

  it('says what went wrong for an HTTP error and an unreachable server', async () => {
    expect(await downloadSettings({ kind: 'url', url: `${server.url}/missing` }, undefined, limits)).toEqual({ kind: 'failed', reason: `${server.url}/missing answered HTTP 404 Not Found` });
    const port = Number(new URL(server.url).port);
    await server.stop();
    const refused = await downloadSettings({ kind: 'url', url: `http://127.0.0.1:${port}/settings.json` }, undefined, limits);
    expect(refused).toEqual({ kind: 'failed', reason: expect.stringMatching(/^connection refused/) });
    server = await SettingsServer.start(document);
  });
});

describe('reading the settings document from a file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'settings-file-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reads it, then knows it unchanged by its content hash', async () => {
    const file = path.join(dir, 'desktop-settings.json');
    await writeFile(file, JSON.stringify(document));
    const first = await downloadSettings({ kind: 'file', path: file }, undefined, limits);
    expect(first).toMatchObject({ kind: 'document', text: JSON.stringify(document), etag: expect.stringMatching(/^"sha256-/) });
    const etag = first.kind === 'document' ? first.etag : undefined;
    expect(await downloadSettings({ kind: 'file', path: file }, etag, limits)).toEqual({ kind: 'unchanged' });
    await writeFile(file, '{"schemaVersion":1}');
    expect(await downloadSettings({ kind: 'file', path: file }, etag, limits)).toMatchObject({ kind: 'document', text: '{"schemaVersion":1}' });
  });

  it('refuses a file over the size limit and names a missing one', async () => {
    const big = path.join(dir, 'big.json');
    await writeFile(big, 'x'.repeat(limits.maxBytes + 1));
    expect(await downloadSettings({ kind: 'file', path: big }, undefined, limits)).toEqual({ kind: 'failed', reason: expect.stringContaining('larger than') });
    const missing = path.join(dir, 'missing.json');
    expect(await downloadSettings({ kind: 'file', path: missing }, undefined, limits)).toEqual({ kind: 'failed', reason: `${missing} does not exist` });
  });
});
