/** The step before the browser tests: a Chromium or Chrome to drive, or one line saying what to run. */
import { ensureChromium, testChromiumSearch, thisMachine } from './test-chromium.js';

const outcome = await ensureChromium({ search: testChromiumSearch(), machine: thisMachine(), say: (line) => console.error(line) });
if (!outcome.ok) {
  console.error(outcome.message);
  process.exitCode = 1;
}
