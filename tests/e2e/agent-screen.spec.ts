import { expect, test, type Page } from '@playwright/test';
import { placeCall, screenshots, startDesktop } from './desktop-fixture.js';
import { AgentStatePanel } from './pages/agent-state.js';
import { CallsPanel } from './pages/calls.js';
import { LoginScreen } from './pages/login.js';

const CALLER = { ani: '5551234', dnis: '8005550100', callVariables: { '1': 'account 42', '2': 'renewal' }, ecc: { 'user.CustomerID': '700123', 'user.AccountTier': 'Gold' } };

/** Whether `field` lies wholly inside the window and is not covered by anything (a sticky column, say). */
async function expectOnScreen(page: Page, field: ReturnType<CallsPanel['cellField']>): Promise<void> {
  await expect(field).toBeInViewport({ ratio: 1 });
  const box = (await field.boundingBox())!;
  const onTop = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.getAttribute('aria-label'), { x: box.x + box.width / 2, y: box.y + box.height / 2 });
  expect(onTop).toBe(await field.getAttribute('aria-label'));
}

for (const size of [{ width: 1024, height: 720 }, { width: 1366, height: 768 }]) {
  test(`at ${size.width}×${size.height} the selected call's editable data can be reached and seen, with the call still identified`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize(size);
    const { url, controlUrl } = await startDesktop();
    await page.goto(url);
    await new LoginScreen(page).login('1001', '3001');
    const agent = new AgentStatePanel(page);
    await agent.expectState(/^Not Ready/);
    await agent.ready.click();
    await agent.expectState('Ready');
    const calls = new CallsPanel(page);
    await placeCall(controlUrl, { ...CALLER, agentId: '1001' });
    await calls.expectStatus(CALLER.ani, 'Ringing');
    if (size.width === 1024) await screenshots(page, 'agent-call-ringing');
    await calls.answer.click();
    await calls.expectStatus(CALLER.ani, 'Talking');
    if (size.width === 1024) await screenshots(page, 'agent-call-talking');

    // Every editable field of the call, reached by keyboard, is wholly on screen when it has focus.
    const editable = calls.row(CALLER.ani).getByRole('textbox');
    const count = await editable.count();
    expect(count).toBeGreaterThan(10);
    for (let index = 0; index < count; index++) {
      const field = editable.nth(index);
      await field.focus();
      await expectOnScreen(page, field);
    }
    if (size.width === 1024) await screenshots(page, 'agent-call-data-scrolled');
    // The call the fields belong to stays in sight: the first column does not scroll away.
    await expect(calls.row(CALLER.ani).getByRole('gridcell').first()).toBeInViewport({ ratio: 1 });
    // No page-wide horizontal scroll: only the grid scrolls.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });
}
