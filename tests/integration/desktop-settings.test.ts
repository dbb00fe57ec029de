import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppState, ConnectionEvent } from '../../contract/index.js';
import { CtiSimulator } from '../../simulator/index.js';
import { generatedSite } from '../../simulator/pg/site.js';
import { coreHarness, seedSettingsCache } from '../support/core-harness.js';
import { SettingsServer } from '../support/settings-server.js';
import { simulatorSettingsSource } from '../../main/settings/settings-source.js';

/**
 * The desktop settings end to end (issue 10 items 2–4): a real HTTP settings source and
 * the simulator over TCP; the document reaches the state after each connect and live,
 * a bad one never replaces the good one, and start-up does not wait for the source.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});
const { startCore, waitFor, run, userDataDir, agentState, post } = coreHarness(cleanups);

async function simulator(): Promise<CtiSimulator> {
  const sim = await CtiSimulator.start({ host: '127.0.0.1', site: generatedSite({ agents: 2 }) });
  cleanups.push(() => sim.stop());
  return sim;
}

/**
 * CTI Server's Agent Desk Settings win over the document (server-desk-settings.ts): a
 * test of the document's own reason flags has the server refuse to give any.
 */
async function withoutServerDeskSettings(sim: CtiSimulator, requests = 8): Promise<void> {
  for (let i = 0; i < requests; i++) await post(sim, '/faults', { type: 'control-failure', request: 'AGENT_DESK_SETTINGS_REQ' });
}

async function settingsServer(document: object): Promise<SettingsServer> {
  const server = await SettingsServer.start(document);
  cleanups.push(() => server.stop());
  return server;
}

const v1 = { schemaVersion: 1, agent: { notReadyReasons: [{ code: 10, text: 'Break' }], notReadyReasonRequired: false }, locked: ['/sounds/ringIn/mute'] };
const v2 = { schemaVersion: 1, agent: { notReadyReasons: [{ code: 10, text: 'Break' }, { code: 11, text: 'Lunch' }], notReadyReasonRequired: true }, screen: { statisticsIntervalMs: 60_000 } };

const downloads = (s: AppState) => s.connectionEvents.filter((e): e is Extract<ConnectionEvent, { event: 'OnGlobalSettingsDownloadConf' }> => e.event === 'OnGlobalSettingsDownloadConf');
const reasons = (s: AppState) => s.settings.effective.agent.notReadyReasons.map((r) => r.text);

describe('desktop settings from a central source', () => {
  it('are downloaded after connect, again after a reconnect (If-None-Match: 304), and a changed document applies live', async () => {
    const sim = await simulator();
    await withoutServerDeskSettings(sim);
    const server = await settingsServer(v1);
    const core = await startCore(sim, { settings: { source: { kind: 'url', url: `${server.url}/settings.json` } } });
    let state = await waitFor(core, (s) => downloads(s).length === 1, 'the first download');
    expect(downloads(state)[0]).toMatchObject({ outcome: 'updated', source: 'url', location: `${server.url}/settings.json` });
    expect(reasons(state)).toEqual(['Break']);
    expect(state.settings).toMatchObject({ locked: ['/sounds/ringIn/mute'], source: { kind: 'url', etag: server.etag, fromCache: false }, problems: [] });
    expect(state.health.settings).toMatchObject({ status: 'online', detail: null });

    // An agent at work: the new document must not need a re-login.
    await run(core, 'setAgent', { agentId: '1001', instrument: '3001' });
    await run(core, 'login', { password: 'x' });
    await run(core, 'ready');
    state = await waitFor(core, (s) => agentState(s) === 'available', 'Ready');
    expect(state.enablement.buttons).toContain('notReady');

    // After a reconnect the same document comes back as 304.
    sim.dropConnections('A');
    state = await waitFor(core, (s) => downloads(s).length === 2, 'the download after the reconnect');
    expect(downloads(state)[1]).toMatchObject({ outcome: 'unchanged' });
    expect(server.requests.at(-1)).toEqual({ url: '/settings.json', ifNoneMatch: server.etag });

    // The centre changes the document: the next connect brings it.
    server.publish(v2);
    sim.dropConnections(state.connection.state === 'connected' ? state.connection.side : 'A');
    state = await waitFor(core, (s) => reasons(s).length === 2, 'the changed document after reconnect');
    expect(reasons(state)).toEqual(['Break', 'Lunch']);
    // Live: Not Ready now needs a reason, the statistics interval follows, the agent stays logged in.
    state = await waitFor(core, (s) => !s.enablement.buttons.includes('notReady') && s.enablement.buttons.includes('notReadyWithReason'), 'enablement from the new settings');
    expect(state.agent).toMatchObject({ mode: 'agent', state: 'available', deskSettings: { notReadyReasonRequired: true } });
    expect(state.statistics.intervalMs).toBe(60_000);

    // And without any reconnect: RequestDesktopSettings on demand (the interval does the same).
    server.publish(v1);
    expect(await run(core, 'refreshSettings')).toEqual({ outcome: 'updated' });
    state = await waitFor(core, (s) => s.enablement.buttons.includes('notReady'), 'the old document again, live');
    expect(reasons(state)).toEqual(['Break']);
    expect(agentState(state)).toBe('available');
  });

  it('come from the built-in simulator by default: a document PUT on it reaches the state after a reconnect', async () => {
    const sim = await simulator();
    const core = await startCore(sim, { settings: { source: simulatorSettingsSource(sim.controlUrl!) } });
    let state = await waitFor(core, (s) => downloads(s).length === 1, 'the first download from the simulator');
    expect(downloads(state)[0]).toMatchObject({ outcome: 'updated', source: 'simulator', location: `${sim.controlUrl}/desktop-settings` });
    // The simulator's realistic document: several Not Ready reasons, not the empty defaults.
    expect(reasons(state).length).toBeGreaterThan(2);

    // A trainer changes the settings on the simulator; the next connect brings them.
    const put = await fetch(`${sim.controlUrl}/desktop-settings`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(v2) });
    expect(put.status).toBe(200);
    sim.dropConnections(state.connection.state === 'connected' ? state.connection.side : 'A');
    state = await waitFor(core, (s) => downloads(s).length === 2 && reasons(s).length === 2, 'the changed document after the reconnect');
    expect(reasons(state)).toEqual(['Break', 'Lunch']);
    expect(downloads(state)[1]).toMatchObject({ outcome: 'updated', source: 'simulator' });
  });

  it('asks the source on its interval while running', async () => {
    const sim = await simulator();
    const server = await settingsServer(v1);
    const core = await startCore(sim, { settings: { source: { kind: 'url', url: `${server.url}/settings.json` }, refreshIntervalMs: 100 } });
    await waitFor(core, (s) => reasons(s).length === 1, 'the first document');
    server.publish(v2);
    const state = await waitFor(core, (s) => reasons(s).length === 2, 'the changed document, with no reconnect');
    expect(state.connectionEvents.filter((e) => e.event === 'OnConnection')).toHaveLength(1);
  });

  it('never replaces a good document with an invalid one: the desktop keeps it and says what is wrong', async () => {
    const sim = await simulator();
    const server = await settingsServer(v1);
    const dir = await userDataDir();
    const core = await startCore(sim, { userDataDir: dir, settings: { source: { kind: 'url', url: `${server.url}/settings.json` } } });
    await waitFor(core, (s) => downloads(s).length === 1, 'the first download');
    const cached = readFileSync(path.join(dir, 'desktop-settings-cache.json'), 'utf8');

    server.publish({ schemaVersion: 1, agent: { notReadyReasons: [{ code: 10, text: 'x'.repeat(60) }] }, screen: { flashOnCall: 'sometimes' } });
    expect(await run(core, 'refreshSettings')).toEqual({ outcome: 'refused' });
    let state = core.state;
    expect(reasons(state)).toEqual(['Break']);
    expect(state.settings.problems.map((p) => p.path).sort()).toEqual(['/agent/notReadyReasons/0/text', '/screen/flashOnCall']);
    expect(state.health.settings).toMatchObject({ status: 'offline', detail: expect.stringContaining('is not valid (2 problems') });
    expect(readFileSync(path.join(dir, 'desktop-settings-cache.json'), 'utf8')).toBe(cached);

    server.publish('{"schemaVersion": 2}');
    expect(await run(core, 'refreshSettings')).toEqual({ outcome: 'refused' });
    state = await waitFor(core, (s) => s.settings.problems[0]?.path === '/schemaVersion', 'the unknown version reported');
    expect(state.settings.problems[0]!.message).toContain('newer than this desktop understands');
    expect(readFileSync(path.join(dir, 'desktop-settings-cache.json'), 'utf8')).toBe(cached);
  });

  it('starts at once from the cache when the source does not answer', async () => {
    const sim = await simulator();
    const server = await settingsServer(v1);
    const dir = await userDataDir();
    seedSettingsCache(dir, v2);
    const started = performance.now();
    const core = await startCore(sim, { userDataDir: dir, settings: { source: { kind: 'url', url: `${server.url}/hang` }, limits: { timeoutMs: 1_000, maxBytes: 1 << 20, maxRedirects: 3 } } });
    expect(performance.now() - started).toBeLessThan(900);
    expect(reasons(core.state)).toEqual(['Break', 'Lunch']);
    expect(core.state.settings.source).toMatchObject({ fromCache: true, location: `${server.url}/hang` });
    const state = await waitFor(core, (s) => downloads(s).length === 1, 'the download to give up');
    expect(downloads(state)[0]).toMatchObject({ outcome: 'failed', message: expect.stringContaining('no answer within 1000 ms') });
    expect(state.health.settings.status).toBe('offline');
    expect(reasons(state)).toEqual(['Break', 'Lunch']);
  });

  it('applies the user\'s preferences over the document, and refuses one for a locked value', async () => {
    const sim = await simulator();
    const server = await settingsServer(v1);
    const dir = await userDataDir();
    const core = await startCore(sim, { userDataDir: dir, settings: { source: { kind: 'url', url: `${server.url}/settings.json` } } });
    await waitFor(core, (s) => downloads(s).length === 1, 'the first download');
    await run(core, 'setPreference', { pointer: '/sounds/dtmf/mute', value: true });
    expect(core.state.settings.effective.sounds.dtmf.mute).toBe(true);
    // The agent's own keyboard shortcut and window place (issue 10 item 3).
    await run(core, 'setPreference', { pointer: '/shortcuts/answer', value: 'Ctrl+Shift+A' });
    await run(core, 'setPreference', { pointer: '/window/x', value: 40 });
    expect(core.state.settings.effective.shortcuts.answer).toBe('Ctrl+Shift+A');
    expect(core.state.settings.effective.window).toMatchObject({ x: 40, width: 1024 });
    expect(await core.execute('setPreference', { pointer: '/shortcuts/answer', value: 'Hyper+Q' })).toMatchObject({ ok: false, failure: { code: 'invalid-argument', message: expect.stringContaining('a key such as Alt+A') } });
    expect(await core.execute('setPreference', { pointer: '/sounds/ringIn/mute', value: true })).toEqual({
      ok: false,
      failure: { code: 'unavailable', command: 'setPreference', message: 'setPreference: /sounds/ringIn/mute is locked by your administrator and cannot be changed', params: { reason: 'locked', pointer: '/sounds/ringIn/mute' } },
    });
    expect(await core.execute('setPreference', { pointer: '/agent/notReadyReasonRequired', value: false })).toMatchObject({ ok: false, failure: { code: 'invalid-argument', message: expect.stringContaining('not something a user may set') } });
    // Kept in the user-data folder: a restart has them.
    await core.stop();
    const again = await startCore(sim, { userDataDir: dir, settings: { source: { kind: 'url', url: `${server.url}/settings.json` } } });
    expect(again.state.settings.effective.sounds.dtmf.mute).toBe(true);
    expect(again.state.settings.effective.shortcuts.answer).toBe('Ctrl+Shift+A');
    expect(again.state.settings.source.fromCache).toBe(true);
  });
});
