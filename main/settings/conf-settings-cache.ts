import path from 'node:path';
import { moveAside as moveFileAside, syncFolder } from '../core/durable-file.js';
import type { CachedSettings, SettingsCache } from './settings-cache.js';

/**
 * The part of `conf` (and of electron-store, built on it) that a cache needs. Both read
 * the file in their constructor and on every `get`, and throw on a file that is not
 * JSON (with `clearInvalidConfig: false`, which must be passed: the default of older
 * versions empties the file, and a corrupt cache is to be kept for a person to look at).
 */
export interface JsonFileStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/** Opens the store keeping `<folder>/<name>.json`. */
export type JsonFileStoreFactory = (folder: string, name: string) => JsonFileStore;

const ENTRY_KEY = 'lastKnownGood';

/** The file name (without `.json`) of the cache in the user-data folder. */
export const SETTINGS_CACHE_NAME = 'desktop-settings-cache';

/**
 * The settings cache on a conf-style store. conf writes through `atomically`
 * (temporary file, fsync, rename); the folder is fsynced here after each write, so
 * the rename itself survives a power cut, as durable-file.ts does for the outbox.
 */
export class ConfSettingsCache implements SettingsCache {
  private store: JsonFileStore | undefined;
  readonly file: string;

  constructor(
    private readonly folder: string,
    private readonly open: JsonFileStoreFactory,
    private readonly name = SETTINGS_CACHE_NAME,
  ) {
    this.file = path.join(folder, `${name}.json`);
  }

  private opened(): JsonFileStore {
    this.store ??= this.open(this.folder, this.name);
    return this.store;
  }

  read(): unknown {
    return this.opened().get(ENTRY_KEY);
  }

  write(entry: CachedSettings): void {
    this.opened().set(ENTRY_KEY, entry);
    syncFolder(this.folder);
  }

  moveAside(now: Date): string {
    this.store = undefined;
    return moveFileAside(this.file, `${this.name}.corrupt`, '.json', now);
  }
}
