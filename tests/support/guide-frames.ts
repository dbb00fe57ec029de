/**
 * Test-side tools for the protocol library, kept apart from the codec on purpose:
 * `sampleMessage` makes valid messages from a layout, and `guideFrame` builds the
 * bytes the guide prescribes for them with its own, deliberately plain reading of
 * the framing rules (big-endian fixed part, then TLVs in table order with 1-byte
 * tag/length before version 20 and 2-byte from 20, strings NUL-terminated, ECC as
 * `name\0value\0` / `index name\0value\0`). The codec must agree with it both ways.
 */
import { seededRandom } from '../../simulator/seeded-random.js';
import { MESSAGES, type FloatingFieldDef, type Message, type MessageDef, type MessageName } from '../../ged188/index.js';

export type Random = () => number;

export { seededRandom };

const RANGES = {
  CHAR: [-0x80, 0x7f],
  UCHAR: [0, 0xff],
  SHORT: [-0x8000, 0x7fff],
  USHORT: [0, 0xffff],
  INT: [-0x80000000, 0x7fffffff],
  UINT: [0, 0xffffffff],
  TIME: [0, 0xffffffff],
} as const;

function integer(random: Random, [min, max]: readonly [number, number]): number {
  return min + Math.floor(random() * (max - min + 1));
}

function text(random: Random, maxBytes: number): string {
  const length = Math.floor(random() * (Math.min(maxBytes, 48) + 1));
  let out = '';
  for (let i = 0; i < length; i++) out += String.fromCharCode(0x20 + Math.floor(random() * 95));
  return out;
}

function value(random: Random, field: FloatingFieldDef): unknown {
  switch (field.type) {
    case 'STRING':
      return text(random, field.max - 1);
    case 'UNSPEC':
      return Uint8Array.from({ length: Math.floor(random() * (Math.min(field.max, 40) + 1)) }, () => integer(random, [0, 255]));
    case 'USHORT_LIST':
      return Array.from({ length: Math.floor(random() * 5) }, () => integer(random, RANGES.USHORT));
    case 'NAMEDVAR':
      return { name: `user.${text(random, 20)}`, value: text(random, 60) };
    case 'NAMEDARRAY':
      return { name: `user.${text(random, 20)}`, index: integer(random, [0, 255]), value: text(random, 60) };
    case 'BOOL':
      return random() < 0.5;
    default:
      return integer(random, RANGES[field.type]);
  }
}

export interface SampleOptions {
  readonly version: number;
  /** Chance that an optional floating field is present (1 = all of them). */
  readonly presence?: number;
  /** Most entries a repeated field or list gets. */
  readonly maxEntries?: number;
}

function appliesTo(field: { readonly since?: number }, version: number): boolean {
  return field.since === undefined || field.since <= version;
}

/** The floating fields a session of `version` can carry (1-byte tags cannot name tags above 255). */
export function floatingFieldsFor(def: MessageDef, version: number): FloatingFieldDef[] {
  return def.floating.filter((f) => appliesTo(f, version) && (version >= 20 || f.tag <= 0xff));
}

/** A valid message of type `name`: every fixed field set, counters equal to their entries. */
export function sampleMessage(name: MessageName, random: Random, options: SampleOptions): Message {
  const def: MessageDef = MESSAGES[name];
  const { version, presence = 1, maxEntries = 3 } = options;
  const bag: Record<string, unknown> = { MessageType: name };
  for (const field of def.fixed) {
    if (!appliesTo(field, version)) continue;
    if (/^Reserved\d*$/.test(field.name)) bag[field.name] = 0; // the guide: must be 0
    else bag[field.name] = field.type === 'BOOL' ? random() < 0.5 : integer(random, RANGES[field.type]);
  }
  const groupSizes = new Map<string, number>();
  for (const field of floatingFieldsFor(def, version)) {
    if (field.repeated) {
      const key = field.group ?? field.name;
      if (!groupSizes.has(key)) groupSizes.set(key, random() < presence ? integer(random, [presence === 1 ? 1 : 0, maxEntries]) : 0);
      const count = groupSizes.get(key)!;
      if (count > 0) bag[field.name] = Array.from({ length: count }, () => value(random, field));
      if (field.countedBy !== undefined) bag[field.countedBy] = count;
    } else if (random() < presence || field.required) {
      bag[field.name] = value(random, field);
    }
  }
  // Counters count entries (or a packed list's values), fixed or floating alike.
  for (const field of floatingFieldsFor(def, version)) {
    if (field.countedBy === undefined) continue;
    const counted = (bag[field.name] as unknown[] | undefined)?.length ?? 0;
    if (bag[field.countedBy] !== undefined || counted > 0) bag[field.countedBy] = counted;
  }
  return bag as Message;
}

// ------------------------------------------------------------- the guide's bytes

function be(bytesOut: number[], size: number, value: number): void {
  for (let i = size - 1; i >= 0; i--) bytesOut.push(Math.floor(value / 2 ** (8 * i)) & 0xff);
}

const FIXED_SIZES = { CHAR: 1, UCHAR: 1, SHORT: 2, USHORT: 2, INT: 4, UINT: 4, TIME: 4, BOOL: 2 } as const;

function signedToUnsigned(value: number, size: number): number {
  return value < 0 ? value + 2 ** (8 * size) : value;
}

function ascii(out: number[], s: string): void {
  for (const c of s) out.push(c.charCodeAt(0));
  out.push(0);
}

function data(field: FloatingFieldDef, v: unknown): number[] {
  const out: number[] = [];
  switch (field.type) {
    case 'STRING':
      ascii(out, v as string);
      break;
    case 'UNSPEC':
      out.push(...(v as Uint8Array));
      break;
    case 'NAMEDVAR':
      ascii(out, (v as { name: string }).name);
      ascii(out, (v as { value: string }).value);
      break;
    case 'USHORT_LIST':
      for (const item of v as number[]) be(out, 2, item);
      break;
    case 'NAMEDARRAY':
      out.push((v as { index: number }).index);
      ascii(out, (v as { name: string }).name);
      ascii(out, (v as { value: string }).value);
      break;
    case 'BOOL':
      be(out, 2, v ? 1 : 0);
      break;
    default: {
      const size = FIXED_SIZES[field.type];
      be(out, size, signedToUnsigned(v as number, size));
    }
  }
  return out;
}

/** The frame the guide prescribes for `message` (ASCII text only), built without the codec. */
export function guideFrame(message: Message, version: number): Uint8Array {
  const def: MessageDef = MESSAGES[message.MessageType];
  const bag = message as unknown as Record<string, unknown>;
  const body: number[] = [];
  for (const field of def.fixed) {
    if (!appliesTo(field, version)) continue;
    const v = bag[field.name];
    const size = FIXED_SIZES[field.type];
    be(body, size, field.type === 'BOOL' ? (v ? 1 : 0) : signedToUnsigned(v as number, size));
  }
  const tlv = (field: FloatingFieldDef, v: unknown) => {
    const bytes = data(field, v);
    const headerSize = version >= 20 ? 2 : 1;
    be(body, headerSize, field.tag);
    be(body, headerSize, bytes.length);
    body.push(...bytes);
  };
  const done = new Set<string>();
  for (const field of floatingFieldsFor(def, version)) {
    const v = bag[field.name];
    if (v === undefined) continue;
    if (field.group !== undefined) {
      if (done.has(field.group)) continue;
      done.add(field.group);
      const members = def.floating.filter((f) => f.group === field.group);
      const count = Math.max(...members.map((m) => ((bag[m.name] as unknown[] | undefined) ?? []).length));
      for (let i = 0; i < count; i++) {
        for (const member of members) {
          const item = (bag[member.name] as unknown[] | undefined)?.[i];
          if (item !== undefined) tlv(member, item);
        }
      }
    } else if (field.repeated) {
      for (const item of v as unknown[]) tlv(field, item);
    } else {
      tlv(field, v);
    }
  }
  const frame: number[] = [];
  be(frame, 4, body.length);
  be(frame, 4, def.id);
  return Uint8Array.from([...frame, ...body]);
}

export const MESSAGE_NAMES = Object.keys(MESSAGES) as MessageName[];

/** The message types a session of `version` may carry. */
export function messageNamesFor(version: number): MessageName[] {
  return MESSAGE_NAMES.filter((name) => {
    const since = (MESSAGES[name] as MessageDef).since;
    return since === undefined || since <= version;
  });
}
