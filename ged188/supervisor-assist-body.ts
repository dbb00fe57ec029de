import { HEADER_BYTES, decode, encode, floatingHeaderBytes } from './codec.js';
import { Ged188DecodeError } from './errors.js';
import { buildMessage, type MessageFields } from './message-builder.js';
import { messageIdOf, type Message } from './messages.js';

/**
 * SUPERVISOR_ASSIST_EVENT (120) is in the guide's message list, but no table gives
 * its body (ged188.md §7 #11), so the codec keeps that body as untabulated bytes.
 * This module is the one place that gives those bytes a meaning, and says it is an
 * assumption: the body is read and written as the EMERGENCY_CALL_EVENT layout (the
 * event a supervisor gets for the sibling request), as the digest recommends. The
 * simulator writes it so; the supervisor desk reads it so and copes when it is not.
 */
export type AssistBodyFields = Omit<MessageFields<'EMERGENCY_CALL_EVENT'>, 'MessageType'>;

/** The body bytes of a SUPERVISOR_ASSIST_EVENT for a session of `version`. */
export function encodeAssistBody(fields: AssistBodyFields, version: number): Uint8Array {
  const frame = encode(buildMessage('EMERGENCY_CALL_EVENT', fields as MessageFields<'EMERGENCY_CALL_EVENT'>), { version });
  return frame.slice(HEADER_BYTES);
}

/** A SUPERVISOR_ASSIST_EVENT whose body is `encodeAssistBody(fields, version)`. */
export function assistEvent(fields: AssistBodyFields, version: number): Message<'SUPERVISOR_ASSIST_EVENT'> {
  return { MessageType: 'SUPERVISOR_ASSIST_EVENT', Trailing: encodeAssistBody(fields, version) };
}

function readAt(body: Uint8Array, version: number): Message<'EMERGENCY_CALL_EVENT'> | undefined {
  const frame = new Uint8Array(HEADER_BYTES + body.length);
  const view = new DataView(frame.buffer);
  view.setUint32(0, body.length);
  view.setUint32(4, messageIdOf('EMERGENCY_CALL_EVENT'));
  frame.set(body, HEADER_BYTES);
  try {
    const message = decode(frame, { version }) as Message<'EMERGENCY_CALL_EVENT'>;
    // Every byte must read as a known field: anything else means the guess is wrong.
    return message.UnknownFields === undefined && message.Trailing === undefined ? message : undefined;
  } catch (error) {
    if (error instanceof Ged188DecodeError) return undefined;
    throw error;
  }
}

/**
 * The body read as the EMERGENCY_CALL_EVENT layout, or undefined when the bytes are
 * not that layout (a real CTI Server may send something else). The TLV header width
 * depends on the protocol version (1 byte before v20, 2 from v20): `version` is
 * tried first, then the other width, so a reader that does not know the session's
 * version still reads it.
 */
export function readAssistBody(message: Message<'SUPERVISOR_ASSIST_EVENT'>, version = 24): Message<'EMERGENCY_CALL_EVENT'> | undefined {
  const body = message.Trailing ?? new Uint8Array(0);
  const other = floatingHeaderBytes(version) === 2 ? 19 : 20;
  return readAt(body, version) ?? readAt(body, other);
}

/**
 * The same event with its body re-written for a session of `version`, when the
 * body was written (as `assistEvent` does) for `writtenFor` and the TLV header
 * widths differ; unchanged otherwise, or when the body is not the assumed layout.
 */
export function assistEventForVersion(
  message: Message<'SUPERVISOR_ASSIST_EVENT'>,
  writtenFor: number,
  version: number,
): Message<'SUPERVISOR_ASSIST_EVENT'> {
  if (floatingHeaderBytes(writtenFor) === floatingHeaderBytes(version)) return message;
  const fields = readAt(message.Trailing ?? new Uint8Array(0), writtenFor);
  if (fields === undefined) return message;
  const { MessageType: _type, MessageTypeId: _id, ...rest } = fields;
  return assistEvent(rest as AssistBodyFields, version);
}
