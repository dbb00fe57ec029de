/**
 * The heartbeat load a centre's desktops put on CTI Server (issue 12): a simulator
 * process with N agents, and N desktops in this process, each holding its working
 * session on side A (CLIENT_EVENTS for its agent) and the standby session on side B
 * that the desktop's own session code opens for it (CtiSession with both sides: version
 * negotiation, ACTIVE_STANDBY from v24, heartbeats at the given interval, 90 s by
 * default as the guide asks of desktops, the standby's STANDBY_HEARTBEAT_FACTOR times
 * that). Once all are open it counts the HEARTBEAT_REQs the simulator's sides received
 * over the window (one standby interval unless `--seconds` says otherwise), so every
 * session's phase is counted whole, and reports heartbeats per second at the server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SERVICE } from '../ged188/index.js';
import { STANDBY_HEARTBEAT_FACTOR } from '../main/cti/active-standby.js';
import { CtiSession } from '../main/cti/cti-session.js';
import { versionSettings } from '../main/cti/protocol-version.js';
import type { OpenParameters, SessionSettings } from '../main/cti/session-machine.js';
import { cpuSecondsOf, memoryOf, round, simulatorReady, spawnSimulator, writeSite } from './simulator.js';

const PERIPHERAL_ID = 5000;
const OPEN_BATCH = 100;
/** How long a desktop's standby session may take to open before it counts as having none. */
const STANDBY_WAIT_MS = 10_000;

export interface DesktopsBenchOptions {
  readonly desktops: number;
  readonly heartbeatIntervalMs: number;
  /** The measured window, in seconds. */
  readonly seconds: number;
}

interface SideCounters {
  readonly sessions: number;
  readonly heartbeats: number;
}

async function sideCounters(controlUrl: string): Promise<{ A: SideCounters; B: SideCounters }> {
  const health = (await (await fetch(`${controlUrl}/health`)).json()) as { sides: { A: SideCounters; B: SideCounters } };
  return health.sides;
}

/**
 * Starts one desktop's session, as the desktop does (both sides configured, so from v24
 * it holds its standby session itself), and resolves once the working session is open
 * and its standby session too (or the server gave none: counted by the caller).
 */
function openDesktop(settings: SessionSettings, warnings: string[]): Promise<CtiSession> {
  return new Promise((resolve, reject) => {
    let working = false;
    let standbyOpen = false;
    const settle = () => {
      if (working && standbyOpen) resolve(session);
    };
    const session: CtiSession = new CtiSession(
      settings,
      {
        opened: () => {
          working = true;
          // A server that gives no standby session: the desktop stays with one, counted as such.
          setTimeout(() => resolve(session), STANDBY_WAIT_MS).unref();
          settle();
        },
        standbyChanged: (status) => {
          standbyOpen = status.state === 'open';
          settle();
        },
        failed: (failure) => reject(new Error(`a desktop session could not open on side ${failure.side}: ${failure.reason}`)),
      },
      { info: () => {}, warn: (text) => warnings.push(text) },
    );
    session.start();
  });
}

export async function runDesktopsBenchmark(options: DesktopsBenchOptions): Promise<Record<string, unknown>> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'bench-desktops-'));
  // Each side holds one connection per desktop, beyond the simulator's default limit.
  const child = spawnSimulator(writeSite(directory, options.desktops), ['--max-connections', String(options.desktops + 10)]);
  const sessions: CtiSession[] = [];
  const warnings: string[] = [];
  const deadline = setTimeout(() => {
    process.stderr.write('bench: the desktops benchmark took too long; stopping\n');
    child.kill('SIGKILL');
    process.exit(1);
  }, (options.seconds + 300) * 1000);
  deadline.unref();
  try {
    const { portA, portB, controlUrl } = await simulatorReady(child);
    const a = { host: '127.0.0.1', port: portA };
    const b = { host: '127.0.0.1', port: portB };
    const common = {
      ...versionSettings(undefined),
      heartbeatIntervalMs: options.heartbeatIntervalMs,
      missedHeartbeatLimit: 3,
      connectTimeoutMs: 10_000,
      openTimeoutMs: 60_000,
      closeTimeoutMs: 5_000,
      retry: { initialMs: 500, maxMs: 10_000, jitter: 0.2 },
      clientPassword: new Uint8Array(0),
    };
    const openStarted = performance.now();
    let standbySessions = 0;
    const versions = new Set<number>();
    for (let first = 0; first < options.desktops; first += OPEN_BATCH) {
      const batch = Array.from({ length: Math.min(OPEN_BATCH, options.desktops - first) }, (_, k) => first + k);
      await Promise.all(
        batch.map(async (i) => {
          const instrument = String(30_001 + i);
          const open: OpenParameters = {
            servicesRequested: SERVICE.CLIENT_EVENTS | SERVICE.CALL_DATA_UPDATE | SERVICE.CLIENT_CONTROL,
            peripheralId: PERIPHERAL_ID,
            callMsgMask: 0xffff,
            agentStateMask: 0x3fff,
            agentInstrument: instrument,
          };
          const clientId = `desktop-${instrument}`;
          const desktop = await openDesktop({ ...common, sides: { A: a, B: b }, clientId, open }, warnings);
          sessions.push(desktop);
          versions.add(desktop.protocolVersion);
          if (desktop.standbyStatus.state === 'open') standbySessions++;
        }),
      );
    }
    const openSeconds = (performance.now() - openStarted) / 1000;

    const cpuBefore = cpuSecondsOf(child.pid!);
    const before = await sideCounters(controlUrl);
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, options.seconds * 1000));
    const after = await sideCounters(controlUrl);
    const window = (performance.now() - started) / 1000;
    const cpuAfter = cpuSecondsOf(child.pid!);
    const heartbeatsA = after.A.heartbeats - before.A.heartbeats;
    const heartbeatsB = after.B.heartbeats - before.B.heartbeats;
    const perSecond = (heartbeatsA + heartbeatsB) / window;
    return {
      benchmark: 'simulator',
      mode: 'desktops',
      desktops: options.desktops,
      heartbeatIntervalMs: options.heartbeatIntervalMs,
      protocolVersions: [...versions].sort((x, y) => x - y),
      sessions: { A: after.A.sessions, B: after.B.sessions, standby: standbySessions },
      openSeconds: round(openSeconds, 1),
      seconds: round(window, 1),
      heartbeats: { A: heartbeatsA, B: heartbeatsB },
      heartbeatsPerSecond: round(perSecond),
      heartbeatsPerDesktopPerMinute: round((perSecond * 60) / options.desktops, 3),
      standbyHeartbeatIntervalMs: options.heartbeatIntervalMs * STANDBY_HEARTBEAT_FACTOR,
      // The arithmetic: per desktop, one heartbeat per interval on the working session and
      // one per STANDBY_HEARTBEAT_FACTOR intervals on the standby one.
      expectedPerSecond: round((options.desktops * 1000 * (1 + 1 / STANDBY_HEARTBEAT_FACTOR)) / options.heartbeatIntervalMs),
      simulatorCpuShare: cpuBefore === undefined || cpuAfter === undefined ? undefined : round((cpuAfter - cpuBefore) / window, 3),
      ...memoryOf(child.pid!),
      sessionWarnings: warnings.length,
    };
  } finally {
    clearTimeout(deadline);
    // CLOSE_REQ for each, without waiting out every CLOSE_CONF: killing the simulator ends the rest.
    await Promise.all(sessions.map((session) => Promise.race([session.stop(), new Promise((resolve) => setTimeout(resolve, 100))])));
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(undefined)));
    rmSync(directory, { recursive: true, force: true });
  }
}
