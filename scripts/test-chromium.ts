/**
 * The browser the Playwright tests drive: found with the same finder the browser
 * version uses (CHROMIUM_PATH, then Playwright's own download if present, then the
 * system's), and on a fresh Debian machine installed from apt when this user may.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chromium } from '@playwright/test';
import { commandOnPath, findChromium, type ChromiumSearch } from '../main/browser-host/chromium-finder.js';

/** The search the tests use on this machine. */
export function testChromiumSearch(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): ChromiumSearch {
  return { platform, env, bundled: playwrightChromium() };
}

function playwrightChromium(): string[] {
  try {
    // The path Playwright's `install chromium` puts its browser at; it may well not be there.
    return [chromium.executablePath()];
  } catch {
    return [];
  }
}

/** What this user may do about a missing browser. */
export interface Machine {
  readonly platform: NodeJS.Platform;
  /** PATH (where apt-get and sudo are), SOFTPHONE_NO_BROWSER_INSTALL. */
  readonly env: NodeJS.ProcessEnv;
  readonly isRoot: boolean;
  /** Whether `sudo -n` runs a command without asking for a password; asked only when it matters. */
  readonly sudoWithoutPassword: (sudo: string) => boolean;
}

export function thisMachine(): Machine {
  return {
    platform: process.platform,
    env: process.env,
    isRoot: process.getuid?.() === 0,
    sudoWithoutPassword: (sudo) => spawnSync(sudo, ['-n', 'true'], { stdio: 'ignore', timeout: 10_000 }).status === 0,
  };
}

type InstallPlan =
  /** `prefix` runs apt-get as root: nothing when already root, `sudo -n env` otherwise (sudo drops the environment). */
  | { readonly kind: 'apt'; readonly prefix: readonly string[]; readonly aptGet: string }
  | { readonly kind: 'by-hand'; readonly command: string };

const FORBID_INSTALL = 'SOFTPHONE_NO_BROWSER_INSTALL';

export function installPlan(machine: Machine): InstallPlan {
  const { platform, env } = machine;
  const aptGet = platform === 'linux' ? commandOnPath('apt-get', platform, env) : undefined;
  if (!aptGet) return { kind: 'by-hand', command: 'npx playwright install chromium' };
  const forbidden = !!env[FORBID_INSTALL] && env[FORBID_INSTALL] !== '0';
  if (machine.isRoot) return forbidden ? { kind: 'by-hand', command: 'apt-get install chromium' } : { kind: 'apt', prefix: [], aptGet };
  const sudo = commandOnPath('sudo', platform, env);
  if (forbidden || !sudo || !machine.sudoWithoutPassword(sudo)) return { kind: 'by-hand', command: 'sudo apt-get install chromium' };
  return { kind: 'apt', prefix: [sudo, '-n', 'env', 'DEBIAN_FRONTEND=noninteractive'], aptGet };
}

export type EnsureOutcome = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly message: string };

export interface EnsureOptions {
  readonly search: ChromiumSearch;
  readonly machine: Machine;
  /** One line for the user (stderr: stdout belongs to the test runner). */
  readonly say: (line: string) => void;
}

/** Finds the browser, installing Debian's chromium first where it is missing and this user may. */
export async function ensureChromium({ search, machine, say }: EnsureOptions): Promise<EnsureOutcome> {
  const found = findChromium(search);
  if (found.kind === 'found') return { ok: true, path: found.path };
  if (found.kind === 'bad-override') {
    return { ok: false, message: `CHROMIUM_PATH is ${found.path}, which is not a program: point it at Chromium or Chrome, or unset it.` };
  }
  const plan = installPlan(machine);
  const orOverride = 'or set CHROMIUM_PATH to a Chromium or Chrome program';
  if (plan.kind === 'by-hand') {
    return { ok: false, message: `No Chromium or Chrome for the browser tests: run \`${plan.command}\` (${orOverride}), then run the tests again.` };
  }

  say("No Chromium or Chrome found: installing Debian's chromium (apt-get update, apt-get install -y chromium)…");
  for (const args of [['update'], ['install', '-y', 'chromium']]) {
    const run = await runQuietly([...plan.prefix, plan.aptGet, ...args], machine.env);
    if (run.code !== 0) {
      const why = run.lastLine ? `: ${run.lastLine}` : '';
      return { ok: false, message: `apt-get ${args.join(' ')} failed (exit code ${run.code}${why}); run \`sudo apt-get install chromium\` yourself (${orOverride}).` };
    }
  }
  const installed = findChromium(search);
  if (installed.kind === 'found') return { ok: true, path: installed.path };
  return { ok: false, message: `apt-get installed chromium, but no Chromium program is where it should be; ${orOverride}.` };
}

/** Runs a command with its output held back (apt-get's progress is not the user's business), keeping the last line for a failure. */
function runQuietly(command: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number; lastLine: string }> {
  const [file, ...args] = command as [string, ...string[]];
  return new Promise((resolve) => {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...env, DEBIAN_FRONTEND: 'noninteractive' } });
    let tail = '';
    const keep = (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-4_096));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', (error) => resolve({ code: 127, lastLine: error.message }));
    child.once('close', (code, signal) => {
      const lastLine = tail.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '').pop() ?? '';
      resolve({ code: code ?? (signal ? 128 : 1), lastLine });
    });
  });
}
