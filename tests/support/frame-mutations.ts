import { encode } from '../../ged188/index.js';
import { messageNamesFor, sampleMessage, seededRandom, type Random } from './guide-frames.js';

export type Mutation = 'bit-flip' | 'truncate' | 'length-lie' | 'tag-corrupt' | 'field-length-corrupt' | 'extend';

const MUTATIONS: Mutation[] = ['bit-flip', 'truncate', 'length-lie', 'tag-corrupt', 'field-length-corrupt', 'extend'];

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function mutate(frame: Uint8Array, mutation: Mutation, random: Random, version: number): Uint8Array {
  const out = Uint8Array.from(frame);
  const view = new DataView(out.buffer);
  const at = (from: number) => from + Math.floor(random() * Math.max(1, out.length - from));
  switch (mutation) {
    case 'bit-flip': {
      for (let flips = 1 + Math.floor(random() * 4); flips > 0; flips--) {
        const i = at(0);
        out[i] = out[i]! ^ (1 << Math.floor(random() * 8));
      }
      return out;
    }
    case 'truncate': {
      const cut = out.subarray(0, Math.floor(random() * out.length));
      // Half the time keep MessageLength honest, so the fixed or floating part is what is short.
      if (cut.length >= 4 && random() < 0.5) new DataView(cut.buffer, cut.byteOffset).setUint32(0, Math.max(0, cut.length - 8));
      return cut;
    }
    case 'length-lie':
      view.setUint32(0, pick(random, [0, 1, out.length, out.length - 9, 0xffff, 0x10000, 0xffffffff, Math.floor(random() * 0x20000)]) >>> 0);
      return out;
    case 'tag-corrupt':
    case 'field-length-corrupt': {
      // Somewhere in the floating part, if any: overwrite a header-sized slot.
      const headerBytes = version >= 20 ? 2 : 1;
      if (out.length <= 12) return out;
      const i = at(12);
      const value = Math.floor(random() * (headerBytes === 2 ? 0x10000 : 0x100));
      if (headerBytes === 2 && i + 1 < out.length) view.setUint16(i, value);
      else out[i] = value & 0xff;
      return out;
    }
    case 'extend': {
      const extra = Uint8Array.from({ length: 1 + Math.floor(random() * 8) }, () => Math.floor(random() * 256));
      const longer = new Uint8Array(out.length + extra.length);
      longer.set(out);
      longer.set(extra, out.length);
      new DataView(longer.buffer).setUint32(0, longer.length - 8);
      return longer;
    }
  }
}

/** `count` mutated frames of random valid messages, reproducible from `seed`. */
export function* fuzzFrames(count: number, seed: number): Generator<{ frame: Uint8Array; version: number; mutation: Mutation }> {
  const random = seededRandom(seed);
  const versions = [13, 19, 20, 22, 24, 25];
  // Valid frames are costly next to a mutation; build a pool and mutate it many ways.
  const pool = Array.from({ length: 400 }, () => {
    const version = pick(random, versions);
    const message = sampleMessage(pick(random, messageNamesFor(version)), random, { version, presence: random(), maxEntries: 3 });
    return { frame: encode(message, { version }), version };
  });
  for (let i = 0; i < count; i++) {
    const { frame, version } = pick(random, pool);
    const mutation = pick(random, MUTATIONS);
    yield { frame: mutate(frame, mutation, random, version), version, mutation };
  }
}
