import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { DEVICE_ID_TYPE, MAX_PROTOCOL_VERSION, PG_STATUS, SERVICE, STATUS, SYSTEM_EVENT_ID, buildMessage, type Message } from '../ged188/index.js';
import { ClientSession, type SessionRole } from './client-session.js';
import { startControlApi, type ControlApi } from './control-api.js';
import { DesktopSettingsDocument } from './desktop-settings-document.js';
import { EXAMPLE_DESKTOP_SETTINGS } from './desktop-settings-example.js';
import { EventDispatcher } from './event-dispatch.js';
import { MaintenanceHandOver, type HandOverOutcome } from './maintenance.js';
import { Peripheral } from './pg/peripheral.js';
import type { AgentConfig } from './pg/site.js';
import { generatedSite, type Site } from './pg/site.js';

export type Side = 'A' | 'B';
export type SideState = 'active' | 'standby' | 'down';

export interface SimulatorOptions {
  /** Address to listen on; loopback unless a developer asks otherwise. */
  readonly host?: string;
  /** 0 (the default) picks a free port. */
  readonly ports?: Readonly<Partial<Record<Side, number>>>;
  /** Control API port; 0 picks a free one, `null` starts none. */
  readonly controlPort?: number | null;
  /** The contact centre to play; a small generated one (10 agents) when absent. */
  readonly site?: Site;
  /** How long an outside number rings before it answers (default 1 s). */
  readonly outsideAnswerMs?: number;
  readonly log?: (line: string) => void;
  /**
   * Whether the server takes v24 active/standby sessions (default true). False: the
   * standby side refuses every open with E_CTI_CTI_SERVER_OFFLINE and ServicesGranted
   * never has ACTIVE_STANDBY, as a server not configured for it (§2.11 rule 4).
   */
  readonly activeStandby?: boolean;
  /** The maintenance hand-over's two 5 s windows (§2.11); shorter in tests. */
  readonly maintenanceTiming?: { readonly responseMs?: number; readonly stoppingMs?: number };
  /** A connection that has not opened a session this long after connecting is closed (default 30 s). */
  readonly openTimeoutMs?: number;
  /**
   * The newest protocol version the server takes (default: the newest the codec knows),
   * for both sides or per side: a server of an older UCCE release. Newer OPEN_REQs get
   * FAILURE_CONF E_CTI_INVALID_VERSION; older ones are served with their own layouts.
   */
  readonly maxVersion?: number | Readonly<Partial<Record<Side, number>>>;
  /** Connections one side holds at most, opened or not; more are refused (default 1,000). */
  readonly maxConnectionsPerSide?: number;
  /** The peripheral's clock (ms since epoch): state times, statistics, event times. */
  readonly clock?: () => number;
  /**
   * The desktop settings document `GET /desktop-settings` serves: a JSON object with a
   * numeric schemaVersion (serialised), or a DesktopSettingsDocument (served byte for
   * byte, e.g. a `--settings` file). A realistic example document when absent.
   */
  readonly desktopSettings?: unknown;
}

export const DEFAULT_OPEN_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_CONNECTIONS_PER_SIDE = 1000;
/** Refused connections are logged at most once per this long, with a count: a flood writes a few lines. */
const REFUSAL_LOG_INTERVAL_MS = 1000;

export interface SideHealth {
  readonly state: SideState;
  readonly host: string;
  readonly port: number;
  readonly sessions: number;
  /** TCP connections, sessions or not yet. */
  readonly connections: number;
  /** HEARTBEAT_REQs this side has received since it started: the heartbeat load clients put on it. */
  readonly heartbeats: number;
  /** Present while a fault holds the side: `stalled` (half-open) or `maintenance` (handing over). */
  readonly condition?: 'stalled' | 'maintenance';
}

export type Health = { readonly sides: Readonly<Record<Side, SideHealth>>; readonly peripheralOnline: boolean };

/** A port the simulator could not listen on, in words for the person who chose it. */
export class ListenError extends Error {
  override readonly name = 'ListenError';
}

/** A fault that does not fit the simulator's state (HTTP 409 in the control API). */
export class FaultConflict extends Error {
  override readonly name = 'FaultConflict';
}

/**
 * A frame no GED-188 client can read: HEARTBEAT_CONF whose MessageLength (2) leaves
 * no room for its InvokeID. The length is honest, so the byte stream stays in step.
 */
export const MALFORMED_FRAME = Uint8Array.of(0, 0, 0, 2, 0, 0, 0, 6, 0, 0);

/** UCCE's reason code for agents made Not Ready when a CTI component fails (ctios.md, 50002). */
export const FORCED_NOT_READY_REASON = 50002;

class SideListener {
  state: SideState = 'standby';
  condition: 'stalled' | 'maintenance' | undefined;
  readonly sessions = new Set<ClientSession>();
  heartbeats = 0;
  private server: net.Server | undefined;
  port: number;
  private refusedSinceLog = 0;
  private lastRefusalLogAt = -Infinity;

  constructor(
    readonly side: Side,
    readonly host: string,
    port: number,
    private readonly maxConnections: number,
    private readonly log: (line: string) => void,
  ) {
    this.port = port;
  }

  get listening(): boolean {
    return this.server !== undefined;
  }

  async listen(accept: (socket: net.Socket) => ClientSession): Promise<void> {
    const server = net.createServer((socket) => {
      const session = accept(socket);
      this.sessions.add(session);
      socket.on('close', () => this.sessions.delete(session));
    });
    // Node refuses connections over the limit itself, before any of ours is made.
    server.maxConnections = this.maxConnections;
    server.on('drop', (refused) => this.refused(refused));
    await listenOn(server, this.host, this.port, `side ${this.side}`);
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  private refused(refused: net.DropArgument | undefined): void {
    this.refusedSinceLog++;
    const now = Date.now();
    if (now - this.lastRefusalLogAt < REFUSAL_LOG_INTERVAL_MS) return;
    const from = refused?.remoteAddress === undefined ? '' : ` (the latest from ${refused.remoteAddress}:${refused.remotePort})`;
    this.log(
      `side ${this.side}: refused ${this.refusedSinceLog} connection(s)${from}: ${this.maxConnections} are open, the most this side takes (maxConnectionsPerSide)`,
    );
    this.refusedSinceLog = 0;
    this.lastRefusalLogAt = now;
  }

  /** Resets every connection on this side; the listener stays. */
  dropConnections(): void {
    for (const session of this.sessions) session.kill();
    this.sessions.clear();
  }

  /** Closes the listener and every connection on it, the way a failed CTI Server vanishes. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.dropConnections();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  health(): SideHealth {
    return {
      state: this.state,
      host: this.host,
      port: this.port,
      sessions: [...this.sessions].filter((s) => s.isOpen).length,
      connections: this.sessions.size,
      heartbeats: this.heartbeats,
      ...(this.condition ? { condition: this.condition } : {}),
    };
  }
}

export function listenOn(server: net.Server, host: string, port: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE') {
        reject(new ListenError(`${what}: port ${port} on ${host} is already in use; choose another port, or 0 for a free one`));
      } else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
        reject(new ListenError(`${what}: ${host} is not an address of this machine; use 127.0.0.1`));
      } else if (error.code === 'EACCES') {
        reject(new ListenError(`${what}: not allowed to listen on port ${port}; choose a port above 1023`));
      } else {
        reject(new ListenError(`${what}: cannot listen on ${host}:${port}: ${error.message}`));
      }
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/**
 * A CTI Server pair (sides A and B) in front of one peripheral: one model, two
 * listeners. The active side serves every client; the standby side holds only v24
 * active/standby sessions, which it promotes when it becomes active. Faults from
 * the control API act here.
 */
export class CtiSimulator {
  private readonly sides: Record<Side, SideListener>;
  private controlApi: ControlApi | undefined;
  private readonly log: (line: string) => void;
  readonly peripheral: Peripheral;
  private readonly events: EventDispatcher;
  private sessionCounter = 0;
  private peripheralOnline = true;
  /** Failure codes for the next requests of a type (fault `control-failure`), oldest first. */
  private readonly injectedFailures = new Map<string, number[]>();
  private handOver: MaintenanceHandOver | undefined;
  private readonly maintenanceTiming: { responseMs: number; stoppingMs: number };
  private readonly openTimeoutMs: number;
  private readonly maxVersion: Readonly<Record<Side, number>>;
  private readonly offersActiveStandby: boolean;
  private settings: DesktopSettingsDocument;

  private constructor(options: SimulatorOptions) {
    const host = options.host ?? '127.0.0.1';
    this.log = options.log ?? (() => {});
    const maxConnections = options.maxConnectionsPerSide ?? DEFAULT_MAX_CONNECTIONS_PER_SIDE;
    this.sides = {
      A: new SideListener('A', host, options.ports?.A ?? 0, maxConnections, this.log),
      B: new SideListener('B', host, options.ports?.B ?? 0, maxConnections, this.log),
    };
    this.openTimeoutMs = options.openTimeoutMs ?? DEFAULT_OPEN_TIMEOUT_MS;
    const maxVersion = options.maxVersion ?? MAX_PROTOCOL_VERSION;
    this.maxVersion =
      typeof maxVersion === 'number'
        ? { A: maxVersion, B: maxVersion }
        : { A: maxVersion.A ?? MAX_PROTOCOL_VERSION, B: maxVersion.B ?? MAX_PROTOCOL_VERSION };
    this.offersActiveStandby = options.activeStandby ?? true;
    this.peripheral = new Peripheral(options.site ?? generatedSite({ agents: 10 }), options.clock ?? Date.now, {
      ...(options.outsideAnswerMs === undefined ? {} : { outsideAnswerMs: options.outsideAnswerMs }),
      clientOfAgent: (agentId) => this.activeSessionOf(agentId)?.client,
    });
    this.events = new EventDispatcher(this.peripheral);
    this.maintenanceTiming = { responseMs: options.maintenanceTiming?.responseMs ?? 5000, stoppingMs: options.maintenanceTiming?.stoppingMs ?? 5000 };
    const settings = options.desktopSettings ?? EXAMPLE_DESKTOP_SETTINGS;
    this.settings = settings instanceof DesktopSettingsDocument ? settings : DesktopSettingsDocument.fromValue(settings);
  }

  static async start(options: SimulatorOptions = {}): Promise<CtiSimulator> {
    const simulator = new CtiSimulator(options);
    try {
      await simulator.listen('A');
      simulator.sides.A.state = 'active';
      await simulator.listen('B');
      simulator.sides.B.state = 'standby';
      if (options.controlPort !== null) {
        simulator.controlApi = await startControlApi(simulator, simulator.sides.A.host, options.controlPort ?? 0);
      }
    } catch (error) {
      await simulator.stop();
      throw error;
    }
    return simulator;
  }

  private listen(side: Side): Promise<void> {
    const listener = this.sides[side];
    return listener.listen(
      (socket) =>
        new ClientSession(
          socket,
          {
            roleForOpen: (version, services) => this.roleForOpen(listener, version, services),
            offersActiveStandby: this.offersActiveStandby,
            isStalled: () => listener.condition === 'stalled',
            openTimeoutMs: this.openTimeoutMs,
            maxVersion: this.maxVersion[side],
            heartbeatReceived: () => void listener.heartbeats++,
            peripheral: this.peripheral,
            events: this.events,
            log: this.log,
            sessionsBoundTo: (agentId) => [...listener.sessions].filter((s) => s.isOpen && s.agentId === agentId),
            nextSessionId: () => ++this.sessionCounter,
            pgStatus: () => (this.peripheralOnline ? 0 : PG_STATUS.PERIPHERAL_OFFLINE),
            takeInjectedFailure: (type) => this.takeInjectedFailure(type),
            maintenanceMessage: (session, m) => {
              if (this.handOver) this.handOver.receive(session, m);
              else this.log(`side ${side}: ${m.MessageType} with no maintenance in progress; ignored`);
            },
          },
          `side ${side} ${socket.remoteAddress}:${socket.remotePort}`,
        ),
    );
  }

  /** §2.11: the active side serves all; the standby side only v24 clients asking for ACTIVE_STANDBY. */
  private roleForOpen(listener: SideListener, version: number, services: number): SessionRole | { refuse: number; why: string } {
    if (listener.condition === 'maintenance') return { refuse: STATUS.E_CTI_SERVER_IN_MAINTENANCE_MODE, why: 'this side is going into maintenance' };
    if (listener.state === 'active') return 'active';
    if (listener.state === 'standby' && this.offersActiveStandby && version >= 24 && services & SERVICE.ACTIVE_STANDBY) return 'standby';
    return { refuse: STATUS.E_CTI_CTI_SERVER_OFFLINE, why: 'this side is not active (standby sessions need version 24+ and ACTIVE_STANDBY)' };
  }

  private other(side: Side): SideListener {
    return this.sides[side === 'A' ? 'B' : 'A'];
  }

  /** A side takes over: its standby sessions become active sessions (STANDBY_ACTIVE_EVENT_MSG). */
  private activate(listener: SideListener): void {
    listener.state = 'active';
    for (const session of listener.sessions) if (session.role === 'standby') session.promote();
  }

  address(side: Side): { host: string; port: number } {
    return { host: this.sides[side].host, port: this.sides[side].port };
  }

  get controlUrl(): string | undefined {
    return this.controlApi?.url;
  }

  /** What `GET /desktop-settings` serves. */
  get desktopSettings(): DesktopSettingsDocument {
    return this.settings;
  }

  /** A new settings document (`PUT /desktop-settings`): desktops get it on their next download. */
  replaceDesktopSettings(document: DesktopSettingsDocument): void {
    this.settings = document;
    this.log(`desktop settings replaced (${document.bytes.length} bytes, ETag ${document.etag})`);
  }

  /** The simulated centre's agents and supervisors as configured (id, instrument, password…). */
  siteAgents(): AgentConfig[] {
    return [...this.peripheral.agents.values()].map((agent) => agent.config);
  }

  health(): Health {
    return { sides: { A: this.sides.A.health(), B: this.sides.B.health() }, peripheralOnline: this.peripheralOnline };
  }

  /** Side `side` fails: its listener and connections close; the other side takes over. */
  async killSide(side: Side): Promise<void> {
    const listener = this.sides[side];
    const other = this.other(side);
    listener.state = 'down';
    listener.condition = undefined;
    await listener.close();
    if (other.state === 'standby' && other.condition === undefined) this.activate(other);
    this.log(`side ${side} killed; side ${other.side} is ${other.state}`);
  }

  /**
   * Side `side` comes back: a killed side on its old port, a stalled side with its
   * stale connections reset (they missed events). Standby when the other side is
   * active, else active.
   */
  async restoreSide(side: Side): Promise<void> {
    const listener = this.sides[side];
    if (listener.condition === 'stalled') {
      listener.condition = undefined;
      listener.dropConnections();
    } else if (listener.state !== 'down' || listener.condition === 'maintenance') {
      return;
    } else if (!listener.listening) {
      await this.listen(side);
    }
    listener.state = this.other(side).state === 'active' ? 'standby' : 'active';
    this.log(`side ${side} restored as ${listener.state}`);
  }

  /**
   * Side `side` hangs with its sockets open (a half-open link): it stops answering
   * and sending, and does not time clients out. The other side takes over, as the
   * duplex pair's own heartbeat would notice.
   */
  stallSide(side: Side): void {
    const listener = this.sides[side];
    if (listener.state === 'down' && listener.condition !== 'stalled') throw new FaultConflict(`side ${side} is down; restore it first`);
    listener.condition = 'stalled';
    const wasActive = listener.state === 'active';
    listener.state = 'down';
    const other = this.other(side);
    if (wasActive && other.state === 'standby' && other.condition === undefined) this.activate(other);
    this.log(`side ${side} stalled; side ${other.side} is ${other.state}`);
  }

  /** Every client connection of `side` is reset; the listener stays, so clients can reconnect. */
  dropConnections(side: Side): number {
    const count = this.sides[side].sessions.size;
    this.sides[side].dropConnections();
    this.log(`side ${side}: ${count} connection(s) dropped`);
    return count;
  }

  /** Each client of `side` gets a frame it cannot read. */
  sendGarbage(side: Side): number {
    const sessions = [...this.sides[side].sessions];
    for (const session of sessions) session.sendRaw(MALFORMED_FRAME);
    return sessions.length;
  }

  /** Fails the next `type` request from any client with CONTROL_FAILURE_CONF `failureCode`. */
  injectControlFailure(type: string, failureCode: number): void {
    const queue = this.injectedFailures.get(type) ?? [];
    queue.push(failureCode);
    this.injectedFailures.set(type, queue);
  }

  private takeInjectedFailure(type: string): number | undefined {
    const queue = this.injectedFailures.get(type);
    const code = queue?.shift();
    if (queue?.length === 0) this.injectedFailures.delete(type);
    return code;
  }

  /**
   * The peripheral goes offline or comes back: every session hears SYSTEM_EVENT
   * SYS_PERIPHERAL_OFFLINE/ONLINE with the PGStatus, new sessions see it in OPEN_CONF.
   * Going offline does what UCCE does when the PG loses its peripheral (Unified CM): the
   * calls in progress go on at the switch but CTI loses track of them (END_CALL_EVENT to
   * their clients, no CALL_CLEARED_EVENT, no further events; Peripheral.loseTrackOfCalls),
   * and logged-in agents are forced Not Ready (reason 50002), those on a call too, since
   * the PG no longer knows of the call. Coming back does not recover those calls: UCCE's
   * PG rebuilds calls still in progress from Unified CM on activation, without their call
   * data; the simulator's switch does not outlive its model, so there is nothing to rebuild.
   */
  setPeripheralOnline(online: boolean): void {
    if (this.peripheralOnline === online) return;
    this.peripheralOnline = online;
    const peripheral = this.peripheral;
    peripheral.flush();
    this.broadcast(
      buildMessage('SYSTEM_EVENT', {
        PGStatus: online ? 0 : PG_STATUS.PERIPHERAL_OFFLINE,
        ICMCentralControllerTime: Math.floor(peripheral.clock() / 1000),
        SystemEventID: online ? SYSTEM_EVENT_ID.PERIPHERAL_ONLINE : SYSTEM_EVENT_ID.PERIPHERAL_OFFLINE,
        SystemEventArg1: peripheral.peripheralId,
        EventDeviceType: DEVICE_ID_TYPE.NONE,
      }),
    );
    if (!online) {
      const lost = peripheral.loseTrackOfCalls();
      if (lost > 0) this.log(`peripheral ${peripheral.peripheralId}: lost track of ${lost} call(s), which go on at the switch`);
      for (const agent of peripheral.agents.values()) peripheral.agentStates.forceNotReady(agent, FORCED_NOT_READY_REASON);
    }
    peripheral.flush();
    this.log(`peripheral ${peripheral.peripheralId} ${online ? 'online' : 'offline'}`);
  }

  get isPeripheralOnline(): boolean {
    return this.peripheralOnline;
  }

  /** The active session an agent's desktop holds (CLIENT_EVENTS bound to the agent), on either side. */
  private activeSessionOf(agentId: string): ClientSession | undefined {
    for (const listener of Object.values(this.sides)) {
      for (const session of listener.sessions) if (session.role === 'active' && session.agentId === agentId) return session;
    }
    return undefined;
  }

  /** A message for every active session, whatever its masks (SYSTEM_EVENT is not masked). */
  private broadcast(m: Message): void {
    for (const listener of Object.values(this.sides)) {
      for (const session of listener.sessions) if (session.role === 'active') session.notify(m);
    }
  }

  /**
   * The maintenance hand-over of §2.11 from `side` to the other side. Resolves once
   * the clients have voted: cancelled, or continuing with `done` settling when the
   * old side has closed.
   */
  async startMaintenance(side: Side): Promise<HandOverOutcome> {
    const leaving = this.sides[side];
    const other = this.other(side);
    if (this.handOver) throw new FaultConflict('a maintenance hand-over is already in progress');
    if (leaving.state !== 'active' || leaving.condition !== undefined) throw new FaultConflict(`side ${side} is not the active side`);
    if (other.state !== 'standby' || other.condition !== undefined) throw new FaultConflict(`side ${other.side} is not standby, so it cannot take over`);
    const handOver = new MaintenanceHandOver(
      {
        leaving: () => leaving.sessions,
        markLeaving: () => {
          leaving.state = 'standby';
          leaving.condition = 'maintenance';
        },
        activateOther: () => this.activate(other),
        closeLeaving: async () => {
          await leaving.close();
          leaving.state = 'down';
          leaving.condition = undefined;
        },
        log: (line) => this.log(`side ${side}: ${line}`),
      },
      this.maintenanceTiming,
    );
    this.handOver = handOver;
    const outcome = await handOver.run();
    const finished = () => {
      if (this.handOver === handOver) this.handOver = undefined;
    };
    if (outcome.continuing) void outcome.done.then(finished);
    else finished();
    return outcome;
  }

  async stop(): Promise<void> {
    await this.controlApi?.close();
    await Promise.all([this.sides.A.close(), this.sides.B.close()]);
  }
}
