import {
  isMessageName,
  layoutOf,
  messageNameOf,
  type FloatingFieldDef,
  type Message,
  type MessageDef,
  type UnknownMessage,
} from '../ged188/index.js';
import { InputError, parseHex, toHex } from './hex.js';

/**
 * Messages as JSON for people and scripts: the guide's field names, numbers as
 * numbers, BOOL as true/false, text as text, and bytes (UNSPEC, unknown fields,
 * trailing bytes) as hex strings. `fromJson` is the exact inverse of `toJson`.
 */
export type JsonObject = Record<string, unknown>;

/** Keys `cti decode --pcap` adds around a message; `encode` accepts and ignores them. */
const CAPTURE_KEYS = new Set(['time', 'direction', 'src', 'dst']);
const ENVELOPE_KEYS = new Set(['MessageType', 'MessageTypeId', 'UnknownFields', 'Trailing']);

export function toJson(message: Message | UnknownMessage): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(message)) {
    if (value === undefined) continue; // a field of the layout that this message does not carry
    if (value instanceof Uint8Array) out[key] = toHex(value);
    else if (key === 'UnknownFields') out[key] = (value as { Tag: number; Data: Uint8Array }[]).map((f) => ({ Tag: f.Tag, Data: toHex(f.Data) }));
    else if (Array.isArray(value)) out[key] = value.map((item) => (item instanceof Uint8Array ? toHex(item) : item));
    else out[key] = value;
  }
  return out;
}

function bytesOf(value: unknown, where: string): Uint8Array {
  if (typeof value !== 'string') throw new InputError(`${where} must be a hex string, got ${JSON.stringify(value)}`);
  return value === '' ? new Uint8Array(0) : parseHex(value, where);
}

function floatingValue(field: FloatingFieldDef, value: unknown, where: string): unknown {
  return field.type === 'UNSPEC' ? bytesOf(value, where) : value;
}

/** Reads a message from its JSON form; names an unknown type or field precisely. */
export function fromJson(json: unknown): Message | UnknownMessage {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new InputError('expected a JSON object like {"MessageType":"HEARTBEAT_REQ","InvokeID":1}');
  }
  const object = json as JsonObject;
  const id = object.MessageTypeId;
  let name = object.MessageType;
  if (name === undefined && typeof id === 'number') name = messageNameOf(id);
  if (typeof name !== 'string') throw new InputError('MessageType is missing: give the message name, e.g. "MessageType":"OPEN_REQ"');
  if (name === 'UNKNOWN') {
    // What decode prints for a type without a layout: sent back as its raw body.
    if (typeof id !== 'number') throw new InputError('an UNKNOWN message needs its MessageTypeId');
    return { MessageType: 'UNKNOWN', MessageTypeId: id, Body: bytesOf(object.Body ?? '', 'Body') };
  }
  if (!isMessageName(name)) throw new InputError(`unknown MessageType "${name}"`);
  const def: MessageDef = layoutOf(name);
  if (id !== undefined && id !== def.id) {
    throw new InputError(`MessageTypeId ${JSON.stringify(id)} does not match ${name}, which is message type ${def.id}`);
  }
  const fixed = new Map(def.fixed.map((f) => [f.name, f]));
  const floating = new Map(def.floating.map((f) => [f.name, f]));
  const message: JsonObject = { MessageType: name };
  // Field names match the guide's spelling; a different case (InvokeId) is forgiven.
  const byLowerCase = new Map([...fixed.keys(), ...floating.keys()].map((k) => [k.toLowerCase(), k]));
  for (const [given, value] of Object.entries(object)) {
    const key = fixed.has(given) || floating.has(given) ? given : (byLowerCase.get(given.toLowerCase()) ?? given);
    if (key === 'MessageType' || key === 'MessageTypeId' || CAPTURE_KEYS.has(key)) continue;
    if (key === 'Trailing') {
      message.Trailing = bytesOf(value, 'Trailing');
    } else if (key === 'UnknownFields') {
      if (!Array.isArray(value)) throw new InputError('UnknownFields must be a list of {"Tag":n,"Data":"hex"}');
      message.UnknownFields = value.map((entry: unknown, i) => {
        const { Tag, Data } = (entry ?? {}) as JsonObject;
        if (typeof Tag !== 'number') throw new InputError(`UnknownFields[${i}].Tag must be a number`);
        return { Tag, Data: bytesOf(Data, `UnknownFields[${i}].Data`) };
      });
    } else if (fixed.has(key)) {
      message[key] = value;
    } else if (floating.has(key)) {
      const field = floating.get(key)!;
      if (field.repeated) {
        if (!Array.isArray(value)) throw new InputError(`${name}.${key} repeats: give a list`);
        message[key] = value.map((item: unknown, i) => floatingValue(field, item, `${name}.${key}[${i}]`));
      } else {
        message[key] = floatingValue(field, value, `${name}.${key}`);
      }
    } else if (!ENVELOPE_KEYS.has(key)) {
      const known = [...fixed.keys(), ...floating.keys()].join(', ');
      throw new InputError(`${name} has no field "${given}" (its fields: ${known})`);
    }
  }
  return message as unknown as Message;
}
