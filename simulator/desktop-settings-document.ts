import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * The desktop settings document the simulator serves (issue 10 item 7), as exact bytes
 * with a strong ETag, the SHA-256 of those bytes: the same document always has the same
 * ETag, so a desktop's `If-None-Match` gets 304 until the document really changes.
 *
 * The simulator checks only that it is a JSON object with a numeric `schemaVersion`, which
 * catches the wrong file (a site file, say). Validating it against the schema is the
 * desktop's job: the simulator may not import contract/, and tests need to be able to
 * serve a document the desktop refuses (a schema violation, an unknown schemaVersion).
 */

/** Larger than any real document (500 reason codes and 64 columns a grid are well under 200 KiB). */
export const MAX_DESKTOP_SETTINGS_BYTES = 1024 * 1024;

/** A document the simulator will not serve, said in one line. */
export class BadDesktopSettings extends Error {
  override readonly name = 'BadDesktopSettings';
}

export class DesktopSettingsDocument {
  readonly etag: string;

  private constructor(readonly bytes: Buffer) {
    this.etag = `"${createHash('sha256').update(bytes).digest('base64url')}"`;
  }

  /** Served byte for byte, as an administrator wrote it. */
  static fromBytes(bytes: Buffer): DesktopSettingsDocument {
    if (bytes.length > MAX_DESKTOP_SETTINGS_BYTES) throw new BadDesktopSettings(`${bytes.length} bytes; a settings document is at most ${MAX_DESKTOP_SETTINGS_BYTES}`);
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch (error) {
      throw new BadDesktopSettings(`not valid JSON: ${(error as Error).message}`);
    }
    checkShape(json);
    return new DesktopSettingsDocument(bytes);
  }

  static fromValue(json: unknown): DesktopSettingsDocument {
    checkShape(json);
    return DesktopSettingsDocument.fromBytes(Buffer.from(`${JSON.stringify(json, null, 2)}\n`));
  }

  /**
   * Whether an `If-None-Match` header names this document (RFC 9110 §13.1.2: a list of
   * entity tags compared weakly, or `*`).
   */
  isNamedBy(ifNoneMatch: string | undefined): boolean {
    if (ifNoneMatch === undefined) return false;
    return ifNoneMatch.split(',').some((tag) => {
      const trimmed = tag.trim();
      return trimmed === '*' || trimmed.replace(/^W\//, '') === this.etag;
    });
  }
}

function checkShape(json: unknown): void {
  if (typeof json !== 'object' || json === null || Array.isArray(json) || typeof (json as { schemaVersion?: unknown }).schemaVersion !== 'number') {
    throw new BadDesktopSettings('expected a JSON object with a numeric schemaVersion (a desktop settings document)');
  }
}

/** `--settings FILE`: the file's bytes, or a BadDesktopSettings naming the file. */
export function loadDesktopSettingsFile(file: string): DesktopSettingsDocument {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new BadDesktopSettings(`${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    return DesktopSettingsDocument.fromBytes(bytes);
  } catch (error) {
    if (error instanceof BadDesktopSettings) throw new BadDesktopSettings(`${file}: ${error.message}`);
    throw error;
  }
}
