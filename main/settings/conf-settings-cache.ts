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

/** The file name (without `.json`) of the cache in the user-data folder, and its key. */
export const SETTINGS_CACHE = { name: 'desktop-settings-cache', key: 'lastKnownGood' } as const;
/** The user's own preferences (JSON Pointer → value) in the user-data folder. */
export const USER_PREFERENCES = { name: 'preferences', key: 'settings' } as const;

/**
 * One value kept under one key of a conf-style store: the settings cache, the user's
 * preferences. conf writes through `atomically` (temporary file, fsync, rename); the
 * folder is fsynced here after each write, so the rename itself survives a power cut,
 * as durable-file.ts does for the outbox. A file that cannot be read is moved aside.
 */
export class ConfEntryFile implements SettingsCache {
  private store: JsonFileStore | undefined;
  readonly file: string;
  private readonly name: string;
  private readonly key: string;

  constructor(
    private readonly folder: string,
    private readonly open: JsonFileStoreFactory,
    entry: { readonly name: string; readonly key: string } = SETTINGS_CACHE,
  ) {
    this.name = entry.name;
    this.key = entry.key;
    this.file = path.join(folder, `${entry.name}.json`);
  }

  private opened(): JsonFileStore {
    this.store ??= this.open(this.folder, this.name);
    return this.store;
  }

  read(): unknown {
    return this.opened().get(this.key);
  }

  write(entry: CachedSettings | Record<string, unknown>): void {
    this.opened().set(this.key, entry);
    syncFolder(this.folder);
  }

  moveAside(now: Date): string {
    this.store = undefined;
    return moveFileAside(this.file, `${this.name}.corrupt`, '.json', now);
  }
}
