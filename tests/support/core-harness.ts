import { applyStateEvent } from '../../contract/index.js';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AppState, CommandName, TestCallPlacer } from '../../contract/index.js';
import { LocalConfigSchema, type LocalConfig } from '../../main/core/local-config.js';
import { silentLogger } from '../../main/core/logger.js';
import { SoftphoneCore } from '../../main/core/softphone-core.js';
import { CtiSimulator } from '../../simulator/index.js';
import { generatedSite } from '../../simulator/pg/site.js';
import type { CoreSettingsOptions } from '../../main/core/softphone-core.js';
import { ConfEntryFile } from '../../main/settings/conf-settings-cache.js';
import { confStore } from '../../main/settings/conf-store.js';
import { acceptDownload } from '../../main/settings/last-known-good.js';

/** Makes `document` the last-known-good settings in `userDataDir`, as a download before this run would have. */
export function seedSettingsCache(userDataDir: string, document: object): void {
  const outcome = acceptDownload(new ConfEntryFile(userDataDir, confStore), { text: JSON.stringify(document), location: 'seeded by the test', fetchedAt: Date.now() });
  if (outcome.kind !== 'accepted' || outcome.cacheError) throw new Error(`cannot seed the settings cache: ${JSON.stringify(outcome)}`);
}

/**
 * A configuration with a heartbeat interval the schema refuses (under the guide's 5 s):
 * only tests about heartbeats use it, so that three missed ones cost under a second.
 */
export function withHeartbeat(config: LocalConfig, heartbeatIntervalMs: number): LocalConfig {
  return { ...config, cti: { ...config.cti, heartbeatIntervalMs } };
}

/** Core + simulator helpers for integration tests; `cleanups` runs in reverse order after each test. */
export function coreHarness(cleanups: (() => Promise<void> | void)[]) {
  async function userDataDir(): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'softphone-core-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    return dir;
  }

  interface CoreStart {
    readonly clientId?: string;
    readonly statisticsIntervalMs?: number;
    /** A given folder (to restart a core on the same outbox); a new temporary one otherwise. */
    readonly userDataDir?: string;
    /** Ports standing in for the simulator's sides (e.g. relays in front of them). */
    readonly ports?: { readonly A: number; readonly B: number };
    /** A short request timeout, so a lost confirmation costs a test well under a second. */
    readonly requestTimeoutMs?: number;
    /** The desktop settings (source, policy locks); none by default. */
    readonly settings?: CoreSettingsOptions;
    /** A heartbeat interval below the guide's 5 s minimum, for a test about heartbeats themselves. */
    readonly heartbeatIntervalMs?: number;
    /** The protocol version to open with (24 by default: active/standby). */
    readonly protocolVersion?: number;
    /** Training mode: the shell's test-call function (the embedded simulator's). */
    readonly placeTestCall?: TestCallPlacer;
  }

  async function startCore(sim: CtiSimulator, options: CoreStart = {}): Promise<SoftphoneCore> {
    // The guide's heartbeat (90 s) unless a test about heartbeats sets its own: failover
    // is found by the standby side, a reset or a failed write, not by heartbeats.
    const parsed = LocalConfigSchema.parse({
      cti: { clientId: options.clientId ?? 'core-test', ...(options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs }) },
    });
    const heartbeat = options.heartbeatIntervalMs === undefined ? parsed : withHeartbeat(parsed, options.heartbeatIntervalMs);
    const config = options.protocolVersion === undefined ? heartbeat : { ...heartbeat, cti: { ...heartbeat.cti, protocolVersion: options.protocolVersion } };
    const dataDir = options.userDataDir ?? (await userDataDir());
    // The statistics interval is the desktop settings' (screen.statisticsIntervalMs): in effect from the cache at start.
    if (options.statisticsIntervalMs !== undefined) seedSettingsCache(dataDir, { schemaVersion: 1, screen: { statisticsIntervalMs: options.statisticsIntervalMs } });
    const sides = options.ports
      ? { A: { host: '127.0.0.1', port: options.ports.A }, B: { host: '127.0.0.1', port: options.ports.B } }
      : { A: sim.address('A'), B: sim.address('B') };
    const core = await SoftphoneCore.start({ config, sides, log: silentLogger, userDataDir: dataDir, ...(options.settings ? { settings: options.settings } : {}), ...(options.placeTestCall ? { placeTestCall: options.placeTestCall } : {}) });
    cleanups.push(() => core.stop());
    return core;
  }

  /** Resolves with the first state that satisfies `predicate`. */
  function waitFor(core: SoftphoneCore, predicate: (s: AppState) => boolean, what: string, ms = 8000): Promise<AppState> {
    return new Promise((resolve, reject) => {
      let state: AppState | undefined;
      let unsubscribe = () => {};
      const timer = setTimeout(() => {
        unsubscribe();
        reject(new Error(`timed out waiting for ${what}; last state ${JSON.stringify(state, null, 1)}`));
      }, ms);
      unsubscribe = core.subscribe((event) => {
        state = applyStateEvent(state, event)!;
        if (predicate(state)) {
          clearTimeout(timer);
          queueMicrotask(() => unsubscribe());
          resolve(state);
        }
      });
    });
  }

  async function run(core: SoftphoneCore, name: CommandName, args: object = {}): Promise<unknown> {
    const outcome = await core.execute(name, args);
    if (!outcome.ok) throw new Error(`${name}: ${outcome.failure.message}`);
    return outcome.value;
  }

  async function post(sim: CtiSimulator, route: string, body: object = {}): Promise<unknown> {
    const response = await fetch(`${sim.controlUrl}${route}`, { method: 'POST', body: JSON.stringify(body) });
    if (response.status !== 200) throw new Error(`POST ${route} ${JSON.stringify(body)}: HTTP ${response.status} ${await response.text()}`);
    return response.json();
  }

  const agentState = (s: AppState) => (s.agent.mode === 'agent' ? s.agent.state : undefined);
  const active = (s: AppState) => s.agent.mode === 'agent' && s.agent.phase === 'active' && s.connection.state === 'connected';

  /** A core with `agentId` set on `instrument` and logged in (Not Ready). */
  async function loggedIn(sim: CtiSimulator, agentId: string, instrument: string, options: { supervisor?: boolean; statisticsIntervalMs?: number } = {}): Promise<SoftphoneCore> {
    const core = await startCore(sim, { clientId: `test-${agentId}`, ...(options.statisticsIntervalMs ? { statisticsIntervalMs: options.statisticsIntervalMs } : {}) });
    await waitFor(core, (s) => s.connection.state === 'connected', 'connected');
    await run(core, 'setAgent', { agentId, instrument, ...(options.supervisor ? { supervisor: true } : {}) });
    await run(core, 'login', { password: 'x' });
    await waitFor(core, (s) => agentState(s) === 'not-ready' && active(s), `${agentId} Not Ready`);
    return core;
  }

  /** A simulator on port 0 with four agents and these desk settings over the defaults; stopped after the test. */
  async function startSimulator(desk: Partial<ReturnType<typeof generatedSite>['deskSettings']> = {}): Promise<CtiSimulator> {
    const base = generatedSite({ agents: 4 });
    const sim = await CtiSimulator.start({ host: '127.0.0.1', site: { ...base, deskSettings: { ...base.deskSettings, ...desk } } });
    cleanups.push(() => sim.stop());
    return sim;
  }

  /** Sets `agent` on a started core, logs it in and makes it Ready. */
  async function makeReady(core: SoftphoneCore, agent: { readonly agentId: string; readonly instrument: string }): Promise<void> {
    await waitFor(core, (s) => s.connection.state === 'connected', 'connected');
    await run(core, 'setAgent', agent);
    await run(core, 'login', { password: 'x' });
    await waitFor(core, (s) => agentState(s) === 'not-ready', 'Not Ready');
    await run(core, 'ready');
    await waitFor(core, (s) => agentState(s) === 'available', 'Ready');
  }

  /** A routed call the agent answers; resolves with its id and key once the agent is talking. */
  async function talking(sim: CtiSimulator, core: SoftphoneCore, ani = '5550100'): Promise<{ callId: number; key: string }> {
    const { callId } = (await post(sim, '/calls', { ani, dnis: '8005550100', skillGroup: 100 })) as { callId: number };
    const key = `5000.${callId}`;
    await waitFor(core, (s) => s.calls.some((c) => c.call.key === key && c.localState === 'alerting'), 'ringing');
    await run(core, 'answer', { callId: key });
    await waitFor(core, (s) => s.calls.some((c) => c.call.key === key && c.localState === 'connect') && agentState(s) === 'talking', 'talking');
    return { callId, key };
  }

  return { userDataDir, startSimulator, startCore, waitFor, run, post, agentState, active, loggedIn, makeReady, talking };
}
