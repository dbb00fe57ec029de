import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { publishedSettingsFiles } from './settings-schema-files.js';

/**
 * `npm run settings:schema`: writes the desktop settings JSON Schema, defaults and example
 * to resources/ (see settings-schema-files.ts). Run it after changing
 * contract/desktop-settings.ts or simulator/desktop-settings-example.ts, and commit the result.
 */

const root = path.resolve(import.meta.dirname, '..');

for (const file of publishedSettingsFiles()) {
  const target = path.join(root, file.path);
  let current: string | undefined;
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === file.text) {
    console.log(`${file.path}: current`);
  } else {
    writeFileSync(target, file.text);
    console.log(`${file.path}: written`);
  }
}
