import { expect, type Locator, type Page } from '@playwright/test';

/** The Simulator panel (training mode), by role and accessible name. */
export class SimulatorPanel {
  readonly region: Locator;
  readonly callerNumber: Locator;
  readonly callVariables: Locator;
  readonly placeTestCall: Locator;

  constructor(page: Page) {
    this.region = page.getByRole('region', { name: 'Simulator' });
    this.callerNumber = this.region.getByRole('textbox', { name: 'Caller number' });
    this.callVariables = this.region.getByRole('textbox', { name: 'Call variables' });
    this.placeTestCall = this.region.getByRole('button', { name: 'Place test call' });
  }

  async place(callerNumber: string, callVariables: string): Promise<void> {
    await this.callerNumber.fill(callerNumber);
    await this.callVariables.fill(callVariables);
    await this.placeTestCall.click();
    await expect(this.region.getByRole('status')).toContainText(`Test call from ${callerNumber} placed`);
  }
}
