import { AGENT_MESSAGES } from './layouts/agent.js';
import { CALL_CONTROL_MESSAGES } from './layouts/call-control.js';
import { CALL_EVENT_MESSAGES } from './layouts/call-events.js';
import { REPLY_MESSAGES } from './layouts/replies.js';
import { SESSION_MESSAGES } from './layouts/session.js';
import { SKILL_GROUP_STATISTICS_MESSAGES } from './layouts/skill-group-statistics.js';
import { STATISTICS_MESSAGES } from './layouts/statistics.js';
import { SUPERVISOR_MESSAGES } from './layouts/supervisor.js';
import { TEAM_AND_SESSION_MESSAGES } from './layouts/teams-and-sessions.js';
import type { MessageDef } from './message-def.js';
import type { ValueOf } from './wire-types.js';

export type { FixedFieldDef, FloatingFieldDef, MessageDef, MessageTable } from './message-def.js';

/**
 * One declarative layout per message type, fields in the guide's order (ged188.md
 * §2 and §4). The codec interprets these tables; nothing reads or writes a message
 * by hand. Encode writes floating fields in table order, so decode → encode
 * reproduces a guide-ordered frame byte for byte.
 */
export const MESSAGES = {
  ...SESSION_MESSAGES,
  ...AGENT_MESSAGES,
  ...CALL_EVENT_MESSAGES,
  ...CALL_CONTROL_MESSAGES,
  ...REPLY_MESSAGES,
  ...SUPERVISOR_MESSAGES,
  ...TEAM_AND_SESSION_MESSAGES,
  ...STATISTICS_MESSAGES,
  ...SKILL_GROUP_STATISTICS_MESSAGES,
} as const;

export type MessageName = keyof typeof MESSAGES;

type Fields<Def extends MessageDef> = {
  [F in Def['fixed'][number] as F extends { since: number } ? never : F['name']]: ValueOf<F['type']>;
} & {
  [F in Def['fixed'][number] as F extends { since: number } ? F['name'] : never]?: ValueOf<F['type']>;
} & {
  [F in Def['floating'][number] as F['name']]?: F extends { repeated: true } ? ValueOf<F['type']>[] : ValueOf<F['type']>;
};

/** A floating field whose tag this message type does not define, kept to be re-sent as it came. */
export interface UnknownField {
  readonly Tag: number;
  readonly Data: Uint8Array;
  /** How many known floating fields came before it on the wire; encode puts it back there (absent: last). */
  readonly Position?: number;
}

/** A decoded (or to-be-encoded) message of one known type, under the guide's field names. */
export type Message<N extends MessageName = MessageName> = N extends MessageName
  ? {
      readonly MessageType: N;
      /** Set by decode; encode takes the number from the table. */
      readonly MessageTypeId?: number;
      /** Floating fields of tags this layout does not define, in wire order; re-sent last. */
      UnknownFields?: UnknownField[];
      /**
       * Bytes after the last whole floating field that are too few to be one, or the
       * whole floating part of a message whose body the guide does not tabulate.
       */
      Trailing?: Uint8Array;
    } & Fields<(typeof MESSAGES)[N]>
  : never;

/** A frame whose MessageType has no layout here; its body is kept whole. */
export interface UnknownMessage {
  readonly MessageType: 'UNKNOWN';
  readonly MessageTypeId: number;
  /** The guide's name for the number, when the message table has one. */
  readonly MessageTypeName?: string;
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

export function layoutOf(name: MessageName): MessageDef {
  return MESSAGES[name];
}
