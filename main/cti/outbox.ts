import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createFileDurably, freeNameBeside, moveAside, removeUnfinishedWrites, replaceFileDurably } from '../core/durable-file.js';
import { parseOutboxFile, serializeOutbox, type OutboxEntry, type RejectedEntry } from './outbox-file.js';

export type { OutboxEntry } from './outbox-file.js';

/**
 * The durable outbox (design.md principle 3): wrap-up and call-data edits made
 * while the link is down. Each edit is on disk (written, fsynced, renamed into
 * place) before the command that made it returns, so neither a failover nor a
 * restart of the app loses it. Edits to one call merge into one entry, so the
 * call gets one SET_CALL_DATA_REQ however many times the agent typed.
 *
 * What it cannot use it never overwrites: an unreadable file is renamed aside
 * with its bytes untouched, an invalid entry is written to a rejected file beside
 * it while the valid ones are kept and sent, and each is reported.
 */
export const OUTBOX_FILE_NAME = 'outbox.json';

/** The outbox cannot be read and what is there cannot be moved aside either: starting would overwrite it. */
export class OutboxUnavailableError extends Error {}

/** Outbox files open in this process, so a second open of one folder fails instead of racing the first. */
const openFiles = new Map<string, Outbox>();

export class Outbox {
  private entries: readonly OutboxEntry[];

  private constructor(
    private readonly file: string,
    entries: readonly OutboxEntry[],
  ) {
    this.entries = entries;
  }

  /**
   * Opens the outbox in `userDataDir`: a missing file is empty; an unreadable one is
   * set aside, not lost; invalid entries are set aside one by one. One process per
   * folder: other processes are kept out by the shells' user-data lock, this process
   * by a refusal to open the folder twice.
   */
  static open(userDataDir: string, warn: (text: string) => void = () => {}): Outbox {
    const file = path.resolve(userDataDir, OUTBOX_FILE_NAME);
    if (openFiles.has(file)) throw new Error(`the outbox in ${userDataDir} is already open in this process`);

    const unfinished = removeUnfinishedWrites(file);
    if (unfinished.length > 0) {
      warn(`outbox: removed ${unfinished.length} unfinished writes (${unfinished.join(', ')}) left by a crash before they were committed; ${file} holds what was last saved`);
    }
    const outbox = new Outbox(file, recover(file, warn));
    openFiles.set(file, outbox);
    return outbox;
  }

  /** Lets the folder be opened again (a restarted core); the entries stay on disk. */
  close(): void {
    if (openFiles.get(this.file) === this) openFiles.delete(this.file);
  }

  get pending(): readonly OutboxEntry[] {
    return this.entries;
  }

  /**
   * Adds an edit (merged into the call's waiting entry, later values winning, its
   * revision bumped) and writes it to disk.
   */
  add(entry: Omit<OutboxEntry, 'id' | 'unconfirmedSends' | 'createdAt' | 'revision'>, now = Date.now()): OutboxEntry {
    const same = this.entries.find(
      (e) => e.agentId === entry.agentId && e.peripheralId === entry.peripheralId && e.connectionCallId === entry.connectionCallId,
    );
    const merged: OutboxEntry = same
      ? {
          ...same,
          revision: same.revision + 1,
          changes: {
            ...same.changes,
            ...entry.changes,
            ...(same.changes.variables || entry.changes.variables ? { variables: { ...same.changes.variables, ...entry.changes.variables } } : {}),
            ...(same.changes.ecc || entry.changes.ecc ? { ecc: { ...same.changes.ecc, ...entry.changes.ecc } } : {}),
          },
        }
      : { ...entry, id: randomUUID(), unconfirmedSends: 0, createdAt: now, revision: 0 };
    this.commit(same ? this.entries.map((e) => (e === same ? merged : e)) : [...this.entries, merged]);
    return merged;
  }

  /** Records that a send is going out, before it goes: a crash after this line re-checks instead of re-sending blindly. */
  markSending(id: string): void {
    this.commit(this.entries.map((e) => (e.id === id ? { ...e, unconfirmedSends: e.unconfirmedSends + 1 } : e)));
  }

  /**
   * The server confirmed (or refused for good) revision `revision` of entry `id`: the
   * entry leaves the outbox, unless an edit was merged in since (its revision moved
   * on), in which case it stays, newer content and all, to be sent again. Returns
   * whether it left.
   */
  removeIfUnchanged(id: string, revision: number): boolean {
    const stored = this.entries.find((e) => e.id === id);
    if (!stored || stored.revision !== revision) return false;
    this.commit(this.entries.filter((e) => e !== stored));
    return true;
  }

  /** Disk first: if the write fails (disk full), memory still matches what the file holds. */
  private commit(entries: readonly OutboxEntry[]): void {
    replaceFileDurably(this.file, serializeOutbox(entries));
    this.entries = entries;
  }
}

/** Reads what `file` holds, setting aside whatever cannot be sent, so that nothing is lost and nothing is overwritten. */
function recover(file: string, warn: (text: string) => void): readonly OutboxEntry[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return [];
    setAside(file, `it could not be read (${code ?? (error as Error).message})`, warn);
    return [];
  }
  const content = parseOutboxFile(bytes);
  if (!content.readable) {
    setAside(file, content.reason, warn);
    return [];
  }
  if (content.rejected.length > 0) {
    const rejectedFile = writeRejected(file, content.rejected);
    // Only once the rejected entries are safe: the outbox keeps just what will be sent.
    replaceFileDurably(file, serializeOutbox(content.entries));
    warn(
      `outbox: ${content.rejected.length} of ${content.total} entries in ${file} are invalid and will not be sent; ` +
        `they are kept in ${rejectedFile} (${content.rejected.map((r) => r.reason).join(' | ')}); the other ${content.entries.length} will be sent`,
    );
  }
  return content.entries;
}

function setAside(file: string, reason: string, warn: (text: string) => void): void {
  let aside: string;
  try {
    aside = moveAside(file, 'outbox.unreadable', '.json');
  } catch (error) {
    throw new OutboxUnavailableError(
      `the outbox ${file} cannot be used (${reason}) nor moved aside (${(error as Error).message}); move it out of the way by hand and start again`,
    );
  }
  warn(`outbox: ${file} was set aside unchanged as ${aside} because ${reason}; the outbox starts empty and nothing in that file will be sent`);
}

function writeRejected(file: string, rejected: readonly RejectedEntry[]): string {
  const rejectedFile = freeNameBeside(file, 'outbox.rejected', '.json');
  createFileDurably(rejectedFile, JSON.stringify({ from: file, rejectedAt: new Date().toISOString(), rejected }, null, 2));
  return rejectedFile;
}
