import { expect, type Locator, type Page } from '@playwright/test';

/** The transfer or conference dialog, by role and accessible name. */
export class TransferDialog {
  readonly dialog: Locator;
  readonly number: Locator;
  readonly team: Locator;
  readonly consult: Locator;
  readonly singleStep: Locator;
  readonly complete: Locator;
  readonly reconnect: Locator;
  readonly close: Locator;

  constructor(page: Page, name: 'Transfer' | 'Conference') {
    this.dialog = page.getByRole('dialog', { name });
    this.number = this.dialog.getByRole('textbox', { name: 'Number' });
    this.team = this.dialog.getByRole('region', { name: 'Team' });
    this.consult = this.dialog.getByRole('button', { name: 'Consult', exact: true });
    this.singleStep = this.dialog.getByRole('button', { name: 'Single Step', exact: true });
    this.complete = this.dialog.getByRole('button', { name: 'Complete', exact: true });
    this.reconnect = this.dialog.getByRole('button', { name: 'Reconnect', exact: true });
    this.close = this.dialog.getByRole('button', { name: 'Close', exact: true });
  }

  /** The colleague offered as a target, by the name the directory gives. */
  target(name: string | RegExp): Locator {
    return this.team.getByRole('listitem').filter({ hasText: name });
  }
}

/** The dial pad dialog: `Make Call` or `Keypad`. */
export class DialPadDialog {
  readonly dialog: Locator;
  readonly number: Locator;
  readonly dial: Locator;
  readonly tonesSent: Locator;

  constructor(page: Page, name: 'Make Call' | 'Keypad') {
    this.dialog = page.getByRole('dialog', { name });
    this.number = this.dialog.getByRole('textbox', { name: 'Number' });
    this.dial = this.dialog.getByRole('button', { name: 'Dial', exact: true });
    this.tonesSent = this.dialog.getByRole('status', { name: 'Tones sent' });
  }

  key(digit: string): Locator {
    return this.dialog.getByRole('group', { name: 'Dial pad' }).getByRole('button', { name: digit, exact: true });
  }

  async press(digits: string): Promise<void> {
    for (const digit of digits) await this.key(digit).click();
  }

  async expectClosed(): Promise<void> {
    await expect(this.dialog).toBeHidden();
  }
}
