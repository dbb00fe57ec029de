/**
 * The fuzz test's mutations, a million times: every outcome must be a decoded
 * message or one of the library's typed errors. Prints one JSON line with counts.
 */
import { FrameReader, Ged188DecodeError, Ged188EncodeError, Ged188FramingError, decode, encode, type Message } from '../ged188/index.js';
import { fuzzFrames, type Mutation } from '../tests/support/frame-mutations.js';

export function runFuzzBenchmark(cases = 1_000_000, seed = 0xf022): Record<string, unknown> {
  const counts = { decoded: 0, typedDecodeErrors: 0, reencoded: 0, typedEncodeErrors: 0, framingErrors: 0, untypedErrors: 0 };
  const byMutation: Partial<Record<Mutation, number>> = {};
  const untypedExamples: string[] = [];
  const start = performance.now();
  for (const { frame, version, mutation } of fuzzFrames(cases, seed)) {
    byMutation[mutation] = (byMutation[mutation] ?? 0) + 1;
    try {
      const message = decode(frame, { version });
      counts.decoded++;
      if (message.MessageType !== 'UNKNOWN') {
        try {
          encode(message as Message, { version });
          counts.reencoded++;
        } catch (error) {
          if (error instanceof Ged188EncodeError) counts.typedEncodeErrors++;
          else throw error;
        }
      }
    } catch (error) {
      if (error instanceof Ged188DecodeError) counts.typedDecodeErrors++;
      else {
        counts.untypedErrors++;
        if (untypedExamples.length < 5) untypedExamples.push(`${mutation}: ${Buffer.from(frame).toString('hex')}: ${String(error)}`);
      }
    }
    try {
      new FrameReader().push(frame);
    } catch (error) {
      if (error instanceof Ged188FramingError) counts.framingErrors++;
      else counts.untypedErrors++;
    }
  }
  return {
    benchmark: 'fuzz',
    cases,
    seed,
    ...counts,
    byMutation,
    seconds: Number(((performance.now() - start) / 1000).toFixed(1)),
    ...(untypedExamples.length > 0 ? { untypedExamples } : {}),
  };
}
