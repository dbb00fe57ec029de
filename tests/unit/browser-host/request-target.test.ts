import { describe, expect, it } from 'vitest';
import { parseRequestTarget } from '../../../main/browser-host/request-target.js';

const pathOf = (raw: string) => {
  const parsed = parseRequestTarget(raw);
  return parsed.ok ? parsed.target.path : `refused: ${parsed.problem}`;
};

describe('parseRequestTarget', () => {
  it('reads every spelling of a file as the one path the token check and the lookup share', () => {
    expect(pathOf('/')).toBe('/index.html');
    expect(pathOf('/%69ndex.html')).toBe('/index.html');
    expect(pathOf('/./index.html')).toBe('/index.html');
    expect(pathOf('/assets/../index.html')).toBe('/index.html');
    expect(pathOf('/%2e%2e/index.html')).toBe('/index.html');
    expect(pathOf('/assets//app.js')).toBe('/assets/app.js');
    expect(pathOf('/assets/..')).toBe('/index.html');
  });

  it('takes a trailing slash for a directory, so /index.html/ is not the page', () => {
    expect(pathOf('/index.html/')).toBe('/index.html/index.html');
    expect(pathOf('/assets/')).toBe('/assets/index.html');
  });

  it('never climbs above the root', () => {
    expect(pathOf('/../../../etc/passwd')).toBe('/etc/passwd');
    expect(pathOf('/a/../../b')).toBe('/b');
  });

  it('refuses what has no single reading', () => {
    for (const raw of ['/a%2f..%2findex.html', '/..%5cx', '/%00', '/a%0ab', '/%', '/%zz', '/%c0%ae', '/..\\x', '//x', '//[', '/[', '/a b']) {
      expect(parseRequestTarget(raw).ok, raw).toBe(false);
    }
  });

  it('refuses the names Windows reads as another file: streams, trailing dots and spaces', () => {
    for (const raw of ['/index.html::$DATA', '/index.html%3a%3a$DATA', '/index.html:x', '/index.html.', '/index.html..', '/index.html%2e', '/index.html%20', '/index.html.%20', '/assets./app.js', '/assets%20/app.js', '/....//x']) {
      expect(parseRequestTarget(raw).ok, raw).toBe(false);
    }
    // Dot segments are not trailing dots: they are resolved, as before.
    expect(pathOf('/assets/./..')).toBe('/index.html');
    expect(pathOf('/.%2e/index.html')).toBe('/index.html');
  });

  it('refuses targets that are neither a path nor an http URL, without throwing', () => {
    for (const raw of ['', '*', 'http://', 'http://[/', 'http://a:99999/', 'http://[::1/x', 'ftp://x/', 'http://u:p@127.0.0.1/', 'index.html']) {
      expect(parseRequestTarget(raw).ok, raw).toBe(false);
    }
  });

  it('keeps the query apart from the path, and reads the absolute form with its authority', () => {
    const origin = parseRequestTarget('/softphone?token=a%2Bb&x=1');
    expect(origin.ok && origin.target.path).toBe('/softphone');
    expect(origin.ok && origin.target.query.get('token')).toBe('a+b');
    expect(origin.ok && origin.target.authority).toBeUndefined();

    const absolute = parseRequestTarget('http://127.0.0.1:8080/%69ndex.html?token=t');
    expect(absolute).toEqual({ ok: true, target: { path: '/index.html', query: new URLSearchParams('token=t'), authority: '127.0.0.1:8080' } });
    const bare = parseRequestTarget('http://localhost:8080?token=t');
    expect(bare.ok && bare.target.path).toBe('/index.html');
    expect(bare.ok && bare.target.query.get('token')).toBe('t');
  });
});
