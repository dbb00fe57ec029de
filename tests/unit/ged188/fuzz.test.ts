import { describe, expect, it } from 'vitest';
import { FrameReader, Ged188DecodeError, Ged188EncodeError, Ged188FramingError, decode, encode, type Message } from '../../../ged188/index.js';
import { fuzzFrames } from '../../support/frame-mutations.js';

/**
 * Mutated frames (bit flips, truncation, length lies, tag and length corruption)
 * may be rejected, but only with the library's typed errors: anything else would
 * crash a session on one bad frame. The benchmark runs the same mutations a
 * million times (`npm run bench -- fuzz`).
 */
describe('fuzz: mutated frames produce only typed errors', () => {
  it('20,000 cases through decode, re-encode and the stream framer', () => {
    const stats = { cases: 0, decoded: 0, typedErrors: 0 };
    for (const { frame, version } of fuzzFrames(20_000, 0x5eed)) {
      stats.cases++;
      try {
        const message = decode(frame, { version });
        stats.decoded++;
        // What decodes encodes again, or is refused with a typed error (an over-long
        // UNSPEC read leniently is more than strict encoding will send).
        try {
          if (message.MessageType !== 'UNKNOWN') encode(message as Message, { version });
        } catch (error) {
          if (!(error instanceof Ged188EncodeError)) throw error;
        }
      } catch (error) {
        if (!(error instanceof Ged188DecodeError)) throw error;
        stats.typedErrors++;
      }
      try {
        new FrameReader().push(frame);
      } catch (error) {
        if (!(error instanceof Ged188FramingError)) throw error;
      }
    }
    expect(stats.cases).toBe(20_000);
    expect(stats.decoded + stats.typedErrors).toBe(20_000);
    // Both outcomes must actually occur, or the mutations are too weak (or too strong).
    expect(stats.decoded).toBeGreaterThan(1000);
    expect(stats.typedErrors).toBeGreaterThan(1000);
  });
});
