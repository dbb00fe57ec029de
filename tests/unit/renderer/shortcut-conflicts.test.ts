import { describe, expect, it } from 'vitest';
import { DEFAULT_DESKTOP_SETTINGS, ShortcutKeySchema } from '../../../contract/index.js';
import { duplicateBindings, reservedUse, SHORTCUT_ACTIONS, shortcutConflict, type ShortcutBindings } from '../../../renderer/src/shortcut-conflicts.js';

const defaults: ShortcutBindings = DEFAULT_DESKTOP_SETTINGS.shortcuts;

describe('shortcut conflicts', () => {
  it('the default keys clash with nothing: no two actions share one, none is the browser’s', () => {
    expect(duplicateBindings(defaults).size).toBe(0);
    for (const action of SHORTCUT_ACTIONS) {
      const key = defaults[action];
      expect(key, action).not.toBeNull();
      expect(shortcutConflict(action, key!, defaults), `${action} ${key}`).toBeUndefined();
    }
  });

  it('lists every action the settings have, so none is missing from the list', () => {
    expect([...SHORTCUT_ACTIONS].sort()).toEqual(Object.keys(defaults).sort());
  });

  it('refuses a key another action has, and names that action', () => {
    expect(shortcutConflict('ready', 'Alt+A', defaults)).toEqual({ kind: 'taken', severity: 'refuse', other: 'answer' });
    // Its own key again is no conflict.
    expect(shortcutConflict('answer', 'Alt+A', defaults)).toBeUndefined();
  });

  it('refuses keys the browser or the system never gives the page, or that would break typing and dialogs', () => {
    expect(shortcutConflict('answer', 'Ctrl+W', defaults)).toEqual({ kind: 'reserved', severity: 'refuse', use: 'closeTab' });
    expect(reservedUse('Alt+F4')).toEqual({ severity: 'refuse', use: 'closeWindow' });
    expect(reservedUse('Ctrl+3')).toEqual({ severity: 'refuse', use: 'switchTab' });
    expect(reservedUse('Meta+A')).toEqual({ severity: 'refuse', use: 'system' });
    expect(reservedUse('A')).toEqual({ severity: 'refuse', use: 'typing' });
    expect(reservedUse('Shift+7')).toEqual({ severity: 'refuse', use: 'typing' });
    expect(reservedUse('Escape')).toEqual({ severity: 'refuse', use: 'controls' });
    expect(reservedUse('F1')).toEqual({ severity: 'refuse', use: 'shortcutsList' });
  });

  it('warns of keys the page can take but the browser uses', () => {
    expect(shortcutConflict('release', 'F5', defaults)).toEqual({ kind: 'reserved', severity: 'warn', use: 'reload' });
    expect(reservedUse('Ctrl+C')).toEqual({ severity: 'warn', use: 'editing' });
    expect(reservedUse('Alt+F')).toEqual({ severity: 'warn', use: 'browserMenu' });
  });

  it('lets a free key with a modifier through, and a function key alone', () => {
    expect(shortcutConflict('answer', 'Ctrl+Alt+A', defaults)).toBeUndefined();
    expect(shortcutConflict('answer', 'F9', defaults)).toBeUndefined();
    expect(shortcutConflict('answer', 'Shift+F9', defaults)).toBeUndefined();
  });

  it('every reserved key it knows is one a shortcut can be written as', () => {
    for (const key of ['Ctrl+W', 'Ctrl+F4', 'Ctrl+Shift+T', 'Alt+F4', 'Ctrl+PageUp', 'F5', 'Ctrl+Shift+I', 'Ctrl+0']) {
      expect(ShortcutKeySchema.safeParse(key).success, key).toBe(true);
      expect(reservedUse(key), key).toBeDefined();
    }
  });

  it('finds two actions a central document put on one key, in list order', () => {
    const clashing = { ...defaults, ready: 'Alt+A', wrapup: 'Alt+A' };
    expect([...duplicateBindings(clashing)]).toEqual([['Alt+A', ['answer', 'ready', 'wrapup']]]);
    expect(duplicateBindings({ ...defaults, makeCall: null, transfer: null }).size).toBe(0);
  });
});
