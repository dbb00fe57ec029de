import { expect, type Locator, type Page } from '@playwright/test';

/** The status bar, found the way a screen reader finds it: by role and name. */
export class StatusBar {
  readonly region: Locator;

  constructor(page: Page) {
    this.region = page.getByRole('status', { name: 'Connection status' });
  }

  async expectConnected(side: 'A' | 'B', timeout = 10_000): Promise<void> {
    await expect(this.region).toContainText('Connected', { timeout });
    await expect(this.region).toContainText(`side ${side}`, { timeout });
  }
}
