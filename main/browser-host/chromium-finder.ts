import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Finds a Chromium-family browser (Chromium, Chrome, Edge): the one the browser
 * version opens its window in, and the one the browser tests drive. Everything it
 * looks at comes in as a parameter, so the "none present" case can be tested on a
 * machine that has one.
 */
export interface ChromiumSearch {
  readonly platform: NodeJS.Platform;
  /** CHROMIUM_PATH, PATH and the folders the usual install locations hang off. */
  readonly env: NodeJS.ProcessEnv;
  /** Browsers a tool brought along (Playwright's), tried after CHROMIUM_PATH and before the system's. */
  readonly bundled?: readonly string[];
  /** The system's usual locations; `systemChromiumPaths` unless a test says otherwise. */
  readonly system?: readonly string[];
}

export type ChromiumSearchResult =
  | { readonly kind: 'found'; readonly path: string }
  /** CHROMIUM_PATH is set but names nothing runnable: an explicit choice is not silently replaced. */
  | { readonly kind: 'bad-override'; readonly path: string }
  | { readonly kind: 'none' };

export function findChromium(search: ChromiumSearch): ChromiumSearchResult {
  const override = search.env.CHROMIUM_PATH;
  if (override) {
    return isExecutableFile(override, search.platform) ? { kind: 'found', path: override } : { kind: 'bad-override', path: override };
  }
  const candidates = [...(search.bundled ?? []), ...(search.system ?? systemChromiumPaths(search.platform, search.env))];
  const found = candidates.find((file) => isExecutableFile(file, search.platform));
  return found ? { kind: 'found', path: found } : { kind: 'none' };
}

const LINUX_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge', 'microsoft-edge-stable'];

/** Where Chromium-family browsers are usually installed, per platform, most likely first. */
export function systemChromiumPaths(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((root): root is string => !!root);
    return roots.flatMap((root) => [
      path.win32.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      path.win32.join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
      path.win32.join(root, 'Chromium', 'Application', 'chrome.exe'),
    ]);
  }
  if (platform === 'darwin') {
    const bundles = ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium', 'Microsoft Edge.app/Contents/MacOS/Microsoft Edge'];
    const folders = ['/Applications', ...(env.HOME ? [path.posix.join(env.HOME, 'Applications')] : [])];
    return folders.flatMap((folder) => bundles.map((bundle) => path.posix.join(folder, bundle)));
  }
  // Debian's package first (the one the tests are known to work with), then whatever PATH offers.
  const wellKnown = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/opt/google/chrome/chrome', '/usr/bin/microsoft-edge'];
  const onPath = LINUX_NAMES.flatMap((name) => pathDirs(platform, env).map((dir) => path.posix.join(dir, name)));
  return [...new Set([...wellKnown, ...onPath])];
}

/** The first `name` on PATH that can be run, as a shell would find it. */
export function commandOnPath(name: string, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string | undefined {
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  const names = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').map((ext) => name + ext.toLowerCase()) : [name];
  for (const dir of pathDirs(platform, env)) {
    for (const file of names.map((n) => join(dir, n))) if (isExecutableFile(file, platform)) return file;
  }
  return undefined;
}

function pathDirs(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  // Windows spells it Path; Node's env object is case-insensitive there but a copied one is not.
  const value = env.PATH ?? env.Path ?? '';
  return value.split(platform === 'win32' ? ';' : ':').filter((dir) => dir !== '');
}

function isExecutableFile(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    // Windows has no execute bit: a file there is as runnable as it gets.
    if (platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
