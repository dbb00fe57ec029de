import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { DeskSettingsSchema } from '../../contract/index.js';
import { parseEndpoint, type Endpoint } from '../cti/endpoints.js';

/** A CTI Server side as `host:port` in a JSON file, checked as the command line checks it. */
export const endpointText = z.string().transform((text, ctx): Endpoint => {
  const parsed = parseEndpoint(text);
  if ('error' in parsed) {
    ctx.addIssue({ code: 'custom', message: parsed.error });
    return z.NEVER;
  }
  return parsed;
});

/**
 * This machine's own settings, in `config.json` in the user-data folder. Central
 * desktop settings come later and take precedence; this is what a site needs
 * before anything else works: where CTI Server is.
 */
export const LocalConfigSchema = z
  .object({
    cti: z
      .object({
        sideA: endpointText.optional(),
        sideB: endpointText.optional(),
        protocolVersion: z.number().int().min(13).max(25).default(24),
        heartbeatIntervalMs: z.number().int().min(250).max(600_000).default(750),
        missedHeartbeatLimit: z.number().int().min(1).max(10).default(3),
        /** How long a request waits for its confirmation before it counts as lost. */
        requestTimeoutMs: z.number().int().min(100).max(120_000).default(10_000),
        clientId: z.string().min(1).max(63).default('ucce-softphone'),
      })
      .strict()
      .prefault({}),
    /**
     * The agent desk settings that decide enablement (wrap-up modes, reason codes
     * required): main's, never the view's, until central desktop settings provide them.
     */
    desk: DeskSettingsSchema.partial().strict().prefault({}),
    /** Statistics refresh (until central desktop settings provide it). */
    statistics: z
      .object({ intervalMs: z.number().int().min(500).max(3_600_000).default(10_000) })
      .strict()
      .prefault({}),
  })
  .strict();

export type LocalConfig = z.output<typeof LocalConfigSchema>;

export const CONFIG_FILE_NAME = 'config.json';

export class LocalConfigError extends Error {
  override readonly name = 'LocalConfigError';
}

/** Reads `config.json`; a missing file means defaults, a broken one is an error that says where. */
export async function loadLocalConfig(userDataDir: string): Promise<LocalConfig> {
  const file = path.join(userDataDir, CONFIG_FILE_NAME);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return LocalConfigSchema.parse({});
    throw new LocalConfigError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new LocalConfigError(`${file} is not valid JSON (${(error as Error).message}); fix or remove it`);
  }
  const result = LocalConfigSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.join('.') || '(top level)';
    throw new LocalConfigError(`${file}: ${where}: ${issue?.message ?? 'invalid'}; fix or remove it`);
  }
  return result.data;
}
