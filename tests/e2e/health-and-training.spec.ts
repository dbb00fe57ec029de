import { expect, test, type Page } from '@playwright/test';
import { injectFault, placeCall, screenshots, startDesktop } from './desktop-fixture.js';
import { AgentStatePanel } from './pages/agent-state.js';
import { CallsPanel } from './pages/calls.js';
import { HealthArea } from './pages/health.js';
import { LoginScreen } from './pages/login.js';
import { SimulatorPanel } from './pages/simulator.js';
import { WrapupDialog } from './pages/wrapup.js';
import { StatusBar } from './pages/status-bar.js';

/** Issue 11 items 6, 7 and 9: the health area and failover, incoming-call alerts, training mode. */

async function readyAgent(page: Page, url: string): Promise<AgentStatePanel> {
  await page.goto(url);
  await new StatusBar(page).expectConnected('A');
  await new LoginScreen(page).login('1001', '3001');
  const agent = new AgentStatePanel(page);
  await agent.expectState(/^Not Ready/);
  await agent.ready.click();
  await agent.expectState('Ready');
  return agent;
}

test('failover mid-call: commands pause with a reason, and after recovery on side B the call is still shown and controllable', async ({ page }) => {
  // Three screens, each checked by axe and shot in two themes, and an outage that lasts.
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1024, height: 760 });
  const { url, controlUrl } = await startDesktop();
  const agent = await readyAgent(page, url);
  const health = new HealthArea(page);
  const calls = new CallsPanel(page);

  // The health area: compact by default, details on demand.
  await expect(health.region).toContainText('All components online');
  await expect(health.details).toHaveAttribute('aria-expanded', 'false');
  await screenshots(page, 'health-collapsed');
  await health.expand();
  for (const component of ['Side in use', 'CTI Server', 'PG', 'Central controller', 'Reconnect attempts', 'Settings source']) {
    await expect(health.component(component)).toBeVisible();
  }
  await expect(health.region.getByRole('definition').filter({ hasText: 'Side A ·' })).toBeVisible();
  await screenshots(page, 'health-expanded');
  await health.collapse();

  await placeCall(controlUrl, { ani: '5551234', dnis: '8005550100', agentId: '1001' });
  await calls.expectStatus('5551234', 'Ringing');
  await calls.answer.click();
  await calls.expectStatus('5551234', 'Talking');

  // Side B is down for maintenance first, so the outage lasts until the test restores it
  // (a bare kill of side A recovers on B faster than a screen can be checked).
  await injectFault(controlUrl, { type: 'kill-side', side: 'B' });
  await injectFault(controlUrl, { type: 'kill-side', side: 'A' });
  await expect(health.outageAlert).toBeVisible();
  await expect(health.outageAlert).toContainText('The link to CTI Server side A failed');
  // The buttons say why they are disabled, in the outage's terms.
  await expect(calls.hold).toBeDisabled();
  await expect(calls.hold).toHaveAccessibleDescription(/^Paused: the link to CTI Server is down; reconnecting to side [AB] \(attempt \d+\)\.$/);
  await expect(agent.notReady).toHaveAccessibleDescription(/^Paused: the link to CTI Server is down/);
  // The call stays on screen meanwhile.
  await expect(calls.row('5551234')).toBeVisible();
  await health.expand();
  await expect(health.region.getByRole('definition').filter({ hasText: /attempt \d+ now/ })).toBeVisible();
  await screenshots(page, 'failover-banner');
  await health.collapse();

  await injectFault(controlUrl, { type: 'restore-side', side: 'B' });
  await new StatusBar(page).expectConnected('B', 20_000);
  await expect(health.outageAlert).toBeHidden();
  // The server's view: the call is still there, talking, and every control works.
  await calls.expectStatus('5551234', 'Talking');
  await agent.expectState('Talking');
  await calls.hold.click();
  await calls.expectStatus('5551234', 'Held');
  await calls.retrieve.click();
  await calls.expectStatus('5551234', 'Talking');
  await calls.release.click();
  await expect(calls.grid).toContainText('No calls');
});

test('training mode: the Simulator panel places a test call that rings, with its call variables', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1024, height: 900 });
  const { url } = await startDesktop();
  await readyAgent(page, url);

  const simulator = new SimulatorPanel(page);
  await expect(simulator.region).toBeVisible();
  // A caller number that is not a number is refused beside its field.
  await simulator.callerNumber.fill('call me');
  await simulator.placeTestCall.click();
  await expect(simulator.callerNumber).toHaveAccessibleDescription(/Enter a caller number/);

  await simulator.place('5550777', '1=Order 4711\n3=Gold');
  const calls = new CallsPanel(page);
  await calls.expectStatus('5550777', 'Ringing');
  // Call variables are editable cells: the values are in their fields.
  await expect(calls.cellField('5550777', 'Var 1')).toHaveValue('Order 4711');
  await expect(calls.cellField('5550777', 'Var 3')).toHaveValue('Gold');
  await expect(page).toHaveTitle(/UCCE Softphone/);
  await screenshots(page, 'simulator-panel');

  // The ringer toggle is a preference main keeps: it stays pressed after a reload.
  const health = new HealthArea(page);
  await expect(health.muteRinger).toHaveAttribute('aria-pressed', 'false');
  await health.muteRinger.click();
  await expect(health.muteRinger).toHaveAttribute('aria-pressed', 'true');
  await page.reload();
  await expect(new HealthArea(page).muteRinger).toHaveAttribute('aria-pressed', 'true');
});

test.describe('with notifications allowed', () => {
  test.use({ permissions: ['notifications'] });

  test('a call ringing while the window is in the background raises a system notification', async ({ page, context }) => {
    test.setTimeout(90_000);
    // Observation only: record each Notification the page creates (the real one is still made).
    await context.addInitScript(() => {
      const Original = window.Notification;
      const created: { title: string; body: string }[] = [];
      class Recorded extends Original {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          created.push({ title, body: options?.body ?? '' });
        }
      }
      Object.defineProperty(window, 'Notification', { value: Recorded, configurable: true, writable: true });
      Object.defineProperty(window, 'createdNotifications', { value: created });
    });
    const { url, controlUrl } = await startDesktop();
    await readyAgent(page, url);
    const created = () => page.evaluate(() => (window as unknown as { createdNotifications: { title: string; body: string }[] }).createdNotifications);

    // In front: the call shows on screen, no notification needed.
    await placeCall(controlUrl, { ani: '5551111', dnis: '8005550100', agentId: '1001' });
    const calls = new CallsPanel(page);
    await calls.expectStatus('5551111', 'Ringing');
    expect(await created()).toEqual([]);
    await calls.answer.click();
    await calls.release.click();
    await expect(calls.grid).toContainText('No calls');
    // The site offers wrap-up at call end; this flow has none to give.
    await new WrapupDialog(page).skip.click();
    const agent = new AgentStatePanel(page);
    if (!(await agent.ready.isDisabled())) await agent.ready.click();
    await agent.expectState('Ready');

    // Another tab in front: this window is in the background. Playwright makes every page
    // believe it has focus; switch that off so the page sees what a user's window would.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: false });
    const other = await context.newPage();
    await other.bringToFront();
    await expect.poll(() => page.evaluate(() => document.visibilityState === 'hidden' || !document.hasFocus())).toBe(true);
    await placeCall(controlUrl, { ani: '5552222', dnis: '8005550100', agentId: '1001' });
    await expect.poll(created).toEqual([{ title: 'Incoming call', body: 'From 5552222. Open the softphone to answer.' }]);
  });
});
