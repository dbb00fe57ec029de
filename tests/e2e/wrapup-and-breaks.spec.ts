import { expect, test, type Page } from '@playwright/test';
import { placeCall, screenshots, startDesktop } from './desktop-fixture.js';
import { AgentStatePanel } from './pages/agent-state.js';
import { CallsPanel } from './pages/calls.js';
import { LoginScreen } from './pages/login.js';
import { PendingState, WrapupDialog } from './pages/wrapup.js';

/** Wrap-up at the end of a call, and breaks asked for during one (issue 11 items 2 and 5). */

interface ServerCall {
  callId: number;
  ani?: string;
  wrapup?: string;
  ended?: boolean;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  expect(response.status, url).toBe(200);
  return (await response.json()) as T;
}

/** The simulator's agent 1001 (state and reason as the PG has them). */
async function serverAgent(controlUrl: string): Promise<{ state: number; reasonCode: number }> {
  const agents = await getJson<{ agentId: string; state: number; reasonCode: number }[]>(`${controlUrl}/agents`);
  return agents.find((agent) => agent.agentId === '1001')!;
}

/** The simulator serves this desktop settings change from now on (the desktop reads it when its session opens). */
async function changeDesktopSettings(controlUrl: string, change: (document: { agent: Record<string, unknown> }) => void): Promise<void> {
  const document = await getJson<{ agent: Record<string, unknown> }>(`${controlUrl}/desktop-settings`);
  change(document);
  const response = await fetch(`${controlUrl}/desktop-settings`, { method: 'PUT', body: JSON.stringify(document) });
  expect(response.status, await response.text()).toBe(200);
}

/** Agent 1001 logged in, Ready, talking on a routed call from `ani`; resolves with the simulator's call id. */
async function talking(page: Page, controlUrl: string, ani: string): Promise<number> {
  await new LoginScreen(page).login('1001', '3001');
  const agent = new AgentStatePanel(page);
  await agent.expectState(/^Not Ready/);
  await agent.ready.click();
  await agent.expectState('Ready');
  const calls = new CallsPanel(page);
  await placeCall(controlUrl, { ani, dnis: '8005550100', agentId: '1001' });
  await calls.expectStatus(ani, 'Ringing');
  await calls.answer.click();
  await agent.expectState('Talking');
  const call = (await getJson<ServerCall[]>(`${controlUrl}/calls`)).find((c) => c.ani === ani);
  expect(call, `the simulator's call from ${ani}`).toBeDefined();
  return call!.callId;
}

const AGENT_STATE_NOT_READY = 2;
const AGENT_STATE_LOGOUT = 1;

test.beforeEach(async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1024, height: 720 });
});

test('wrap-up with required data: Apply waits for a reason, Escape does not skip it, and the reason reaches CTI Server', async ({ page }) => {
  const { url, controlUrl } = await startDesktop();
  await changeDesktopSettings(controlUrl, (document) => (document.agent.wrapupDataRequired = true));
  // CTI Server's Agent Desk Settings decide (they win over the document): required with data.
  const desk = await fetch(`${controlUrl}/agents/1001/desk-settings`, { method: 'PUT', body: JSON.stringify({ wrapupIncoming: 'required-with-data' }) });
  expect(desk.status, await desk.text()).toBe(200);
  await page.goto(url);
  const callId = await talking(page, controlUrl, '5550101');

  const calls = new CallsPanel(page);
  await calls.release.click();
  const wrapup = new WrapupDialog(page);
  await expect(wrapup.dialog).toBeVisible();
  await expect(wrapup.dialog).toContainText('incoming call');
  await expect(wrapup.reasons.getByRole('option', { name: 'Sale' })).toBeAttached();
  await expect(wrapup.apply).toBeDisabled();
  await expect(wrapup.apply).toHaveAccessibleDescription('Choose a wrap-up reason or type one first.');
  await expect(wrapup.skip).toHaveCount(0);
  // The list has focus when the dialog opens, so the keyboard works at once.
  await expect(wrapup.reasons).toBeFocused();
  await screenshots(page, 'wrapup-required');

  // Escape does not dismiss a required wrap-up silently: it stays and says why.
  await page.keyboard.press('Escape');
  await expect(wrapup.dialog).toBeVisible();
  await expect(wrapup.dialog.getByRole('alert')).toHaveText(/cannot be skipped/);
  const agent = new AgentStatePanel(page);
  await expect(agent.ready).toBeDisabled();

  // By keyboard: the first reason, then Apply.
  await wrapup.reasons.focus();
  await page.keyboard.press('ArrowDown');
  await expect(wrapup.apply).toBeEnabled();
  await wrapup.apply.focus();
  await page.keyboard.press('Enter');
  await expect(wrapup.dialog).toBeHidden();

  await expect.poll(async () => (await getJson<ServerCall>(`${controlUrl}/calls/${callId}`)).wrapup).toBe('Sale');
  // Wrap-up applied: Ready is enabled again (required modes, ctios.md §4.4).
  await expect(agent.ready).toBeEnabled();
  await agent.ready.click();
  await agent.expectState('Ready');
});

test('Not Ready with a reason asked for during a call waits as pending, is cancelled, and the agent is not Not Ready after the call', async ({ page }) => {
  const { url, controlUrl } = await startDesktop();
  await page.goto(url);
  await talking(page, controlUrl, '5550102');

  const agent = new AgentStatePanel(page);
  await agent.notReady.click();
  await agent.reasonDialog('Not Ready reason').choose('Lunch');
  const pending = new PendingState(page);
  await expect(pending.text('Not Ready — Lunch after this call')).toBeVisible();
  await agent.expectState('Talking');
  await screenshots(page, 'pending-not-ready');

  await pending.cancel('Not Ready').click();
  await expect(pending.text('Ready after this call')).toBeVisible();
  await expect(pending.cancel('Not Ready')).toHaveCount(0);
  await agent.expectState('Talking');

  await new CallsPanel(page).release.click();
  await agent.expectState('Ready');
  await expect(pending.text('Ready after this call')).toHaveCount(0);
  expect((await serverAgent(controlUrl)).state).not.toBe(AGENT_STATE_NOT_READY);
});

test('a pending Not Ready applies when the call ends; then a logout with a reason', async ({ page }) => {
  const { url, controlUrl } = await startDesktop();
  await page.goto(url);
  await talking(page, controlUrl, '5550103');

  const agent = new AgentStatePanel(page);
  await agent.notReady.click();
  await agent.reasonDialog('Not Ready reason').choose('Lunch');
  const pending = new PendingState(page);
  await expect(pending.text('Not Ready — Lunch after this call')).toBeVisible();

  await new CallsPanel(page).release.click();
  await agent.expectState('Not Ready — Lunch');
  await expect(pending.text('Not Ready — Lunch after this call')).toHaveCount(0);
  expect((await serverAgent(controlUrl)).state).toBe(AGENT_STATE_NOT_READY);

  await agent.logout.click();
  const reason = agent.reasonDialog('Logout reason');
  const first = (await reason.dialog.getByRole('option').first().textContent())!.trim();
  await reason.choose(first);
  await new LoginScreen(page).expectShown();
  const server = await serverAgent(controlUrl);
  expect(server.state).toBe(AGENT_STATE_LOGOUT);
  expect(server.reasonCode).toBeGreaterThan(0);
});

test('wrap-up entered while the link is down is kept, and the dialog says so', async ({ page }) => {
  const { url, controlUrl } = await startDesktop();
  await page.goto(url);
  const callId = await talking(page, controlUrl, '5550104');
  await new CallsPanel(page).release.click();
  const wrapup = new WrapupDialog(page);
  await expect(wrapup.dialog).toBeVisible();
  await expect(wrapup.skip).toBeVisible();

  for (const side of ['A', 'B']) {
    const response = await fetch(`${controlUrl}/faults`, { method: 'POST', body: JSON.stringify({ type: 'kill-side', side }) });
    expect(response.status, await response.text()).toBe(200);
  }
  await expect(wrapup.dialog).toContainText('The link to CTI Server is down');
  await wrapup.reasons.selectOption({ label: 'Complaint' });
  await wrapup.apply.click();
  await expect(wrapup.dialog.getByRole('status')).toContainText('your wrap-up is kept and will be sent once the link is back');
  await expect(wrapup.close).toBeFocused();
  await screenshots(page, 'wrapup-kept');
  await wrapup.close.click();
  await expect(wrapup.dialog).toBeHidden();

  const response = await fetch(`${controlUrl}/faults`, { method: 'POST', body: JSON.stringify({ type: 'restore-side', side: 'A' }) });
  expect(response.status, await response.text()).toBe(200);
  await expect.poll(async () => (await getJson<ServerCall>(`${controlUrl}/calls/${callId}`)).wrapup, { timeout: 20_000 }).toBe('Complaint');
});
