import Conf from 'conf';
import type { JsonFileStoreFactory } from './conf-settings-cache.js';

/**
 * conf as the browser host's store (electron-store, built on conf, is the Electron
 * shell's). Dots in keys are not paths, and a corrupt file is never emptied.
 */
export const confStore: JsonFileStoreFactory = (folder, name) => new Conf<Record<string, unknown>>({ cwd: folder, configName: name, clearInvalidConfig: false, accessPropertiesByDotNotation: false });
