/**
 * GED-188 data types (ged188.md §1.2). All integers are big-endian and packed
 * with no padding. BOOL is two bytes on the wire (a USHORT), not one.
 */
export type FixedType = 'CHAR' | 'UCHAR' | 'SHORT' | 'USHORT' | 'INT' | 'UINT' | 'BOOL' | 'TIME';

/**
 * Floating (TLV) fields may also carry text, opaque bytes and ECC variables
 * (NAMEDVAR `name\0value\0`, NAMEDARRAY `index name\0value\0`, §1.5), and a few
 * fields pack several USHORTs into one (USHORT_LIST, the guide's "USHORT×N").
 */
export type FloatingType = FixedType | 'STRING' | 'UNSPEC' | 'NAMEDVAR' | 'NAMEDARRAY' | 'USHORT_LIST';

/** An ECC scalar variable (tag 82). */
export interface NamedVariable {
  readonly name: string;
  readonly value: string;
}

/** One element of an ECC array variable (tag 83). */
export interface NamedArrayElement {
  readonly name: string;
  readonly index: number;
  readonly value: string;
}

/** The JavaScript value a wire type decodes to. */
export type ValueOf<T extends FloatingType> = T extends 'STRING'
  ? string
  : T extends 'UNSPEC'
    ? Uint8Array
    : T extends 'BOOL'
      ? boolean
      : T extends 'USHORT_LIST'
        ? number[]
        : T extends 'NAMEDVAR'
        ? NamedVariable
        : T extends 'NAMEDARRAY'
          ? NamedArrayElement
          : number;

/** ECC limits (§1.5): name ≤ 33 bytes and value ≤ 211 bytes, each including its NUL. */
export const ECC_NAME_MAX = 33;
export const ECC_VALUE_MAX = 211;

interface IntegerCodec {
  readonly size: number;
  readonly min: number;
  readonly max: number;
  read(view: DataView, offset: number): number;
  write(view: DataView, offset: number, value: number): void;
}

export const INTEGER_CODECS: Readonly<Record<Exclude<FixedType, 'BOOL'>, IntegerCodec>> = {
  CHAR: { size: 1, min: -0x80, max: 0x7f, read: (v, o) => v.getInt8(o), write: (v, o, x) => v.setInt8(o, x) },
  UCHAR: { size: 1, min: 0, max: 0xff, read: (v, o) => v.getUint8(o), write: (v, o, x) => v.setUint8(o, x) },
  SHORT: { size: 2, min: -0x8000, max: 0x7fff, read: (v, o) => v.getInt16(o), write: (v, o, x) => v.setInt16(o, x) },
  USHORT: { size: 2, min: 0, max: 0xffff, read: (v, o) => v.getUint16(o), write: (v, o, x) => v.setUint16(o, x) },
  INT: { size: 4, min: -0x80000000, max: 0x7fffffff, read: (v, o) => v.getInt32(o), write: (v, o, x) => v.setInt32(o, x) },
  UINT: { size: 4, min: 0, max: 0xffffffff, read: (v, o) => v.getUint32(o), write: (v, o, x) => v.setUint32(o, x) },
  TIME: { size: 4, min: 0, max: 0xffffffff, read: (v, o) => v.getUint32(o), write: (v, o, x) => v.setUint32(o, x) },
};

export function sizeOfFixed(type: FixedType): number {
  return type === 'BOOL' ? 2 : INTEGER_CODECS[type].size;
}

/** Sentinels the guide uses for "none" / "not supplied" (§1.2). */
export const NONE_UINT = 0xffffffff;
export const NONE_USHORT = 0xffff;

/** True when a UINT id carries the guide's "none" value (NULL_CALL_ID, NULL_PERIPHERAL_ID, …). */
export function isNoneUint(value: number): boolean {
  return value === NONE_UINT;
}

/** True when a USHORT enum carries the guide's "none" value (DEVID_NONE, LCS_NONE, PT_NONE, …). */
export function isNoneUshort(value: number): boolean {
  return value === NONE_USHORT;
}
