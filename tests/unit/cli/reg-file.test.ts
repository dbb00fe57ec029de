import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RegFileError, decodeRegBytes, parseRegText, readRegFile, type RegFile, type RegKey } from '../../../cli/settings/reg-file.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/ctios');
const V5 = 'Windows Registry Editor Version 5.00';

/** A .reg text from lines, joined the way regedit writes them (CRLF). */
const reg = (...lines: string[]) => lines.join('\r\n') + '\r\n';

function keyAt(file: RegFile, keyPath: string): RegKey | undefined {
  let key: RegKey | undefined = file.root;
  for (const segment of keyPath.split('\\')) key = key?.subkeys.get(segment.toLowerCase());
  return key;
}

function dataOf(file: RegFile, keyPath: string, name: string) {
  return keyAt(file, keyPath)?.values.get(name.toLowerCase())?.data;
}

const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const hexOf = (bytes: Buffer) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(',');

describe('.reg values of every type', () => {
  const file = parseRegText(
    reg(
      V5,
      '',
      '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Test]',
      '@="the default"',
      '"Plain"="a \\"quoted\\" word and C:\\\\Sounds\\\\ring.wav"',
      '"Unescaped"="C:\\Sounds\\ring.wav"',
      '"Empty"=""',
      '"Count"=dword:0000001e',
      '"Max"=dword:ffffffff',
      '"Short"=dword:7',
      '"Bytes"=hex:00,7f,ff',
      '"NoBytes"=hex:',
      `"Path"=hex(2):${hexOf(Buffer.from('%SystemRoot%\\Media\0', 'utf16le'))}`,
      `"List"=hex(7):${hexOf(Buffer.from('one\0two\0\0', 'utf16le'))}`,
      `"Big"=hex(b):${hexOf(Buffer.from([0, 0, 0, 0, 1, 0, 0, 0]))}`,
      '"AsDword"=hex(4):2c,a4,00,00',
      `"AsString"=hex(1):${hexOf(Buffer.from('hi\0', 'utf16le'))}`,
      '"Nothing"=hex(0):01,02',
      '"Spaced" = "around the equals sign"',
    ),
  );
  const at = (name: string) => dataOf(file, 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Test', name);

  it('reads them without problems', () => expect(file.problems).toEqual([]));
  it('reads strings with \\" and \\\\ escapes, and keeps other backslashes as written', () => {
    expect(at('Plain')).toEqual({ type: 'REG_SZ', value: 'a "quoted" word and C:\\Sounds\\ring.wav' });
    expect(at('Unescaped')).toEqual({ type: 'REG_SZ', value: 'C:\\Sounds\\ring.wav' });
    expect(at('Empty')).toEqual({ type: 'REG_SZ', value: '' });
    expect(at('Spaced')).toEqual({ type: 'REG_SZ', value: 'around the equals sign' });
  });
  it('reads the default value @ under the empty name', () => expect(at('')).toEqual({ type: 'REG_SZ', value: 'the default' }));
  it('reads dword: as an unsigned number', () => {
    expect(at('Count')).toEqual({ type: 'REG_DWORD', value: 30 });
    expect(at('Max')).toEqual({ type: 'REG_DWORD', value: 0xffffffff });
    expect(at('Short')).toEqual({ type: 'REG_DWORD', value: 7 });
    expect(at('AsDword')).toEqual({ type: 'REG_DWORD', value: 42028 });
  });
  it('reads hex: as bytes', () => {
    expect(at('Bytes')).toEqual({ type: 'REG_BINARY', bytes: Uint8Array.from([0, 0x7f, 0xff]) });
    expect(at('NoBytes')).toEqual({ type: 'REG_BINARY', bytes: new Uint8Array(0) });
  });
  it('reads hex(2) and hex(1) as UTF-16LE strings, hex(7) as a list of strings, hex(b) as a QWORD', () => {
    expect(at('Path')).toEqual({ type: 'REG_EXPAND_SZ', value: '%SystemRoot%\\Media' });
    expect(at('AsString')).toEqual({ type: 'REG_SZ', value: 'hi' });
    expect(at('List')).toEqual({ type: 'REG_MULTI_SZ', value: ['one', 'two'] });
    expect(at('Big')).toEqual({ type: 'REG_QWORD', value: 2n ** 32n });
  });
  it('keeps other hex(N) types as bytes with their type number', () => {
    expect(at('Nothing')).toEqual({ type: 'REG_OTHER', kind: 0, bytes: Uint8Array.from([1, 2]) });
  });
  it('keeps the line each value came from', () => {
    expect(keyAt(file, 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Test')!.values.get('count')!.line).toBe(8);
    expect(keyAt(file, 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Test')!.line).toBe(3);
  });
});

describe('.reg structure', () => {
  it('joins hex data continued with a trailing backslash, and numbers the value by its first line', () => {
    const text = Buffer.from('a fairly long path that regedit wraps over lines\0', 'utf16le');
    const bytes = hexOf(text).split(',');
    const file = parseRegText(
      reg(V5, '[HKEY_CURRENT_USER\\X]', `"Long"=hex(2):${bytes.slice(0, 20).join(',')},\\`, `  ${bytes.slice(20, 60).join(',')},\\`, `  ${bytes.slice(60).join(',')}`, '"After"=dword:1'),
    );
    expect(file.problems).toEqual([]);
    expect(dataOf(file, 'HKEY_CURRENT_USER\\X', 'Long')).toEqual({ type: 'REG_EXPAND_SZ', value: 'a fairly long path that regedit wraps over lines' });
    expect(keyAt(file, 'HKEY_CURRENT_USER\\X')!.values.get('after')!.line).toBe(6);
  });

  it('skips ; comments, on their own line and after data', () => {
    const file = parseRegText(reg(V5, '; a comment', '[HKEY_CURRENT_USER\\X] ; the key', '  ; indented comment', '"A"=dword:00000001 ; one', '"B"="b" ; bee'));
    expect(file.problems).toEqual([]);
    expect([...keyAt(file, 'HKEY_CURRENT_USER\\X')!.values.keys()]).toEqual(['a', 'b']);
  });

  it('deletes a key and its subkeys seen so far with [-KEY]; the key can come back later', () => {
    const file = parseRegText(
      reg(V5, '[HKEY_CURRENT_USER\\A\\Old]', '"X"=dword:1', '[HKEY_CURRENT_USER\\A\\Old\\Sub]', '[HKEY_CURRENT_USER\\A\\Keep]', '[-HKEY_CURRENT_USER\\A\\Old]', '[-HKEY_CURRENT_USER\\Never\\Seen]'),
    );
    expect(file.problems).toEqual([]);
    expect([...keyAt(file, 'HKEY_CURRENT_USER\\A')!.subkeys.keys()]).toEqual(['keep']);
    const again = parseRegText(reg(V5, '[HKEY_CURRENT_USER\\A\\Old]', '"X"=dword:1', '[-HKEY_CURRENT_USER\\A\\Old]', '[HKEY_CURRENT_USER\\A\\Old]', '"Y"=dword:2'));
    expect([...keyAt(again, 'HKEY_CURRENT_USER\\A\\Old')!.values.keys()]).toEqual(['y']);
  });

  it('deletes a value with "Name"=- and lets a later line win over an earlier one', () => {
    const file = parseRegText(reg(V5, '[HKEY_CURRENT_USER\\A]', '"Gone"=dword:1', '"Twice"="first"', '"Gone"=-', '"twice"="second"'));
    expect(file.problems).toEqual([]);
    const key = keyAt(file, 'HKEY_CURRENT_USER\\A')!;
    expect([...key.values.keys()]).toEqual(['twice']);
    expect(key.values.get('twice')).toMatchObject({ name: 'twice', data: { value: 'second' }, line: 6 });
  });

  it('ignores case in key and value names as the registry does, keeping the first spelling of a key', () => {
    const file = parseRegText(reg(V5, '[HKEY_CURRENT_USER\\Software\\Acme]', '"Mute"=dword:1', '[hkey_current_user\\SOFTWARE\\acme]', '"MUTE"=dword:0'));
    const key = keyAt(file, 'HKEY_CURRENT_USER\\Software\\Acme')!;
    expect(key.path).toBe('HKEY_CURRENT_USER\\Software\\Acme');
    expect(key.values.get('mute')!.data).toEqual({ type: 'REG_DWORD', value: 0 });
  });

  it('reads CRLF, LF and CR line ends alike', () => {
    const lines = [V5, '[HKEY_CURRENT_USER\\A]', '"B"="c"', '"D"=hex:01,\\', '  02'];
    const [crlf, lf, cr] = ['\r\n', '\n', '\r'].map((end) => parseRegText(lines.join(end)));
    expect(crlf!.problems).toEqual([]);
    expect(lf).toEqual(crlf);
    expect(cr).toEqual(crlf);
  });

  it('marks keys written in the file as declared, and the parents they imply as not', () => {
    const file = parseRegText(reg(V5, '[HKEY_CURRENT_USER\\A\\B\\C]'));
    expect(keyAt(file, 'HKEY_CURRENT_USER\\A\\B\\C')!.declared).toBe(true);
    expect(keyAt(file, 'HKEY_CURRENT_USER\\A\\B')!.declared).toBe(false);
  });
});

describe('.reg encodings', () => {
  const text = reg(V5, '[HKEY_CURRENT_USER\\Acme]', '"Reason"="Réunion d’équipe"', `"Wave"=hex(2):${hexOf(Buffer.from('é\0', 'utf16le'))}`);
  const expected = parseRegText(text);

  it('reads UTF-16LE with a BOM, as regedit saves', () => expect(readRegFile(utf16le(text))).toEqual(expected));
  it('reads UTF-16LE without a BOM', () => expect(readRegFile(Buffer.from(text, 'utf16le'))).toEqual(expected));
  it('reads UTF-8 with and without a BOM', () => {
    expect(readRegFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toEqual(expected);
    expect(readRegFile(Buffer.from(text))).toEqual(expected);
  });
  it('reads UTF-16BE with a BOM', () => expect(readRegFile(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]))).toEqual(expected));
  it('says so when a UTF-16 file is broken', () => {
    expect(() => decodeRegBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from([0x00, 0xd8, 0x41, 0x00])]))).toThrow(/not readable as UTF-16LE/);
  });

  it('reads REGEDIT4 in the ANSI code page (Windows-1252), its hex(2)/hex(7) strings too', () => {
    const ansi = Buffer.from(reg('REGEDIT4', '[HKEY_CURRENT_USER\\Acme]', '"Reason"="Pause café"', '"Wave"=hex(2):e9,74,e9,00', '"List"=hex(7):61,00,62,00,00'), 'latin1');
    const file = readRegFile(ansi);
    expect(file.format).toBe('REGEDIT4');
    expect(file.problems).toEqual([]);
    expect(dataOf(file, 'HKEY_CURRENT_USER\\Acme', 'Reason')).toEqual({ type: 'REG_SZ', value: 'Pause café' });
    expect(dataOf(file, 'HKEY_CURRENT_USER\\Acme', 'Wave')).toEqual({ type: 'REG_EXPAND_SZ', value: 'été' });
    expect(dataOf(file, 'HKEY_CURRENT_USER\\Acme', 'List')).toEqual({ type: 'REG_MULTI_SZ', value: ['a', 'b'] });
  });

  it('reads REGEDIT4 saved as UTF-8', () => {
    const file = readRegFile(Buffer.from(reg('REGEDIT4', '[HKEY_CURRENT_USER\\Acme]', '"Reason"="Pause café"')));
    expect(dataOf(file, 'HKEY_CURRENT_USER\\Acme', 'Reason')).toEqual({ type: 'REG_SZ', value: 'Pause café' });
  });

  it('reads the fixtures: the UTF-8 export, the same as UTF-16LE, and the REGEDIT4 one', () => {
    const utf8 = readFileSync(path.join(FIXTURES, 'ctios-acme.reg'));
    const file = readRegFile(utf8);
    expect(file.problems).toEqual([]);
    expect(readRegFile(utf16le(utf8.toString('utf8')))).toEqual(file);
    expect(readRegFile(readFileSync(path.join(FIXTURES, 'ctios-globex-regedit4.reg'))).problems).toEqual([]);
  });
});

describe('.reg problems, each with its line', () => {
  it('rejects a file without the header, naming the line it expected it on', () => {
    expect(() => parseRegText('\r\n[HKEY_CURRENT_USER\\A]\r\n')).toThrow(RegFileError);
    const thrown = (() => {
      try {
        parseRegText('\n\n{"schemaVersion":1}');
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toMatchObject({ line: 3, message: expect.stringContaining('Windows Registry Editor Version 5.00') });
    expect(() => readRegFile(Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe]))).toThrow(/not a registry export/);
  });

  it('reports every bad line and keeps reading the rest', () => {
    const file = parseRegText(
      reg(
        V5,
        '"Early"=dword:1',
        '[HKEY_CURRENT_USER\\A]',
        '"Bad"=dword:123456789',
        '"Worse"=dword:zz',
        '"Open"="no closing quote',
        '"Strange"=word:1',
        '"Bytes"=hex:01,2g3',
        'no quotes=1',
        '"NoEquals" "x"',
        '"Odd"=hex(2):41,00,42',
        '"Qword"=hex(b):01,02',
        '[HKEY_CURRENT_USER\\B',
        '[-HKEY_CURRENT_USER\\A]',
        '"Orphan"=dword:1',
        '[HKEY_CURRENT_USER\\\\C]',
        '[HKEY_CURRENT_USER\\D]',
        '"Good"=dword:1',
        '"Cut"=hex:01,\\',
      ).trimEnd(),
    );
    expect(file.problems.map((problem) => problem.line)).toEqual([2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 19]);
    const message = (line: number) => file.problems.find((problem) => problem.line === line)!.message;
    expect(message(2)).toMatch(/before the first \[key\]/);
    expect(message(4)).toMatch(/"Bad": dword: takes 1 to 8 hex digits/);
    expect(message(6)).toMatch(/no closing quote/);
    expect(message(7)).toMatch(/unknown value data "word:1"/);
    expect(message(8)).toMatch(/"2g3" is not one/);
    expect(message(9)).toMatch(/expected a \[key\], a "Name"=value/);
    expect(message(10)).toMatch(/expected = after the value name "NoEquals"/);
    expect(message(11)).toMatch(/3 bytes is odd/);
    expect(message(12)).toMatch(/takes 8 bytes, not 2/);
    expect(message(13)).toMatch(/ends with \]/);
    expect(message(15)).toMatch(/after a deleted key/);
    expect(message(16)).toMatch(/not a key path/);
    expect(message(19)).toMatch(/past the end of the file/);
    expect(keyAt(file, 'HKEY_CURRENT_USER\\D')!.values.get('good')!.data).toEqual({ type: 'REG_DWORD', value: 1 });
  });
});
