import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { ClientSession } from './client-session.js';
import { startControlApi, type ControlApi } from './control-api.js';
import { Peripheral } from './pg/peripheral.js';
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
  readonly log?: (line: string) => void;
}

export interface SideHealth {
  readonly state: SideState;
  readonly host: string;
  readonly port: number;
  readonly sessions: number;
}

export type Health = { readonly sides: Readonly<Record<Side, SideHealth>> };

/** A port the simulator could not listen on, in words for the person who chose it. */
export class ListenError extends Error {
  override readonly name = 'ListenError';
}

class SideListener {
  state: SideState = 'standby';
  readonly sessions = new Set<ClientSession>();
  private server: net.Server | undefined;
  port: number;

  constructor(
    readonly side: Side,
    readonly host: string,
    port: number,
  ) {
    this.port = port;
  }

  async listen(accept: (socket: net.Socket) => ClientSession): Promise<void> {
    const server = net.createServer((socket) => {
      const session = accept(socket);
      this.sessions.add(session);
      socket.on('close', () => this.sessions.delete(session));
    });
    await listenOn(server, this.host, this.port, `side ${this.side}`);
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Closes the listener and every connection on it, the way a failed CTI Server vanishes. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const session of this.sessions) session.kill();
    this.sessions.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  health(): SideHealth {
    return { state: this.state, host: this.host, port: this.port, sessions: [...this.sessions].filter((s) => s.isOpen).length };
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
 * A CTI Server pair (sides A and B) in front of one peripheral. One model, two
 * listeners; only the active side serves sessions.
 */
export class CtiSimulator {
  private readonly sides: Record<Side, SideListener>;
  private controlApi: ControlApi | undefined;
  private readonly log: (line: string) => void;
  readonly peripheral: Peripheral;
  private sessionCounter = 0;

  private constructor(options: SimulatorOptions) {
    const host = options.host ?? '127.0.0.1';
    this.sides = {
      A: new SideListener('A', host, options.ports?.A ?? 0),
      B: new SideListener('B', host, options.ports?.B ?? 0),
    };
    this.log = options.log ?? (() => {});
    this.peripheral = new Peripheral(options.site ?? generatedSite({ agents: 10 }));
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
            isActive: () => listener.state === 'active',
            peripheral: this.peripheral,
            log: this.log,
            sessionsBoundTo: (agentId) => this.sessions().filter((s) => s.isOpen && s.agentId === agentId),
            nextSessionId: () => ++this.sessionCounter,
          },
          `side ${side} ${socket.remoteAddress}:${socket.remotePort}`,
        ),
    );
  }

  private sessions(): ClientSession[] {
    return [...this.sides.A.sessions, ...this.sides.B.sessions];
  }

  address(side: Side): { host: string; port: number } {
    return { host: this.sides[side].host, port: this.sides[side].port };
  }

  get controlUrl(): string | undefined {
    return this.controlApi?.url;
  }

  health(): Health {
    return { sides: { A: this.sides.A.health(), B: this.sides.B.health() } };
  }

  /** Side `side` fails: its listener and connections close; the other side takes over. */
  async killSide(side: Side): Promise<void> {
    const listener = this.sides[side];
    const other = this.sides[side === 'A' ? 'B' : 'A'];
    listener.state = 'down';
    await listener.close();
    if (other.state === 'standby') other.state = 'active';
    this.log(`side ${side} killed; side ${other.side} is ${other.state}`);
  }

  /** Side `side` comes back on its old port: standby when the other side is active, else active. */
  async restoreSide(side: Side): Promise<void> {
    const listener = this.sides[side];
    if (listener.state !== 'down') return;
    await this.listen(side);
    const other = this.sides[side === 'A' ? 'B' : 'A'];
    listener.state = other.state === 'active' ? 'standby' : 'active';
    this.log(`side ${side} restored as ${listener.state}`);
  }

  async stop(): Promise<void> {
    await this.controlApi?.close();
    await Promise.all([this.sides.A.close(), this.sides.B.close()]);
  }
}
