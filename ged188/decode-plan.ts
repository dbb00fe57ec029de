import type { FloatingFieldDef, MessageDef } from './message-def.js';
import { sizeOfFixed, type FixedType } from './wire-types.js';

/**
 * Decoding one message type at one protocol version, worked out once from its
 * layout table and then reused for every frame of that type.
 *
 * The message object and its field stores are generated from the table (as
 * protobuf.js and Ajv do): an object created by one literal with every field of
 * the layout, and a constant-name store per floating field, keeps V8 on its fast
 * paths (one hidden class per message type) where adding fields by computed name
 * would not; this is what makes decoding faster than JSON.parse of the same
 * message. Only identifiers from our own tables ever reach the generated code.
 * Absent optional fields are therefore present with the value undefined.
 */
export interface DecodePlan {
  readonly name: string;
  readonly def: MessageDef;
  readonly fixed: readonly { readonly name: string; readonly type: FixedType; readonly offset: number }[];
  readonly fixedBytes: number;
  /** Reads the fixed part and returns the message with every field of the layout. */
  readonly create: (view: DataView, typeId: number) => Record<string, unknown>;
  /** Floating fields by tag (a sparse array: tags are small numbers). */
  readonly floatingByTag: readonly (FloatingFieldDef | undefined)[];
  /** For list-entry members, by tag: their list (group), name and place within an entry. */
  readonly groupMemberByTag: readonly ({ readonly group: string; readonly name: string; readonly position: number } | undefined)[];
  /** Stores a floating value by tag; false when a field that does not repeat is already set. */
  readonly storeByTag: readonly (((message: Record<string, unknown>, value: unknown) => boolean) | undefined)[];
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const HEADER_BYTES = 8;

const READERS: Readonly<Record<FixedType, (offset: number) => string>> = {
  CHAR: (o) => `view.getInt8(${o})`,
  UCHAR: (o) => `view.getUint8(${o})`,
  SHORT: (o) => `view.getInt16(${o})`,
  USHORT: (o) => `view.getUint16(${o})`,
  INT: (o) => `view.getInt32(${o})`,
  UINT: (o) => `view.getUint32(${o})`,
  TIME: (o) => `view.getUint32(${o})`,
  BOOL: (o) => `view.getUint16(${o}) !== 0`,
};

function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`layout field name ${JSON.stringify(name)} is not an identifier`);
  return name;
}

function appliesTo(field: { readonly since?: number }, version: number): boolean {
  return field.since === undefined || field.since <= version;
}

function compileStore(field: FloatingFieldDef): (message: Record<string, unknown>, value: unknown) => boolean {
  const name = identifier(field.name);
  const body = field.repeated
    ? `const list = message.${name}; if (list === undefined) message.${name} = [value]; else list.push(value); return true;`
    : `if (message.${name} !== undefined) return false; message.${name} = value; return true;`;
  return new Function('message', 'value', body) as (message: Record<string, unknown>, value: unknown) => boolean;
}

function compilePlan(name: string, def: MessageDef, version: number): DecodePlan {
  let offset = HEADER_BYTES;
  const fixed = def.fixed
    .filter((f) => appliesTo(f, version))
    .map((f) => {
      const entry = { name: identifier(f.name), type: f.type, offset };
      offset += sizeOfFixed(f.type);
      return entry;
    });
  const floating = def.floating.filter((f) => appliesTo(f, version));
  const properties = [
    `MessageType: ${JSON.stringify(name)}`,
    'MessageTypeId: typeId',
    ...fixed.map((f) => `${f.name}: ${READERS[f.type](f.offset)}`),
    ...floating.map((f) => `${identifier(f.name)}: undefined`),
    'UnknownFields: undefined',
    'Trailing: undefined',
  ];
  const create = new Function('view', 'typeId', `return { ${properties.join(', ')} };`) as DecodePlan['create'];
  const floatingByTag: (FloatingFieldDef | undefined)[] = [];
  const storeByTag: ((message: Record<string, unknown>, value: unknown) => boolean)[] = [];
  const groupMemberByTag: DecodePlan['groupMemberByTag'][number][] = [];
  for (const field of floating) {
    floatingByTag[field.tag] = field;
    storeByTag[field.tag] = compileStore(field);
    if (field.group !== undefined) {
      const position = floating.filter((f) => f.group === field.group).indexOf(field);
      groupMemberByTag[field.tag] = { group: field.group, name: field.name, position };
    }
  }
  return { name, def, fixed, fixedBytes: offset - HEADER_BYTES, create, floatingByTag, groupMemberByTag, storeByTag };
}

const plans = new Map<number, DecodePlan>();

export function decodePlan(name: string, def: MessageDef, version: number): DecodePlan {
  const key = def.id * 64 + version;
  let plan = plans.get(key);
  if (plan === undefined) {
    plan = compilePlan(name, def, version);
    plans.set(key, plan);
  }
  return plan;
}
