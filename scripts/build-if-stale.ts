/** `npm run build` (with --force) and the step before start:browser and the browser tests. */
import { ensureBuilt } from './app-build.js';

process.exitCode = await ensureBuilt({ force: process.argv.includes('--force') });
