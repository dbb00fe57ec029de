import { expect, type Locator, type Page } from '@playwright/test';

/** The calls region: the call-appearance grid and the call buttons, by role and accessible name. */
export class CallsPanel {
  readonly grid: Locator;
  readonly answer: Locator;
  readonly hold: Locator;
  readonly retrieve: Locator;
  readonly release: Locator;

  constructor(private readonly page: Page) {
    this.grid = page.getByRole('grid', { name: 'Calls' });
    const controls = page.getByRole('toolbar', { name: 'Call controls' });
    this.answer = controls.getByRole('button', { name: 'Answer', exact: true });
    this.hold = controls.getByRole('button', { name: 'Hold', exact: true });
    this.retrieve = controls.getByRole('button', { name: 'Retrieve', exact: true });
    this.release = controls.getByRole('button', { name: 'Release', exact: true });
  }

  /** The grid row of the call from `ani`. */
  row(ani: string): Locator {
    return this.grid.getByRole('row').filter({ has: this.page.getByRole('gridcell', { name: ani, exact: true }) });
  }

  async expectStatus(ani: string, status: string): Promise<void> {
    await expect(this.row(ani).getByRole('gridcell', { name: status, exact: true })).toBeVisible();
  }
}
