import { expect, test, type Page } from '@playwright/test';
import { injectFault, screenshots, startDesktop, startDesktopOn } from './desktop-fixture.js';
import { AgentStatePanel } from './pages/agent-state.js';
import { LoginScreen } from './pages/login.js';
import { ShortcutsList } from './pages/shortcuts.js';
import { StatusBar } from './pages/status-bar.js';

/** GED-188 CONTROL_FAILURE_CONF FailureCode INVALID_PASSWORD_SPECIFIED (ged188.md). */
const INVALID_PASSWORD_SPECIFIED = 257;

async function openDesktop(page: Page) {
  await page.setViewportSize({ width: 1024, height: 720 });
  const desktop = await startDesktop();
  await page.goto(desktop.url);
  await new StatusBar(page).expectConnected('A');
  const login = new LoginScreen(page);
  await login.expectShown();
  return { ...desktop, login };
}

test('each login error is said in words beside the field it concerns: wrong password, instrument not valid, CTI Server out of service', async ({ page }) => {
  test.setTimeout(150_000);
  const { controlUrl, login } = await openDesktop(page);

  await injectFault(controlUrl, { type: 'control-failure', request: 'SET_AGENT_STATE_REQ', failureCode: INVALID_PASSWORD_SPECIFIED });
  await login.login('1001', '3001', 'wrong');
  await login.expectFieldError(login.password, 'Wrong password for this agent. Check it and try again.');
  // Focus is on the field at fault, so the agent can retype at once.
  await expect(login.password).toBeFocused();
  await screenshots(page, 'login-wrong-password');

  await login.login('1001', '3999');
  await login.expectFieldError(login.instrument, /instrument is not valid/);
  await expect(login.password).not.toHaveAttribute('aria-invalid', 'true');

  await injectFault(controlUrl, { type: 'kill-side', side: 'A' });
  await injectFault(controlUrl, { type: 'kill-side', side: 'B' });
  await expect(new StatusBar(page).region).toContainText('Out of service');
  await login.login('1001', '3001');
  await expect(login.formError).toHaveText(/CTI Server is out of service, so nobody can log in right now/);
  await screenshots(page, 'login-out-of-service');
});

test('an agent logged in elsewhere: a profile that rejects refuses, one that warns lets the agent continue here', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const first = await openDesktop(page);
  const { login } = first;

  // Agent 1002 logs in on another desktop of the same centre.
  const elsewhere = await startDesktopOn(first);
  const otherContext = await browser.newContext();
  const otherPage = await otherContext.newPage();
  await otherPage.goto(elsewhere.url);
  await new LoginScreen(otherPage).login('1002', '3002');
  await new AgentStatePanel(otherPage).expectState(/^Not Ready/);

  // While that desktop has the phone, CTI Server refuses a second session on it.
  await login.login('1002', '3002');
  await login.expectFieldError(login.instrument, /Another desktop is using this instrument: the agent is logged in there/);

  // That desktop closes without logging out: the agent stays logged in at the centre.
  await otherContext.close();
  await elsewhere.stop();

  // The Training profile rejects a second login.
  await login.connectTo.selectOption('Training');
  await login.loginName.fill('1002');
  await login.password.fill('any');
  await login.instrument.fill('3002');
  await login.loginButton.click();
  await login.expectFieldError(login.loginName, /already logged in on another desktop, and this connection profile refuses a second login/);

  // Head office warns: the agent may cancel, and is asked again on the next try.
  await login.connectTo.selectOption('Head office');
  await login.login('1002', '3002');
  await login.expectFieldError(login.agentId, /already logged in on another desktop \(Not Ready\)/);
  await expect(login.continueHere).toBeFocused();
  await screenshots(page, 'login-already-logged-in');
  await login.cancelTakeover.click();
  await expect(login.continueHere).toBeHidden();
  await expect(login.agentId).not.toHaveAttribute('aria-invalid', 'true');
  await login.loginButton.click();
  await expect(login.continueHere).toBeFocused();
  await page.keyboard.press('Enter');

  const agent = new AgentStatePanel(page);
  await agent.expectState(/^Not Ready/);
  await expect(agent.region).toContainText('Agent 1002 · Instrument 3002');
});

test('Keyboard shortcuts: the list opens with F1 or its button, a key is changed by pressing it, conflicts are said in words, and the change is kept', async ({ page }) => {
  test.setTimeout(150_000);
  const { login } = await openDesktop(page);
  const shortcuts = new ShortcutsList(page);

  // On the login screen too, from the header's button.
  await shortcuts.openButton.click();
  await expect(shortcuts.dialog).toBeVisible();
  await shortcuts.expectKeys('Answer', 'Alt+A');
  await shortcuts.expectKeys('Not Ready', 'Alt+N');
  await page.keyboard.press('Escape');
  await expect(shortcuts.dialog).toBeHidden();
  await expect(shortcuts.openButton).toBeFocused();

  await login.login('1001', '3001');
  const agent = new AgentStatePanel(page);
  await agent.expectState(/^Not Ready/);

  await page.keyboard.press('F1');
  await expect(shortcuts.dialog).toBeVisible();
  await screenshots(page, 'shortcuts');

  // By keyboard: Change Ready, then press the keys.
  await shortcuts.change('Ready').focus();
  await page.keyboard.press('Enter');
  await expect(shortcuts.newKeys('Ready')).toBeFocused();
  await page.keyboard.press('Alt+A');
  await expect(shortcuts.newKeys('Ready')).toHaveAccessibleDescription('Alt+A is already the key for Answer. Change that one first, or choose another key.');
  await expect(shortcuts.save).toBeDisabled();
  await page.keyboard.press('F5');
  await expect(shortcuts.newKeys('Ready')).toHaveAccessibleDescription('F5 reloads the page in the browser; this shortcut replaces that here.');
  await expect(shortcuts.saveAnyway).toBeEnabled();
  await page.keyboard.press('Alt+K');
  await expect(shortcuts.newKeys('Ready')).toHaveValue('Alt+K');
  await expect(shortcuts.newKeys('Ready')).toHaveAccessibleDescription('Alt+K is free. Save to use it.');
  await screenshots(page, 'shortcuts-changing');
  await shortcuts.save.click();
  await shortcuts.expectKeys('Ready', 'Alt+K');
  await expect(shortcuts.change('Ready')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(shortcuts.dialog).toBeHidden();

  await page.keyboard.press('Alt+K');
  await agent.expectState('Ready');

  // Not Ready's default key opens the reason list, as its button does.
  await page.keyboard.press('Alt+N');
  const reason = agent.reasonDialog('Not Ready reason');
  await expect(reason.dialog).toBeVisible();
  await reason.choose('Break');
  await agent.expectState('Not Ready — Break');

  // The key is a preference main keeps; `?` opens the list outside text fields.
  await page.keyboard.press('?');
  await shortcuts.expectKeys('Ready', 'Alt+K');
});
