import { expect, test } from '@playwright/test';
import { placeCall, screenshots, startDesktop } from './desktop-fixture.js';
import { AgentStatePanel } from './pages/agent-state.js';
import { CallsPanel } from './pages/calls.js';
import { LoginScreen } from './pages/login.js';
import { StatusBar } from './pages/status-bar.js';

test('an agent logs in on the embedded simulator, goes Ready, Not Ready with a reason, and logs out with a reason', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1024, height: 720 });
  await page.goto((await startDesktop()).url);
  await new StatusBar(page).expectConnected('A');

  const login = new LoginScreen(page);
  await login.expectShown();
  await expect(login.simulatorHint).toContainText('agent 1001 on instrument 3001');
  await expect(login.simulatorHint).toContainText('Any password works.');
  await screenshots(page, 'login');

  // An instrument that is not this agent's: the error is beside Instrument, in words.
  await login.login('1001', '3999');
  await login.expectFieldError(login.instrument, /instrument is not valid/);
  await screenshots(page, 'login-error');

  await login.instrument.fill('3001');
  await login.loginButton.click();
  const agent = new AgentStatePanel(page);
  await agent.expectState(/^Not Ready/);
  await expect(agent.region).toContainText('Agent 1001 · Instrument 3001');

  await agent.ready.click();
  await agent.expectState('Ready');
  await expect(agent.ready).toBeDisabled();
  await expect(agent.ready).toHaveAccessibleDescription(/Not available while Ready/);

  await agent.notReady.click();
  const notReadyReason = agent.reasonDialog('Not Ready reason');
  await expect(notReadyReason.dialog.getByRole('option', { name: 'Lunch' })).toBeVisible();
  await screenshots(page, 'not-ready-reason');
  await notReadyReason.choose('Lunch');
  await agent.expectState('Not Ready — Lunch');
  await expect(page).toHaveTitle('Not Ready — Lunch — UCCE Softphone');
  await screenshots(page, 'agent');

  // By keyboard alone: the dialog opens on the list; arrow to the first reason, Enter applies it.
  await agent.logout.focus();
  await page.keyboard.press('Enter');
  const logoutReason = agent.reasonDialog('Logout reason');
  await expect(logoutReason.dialog.getByRole('listbox')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await login.expectShown();
  await expect(page).toHaveTitle('UCCE Softphone');
  // The agent who just left is filled in for the next login.
  await expect(login.agentId).toHaveValue('1001');
});

test('a routed call is answered, held, retrieved and released from the call grid', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1024, height: 720 });
  const { url, controlUrl } = await startDesktop();
  await page.goto(url);
  await new LoginScreen(page).login('1001', '3001');
  const agent = new AgentStatePanel(page);
  await agent.expectState(/^Not Ready/);
  // The default shortcut for Ready.
  await page.keyboard.press('Alt+Y');
  await agent.expectState('Ready');

  const calls = new CallsPanel(page);
  await expect(calls.grid).toContainText('No calls');
  await expect(calls.answer).toBeDisabled();
  await placeCall(controlUrl, { ani: '5551234', dnis: '8005550100', agentId: '1001' });
  await calls.expectStatus('5551234', 'Ringing');
  await expect(calls.row('5551234')).toHaveAttribute('aria-selected', 'true');
  await screenshots(page, 'call-ringing');

  await calls.answer.click();
  await calls.expectStatus('5551234', 'Talking');
  await agent.expectState('Talking');
  await calls.hold.click();
  await calls.expectStatus('5551234', 'Held');
  await expect(calls.answer).toBeDisabled();
  await screenshots(page, 'call-held');
  // Alt+H holds or retrieves, whichever the call allows.
  await page.keyboard.press('Alt+H');
  await calls.expectStatus('5551234', 'Talking');
  await calls.release.click();
  await expect(calls.grid).toContainText('No calls');
});
