/**
 * Builds the app (electron-vite: main, preload, renderer) unless the build in out/
 * is newer than every source it comes from, so `npm run start:browser` and the
 * browser tests start straight after `npm install` without rebuilding every time.
 * Build output goes to stderr: stdout belongs to the command that follows.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const stamp = path.join(root, 'out', '.build-stamp');
const sources = ['renderer', 'contract', 'preload', 'main', 'ged188', 'simulator', 'package.json', 'electron.vite.config.ts'];

function newestMtime(entry: string): number {
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(entry).reduce((newest, name) => Math.max(newest, newestMtime(path.join(entry, name))), stats.mtimeMs);
}

const newestSource = Math.max(...sources.map((s) => path.join(root, s)).filter(existsSync).map(newestMtime));
if (existsSync(stamp) && statSync(stamp).mtimeMs >= newestSource && !process.argv.includes('--force')) process.exit(0);

process.stderr.write('Building the app (electron-vite build)…\n');
const result = spawnSync(path.join(root, 'node_modules', '.bin', 'electron-vite'), ['build'], {
  cwd: root,
  stdio: ['ignore', process.stderr, process.stderr],
});
if (result.status !== 0) {
  process.stderr.write('The build failed (see above). Fix the error, then run the command again.\n');
  process.exit(result.status ?? 1);
}
writeFileSync(stamp, new Date().toISOString());
