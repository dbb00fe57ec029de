/** The parts of a keyboard event a shortcut is made of. */
export interface KeyPress {
  readonly code: string;
  readonly ctrlKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
  readonly metaKey: boolean;
}

const NAMED_KEYS = new Set(['Enter', 'Space', 'Escape', 'Home', 'End', 'PageUp', 'PageDown']);

/**
 * A key press as the settings write shortcuts (`Alt+Y`, `Ctrl+Shift+F5`), or undefined
 * for a key no shortcut can name. Read from the physical key (`code`), so Alt+Y is
 * Alt+Y whatever character the layout or the Alt key makes of it.
 */
export function shortcutOf(press: KeyPress): string | undefined {
  const key = keyName(press.code);
  if (!key) return undefined;
  const modifiers = [press.ctrlKey && 'Ctrl', press.altKey && 'Alt', press.shiftKey && 'Shift', press.metaKey && 'Meta'].filter(Boolean);
  return [...modifiers, key].join('+');
}

function keyName(code: string): string | undefined {
  const letter = /^Key([A-Z])$/.exec(code)?.[1];
  if (letter) return letter;
  const digit = /^(?:Digit|Numpad)([0-9])$/.exec(code)?.[1];
  if (digit) return digit;
  if (/^F([1-9]|1[0-2])$/.test(code)) return code;
  if (code === 'NumpadEnter') return 'Enter';
  return NAMED_KEYS.has(code) ? code : undefined;
}
