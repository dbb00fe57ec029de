/**
 * The one reading of a request line's target. The token check and the file lookup
 * both act on the `SitePath` made here, so no spelling of a path (`/%69ndex.html`,
 * `/a%2f..%2findex.html`, `//index.html`) can mean one thing to the check and
 * another to the lookup. It never throws: any target, however malformed, is either
 * a `RequestTarget` or a reason to answer 400.
 */

declare const sitePathBrand: unique symbol;
/**
 * A file of the site, as `/a/b.js`: decoded once, dot segments resolved (never above
 * the root), empty segments dropped, a directory (`/`, `/x/`) naming its index.html.
 * Only `parseRequestTarget` makes one.
 */
export type SitePath = string & { readonly [sitePathBrand]: true };

export interface RequestTarget {
  readonly path: SitePath;
  readonly query: URLSearchParams;
  /** host[:port] when the request line carried it (absolute form); it then outranks the Host header. */
  readonly authority?: string;
}

export type ParsedTarget = { readonly ok: true; readonly target: RequestTarget } | { readonly ok: false; readonly problem: string };

const INDEX = 'index.html';

/** What RFC 3986 allows in a path as sent: unreserved, percent-encoded, sub-delims, ':', '@' and '/'. Browsers encode the rest. */
const RAW_PATH = /^[A-Za-z0-9\-._~%!$&'()*+,;=:@/]*$/;
// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const FORBIDDEN_IN_SEGMENT = /[\u0000-\u001f\u007f/\\:]/;
/**
 * Windows opens `index.html.`, `index.html ` and `index.html::$DATA` as index.html: a
 * name ending in a dot or a space, or with a colon (a stream), is another spelling of a
 * file, never a file of the site. The dot segments '.' and '..' are not names.
 */
const WINDOWS_ALIAS = /[. ]$/;

export function parseRequestTarget(raw: string): ParsedTarget {
  if (raw.startsWith('/')) return parseOriginForm(raw);
  // Absolute form (RFC 9112 §3.2.2): servers must accept it, though browsers send it only to proxies.
  if (/^http:\/\//i.test(raw)) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return { ok: false, problem: 'an unreadable absolute URL' };
    }
    if (url.username || url.password) return { ok: false, problem: 'credentials in the request target' };
    // The path and query as sent, not as URL rewrote them: the same bytes in either form mean the same file.
    const rest = raw.slice('http://'.length);
    const pathStart = rest.search(/[/?]/);
    const pathAndQuery = pathStart < 0 ? '/' : rest[pathStart] === '?' ? `/${rest.slice(pathStart)}` : rest.slice(pathStart);
    const parsed = parseOriginForm(pathAndQuery);
    return parsed.ok ? { ok: true, target: { ...parsed.target, authority: url.host } } : parsed;
  }
  return { ok: false, problem: 'a request target that is neither a path nor an http URL' };
}

function parseOriginForm(raw: string): ParsedTarget {
  const queryStart = raw.indexOf('?');
  const rawPath = queryStart < 0 ? raw : raw.slice(0, queryStart);
  const query = new URLSearchParams(queryStart < 0 ? '' : raw.slice(queryStart + 1));
  const path = normalisePath(rawPath);
  return typeof path === 'string' ? { ok: true, target: { path, query } } : path;
}

function normalisePath(rawPath: string): SitePath | { ok: false; problem: string } {
  if (!RAW_PATH.test(rawPath)) return { ok: false, problem: 'characters a URL path may not carry unencoded' };
  // '//x' reads as the host name x to every URL parser; no page of the site is addressed that way.
  if (rawPath.startsWith('//')) return { ok: false, problem: 'a path that begins with //' };
  // Split before decoding: an encoded slash or backslash is data inside one segment,
  // which no file of the site has, so it is refused rather than guessed at.
  const rawSegments = rawPath.split('/').slice(1);
  const segments: string[] = [];
  let isDirectory = true;
  for (const rawSegment of rawSegments) {
    let segment: string;
    try {
      segment = decodeURIComponent(rawSegment);
    } catch {
      return { ok: false, problem: 'malformed percent-encoding in the path' };
    }
    if (FORBIDDEN_IN_SEGMENT.test(segment)) return { ok: false, problem: 'a slash, backslash, colon or control character inside a path segment' };
    if (segment !== '.' && segment !== '..' && WINDOWS_ALIAS.test(segment)) return { ok: false, problem: 'a path segment that ends in a dot or a space' };
    // A path ending in '/', '.' or '..' names a directory, as in WHATWG URL parsing.
    isDirectory = segment === '' || segment === '.' || segment === '..';
    if (segment === '..') segments.pop();
    else if (segment !== '' && segment !== '.') segments.push(segment);
  }
  if (isDirectory) segments.push(INDEX);
  return `/${segments.join('/')}` as SitePath;
}
