import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export interface Logger {
  info(text: string): void;
  warn(text: string): void;
  error(text: string): void;
}

/**
 * Appends timestamped lines to a file in the logs folder. Synchronous on purpose:
 * the volume is low and a crash must not lose the line that explains it.
 */
export function fileLogger(file: string, echo?: (line: string) => void): Logger {
  mkdirSync(path.dirname(file), { recursive: true });
  const write = (level: string, text: string) => {
    const line = `${new Date().toISOString()} ${level} ${text}`;
    appendFileSync(file, `${line}\n`);
    echo?.(line);
  };
  return {
    info: (text) => write('INFO', text),
    warn: (text) => write('WARN', text),
    error: (text) => write('ERROR', text),
  };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
