import path from 'node:path';
import { parseEndpoint, type Endpoint, type SideEndpoints } from '../cti/endpoints.js';

export interface DesktopOptions {
  /** Set only when the command line names at least one side; it then replaces the config file's sides. */
  readonly sides?: SideEndpoints;
  /** `--user-data DIR`: a separate profile (tests, several agents on one machine). */
  readonly userDataDir?: string;
  /** `--policy FILE`: the deployment policy instead of the machine-wide one. */
  readonly policyFile?: string;
}

export type CommandLineResult = { readonly ok: true; readonly options: DesktopOptions } | { readonly ok: false; readonly error: string };

const VALUE_OPTIONS = ['--cti-a', '--cti-b', '--user-data', '--policy'] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];

/**
 * Reads our own options out of Electron's argv. Everything else is left alone on
 * purpose: Chromium switches, the app path, and whatever Playwright or the OS adds
 * share the same argv, so unknown arguments are not errors here.
 */
export function parseDesktopCommandLine(argv: readonly string[], cwd: string): CommandLineResult {
  const values = new Map<ValueOption, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const option = VALUE_OPTIONS.find((name) => arg === name || arg.startsWith(`${name}=`));
    if (!option) continue;
    let value: string | undefined;
    if (arg.length > option.length) {
      value = arg.slice(option.length + 1);
    } else {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        value = next;
        i += 1;
      }
    }
    if (value === undefined || value.trim() === '') {
      const example = option === '--user-data' ? 'a folder' : option === '--policy' ? 'a policy file' : 'HOST:PORT, for example 127.0.0.1:42027';
      return { ok: false, error: `The command-line option ${option} needs a value (${example}).` };
    }
    values.set(option, value);
  }

  const sides: { A?: Endpoint; B?: Endpoint } = {};
  for (const [option, side] of [
    ['--cti-a', 'A'],
    ['--cti-b', 'B'],
  ] as const) {
    const text = values.get(option);
    if (text === undefined) continue;
    const parsed = parseEndpoint(text);
    if ('error' in parsed) return { ok: false, error: `The command-line option ${option} is wrong: ${parsed.error}.` };
    sides[side] = parsed;
  }

  const userData = values.get('--user-data');
  const policy = values.get('--policy');
  return {
    ok: true,
    options: {
      ...(sides.A || sides.B ? { sides } : {}),
      ...(userData !== undefined ? { userDataDir: path.resolve(cwd, userData) } : {}),
      ...(policy !== undefined ? { policyFile: path.resolve(cwd, policy) } : {}),
    },
  };
}
