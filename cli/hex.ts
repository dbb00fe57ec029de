/** A problem with command-line input, reported as one line and exit code 2. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/**
 * Parses hex as people paste it: spaces, newlines, an optional 0x prefix; colons
 * or dashes between bytes (as Wireshark copies them) are accepted too.
 */
export function parseHex(text: string, what = 'HEX'): Uint8Array {
  const compact = text.trim().replace(/^0x/i, '').replace(/[\s:-]+/g, '');
  const bad = /[^0-9a-f]/i.exec(compact);
  if (bad) throw new InputError(`${what} is not hexadecimal: "${bad[0]}" at digit ${bad.index + 1}`);
  if (compact.length === 0) throw new InputError(`${what} is empty`);
  if (compact.length % 2 !== 0) throw new InputError(`${what} has an odd number of hex digits (${compact.length}); each byte is two digits`);
  const bytes = new Uint8Array(compact.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(compact.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}
