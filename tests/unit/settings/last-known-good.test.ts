import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DESKTOP_SETTINGS } from '../../../contract/index.js';
import { ConfEntryFile } from '../../../main/settings/conf-settings-cache.js';
import { confStore } from '../../../main/settings/conf-store.js';
import { acceptDownload, loadLastKnownGood } from '../../../main/settings/last-known-good.js';

const good = { schemaVersion: 1, agent: { notReadyReasons: [{ code: 1, text: 'Break' }] } };
const download = (text: string) => ({ text, etag: '"v1"', location: 'https://settings.example/desktop.json', fetchedAt: 1_700_000_000_000 });

describe('the last-known-good cache (conf in the user-data folder)', () => {
  let dir: string;
  let cache: ConfEntryFile;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'settings-cache-'));
    cache = new ConfEntryFile(dir, confStore);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('is empty at first, and a valid download becomes the entry a restart reads', () => {
    expect(loadLastKnownGood(cache)).toEqual({ kind: 'empty' });
    const accepted = acceptDownload(cache, download(JSON.stringify(good)));
    expect(accepted).toMatchObject({ kind: 'accepted', settings: { agent: { notReadyReasons: [{ code: 1, text: 'Break' }] } } });
    const restarted = loadLastKnownGood(new ConfEntryFile(dir, confStore));
    expect(restarted).toMatchObject({ kind: 'loaded', entry: { etag: '"v1"', document: good }, settings: { agent: { notReadyReasons: [{ code: 1 }] } } });
    // Written whole through a temporary file renamed over the old one (a new inode), never in place.
    const inode = statSync(cache.file).ino;
    acceptDownload(cache, { ...download(JSON.stringify({ schemaVersion: 1 })), etag: '"v2"' });
    expect(statSync(cache.file).ino).not.toBe(inode);
    expect(readdirSync(dir)).toEqual(['desktop-settings-cache.json']);
  });

  it('never replaces a good cache with bad JSON, a schema violation or an unknown schema version', () => {
    acceptDownload(cache, download(JSON.stringify(good)));
    const before = readFileSync(cache.file, 'utf8');
    const cases = [
      ['{"schemaVersion": 1,', ''],
      [JSON.stringify({ schemaVersion: 1, agent: { notReadyReasons: [{ code: 0, text: 'x' }] } }), '/agent/notReadyReasons/0/code'],
      [JSON.stringify({ schemaVersion: 1, screen: { flashOnCall: 'yes' } }), '/screen/flashOnCall'],
      [JSON.stringify({ schemaVersion: 99 }), '/schemaVersion'],
    ] as const;
    for (const [text, pointer] of cases) {
      const outcome = acceptDownload(cache, download(text));
      expect(outcome.kind).toBe('rejected');
      if (outcome.kind === 'rejected') expect(outcome.problems.map((p) => p.path)).toContain(pointer);
      expect(readFileSync(cache.file, 'utf8')).toBe(before);
    }
    const rejected = acceptDownload(cache, download(JSON.stringify({ schemaVersion: 99 })));
    expect(rejected).toEqual({ kind: 'rejected', problems: [{ path: '/schemaVersion', message: expect.stringContaining('newer than this desktop understands') }] });
  });

  it('moves a corrupt cache file aside, keeping it byte for byte, and starts on the defaults', () => {
    writeFileSync(cache.file, '{"lastKnownGood": {"document": ');
    const load = loadLastKnownGood(cache, () => new Date('2025-01-02T03:04:05.000Z'));
    expect(load).toMatchObject({ kind: 'corrupt', reason: expect.stringContaining('cannot be read'), movedTo: path.join(dir, 'desktop-settings-cache.corrupt-2025-01-02T03-04-05.000Z.json') });
    expect(existsSync(cache.file)).toBe(false);
    expect(readFileSync(path.join(dir, 'desktop-settings-cache.corrupt-2025-01-02T03-04-05.000Z.json'), 'utf8')).toBe('{"lastKnownGood": {"document": ');
    // The next good download makes a new cache.
    expect(acceptDownload(cache, download(JSON.stringify(good))).kind).toBe('accepted');
    expect(loadLastKnownGood(new ConfEntryFile(dir, confStore)).kind).toBe('loaded');
  });

  it('moves aside a cache whose document is not valid for this desktop', () => {
    writeFileSync(cache.file, JSON.stringify({ lastKnownGood: { document: { schemaVersion: 7 }, fetchedAt: 1, location: 'x' } }));
    const load = loadLastKnownGood(cache);
    expect(load).toMatchObject({ kind: 'corrupt', reason: expect.stringContaining('/schemaVersion') });
    writeFileSync(cache.file, JSON.stringify({ something: 'else', lastKnownGood: 3 }));
    expect(loadLastKnownGood(cache)).toMatchObject({ kind: 'corrupt', reason: 'the cache file does not hold a cached document' });
    expect(readdirSync(dir).filter((name) => name.includes('.corrupt-'))).toHaveLength(2);
  });

  it('a good download still applies when the cache cannot be written', () => {
    const broken = new ConfEntryFile(path.join(dir, 'file-not-folder', 'x'), confStore);
    writeFileSync(path.join(dir, 'file-not-folder'), '');
    const outcome = acceptDownload(broken, download(JSON.stringify({ schemaVersion: 1 })));
    expect(outcome).toMatchObject({ kind: 'accepted', settings: DEFAULT_DESKTOP_SETTINGS, cacheError: expect.any(String) });
  });
});
