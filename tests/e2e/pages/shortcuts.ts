import { expect, type Locator, type Page } from '@playwright/test';

/** The `Keyboard shortcuts` button and the list it opens, by role and accessible name. */
export class ShortcutsList {
  readonly openButton: Locator;
  readonly dialog: Locator;
  readonly table: Locator;
  readonly save: Locator;
  readonly saveAnyway: Locator;
  readonly close: Locator;

  constructor(page: Page) {
    this.openButton = page.getByRole('button', { name: 'Keyboard shortcuts' });
    this.dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    this.table = this.dialog.getByRole('table', { name: 'Keyboard shortcuts' });
    this.save = this.dialog.getByRole('button', { name: 'Save', exact: true });
    this.saveAnyway = this.dialog.getByRole('button', { name: 'Save anyway' });
    this.close = this.dialog.getByRole('button', { name: 'Close' });
  }

  /** The row of `action` (its row header is the action's name). */
  row(action: string): Locator {
    return this.table.getByRole('row', { name: new RegExp(`^${action} `) });
  }

  change(action: string): Locator {
    return this.dialog.getByRole('button', { name: `Change ${action} shortcut` });
  }

  newKeys(action: string): Locator {
    return this.dialog.getByRole('textbox', { name: `New keys for ${action}` });
  }

  async expectKeys(action: string, keys: string): Promise<void> {
    await expect(this.row(action).getByRole('cell').first()).toHaveText(keys);
  }
}
