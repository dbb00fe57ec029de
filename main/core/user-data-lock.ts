import { readFileSync, statSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { createFileDurably } from './durable-file.js';

/**
 * One process per user-data folder (both shells take it before anything else):
 * two processes writing one outbox lose each other's entries, so a second start
 * is refused and told which process holds the folder.
 *
 * Hand-written rather than proper-lockfile: that library keeps its lock alive by
 * refreshing an mtime on a timer and calls it compromised when the event loop or
 * the machine sleeps past the stale time, and it records nothing about the
 * holder. Here the lock file itself says who holds it (pid, program, start time,
 * host), created exclusively ('wx'); a lock whose process is gone is stale and
 * taken over, which is also what recovers from SIGKILL and power cuts.
 */
export const USER_DATA_LOCK_FILE_NAME = 'user-data.lock';

const LockHolderSchema = z.object({
  pid: z.number().int().positive(),
  /** Which program holds it, for the person reading the refusal ("start:browser", "the desktop app"). */
  program: z.string(),
  /** ISO time the holder took the lock; with the pid, tells a reused pid from the holder. */
  startedAt: z.string(),
  /** A pid means something only on its own machine (the folder may be on a network share). */
  hostname: z.string(),
});
export type LockHolder = z.infer<typeof LockHolderSchema>;

export type UserDataLockResult =
  | { readonly acquired: true; readonly lock: UserDataLock; /** Set when a stale lock was taken over: say so. */ readonly tookOver?: string }
  | { readonly acquired: false; readonly holder?: LockHolder; /** One sentence for the person starting the program. */ readonly message: string };

/** A lock file that is not complete yet is taken for a starting holder this long, then for the remains of a crash. */
const UNREADABLE_LOCK_GRACE_MS = 10_000;
/** How far a live pid's start may lie after the lock's time before it counts as another process with a reused pid. */
const START_TIME_SLACK_MS = 2_000;
const ATTEMPTS = 5;

/** Lock files this process holds: a second acquire in the same process is refused too. */
const heldHere = new Set<string>();

export class UserDataLock {
  private released = false;
  private readonly releaseOnExit = () => this.release();

  /** @internal created by acquireUserDataLock only */
  constructor(
    readonly file: string,
    private readonly bytes: Buffer,
  ) {
    heldHere.add(file);
    // 'exit' runs on process.exit and on a normal end; the shells turn SIGINT/SIGTERM into process.exit.
    process.on('exit', this.releaseOnExit);
  }

  /** Removes the lock file if it is still ours. Idempotent. */
  release(): void {
    if (this.released) return;
    this.released = true;
    heldHere.delete(this.file);
    process.off('exit', this.releaseOnExit);
    try {
      if (readFileSync(this.file).equals(this.bytes)) unlinkSync(this.file);
    } catch {
      // Already gone: nothing to release.
    }
  }
}

/** Takes the user-data folder for this process, or says who has it. Synchronous: it comes before anything else. */
export function acquireUserDataLock(userDataDir: string, program: string): UserDataLockResult {
  try {
    return tryAcquire(userDataDir, program);
  } catch (error) {
    // The folder cannot hold a lock at all (read-only, no permission): say so in one line.
    const folder = path.resolve(userDataDir);
    const { code, message } = error as NodeJS.ErrnoException;
    return { acquired: false, message: `cannot take the lock on the user-data folder ${folder} (${code ?? message}); check that it is writable, or pass another folder with --user-data` };
  }
}

function tryAcquire(userDataDir: string, program: string): UserDataLockResult {
  const folder = path.resolve(userDataDir);
  const file = path.join(folder, USER_DATA_LOCK_FILE_NAME);
  if (heldHere.has(file)) return { acquired: false, message: `the user-data folder ${folder} is already in use by this process` };
  const me: LockHolder = { pid: process.pid, program, startedAt: new Date().toISOString(), hostname: os.hostname() };
  const bytes = Buffer.from(`${JSON.stringify(me)}\n`);

  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    if (createExclusively(file, bytes)) return { acquired: true, lock: new UserDataLock(file, bytes) };
    const seen = inspect(file);
    if (seen.state === 'absent') continue;
    if (seen.state === 'live') return refusal(folder, file, seen.holder);
    if (takeOver(file, seen, bytes)) {
      return { acquired: true, lock: new UserDataLock(file, bytes), tookOver: `took over the user-data folder ${folder} from ${seen.why}` };
    }
  }
  // Another process was taking the folder at the same moment and has it now (or is about to).
  const seen = inspect(file);
  return refusal(folder, file, seen.state === 'live' ? seen.holder : undefined);
}

type Inspection =
  | { readonly state: 'absent' }
  | { readonly state: 'live'; readonly holder?: LockHolder }
  | { readonly state: 'stale'; readonly bytes: Buffer; /** "process 12 (start:browser, …), which is no longer running" */ readonly why: string };

function inspect(file: string): Inspection {
  let bytes: Buffer;
  let modifiedMs: number;
  try {
    bytes = readFileSync(file);
    modifiedMs = statSync(file).mtimeMs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'absent' };
    throw error;
  }
  const holder = parseHolder(bytes);
  if (!holder) {
    // Created but not written yet by a starting holder, or what a crash in that instant left.
    if (Date.now() - modifiedMs < UNREADABLE_LOCK_GRACE_MS) return { state: 'live' };
    return { state: 'stale', bytes, why: `an unreadable lock file left by a crash (${file})` };
  }
  if (holder.hostname !== os.hostname()) return { state: 'live', holder };
  // Not ours (heldHere says so), so the pid was reused: after a restart in a container, say.
  if (holder.pid === process.pid) return { state: 'stale', bytes, why: `${describeHolder(holder)}, which is no longer running` };
  if (!isRunning(holder)) return { state: 'stale', bytes, why: `${describeHolder(holder)}, which is no longer running` };
  return { state: 'live', holder };
}

function parseHolder(bytes: Buffer): LockHolder | undefined {
  try {
    const parsed = LockHolderSchema.safeParse(JSON.parse(bytes.toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(holder: LockHolder): boolean {
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: it exists, it is just someone else's.
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const started = processStartTime(holder.pid);
  const locked = Date.parse(holder.startedAt);
  // A process that started after the lock was taken cannot be the one that took it.
  return started === undefined || Number.isNaN(locked) || started <= locked + START_TIME_SLACK_MS;
}

/** When `pid` started (ms since the epoch), where the system tells (Linux /proc); undefined elsewhere. */
export function processStartTime(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)" start at field 3; starttime is field 22, in clock ticks (USER_HZ, 100) since boot.
    const startTicks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    const bootSeconds = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    const started = (bootSeconds + startTicks / 100) * 1000;
    return Number.isFinite(started) ? started : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Replaces the stale lock `seen` by ours. A guard file makes the takeover one
 * process's at a time: without it, two processes judging the same stale lock could
 * each delete it, the second deleting the lock the first had just created.
 */
function takeOver(file: string, seen: Inspection & { state: 'stale' }, bytes: Buffer): boolean {
  const guard = `${file}.takeover`;
  if (!createExclusively(guard, bytes)) {
    const guardSeen = inspect(guard);
    // A guard whose process died mid-takeover would block every start: clear it.
    if (guardSeen.state === 'stale') removeIfUnchanged(guard, guardSeen.bytes);
    return false;
  }
  try {
    const now = inspect(file);
    if (now.state === 'live') return false;
    if (now.state === 'stale') {
      // Another process may have taken over and died in between: only the lock judged stale goes.
      if (!now.bytes.equals(seen.bytes)) return false;
      removeIfUnchanged(file, now.bytes);
    }
    return createExclusively(file, bytes);
  } finally {
    removeIfUnchanged(guard, bytes);
  }
}

function createExclusively(file: string, bytes: Buffer): boolean {
  try {
    createFileDurably(file, bytes);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function removeIfUnchanged(file: string, bytes: Buffer): void {
  try {
    if (readFileSync(file).equals(bytes)) unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

export function describeHolder(holder: LockHolder): string {
  const where = holder.hostname === os.hostname() ? '' : ` on ${holder.hostname}`;
  return `process ${holder.pid} (${holder.program}, started ${holder.startedAt}${where})`;
}

function refusal(folder: string, file: string, holder: LockHolder | undefined): UserDataLockResult {
  if (!holder) {
    return { acquired: false, message: `the user-data folder ${folder} is being taken by another process that is starting; try again in a moment, or pass another folder with --user-data` };
  }
  const remote = holder.hostname === os.hostname() ? '' : ` (if that process is gone, delete ${file})`;
  return {
    acquired: false,
    holder,
    message: `the user-data folder ${folder} is in use by ${describeHolder(holder)}${remote}; stop that one first, or pass another folder with --user-data`,
  };
}
