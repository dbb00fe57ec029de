import { expect, test, type Browser, type Page } from '@playwright/test';
import { injectFault, placeCall, screenshots, simulatorCalls, startDesktop, startDesktopOn, type Desktop } from './desktop-fixture.js';
import { AgentStatePanel } from './pages/agent-state.js';
import { DialPadDialog, TransferDialog } from './pages/call-dialogs.js';
import { CallsPanel } from './pages/calls.js';
import { LoginScreen } from './pages/login.js';
import { StatusBar } from './pages/status-bar.js';
import { WrapupDialog } from './pages/wrapup.js';

/**
 * The call flows of issue 11 items 3, 4 and 10 through the browser host and the embedded
 * simulator: agent 1001 (instrument 3001) takes a routed call; agent 1002 (instrument
 * 3002), in a second browser context on a second desktop process pointed at the first
 * one's simulator, is the colleague who takes transfers and joins conferences.
 */

const CALLER = { ani: '5551234', dnis: '8005550100' };

async function readyAgent(page: Page, url: string, agentId: string, instrument: string): Promise<CallsPanel> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(url);
  await new LoginScreen(page).login(agentId, instrument);
  const agent = new AgentStatePanel(page);
  await agent.expectState(/^Not Ready/);
  await agent.ready.click();
  await agent.expectState('Ready');
  return new CallsPanel(page);
}

/** Agent 1001 on the first desktop talking to the caller, with the call's data in the grid. */
async function talkingToCaller(page: Page, desktop: Desktop): Promise<CallsPanel> {
  const calls = await readyAgent(page, desktop.url, '1001', '3001');
  await placeCall(desktop.controlUrl, { ...CALLER, agentId: '1001', callVariables: { '1': 'account 42', '2': 'renewal' }, ecc: { 'user.CustomerID': '700123', 'user.AccountTier': 'Gold' } });
  await calls.expectStatus(CALLER.ani, 'Ringing');
  await calls.answer.click();
  await calls.expectStatus(CALLER.ani, 'Talking');
  return calls;
}

/** The colleague, agent 1002, Ready on a second desktop in its own browser context. */
async function colleague(browser: Browser, first: Desktop): Promise<{ page: Page; calls: CallsPanel }> {
  const second = await startDesktopOn(first);
  const context = await browser.newContext();
  const page = await context.newPage();
  return { page, calls: await readyAgent(page, second.url, '1002', '3002') };
}

test('a routed call is answered, consult-transferred to a colleague who is shown Ready, and completed', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const desktop = await startDesktop();
  const other = await colleague(browser, desktop);
  const calls = await talkingToCaller(page, desktop);
  await expect(calls.cellField(CALLER.ani, 'Var 1')).toHaveValue('account 42');
  await expect(calls.cellField(CALLER.ani, 'Customer ID')).toHaveValue('700123');
  await screenshots(page, 'calls-grid');

  await calls.transfer.click();
  const transfer = new TransferDialog(page, 'Transfer');
  // The colleague's live state, from CTI Server, while the dialog is open.
  await expect(transfer.target('Blake Chen (1002)')).toContainText('Ready');
  await expect(transfer.target('Blake Chen (1002)')).toContainText('3002');
  await expect(transfer.target('Casey Diaz (1003)')).toContainText('Logged out');
  await expect(transfer.complete).toBeHidden();
  await screenshots(page, 'transfer-dialog');
  await transfer.target('Blake Chen (1002)').getByRole('button').click();
  await expect(transfer.number).toHaveValue('3002');
  await transfer.consult.click();

  // The colleague's phone rings with the consult call; they answer it.
  await expect(other.calls.answer).toBeEnabled();
  await other.calls.answer.click();
  await expect(transfer.complete).toBeEnabled();
  await expect(transfer.reconnect).toBeEnabled();
  await screenshots(page, 'transfer-consulting');
  await transfer.complete.click();
  await expect(transfer.dialog).toBeHidden();

  await expect(calls.grid).toContainText('No calls');
  await expect
    .poll(async () => (await simulatorCalls(desktop.controlUrl)).map((call) => ({ ani: call.ani, agents: call.parties.map((party) => party.agentId).filter(Boolean) })))
    .toEqual([{ ani: CALLER.ani, agents: ['1002'] }]);
  await expect(other.calls.release).toBeEnabled();
  await other.calls.release.click();
  await expect(other.calls.grid).toContainText('No calls');
});

test('a consult conference joins the caller, the agent and the colleague', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const desktop = await startDesktop();
  const other = await colleague(browser, desktop);
  const calls = await talkingToCaller(page, desktop);

  await calls.conference.click();
  const conference = new TransferDialog(page, 'Conference');
  await conference.number.fill('3002');
  await conference.consult.click();
  await other.calls.answer.click();
  await conference.complete.click();
  await expect(conference.dialog).toBeHidden();

  await expect
    .poll(async () => (await simulatorCalls(desktop.controlUrl)).map((call) => call.parties.map((party) => party.agentId).filter(Boolean).sort()))
    .toEqual([['1001', '1002']]);
  await calls.expectStatus(CALLER.ani, 'Talking');
  await calls.release.click();
  await expect(calls.grid).toContainText('No calls');
  await other.calls.release.click();
  await expect(other.calls.grid).toContainText('No calls');
});

test('a single-step transfer hands the caller over at once; Reconnect takes a consult back to the caller', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const desktop = await startDesktop();
  const other = await colleague(browser, desktop);
  const calls = await talkingToCaller(page, desktop);

  // A consult the agent thinks better of: Reconnect goes back to the caller.
  await calls.transfer.click();
  let transfer = new TransferDialog(page, 'Transfer');
  await transfer.number.fill('3002');
  await transfer.consult.click();
  await expect(transfer.reconnect).toBeEnabled();
  await transfer.reconnect.click();
  await expect(transfer.dialog).toBeHidden();
  await calls.expectStatus(CALLER.ani, 'Talking');
  await expect(other.calls.grid).toContainText('No calls');

  // By keyboard: the dialog opens with focus in it; the number, then Single Step.
  await calls.transfer.focus();
  await page.keyboard.press('Enter');
  transfer = new TransferDialog(page, 'Transfer');
  await transfer.number.fill('3002');
  await transfer.singleStep.click();
  await expect(transfer.dialog).toBeHidden();
  await expect(calls.grid).toContainText('No calls');
  await expect(other.calls.answer).toBeEnabled();
  await other.calls.answer.click();
  await other.calls.expectStatus(CALLER.ani, 'Talking');
  await other.calls.release.click();
});

test('Keypad sends DTMF into the call; Make Call shares the dial pad', async ({ page }) => {
  test.setTimeout(90_000);
  const desktop = await startDesktop();
  const calls = await talkingToCaller(page, desktop);

  await calls.keypad.click();
  const keypad = new DialPadDialog(page, 'Keypad');
  await keypad.press('12');
  // Digits typed on the keyboard send their tones too.
  await page.keyboard.press('#');
  await expect(keypad.tonesSent).toHaveText('12#');
  await screenshots(page, 'keypad');
  await expect.poll(async () => (await simulatorCalls(desktop.controlUrl))[0]?.dtmf).toBe('12#');
  await page.keyboard.press('Escape');
  await keypad.expectClosed();
  await expect(calls.keypad).toBeFocused();
  await calls.release.click();
  await expect(calls.grid).toContainText('No calls');
  // The site offers wrap-up at call end; this flow has none to give.
  await new WrapupDialog(page).skip.click();

  // Ready, no call: Make Call opens the same pad for a number.
  const agent = new AgentStatePanel(page);
  await agent.ready.click();
  await agent.expectState('Ready');
  await expect(calls.makeCall).toBeEnabled();
  await calls.makeCall.click();
  const dialPad = new DialPadDialog(page, 'Make Call');
  await dialPad.press('5550199');
  await expect(dialPad.number).toHaveValue('5550199');
  await screenshots(page, 'make-call');
  await dialPad.dial.click();
  await dialPad.expectClosed();
  await expect(calls.grid).not.toContainText('No calls');
  await expect(calls.release).toBeEnabled();
  await calls.release.click();
  await expect(calls.grid).toContainText('No calls');
});

test('call data edited during an outage is shown as queued and delivered once after it', async ({ page }) => {
  test.setTimeout(240_000);
  const desktop = await startDesktop();
  const calls = await talkingToCaller(page, desktop);
  const status = new StatusBar(page);

  // Both sides down: the desktop cannot fail over, so the edit must wait.
  await injectFault(desktop.controlUrl, { type: 'kill-side', side: 'A' });
  await injectFault(desktop.controlUrl, { type: 'kill-side', side: 'B' });
  await expect(calls.answer).toBeDisabled();
  await expect(calls.release).toHaveAccessibleDescription(/link to CTI Server is (restored|down)|softphone service|Not available/);
  const field = calls.cellField(CALLER.ani, 'Var 3');
  await field.fill('callback after 5pm');
  await field.press('Enter');
  await expect(field).toHaveAccessibleDescription(/Queued/);
  await expect(calls.row(CALLER.ani)).toContainText('Queued');
  await screenshots(page, 'calls-grid-queued');

  await injectFault(desktop.controlUrl, { type: 'restore-side', side: 'A' });
  await injectFault(desktop.controlUrl, { type: 'restore-side', side: 'B' });
  await expect(status.region).toContainText('Connected', { timeout: 20_000 });
  await expect(calls.row(CALLER.ani)).not.toContainText('Queued');
  await expect(field).toHaveValue('callback after 5pm');
  await expect.poll(async () => (await simulatorCalls(desktop.controlUrl))[0]?.callVariables['3']).toBe('callback after 5pm');
  const [call] = await simulatorCalls(desktop.controlUrl);
  // Delivered once: one SET_CALL_DATA for the one edit.
  expect(call!.callDataSets).toBe(1);
});
