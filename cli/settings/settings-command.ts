/**
 * `cti settings`: the desktop settings document for administrators.
 *   import-reg FILE  a CTI OS server's registry export (.reg) as our document, on stdout
 *   validate FILE    checks a document, each problem with its JSON Pointer
 * Problems go to stderr one line each (`FILE:LINE: …` for a .reg file, `FILE: /pointer: …`
 * for a document) and exit 2; warnings (what an import kept under `extra`) go to stderr
 * too but do not fail the import.
 */
import type { Command } from 'commander';
import { parseDesktopSettings } from '../../contract/desktop-settings.js';
import { readInputFile } from '../input-file.js';
import { importCtiosSettings } from './ctios-import.js';
import { RegFileError, readRegFile } from './reg-file.js';

/** Several problems with one input, each already a line for stderr; exit code 2. */
export class ProblemsError extends Error {
  override readonly name = 'ProblemsError';
  constructor(readonly lines: readonly string[]) {
    super(lines.join('\n'));
  }
}

export function addSettingsCommand(program: Command): void {
  const settings = program.command('settings').description('desktop settings documents: import from CTI OS, validate').exitOverride();

  settings
    .command('import-reg')
    .description("convert a CTI OS server's registry export (.reg) into a desktop settings document on stdout")
    .argument('<file>', 'a regedit export of HKLM\\SOFTWARE\\Cisco Systems, Inc.\\CTIOS\\… (UTF-16LE, UTF-8 or REGEDIT4)')
    .option('--server <instance\\server>', 'which CTI OS server, when the export holds more than one (e.g. CTIOS_acme\\CTIOS1)')
    .exitOverride()
    .action((file: string, options: { server?: string }) => {
      let reg;
      try {
        reg = readRegFile(readInputFile(file));
      } catch (error) {
        if (error instanceof RegFileError) throw new ProblemsError([`${file}${error.line === undefined ? '' : `:${error.line}`}: ${error.message}`]);
        throw error;
      }
      const result = importCtiosSettings(reg.root, options.server === undefined ? {} : { server: options.server });
      const problems = [
        ...reg.problems.map((problem) => ({ line: problem.line as number | undefined, message: problem.message })),
        ...(result.ok ? [] : result.problems),
      ].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
      // A failed import always has problems; both tests keep the types honest.
      if (problems.length > 0 || !result.ok) throw new ProblemsError(problems.map((problem) => `${file}${problem.line === undefined ? '' : `:${problem.line}`}: ${problem.message}`));
      for (const warning of result.warnings) process.stderr.write(`${warning}\n`);
      process.stdout.write(`${JSON.stringify(result.document, null, 2)}\n`);
    });

  settings
    .command('validate')
    .description('check a desktop settings document (JSON); prints each problem with its JSON path')
    .argument('<file>', 'the document, e.g. as written by import-reg')
    .exitOverride()
    .action((file: string) => {
      const json = parseJson(file, readInputFile(file));
      const parsed = parseDesktopSettings(json);
      if (!parsed.ok) throw new ProblemsError(parsed.problems.map((problem) => `${file}: ${problem.path === '' ? '/' : problem.path}: ${problem.message}`));
      const upgraded = parsed.upgradedFrom === undefined ? '' : `, upgraded from ${parsed.upgradedFrom}`;
      process.stdout.write(`valid (schema version ${parsed.settings.schemaVersion}${upgraded})\n`);
    });
}

function parseJson(file: string, bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ProblemsError([`${file}: not UTF-8 text; a settings document is JSON in UTF-8`]);
  }
  try {
    return JSON.parse(text); // TextDecoder has dropped a BOM
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message);
    const line = position ? text.slice(0, Number(position[1])).split('\n').length : undefined;
    throw new ProblemsError([`${file}${line === undefined ? '' : `:${line}`}: not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`]);
  }
}
