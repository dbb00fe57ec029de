/**
 * Failover time against the simulator over loopback TCP, with the default heartbeat
 * settings (the guide's 90 s for desktops). For each trial a fresh simulator (sides
 * A and B), a desktop open on side A, then side A is killed (listener and sockets
 * closed: a crash) or stalled (sockets open, silent: a hung server or a half-open
 * link). Timed from the fault to the desktop reconciled on side B:
 *
 * - agent mode (the core, an agent talking on a call): the agent active again on B
 *   (state re-queried) with the call in its list;
 * - monitor mode (MonitorSession, three agents and two calls): the snapshot done
 *   (OnMonitorModeEstablished), with a check that its calls equal the simulator's.
 *
 * Protocol version 24 holds a standby session on side B that the simulator promotes
 * (STANDBY_ACTIVE_EVENT_MSG); version 20 has one session, so a kill is found by the
 * reset and a stall only by three missed heartbeats: that case is not run (it would
 * take 3 × 90 s a trial) and its bound is printed instead.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { applyStateEvent, type AppState } from '../contract/index.js';
import { AGENT_STATE, MAX_PROTOCOL_VERSION, type Message } from '../ged188/index.js';
import { LocalConfigSchema, type LocalConfig } from '../main/core/local-config.js';
import { silentLogger } from '../main/core/logger.js';
import { SoftphoneCore } from '../main/core/softphone-core.js';
import type { MonitorEvent } from '../main/cti/monitor/monitor-events.js';
import { MonitorSession } from '../main/cti/monitor/monitor-session.js';
import { CtiSimulator } from '../simulator/index.js';
import { describeCalls } from '../simulator/control-api-views.js';

export interface FailoverBenchOptions {
  readonly trials: number;
}

type Fault = 'kill' | 'stall';
type Mode = 'agent' | 'monitor';

interface Trial {
  readonly reconciledMs: number;
  readonly callsMatch: boolean;
}

const AGENTS = ['1001', '1002', '1003'];
const TRIAL_TIMEOUT_MS = 15_000;

function agentRequest(state: number): Message<'SET_AGENT_STATE_REQ'> {
  return {
    MessageType: 'SET_AGENT_STATE_REQ',
    InvokeID: 0,
    PeripheralID: 5000,
    AgentState: state,
    AgentWorkMode: 0,
    NumSkillGroups: 0,
    EventReasonCode: 0,
    ForcedFlag: 0,
    AgentServiceReq: 0,
    AgentPassword: 'x',
  };
}

/** Three Ready agents and two calls ringing at them, set up in the simulator's model directly. */
function staffed(simulator: CtiSimulator): void {
  const peripheral = simulator.peripheral;
  for (const id of AGENTS) {
    const agent = peripheral.agents.get(id)!;
    peripheral.setAgentState(agent, agentRequest(AGENT_STATE.LOGIN));
    peripheral.setAgentState(agent, agentRequest(AGENT_STATE.AVAILABLE));
  }
  peripheral.offerCall({ ani: '5550001', dnis: '8005550100' });
  peripheral.offerCall({ ani: '5550002', dnis: '8005550100' });
  peripheral.flush();
}

function serverCallIds(simulator: CtiSimulator): string {
  return (describeCalls(simulator.peripheral) as { callId: number }[]).map((c) => c.callId).sort().join(',');
}

function fail(simulator: CtiSimulator, fault: Fault): Promise<void> {
  if (fault === 'kill') return simulator.killSide('A');
  simulator.stallSide('A');
  return Promise.resolve();
}

async function monitorTrial(fault: Fault, config: LocalConfig): Promise<Trial> {
  const simulator = await CtiSimulator.start({ host: '127.0.0.1', controlPort: null });
  staffed(simulator);
  let established: (() => void) | undefined;
  let recovered: (() => void) | undefined;
  const monitor = new MonitorSession(
    {
      sides: { A: simulator.address('A'), B: simulator.address('B') },
      protocolVersion: config.cti.protocolVersion,
      heartbeatIntervalMs: config.cti.heartbeatIntervalMs,
      missedHeartbeatLimit: config.cti.missedHeartbeatLimit,
      clientId: 'bench-failover',
    },
    (event: MonitorEvent) => {
      if (event.event === 'OnMonitorModeEstablished') (event.recovered ? recovered : established)?.();
    },
    { info: () => {}, warn: () => {} },
  );
  try {
    await within(new Promise<void>((resolve) => {
      established = resolve;
      monitor.start();
    }), 'the first snapshot');
    await standbyHeld(() => monitor.standbyOpen, config);
    const done = new Promise<void>((resolve) => (recovered = resolve));
    const faultAt = performance.now();
    await fail(simulator, fault);
    await within(done, `recovery after a ${fault}`);
    const reconciledMs = performance.now() - faultAt;
    const monitorCalls = monitor.calls.map((c) => c.connectionCallId).sort().join(',');
    return { reconciledMs, callsMatch: monitorCalls === serverCallIds(simulator) };
  } finally {
    await monitor.stop();
    await simulator.stop();
  }
}

async function agentTrial(fault: Fault, config: LocalConfig): Promise<Trial> {
  const simulator = await CtiSimulator.start({ host: '127.0.0.1', controlPort: null });
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-failover-'));
  const core = await SoftphoneCore.start({ config, sides: { A: simulator.address('A'), B: simulator.address('B') }, log: silentLogger, userDataDir });
  let state: AppState | undefined;
  const watchers = new Set<() => void>();
  const unsubscribe = core.subscribe((event) => {
    state = applyStateEvent(state, event)!;
    for (const watcher of watchers) watcher();
  });
  const until = (predicate: (s: AppState) => boolean, what: string) =>
    within(new Promise<void>((resolve) => {
      const check = () => {
        if (state && predicate(state)) {
          watchers.delete(check);
          resolve();
        }
      };
      watchers.add(check);
      check();
    }), what);
  const command = async (name: Parameters<SoftphoneCore['execute']>[0], args: object = {}) => {
    const outcome = await core.execute(name, args);
    if (!outcome.ok) throw new Error(`${String(name)}: ${outcome.failure.message}`);
  };
  const agentActive = (s: AppState) => s.agent.mode === 'agent' && s.agent.phase === 'active';
  try {
    await until((s) => s.connection.state === 'connected', 'connected');
    await command('setAgent', { agentId: '1001', instrument: '3001' });
    await command('login', { password: 'x' });
    await until((s) => agentActive(s) && s.agent.mode === 'agent' && s.agent.state === 'not-ready', 'logged in');
    await command('ready');
    await until((s) => s.agent.mode === 'agent' && s.agent.state === 'available', 'ready');
    const call = simulator.peripheral.offerCall({ ani: '5550001', dnis: '8005550100' });
    simulator.peripheral.flush();
    const key = `5000.${call.id}`;
    await until((s) => s.calls.some((c) => c.call.key === key && c.localState === 'alerting'), 'ringing');
    await command('answer', { callId: key });
    await until((s) => s.calls.some((c) => c.call.key === key && c.localState === 'connect'), 'talking');
    await standbyHeld(() => state?.connection.state === 'connected' && state.connection.standby?.state === 'open', config);
    const faultAt = performance.now();
    await fail(simulator, fault);
    await until((s) => s.connection.state === 'connected' && s.connection.side === 'B' && agentActive(s) && s.calls.some((c) => c.call.key === key && c.localState === 'connect'), `recovery after a ${fault}`);
    const reconciledMs = performance.now() - faultAt;
    const desktopCalls = state!.calls.map((c) => Number(c.call.key.split('.')[1])).sort().join(',');
    return { reconciledMs, callsMatch: desktopCalls === serverCallIds(simulator) };
  } finally {
    unsubscribe();
    await core.stop();
    await simulator.stop();
    await rm(userDataDir, { recursive: true, force: true });
  }
}

/** From v24 the trial starts once the standby session is open, as a desktop that has run a while. */
async function standbyHeld(open: () => boolean, config: LocalConfig): Promise<void> {
  if ((config.cti.protocolVersion ?? MAX_PROTOCOL_VERSION) < 24) return;
  const deadline = performance.now() + TRIAL_TIMEOUT_MS;
  while (!open()) {
    if (performance.now() > deadline) throw new Error('the standby session did not open');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function within(promise: Promise<void>, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} took over ${TRIAL_TIMEOUT_MS} ms`)), TRIAL_TIMEOUT_MS);
    promise.then(() => {
      clearTimeout(timer);
      resolve();
    }, reject);
  });
}

/** Nearest-rank percentile. */
function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return Math.round(sorted[rank - 1]! * 10) / 10;
}

function summarise(trials: readonly Trial[]) {
  const reconciled = trials.map((t) => t.reconciledMs).sort((x, y) => x - y);
  const p99 = percentile(reconciled, 99);
  return {
    trials: trials.length,
    reconciledMs: { p50: percentile(reconciled, 50), p99, max: percentile(reconciled, 100) },
    callsMatchServer: trials.filter((t) => t.callsMatch).length,
  };
}

export async function runFailoverBenchmark(options: FailoverBenchOptions): Promise<Record<string, unknown>> {
  const defaults = LocalConfigSchema.parse({});
  const { heartbeatIntervalMs, missedHeartbeatLimit } = defaults.cti;
  const results: Record<string, unknown> = {};
  for (const version of [24, 20]) {
    const config: LocalConfig = { ...defaults, cti: { ...defaults.cti, protocolVersion: version } };
    for (const mode of ['agent', 'monitor'] as const satisfies readonly Mode[]) {
      const byFault: Record<string, unknown> = {};
      for (const fault of ['kill', 'stall'] as const) {
        if (version < 24 && fault === 'stall') {
          // One session and nothing from the silent side: only three missed heartbeats find it.
          byFault[fault] = { measured: false, boundMs: missedHeartbeatLimit * heartbeatIntervalMs, why: 'no standby session before v24: a silent side is found by missed heartbeats' };
          continue;
        }
        const trials: Trial[] = [];
        for (let i = 0; i < options.trials; i++) trials.push(await (mode === 'agent' ? agentTrial(fault, config) : monitorTrial(fault, config)));
        const summary = summarise(trials);
        byFault[fault] = version >= 24 ? { ...summary, targetMs: 1000, met: summary.reconciledMs.p99 < 1000 } : summary;
      }
      results[`v${version}-${mode}`] = { sessions: version >= 24 ? 'active+standby' : 'one', ...byFault };
    }
  }
  return { benchmark: 'failover', heartbeatIntervalMs, missedHeartbeatLimit, ...results };
}
