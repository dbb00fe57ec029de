import { existsSync } from 'node:fs';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { StatusBar } from '../e2e/pages/status-bar.js';
import { electronRuntime, REPO_ROOT } from './electron-runtime.js';

test('the status bar shows the built-in simulator connected on side A', async () => {
  const testInfo = test.info();
  const runtime = await electronRuntime();
  if (!runtime.available) {
    const reason = `No Electron runtime: ${runtime.reason}`;
    console.log(`[${testInfo.title}] skipped. ${reason}`);
    test.skip(true, reason);
    return;
  }
  // package.json "main" is the built file; `npm run test:e2e` builds first.
  const mainFile = path.join(REPO_ROOT, 'out/main/index.js');
  expect(existsSync(mainFile), `${mainFile} is missing; run electron-vite build first`).toBe(true);

  const app = await electron.launch({
    executablePath: runtime.path,
    // Its own profile: no config file, so core starts the built-in simulator.
    args: [REPO_ROOT, `--user-data=${testInfo.outputPath('user-data')}`],
    cwd: REPO_ROOT,
  });
  try {
    const window = await app.firstWindow();
    // The same page object as the browser tests: one scenario, two shells.
    await new StatusBar(window).expectConnected('A', 15_000);
  } finally {
    await app.close();
  }
});
