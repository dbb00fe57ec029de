import { readdir, readFile, stat } from 'node:fs/promises';
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

/** A document, whatever the case of its extension: the one kind of file that needs the token. */
const DOCUMENT = /\.html?$/i;

export interface StaticFile {
  readonly contentType: string;
  read(): Promise<Buffer>;
}

/**
 * Finds a file of the built renderer; it is read only when asked, after the token
 * check. The path is already the one normalised reading of the request (see
 * request-target.ts); the check that it stays under the root is a second line of
 * defence, not the first.
 */
export async function findStaticFile(root: string, sitePath: SitePath): Promise<StaticFile | undefined> {
  const file = path.resolve(root, `.${sitePath}`);
  if (!file.startsWith(root + path.sep)) return undefined;
  try {
    if (!(await stat(file)).isFile()) return undefined;
  } catch {
    return undefined;
  }
  return { contentType: contentTypeOf(sitePath), read: () => readFile(file) };
}

/**
 * The site paths (`/assets/index-1a2b.js`) of the renderer's files other than its
 * documents: the scripts, styles, fonts and icons the page loads by relative URL,
 * without the token. Listed once, by their exact names on disk, so a name the disk
 * would fold onto another file (`/INDEX.HTML` on macOS or Windows, `/INDEX~1.HTM`)
 * is not on the list whatever it opens. Regular files only: a link could lead anywhere.
 */
export async function listPublicAssets(root: string): Promise<ReadonlySet<string>> {
  let entries;
  try {
    entries = await readdir(root, { recursive: true, withFileTypes: true });
  } catch (error) {
    // No built renderer yet: nothing goes without the token, and every lookup finds nothing.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Set();
    throw error;
  }
  const assets = new Set<string>();
  for (const entry of entries) {
    if (!entry.isFile() || DOCUMENT.test(entry.name)) continue;
    const relative = path.relative(root, path.join(entry.parentPath, entry.name));
    assets.add(`/${relative.split(path.sep).join('/')}`);
  }
  return assets;
}

function contentTypeOf(sitePath: SitePath): string {
  return CONTENT_TYPES[path.extname(sitePath)] ?? 'application/octet-stream';
}
