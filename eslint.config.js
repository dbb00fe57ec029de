// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import layers from './eslint-rules/layers.js';

/**
 * Process and layer boundaries (design.md "Folders"), enforced here so that a wrong
 * import fails `npm test` instead of being found in review. One allow-list per layer:
 * the layers and packages it may import, nothing else (`node:` is Node's built-ins).
 * tests/, bench/ and scripts/ are outside the layers and may import anything.
 */
const LAYERS = [
  { name: 'ged188', folders: ['ged188'], layers: [], packages: [] },
  { name: 'contract', folders: ['contract'], layers: [], packages: ['zod'] },
  { name: 'core', folders: ['main/core', 'main/cti', 'main/settings'], layers: ['ged188', 'contract'], packages: ['node:', 'zod', 'sonic-boom', 'conf'] },
  {
    name: 'main/app',
    folders: ['main/app'],
    layers: ['core', 'contract', 'simulator'],
    packages: ['node:', 'electron', 'electron-store', 'electron-log', 'electron-updater'],
  },
  { name: 'main/browser-host', folders: ['main/browser-host'], layers: ['core', 'contract', 'simulator', 'command-line'], packages: ['node:', 'ws', 'commander'] },
  { name: 'preload', folders: ['preload'], layers: ['contract'], packages: ['electron'] },
  { name: 'renderer', folders: ['renderer'], layers: ['contract'], packages: ['vue', 'pinia', 'zod', 'vue-i18n', '@tanstack/vue-virtual'] },
  { name: 'simulator', folders: ['simulator'], layers: ['ged188', 'command-line'], packages: ['node:', 'zod', 'commander'] },
  { name: 'cli', folders: ['cli'], layers: ['ged188', 'core', 'contract', 'command-line'], packages: ['node:', 'commander'] },
  /** What the three command lines (cti, simulator, start:browser) share: argument parsing. */
  { name: 'command-line', folders: ['command-line'], layers: [], packages: ['commander'] },
];

/** Electron's renderer-side IPC is preload's alone, even in main/app, which may import Electron. */
const NO_IPC_RENDERER = {
  name: 'electron',
  importNames: ['ipcRenderer'],
  message: 'Only preload/ may use ipcRenderer; the renderer goes through window.softphoneBridge.',
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'tests/unit/boundaries/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    plugins: { layers },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='ipcRenderer']", message: 'Only preload/ may use ipcRenderer.' },
      ],
      'no-restricted-imports': ['error', { paths: [NO_IPC_RENDERER] }],
      'layers/allowed-imports': ['error', { root: import.meta.dirname, layers: LAYERS }],
    },
  },
  // Type-aware checks: a promise nobody awaits or handles, a switch that misses a case of a union.
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false }],
    },
  },
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['preload/**'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-syntax': 'off' },
  },
);
