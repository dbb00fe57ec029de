import { z } from 'zod';
import type { ConfEntryFile } from './conf-settings-cache.js';
import type { JsonPointer } from './json-pointer.js';

const PreferencesSchema = z.record(z.string().regex(/^(\/[^/]+)+$/), z.json());

/**
 * The user's own preferences (JSON Pointer → value), kept in the user-data folder.
 * What may be set, and whether it applies under the current locks, is settings-layers'
 * decision; this only keeps them. A file that cannot be read is moved aside and the
 * user starts without preferences (their desktop looks as the centre set it).
 */
export class UserPreferences {
  private values: Record<JsonPointer, unknown> = {};

  constructor(private readonly file: ConfEntryFile) {}

  /** Reads the file; returns a sentence for the log when it had to be moved aside. */
  load(now: () => Date = () => new Date()): string | undefined {
    let reason: string;
    try {
      const raw = this.file.read();
      if (raw === undefined) return undefined;
      const parsed = PreferencesSchema.safeParse(raw);
      if (parsed.success) {
        this.values = parsed.data;
        return undefined;
      }
      reason = 'it does not hold preferences';
    } catch (error) {
      reason = (error as Error).message;
    }
    try {
      return `the preferences file ${this.file.file} could not be read (${reason}); it was moved to ${this.file.moveAside(now())} and the desktop starts without the user's preferences`;
    } catch (error) {
      return `the preferences file ${this.file.file} could not be read (${reason}) nor moved aside (${(error as Error).message})`;
    }
  }

  get all(): Readonly<Record<JsonPointer, unknown>> {
    return this.values;
  }

  /** Sets one preference, or removes it with `null`, and writes the file. */
  set(pointer: JsonPointer, value: unknown): void {
    const next = { ...this.values };
    if (value === null) delete next[pointer];
    else next[pointer] = value;
    this.file.write(next);
    this.values = next;
  }
}
