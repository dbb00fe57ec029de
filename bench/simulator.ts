/**
 * The simulator at contact-centre scale: a simulator process with N agents (2,000),
 * one client-events session per agent plus an all-events monitor, all over loopback
 * TCP from this process, and callers calling in at 50 per second (Poisson) for
 * `--seconds` (60). Agents answer, talk a little, hang up, release the call and go
 * Ready again. Prints achieved calls/s, events/s, request-to-confirmation times and
 * the simulator's memory; everything stops by itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  AGENT_STATE,
  FrameReader,
  SERVICE,
  buildMessage,
  decode,
  encode,
  type Message,
  type MessageFields,
  type MessageName,
} from '../ged188/index.js';
import { exponentialGap } from '../simulator/call-generator.js';
import { seededRandom } from '../simulator/seeded-random.js';

const REPO_ROOT = path.resolve(import.meta.dirname, '..');
const PERIPHERAL_ID = 5000;
const CONNECT_BATCH = 100;

export interface SimulatorBenchOptions {
  readonly agents: number;
  readonly callsPerSecond: number;
  readonly seconds: number;
  /** How long an agent talks before hanging up, in ms (uniformly 0.5×–1.5×). */
  readonly talkMs: number;
}

/** One GED-188 session with just enough of a client to time its requests. */
class BenchSession {
  private readonly reader = new FrameReader();
  private invokeId = 0;
  private readonly sentAt = new Map<number, number>();
  private onMessage: (m: Message) => void = () => {};
  private opened: ((m: Message) => void) | undefined;

  private constructor(
    readonly socket: net.Socket,
    private readonly stats: BenchStats,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      for (const frame of this.reader.push(chunk)) this.receive(decode(frame) as Message);
    });
    socket.on('error', () => {});
  }

  static async connect(port: number, stats: BenchStats): Promise<BenchSession> {
    const socket = net.connect({ host: '127.0.0.1', port });
    await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    return new BenchSession(socket, stats);
  }

  handle(onMessage: (m: Message) => void): void {
    this.onMessage = onMessage;
  }

  async open(fields: MessageFields<'OPEN_REQ'>): Promise<Message> {
    const conf = new Promise<Message>((resolve) => (this.opened = resolve));
    this.request('OPEN_REQ', { VersionNumber: 24, IdleTimeout: 0xffffffff, ClientPassword: new Uint8Array(0), ...fields });
    return conf;
  }

  request<N extends MessageName>(type: N, fields: MessageFields<N>): void {
    const invokeId = ++this.invokeId;
    this.sentAt.set(invokeId, performance.now());
    this.stats.requests++;
    this.socket.write(encode(buildMessage(type, { ...fields, InvokeID: invokeId } as MessageFields<N>)));
  }

  private receive(m: Message): void {
    const invokeId = 'InvokeID' in m ? (m.InvokeID as number) : undefined;
    const sent = invokeId === undefined ? undefined : this.sentAt.get(invokeId);
    if (sent !== undefined && invokeId !== undefined) {
      this.sentAt.delete(invokeId);
      this.stats.latencies.push(performance.now() - sent);
      if (m.MessageType === 'CONTROL_FAILURE_CONF' || m.MessageType === 'FAILURE_CONF') this.stats.failures++;
      if (m.MessageType === 'OPEN_CONF' || m.MessageType === 'FAILURE_CONF') this.opened?.(m);
    } else {
      this.stats.events++;
    }
    this.onMessage(m);
  }
}

interface BenchStats {
  requests: number;
  events: number;
  failures: number;
  latencies: number[];
}

/** An agent desktop reduced to its reflexes: answer, talk, hang up, release, Ready. */
function agentReflexes(session: BenchSession, random: () => number, talkMs: number, timers: Set<NodeJS.Timeout>): (m: Message) => void {
  let lastCall = 0;
  return (m) => {
    switch (m.MessageType) {
      case 'CALL_DELIVERED_EVENT':
        lastCall = m.ConnectionCallID;
        session.request('ANSWER_CALL_REQ', { PeripheralID: PERIPHERAL_ID, ConnectionCallID: m.ConnectionCallID, ConnectionDeviceIDType: 0, ConnectionDeviceID: m.ConnectionDeviceID });
        break;
      case 'CALL_ESTABLISHED_EVENT': {
        const { ConnectionCallID, ConnectionDeviceID } = m;
        const timer = setTimeout(() => {
          timers.delete(timer);
          session.request('CLEAR_CONNECTION_REQ', { PeripheralID: PERIPHERAL_ID, ConnectionCallID, ConnectionDeviceIDType: 0, ConnectionDeviceID });
        }, talkMs * (0.5 + random()));
        timers.add(timer);
        break;
      }
      case 'AGENT_STATE_EVENT':
        // Wrap-up after the call: the desktop releases the call and goes Ready again.
        if (m.AgentState === AGENT_STATE.WORK_NOT_READY || m.AgentState === AGENT_STATE.WORK_READY) {
          session.request('RELEASE_CALL_REQ', { PeripheralID: PERIPHERAL_ID, ConnectionCallID: lastCall, ConnectionDeviceIDType: 0, ConnectionDeviceID: '' });
          session.request('SET_AGENT_STATE_REQ', { PeripheralID: PERIPHERAL_ID, AgentState: AGENT_STATE.AVAILABLE });
        }
        break;
      default:
    }
  };
}

/** The site as a --config file: agents 10001… on 30001…, so 2,000 of them fit. */
export function writeSite(directory: string, agents: number): string {
  const file = path.join(directory, 'site.json');
  const site = {
    peripheralId: PERIPHERAL_ID,
    skillGroups: [
      { number: 100, id: 5000, name: 'Sales' },
      { number: 101, id: 5001, name: 'Support' },
    ],
    agents: Array.from({ length: agents }, (_, i) => ({ id: String(10_001 + i), instrument: String(30_001 + i), skillGroups: [100, 101] })),
  };
  writeFileSync(file, JSON.stringify(site));
  return file;
}

/** Resident and peak memory of a Linux process, in MB (undefined elsewhere). */
export function memoryOf(pid: number): { rssMb?: number; peakRssMb?: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    return { rssMb: Math.round(kb('VmRSS') / 1024), peakRssMb: Math.round(kb('VmHWM') / 1024) };
  } catch {
    return {};
  }
}

/** CPU seconds a Linux process has used (user + system). */
export function cpuSecondsOf(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const round = (n: number, digits = 2) => Number(n.toFixed(digits));

export async function runSimulatorBenchmark(options: SimulatorBenchOptions): Promise<Record<string, unknown>> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'bench-simulator-'));
  const child = spawnSimulator(writeSite(directory, options.agents));
  const sessions: BenchSession[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const deadline = setTimeout(() => {
    process.stderr.write('bench: the simulator benchmark took too long; stopping\n');
    child.kill('SIGKILL');
    process.exit(1);
  }, (options.seconds + 180) * 1000);
  deadline.unref();
  try {
    const { portA, controlUrl } = await simulatorReady(child);
    const stats: BenchStats = { requests: 0, events: 0, failures: 0, latencies: [] };
    const random = seededRandom(42);

    const monitor = await BenchSession.connect(portA, stats);
    sessions.push(monitor);
    await monitor.open({ PeripheralID: 0xffffffff, ServicesRequested: SERVICE.ALL_EVENTS, CallMsgMask: 0xffff, AgentStateMask: 0x3fff, ClientID: 'monitor' });
    let ended = 0;
    monitor.handle((m) => {
      if (m.MessageType === 'END_CALL_EVENT') ended++;
    });

    // Connect, open and log in every agent, in batches so the backlog stays sane.
    for (let first = 0; first < options.agents; first += CONNECT_BATCH) {
      const batch = Array.from({ length: Math.min(CONNECT_BATCH, options.agents - first) }, (_, k) => first + k);
      await Promise.all(
        batch.map(async (i) => {
          const session = await BenchSession.connect(portA, stats);
          sessions.push(session);
          const instrument = String(30_001 + i);
          const conf = await session.open({
            PeripheralID: PERIPHERAL_ID, ServicesRequested: SERVICE.CLIENT_EVENTS | SERVICE.CALL_DATA_UPDATE | SERVICE.CLIENT_CONTROL,
            CallMsgMask: 0xffff, AgentStateMask: 0x3fff, ClientID: `agent-${instrument}`, AgentInstrument: instrument,
          });
          if (conf.MessageType !== 'OPEN_CONF') throw new Error(`agent ${instrument} could not open: ${JSON.stringify(conf)}`);
          const ready = new Promise<void>((resolve) =>
            session.handle((m) => {
              if (m.MessageType === 'AGENT_STATE_EVENT' && m.AgentState === AGENT_STATE.AVAILABLE) resolve();
            }),
          );
          session.request('SET_AGENT_STATE_REQ', { PeripheralID: PERIPHERAL_ID, AgentState: AGENT_STATE.LOGIN, AgentID: String(10_001 + i), AgentInstrument: instrument });
          session.request('SET_AGENT_STATE_REQ', { PeripheralID: PERIPHERAL_ID, AgentState: AGENT_STATE.AVAILABLE });
          await ready;
          session.handle(agentReflexes(session, random, options.talkMs, timers));
        }),
      );
    }

    // The measured window: Poisson arrivals posted to the control API.
    Object.assign(stats, { requests: 0, events: 0, failures: 0, latencies: [] });
    ended = 0;
    const cpuBefore = cpuSecondsOf(child.pid!);
    const started = performance.now();
    const stopAt = started + options.seconds * 1000;
    let offered = 0;
    let postFailures = 0;
    const posts: Promise<void>[] = [];
    let nextAt = started;
    while (nextAt < stopAt) {
      const wait = nextAt - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const ani = `555${String(Math.floor(random() * 10_000)).padStart(4, '0')}`;
      offered++;
      posts.push(
        fetch(`${controlUrl}/calls`, { method: 'POST', body: JSON.stringify({ ani, dnis: '8005550100', skillGroup: random() < 0.5 ? 100 : 101 }) }).then(
          async (r) => void (r.ok ? await r.arrayBuffer() : postFailures++),
          () => void postFailures++,
        ),
      );
      nextAt += exponentialGap(random, options.callsPerSecond) * 1000;
    }
    await Promise.all(posts);
    const window = (performance.now() - started) / 1000;
    const endedInWindow = ended;
    const eventsInWindow = stats.events;
    const cpuAfter = cpuSecondsOf(child.pid!);
    const memory = memoryOf(child.pid!);

    // Drain: every call must end and leave nothing behind.
    const drainDeadline = performance.now() + 15_000 + options.talkMs * 2;
    let callsLeft = Number.NaN;
    while (performance.now() < drainDeadline) {
      callsLeft = ((await (await fetch(`${controlUrl}/calls`)).json()) as unknown[]).length;
      if (callsLeft === 0 && ended >= offered) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const agentsNow = (await (await fetch(`${controlUrl}/agents`)).json()) as { state: number }[];
    const sorted = [...stats.latencies].sort((a, b) => a - b);
    return {
      benchmark: 'simulator',
      agents: options.agents,
      sessions: sessions.length,
      seconds: round(window, 1),
      offeredCalls: offered,
      endedCalls: ended,
      offeredPerSecond: round(offered / window),
      callsPerSecond: round(endedInWindow / window),
      eventsPerSecond: Math.round(eventsInWindow / window),
      requests: stats.latencies.length,
      p50Ms: round(percentile(sorted, 50)),
      p99Ms: round(percentile(sorted, 99)),
      maxMs: round(sorted.at(-1) ?? 0),
      failures: stats.failures + postFailures,
      simulatorCpuShare: cpuBefore === undefined || cpuAfter === undefined ? undefined : round((cpuAfter - cpuBefore) / window),
      ...memory,
      callsLeft,
      agentsNotReady: agentsNow.filter((a) => a.state !== AGENT_STATE.AVAILABLE).length,
    };
  } finally {
    clearTimeout(deadline);
    for (const timer of timers) clearTimeout(timer);
    for (const session of sessions) session.socket.destroy();
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(undefined)));
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The simulator as a child process on free ports, quiet, playing `siteFile`; `extra` flags added. */
export function spawnSimulator(siteFile: string, extra: readonly string[] = []): ChildProcess {
  // node with tsx's loader, not the tsx wrapper, so the pid is the simulator's own.
  return spawn(
    process.execPath,
    ['--import', 'tsx', 'simulator/cli.ts', '--port-a', '0', '--port-b', '0', '--control-port', '0', '--quiet', '--config', siteFile, ...extra],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

export function simulatorReady(child: ReturnType<typeof spawn>): Promise<{ portA: number; portB: number; controlUrl: string }> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const ready = /Simulator ready: side A [^ ]+:(\d+) .*side B [^ ]+:(\d+) .* control API (\S+)/.exec(stdout);
      if (ready) resolve({ portA: Number(ready[1]), portB: Number(ready[2]), controlUrl: ready[3]! });
    });
    child.once('exit', (code) => reject(new Error(`the simulator exited with ${code}: ${stderr.trim()}`)));
  });
}
