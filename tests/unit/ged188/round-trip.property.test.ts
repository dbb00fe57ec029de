import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MESSAGES, decode, encode, sizeOfFixed, validate, type Message, type MessageDef } from '../../../ged188/index.js';
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
  }, 30_000);

  it('puts an unknown floating field back where it was, between any two known ones', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MESSAGE_NAMES), fc.integer({ min: 20, max: 25 }), fc.integer(), fc.nat(), (name, version, seed, where) => {
        // Messages whose body after the fixed part is untabulated keep it whole as Trailing.
        if (!messageNamesFor(version).includes(name) || (MESSAGES[name] as MessageDef).untabulatedBody) return;
        const message = sampleMessage(name, seededRandom(seed), { version, presence: 0.7, maxEntries: 2 });
        const frame = encode(message, { version });
        // Walk the floating part to its field boundaries, then insert tag 0xfff0 at one of them.
        const view = new DataView(frame.buffer);
        const fixedEnd = frame.length - floatingBytes(frame, version, message);
        const boundaries = [fixedEnd];
        for (let at = fixedEnd; at < frame.length; at += 4 + view.getUint16(at + 2)) boundaries.push(at + 4 + view.getUint16(at + 2));
        const cut = boundaries[where % boundaries.length]!;
        const extra = Uint8Array.of(0xff, 0xf0, 0x00, 0x02, 0xab, 0xcd);
        const longer = new Uint8Array(frame.length + extra.length);
        longer.set(frame.subarray(0, cut));
        longer.set(extra, cut);
        longer.set(frame.subarray(cut), cut + extra.length);
        new DataView(longer.buffer).setUint32(0, longer.length - 8);
        const decoded = decode(longer, { version }) as Message;
        expect(decoded.UnknownFields).toHaveLength(1);
        expect(encode(decoded, { version })).toEqual(longer);
      }),
      { numRuns: 1500 },
    );
  }, 30_000);

  it('keeps non-ASCII text intact (UTF-8) and refuses text over the maximum, never cutting it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), (raw) => {
        const text = raw.replace(/\0/g, '');
        const bytes = new TextEncoder().encode(text).length;
        const message = { MessageType: 'FAILURE_EVENT', Status: 1, Text: text } as const;
        if (bytes > 254) {
          expect(() => encode(message)).toThrow(new RegExp(`^FAILURE_EVENT\\.Text: ${bytes} bytes of text exceed the maximum of 254`));
        } else {
          expect((decode(encode(message)) as Message<'FAILURE_EVENT'>).Text).toBe(text);
        }
      }),
      { numRuns: 500 },
    );
  });
});

/** Bytes of the floating part: the frame less header and the fixed part the version carries. */
function floatingBytes(frame: Uint8Array, version: number, message: Message): number {
  const def: MessageDef = MESSAGES[message.MessageType];
  const fixed = def.fixed.filter((f) => f.since === undefined || f.since <= version).reduce((sum, f) => sum + sizeOfFixed(f.type), 0);
  return frame.length - 8 - fixed;
}
