/**
 * Windows registry export files (`.reg`) as regedit writes them, read into an ordered
 * tree of keys with typed values and the line each came from. Two formats:
 *   "Windows Registry Editor Version 5.00": UTF-16LE with a BOM as regedit saves it, or
 *     UTF-8 (with or without BOM) as people and other tools write it; `hex(2)`/`hex(7)`
 *     data are UTF-16LE.
 *   "REGEDIT4": the ANSI code page (read as UTF-8 when it is valid UTF-8, else as
 *     Windows-1252); `hex(2)`/`hex(7)` data are in the same code page.
 * Later lines win, as when regedit imports the file: a value set twice keeps the last
 * data, `"Name"=-` deletes a value and `[-KEY]` deletes a key and its subkeys seen so far.
 * Problems do not stop the reading: each is kept with its line, so a person sees them all.
 */

export type RegFormat = 'Windows Registry Editor Version 5.00' | 'REGEDIT4';

export type RegData =
  | { readonly type: 'REG_SZ'; readonly value: string }
  | { readonly type: 'REG_EXPAND_SZ'; readonly value: string }
  | { readonly type: 'REG_MULTI_SZ'; readonly value: readonly string[] }
  | { readonly type: 'REG_DWORD'; readonly value: number }
  | { readonly type: 'REG_QWORD'; readonly value: bigint }
  | { readonly type: 'REG_BINARY'; readonly bytes: Uint8Array }
  /** `hex(N):` of a type with no meaning here (REG_NONE, resource lists, …), kept as bytes. */
  | { readonly type: 'REG_OTHER'; readonly kind: number; readonly bytes: Uint8Array };

export interface RegValue {
  /** As written; '' is the key's default value (`@`). */
  readonly name: string;
  readonly data: RegData;
  readonly line: number;
}

export interface RegKey {
  /** The last path segment as first written. */
  readonly name: string;
  /** The whole path as first written, e.g. `HKEY_LOCAL_MACHINE\SOFTWARE\…`. */
  readonly path: string;
  /** The line of its `[…]` header; for a key only implied by a subkey, the subkey's. */
  readonly line: number;
  /** Written as `[…]` in the file (not only implied as the parent of one). */
  declared: boolean;
  /** By lower-case name (the registry ignores case), in the order first set. */
  readonly values: Map<string, RegValue>;
  /** By lower-case name, in the order first seen. */
  readonly subkeys: Map<string, RegKey>;
}

export interface RegProblem {
  readonly line: number;
  readonly message: string;
}

export interface RegFile {
  readonly format: RegFormat;
  /** A nameless root holding the hives (`HKEY_LOCAL_MACHINE`, …) as subkeys. */
  readonly root: RegKey;
  readonly problems: readonly RegProblem[];
}

/** The file cannot be read as a registry export at all (wrong encoding, no header). */
export class RegFileError extends Error {
  override readonly name = 'RegFileError';
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

const HEADERS: readonly RegFormat[] = ['Windows Registry Editor Version 5.00', 'REGEDIT4'];

/** Reads a `.reg` file's bytes: finds its encoding, then parses its text. */
export function readRegFile(bytes: Uint8Array): RegFile {
  return parseRegText(decodeRegBytes(bytes));
}

/** The text of a `.reg` file, whatever encoding regedit or a person saved it in. */
export function decodeRegBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeStrict('utf-16le', bytes.subarray(2), 'UTF-16LE');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeStrict('utf-16be', bytes.subarray(2), 'UTF-16BE');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeStrict('utf-8', bytes.subarray(3), 'UTF-8');
  // UTF-16LE without a BOM: the header's ASCII letters each followed by a zero byte.
  if (bytes.length >= 4 && bytes[0] !== 0 && bytes[1] === 0 && bytes[2] !== 0 && bytes[3] === 0) {
    return decodeStrict('utf-16le', bytes, 'UTF-16LE');
  }
  return decodeCodePage(bytes);
}

/** UTF-8 when the bytes are valid UTF-8 (which ASCII is), else Windows-1252, the usual ANSI code page. */
function decodeCodePage(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function decodeStrict(encoding: string, bytes: Uint8Array, label: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new RegFileError(`not readable as ${label} although it starts with a ${label} byte order mark; export it again with regedit`);
  }
}

function newKey(name: string, path: string, line: number): RegKey {
  return { name, path, line, declared: false, values: new Map(), subkeys: new Map() };
}

/** Parses the text of a `.reg` file (after decoding). Throws RegFileError only when the header is missing. */
export function parseRegText(text: string): RegFile {
  const lines = text.split(/\r\n|\n|\r/);
  const headerIndex = lines.findIndex((line) => line.trim() !== '');
  const header = lines[headerIndex]?.trim();
  const format = HEADERS.find((candidate) => candidate === header);
  if (format === undefined) {
    throw new RegFileError(`not a registry export: the first line must be "Windows Registry Editor Version 5.00" or "REGEDIT4"`, headerIndex < 0 ? 1 : headerIndex + 1);
  }
  const root = newKey('', '', 0);
  const problems: RegProblem[] = [];
  /** The key values go to; null before the first key or after a deleted one. */
  let current: RegKey | null = null;
  let afterDeletedKey = false;

  for (const { text: line, number } of logicalLines(lines, headerIndex + 1, problems)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith(';')) continue;
    if (trimmed.startsWith('[')) {
      const close = trimmed.lastIndexOf(']');
      if (close < 0) {
        problems.push({ line: number, message: 'a key line starts with [ and ends with ]' });
        current = null;
        continue;
      }
      const rest = trimmed.slice(close + 1).trim();
      if (rest !== '' && !rest.startsWith(';')) problems.push({ line: number, message: `unexpected text after the key: "${rest}"` });
      const deleting = trimmed[1] === '-';
      const segments = trimmed
        .slice(deleting ? 2 : 1, close)
        .split('\\')
        .map((segment) => segment.trim());
      while (segments.length > 0 && segments.at(-1) === '') segments.pop();
      if (segments.length === 0 || segments.some((segment) => segment === '')) {
        problems.push({ line: number, message: `"${trimmed}" is not a key path such as [HKEY_LOCAL_MACHINE\\SOFTWARE\\…]` });
        current = null;
        continue;
      }
      if (deleting) {
        deleteKey(root, segments);
        current = null;
        afterDeletedKey = true;
      } else {
        current = ensureKey(root, segments, number);
        current.declared = true;
        afterDeletedKey = false;
      }
      continue;
    }
    const assignment = parseValueLine(trimmed, format);
    if ('problem' in assignment) {
      problems.push({ line: number, message: assignment.problem });
      continue;
    }
    if (current === null) {
      problems.push({
        line: number,
        message: afterDeletedKey ? 'a value after a deleted key [-…] belongs to no key' : 'a value before the first [key] belongs to no key',
      });
      continue;
    }
    const id = assignment.name.toLowerCase();
    if (assignment.data === 'delete') current.values.delete(id);
    else current.values.set(id, { name: assignment.name, data: assignment.data, line: number });
  }
  return { format, root, problems };
}

/** Joins lines continued with a trailing backslash (long hex data), keeping the first line's number. */
function* logicalLines(lines: readonly string[], start: number, problems: RegProblem[]): Generator<{ text: string; number: number }> {
  for (let i = start; i < lines.length; i++) {
    const number = i + 1;
    let text = lines[i]!;
    const isValue = () => !/^\s*[[;]/.test(text);
    while (isValue() && text.trimEnd().endsWith('\\')) {
      if (i + 1 >= lines.length) {
        problems.push({ line: number, message: 'the value continues (ends with \\) past the end of the file' });
        text = text.trimEnd().slice(0, -1);
        break;
      }
      text = text.trimEnd().slice(0, -1) + lines[++i]!.trim();
    }
    yield { text, number };
  }
}

function ensureKey(root: RegKey, segments: readonly string[], line: number): RegKey {
  let key = root;
  segments.forEach((segment, i) => {
    const id = segment.toLowerCase();
    let child = key.subkeys.get(id);
    if (!child) {
      child = newKey(segment, segments.slice(0, i + 1).join('\\'), line);
      key.subkeys.set(id, child);
    }
    key = child;
  });
  return key;
}

function deleteKey(root: RegKey, segments: readonly string[]): void {
  let parent: RegKey | undefined = root;
  for (const segment of segments.slice(0, -1)) {
    parent = parent.subkeys.get(segment.toLowerCase());
    if (!parent) return; // nothing seen under it: nothing to delete
  }
  parent.subkeys.delete(segments.at(-1)!.toLowerCase());
}

type ValueLine = { readonly name: string; readonly data: RegData | 'delete' } | { readonly problem: string };

function parseValueLine(line: string, format: RegFormat): ValueLine {
  let name: string;
  let rest: string;
  if (line.startsWith('@')) {
    name = '';
    rest = line.slice(1);
  } else if (line.startsWith('"')) {
    const quoted = readQuoted(line, 0);
    if (!quoted) return { problem: 'the value name has no closing quote' };
    name = quoted.text;
    rest = line.slice(quoted.end);
  } else {
    return { problem: `expected a [key], a "Name"=value or @=value line, or a ; comment, not "${clip(line)}"` };
  }
  rest = rest.trimStart();
  if (!rest.startsWith('=')) return { problem: `expected = after the value name ${name === '' ? '@' : `"${name}"`}` };
  const data = parseData(rest.slice(1).trim(), format);
  return 'problem' in data ? { problem: `${name === '' ? '@' : `"${name}"`}: ${data.problem}` } : { name, data: data.data };
}

function parseData(text: string, format: RegFormat): { readonly data: RegData | 'delete' } | { readonly problem: string } {
  if (text === '-') return { data: 'delete' };
  if (text.startsWith('"')) {
    const quoted = readQuoted(text, 0);
    if (!quoted) return { problem: 'the string has no closing quote (write \\" for a quote inside it)' };
    if (!isEndOfData(text.slice(quoted.end))) return { problem: `unexpected text after the string: "${clip(text.slice(quoted.end).trim())}"` };
    return { data: { type: 'REG_SZ', value: quoted.text } };
  }
  const dword = /^dword:([0-9a-f]*)(.*)$/i.exec(text);
  if (dword) {
    if (!/^[0-9a-f]{1,8}$/i.test(dword[1]!) || !isEndOfData(dword[2]!)) return { problem: `dword: takes 1 to 8 hex digits, e.g. dword:0000001e, not "${clip(text)}"` };
    return { data: { type: 'REG_DWORD', value: parseInt(dword[1]!, 16) } };
  }
  const hex = /^hex(?:\(([0-9a-f]{1,8})\))?:(.*)$/i.exec(text);
  if (hex) {
    const bytes = parseHexBytes(hex[2]!);
    if (typeof bytes === 'string') return { problem: bytes };
    return hex[1] === undefined ? { data: { type: 'REG_BINARY', bytes } } : typedHex(parseInt(hex[1], 16), bytes, format);
  }
  return { problem: `unknown value data "${clip(text)}"; expected "text", dword:, hex:, hex(N): or - (delete)` };
}

const isEndOfData = (rest: string) => rest.trim() === '' || rest.trim().startsWith(';');

/** Comma-separated two-digit hex bytes, as regedit writes them (a trailing comma is allowed). */
function parseHexBytes(text: string): Uint8Array | string {
  const comment = text.indexOf(';');
  const list = (comment < 0 ? text : text.slice(0, comment)).trim();
  if (list === '') return new Uint8Array(0);
  const parts = list.split(',').map((part) => part.trim());
  if (parts.at(-1) === '') parts.pop();
  const bad = parts.find((part) => !/^[0-9a-f]{1,2}$/i.test(part));
  if (bad !== undefined) return `hex data are bytes of two hex digits separated by commas; "${clip(bad)}" is not one`;
  return Uint8Array.from(parts, (part) => parseInt(part, 16));
}

/** `hex(N):` data by registry type N: the string and number types decoded, the rest kept as bytes. */
function typedHex(kind: number, bytes: Uint8Array, format: RegFormat): { readonly data: RegData } | { readonly problem: string } {
  const string = () => registryString(bytes, format);
  switch (kind) {
    case 1: {
      const value = string();
      return typeof value === 'string' ? { data: { type: 'REG_SZ', value: value.replace(/\0+$/, '') } } : value;
    }
    case 2: {
      const value = string();
      return typeof value === 'string' ? { data: { type: 'REG_EXPAND_SZ', value: value.replace(/\0+$/, '') } } : value;
    }
    case 7: {
      const value = string();
      if (typeof value !== 'string') return value;
      // Strings end with NUL and the list with one more: drop the empty tail.
      const strings = value.split('\0');
      while (strings.length > 0 && strings.at(-1) === '') strings.pop();
      return { data: { type: 'REG_MULTI_SZ', value: strings } };
    }
    case 4:
    case 5:
      if (bytes.length !== 4) return { problem: `hex(${kind}) (a DWORD) takes 4 bytes, not ${bytes.length}` };
      return { data: { type: 'REG_DWORD', value: new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, kind === 4) } };
    case 0xb:
      if (bytes.length !== 8) return { problem: `hex(b) (a QWORD) takes 8 bytes, not ${bytes.length}` };
      return { data: { type: 'REG_QWORD', value: new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true) } };
    default:
      return { data: { type: 'REG_OTHER', kind, bytes } };
  }
}

/** String data inside hex(…): UTF-16LE in version 5.00 files, the ANSI code page in REGEDIT4 ones. */
function registryString(bytes: Uint8Array, format: RegFormat): string | { readonly problem: string } {
  if (format === 'REGEDIT4') return decodeCodePage(bytes);
  if (bytes.length % 2 !== 0) return { problem: `string data in hex(…) are UTF-16LE, two bytes a character; ${bytes.length} bytes is odd` };
  try {
    return new TextDecoder('utf-16le', { fatal: true }).decode(bytes);
  } catch {
    return { problem: 'string data in hex(…) are not valid UTF-16LE' };
  }
}

/**
 * A quoted string starting at `start`, as regedit escapes it: `\\` is a backslash and
 * `\"` a quote. A backslash before anything else is kept as written (hand-made files
 * often hold unescaped paths such as "C:\Sounds\ring.wav").
 */
function readQuoted(text: string, start: number): { readonly text: string; readonly end: number } | undefined {
  let out = '';
  for (let i = start + 1; i < text.length; i++) {
    const char = text[i]!;
    if (char === '"') return { text: out, end: i + 1 };
    if (char === '\\' && (text[i + 1] === '\\' || text[i + 1] === '"')) {
      out += text[++i];
      continue;
    }
    out += char;
  }
  return undefined;
}

const clip = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);
