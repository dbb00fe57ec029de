import { z } from 'zod';
import { CallVariablesSchema, EccSchema } from '../../contract/index.js';

/**
 * What an outbox file holds, and how its bytes are read: every entry that is valid
 * is kept, every one that is not is named with the reason, and a file that cannot
 * be read at all says why. Pure: no file system here (outbox.ts does the disk).
 */
export const OutboxEntrySchema = z.object({
  id: z.string(),
  agentId: z.string(),
  peripheralId: z.number().int().nonnegative(),
  connectionCallId: z.number().int().nonnegative(),
  connectionDeviceId: z.string(),
  connectionDeviceIdType: z.number().int(),
  changes: z.object({ variables: CallVariablesSchema.optional(), ecc: EccSchema.optional(), wrapup: z.string().max(39).optional() }),
  /** Sends tried whose outcome never came back: before another, check the server has not applied it. */
  unconfirmedSends: z.number().int().nonnegative(),
  createdAt: z.number().int().nonnegative(),
  /**
   * Bumped by every edit merged in: an answer confirms the revision that was sent,
   * not a newer one. Files written before revisions existed read as 0.
   */
  revision: z.number().int().nonnegative().default(0),
});
export type OutboxEntry = z.infer<typeof OutboxEntrySchema>;

const OUTBOX_FILE_VERSION = 1;

/** The frame around the entries; the entries themselves are checked one by one. */
const OutboxFileFrameSchema = z.object({ version: z.literal(OUTBOX_FILE_VERSION), entries: z.array(z.unknown()) });

export interface RejectedEntry {
  /** The entry as it was in the file (any JSON value). */
  readonly entry: unknown;
  readonly reason: string;
}

export type OutboxFileContent =
  | { readonly readable: true; readonly entries: readonly OutboxEntry[]; readonly rejected: readonly RejectedEntry[]; readonly total: number }
  | { readonly readable: false; readonly reason: string };

export function serializeOutbox(entries: readonly OutboxEntry[]): string {
  return JSON.stringify({ version: OUTBOX_FILE_VERSION, entries }, null, 2);
}

export function parseOutboxFile(bytes: Uint8Array): OutboxFileContent {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { readable: false, reason: 'it is not text (binary data or a broken character encoding)' };
  }
  if (text.trim() === '') return { readable: false, reason: 'it is empty' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { readable: false, reason: `it is not valid JSON (${(error as Error).message})` };
  }
  const frame = OutboxFileFrameSchema.safeParse(json);
  if (!frame.success) {
    const version = typeof json === 'object' && json !== null && 'version' in json ? ` (its version is ${JSON.stringify(json.version)})` : '';
    return { readable: false, reason: `it is not an outbox file of version ${OUTBOX_FILE_VERSION}${version}` };
  }

  const entries: OutboxEntry[] = [];
  const rejected: RejectedEntry[] = [];
  const ids = new Set<string>();
  frame.data.entries.forEach((raw, index) => {
    const parsed = OutboxEntrySchema.safeParse(raw);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'the entry'}: ${issue.message}`);
      rejected.push({ entry: raw, reason: `entry ${index + 1}: ${problems.join('; ')}` });
    } else if (ids.has(parsed.data.id)) {
      // Removing one would remove both: the first one stands.
      rejected.push({ entry: raw, reason: `entry ${index + 1}: the same id as an earlier entry (${parsed.data.id})` });
    } else {
      ids.add(parsed.data.id);
      entries.push(parsed.data);
    }
  });
  return { readable: true, entries, rejected, total: frame.data.entries.length };
}
