import { expect, type Locator, type Page } from '@playwright/test';

/** The health area (status bar), the failover banner and the ringer, by role and accessible name. */
export class HealthArea {
  readonly region: Locator;
  readonly details: Locator;
  readonly muteRinger: Locator;
  /** The failover banner's alert (commands paused and why). */
  readonly outageAlert: Locator;

  constructor(page: Page) {
    this.region = page.getByRole('region', { name: 'Health' });
    this.details = this.region.getByRole('button', { name: 'Health details' });
    this.muteRinger = this.region.getByRole('button', { name: 'Mute ringer' });
    this.outageAlert = page.getByRole('alert').filter({ hasText: 'Commands are paused' });
  }

  /** The details row for a component (its term and its description). */
  component(label: string): Locator {
    return this.region.getByRole('term').filter({ hasText: label });
  }

  async expand(): Promise<void> {
    if ((await this.details.getAttribute('aria-expanded')) !== 'true') await this.details.click();
    await expect(this.details).toHaveAttribute('aria-expanded', 'true');
  }

  async collapse(): Promise<void> {
    if ((await this.details.getAttribute('aria-expanded')) === 'true') await this.details.click();
    await expect(this.details).toHaveAttribute('aria-expanded', 'false');
  }
}
