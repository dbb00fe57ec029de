import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { WrapupModeSchema } from '../../contract/index.js';
import { parseEndpoint, type Endpoint } from '../cti/endpoints.js';
import { DESKTOP_HEARTBEAT_INTERVAL_MS, MIN_HEARTBEAT_INTERVAL_MS } from './heartbeat-interval.js';
import { settingsSourceText } from '../settings/settings-source.js';

/** A CTI Server side as `host:port` in a JSON file, checked as the command line checks it. */
export const endpointText = z.string().transform((text, ctx): Endpoint => {
  const parsed = parseEndpoint(text);
  if ('error' in parsed) {
    ctx.addIssue({ code: 'custom', message: parsed.error });
    return z.NEVER;
  }
  return parsed;
});

/** A setting that moved to the central desktop settings document: a clear line instead of "unrecognized key". */
function movedToSettings(pointer: string) {
  return z.never({ error: `moved to the desktop settings document (${pointer}); remove it from config.json and set it there` }).optional();
}

/**
 * This user's own configuration, in `config.json` in the user-data folder: where CTI
 * Server is and where the desktop settings come from. The deployment policy wins over
 * it; the desktop settings document holds the rest.
 */
export const LocalConfigSchema = z
  .object({
    cti: z
      .object({
        sideA: endpointText.optional(),
        sideB: endpointText.optional(),
        /** Pins the GED-188 protocol version; absent: the newest each side takes (the policy's pin wins). */
        protocolVersion: z.number().int().min(13).max(25).optional(),
        /**
         * The guide's desktop interval (90 s, IdleTimeout 4×; ged188.md §2.7), never below its
         * 5 s minimum. A connection profile in the desktop settings that sets one wins.
         */
        heartbeatIntervalMs: z.number().int().min(MIN_HEARTBEAT_INTERVAL_MS).max(600_000).default(DESKTOP_HEARTBEAT_INTERVAL_MS),
        missedHeartbeatLimit: z.number().int().min(1).max(10).default(3),
        /** How long a request waits for its confirmation before it counts as lost. */
        requestTimeoutMs: z.number().int().min(100).max(120_000).default(10_000),
        clientId: z.string().min(1).max(63).default('ucce-softphone'),
      })
      .strict()
      .prefault({}),
    /**
     * The wrap-up modes of UCCE's Agent Desk Settings (ctios.md §3.5), which the central
     * desktop settings document does not hold. Whether Not Ready and Logout need a reason
     * code, and the statistics interval, are the document's (they were here before it).
     */
    desk: z
      .object({
        wrapupIncoming: WrapupModeSchema.default('optional'),
        wrapupOutgoing: WrapupModeSchema.default('optional'),
        notReadyReasonRequired: movedToSettings('agent.notReadyReasonRequired'),
        logoutReasonRequired: movedToSettings('agent.logoutReasonRequired'),
      })
      .strict()
      .prefault({}),
    statistics: z.object({ intervalMs: movedToSettings('screen.statisticsIntervalMs') }).strict().optional(),
    /**
     * Where this user's desktop settings come from when the deployment policy names no
     * source: an http(s) URL or an absolute file path.
     */
    settingsSource: settingsSourceText.optional(),
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
