import type { FixedType, FloatingType } from './wire-types.js';

export interface FixedFieldDef {
  /** The guide's field name, as decoded messages carry it. */
  readonly name: string;
  readonly type: FixedType;
  /** First protocol version whose fixed part carries this field (ged188.md §6). */
  readonly since?: number;
}

export interface FloatingFieldDef {
  readonly name: string;
  readonly tag: number;
  readonly type: FloatingType;
  /** Maximum data bytes; for STRING including the terminating NUL. */
  readonly max: number;
  /** Present in every valid message of this type; `validate` reports its absence. */
  readonly required?: boolean;
  /** May repeat; decoded as an array in wire order. */
  readonly repeated?: boolean;
  /**
   * Repeated fields of one list entry share a group (named after its first member)
   * and go out adjacent, entry by entry, in the table's member order.
   */
  readonly group?: string;
  /** The fixed (or floating) counter that must equal the number of entries (`validate`). */
  readonly countedBy?: string;
  readonly since?: number;
}

export interface MessageDef {
  readonly id: number;
  /** First protocol version that has this message type (§6); encode refuses it before. */
  readonly since?: number;
  readonly fixed: readonly FixedFieldDef[];
  readonly floating: readonly FloatingFieldDef[];
  /**
   * The guide does not tabulate what follows the fixed part (§7 #11): keep it as
   * `Trailing` bytes instead of reading it as floating fields.
   */
  readonly untabulatedBody?: boolean;
}

export type MessageTable = Record<string, MessageDef>;
