// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';

/**
 * Process and layer boundaries (design.md "Folders"), enforced here so that a wrong
 * import fails `npm test` instead of being found in review.
 */
const nodeBuiltins = [...builtinModules.filter((m) => !m.startsWith('_')), ...builtinModules.map((m) => `node:${m}`)];

const NO_ELECTRON = { name: 'electron', message: 'This layer runs without Electron (design.md): keep Electron in main/app and preload/.' };
const NO_IPC_RENDERER = {
  name: 'electron',
  importNames: ['ipcRenderer'],
  message: 'Only preload/ may use ipcRenderer; the renderer goes through window.softphone.',
};
const NO_NODE = nodeBuiltins.map((name) => ({ name, message: 'No Node built-ins here: this code runs sandboxed in the renderer, or must stay portable.' }));

/** @param {{ paths?: object[], patterns?: object[] }} restrictions */
const restrict = (restrictions) => ({
  'no-restricted-imports': ['error', { paths: restrictions.paths ?? [], patterns: restrictions.patterns ?? [] }],
});

const GED188_ALONE = 'ged188/ is self-contained: bytes in, messages out; it imports nothing but itself.';

const outside = (/** @type {string[]} */ group, /** @type {string} */ message) => ({ group, message });

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'tests/unit/boundaries/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='ipcRenderer']", message: 'Only preload/ may use ipcRenderer.' },
      ],
      ...restrict({ paths: [NO_IPC_RENDERER] }),
    },
  },
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    files: ['main/core/**', 'main/cti/**', 'main/settings/**'],
    rules: restrict({ paths: [NO_ELECTRON], patterns: [outside(['**/renderer/**', '**/main/app/**', '**/preload/**'], 'core must not reach into the shells or the renderer.')] }),
  },
  // ged188/ is self-contained. Relative patterns cannot see where the importing file
  // is, so each depth gets the pattern that leaves the folder from there.
  {
    files: ['ged188/*.ts'],
    rules: restrict({
      paths: [NO_ELECTRON, ...NO_NODE],
      patterns: [outside(['../*'], GED188_ALONE)],
    }),
  },
  {
    files: ['ged188/*/*.ts'],
    rules: restrict({
      paths: [NO_ELECTRON, ...NO_NODE],
      patterns: [outside(['../../*'], GED188_ALONE)],
    }),
  },
  {
    files: ['simulator/**'],
    rules: restrict({ paths: [NO_ELECTRON], patterns: [outside(['**/main/**', '**/renderer/**', '**/preload/**', '**/contract/**'], 'the simulator is a CTI Server: it knows only ged188/ and Node.')] }),
  },
  {
    files: ['contract/**'],
    rules: restrict({ paths: [NO_ELECTRON, ...NO_NODE], patterns: [outside(['../*'], 'contract/ depends on zod only.')] }),
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict({
      paths: [{ name: 'electron', message: 'The renderer is sandboxed: no Electron; use window.softphone through softphone-client.' }, ...NO_NODE],
      patterns: [outside(['**/main/**', '**/ged188/**', '**/simulator/**', '**/preload/**'], 'The renderer reaches main only through contract/.')],
    }),
  },
  {
    files: ['main/browser-host/**'],
    rules: restrict({ paths: [NO_ELECTRON, NO_IPC_RENDERER] }),
  },
  {
    files: ['preload/**'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-syntax': 'off' },
  },
  {
    files: ['main/app/**'],
    rules: restrict({ paths: [NO_IPC_RENDERER] }),
  },
);
