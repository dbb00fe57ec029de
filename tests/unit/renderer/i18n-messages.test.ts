import { describe, expect, it } from 'vitest';
import { MESSAGES, preferredLocale } from '../../../renderer/src/i18n/index.js';

/** Every key path of a message tree, e.g. `login.error.wrongPassword`. */
function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'object' && value !== null ? keys(value as object, `${prefix}${key}.`) : [`${prefix}${key}`]));
}

/** The `{name}` placeholders of a message. */
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('message files', () => {
  it('Spanish has exactly the English keys, each with the same placeholders', () => {
    expect(keys(MESSAGES.es).sort()).toEqual(keys(MESSAGES.en).sort());
    for (const path of keys(MESSAGES.en)) {
      const look = (tree: object) => path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], tree) as string;
      expect(placeholders(look(MESSAGES.es)), path).toEqual(placeholders(look(MESSAGES.en)));
    }
  });

  it('picks the first preferred language it speaks, else English', () => {
    expect(preferredLocale(['es-MX', 'en-US'])).toBe('es');
    expect(preferredLocale(['fr-FR', 'en-GB'])).toBe('en');
    expect(preferredLocale(['de'])).toBe('en');
    expect(preferredLocale([])).toBe('en');
  });
});
