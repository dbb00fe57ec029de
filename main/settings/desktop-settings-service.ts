import { isDeepStrictEqual } from 'node:util';
import { DEFAULT_DESKTOP_SETTINGS, type ConnectionEvent, type DesktopSettings, type SettingsProblem, type SettingsState } from '../../contract/index.js';
import { CommandError } from '../cti/agent/command-error.js';
import type { Logger } from '../core/logger.js';
import { acceptDownload, describeProblem, loadLastKnownGood } from './last-known-good.js';
import type { CachedSettings, SettingsCache } from './settings-cache.js';
import { DEFAULT_DOWNLOAD_LIMITS, downloadSettings, type DownloadLimits } from './settings-download.js';
import { isLocked, layerSettings, preferenceProblem } from './settings-layers.js';
import { sourceLocation, type SettingsSource } from './settings-source.js';
import type { UserPreferences } from './user-preferences.js';

export type DownloadEvent = Omit<Extract<ConnectionEvent, { event: 'OnGlobalSettingsDownloadConf' }>, 'seq' | 'time'>;
export type RequestOutcome = DownloadEvent['outcome'];

export interface DesktopSettingsOptions {
  readonly source: SettingsSource;
  readonly cache: SettingsCache;
  readonly preferences: UserPreferences;
  /** The deployment policy's locked values (JSON Pointer → value). */
  readonly policyLocked?: Readonly<Record<string, unknown>>;
  /** How often to ask the source again while running; 0: only on each connect. */
  readonly refreshIntervalMs?: number;
  readonly limits?: DownloadLimits;
  readonly log: Logger;
  readonly clock?: () => number;
}

export interface DesktopSettingsHooks {
  /** The settings part of the state changed (publish it). */
  published(state: SettingsState): void;
  /** A download ended (OnGlobalSettingsDownloadConf). */
  downloaded(event: DownloadEvent): void;
}

/**
 * The desktop settings at run time (ctios.md §5, issue 10 items 2–4): starts on the
 * last-known-good cache at once, asks the source again on every connect
 * (RequestDesktopSettings) and on an interval, keeps a valid new document as the new
 * cache and applies it live, refuses an invalid one with every problem, and layers the
 * user's preferences and the locked values over it.
 */
export class DesktopSettingsService {
  private central: DesktopSettings = DEFAULT_DESKTOP_SETTINGS;
  /** The cache entry of the document in effect (undefined: built-in defaults). */
  private entry: CachedSettings | undefined;
  private fromCache = false;
  private downloadProblems: readonly SettingsProblem[] = [];
  private state: SettingsState;
  private inFlight: Promise<RequestOutcome> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly listeners = new Set<(effective: DesktopSettings) => void>();
  private readonly clock: () => number;

  constructor(
    private readonly options: DesktopSettingsOptions,
    private readonly hooks: DesktopSettingsHooks,
  ) {
    this.clock = options.clock ?? Date.now;
    this.state = this.compute();
  }

  /**
   * Loads the cache and the preferences, synchronously: start-up never waits on the
   * network. Publishes nothing: the caller starts its state from `current`.
   */
  start(): void {
    const { log } = this.options;
    const load = loadLastKnownGood(this.options.cache, () => new Date(this.clock()));
    if (load.kind === 'loaded') {
      this.central = load.settings;
      this.entry = load.entry;
      this.fromCache = true;
      log.info(`desktop settings: starting on the cached document from ${load.entry.location} (downloaded ${new Date(load.entry.fetchedAt).toISOString()})`);
    } else if (load.kind === 'corrupt') {
      const where = load.movedTo ? `moved to ${load.movedTo}` : `could not be moved aside (${load.moveError ?? 'unknown error'})`;
      log.warn(`desktop settings: ${load.reason}; the cache was ${where}; the built-in defaults apply until the next good download`);
    }
    const preferencesProblem = this.options.preferences.load(() => new Date(this.clock()));
    if (preferencesProblem) log.warn(`desktop settings: ${preferencesProblem}`);
    this.state = this.compute();
    for (const problem of this.state.problems) log.warn(`desktop settings: ${describeProblem(problem)}`);
  }

  get current(): SettingsState {
    return this.state;
  }

  get effective(): DesktopSettings {
    return this.state.effective;
  }

  /** Called with the new effective settings whenever they change. */
  onChange(listener: (effective: DesktopSettings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A CTI session opened: RequestDesktopSettings, and from now on on the interval. */
  opened(): void {
    void this.request();
    const every = this.options.refreshIntervalMs ?? 0;
    if (every > 0 && !this.timer && !this.stopped) {
      this.timer = setInterval(() => void this.request(), every);
      this.timer.unref();
    }
  }

  /** RequestDesktopSettings: one download at a time; a second request while one runs gets its outcome. */
  request(): Promise<RequestOutcome> {
    this.inFlight ??= this.download().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async download(): Promise<RequestOutcome> {
    const { source, log } = this.options;
    const location = sourceLocation(source);
    if (source.kind === 'none') return 'unchanged';
    // The validator only means something to the source it came from.
    const etag = this.entry?.location === location ? this.entry.etag : undefined;
    const outcome = await downloadSettings(source, etag, this.options.limits ?? DEFAULT_DOWNLOAD_LIMITS);
    if (this.stopped) return 'failed';
    const report = (result: RequestOutcome, message: string) => {
      this.hooks.downloaded({ event: 'OnGlobalSettingsDownloadConf', source: source.kind, location, outcome: result, message });
      return result;
    };
    const onCache = this.entry ? `the desktop keeps the settings from ${new Date(this.entry.fetchedAt).toISOString()}` : 'the desktop keeps the built-in defaults';
    switch (outcome.kind) {
      case 'unchanged':
        this.fromCache = false;
        if (this.downloadProblems.length > 0) this.downloadProblems = [];
        this.publish();
        return report('unchanged', 'the settings are unchanged');
      case 'failed':
        log.warn(`desktop settings: cannot get ${location}: ${outcome.reason}; ${onCache}`);
        return report('failed', `cannot get the settings: ${outcome.reason}; ${onCache}`);
      case 'document': {
        const accepted = acceptDownload(this.options.cache, { text: outcome.text, location, fetchedAt: this.clock(), ...(outcome.etag ? { etag: outcome.etag } : {}) });
        if (accepted.kind === 'rejected') {
          this.downloadProblems = accepted.problems;
          for (const problem of accepted.problems) log.warn(`desktop settings: ${location} refused: ${describeProblem(problem)}`);
          this.publish();
          const count = accepted.problems.length;
          return report('refused', `the settings document from ${location} is not valid (${count} ${count === 1 ? 'problem' : 'problems'}: ${describeProblem(accepted.problems[0]!)}); ${onCache}`);
        }
        if (accepted.cacheError) log.warn(`desktop settings: the new document applies but cannot be cached (${accepted.cacheError})`);
        this.central = accepted.settings;
        this.entry = accepted.entry;
        this.fromCache = false;
        this.downloadProblems = [];
        log.info(`desktop settings: a new document from ${location} applies${outcome.etag ? ` (ETag ${outcome.etag})` : ''}`);
        this.publish();
        return report('updated', 'new settings apply');
      }
    }
  }

  /** The user's preference for one value (`null`: back to the central value). */
  setPreference(pointer: string, value: unknown): void {
    if (isLocked(pointer, this.state.locked)) {
      throw new CommandError('unavailable', `setPreference: ${pointer} is locked by your administrator and cannot be changed`, { reason: 'locked', pointer });
    }
    if (value !== null) {
      const problem = preferenceProblem(this.layeredBelow(pointer), pointer, value);
      if (problem) throw new CommandError('invalid-argument', `setPreference: ${pointer}: ${problem}`, { field: 'pointer', pointer });
    }
    try {
      this.options.preferences.set(pointer, value);
    } catch (error) {
      throw new CommandError('failed', `setPreference: the preference cannot be saved (${(error as Error).message})`);
    }
    this.publish();
  }

  /** The effective settings without the user's preference at `pointer` (what a new value replaces). */
  private layeredBelow(pointer: string): DesktopSettings {
    const { [pointer]: _replaced, ...others } = this.options.preferences.all;
    return layerSettings({ central: this.central, policyLocked: this.options.policyLocked ?? {}, preferences: others }).effective;
  }

  private compute(): SettingsState {
    const layered = layerSettings({ central: this.central, policyLocked: this.options.policyLocked ?? {}, preferences: this.options.preferences.all });
    const { source } = this.options;
    return {
      effective: layered.effective,
      locked: [...layered.locked],
      source: {
        kind: source.kind,
        location: sourceLocation(source),
        ...(this.entry?.etag ? { etag: this.entry.etag } : {}),
        ...(this.entry ? { fetchedAt: this.entry.fetchedAt } : {}),
        fromCache: this.fromCache,
      },
      problems: [...this.downloadProblems, ...layered.problems],
    };
  }

  /** Publishes the settings part when it changed, and tells the listeners when the effective settings did. */
  private publish(): void {
    const before = this.state;
    this.state = this.compute();
    if (!isDeepStrictEqual(before, this.state)) this.hooks.published(this.state);
    if (!isDeepStrictEqual(before.effective, this.state.effective)) for (const listener of this.listeners) listener(this.state.effective);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
