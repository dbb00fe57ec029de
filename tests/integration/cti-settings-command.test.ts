import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDesktopSettings } from '../../contract/desktop-settings.js';
import { REPO_ROOT } from '../support/child-process.js';

const FIXTURES = path.join(REPO_ROOT, 'tests', 'fixtures', 'ctios');
const dir = mkdtempSync(path.join(os.tmpdir(), 'cti-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `npm run --silent cti -- settings …`, exactly as an administrator types it. */
function settings(...args: string[]) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', '--silent', 'cti', '--', 'settings', ...args], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: result.status, stdout: result.stdout, stderrLines: result.stderr.trim().split('\n').filter(Boolean) };
}

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

/** The UTF-8 fixture as regedit saves exports: UTF-16LE with a BOM. */
const utf16Export = () => write('ctios-acme-utf16.reg', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(path.join(FIXTURES, 'ctios-acme.reg'), 'utf8'), 'utf16le')]));

describe('cti settings import-reg and validate', () => {
  it('imports a UTF-16LE CTI OS export with everything that matters in the document itself, and validate accepts it', () => {
    const imported = settings('import-reg', utf16Export());
    expect(imported.code, imported.stderrLines.join('\n')).toBe(0);
    const document = JSON.parse(imported.stdout);
    expect(imported.stdout).toContain('\n  "schemaVersion": 1,'); // pretty, for people to read and diff
    const parsed = parseDesktopSettings(document);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const { settings: result } = parsed;
    expect(result.agent.notReadyReasons.map((r) => r.text)).toEqual(['Break', 'Lunch', 'Coaching "1:1"', 'Back Office \\ Email']);
    expect(result.agent.logoutReasons.map((r) => [r.code, r.text])).toEqual([[11, 'End of Shift'], [12, 'Lunch'], [13, 'Sick'], [14, 'Meeting Off Site']]);
    expect(result.agent.wrapupIncoming).toHaveLength(4);
    expect(result.agent.wrapupOutgoing).toEqual(['Left Voicemail', 'Reached Customer']);
    expect(result.grid.callAppearance).toHaveLength(21);
    expect(result.grid.callAppearance.filter((c) => c.field === 'ECC' || c.field === 'ECCArray').map((c) => c.name)).toEqual(['CustomerID', 'Orders[0]', 'BAResponse']);
    expect(result.ecc.scalars).toEqual(['CustomerID', 'AccountType', 'BAResponse']);
    expect(result.connectionProfiles.map((p) => p.name)).toEqual(['UCCE Inbound', 'Mobile Agents']);
    // None of it under extra; what is there was warned about, one line each.
    expect(Object.keys(document.extra).join('\n')).not.toMatch(/ReasonCodes|WrapupStrings|\\ECC\\|Columns\\Number\\\d|MainScreen/);
    expect(imported.stderrLines.every((line) => line.startsWith('warning: '))).toBe(true);
    expect(imported.stderrLines.filter((line) => line.includes('point sides A and B'))).toHaveLength(2);
    expect(imported.stderrLines).toContain(
      'warning: HKEY_LOCAL_MACHINE\\SOFTWARE\\Cisco Systems, Inc.\\CTIOS\\CTIOS_acme\\CTIOS1\\Server\\Agent\\forceLogoutOnSessionClose: not mapped; kept under extra',
    );

    const file = write('acme.json', imported.stdout);
    const validated = settings('validate', file);
    expect(validated).toEqual({ code: 0, stdout: 'valid (schema version 1)\n', stderrLines: [] });
  }, 60_000);

  it('imports the REGEDIT4 export of another instance and server name', () => {
    const imported = settings('import-reg', path.join(FIXTURES, 'ctios-globex-regedit4.reg'));
    expect(imported.code, imported.stderrLines.join('\n')).toBe(0);
    const document = JSON.parse(imported.stdout);
    expect(document.agent.notReadyReasons).toEqual([
      { code: 21, text: 'Réunion' },
      { code: 22, text: 'Pause café' },
    ]);
    expect(document.connectionProfiles[0].name).toBe('Globex');
    expect(document.extra).toBeUndefined();
  }, 30_000);

  it('reports each problem of a .reg file as FILE:LINE, exit 2, nothing on stdout', () => {
    const acme = readFileSync(path.join(FIXTURES, 'ctios-acme.reg'), 'utf8')
      .replace('"Lunch"=dword:00000002', '"Lunch"=dword:00011170')
      .replace('"Break"=dword:00000001', '"Break"=dword:zz');
    const file = write('broken.reg', acme);
    const lineOf = (text: string) => acme.split('\r\n').findIndex((line) => line.startsWith(text)) + 1;
    const result = settings('import-reg', file);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderrLines).toEqual([
      `${file}:${lineOf('"Break"=dword:zz')}: "Break": dword: takes 1 to 8 hex digits, e.g. dword:0000001e, not "dword:zz"`,
      expect.stringMatching(new RegExp(`^${file}:${lineOf('"Lunch"=dword:00011170')}: Server\\\\Agent\\\\ReasonCodes\\\\NotReady\\\\Lunch: .*65535.*\\(document /agent/notReadyReasons/0/code\\)$`)),
    ]);
  }, 30_000);

  it('reports each problem of a document with its JSON path, exit 2', () => {
    const file = write('bad.json', JSON.stringify({ schemaVersion: 1, agent: { notReadyReasons: [{ code: 1, text: 'Break' }, { code: 1, text: 'Lunch' }] }, screen: { flashOnCall: 'yes' } }));
    const result = settings('validate', file);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect([...result.stderrLines].sort()).toEqual([`${file}: /screen/flashOnCall: Invalid input: expected boolean, received string`, `${file}: /agent/notReadyReasons/1/code: reason code 1 is listed twice`].sort());
  }, 30_000);

  it('gives one line and exit 2, never a stack trace, for a missing file, a folder, bad JSON, an unreadable encoding or no header', () => {
    const cases: [string[], RegExp][] = [
      [['import-reg', path.join(dir, 'missing.reg')], /missing\.reg: no such file$/],
      [['validate', dir], /is a folder, not a file$/],
      [['validate', write('syntax.json', '{\n  "schemaVersion": 1,\n  oops\n}')], /syntax\.json:3: not valid JSON: /],
      [['validate', write('latin1.json', Buffer.from('{"x":"caf\xe9"}', 'latin1'))], /latin1\.json: not UTF-8 text/],
      [['import-reg', write('utf16-broken.reg', Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]))], /utf16-broken\.reg: not readable as UTF-16LE/],
      [['import-reg', write('notreg.reg', 'hello\n')], /notreg\.reg:1: not a registry export: the first line must be/],
      [['import-reg', write('empty.reg', 'Windows Registry Editor Version 5.00\r\n')], /empty\.reg: no CTI OS settings found/],
    ];
    for (const [args, pattern] of cases) {
      const result = settings(...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderrLines, args.join(' ')).toEqual([expect.stringMatching(pattern)]);
      expect(result.stderrLines.join('\n')).not.toMatch(/\n\s+at /);
    }
  }, 120_000);
});
