import { describe, expect, it } from 'vitest';
import { ShortcutKeySchema } from '../../../contract/index.js';
import { shortcutOf } from '../../../renderer/src/shortcut-keys.js';

const press = (code: string, modifiers: Partial<Record<'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey', boolean>> = {}) => ({
  code,
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  ...modifiers,
});

describe('shortcutOf', () => {
  it('writes a key press the way the settings write shortcuts', () => {
    expect(shortcutOf(press('KeyY', { altKey: true }))).toBe('Alt+Y');
    expect(shortcutOf(press('F5', { ctrlKey: true, shiftKey: true }))).toBe('Ctrl+Shift+F5');
    expect(shortcutOf(press('Digit1', { metaKey: true }))).toBe('Meta+1');
    expect(shortcutOf(press('NumpadEnter'))).toBe('Enter');
  });

  it('names only keys a shortcut can be, and every name it gives is a valid shortcut', () => {
    expect(shortcutOf(press('ArrowDown', { altKey: true }))).toBeUndefined();
    expect(shortcutOf(press('AltLeft', { altKey: true }))).toBeUndefined();
    for (const code of ['KeyA', 'Digit0', 'F12', 'PageUp', 'Space', 'Escape']) {
      expect(ShortcutKeySchema.safeParse(shortcutOf(press(code, { ctrlKey: true, altKey: true }))).success, code).toBe(true);
    }
  });
});
