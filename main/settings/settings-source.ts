import path from 'node:path';
import { z } from 'zod';

/**
 * Where the central desktop settings document comes from (the deployment policy
 * names it): a web server, a file (local or on a network share), or the built-in
 * simulator's `GET /desktop-settings` when the desktop runs on the embedded default.
 * `none`: nothing is configured; the desktop runs on its cache or the defaults.
 */
export type SettingsSource =
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'simulator'; readonly url: string }
  | { readonly kind: 'none' };

export type SettingsSourceKind = SettingsSource['kind'];

/** What the state and the log show as the source's location (a URL's credentials never among it). */
export function sourceLocation(source: SettingsSource): string {
  switch (source.kind) {
    case 'url':
    case 'simulator':
      return withoutCredentials(source.url);
    case 'file':
      return source.path;
    case 'none':
      return 'none configured';
  }
}

/** `https://user:secret@host/…` as `https://***@host/…`: the log and the view see where, not who with what. */
function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = '***';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}

/** The built-in simulator's settings endpoint on its control URL. */
export function simulatorSettingsSource(controlUrl: string): SettingsSource {
  return { kind: 'simulator', url: `${controlUrl.replace(/\/+$/, '')}/desktop-settings` };
}

/**
 * Reads a source as an administrator writes it: an `http://` or `https://` URL, or an
 * absolute file path (`/srv/…`, `C:\…`, `\\server\share\…`). Relative paths are refused:
 * relative to what would differ between the shells and the services starting them.
 */
export function parseSettingsSource(text: string): SettingsSource | { readonly error: string } {
  const trimmed = text.trim();
  if (/^https?:\/\//i.test(trimmed)) {
    try {
      return { kind: 'url', url: new URL(trimmed).href };
    } catch {
      return { error: `"${trimmed}" is not a valid URL` };
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) return { error: `"${trimmed}": only http:// and https:// URLs or file paths are supported` };
  if (path.isAbsolute(trimmed) || path.win32.isAbsolute(trimmed)) return { kind: 'file', path: trimmed };
  return { error: `"${trimmed}" is neither an http(s) URL nor an absolute file path` };
}

/** A source as text in a JSON file (policy, config.json), checked as parseSettingsSource checks it. */
export const settingsSourceText = z.string().transform((text, ctx): SettingsSource => {
  const parsed = parseSettingsSource(text);
  if ('error' in parsed) {
    ctx.addIssue({ code: 'custom', message: parsed.error });
    return z.NEVER;
  }
  return parsed;
});
