import { expect, type Locator, type Page } from '@playwright/test';

/** The Wrap-up dialog, by role and accessible name. */
export class WrapupDialog {
  readonly dialog: Locator;
  readonly reasons: Locator;
  readonly text: Locator;
  readonly apply: Locator;
  readonly skip: Locator;
  readonly close: Locator;

  constructor(page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Wrap-up' });
    this.reasons = this.dialog.getByRole('listbox', { name: 'Wrap-up reason' });
    this.text = this.dialog.getByRole('textbox', { name: 'Wrap-up text' });
    this.apply = this.dialog.getByRole('button', { name: 'Apply', exact: true });
    this.skip = this.dialog.getByRole('button', { name: 'Skip', exact: true });
    this.close = this.dialog.getByRole('button', { name: 'Close', exact: true });
  }

  async choose(reason: string): Promise<void> {
    await this.reasons.selectOption({ label: reason });
    await this.apply.click();
    await expect(this.dialog).toBeHidden();
  }
}

/** The state waiting for the call to end, inside the agent-state region. */
export class PendingState {
  readonly region: Locator;

  constructor(private readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Agent state' });
  }

  /** The line that says what comes after the call, e.g. `Not Ready — Lunch after this call`. */
  text(expected: string): Locator {
    return this.region.getByText(expected, { exact: true });
  }

  cancel(state: string): Locator {
    return this.region.getByRole('button', { name: `Cancel ${state}`, exact: true });
  }
}
