import { z } from 'zod';
import { DesktopSettingsSchema, SettingsProblemSchema } from './desktop-settings.js';

const time = z.number().int().nonnegative().describe('epoch milliseconds');

/** Where the central settings come from (the deployment policy names it; `none`: nowhere). */
export const SettingsSourceKindSchema = z.enum(['url', 'file', 'simulator', 'none']);

/**
 * The desktop settings as the desktop runs on them (issue 10): the effective values
 * (defaults < central document < the user's preferences < locked values), which of
 * them are locked, where the central document came from, and what was wrong with the
 * last one that was refused. The renderer lays itself out from `effective`.
 */
export const SettingsStateSchema = z.object({
  effective: DesktopSettingsSchema,
  /** JSON Pointers of the values the user cannot change (the document's and the policy's). */
  locked: z.array(z.string()),
  source: z.object({
    kind: SettingsSourceKindSchema,
    /** The URL or path; for `none`, a description. */
    location: z.string(),
    /** The validator of the document in effect, when it came with one. */
    etag: z.string().optional(),
    /** When the document in effect was downloaded; absent while on the built-in defaults. */
    fetchedAt: time.optional(),
    /** The document in effect is the cached one: no download has succeeded since start-up. */
    fromCache: z.boolean(),
  }),
  /**
   * Each problem with the last refused download (its JSON path and what was expected),
   * and with the policy's values or the user's preferences that could not apply.
   */
  problems: z.array(SettingsProblemSchema),
});
export type SettingsState = z.infer<typeof SettingsStateSchema>;
