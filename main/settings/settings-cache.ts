import { z } from 'zod';

/** One good download as the cache keeps it: the document as it came, and what identifies it. */
export const CachedSettingsSchema = z
  .object({
    document: z.unknown(),
    etag: z.string().optional(),
    /** Epoch ms of the download. */
    fetchedAt: z.number().int().nonnegative(),
    /** The source it came from (URL or path). */
    location: z.string(),
  })
  .strict();
export type CachedSettings = z.infer<typeof CachedSettingsSchema>;

/**
 * The last-known-good cache of the central settings document, whatever keeps it
 * (electron-store in the Electron shell, conf in the browser host). It stores and
 * returns entries; what is good enough to keep is LastKnownGood's decision.
 */
export interface SettingsCache {
  /** The stored entry as it is (unchecked); undefined when nothing is stored. Throws when the store cannot be read. */
  read(): unknown;
  /** Replaces the stored entry as one atomic, durable write. */
  write(entry: CachedSettings): void;
  /** Renames the store's file beside itself, named with `now`, and returns the new path. */
  moveAside(now: Date): string;
}
