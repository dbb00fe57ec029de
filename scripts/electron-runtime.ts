import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export type ElectronRuntime = { readonly available: true; readonly path: string } | { readonly available: false; readonly reason: string };

export const REPO_ROOT = path.resolve(import.meta.dirname, '..');

/**
 * Finds the Electron binary the way `electron .` would. The `electron` package
 * downloads its binary lazily inside `require('electron')` and throws when it
 * cannot, so the require runs in a child process: its download chatter and its
 * failure stay out of our output, and a failure becomes a reason instead of a crash.
 */
export function probeElectronRuntime(options: { readonly cwd?: string; readonly timeoutMs?: number } = {}): Promise<ElectronRuntime> {
  const { cwd = REPO_ROOT, timeoutMs = 10 * 60_000 } = options;
  return new Promise((resolve) => {
    // A newline first: the download logs to stdout too, and the path is the last line.
    const child = spawn(process.execPath, ['-e', "process.stdout.write('\\n' + require('electron'))"], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill(), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ available: false, reason: `could not run Node to locate Electron (${error.message})` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) {
        const why = signal ? `timed out after ${Math.round(timeoutMs / 1000)} s` : firstErrorLine(stderr) ?? `exit code ${code}`;
        resolve({ available: false, reason: `the Electron binary could not be obtained: ${why}` });
        return;
      }
      const binary = stdout.trimEnd().split(/\r?\n/).pop()?.trim() ?? '';
      if (binary === '' || !existsSync(binary)) {
        resolve({ available: false, reason: `the electron package named a binary that does not exist (${binary || 'nothing'})` });
        return;
      }
      resolve({ available: true, path: binary });
    });
  });
}

function firstErrorLine(text: string): string | undefined {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  return lines.find((line) => /^(\w*Error|Error)\b/.test(line)) ?? lines.find((line) => line !== '');
}
