import { parseDesktopSettings, type DesktopSettings, type SettingsProblem } from '../../contract/index.js';
import { CachedSettingsSchema, type CachedSettings, type SettingsCache } from './settings-cache.js';

/** What the cache held at start-up. */
export type CacheLoad =
  | { readonly kind: 'empty' }
  | { readonly kind: 'loaded'; readonly settings: DesktopSettings; readonly entry: CachedSettings }
  /** Unreadable or not a valid document: moved aside (kept for a person), or not even that. */
  | { readonly kind: 'corrupt'; readonly reason: string; readonly movedTo: string | undefined; readonly moveError?: string };

/**
 * Reads the cache once, synchronously, so the desktop starts on it without waiting
 * for any network. A cache that cannot be read, or holds something that is not a
 * valid document (even one this version of the desktop is too old for), is moved
 * aside and the defaults apply until the next good download.
 */
export function loadLastKnownGood(cache: SettingsCache, now: () => Date = () => new Date()): CacheLoad {
  let reason: string;
  try {
    const raw = cache.read();
    if (raw === undefined) return { kind: 'empty' };
    const entry = CachedSettingsSchema.safeParse(raw);
    if (entry.success) {
      const parsed = parseDesktopSettings(entry.data.document);
      if (parsed.ok) return { kind: 'loaded', settings: parsed.settings, entry: entry.data };
      reason = `the cached document is not valid (${parsed.problems.map(describeProblem).join('; ')})`;
    } else {
      reason = 'the cache file does not hold a cached document';
    }
  } catch (error) {
    reason = `the cache file cannot be read (${(error as Error).message})`;
  }
  try {
    return { kind: 'corrupt', reason, movedTo: cache.moveAside(now()) };
  } catch (error) {
    return { kind: 'corrupt', reason, movedTo: undefined, moveError: (error as Error).message };
  }
}

/** A downloaded document checked: kept as the new last-known-good, or refused with every problem. */
export type Acceptance =
  | { readonly kind: 'accepted'; readonly settings: DesktopSettings; readonly entry: CachedSettings; readonly cacheError?: string }
  | { readonly kind: 'rejected'; readonly problems: readonly SettingsProblem[] };

/**
 * Checks a downloaded document (JSON, schema version, schema) and, only when it is
 * valid, makes it the cache's entry. An invalid document never reaches the cache. A
 * cache that cannot be written does not stop a good document from applying now.
 */
export function acceptDownload(cache: SettingsCache, download: { readonly text: string; readonly etag?: string; readonly location: string; readonly fetchedAt: number }): Acceptance {
  let json: unknown;
  try {
    json = JSON.parse(download.text);
  } catch (error) {
    return { kind: 'rejected', problems: [{ path: '', message: `expected a JSON document: ${(error as Error).message}` }] };
  }
  const parsed = parseDesktopSettings(json);
  if (!parsed.ok) return { kind: 'rejected', problems: parsed.problems };
  const entry: CachedSettings = { document: json, fetchedAt: download.fetchedAt, location: download.location, ...(download.etag ? { etag: download.etag } : {}) };
  try {
    cache.write(entry);
    return { kind: 'accepted', settings: parsed.settings, entry };
  } catch (error) {
    return { kind: 'accepted', settings: parsed.settings, entry, cacheError: (error as Error).message };
  }
}

/** `/agent/notReadyReasons/0/text: Too big: …` (the whole document: `(document)`). */
export function describeProblem(problem: SettingsProblem): string {
  return `${problem.path || '(document)'}: ${problem.message}`;
}
