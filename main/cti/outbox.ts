import { randomUUID } from 'node:crypto';
import { mkdirSync, openSync, fsyncSync, closeSync, writeFileSync, renameSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CallVariablesSchema, EccSchema } from '../../contract/index.js';

/**
 * The durable outbox (design.md principle 3): wrap-up and call-data edits made
 * while the link is down. Each edit is on disk (written, fsynced, renamed into
 * place) before the command that made it returns, so neither a failover nor a
 * restart of the app loses it. Edits to one call merge into one entry, so the
 * call gets one SET_CALL_DATA_REQ however many times the agent typed.
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
});
export type OutboxEntry = z.infer<typeof OutboxEntrySchema>;

const OutboxFileSchema = z.object({ version: z.literal(1), entries: z.array(OutboxEntrySchema) });

export const OUTBOX_FILE_NAME = 'outbox.json';

export class Outbox {
  private entries: OutboxEntry[];

  private constructor(
    private readonly file: string,
    entries: OutboxEntry[],
  ) {
    this.entries = entries;
  }

  /** Opens the outbox in `userDataDir`; a missing file is empty, an unreadable one is kept aside, not lost. */
  static open(userDataDir: string, warn: (text: string) => void = () => {}): Outbox {
    const file = path.join(userDataDir, OUTBOX_FILE_NAME);
    let entries: OutboxEntry[] = [];
    try {
      const parsed = OutboxFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (parsed.success) entries = parsed.data.entries;
      else {
        const aside = `${file}.unreadable-${Date.now()}`;
        renameSync(file, aside);
        warn(`the outbox file was not understood; kept as ${aside}`);
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') warn(`cannot read the outbox ${file}: ${(error as Error).message}`);
    }
    return new Outbox(file, entries);
  }

  get pending(): readonly OutboxEntry[] {
    return this.entries;
  }

  /** Adds an edit (merged into the call's waiting entry, later values winning) and writes it to disk. */
  add(entry: Omit<OutboxEntry, 'id' | 'unconfirmedSends' | 'createdAt'>, now = Date.now()): OutboxEntry {
    const same = this.entries.find(
      (e) => e.agentId === entry.agentId && e.peripheralId === entry.peripheralId && e.connectionCallId === entry.connectionCallId,
    );
    const merged: OutboxEntry = same
      ? {
          ...same,
          changes: {
            ...same.changes,
            ...entry.changes,
            ...(same.changes.variables || entry.changes.variables ? { variables: { ...same.changes.variables, ...entry.changes.variables } } : {}),
            ...(same.changes.ecc || entry.changes.ecc ? { ecc: { ...same.changes.ecc, ...entry.changes.ecc } } : {}),
          },
        }
      : { ...entry, id: randomUUID(), unconfirmedSends: 0, createdAt: now };
    this.entries = same ? this.entries.map((e) => (e === same ? merged : e)) : [...this.entries, merged];
    this.save();
    return merged;
  }

  /** Records that a send is going out, before it goes: a crash after this line re-checks instead of re-sending blindly. */
  markSending(id: string): void {
    this.entries = this.entries.map((e) => (e.id === id ? { ...e, unconfirmedSends: e.unconfirmedSends + 1 } : e));
    this.save();
  }

  /** The server confirmed (or refused for good): the entry leaves the outbox. */
  remove(id: string): void {
    this.entries = this.entries.filter((e) => e.id !== id);
    this.save();
  }

  private save(): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify({ version: 1, entries: this.entries }, null, 2));
    const fd = openSync(temp, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, this.file);
  }
}
