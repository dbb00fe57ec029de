import { Ged188DecodeError, Ged188EncodeError } from './errors.js';
import { messageTypeName } from './message-types.js';
import {
  MESSAGES,
  isMessageName,
  messageNameOf,
  type FloatingFieldDef,
  type Message,
  type MessageDef,
  type UnknownField,
  type UnknownMessage,
} from './messages.js';
import {
  ECC_NAME_MAX,
  ECC_VALUE_MAX,
  INTEGER_CODECS,
  sizeOfFixed,
  type FixedType,
  type NamedArrayElement,
  type NamedVariable,
} from './wire-types.js';

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

type FieldBag = Record<string, unknown>;

function appliesTo(field: { readonly since?: number }, version: number): boolean {
  return field.since === undefined || field.since <= version;
}

/** Per message type, its floating fields by tag, built once: decode looks tags up per field. */
const FLOATING_BY_TAG: ReadonlyMap<MessageDef, ReadonlyMap<number, FloatingFieldDef>> = new Map(
  (Object.values(MESSAGES) as MessageDef[]).map((def) => [def, new Map(def.floating.map((f) => [f.tag, f]))]),
);

// ---------------------------------------------------------------- decode

const utf8 = new TextDecoder('utf-8');

/**
 * Text from `bytes[start, end)`, stopping at the first NUL. Short ASCII — nearly
 * every CTI string — is built straight from the frame's bytes; anything else goes
 * through the UTF-8 decoder (the guide says ASCII; CCX documents UTF-8).
 */
function readText(bytes: Uint8Array, start: number, end: number): string {
  let stop = start;
  let ascii = true;
  while (stop < end) {
    const byte = bytes[stop]!;
    if (byte === 0) break;
    if (byte > 0x7f) ascii = false;
    stop++;
  }
  if (!ascii || stop - start > 256) return utf8.decode(bytes.subarray(start, stop));
  let text = '';
  for (let i = start; i < stop; i++) text += String.fromCharCode(bytes[i]!);
  return text;
}

/** The offset just past the first NUL in `[start, end)`, or `end` when there is none. */
function afterNul(bytes: Uint8Array, start: number, end: number): number {
  const nul = bytes.indexOf(0, start);
  return nul === -1 || nul >= end ? end : nul + 1;
}

function readFixed(view: DataView, offset: number, type: FixedType): number | boolean {
  if (type === 'BOOL') return view.getUint16(offset) !== 0;
  return INTEGER_CODECS[type].read(view, offset);
}

/** Decodes one floating value, or returns undefined when its data cannot be that type. */
function readFloating(frame: Uint8Array, view: DataView, start: number, length: number, field: FloatingFieldDef): unknown {
  const end = start + length;
  switch (field.type) {
    case 'STRING':
      return readText(frame, start, end);
    case 'UNSPEC':
      return frame.slice(start, end);
    case 'NAMEDVAR': {
      const valueStart = afterNul(frame, start, end);
      const value: NamedVariable = { name: readText(frame, start, end), value: readText(frame, valueStart, end) };
      return value;
    }
    case 'NAMEDARRAY': {
      if (length < 1) return undefined;
      const valueStart = afterNul(frame, start + 1, end);
      const element: NamedArrayElement = {
        name: readText(frame, start + 1, end),
        index: frame[start]!,
        value: readText(frame, valueStart, end),
      };
      return element;
    }
    default:
      // Over-long numeric fields are accepted: the leading bytes carry the value.
      return length < sizeOfFixed(field.type) ? undefined : readFixed(view, start, field.type);
  }
}

/**
 * Decodes one whole frame (header and body). Throws only Ged188DecodeError.
 * Unknown message types come back whole as UnknownMessage; unknown tags are kept
 * in `UnknownFields`; a fixed counter is taken as sent (see `validate`).
 */
export function decode(frame: Uint8Array, options: CodecOptions = {}): Message | UnknownMessage {
  const version = options.version ?? DEFAULT_PROTOCOL_VERSION;
  if (frame.length < HEADER_BYTES) {
    throw new Ged188DecodeError('truncated-header', 'frame', frame.length, `header needs ${HEADER_BYTES} bytes, got ${frame.length}`);
  }
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const bodyLength = view.getUint32(0);
  const typeId = view.getUint32(4);
  const name = messageNameOf(typeId);
  const label = name ?? messageTypeName(typeId) ?? `message type ${typeId}`;
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
    const known = messageTypeName(typeId);
    return {
      MessageType: 'UNKNOWN',
      MessageTypeId: typeId,
      ...(known === undefined ? {} : { MessageTypeName: known }),
      Body: frame.slice(HEADER_BYTES),
    };
  }
  const def: MessageDef = MESSAGES[name];
  const fields: FieldBag = { MessageType: name, MessageTypeId: typeId };
  let offset = HEADER_BYTES;
  for (const field of def.fixed) {
    if (!appliesTo(field, version)) continue;
    const size = sizeOfFixed(field.type);
    if (offset + size > frame.length) {
      throw new Ged188DecodeError('truncated-fixed', name, offset, `fixed part ends before ${field.name} (${field.type}, ${size} bytes)`);
    }
    fields[field.name] = readFixed(view, offset, field.type);
    offset += size;
  }
  if (def.untabulatedBody) {
    if (offset < frame.length) fields.Trailing = frame.slice(offset);
    return fields as Message;
  }

  const headerBytes = floatingHeaderBytes(version);
  const byTag = FLOATING_BY_TAG.get(def)!;
  let unknown: UnknownField[] | undefined;
  while (offset < frame.length) {
    if (offset + 2 * headerBytes > frame.length) {
      // Too few bytes for even a TLV header: kept, not fatal (lenient decoding).
      fields.Trailing = frame.slice(offset);
      break;
    }
    const tag = headerBytes === 2 ? view.getUint16(offset) : frame[offset]!;
    const length = headerBytes === 2 ? view.getUint16(offset + 2) : frame[offset + 1]!;
    const dataStart = offset + 2 * headerBytes;
    if (dataStart + length > frame.length) {
      throw new Ged188DecodeError(
        'field-overruns-message',
        name,
        offset,
        `floating tag ${tag} declares ${length} bytes but only ${frame.length - dataStart} remain`,
      );
    }
    const known = byTag.get(tag);
    const field = known !== undefined && appliesTo(known, version) ? known : undefined;
    const value = field === undefined ? undefined : readFloating(frame, view, dataStart, length, field);
    if (field === undefined || value === undefined || (!field.repeated && fields[field.name] !== undefined)) {
      (unknown ??= []).push({ Tag: tag, Data: frame.slice(dataStart, dataStart + length) });
    } else if (field.repeated) {
      const list = fields[field.name] as unknown[] | undefined;
      if (list === undefined) fields[field.name] = [value];
      else list.push(value);
    } else {
      fields[field.name] = value;
    }
    offset = dataStart + length;
  }
  if (unknown !== undefined) fields.UnknownFields = unknown;
  return fields as Message;
}

// ---------------------------------------------------------------- encode

const utf8Encoder = new TextEncoder();

/** Growable byte sink: text and numbers are written straight into it, no buffer per field. */
class ByteWriter {
  private bytes = new Uint8Array(512);
  private view = new DataView(this.bytes.buffer);
  length = 0;

  reserve(n: number): void {
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

  /** Writes text as UTF-8, cut to at most `maxBytes` without splitting a character, then a NUL. */
  text(value: string, maxBytes: number): void {
    this.reserve(maxBytes + 1);
    const target = this.bytes.subarray(this.length, this.length + maxBytes);
    const { written } = utf8Encoder.encodeInto(value, target);
    this.length += written;
    this.bytes[this.length++] = 0;
  }

  patchUint16(offset: number, value: number): void {
    this.view.setUint16(offset, value);
  }

  patchUint8(offset: number, value: number): void {
    this.bytes[offset] = value;
  }

  patchUint32(offset: number, value: number): void {
    this.view.setUint32(offset, value);
  }

  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

function checkedInteger(name: string, field: string, type: FixedType, value: unknown): number {
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

function expectText(name: string, field: string, value: unknown): string {
  if (typeof value !== 'string') throw new Ged188EncodeError(name, field, `expected text, got ${JSON.stringify(value)}`);
  return value;
}

function expectObject(name: string, field: string, value: unknown, shape: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) throw new Ged188EncodeError(name, field, `expected ${shape}`);
  return value as Record<string, unknown>;
}

/** Writes one floating field: header, then data straight into the writer, then the length. */
function writeFloating(writer: ByteWriter, headerBytes: 1 | 2, name: string, field: FloatingFieldDef, value: unknown): void {
  const headerType = headerBytes === 2 ? 'USHORT' : 'UCHAR';
  const limit = headerBytes === 2 ? 0xffff : 0xff;
  if (field.tag > limit) {
    throw new Ged188EncodeError(name, field.name, `tag ${field.tag} does not fit the 1-byte tags of protocol versions before 20`);
  }
  writer.integer(headerType, field.tag);
  const lengthAt = writer.length;
  writer.integer(headerType, 0);
  const dataStart = writer.length;
  switch (field.type) {
    case 'STRING':
      writer.text(expectText(name, field.name, value), field.max - 1);
      break;
    case 'UNSPEC':
      if (!(value instanceof Uint8Array)) throw new Ged188EncodeError(name, field.name, 'expected bytes');
      if (value.length > field.max) {
        throw new Ged188EncodeError(name, field.name, `${value.length} bytes exceed the maximum of ${field.max}`);
      }
      writer.raw(value);
      break;
    case 'NAMEDVAR': {
      const variable = expectObject(name, field.name, value, 'an ECC variable {name, value}');
      writer.text(expectText(name, `${field.name}.name`, variable.name), ECC_NAME_MAX - 1);
      writer.text(expectText(name, `${field.name}.value`, variable.value), ECC_VALUE_MAX - 1);
      break;
    }
    case 'NAMEDARRAY': {
      const element = expectObject(name, field.name, value, 'an ECC array element {name, index, value}');
      writer.integer('UCHAR', checkedInteger(name, `${field.name}.index`, 'UCHAR', element.index));
      writer.text(expectText(name, `${field.name}.name`, element.name), ECC_NAME_MAX - 1);
      writer.text(expectText(name, `${field.name}.value`, element.value), ECC_VALUE_MAX - 1);
      break;
    }
    case 'BOOL':
      writer.integer('USHORT', checkedInteger(name, field.name, 'BOOL', value));
      break;
    default:
      writer.integer(field.type, checkedInteger(name, field.name, field.type, value));
  }
  const length = writer.length - dataStart;
  if (length > limit) {
    throw new Ged188EncodeError(name, field.name, `${length} bytes do not fit a ${headerBytes}-byte FieldLength`);
  }
  if (headerBytes === 2) writer.patchUint16(lengthAt, length);
  else writer.patchUint8(lengthAt, length);
}

function asList(name: string, field: FloatingFieldDef, value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new Ged188EncodeError(name, field.name, 'expected a list (the field repeats)');
  return value;
}

/**
 * Encodes a message as a whole frame. Strict: fixed fields must be present and in
 * range, strings are NUL-terminated and cut to their maximum, floating fields go
 * out in the guide's order (list entries member by member), unknown fields last.
 */
export function encode(message: Message, options: CodecOptions = {}): Uint8Array {
  const version = options.version ?? DEFAULT_PROTOCOL_VERSION;
  const name: string = message.MessageType;
  if (!isMessageName(name)) throw new Ged188EncodeError(name, undefined, 'unknown message type');
  const def: MessageDef = MESSAGES[name];
  const bag = message as unknown as FieldBag;
  const writer = new ByteWriter();
  writer.integer('UINT', 0); // MessageLength, patched below
  writer.integer('UINT', def.id);

  for (const field of def.fixed) {
    if (!appliesTo(field, version)) continue;
    const value = bag[field.name];
    if (value === undefined) throw new Ged188EncodeError(name, field.name, 'required fixed field is missing');
    writer.integer(field.type === 'BOOL' ? 'USHORT' : field.type, checkedInteger(name, field.name, field.type, value));
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
    } else if (field.repeated) {
      for (const item of asList(name, field, value)) writeFloating(writer, headerBytes, name, field, item);
    } else {
      writeFloating(writer, headerBytes, name, field, value);
    }
  }
  for (const extra of message.UnknownFields ?? []) writeUnknown(writer, headerBytes, name, extra);
  if (message.Trailing !== undefined) writer.raw(message.Trailing);

  const bodyLength = writer.length - HEADER_BYTES;
  if (bodyLength > MAX_BODY_BYTES) {
    throw new Ged188EncodeError(name, undefined, `body of ${bodyLength} bytes exceeds ${MAX_BODY_BYTES}`);
  }
  writer.patchUint32(0, bodyLength);
  return writer.result();
}

function writeUnknown(writer: ByteWriter, headerBytes: 1 | 2, name: string, field: UnknownField): void {
  const limit = headerBytes === 2 ? 0xffff : 0xff;
  if (!Number.isInteger(field.Tag) || field.Tag < 0 || field.Tag > limit || field.Data.length > limit) {
    throw new Ged188EncodeError(name, 'UnknownFields', `tag ${field.Tag} with ${field.Data.length} bytes does not fit a ${headerBytes}-byte TLV header`);
  }
  const headerType = headerBytes === 2 ? 'USHORT' : 'UCHAR';
  writer.integer(headerType, field.Tag);
  writer.integer(headerType, field.Data.length);
  writer.raw(field.Data);
}

function writeGroup(writer: ByteWriter, headerBytes: 1 | 2, name: string, def: MessageDef, group: string, bag: FieldBag): void {
  const members = def.floating.filter((f) => f.group === group);
  const lists = members.map((f) => (bag[f.name] === undefined ? [] : asList(name, f, bag[f.name])));
  const entries = Math.max(0, ...lists.map((l) => l.length));
  for (let i = 0; i < entries; i++) {
    members.forEach((member, m) => {
      const item = lists[m]?.[i];
      if (item !== undefined) writeFloating(writer, headerBytes, name, member, item);
    });
  }
}
