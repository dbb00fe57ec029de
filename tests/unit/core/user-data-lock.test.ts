import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireUserDataLock, USER_DATA_LOCK_FILE_NAME, type LockHolder, type UserDataLock } from '../../../main/core/user-data-lock.js';

const dirs: string[] = [];
const locks: UserDataLock[] = [];
afterEach(() => {
  locks.splice(0).forEach((lock) => lock.release());
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'user-data-lock-'));
  dirs.push(dir);
  return dir;
};
const lockFile = (dir: string) => path.join(dir, USER_DATA_LOCK_FILE_NAME);
const holderIn = (dir: string): LockHolder => JSON.parse(readFileSync(lockFile(dir), 'utf8'));
const writeHolder = (dir: string, holder: Partial<LockHolder>) =>
  writeFileSync(lockFile(dir), JSON.stringify({ pid: process.ppid, program: 'start:browser', startedAt: new Date().toISOString(), hostname: os.hostname(), ...holder }));

function acquire(dir: string, program = 'test') {
  const result = acquireUserDataLock(dir, program);
  if (result.acquired) locks.push(result.lock);
  return result;
}

/** The pid of a process that has ended (not reused within a test). */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

describe('the user-data lock', () => {
  it('is taken in a free folder, names this process, refuses a second taker, and is gone once released', () => {
    const dir = tempDir();
    const first = acquire(dir, 'start:browser');
    expect(first.acquired).toBe(true);
    expect(holderIn(dir)).toMatchObject({ pid: process.pid, program: 'start:browser', hostname: os.hostname() });
    expect(Date.now() - Date.parse(holderIn(dir).startedAt)).toBeLessThan(60_000);

    const second = acquireUserDataLock(dir, 'again');
    expect(second).toEqual({ acquired: false, message: `the user-data folder ${dir} is already in use by this process` });

    if (first.acquired) first.lock.release();
    expect(existsSync(lockFile(dir))).toBe(false);
    expect(acquire(dir).acquired).toBe(true);
  });

  it('held by another running process: refused with its pid, program and start time; the lock is left as it was', () => {
    const dir = tempDir();
    writeHolder(dir, { pid: process.ppid, program: 'the desktop app', startedAt: new Date().toISOString() });
    const before = readFileSync(lockFile(dir));
    const result = acquire(dir);
    expect(result.acquired).toBe(false);
    if (result.acquired) return;
    expect(result.holder?.pid).toBe(process.ppid);
    expect(result.message).toMatch(new RegExp(`^the user-data folder .* is in use by process ${process.ppid} \\(the desktop app, started \\S+\\); stop that one first, or pass another folder with --user-data$`));
    expect(readFileSync(lockFile(dir)).equals(before)).toBe(true);
  });

  it('stale (its process is gone): taken over, saying from whom', () => {
    const dir = tempDir();
    const gone = deadPid();
    writeHolder(dir, { pid: gone, program: 'start:browser' });
    const result = acquire(dir, 'the desktop app');
    expect(result.acquired).toBe(true);
    if (!result.acquired) return;
    expect(result.tookOver).toMatch(new RegExp(`^took over the user-data folder .* from process ${gone} \\(start:browser, started \\S+\\), which is no longer running$`));
    expect(holderIn(dir)).toMatchObject({ pid: process.pid, program: 'the desktop app' });
    expect(existsSync(`${lockFile(dir)}.takeover`)).toBe(false);
  });

  it.runIf(process.platform === 'linux')('stale when its pid now belongs to a process that started after the lock was taken', () => {
    const dir = tempDir();
    writeHolder(dir, { pid: process.ppid, startedAt: '2001-01-01T00:00:00.000Z' });
    const result = acquire(dir);
    expect(result.acquired && result.tookOver).toMatch(/which is no longer running/);
  });

  it('stale when it names this very process (a pid reused after a restart)', () => {
    const dir = tempDir();
    writeHolder(dir, { pid: process.pid, startedAt: '2001-01-01T00:00:00.000Z' });
    expect(acquire(dir).acquired).toBe(true);
  });

  it('an unreadable lock file: a starting holder while it is new, the remains of a crash once old', () => {
    const dir = tempDir();
    writeFileSync(lockFile(dir), '');
    const young = acquire(dir);
    expect(young.acquired).toBe(false);
    expect(!young.acquired && young.message).toMatch(/is being taken by another process that is starting; try again in a moment/);

    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(lockFile(dir), minuteAgo, minuteAgo);
    const old = acquire(dir);
    expect(old.acquired && old.tookOver).toMatch(/from an unreadable lock file left by a crash/);
  });

  it('a folder that cannot hold a lock (here: a file where the folder should be): refused in one line, not thrown', () => {
    const notAFolder = path.join(tempDir(), 'user-data');
    writeFileSync(notAFolder, 'a file');
    const result = acquireUserDataLock(notAFolder, 'test');
    expect(result).toEqual({ acquired: false, message: expect.stringMatching(/^cannot take the lock on the user-data folder .*user-data \(ENOTDIR\); check that it is writable, or pass another folder with --user-data$/) });
  });

  it('held from another machine (a shared folder): refused, since its pid cannot be checked from here', () => {
    const dir = tempDir();
    writeHolder(dir, { pid: deadPid(), hostname: 'elsewhere.example' });
    const result = acquire(dir);
    expect(result.acquired).toBe(false);
    expect(!result.acquired && result.message).toMatch(/ on elsewhere\.example\) \(if that process is gone, delete /);
    expect(!result.acquired && result.message).toContain(`delete ${lockFile(dir)}`);
    expect(existsSync(lockFile(dir))).toBe(true);
  });

  it('a takeover guard left by a process that died mid-takeover does not block the folder', () => {
    const dir = tempDir();
    writeHolder(dir, { pid: deadPid() });
    writeFileSync(`${lockFile(dir)}.takeover`, JSON.stringify({ pid: deadPid(), program: 'x', startedAt: new Date().toISOString(), hostname: os.hostname() }));
    expect(acquire(dir).acquired).toBe(true);
    expect(existsSync(`${lockFile(dir)}.takeover`)).toBe(false);
  });

  it('release removes only its own lock file', () => {
    const dir = tempDir();
    const result = acquire(dir);
    if (!result.acquired) throw new Error(result.message);
    writeHolder(dir, { pid: process.ppid, program: 'someone else' });
    result.lock.release();
    expect(holderIn(dir).program).toBe('someone else');
  });
});
