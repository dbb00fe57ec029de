/**
 * Text that came from outside (a header, a path, a peer's error message) made safe to
 * log: control characters escaped, so one entry stays one line and cannot forge the
 * next, and cut to `maxChars`, so a 14 KB header costs a short line, not 14 KB.
 */
export function printable(text: string, maxChars = 200): string {
  let out = '';
  let index = 0;
  // Walks only as far as the output allows, a code point at a time (never half a
  // surrogate pair): a huge value costs no more than a short one.
  for (const char of text) {
    const shown = escape(char);
    if (out.length + shown.length > maxChars) break;
    out += shown;
    index += char.length;
  }
  return index < text.length ? `${out}… (${text.length - index} more characters)` : out;
}

/** C0 and C1 controls, DEL and the two Unicode line separators, which some viewers break lines at. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this matches
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

function escape(char: string): string {
  if (!UNPRINTABLE.test(char)) return char;
  const code = char.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
}
