import { describe, expect, it } from 'vitest';
import { FrameReader, Ged188FramingError, encode } from '../../../ged188/index.js';

const frames = [
  encode({ MessageType: 'HEARTBEAT_REQ', InvokeID: 1 }),
  encode({ MessageType: 'CLOSE_REQ', InvokeID: 2, Status: 0 }),
  encode({ MessageType: 'FAILURE_CONF', InvokeID: 3, Status: 15 }),
];
const stream = Uint8Array.from(frames.flatMap((f) => [...f]));

describe('FrameReader', () => {
  it('returns many frames from one chunk, in order', () => {
    expect(new FrameReader().push(stream)).toEqual(frames);
  });

  it('reassembles frames split at every possible byte', () => {
    for (let cut = 1; cut < stream.length; cut++) {
      const reader = new FrameReader();
      const out = [...reader.push(stream.subarray(0, cut)), ...reader.push(stream.subarray(cut))];
      expect(out).toEqual(frames);
      expect(reader.pending).toBe(0);
    }
  });

  it('reassembles a stream fed one byte at a time', () => {
    const reader = new FrameReader();
    const out = [...stream].flatMap((byte) => reader.push(Uint8Array.of(byte)));
    expect(out).toEqual(frames);
  });

  it('rejects a declared length above 64 KiB with a typed error, and stays failed', () => {
    const reader = new FrameReader();
    const lie = Uint8Array.of(0x00, 0x01, 0x00, 0x00, 0, 0, 0, 5);
    expect(() => reader.push(lie)).toThrow(Ged188FramingError);
    expect(() => reader.push(frames[0]!)).toThrow(/MessageLength 65536/);
  });
});
