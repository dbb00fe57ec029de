import { existsSync, mkdirSync, openSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import SonicBoom from 'sonic-boom';
import { printable } from './log-text.js';

export interface Logger {
  info(text: string): void;
  warn(text: string): void;
  error(text: string): void;
}

export interface FileLogger extends Logger {
  /** Resolves once every line written so far is in the file. */
  flush(): Promise<void>;
  /** Flushes and closes the file; later lines are dropped. */
  close(): Promise<void>;
}

export interface LogFileLimits {
  /** The log is rotated before it would grow past this size. */
  readonly maxBytes: number;
  /** Rotated files kept beside it: `name.1` (newest) to `name.<keep>`. */
  readonly keep: number;
  /** Longest line written; longer ones are cut (and control characters escaped). */
  readonly maxLineChars: number;
  /** Lines waiting for the disk, in bytes, beyond which new lines are dropped and counted. */
  readonly maxBufferedBytes: number;
}

export const DEFAULT_LOG_FILE_LIMITS: LogFileLimits = {
  maxBytes: 5 * 1024 * 1024,
  keep: 2,
  maxLineChars: 4_000,
  maxBufferedBytes: 1024 * 1024,
};

/**
 * Timestamped lines in a file of the logs folder, bounded on every side: lines are
 * cut to a length, the file is rotated at a size (keeping a few old ones), and the
 * lines waiting for the disk are capped. Writes are buffered and asynchronous, so a
 * flood of log lines cannot stall the event loop; whatever is still buffered when the
 * process exits (a crash included) is written synchronously on the way out, so the
 * line that explains the crash is kept.
 */
export function fileLogger(file: string, echo?: (line: string) => void, limits: LogFileLimits = DEFAULT_LOG_FILE_LIMITS): FileLogger {
  mkdirSync(path.dirname(file), { recursive: true });
  let size = sizeOf(file);
  let dropped = 0;
  let closed = false;
  let reportedWriteError = false;
  // Oldest first; all but the last are finishing their writes into files already rotated away.
  const streams = new Set<SonicBoom>();

  // The file is opened here, synchronously, so that a line logged at once is never
  // stuck waiting for an open when the process exits.
  const openStream = () => {
    const stream = new SonicBoom({ fd: openSync(file, 'a'), sync: false, maxLength: limits.maxBufferedBytes });
    stream.on('drop', () => (dropped += 1));
    stream.on('error', (error: Error) => {
      // A full or vanished disk must not take the softphone down with it; say so once.
      if (reportedWriteError) return;
      reportedWriteError = true;
      process.stderr.write(`cannot write the log ${file}: ${error.message}\n`);
    });
    stream.once('close', () => streams.delete(stream));
    streams.add(stream);
    return stream;
  };
  let current = openStream();

  const flushOnExit = () => {
    for (const stream of streams) {
      try {
        stream.flushSync();
      } catch {
        // Already closed: nothing more can be saved.
      }
    }
  };
  process.on('exit', flushOnExit);

  const append = (line: string) => {
    const bytes = Buffer.byteLength(line);
    if (size > 0 && size + bytes > limits.maxBytes) {
      // The old stream finishes its buffered lines into the renamed file (its descriptor
      // follows the rename), the new one starts the fresh file: each line lands where
      // its order puts it, and no file outgrows the limit.
      rotate(file, limits.keep);
      if (existsSync(file)) {
        // The rename failed (a locked file, no permission): the log stays at its limit
        // and lines are counted as dropped until a later rotation works.
        dropped++;
        return;
      }
      try {
        const next = openStream();
        current.end();
        current = next;
      } catch {
        // Cannot open a fresh file: count the line as dropped rather than grow without bound.
        dropped++;
        return;
      }
      size = 0;
    }
    current.write(line);
    size += bytes;
  };

  const write = (level: string, text: string) => {
    if (closed) return;
    const time = new Date().toISOString();
    if (dropped > 0) {
      const count = dropped;
      dropped = 0;
      append(`${time} WARN ${count} log lines were dropped: the disk did not keep up, or the log could not be rotated\n`);
    }
    const line = `${time} ${level} ${printable(text, limits.maxLineChars)}`;
    append(`${line}\n`);
    echo?.(line);
  };

  const settled = (stream: SonicBoom) =>
    new Promise<void>((resolve) => {
      if (!streams.has(stream)) return resolve();
      if (stream === current && !closed) stream.flush(() => resolve());
      else stream.once('close', () => resolve());
    });

  return {
    info: (text) => write('INFO', text),
    warn: (text) => write('WARN', text),
    error: (text) => write('ERROR', text),
    flush: async () => {
      await Promise.all([...streams].map(settled));
    },
    close: async () => {
      if (!closed) {
        closed = true;
        current.end();
      }
      await Promise.all([...streams].map(settled));
      process.off('exit', flushOnExit);
    },
  };
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** name.(keep-1) → name.keep, …, name → name.1. The oldest falls off the end. */
function rotate(file: string, keep: number): void {
  for (let index = keep - 1; index >= 0; index -= 1) {
    try {
      renameSync(index === 0 ? file : `${file}.${index}`, `${file}.${index + 1}`);
    } catch {
      // Not there yet (a young log), or locked: the next rotation tries again.
    }
  }
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
