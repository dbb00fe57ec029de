import type { ShortcutAction } from '../../contract/index.js';

/** Every action a shortcut can be bound to, in the order the list shows them. */
export const SHORTCUT_ACTIONS = [
  'answer',
  'release',
  'holdRetrieve',
  'ready',
  'notReady',
  'makeCall',
  'transfer',
  'conference',
  'wrapup',
] as const satisfies readonly ShortcutAction[];

export type ShortcutBindings = Readonly<Record<ShortcutAction, string | null>>;

/**
 * What the browser or the operating system does with a key (a key under
 * `shortcuts.reserved.*` in the message files says it in words).
 * `refuse`: the page never gets the key, or taking it breaks typing or the dialogs.
 * `warn`: the page can take it, but the agent loses what the browser did with it.
 */
export type ReservedUse =
  | 'closeTab'
  | 'newTab'
  | 'newWindow'
  | 'reopenTab'
  | 'quit'
  | 'closeWindow'
  | 'switchTab'
  | 'system'
  | 'typing'
  | 'controls'
  | 'shortcutsList'
  | 'reload'
  | 'find'
  | 'print'
  | 'addressBar'
  | 'browserMenu'
  | 'editing'
  | 'devTools'
  | 'fullScreen'
  | 'zoom'
  | 'bookmarks';

const REFUSED: ReadonlyMap<string, ReservedUse> = new Map([
  ['Ctrl+W', 'closeTab'],
  ['Ctrl+F4', 'closeTab'],
  ['Ctrl+T', 'newTab'],
  ['Ctrl+N', 'newWindow'],
  ['Ctrl+Shift+N', 'newWindow'],
  ['Ctrl+Shift+T', 'reopenTab'],
  ['Ctrl+Q', 'quit'],
  ['Ctrl+Shift+Q', 'quit'],
  ['Ctrl+Shift+W', 'closeWindow'],
  ['Alt+F4', 'closeWindow'],
  ['Ctrl+PageUp', 'switchTab'],
  ['Ctrl+PageDown', 'switchTab'],
  ['Enter', 'controls'],
  ['Space', 'controls'],
  ['Escape', 'controls'],
  ['Home', 'controls'],
  ['End', 'controls'],
  ['PageUp', 'controls'],
  ['PageDown', 'controls'],
  ['F1', 'shortcutsList'],
]);

const WARNED: ReadonlyMap<string, ReservedUse> = new Map([
  ['F5', 'reload'],
  ['Ctrl+R', 'reload'],
  ['Ctrl+F5', 'reload'],
  ['Ctrl+Shift+R', 'reload'],
  ['Ctrl+F', 'find'],
  ['F3', 'find'],
  ['Ctrl+G', 'find'],
  ['Ctrl+P', 'print'],
  ['Ctrl+L', 'addressBar'],
  ['Alt+D', 'addressBar'],
  ['F6', 'addressBar'],
  ['Alt+F', 'browserMenu'],
  ['Alt+E', 'browserMenu'],
  ['F10', 'browserMenu'],
  ['Ctrl+A', 'editing'],
  ['Ctrl+C', 'editing'],
  ['Ctrl+V', 'editing'],
  ['Ctrl+X', 'editing'],
  ['Ctrl+Z', 'editing'],
  ['Ctrl+Y', 'editing'],
  ['Ctrl+Shift+Z', 'editing'],
  ['Ctrl+Shift+V', 'editing'],
  ['F12', 'devTools'],
  ['Ctrl+Shift+I', 'devTools'],
  ['Ctrl+Shift+J', 'devTools'],
  ['Ctrl+Shift+C', 'devTools'],
  ['Ctrl+U', 'devTools'],
  ['F11', 'fullScreen'],
  ['Ctrl+0', 'zoom'],
  ['Ctrl+D', 'bookmarks'],
  ['Ctrl+Shift+B', 'bookmarks'],
  ['Ctrl+H', 'bookmarks'],
  ['Ctrl+J', 'bookmarks'],
]);

/** What binding `key` to an action would clash with, if anything. */
export type ShortcutConflict =
  | { readonly kind: 'taken'; readonly severity: 'refuse'; readonly other: ShortcutAction }
  | { readonly kind: 'reserved'; readonly severity: 'refuse' | 'warn'; readonly use: ReservedUse };

/**
 * What the browser or the system does with `key` (a shortcut as `shortcutOf` names it),
 * if anything. Keys with no modifier but Shift type text in the fields, so they are
 * refused; Meta belongs to the operating system (Windows key, Command), so it is too.
 */
export function reservedUse(key: string): Omit<Extract<ShortcutConflict, { kind: 'reserved' }>, 'kind'> | undefined {
  const refused = REFUSED.get(key);
  if (refused) return { severity: 'refuse', use: refused };
  const parts = key.split('+');
  const modifiers = parts.slice(0, -1);
  const last = parts.at(-1) ?? '';
  if (modifiers.includes('Meta')) return { severity: 'refuse', use: 'system' };
  if (/^Ctrl\+[1-9]$/.test(key) || /^Alt\+[1-9]$/.test(key)) return { severity: 'refuse', use: 'switchTab' };
  if (/^[A-Z0-9]$/.test(last) && modifiers.every((modifier) => modifier === 'Shift')) return { severity: 'refuse', use: 'typing' };
  const warned = WARNED.get(key);
  return warned ? { severity: 'warn', use: warned } : undefined;
}

/**
 * Whether `key` may be bound to `action` with the other bindings as they are: another
 * action on the same key is refused (one key, one action), and so is a key the browser
 * or system keeps; a key the page can take from the browser is a warning.
 */
export function shortcutConflict(action: ShortcutAction, key: string, bindings: ShortcutBindings): ShortcutConflict | undefined {
  const other = SHORTCUT_ACTIONS.find((candidate) => candidate !== action && bindings[candidate] === key);
  if (other) return { kind: 'taken', severity: 'refuse', other };
  const reserved = reservedUse(key);
  return reserved && { kind: 'reserved', ...reserved };
}

/**
 * The clashes in a set of bindings as it stands (a central document may have put two
 * actions on one key): each key bound more than once, with its actions. Only the first
 * of them answers the key, so the list marks the others.
 */
export function duplicateBindings(bindings: ShortcutBindings): ReadonlyMap<string, readonly ShortcutAction[]> {
  const byKey = new Map<string, ShortcutAction[]>();
  for (const action of SHORTCUT_ACTIONS) {
    const key = bindings[action];
    if (key) byKey.set(key, [...(byKey.get(key) ?? []), action]);
  }
  return new Map([...byKey].filter(([, actions]) => actions.length > 1));
}
