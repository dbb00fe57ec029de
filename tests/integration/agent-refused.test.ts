import { afterEach, expect, it } from 'vitest';
import { STATUS } from '../../ged188/index.js';
import { CtiSimulator } from '../../simulator/index.js';
import { generatedSite } from '../../simulator/pg/site.js';
import { coreHarness } from '../support/core-harness.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});
const { startCore, waitFor, run } = coreHarness(cleanups);

it('setAgent with an instrument CTI Server does not know fails with its status, and the link comes back without an agent', async () => {
  const sim = await CtiSimulator.start({ host: '127.0.0.1', site: generatedSite({ agents: 2 }) });
  cleanups.push(() => sim.stop());
  const core = await startCore(sim);
  await waitFor(core, (s) => s.connection.state === 'connected', 'connected');

  const outcome = await core.execute('setAgent', { agentId: '1001', instrument: '3999' });
  expect(outcome).toMatchObject({ ok: false, failure: { code: 'failed', command: 'setAgent', params: { status: STATUS.E_CTI_INVALID_AGENT_DATA } } });
  expect(outcome.ok || outcome.failure.message).toMatch(/agent 1001 on instrument 3999/);

  // Not stuck retrying the refused open: a bare session, and the right phone works at once.
  await waitFor(core, (s) => s.connection.state === 'connected' && s.agent.mode === 'none', 'connected without an agent');
  expect(await run(core, 'setAgent', { agentId: '1001', instrument: '3001' })).toEqual({ alreadyLoggedIn: false, state: 'logout' });
});
