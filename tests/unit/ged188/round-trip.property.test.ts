import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode, encode, validate, type Message } from '../../../ged188/index.js';
import { MESSAGE_NAMES, messageNamesFor, sampleMessage, seededRandom } from '../../support/guide-frames.js';
import { asDecoded } from '../../support/messages.js';

/**
 * Random valid messages of every type, at every protocol version the library
 * supports, with random subsets of their optional fields, survive encode → decode
 * unchanged, and re-encode to the same bytes.
 */
describe('round trip (property)', () => {
  it('decode(encode(m)) equals m, and encode is stable', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MESSAGE_NAMES),
        fc.integer({ min: 13, max: 25 }),
        fc.integer(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (name, version, seed, presence) => {
          if (!messageNamesFor(version).includes(name)) return; // a message type newer than the session
          const message = sampleMessage(name, seededRandom(seed), { version, presence, maxEntries: 4 });
          const frame = encode(message, { version });
          const decoded = decode(frame, { version });
          expect(decoded).toEqual(asDecoded(message));
          expect(encode(decoded as Message, { version })).toEqual(frame);
          expect(validate(message)).toEqual([]);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('keeps non-ASCII text intact (UTF-8) and cuts over-long text on a character boundary', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
        const frame = encode({ MessageType: 'FAILURE_EVENT', Status: 1, Text: text.replace(/\0/g, '') });
        const decoded = decode(frame) as Message<'FAILURE_EVENT'>;
        const bytes = new TextEncoder().encode(decoded.Text ?? '');
        expect(bytes.length).toBeLessThanOrEqual(254);
        expect(text.replace(/\0/g, '').startsWith(decoded.Text ?? '')).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
