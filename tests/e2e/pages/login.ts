import { expect, type Locator, type Page } from '@playwright/test';

/** The login screen, by role and accessible name. */
export class LoginScreen {
  readonly region: Locator;
  readonly connectTo: Locator;
  readonly agentId: Locator;
  readonly loginName: Locator;
  readonly workMode: Locator;
  readonly continueHere: Locator;
  readonly cancelTakeover: Locator;
  /** A failure of the whole login (not of one field). */
  readonly formError: Locator;
  readonly password: Locator;
  readonly instrument: Locator;
  readonly loginButton: Locator;
  readonly simulatorHint: Locator;

  constructor(page: Page) {
    this.region = page.getByRole('region', { name: 'Agent login' });
    this.connectTo = this.region.getByRole('combobox', { name: 'Connect to' });
    this.agentId = this.region.getByRole('textbox', { name: 'Agent ID' });
    this.loginName = this.region.getByRole('textbox', { name: 'Login Name' });
    this.workMode = this.region.getByRole('combobox', { name: 'Work Mode' });
    this.continueHere = this.region.getByRole('button', { name: 'Continue here' });
    this.cancelTakeover = this.region.getByRole('button', { name: 'Cancel' });
    this.formError = this.region.getByRole('alert');
    this.password = this.region.getByLabel('Password', { exact: true });
    this.instrument = this.region.getByRole('textbox', { name: 'Instrument' });
    this.loginButton = this.region.getByRole('button', { name: 'Login' });
    this.simulatorHint = this.region.getByRole('complementary', { name: 'Built-in simulator' });
  }

  async expectShown(): Promise<void> {
    await expect(this.loginButton).toBeEnabled();
  }

  async login(agentId: string, instrument: string, password = 'any'): Promise<void> {
    await this.agentId.fill(agentId);
    await this.password.fill(password);
    await this.instrument.fill(instrument);
    await this.loginButton.click();
  }

  /** The error shown beside `field` (its accessible description). */
  async expectFieldError(field: Locator, text: string | RegExp): Promise<void> {
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(text);
  }
}
