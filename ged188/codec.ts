import { Ged188DecodeError, Ged188EncodeError } from './errors.js';
import { decodePlan, type DecodePlan } from './decode-plan.js';
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


// ---------------------------------------------------------------- decode

// Fatal: text that is not valid UTF-8 is kept as raw bytes (an unknown field), so
// it goes back on the wire exactly as it came instead of with replacement characters.
const utf8 = new TextDecoder('utf-8', { fatal: true });
// Only ever trusted for bytes below 0x80, where every single-byte decoding agrees.
const singleByte = new TextDecoder('latin1');

interface NodeBuffer {
  latin1Slice(this: Uint8Array, start: number, end: number): string;
}
/** Node's Buffer turns bytes into a one-byte string natively; elsewhere TextDecoder does. */
const latin1Slice = (globalThis as { Buffer?: { prototype: NodeBuffer } }).Buffer?.prototype.latin1Slice;

function singleByteText(frame: Uint8Array): string {
  return latin1Slice ? latin1Slice.call(frame, 0, frame.length) : singleByte.decode(frame);
}

/**
 * Reads text straight out of the frame. The frame becomes a string once (one
 * native call) and each field is a substring of it, stopping at its first NUL;
 * only a field with bytes above 0x7f is decoded again, as UTF-8 (the guide says
 * ASCII; CCX documents UTF-8).
 */
class TextReader {
  private whole: string | undefined;

  constructor(private readonly frame: Uint8Array) {}

  /** The text, or undefined when its bytes are not valid UTF-8. */
  read(start: number, end: number): string | undefined {
    const frame = this.frame;
    let stop = start;
    let high = 0;
    // A plain loop: CTI strings are short, and it finds the NUL and checks for
    // non-ASCII bytes in one pass (Uint8Array.prototype.indexOf costs more to call).
    while (stop < end) {
      const byte = frame[stop]!;
      if (byte === 0) break;
      high |= byte;
      stop++;
    }
    if (high > 0x7f) {
      try {
        return utf8.decode(frame.subarray(start, stop));
      } catch {
        return undefined;
      }
    }
    this.whole ??= singleByteText(frame);
    return this.whole.substring(start, stop);
  }

  /** The offset just past the first NUL in `[start, end)`, or `end` when there is none. */
  afterNul(start: number, end: number): number {
    let i = start;
    while (i < end && this.frame[i] !== 0) i++;
    return i === end ? end : i + 1;
  }
}

function readFixed(view: DataView, offset: number, type: FixedType): number | boolean {
  switch (type) {
    case 'UINT':
    case 'TIME':
      return view.getUint32(offset);
    case 'USHORT':
      return view.getUint16(offset);
    case 'INT':
      return view.getInt32(offset);
    case 'SHORT':
      return view.getInt16(offset);
    case 'UCHAR':
      return view.getUint8(offset);
    case 'CHAR':
      return view.getInt8(offset);
    case 'BOOL':
      return view.getUint16(offset) !== 0;
  }
}

/** Decodes one floating value, or returns undefined when its data cannot be that type. */
function readFloating(frame: Uint8Array, view: DataView, text: TextReader, start: number, length: number, field: FloatingFieldDef): unknown {
  const end = start + length;
  switch (field.type) {
    case 'STRING':
      return text.read(start, end);
    case 'UNSPEC':
      return frame.slice(start, end);
    case 'NAMEDVAR': {
      const name = text.read(start, end);
      const value = text.read(text.afterNul(start, end), end);
      if (name === undefined || value === undefined) return undefined;
      const variable: NamedVariable = { name, value };
      return variable;
    }
    case 'NAMEDARRAY': {
      if (length < 1) return undefined;
      const name = text.read(start + 1, end);
      const value = text.read(text.afterNul(start + 1, end), end);
      if (name === undefined || value === undefined) return undefined;
      const element: NamedArrayElement = { name, index: frame[start]!, value };
      return element;
    }
    case 'USHORT_LIST': {
      if (length % 2 !== 0) return undefined;
      const values: number[] = [];
      for (let i = start; i < end; i += 2) values.push(view.getUint16(i));
      return values;
    }
    default:
      // A number whose length is not its type's size is kept as raw bytes rather
      // than read in part, so nothing is lost when the message is sent on.
      return length === sizeOfFixed(field.type) ? readFixed(view, start, field.type) : undefined;
  }
}

function truncatedFixed(plan: DecodePlan, frameLength: number): Ged188DecodeError {
  const field = plan.fixed.find((f) => f.offset + sizeOfFixed(f.type) > frameLength)!;
  return new Ged188DecodeError(
    'truncated-fixed',
    plan.name,
    field.offset,
    `fixed part ends before ${field.name} (${field.type}, ${sizeOfFixed(field.type)} bytes)`,
  );
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
  if (bodyLength > MAX_BODY_BYTES || bodyLength !== frame.length - HEADER_BYTES) {
    const label = name ?? messageTypeName(typeId) ?? `message type ${typeId}`;
    if (bodyLength > MAX_BODY_BYTES) {
      throw new Ged188DecodeError('message-too-long', label, 0, `MessageLength ${bodyLength} exceeds ${MAX_BODY_BYTES}`);
    }
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
  const plan = decodePlan(name, MESSAGES[name], version);
  if (HEADER_BYTES + plan.fixedBytes > frame.length) throw truncatedFixed(plan, frame.length);
  const fields = plan.create(view, typeId);
  let offset = HEADER_BYTES + plan.fixedBytes;
  if (plan.def.untabulatedBody) {
    if (offset < frame.length) fields.Trailing = frame.slice(offset);
    return fields as Message;
  }

  const headerBytes = floatingHeaderBytes(version);
  const text = new TextReader(frame);
  let unknown: UnknownField[] | undefined;
  let groups: Map<string, { entry: number; last: number }> | undefined;
  // Known floating fields read so far: an unknown field's place among them.
  let known = 0;
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
    const field = plan.floatingByTag[tag];
    const value = field === undefined ? undefined : readFloating(frame, view, text, dataStart, length, field);
    const member = plan.groupMemberByTag[tag];
    const store = plan.storeByTag[tag];
    if (value !== undefined && member !== undefined) {
      // List entries: a member at or before the previous one's place starts a new
      // entry, so an entry that lacks an optional member leaves a hole, not a shift.
      const entries = (groups ??= new Map()).get(member.group) ?? { entry: -1, last: Infinity };
      if (member.position <= entries.last) entries.entry++;
      entries.last = member.position;
      groups.set(member.group, entries);
      const list = (fields[member.name] as unknown[] | undefined) ?? (fields[member.name] = []);
      (list as unknown[])[entries.entry] = value;
      known++;
    } else if (value !== undefined && store !== undefined && store(fields, value)) {
      known++;
    } else {
      // A tag this layout lacks, data that cannot be its type, or a second copy of a
      // field that does not repeat: kept as it came, and where it came.
      (unknown ??= []).push({ Tag: tag, Data: frame.slice(dataStart, dataStart + length), Position: known });
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

  /**
   * Writes text as UTF-8 then a NUL; false (nothing written) when it needs more than
   * `maxBytes`: the caller refuses it, since a cut value would reach the far side as
   * a different value (a shorter AgentID, a wrong number) with nobody told.
   */
  text(value: string, maxBytes: number): boolean {
    this.reserve(maxBytes + 1);
    const target = this.bytes.subarray(this.length, this.length + maxBytes);
    const { read, written } = utf8Encoder.encodeInto(value, target);
    if (read < value.length) return false;
    this.length += written;
    this.bytes[this.length++] = 0;
    return true;
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

/** Text for a NUL-terminated field: a NUL inside it would end the field early on the far side. */
function textWithoutNul(name: string, field: string, value: unknown): string {
  if (typeof value !== 'string') throw new Ged188EncodeError(name, field, `expected text, got ${JSON.stringify(value)}`);
  if (value.includes('\0')) throw new Ged188EncodeError(name, field, 'text contains a NUL character');
  return value;
}

/** Writes NUL-terminated text of at most `max` bytes (NUL included), or refuses it naming the field. */
function writeText(writer: ByteWriter, name: string, field: string, value: unknown, max: number): void {
  const text = textWithoutNul(name, field, value);
  if (!writer.text(text, max - 1)) {
    const bytes = utf8Encoder.encode(text).length;
    throw new Ged188EncodeError(name, field, `${bytes} bytes of text exceed the maximum of ${max - 1} (${max} with its NUL)`);
  }
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
      writeText(writer, name, field.name, value, field.max);
      break;
    case 'USHORT_LIST': {
      if (!Array.isArray(value)) throw new Ged188EncodeError(name, field.name, 'expected a list of USHORT values');
      if (value.length * 2 > field.max) throw new Ged188EncodeError(name, field.name, `${value.length} values exceed the maximum of ${field.max / 2}`);
      value.forEach((item, i) => writer.integer('USHORT', checkedInteger(name, `${field.name}[${i}]`, 'USHORT', item)));
      break;
    }
    case 'UNSPEC':
      if (!(value instanceof Uint8Array)) throw new Ged188EncodeError(name, field.name, 'expected bytes');
      if (value.length > field.max) {
        throw new Ged188EncodeError(name, field.name, `${value.length} bytes exceed the maximum of ${field.max}`);
      }
      writer.raw(value);
      break;
    case 'NAMEDVAR': {
      const variable = expectObject(name, field.name, value, 'an ECC variable {name, value}');
      writeText(writer, name, `${field.name}.name`, variable.name, ECC_NAME_MAX);
      writeText(writer, name, `${field.name}.value`, variable.value, ECC_VALUE_MAX);
      break;
    }
    case 'NAMEDARRAY': {
      const element = expectObject(name, field.name, value, 'an ECC array element {name, index, value}');
      writer.integer('UCHAR', checkedInteger(name, `${field.name}.index`, 'UCHAR', element.index));
      writeText(writer, name, `${field.name}.name`, element.name, ECC_NAME_MAX);
      writeText(writer, name, `${field.name}.value`, element.value, ECC_VALUE_MAX);
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
 * range, strings are NUL-terminated and within their maximum (a longer value is
 * refused, never cut), floating fields go
 * out in the guide's order (list entries member by member), unknown fields last.
 */
export function encode(message: Message, options: CodecOptions = {}): Uint8Array {
  const version = options.version ?? DEFAULT_PROTOCOL_VERSION;
  const name: string = message.MessageType;
  if (!isMessageName(name)) throw new Ged188EncodeError(name, undefined, 'unknown message type');
  const def: MessageDef = MESSAGES[name];
  if (!appliesTo(def, version)) {
    throw new Ged188EncodeError(name, undefined, `needs protocol version ${def.since} or later (session is ${version})`);
  }
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

  const out = new FloatingPart(writer, floatingHeaderBytes(version), name, message.UnknownFields ?? []);
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
      writeGroup(out, name, def, field.group, bag);
    } else if (field.repeated) {
      for (const item of asList(name, field, value)) out.field(field, item);
    } else {
      out.field(field, value);
    }
  }
  out.finish();
  if (message.Trailing !== undefined) writer.raw(message.Trailing);

  const bodyLength = writer.length - HEADER_BYTES;
  if (bodyLength > MAX_BODY_BYTES) {
    throw new Ged188EncodeError(name, undefined, `body of ${bodyLength} bytes exceeds ${MAX_BODY_BYTES}`);
  }
  writer.patchUint32(0, bodyLength);
  return writer.result();
}

/**
 * The floating part being written: known fields in table order, and each unknown
 * field back at its place among them (after as many known fields as preceded it on
 * the wire), so that a frame decoded and encoded again keeps its bytes.
 */
class FloatingPart {
  private known = 0;
  private next = 0;
  private readonly unknown: readonly UnknownField[];

  constructor(
    private readonly writer: ByteWriter,
    private readonly headerBytes: 1 | 2,
    private readonly name: string,
    unknown: readonly UnknownField[],
  ) {
    const place = (f: UnknownField) => f.Position ?? Infinity;
    this.unknown = [...unknown].sort((a, b) => place(a) - place(b));
  }

  field(field: FloatingFieldDef, value: unknown): void {
    this.unknownUpTo(this.known);
    writeFloating(this.writer, this.headerBytes, this.name, field, value);
    this.known++;
  }

  finish(): void {
    this.unknownUpTo(Infinity);
  }

  private unknownUpTo(place: number): void {
    while (this.next < this.unknown.length && (this.unknown[this.next]!.Position ?? Infinity) <= place) {
      this.writeUnknown(this.unknown[this.next++]!);
    }
  }

  private writeUnknown(field: UnknownField): void {
    const limit = this.headerBytes === 2 ? 0xffff : 0xff;
    if (!Number.isInteger(field.Tag) || field.Tag < 0 || field.Tag > limit || field.Data.length > limit) {
      throw new Ged188EncodeError(this.name, 'UnknownFields', `tag ${field.Tag} with ${field.Data.length} bytes does not fit a ${this.headerBytes}-byte TLV header`);
    }
    const headerType = this.headerBytes === 2 ? 'USHORT' : 'UCHAR';
    this.writer.integer(headerType, field.Tag);
    this.writer.integer(headerType, field.Data.length);
    this.writer.raw(field.Data);
  }
}

function writeGroup(out: FloatingPart, name: string, def: MessageDef, group: string, bag: FieldBag): void {
  const members = def.floating.filter((f) => f.group === group);
  const lists = members.map((f) => (bag[f.name] === undefined ? [] : asList(name, f, bag[f.name])));
  const entries = Math.max(0, ...lists.map((l) => l.length));
  for (let i = 0; i < entries; i++) {
    members.forEach((member, m) => {
      // An entry without this member has a hole (or null, coming from JSON) here.
      const item = lists[m]?.[i];
      if (item !== undefined && item !== null) out.field(member, item);
    });
  }
}

/** Frames a message of a type this library has no layout for, from its raw body. */
export function encodeUnknown(message: UnknownMessage): Uint8Array {
  if (!Number.isInteger(message.MessageTypeId) || message.MessageTypeId < 0 || message.MessageTypeId > 0xffffffff) {
    throw new Ged188EncodeError('UNKNOWN', 'MessageTypeId', `${message.MessageTypeId} is not a message type number`);
  }
  if (message.Body.length > MAX_BODY_BYTES) throw new Ged188EncodeError('UNKNOWN', 'Body', `${message.Body.length} bytes exceed ${MAX_BODY_BYTES}`);
  const frame = new Uint8Array(HEADER_BYTES + message.Body.length);
  const view = new DataView(frame.buffer);
  view.setUint32(0, message.Body.length);
  view.setUint32(4, message.MessageTypeId);
  frame.set(message.Body, HEADER_BYTES);
  return frame;
}

/**
 * The message as a session of `version` can carry it: fields the version does not
 * have yet are left out (ged188.md §6: never send tags newer than the session).
 * A server builds each event once at the newest layout and adapts it per session.
 */
export function adaptToVersion<M extends Message>(message: M, version: number): M {
  const newer = fieldsNewerThan(MESSAGES[message.MessageType], version);
  if (newer.length === 0) return message;
  const adapted = { ...message } as Record<string, unknown>;
  for (const name of newer) delete adapted[name];
  return adapted as M;
}

/** Per message type and version, worked out once: a server adapts every event it sends. */
const newerFields = new Map<number, readonly string[]>();

function fieldsNewerThan(def: MessageDef, version: number): readonly string[] {
  const key = def.id * 64 + version;
  let names = newerFields.get(key);
  if (names === undefined) {
    names = [...def.fixed, ...def.floating]
      .filter((f) => !appliesTo(f, version) || (version < 20 && 'tag' in f && f.tag > 0xff))
      .map((f) => f.name);
    newerFields.set(key, names);
  }
  return names;
}
