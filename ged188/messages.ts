import { TAGS, type TagSpec } from './tags.js';
import type { FixedType, ValueOf } from './wire-types.js';

export interface FixedFieldDef {
  readonly name: string;
  readonly type: FixedType;
  /** First protocol version whose fixed part carries this field (ged188.md §6). */
  readonly since?: number;
}

export interface FloatingFieldDef {
  readonly name: string;
  readonly tag: TagSpec;
  /** Present in every valid message of this type; `validate` reports its absence. */
  readonly required?: boolean;
  /** May repeat; decoded as an array in wire order. */
  readonly repeated?: boolean;
  /**
   * Repeated fields sharing a group form list entries whose members must be adjacent
   * (e.g. FltPeripheralID then MultilineAgentControl); encode interleaves them by index.
   */
  readonly group?: string;
  readonly since?: number;
}

export interface MessageDef {
  readonly id: number;
  readonly fixed: readonly FixedFieldDef[];
  readonly floating: readonly FloatingFieldDef[];
}

/**
 * One declarative layout per message type, fields in the guide's order. Encode
 * writes floating fields in this order, so decode → encode reproduces a
 * guide-ordered frame byte for byte. Field names are the guide's, camelCased.
 */
export const MESSAGES = {
  // ged188.md §2.9 and §7 #1: the v24 HTML guide prints FAILURE_CONF with the
  // CONTROL_FAILURE_CONF layout; every other guide and peer uses InvokeID + Status.
  // We send the 8-byte form. The optional Text is the CCX dialect's.
  FAILURE_CONF: {
    id: 1,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'Status', type: 'UINT' },
    ],
    floating: [{ name: 'Text', tag: TAGS.TEXT }],
  },
  FAILURE_EVENT: {
    id: 2,
    fixed: [{ name: 'Status', type: 'UINT' }],
    floating: [{ name: 'Text', tag: TAGS.TEXT }],
  },
  OPEN_REQ: {
    id: 3,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'VersionNumber', type: 'UINT' },
      { name: 'IdleTimeout', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'ServicesRequested', type: 'UINT' },
      { name: 'CallMsgMask', type: 'UINT' },
      { name: 'AgentStateMask', type: 'UINT' },
      { name: 'ConfigMsgMask', type: 'UINT' },
      { name: 'Reserved1', type: 'UINT' },
      { name: 'Reserved2', type: 'UINT' },
      { name: 'Reserved3', type: 'UINT' },
    ],
    // UniqueInstanceID (v24+) is left out until its tag number is confirmed (§7 #12).
    floating: [
      { name: 'ClientID', tag: TAGS.CLIENT_ID, required: true },
      { name: 'ClientPassword', tag: TAGS.CLIENT_PASSWORD, required: true },
      { name: 'ClientSignature', tag: TAGS.CLIENT_SIGNATURE },
      { name: 'AgentExtension', tag: TAGS.AGENT_EXTENSION },
      { name: 'AgentID', tag: TAGS.AGENT_ID },
      { name: 'AgentInstrument', tag: TAGS.AGENT_INSTRUMENT },
      { name: 'ApplicationPathID', tag: TAGS.APPLICATION_PATH_ID },
    ],
  },
  OPEN_CONF: {
    id: 4,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'ServicesGranted', type: 'UINT' },
      { name: 'MonitorID', type: 'UINT' },
      { name: 'PGStatus', type: 'UINT' },
      { name: 'ICMCentralControllerTime', type: 'TIME' },
      { name: 'PeripheralOnline', type: 'BOOL' },
      { name: 'PeripheralType', type: 'USHORT' },
      { name: 'AgentState', type: 'USHORT' },
      { name: 'DepartmentID', type: 'INT', since: 19 },
      { name: 'SessionType', type: 'USHORT', since: 24 },
    ],
    floating: [
      { name: 'AgentExtension', tag: TAGS.AGENT_EXTENSION },
      { name: 'AgentID', tag: TAGS.AGENT_ID },
      { name: 'AgentInstrument', tag: TAGS.AGENT_INSTRUMENT },
      { name: 'NumPeripherals', tag: TAGS.NUM_PERIPHERALS, since: 14 },
      { name: 'FltPeripheralID', tag: TAGS.PERIPHERAL_ID_V11, repeated: true, group: 'peripherals', since: 14 },
      {
        name: 'MultilineAgentControl',
        tag: TAGS.MULTI_LINE_AGENT_CONTROL,
        repeated: true,
        group: 'peripherals',
        since: 14,
      },
    ],
  },
  HEARTBEAT_REQ: { id: 5, fixed: [{ name: 'InvokeID', type: 'UINT' }], floating: [] },
  HEARTBEAT_CONF: { id: 6, fixed: [{ name: 'InvokeID', type: 'UINT' }], floating: [] },
  CLOSE_REQ: {
    id: 7,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'Status', type: 'UINT' },
    ],
    floating: [],
  },
  CLOSE_CONF: { id: 8, fixed: [{ name: 'InvokeID', type: 'UINT' }], floating: [] },
  CONTROL_FAILURE_CONF: {
    id: 35,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'FailureCode', type: 'USHORT' },
      { name: 'PeripheralErrorCode', type: 'UINT' },
    ],
    floating: [{ name: 'CTIOSCILClientID', tag: TAGS.CTIOS_CIL_CLIENT_ID }],
  },
} as const satisfies Record<string, MessageDef>;

export type MessageName = keyof typeof MESSAGES;

type Fields<Def extends MessageDef> = {
  [F in Def['fixed'][number] as F extends { since: number } ? never : F['name']]: ValueOf<F['type']>;
} & {
  [F in Def['fixed'][number] as F extends { since: number } ? F['name'] : never]?: ValueOf<F['type']>;
} & {
  [F in Def['floating'][number] as F['name']]?: F extends { repeated: true }
    ? ValueOf<F['tag']['type']>[]
    : ValueOf<F['tag']['type']>;
};

/** A floating field whose tag this message type does not define, kept to be re-sent as it came. */
export interface UnknownField {
  readonly Tag: number;
  readonly Data: Uint8Array;
}

/** A decoded (or to-be-encoded) message of one known type. */
export type Message<N extends MessageName = MessageName> = N extends MessageName
  ? {
      readonly MessageType: N;
      /** Set by decode; encode takes the number from the table and ignores it. */
      readonly MessageTypeId?: number;
      UnknownFields?: UnknownField[];
    } & Fields<(typeof MESSAGES)[N]>
  : never;

/** A frame whose MessageType the library does not know; its body is kept whole. */
export interface UnknownMessage {
  readonly MessageType: 'UNKNOWN';
  readonly MessageTypeId: number;
  readonly Body: Uint8Array;
}

const NAMES_BY_ID: ReadonlyMap<number, MessageName> = new Map(
  (Object.entries(MESSAGES) as [MessageName, MessageDef][]).map(([name, def]) => [def.id, name]),
);

export function messageNameOf(id: number): MessageName | undefined {
  return NAMES_BY_ID.get(id);
}

export function messageIdOf(name: MessageName): number {
  return MESSAGES[name].id;
}

export function isMessageName(name: string): name is MessageName {
  return Object.hasOwn(MESSAGES, name);
}
