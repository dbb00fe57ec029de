import net from 'node:net';
import {
  FrameReader,
  decode,
  encode,
  type Message,
} from '../../ged188/index.js';
import { formatEndpoint, type Side } from './endpoints.js';
import {
  initialSessionState,
  transition,
  type FailureRecord,
  type SessionEffect,
  type SessionEvent,
  type SessionSettings,
  type SessionState,
  type TimerName,
} from './session-machine.js';

export interface SessionObserver {
  /** Every state change, in order. */
  stateChanged?(state: SessionState): void;
  /** A session opened on a side (CTI OS: OnConnection). */
  opened?(side: Side): void;
  /** An attempt or an open session failed (CTI OS: OnConnectionFailure). */
  failed?(failure: FailureRecord): void;
  /** Every message received on an open session, for the layers above. */
  message?(message: Message): void;
}

export interface SessionLog {
  info(text: string): void;
  warn(text: string): void;
}

/**
 * Drives the session machine with a real TCP socket and real timers. Each socket
 * gets a generation number so that events from a connection already given up on
 * can never disturb the current one.
 */
export class CtiSession {
  private state: SessionState = initialSessionState();
  private socket: net.Socket | undefined;
  private generation = 0;
  private nextInvokeId = 1;
  private readonly timers = new Map<TimerName, NodeJS.Timeout>();
  private whenStopped: (() => void)[] = [];

  constructor(
    private readonly settings: SessionSettings,
    private readonly observer: SessionObserver,
    private readonly log: SessionLog,
  ) {}

  get current(): SessionState {
    return this.state;
  }

  start(): void {
    this.dispatch({ type: 'start' });
  }

  /** Closes the session (CLOSE_REQ, then up to the close timeout for CLOSE_CONF); resolves once stopped. */
  stop(): Promise<void> {
    this.dispatch({ type: 'stop' });
    if (this.state.phase === 'stopped') return Promise.resolve();
    return new Promise((resolve) => this.whenStopped.push(resolve));
  }

  /** Skip the back-off and try the next side now (the manual reconnect command). */
  retryNow(): void {
    this.dispatch({ type: 'retry-now' });
  }

  private dispatch(event: SessionEvent): void {
    const result = transition(this.state, event, {
      settings: this.settings,
      invokeId: () => {
        const id = this.nextInvokeId;
        this.nextInvokeId = id >= 0xffffffff ? 1 : id + 1;
        return id;
      },
      random: Math.random,
    });
    const changed = result.state !== this.state;
    this.state = result.state;
    for (const effect of result.effects) this.apply(effect);
    if (changed) this.observer.stateChanged?.(this.state);
    if (this.state.phase === 'stopped' && this.whenStopped.length > 0) {
      const waiting = this.whenStopped;
      this.whenStopped = [];
      for (const resolve of waiting) resolve();
    }
  }

  private apply(effect: SessionEffect): void {
    switch (effect.type) {
      case 'connect':
        this.connect(effect.side, effect.endpoint.host, effect.endpoint.port);
        return;
      case 'send':
        this.socket?.write(encode(effect.message, { version: this.settings.protocolVersion }));
        return;
      case 'disconnect':
        this.disconnect();
        return;
      case 'schedule': {
        this.cancel(effect.timer);
        const timer = setTimeout(() => {
          this.timers.delete(effect.timer);
          this.dispatch({ type: 'timer', timer: effect.timer });
        }, effect.ms);
        this.timers.set(effect.timer, timer);
        return;
      }
      case 'cancel':
        this.cancel(effect.timer);
        return;
      case 'opened':
        this.log.info(`CTI session open on side ${effect.side}`);
        this.observer.opened?.(effect.side);
        return;
      case 'failed':
        this.log.warn(`side ${effect.failure.side}: ${effect.failure.reason}`);
        this.observer.failed?.(effect.failure);
        return;
    }
  }

  private cancel(timer: TimerName): void {
    const handle = this.timers.get(timer);
    if (handle) clearTimeout(handle);
    this.timers.delete(timer);
  }

  private connect(side: Side, host: string, port: number): void {
    this.disconnect();
    const generation = ++this.generation;
    const current = () => generation === this.generation;
    const where = `side ${side} (${formatEndpoint({ host, port })})`;
    const reader = new FrameReader();
    const socket = net.connect({ host, port, noDelay: true });
    this.socket = socket;
    socket.once('connect', () => {
      if (current()) this.dispatch({ type: 'socket-connected' });
    });
    socket.on('data', (chunk: Buffer) => {
      if (!current()) return;
      let frames: Uint8Array[];
      try {
        frames = reader.push(chunk);
      } catch (error) {
        this.dispatch({ type: 'socket-failed', reason: `framing error from ${where}: ${(error as Error).message}` });
        return;
      }
      for (const frame of frames) {
        if (!current()) return;
        let message;
        try {
          message = decode(frame, { version: this.settings.protocolVersion });
        } catch (error) {
          this.dispatch({ type: 'socket-failed', reason: `malformed frame from ${where}: ${(error as Error).message}` });
          return;
        }
        if (message.MessageType === 'UNKNOWN') {
          this.log.info(`skipped message type ${message.MessageTypeId} (${message.Body.length} bytes) from ${where}`);
          continue;
        }
        this.dispatch({ type: 'message', message });
        this.observer.message?.(message);
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (current()) this.dispatch({ type: 'socket-failed', reason: describeSocketError(error, where) });
    });
    socket.on('close', () => {
      if (current()) this.dispatch({ type: 'socket-failed', reason: `${where} closed the connection` });
    });
  }

  /** Closes abortively (RST, the guide's SO_LINGER 0) so a failed side can be retried at once (§2.1). */
  private disconnect(): void {
    this.generation++;
    const socket = this.socket;
    this.socket = undefined;
    socket?.resetAndDestroy();
  }
}

/** A socket error in words an administrator can act on. */
export function describeSocketError(error: NodeJS.ErrnoException, where: string): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return `${where} refused the connection: is CTI Server running and is the port right?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `${where}: host name not found: check the host name`;
    case 'ETIMEDOUT':
      return `${where} did not answer: check the network path and firewall`;
    case 'ECONNRESET':
      return `${where} reset the connection`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${where} is unreachable: check the network`;
    default:
      return `${where}: ${error.message}`;
  }
}
