import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { SettingsSource } from './settings-source.js';

/** The bounds of one download (RequestDesktopSettings). */
export interface DownloadLimits {
  /** The whole download, redirects and body included. */
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly maxRedirects: number;
}

export const DEFAULT_DOWNLOAD_LIMITS: DownloadLimits = { timeoutMs: 10_000, maxBytes: 1024 * 1024, maxRedirects: 3 };

export type DownloadOutcome =
  /** A document (not yet checked); `etag` to send as If-None-Match next time. */
  | { readonly kind: 'document'; readonly text: string; readonly etag?: string }
  /** The source has the document the desktop already has (304, or the same file content). */
  | { readonly kind: 'unchanged' }
  /** No document: the source could not be reached or refused; `reason` says which, for people. */
  | { readonly kind: 'failed'; readonly reason: string };

/**
 * Fetches the document from `source`. `etag` is the validator of the document the
 * desktop has (sent as If-None-Match; for files, compared with the content's hash).
 * Never throws: every way it can go wrong is a `failed` outcome with a reason.
 */
export async function downloadSettings(source: SettingsSource, etag: string | undefined, limits: DownloadLimits = DEFAULT_DOWNLOAD_LIMITS): Promise<DownloadOutcome> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  const timedOut: DownloadOutcome = { kind: 'failed', reason: `no answer within ${limits.timeoutMs} ms` };
  const attempt = async (): Promise<DownloadOutcome> => {
    try {
      switch (source.kind) {
        case 'url':
        case 'simulator':
          return await downloadHttp(source.url, etag, limits, signal);
        case 'file':
          return await readSettingsFile(source.path, etag, limits, signal);
        case 'none':
          return { kind: 'failed', reason: 'no settings source is configured' };
      }
    } catch (error) {
      if (signal.aborted) return timedOut;
      return { kind: 'failed', reason: describeError(error) };
    }
  };
  // File-system calls take no signal (a `stat` on a hung network share never returns): the
  // timeout settles the download whatever is still pending underneath.
  const expired = new Promise<DownloadOutcome>((resolve) => signal.addEventListener('abort', () => resolve(timedOut), { once: true }));
  return Promise.race([attempt(), expired]);
}

async function downloadHttp(start: string, etag: string | undefined, limits: DownloadLimits, signal: AbortSignal): Promise<DownloadOutcome> {
  let url = new URL(start);
  for (let redirects = 0; ; redirects += 1) {
    // Redirects by hand: fetch would follow up to 20, across schemes, without saying so.
    const response = await fetch(url, {
      redirect: 'manual',
      signal,
      headers: { accept: 'application/json', ...(etag ? { 'if-none-match': etag } : {}) },
    });
    if (response.status === 304) {
      await response.body?.cancel();
      return { kind: 'unchanged' };
    }
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      const location = response.headers.get('location');
      if (!location) return { kind: 'failed', reason: `${url.href} answered ${response.status} without a Location` };
      if (redirects >= limits.maxRedirects) return { kind: 'failed', reason: `more than ${limits.maxRedirects} redirects (the last from ${url.href} to ${location})` };
      const next = new URL(location, url);
      if (next.protocol !== 'http:' && next.protocol !== 'https:') return { kind: 'failed', reason: `${url.href} redirects to ${next.href}: only http and https are followed` };
      // An https source is trusted for what it is; a redirect to plain http would give that away.
      if (url.protocol === 'https:' && next.protocol === 'http:') return { kind: 'failed', reason: `${url.href} redirects to ${next.href}: a redirect from https to http is refused` };
      url = next;
      continue;
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      return { kind: 'failed', reason: `${url.href} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}` };
    }
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > limits.maxBytes) {
      await response.body?.cancel();
      return { kind: 'failed', reason: tooLarge(url.href, limits) };
    }
    const body = await readLimited(response, limits.maxBytes);
    if (body === undefined) return { kind: 'failed', reason: tooLarge(url.href, limits) };
    const nextEtag = response.headers.get('etag') ?? undefined;
    return { kind: 'document', text: body, ...(nextEtag ? { etag: nextEtag } : {}) };
  }
}

/** The body as text, or undefined as soon as it passes `maxBytes` (the rest is not read). */
async function readLimited(response: Response, maxBytes: number): Promise<string | undefined> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function readSettingsFile(file: string, etag: string | undefined, limits: DownloadLimits, signal: AbortSignal): Promise<DownloadOutcome> {
  const info = await stat(file);
  if (!info.isFile()) return { kind: 'failed', reason: `${file} is not a file` };
  if (info.size > limits.maxBytes) return { kind: 'failed', reason: tooLarge(file, limits) };
  const bytes = await readFile(file, { signal });
  if (bytes.byteLength > limits.maxBytes) return { kind: 'failed', reason: tooLarge(file, limits) };
  // A file has no ETag: its content's hash serves, so an unchanged file is not parsed again.
  const contentTag = `"sha256-${createHash('sha256').update(bytes).digest('base64url')}"`;
  if (contentTag === etag) return { kind: 'unchanged' };
  return { kind: 'document', text: bytes.toString('utf8'), etag: contentTag };
}

function tooLarge(where: string, limits: DownloadLimits): string {
  return `${where} is larger than ${limits.maxBytes} bytes, the most a settings document may be`;
}

/** Node's fetch hides the reason in `cause` ("fetch failed" alone says nothing). */
function describeError(error: unknown): string {
  const err = error as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  const cause = err.cause;
  if (cause?.code === 'ECONNREFUSED') return `connection refused (${cause.message.replace(/^connect ECONNREFUSED /, '')})`;
  if (cause?.code === 'ENOTFOUND') return `host not found (${cause.message.replace(/^getaddrinfo ENOTFOUND /, '')})`;
  if (cause?.message) return cause.message;
  if (err.code === 'ENOENT') return `${err.path ?? 'the file'} does not exist`;
  if (err.code === 'EACCES' || err.code === 'EPERM') return `not allowed to read ${err.path ?? 'the file'}`;
  return err.message ?? String(error);
}
