import { defineConfig } from '@playwright/test';
import { findChromium } from './main/browser-host/chromium-finder.js';
import { testChromiumSearch } from './scripts/test-chromium.js';

/**
 * Browser end-to-end tests drive a Chromium found on this machine (CHROMIUM_PATH,
 * Playwright's own download if present, else the system's: Debian's /usr/bin/chromium,
 * which `npm run test:e2e` installs where it may). Each test starts its own browser
 * host and simulator on free ports with its own user-data folder.
 */
const chromium = findChromium(testChromiumSearch());

export default defineConfig({
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? 'list' : [['list']],
  use: {
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'browser',
      testDir: 'tests/e2e',
      use: {
        browserName: 'chromium',
        launchOptions: {
          ...(chromium.kind === 'found' && { executablePath: chromium.path }),
          args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        },
      },
    },
    {
      name: 'electron',
      testDir: 'tests/e2e-electron',
    },
  ],
});
