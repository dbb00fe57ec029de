/**
 * The one way scripts build the app (electron-vite: main, preload, renderer). It
 * skips the build when out/ is newer than every source it comes from, so commands
 * start at once straight after `npm install` and after the first run alike. Build
 * output goes to stderr: stdout belongs to whatever command runs next.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const stamp = path.join(root, 'out', '.build-stamp');
const sources = ['renderer', 'contract', 'preload', 'main', 'ged188', 'simulator', 'package.json', 'electron.vite.config.ts'];

function newestMtime(entry: string): number {
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(entry).reduce((newest, name) => Math.max(newest, newestMtime(path.join(entry, name))), stats.mtimeMs);
}

function isFresh(): boolean {
  if (!existsSync(stamp)) return false;
  const newestSource = Math.max(...sources.map((s) => path.join(root, s)).filter(existsSync).map(newestMtime));
  return statSync(stamp).mtimeMs >= newestSource;
}

/** Builds unless fresh (or always, with `force`); resolves with electron-vite's exit code. */
export async function ensureBuilt({ force = false } = {}): Promise<number> {
  if (!force && isFresh()) return 0;
  process.stderr.write('Building the app (electron-vite build)…\n');
  const electronVite = path.join(path.dirname(createRequire(import.meta.url).resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  const child = spawn(process.execPath, [electronVite, 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
  const code = await new Promise<number>((resolve) => {
    child.on('error', () => resolve(1));
    child.on('exit', (exitCode) => resolve(exitCode ?? 1));
  });
  if (code === 0) writeFileSync(stamp, new Date().toISOString());
  else process.stderr.write(`The build failed (electron-vite exit code ${code}); fix the errors above and run the command again.\n`);
  return code;
}
