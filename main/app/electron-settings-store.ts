import ElectronStore from 'electron-store';
import type { JsonFileStoreFactory } from '../settings/conf-settings-cache.js';

/**
 * electron-store as the Electron shell's store of the settings cache and the user's
 * preferences (the browser host uses conf, which electron-store is built on; core only
 * sees the JsonFileStore interface). Dots in keys are not paths; a corrupt file is
 * never emptied, so core can move it aside.
 */
export const electronSettingsStore: JsonFileStoreFactory = (folder, name) =>
  new ElectronStore<Record<string, unknown>>({ cwd: folder, name, clearInvalidConfig: false, accessPropertiesByDotNotation: false });
