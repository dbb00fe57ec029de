import type { Phrase } from '../../renderer/src/connection-text.js';
import { createDesktopI18n } from '../../renderer/src/i18n/index.js';

const i18n = createDesktopI18n('en');

/** A phrase as the English desktop shows it. */
export function english(phrase: Phrase): string {
  return i18n.global.t(phrase.key, { ...phrase.params });
}
