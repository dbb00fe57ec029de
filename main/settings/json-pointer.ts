/**
 * JSON Pointers (RFC 6901) over plain JSON values: how the settings document names
 * a value for `locked`, for the user's preferences and for each problem found.
 */

export type JsonPointer = string;

/** The reference tokens of `pointer` (`''` is the whole document); undefined when it is not a pointer. */
export function pointerTokens(pointer: JsonPointer): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  const tokens = pointer.slice(1).split('/');
  // `~` must be followed by 0 or 1.
  if (tokens.some((token) => /~(?![01])/.test(token))) return undefined;
  return tokens.map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function childOf(value: unknown, token: string): unknown {
  if (Array.isArray(value)) return isArrayIndex(token) ? value[Number(token)] : undefined;
  if (typeof value === 'object' && value !== null && Object.hasOwn(value, token)) return (value as Record<string, unknown>)[token];
  return undefined;
}

function isArrayIndex(token: string): boolean {
  return /^(0|[1-9]\d*)$/.test(token);
}

/** The value `pointer` names in `document`, or undefined when there is none. */
export function valueAt(document: unknown, pointer: JsonPointer): unknown {
  const tokens = pointerTokens(pointer);
  if (!tokens) return undefined;
  let value = document;
  for (const token of tokens) {
    value = childOf(value, token);
    if (value === undefined) return undefined;
  }
  return value;
}

/**
 * `document` with the value at `pointer` replaced by `value` (copied along the path;
 * the input is not changed). The parent must exist; an object member may be new, an
 * array element must exist. Undefined when the pointer does not fit the document.
 */
export function withValueAt(document: unknown, pointer: JsonPointer, value: unknown): unknown {
  const tokens = pointerTokens(pointer);
  if (!tokens) return undefined;
  return replaceAlong(document, tokens, value);
}

function replaceAlong(current: unknown, tokens: readonly string[], value: unknown): unknown {
  const [token, ...rest] = tokens;
  if (token === undefined) return value;
  if (Array.isArray(current)) {
    if (!isArrayIndex(token) || Number(token) >= current.length) return undefined;
    const child = replaceAlong(current[Number(token)], rest, value);
    if (child === undefined) return undefined;
    const copy = [...current];
    copy[Number(token)] = child;
    return copy;
  }
  if (typeof current === 'object' && current !== null) {
    const existing = childOf(current, token);
    if (existing === undefined && rest.length > 0) return undefined;
    const child = replaceAlong(existing, rest, value);
    if (child === undefined) return undefined;
    return { ...current, [token]: child };
  }
  return undefined;
}

/** Whether `inner` is `outer` or lies beneath it (`/grid/callAppearance/0` is within `/grid`). */
export function isWithin(inner: JsonPointer, outer: JsonPointer): boolean {
  return inner === outer || inner.startsWith(`${outer}/`);
}
