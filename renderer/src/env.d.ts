/// <reference types="vite/client" />

// This file stays a global script (no top-level import): only then is the wildcard
// `*.vue` declaration below a real ambient module rather than an invalid augmentation.

interface Window {
  /** Exposed by preload in Electron (it only moves messages); absent when the browser host serves this page. */
  // eslint-disable-next-line @typescript-eslint/consistent-type-imports -- a top-level import would make this file a module (see above)
  readonly softphoneBridge?: import('../../contract/index.js').SoftphoneBridge;
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}
