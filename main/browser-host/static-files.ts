import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SitePath } from './request-target.js';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export interface StaticFile {
  readonly body: Buffer;
  readonly contentType: string;
}

/**
 * Reads a file of the built renderer. The path is already the one normalised reading
 * of the request (see request-target.ts), the same the token check saw; the check
 * that it stays under the root is a second line of defence, not the first.
 */
export async function readStaticFile(root: string, sitePath: SitePath): Promise<StaticFile | undefined> {
  const file = path.resolve(root, `.${sitePath}`);
  if (!file.startsWith(root + path.sep)) return undefined;
  try {
    if (!(await stat(file)).isFile()) return undefined;
    return { body: await readFile(file), contentType: contentTypeOf(sitePath) };
  } catch {
    return undefined;
  }
}

export function contentTypeOf(sitePath: SitePath): string {
  return CONTENT_TYPES[path.extname(sitePath)] ?? 'application/octet-stream';
}
