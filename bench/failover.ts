/**
 * Failover time of monitor mode against the simulator over loopback TCP: for each
 * trial a fresh simulator (sides A and B, three agents logged in, two calls up), a
 * monitor session open and snapshotted on side A, then side A is killed (listener
 * and sockets closed: a crash) or stalled (sockets open, silent: a hung server or a
 * half-open link). Timed from the fault to (1) the session open on side B and (2)
 * the snapshot done and reconciled (OnMonitorModeEstablished), with a check that the
 * monitor's calls then equal the simulator's. Heartbeat settings are the defaults.
 */
import { AGENT_STATE, type Message } from '../ged188/index.js';
import { LocalConfigSchema } from '../main/core/local-config.js';
import type { MonitorEvent } from '../main/cti/monitor/monitor-events.js';
import { MonitorSession } from '../main/cti/monitor/monitor-session.js';
import { CtiSimulator } from '../simulator/index.js';
import { describeCalls } from '../simulator/control-api-views.js';

export interface FailoverBenchOptions {
  readonly trials: number;
}

type Fault = 'kill' | 'stall';

interface Trial {
  readonly openedMs: number;
  readonly reconciledMs: number;
  readonly callsMatch: boolean;
}

const AGENTS = ['1001', '1002', '1003'];
const TRIAL_TIMEOUT_MS = 15_000;

function loginRequest(state: number): Message<'SET_AGENT_STATE_REQ'> {
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
    peripheral.setAgentState(agent, loginRequest(AGENT_STATE.LOGIN));
    peripheral.setAgentState(agent, loginRequest(AGENT_STATE.AVAILABLE));
  }
  peripheral.offerCall({ ani: '5550001', dnis: '8005550100' });
  peripheral.offerCall({ ani: '5550002', dnis: '8005550100' });
  peripheral.flush();
}

function serverCallIds(simulator: CtiSimulator): string {
  return (describeCalls(simulator.peripheral) as { callId: number }[]).map((c) => c.callId).sort().join(',');
}

async function runTrial(fault: Fault, heartbeat: { intervalMs: number; limit: number }): Promise<Trial> {
  const simulator = await CtiSimulator.start({ host: '127.0.0.1', controlPort: null });
  staffed(simulator);
  let openedAt = 0;
  let established: (() => void) | undefined;
  let recovered: (() => void) | undefined;
  const onEvent = (event: MonitorEvent) => {
    if (event.event === 'OnConnection' && event.failover) openedAt = performance.now();
    if (event.event === 'OnMonitorModeEstablished') (event.recovered ? recovered : established)?.();
  };
  const monitor = new MonitorSession(
    {
      sides: { A: simulator.address('A'), B: simulator.address('B') },
      protocolVersion: 24,
      heartbeatIntervalMs: heartbeat.intervalMs,
      missedHeartbeatLimit: heartbeat.limit,
      clientId: 'bench-failover',
    },
    onEvent,
    { info: () => {}, warn: () => {} },
  );
  try {
    await within(new Promise<void>((resolve) => {
      established = resolve;
      monitor.start();
    }), 'the first snapshot');
    // A random phase against the heartbeat timer, as a real fault has.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * heartbeat.intervalMs));
    const done = new Promise<void>((resolve) => (recovered = resolve));
    const faultAt = performance.now();
    if (fault === 'kill') await simulator.killSide('A');
    else simulator.stallSide('A');
    await within(done, `recovery after a ${fault}`);
    const reconciledAt = performance.now();
    const monitorCalls = monitor.calls.map((c) => c.connectionCallId).sort().join(',');
    return { openedMs: openedAt - faultAt, reconciledMs: reconciledAt - faultAt, callsMatch: monitorCalls === serverCallIds(simulator) };
  } finally {
    await monitor.stop();
    await simulator.stop();
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
  const opened = trials.map((t) => t.openedMs).sort((x, y) => x - y);
  const reconciled = trials.map((t) => t.reconciledMs).sort((x, y) => x - y);
  return {
    trials: trials.length,
    openOnOtherSideMs: { p50: percentile(opened, 50), p99: percentile(opened, 99) },
    reconciledMs: { p50: percentile(reconciled, 50), p99: percentile(reconciled, 99), max: percentile(reconciled, 100) },
    callsMatchServer: trials.filter((t) => t.callsMatch).length,
  };
}

export async function runFailoverBenchmark(options: FailoverBenchOptions): Promise<Record<string, unknown>> {
  const defaults = LocalConfigSchema.parse({}).cti;
  const heartbeat = { intervalMs: defaults.heartbeatIntervalMs, limit: defaults.missedHeartbeatLimit };
  const results: Record<Fault, Trial[]> = { kill: [], stall: [] };
  for (const fault of ['kill', 'stall'] as const) {
    for (let i = 0; i < options.trials; i++) results[fault].push(await runTrial(fault, heartbeat));
  }
  const kill = summarise(results.kill);
  const stall = summarise(results.stall);
  return {
    benchmark: 'failover',
    mode: 'monitor',
    heartbeat: { intervalMs: heartbeat.intervalMs, missedLimit: heartbeat.limit },
    kill: { ...kill, targetMs: 1000, met: kill.reconciledMs.p99 < 1000 },
    stall: { ...stall, targetMs: 3000, met: stall.reconciledMs.p99 < 3000 },
  };
}
