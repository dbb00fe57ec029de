import { expect, type Locator, type Page } from '@playwright/test';

/** The agent-state region and its reason dialogs, by role and accessible name. */
export class AgentStatePanel {
  readonly region: Locator;
  readonly state: Locator;
  readonly ready: Locator;
  readonly notReady: Locator;
  readonly workReady: Locator;
  readonly workNotReady: Locator;
  readonly logout: Locator;

  constructor(private readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Agent state' });
    this.state = this.region.getByRole('status');
    this.ready = this.region.getByRole('button', { name: 'Ready', exact: true });
    this.notReady = this.region.getByRole('button', { name: 'Not Ready', exact: true });
    this.workReady = this.region.getByRole('button', { name: 'Work Ready', exact: true });
    this.workNotReady = this.region.getByRole('button', { name: 'Work Not Ready', exact: true });
    this.logout = this.region.getByRole('button', { name: 'Logout', exact: true });
  }

  async expectState(text: string | RegExp): Promise<void> {
    await expect(this.state).toHaveText(text);
  }

  reasonDialog(name: 'Not Ready reason' | 'Logout reason'): ReasonDialog {
    return new ReasonDialog(this.page.getByRole('dialog', { name }));
  }
}

export class ReasonDialog {
  readonly ok: Locator;
  readonly cancel: Locator;

  constructor(readonly dialog: Locator) {
    this.ok = dialog.getByRole('button', { name: 'OK' });
    this.cancel = dialog.getByRole('button', { name: 'Cancel' });
  }

  async choose(reason: string): Promise<void> {
    await this.dialog.getByRole('listbox').selectOption({ label: reason });
    await this.ok.click();
    await expect(this.dialog).toBeHidden();
  }
}
