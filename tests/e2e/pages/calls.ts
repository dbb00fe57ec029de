import { expect, type Locator, type Page } from '@playwright/test';

/** The calls region: the call-appearance grid and the call buttons, by role and accessible name. */
export class CallsPanel {
  readonly grid: Locator;
  readonly answer: Locator;
  readonly hold: Locator;
  readonly retrieve: Locator;
  readonly release: Locator;
  readonly alternate: Locator;
  readonly reconnect: Locator;
  readonly transfer: Locator;
  readonly conference: Locator;
  readonly makeCall: Locator;
  readonly keypad: Locator;
  readonly record: Locator;
  readonly supervisorAssist: Locator;
  readonly emergency: Locator;

  constructor(private readonly page: Page) {
    this.grid = page.getByRole('grid', { name: 'Calls' });
    const controls = page.getByRole('toolbar', { name: 'Call controls' });
    this.answer = controls.getByRole('button', { name: 'Answer', exact: true });
    this.hold = controls.getByRole('button', { name: 'Hold', exact: true });
    this.retrieve = controls.getByRole('button', { name: 'Retrieve', exact: true });
    this.release = controls.getByRole('button', { name: 'Release', exact: true });
    this.alternate = controls.getByRole('button', { name: 'Alternate', exact: true });
    this.reconnect = controls.getByRole('button', { name: 'Reconnect', exact: true });
    this.transfer = controls.getByRole('button', { name: 'Transfer', exact: true });
    this.conference = controls.getByRole('button', { name: 'Conference', exact: true });
    this.makeCall = controls.getByRole('button', { name: 'Make Call', exact: true });
    this.keypad = controls.getByRole('button', { name: 'Keypad', exact: true });
    this.record = controls.getByRole('button', { name: 'Record', exact: true });
    this.supervisorAssist = controls.getByRole('button', { name: 'Supervisor Assist', exact: true });
    this.emergency = controls.getByRole('button', { name: 'Emergency', exact: true });
  }

  /** The editable cell under the column `header` in the row of the call from `ani`. */
  cellField(ani: string, header: string): Locator {
    return this.row(ani).getByRole('textbox', { name: header, exact: true });
  }

  /** The grid row of the call from `ani`. */
  row(ani: string): Locator {
    return this.grid.getByRole('row').filter({ has: this.page.getByRole('gridcell', { name: ani, exact: true }) });
  }

  async expectStatus(ani: string, status: string): Promise<void> {
    await expect(this.row(ani).getByRole('gridcell', { name: status, exact: true })).toBeVisible();
  }
}
