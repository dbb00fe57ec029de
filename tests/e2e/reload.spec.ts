import { expect, test } from '@playwright/test';
import { placeCall, startDesktop } from './desktop-fixture.js';
import { AgentStatePanel } from './pages/agent-state.js';
import { CallsPanel } from './pages/calls.js';
import { LoginScreen } from './pages/login.js';
import { StatusBar } from './pages/status-bar.js';

test('a reload comes back logged in, with the agent state and the call as they were', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1024, height: 720 });
  const { url, controlUrl } = await startDesktop();
  await page.goto(url);
  await new LoginScreen(page).login('1001', '3001');
  const agent = new AgentStatePanel(page);
  await agent.expectState(/^Not Ready/);
  await agent.ready.click();
  await agent.expectState('Ready');
  const calls = new CallsPanel(page);
  await placeCall(controlUrl, { ani: '5551234', dnis: '8005550100', agentId: '1001' });
  await calls.expectStatus('5551234', 'Ringing');
  await calls.answer.click();
  await calls.expectStatus('5551234', 'Talking');

  await page.reload();

  await new StatusBar(page).expectConnected('A');
  await expect(page.getByText('Disconnected from the softphone service')).toHaveCount(0);
  await agent.expectState('Talking');
  await calls.expectStatus('5551234', 'Talking');
  await expect(calls.hold).toBeEnabled();
  // The view after the reload is live: a command from it reaches CTI Server.
  await calls.hold.click();
  await calls.expectStatus('5551234', 'Held');
});

test('two tabs at once are both live views of the one session', async ({ page, context }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1024, height: 720 });
  const { url } = await startDesktop();
  await page.goto(url);
  await new LoginScreen(page).login('1001', '3001');
  const agent = new AgentStatePanel(page);
  await agent.expectState(/^Not Ready/);

  const second = await context.newPage();
  await second.setViewportSize({ width: 1024, height: 720 });
  await second.goto(url);
  const secondAgent = new AgentStatePanel(second);
  await secondAgent.expectState(/^Not Ready/);

  // What one tab does, the other shows.
  await secondAgent.ready.click();
  await agent.expectState('Ready');
  await secondAgent.expectState('Ready');
  await expect(page.getByText('Disconnected from the softphone service')).toHaveCount(0);
});
