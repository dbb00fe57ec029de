import { readFileSync } from 'node:fs';
import { InputError } from './hex.js';

/** A file named on the command line, or an InputError saying in one line why it cannot be read. */
export function readInputFile(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${file}: no such file`);
    if (code === 'EISDIR') throw new InputError(`${file} is a folder, not a file`);
    if (code === 'EACCES') throw new InputError(`${file}: permission denied; check who may read it`);
    throw new InputError(`cannot read ${file}: ${(error as Error).message}`);
  }
}
