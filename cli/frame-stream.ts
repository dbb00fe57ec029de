import { HEADER_BYTES, MAX_BODY_BYTES, decode, type Message, type UnknownMessage } from '../ged188/index.js';
import { InputError } from './hex.js';

const OPEN_REQ = 3;

/**
 * The protocol version to read a capture with: the VersionNumber of the OPEN_REQ
 * that begins the conversation, when there is one, else the fallback. Only the
 * TLV header size and a few fixed layouts depend on it.
 */
export function versionFromOpen(frame: Uint8Array | undefined, fallback: number): number {
  if (!frame || frame.length < 16) return fallback;
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  if (view.getUint32(4) !== OPEN_REQ) return fallback;
  const version = view.getUint32(12);
  return version >= 13 && version <= 25 ? version : fallback;
}

/**
 * Cuts a raw captured byte stream into frames, in order; a stream that breaks off
 * throws after the frames before the break, naming the offset where it broke.
 */
export function* splitStream(bytes: Uint8Array): Generator<{ frame: Uint8Array; offset: number }> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  while (offset < bytes.length) {
    if (bytes.length - offset < HEADER_BYTES) {
      throw new InputError(`stream ends inside a message header at byte ${offset} (${bytes.length - offset} of ${HEADER_BYTES} bytes)`);
    }
    const bodyLength = view.getUint32(offset);
    if (bodyLength > MAX_BODY_BYTES) {
      throw new InputError(`message at byte ${offset} declares MessageLength ${bodyLength}, above the ${MAX_BODY_BYTES}-byte limit: not a GED-188 stream, or it starts mid-message`);
    }
    const end = offset + HEADER_BYTES + bodyLength;
    if (end > bytes.length) {
      throw new InputError(`stream ends inside the message at byte ${offset} (${bytes.length - offset} of ${end - offset} bytes)`);
    }
    yield { frame: bytes.subarray(offset, end), offset };
    offset = end;
  }
}

/** Decodes a frame, turning a decode error into an input error that says where it was. */
export function decodeAt(frame: Uint8Array, version: number, where: string): Message | UnknownMessage {
  try {
    return decode(frame, { version });
  } catch (error) {
    throw new InputError(`${where}: ${(error as Error).message}`);
  }
}
