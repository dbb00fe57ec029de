import { readFileSync } from 'node:fs';
import { SiteSchema, type Site } from './pg/site.js';

/** A site file that cannot be used, said in one line naming the file and the bad setting. */
export class SiteFileError extends Error {
  override readonly name = 'SiteFileError';
}

/** `agents[3].skillGroups` for zod's ['agents', 3, 'skillGroups']. */
function settingPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `${out === '' ? '' : '.'}${String(key)}`;
  return out === '' ? '(the whole file)' : out;
}

/**
 * Reads a JSON site description (`--config FILE`): agents, supervisors, teams,
 * skill groups and desk settings, checked against SiteSchema. `peripheralId`, when
 * given, overrides the file's (the `--peripheral-id` flag).
 */
export function loadSiteFile(file: string, overrides: { readonly peripheralId?: number } = {}): Site {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SiteFileError(`${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SiteFileError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  if (overrides.peripheralId !== undefined && typeof json === 'object' && json !== null && !Array.isArray(json)) {
    json = { ...json, peripheralId: overrides.peripheralId };
  }
  const result = SiteSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more)` : '';
    throw new SiteFileError(`${file}: ${settingPath(issue.path)}: ${issue.message}${more}`);
  }
  return result.data;
}
