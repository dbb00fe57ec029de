import { HEADER_BYTES, MAX_BODY_BYTES } from './codec.js';

/** The stream declared a frame the protocol cannot have; the connection must be dropped. */
export class Ged188FramingError extends Error {
  override readonly name = 'Ged188FramingError';
  constructor(
    readonly declaredLength: number,
    readonly messageTypeId: number,
  ) {
    super(
      `frame of message type ${messageTypeId} declares MessageLength ${declaredLength}, above the ${MAX_BODY_BYTES}-byte limit`,
    );
  }
}

/**
 * Bytes in, whole frames out. TCP delivers a byte stream, so one chunk may hold a
 * fragment of a frame or many frames; this buffers until each frame is complete.
 */
export class FrameReader {
  private buffer: Uint8Array = new Uint8Array(0);
  private failed: Ged188FramingError | undefined;

  /** Adds bytes and returns every frame now complete (header included), in order. */
  push(chunk: Uint8Array): Uint8Array[] {
    if (this.failed) throw this.failed;
    this.buffer = this.buffer.length === 0 ? chunk : concat(this.buffer, chunk);
    const frames: Uint8Array[] = [];
    let offset = 0;
    while (this.buffer.length - offset >= HEADER_BYTES) {
      const view = new DataView(this.buffer.buffer, this.buffer.byteOffset + offset, HEADER_BYTES);
      const bodyLength = view.getUint32(0);
      if (bodyLength > MAX_BODY_BYTES) {
        this.failed = new Ged188FramingError(bodyLength, view.getUint32(4));
        throw this.failed;
      }
      const frameLength = HEADER_BYTES + bodyLength;
      if (this.buffer.length - offset < frameLength) break;
      frames.push(this.buffer.slice(offset, offset + frameLength));
      offset += frameLength;
    }
    this.buffer = offset === 0 ? this.buffer : this.buffer.slice(offset);
    return frames;
  }

  /** Bytes held back waiting for the rest of a frame. */
  get pending(): number {
    return this.buffer.length;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}
