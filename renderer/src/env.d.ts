/// <reference types="vite/client" />

// Kept a global script (no top-level import) so the wildcard module declaration below is allowed.

interface Window {
  /** Exposed by preload in Electron; absent when the browser host serves this page. */
  readonly softphone?: import('../../contract/index.js').SoftphoneApi;
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}
