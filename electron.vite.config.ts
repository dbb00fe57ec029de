import { resolve } from 'node:path';
import VueI18nPlugin from '@intlify/unplugin-vue-i18n/vite';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'electron-vite';

const here = import.meta.dirname;
const at = (...segments: string[]) => resolve(here, ...segments);

/**
 * The repository uses the product's top-level layout (main/, preload/, renderer/)
 * rather than electron-vite's src/ convention, so every entry is spelled out.
 * package.json "main" points at out/main/index.js.
 */
export default defineConfig({
  main: {
    build: {
      outDir: at('out/main'),
      // Bundled rather than loaded from node_modules at start: Node's ES module loader
      // resolving, reading and pre-parsing their files was most of the host's start.
      externalizeDeps: { exclude: ['zod', 'conf', 'ws', 'commander', 'sonic-boom'] },
      // "type": "module" and Electron >= 28 make electron-vite emit ESM for main; keep it.
      rolldownOptions: {
        // The browser host too, precompiled: under tsx its start spent seconds compiling
        // TypeScript before the login form could show (bench/README.md, startup).
        input: { index: at('main/app/main.ts'), 'browser-host': at('main/browser-host/cli.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: at('out/preload'),
      // A sandboxed preload gets a tiny `require` that knows only 'electron' and a few
      // built-ins, so everything else (zod, via contract/) must be inside the bundle.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: at('preload/index.ts') },
        // Sandboxed preloads cannot be ES modules, and with "type": "module" a .js
        // file would be read as one: CommonJS with an explicit .cjs name.
        output: {
          format: 'cjs',
          entryFileNames: '[name].cjs',
          chunkFileNames: '[name]-[hash].cjs',
          // One file: a sandboxed preload cannot require its own chunks either.
          codeSplitting: false,
        },
      },
    },
  },
  renderer: {
    root: at('renderer'),
    // Loaded with loadFile(), so asset URLs must be relative to index.html.
    base: './',
    plugins: [
      // Every component is <script setup>: without the Options API, Vue's code for it is dropped.
      vue({ features: { optionsAPI: false } }),
      // The locale files become message ASTs at build time, and vue-i18n's runtime-only build
      // (no message compiler) renders them: less script before the login form shows, and no
      // message compilation in a page whose CSP allows no eval (bench/README.md, startup).
      VueI18nPlugin({ include: [at('renderer/src/i18n/*.json')], runtimeOnly: true, compositionOnly: true, dropMessageCompiler: true }),
    ],
    // vue-i18n's build flags: the Composition API only, no devtools hooks in production.
    define: { __VUE_I18N_FULL_INSTALL__: true, __VUE_I18N_LEGACY_API__: false, __INTLIFY_PROD_DEVTOOLS__: false },
    build: {
      outDir: at('out/renderer'),
      emptyOutDir: true,
      // electron-vite leaves the renderer unminified; minified, the page has a third of the
      // script to parse before the login form can show (bench/README.md, startup).
      minify: true,
      rolldownOptions: {
        input: { index: at('renderer/index.html') },
      },
    },
  },
});
