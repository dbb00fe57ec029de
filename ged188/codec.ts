import { Ged188DecodeError, Ged188EncodeError } from './errors.js';
import {
  MESSAGES,
  isMessageName,
  messageNameOf,
  type FloatingFieldDef,
  type Message,
  type MessageDef,
  type MessageName,
  type UnknownField,
  type UnknownMessage,
} from './messages.js';
import { INTEGER_CODECS, sizeOfFixed, type FixedType, type FloatingType } from './wire-types.js';

export const HEADER_BYTES = 8;
/** Anything larger is a framing error, whatever the version (ged188.md §1.4). */
export const MAX_BODY_BYTES = 64 * 1024 - HEADER_BYTES;
/** The protocol version this desktop opens with unless configured otherwise. */
export const DEFAULT_PROTOCOL_VERSION = 24;

export interface CodecOptions {
  /** Protocol version of the session: picks the TLV header size and the fixed layout. */
  readonly version?: number;
}

/** Tag and FieldLength are one byte each up to version 19, two bytes from 20 (§1.3). */
export function floatingHeaderBytes(version: number): 1 | 2 {
  return version >= 20 ? 2 : 1;
}

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder('utf-8');

type FieldBag = Record<string, unknown>;

function appliesTo(field: { readonly since?: number }, version: number): boolean {
  return field.since === undefined || field.since <= version;
}

function floatingByTag(def: MessageDef, version: number): Map<number, FloatingFieldDef> {
  return new Map(def.floating.filter((f) => appliesTo(f, version)).map((f) => [f.tag.tag, f]));
}

// ---------------------------------------------------------------- decode

function readFixed(view: DataView, offset: number, type: FixedType): number | boolean {
  if (type === 'BOOL') return view.getUint16(offset) !== 0;
  return INTEGER_CODECS[type].read(view, offset);
}

/** Decodes one floating value, or returns undefined when the data is too short for its type. */
function readFloating(frame: Uint8Array, start: number, length: number, type: FloatingType): unknown {
  if (type === 'STRING') {
    const bytes = frame.subarray(start, start + length);
    const nul = bytes.indexOf(0);
    return textDecoder.decode(nul === -1 ? bytes : bytes.subarray(0, nul));
  }
  if (type === 'UNSPEC') return frame.slice(start, start + length);
  if (length < sizeOfFixed(type)) return undefined;
  // Over-long numeric fields are accepted: the leading bytes carry the value.
  return readFixed(new DataView(frame.buffer, frame.byteOffset, frame.byteLength), start, type);
}

/**
 * Decodes one whole frame (header and body). Throws only Ged188DecodeError.
 * Unknown message types come back as UnknownMessage; unknown tags are kept in
 * `unknownFields`.
 */
export function decode(frame: Uint8Array, options: CodecOptions = {}): Message | UnknownMessage {
  const version = options.version ?? DEFAULT_PROTOCOL_VERSION;
  if (frame.length < HEADER_BYTES) {
    throw new Ged188DecodeError('truncated-header', 'frame', frame.length, `header needs ${HEADER_BYTES} bytes`);
  }
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const bodyLength = view.getUint32(0);
  const typeId = view.getUint32(4);
  const name = messageNameOf(typeId);
  const label = name ?? `message type ${typeId}`;
  if (bodyLength > MAX_BODY_BYTES) {
    throw new Ged188DecodeError('message-too-long', label, 0, `MessageLength ${bodyLength} exceeds ${MAX_BODY_BYTES}`);
  }
  if (bodyLength !== frame.length - HEADER_BYTES) {
    throw new Ged188DecodeError(
      'length-mismatch',
      label,
      0,
      `MessageLength says ${bodyLength} body bytes but the frame has ${frame.length - HEADER_BYTES}`,
    );
  }
  if (name === undefined) {
    return { MessageType: 'UNKNOWN', MessageTypeId: typeId, Body: frame.slice(HEADER_BYTES) };
  }
  const def: MessageDef = MESSAGES[name];
  const fields: FieldBag = { MessageType: name, MessageTypeId: typeId };
  let offset = HEADER_BYTES;
  for (const field of def.fixed) {
    if (!appliesTo(field, version)) continue;
    const size = sizeOfFixed(field.type);
    if (offset + size > frame.length) {
      throw new Ged188DecodeError(
        'truncated-fixed',
        name,
        offset,
        `fixed part ends before ${field.name} (${field.type}, ${size} bytes)`,
      );
    }
    fields[field.name] = readFixed(view, offset, field.type);
    offset += size;
  }

  const headerBytes = floatingHeaderBytes(version);
  const byTag = floatingByTag(def, version);
  const unknown: UnknownField[] = [];
  while (offset < frame.length) {
    if (offset + 2 * headerBytes > frame.length) {
      throw new Ged188DecodeError(
        'truncated-floating-header',
        name,
        offset,
        `${frame.length - offset} byte(s) left, too few for a floating field header`,
      );
    }
    const tag = headerBytes === 2 ? view.getUint16(offset) : view.getUint8(offset);
    const length = headerBytes === 2 ? view.getUint16(offset + 2) : view.getUint8(offset + 1);
    const dataStart = offset + 2 * headerBytes;
    if (dataStart + length > frame.length) {
      throw new Ged188DecodeError(
        'field-overruns-message',
        name,
        offset,
        `floating tag ${tag} declares ${length} bytes but only ${frame.length - dataStart} remain`,
      );
    }
    const field = byTag.get(tag);
    const value = field === undefined ? undefined : readFloating(frame, dataStart, length, field.tag.type);
    if (field === undefined || value === undefined || (!field.repeated && fields[field.name] !== undefined)) {
      unknown.push({ Tag: tag, Data: frame.slice(dataStart, dataStart + length) });
    } else if (field.repeated) {
      const list = (fields[field.name] as unknown[] | undefined) ?? [];
      list.push(value);
      fields[field.name] = list;
    } else {
      fields[field.name] = value;
    }
    offset = dataStart + length;
  }
  if (unknown.length > 0) fields.UnknownFields = unknown;
  return fields as Message;
}

// ---------------------------------------------------------------- encode

/** Growable byte sink; messages are small, so a doubling array is plenty. */
class ByteWriter {
  private bytes = new Uint8Array(256);
  private view = new DataView(this.bytes.buffer);
  length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const next = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
    this.view = new DataView(next.buffer);
  }

  integer(type: Exclude<FixedType, 'BOOL'>, value: number): void {
    const codec = INTEGER_CODECS[type];
    this.reserve(codec.size);
    codec.write(this.view, this.length, value);
    this.length += codec.size;
  }

  raw(data: Uint8Array): void {
    this.reserve(data.length);
    this.bytes.set(data, this.length);
    this.length += data.length;
  }

  patchUint32(offset: number, value: number): void {
    this.view.setUint32(offset, value);
  }

  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

function checkedInteger(name: MessageName, field: string, type: FixedType, value: unknown): number {
  if (type === 'BOOL') {
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (value === 0 || value === 1) return value;
    throw new Ged188EncodeError(name, field, `expected a BOOL (true/false), got ${JSON.stringify(value)}`);
  }
  const { min, max } = INTEGER_CODECS[type];
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new Ged188EncodeError(name, field, `expected a ${type} integer, got ${JSON.stringify(value)}`);
  }
  if (value < min || value > max) {
    throw new Ged188EncodeError(name, field, `${value} is out of range for ${type} (${min}..${max})`);
  }
  return value;
}

/** Truncates UTF-8 text to `maxBytes` without splitting a character. */
function truncateUtf8(bytes: Uint8Array, maxBytes: number): Uint8Array {
  if (bytes.length <= maxBytes) return bytes;
  let end = maxBytes;
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

function floatingData(name: MessageName, field: FloatingFieldDef, value: unknown): Uint8Array {
  const { type, max } = field.tag;
  if (type === 'STRING') {
    if (typeof value !== 'string') {
      throw new Ged188EncodeError(name, field.name, `expected text, got ${JSON.stringify(value)}`);
    }
    const text = truncateUtf8(textEncoder.encode(value), max - 1);
    const data = new Uint8Array(text.length + 1);
    data.set(text);
    return data;
  }
  if (type === 'UNSPEC') {
    if (!(value instanceof Uint8Array)) throw new Ged188EncodeError(name, field.name, 'expected bytes');
    if (value.length > max) {
      throw new Ged188EncodeError(name, field.name, `${value.length} bytes exceed the maximum of ${max}`);
    }
    return value;
  }
  const number = checkedInteger(name, field.name, type, value);
  const writer = new ByteWriter();
  if (type === 'BOOL') writer.integer('USHORT', number);
  else writer.integer(type, number);
  return writer.result();
}

function writeTlv(writer: ByteWriter, headerBytes: 1 | 2, name: MessageName, tag: number, data: Uint8Array): void {
  const limit = headerBytes === 2 ? 0xffff : 0xff;
  if (tag > limit || data.length > limit) {
    throw new Ged188EncodeError(name, undefined, `tag ${tag} with ${data.length} bytes does not fit a ${headerBytes}-byte TLV header`);
  }
  const headerType = headerBytes === 2 ? 'USHORT' : 'UCHAR';
  writer.integer(headerType, tag);
  writer.integer(headerType, data.length);
  writer.raw(data);
}

/**
 * Encodes a message as a whole frame. Strict: fixed fields must be present and in
 * range, strings are NUL-terminated and cut to their maximum, floating fields go
 * out in the guide's order (grouped list entries interleaved), unknown fields last.
 */
export function encode(message: Message, options: CodecOptions = {}): Uint8Array {
  const version = options.version ?? DEFAULT_PROTOCOL_VERSION;
  const name: string = message.MessageType;
  if (!isMessageName(name)) {
    throw new Ged188EncodeError(name, undefined, 'unknown message type');
  }
  const def: MessageDef = MESSAGES[name];
  const bag = message as unknown as FieldBag;
  const writer = new ByteWriter();
  writer.integer('UINT', 0); // MessageLength, patched below
  writer.integer('UINT', def.id);

  for (const field of def.fixed) {
    if (!appliesTo(field, version)) continue;
    const value = bag[field.name];
    if (value === undefined) throw new Ged188EncodeError(name, field.name, 'required fixed field is missing');
    const number = checkedInteger(name, field.name, field.type, value);
    writer.integer(field.type === 'BOOL' ? 'USHORT' : field.type, number);
  }

  const headerBytes = floatingHeaderBytes(version);
  const groupsWritten = new Set<string>();
  for (const field of def.floating) {
    const value = bag[field.name];
    if (value === undefined) continue;
    if (!appliesTo(field, version)) {
      throw new Ged188EncodeError(name, field.name, `needs protocol version ${field.since} or later (session is ${version})`);
    }
    if (field.group !== undefined) {
      if (groupsWritten.has(field.group)) continue;
      groupsWritten.add(field.group);
      writeGroup(writer, headerBytes, name, def, field.group, bag);
      continue;
    }
    const values: unknown[] = field.repeated ? asList(name, field, value) : [value];
    for (const item of values) writeTlv(writer, headerBytes, name, field.tag.tag, floatingData(name, field, item));
  }
  for (const extra of message.UnknownFields ?? []) writeTlv(writer, headerBytes, name, extra.Tag, extra.Data);

  const bodyLength = writer.length - HEADER_BYTES;
  if (bodyLength > MAX_BODY_BYTES) {
    throw new Ged188EncodeError(name, undefined, `body of ${bodyLength} bytes exceeds ${MAX_BODY_BYTES}`);
  }
  writer.patchUint32(0, bodyLength);
  return writer.result();
}

function asList(name: MessageName, field: FloatingFieldDef, value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new Ged188EncodeError(name, field.name, 'expected a list (the field repeats)');
  return value;
}

function writeGroup(
  writer: ByteWriter,
  headerBytes: 1 | 2,
  name: MessageName,
  def: MessageDef,
  group: string,
  bag: FieldBag,
): void {
  const members = def.floating.filter((f) => f.group === group);
  const lists = members.map((f) => (bag[f.name] === undefined ? [] : asList(name, f, bag[f.name])));
  const entries = Math.max(0, ...lists.map((l) => l.length));
  for (let i = 0; i < entries; i++) {
    members.forEach((member, m) => {
      const item = lists[m]?.[i];
      if (item !== undefined) writeTlv(writer, headerBytes, name, member.tag.tag, floatingData(name, member, item));
    });
  }
}
