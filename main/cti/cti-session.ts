import net from 'node:net';
import {
  FrameReader,
  decode,
  encode,
  type Message,
} from '../../ged188/index.js';
import { formatEndpoint, type Side } from './endpoints.js';
import { withProfileVersion, type NegotiatedVersions, type VersionSettings } from './protocol-version.js';
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
  /** A session opened on a side (CTI OS: OnConnection), with what OPEN_CONF said. */
  opened?(side: Side, conf: Message<'OPEN_CONF'>): void;
  /** An attempt or an open session failed (CTI OS: OnConnectionFailure). */
  failed?(failure: FailureRecord): void;
  /** Every message received on an open session, for the layers above. */
  message?(message: Message): void;
  /** A heartbeat interval passed with the last heartbeat unanswered (CTI OS: OnMissingHeartbeat). */
  missedHeartbeat?(side: Side, consecutive: number, intervalMs: number): void;
  /** A heartbeat was answered (CTI OS: OnHeartbeat). */
  heartbeat?(side: Side): void;
}

/** Why a request got no answer; the caller shows the reason to the person who asked. */
export class RequestFailed extends Error {
  override readonly name = 'RequestFailed';
  constructor(
    readonly reason: 'not-connected' | 'connection-lost' | 'timeout',
    detail: string,
    /** The request that went unanswered (absent when none was sent). */
    readonly request?: string,
  ) {
    super(detail);
  }
}

interface PendingRequest {
  readonly type: string;
  readonly resolve: (reply: Message) => void;
  readonly reject: (error: RequestFailed) => void;
  readonly timer: NodeJS.Timeout;
}

/** How long a request may wait for its confirmation before it counts as lost. */
export const REQUEST_TIMEOUT_MS = 10_000;

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
  private readonly timers = new Map<TimerName, { readonly handle: NodeJS.Timeout; readonly ms: number }>();
  private whenStopped: (() => void)[] = [];
  /** Requests sent on the current connection, by InvokeID; a new connection starts empty (§1.6). */
  private readonly pending = new Map<number, PendingRequest>();
  private lastFailure: FailureRecord | undefined;
  /** The version each side took, for the process's life: the next open there asks for it first. */
  private negotiated: Partial<Record<Side, number>> = {};
  /** The version settings the session was made with (policy / config); a profile's pin applies over them. */
  private readonly baseVersion: VersionSettings;

  constructor(
    private settings: SessionSettings,
    private readonly observer: SessionObserver,
    private readonly log: SessionLog,
  ) {
    this.baseVersion = { protocolVersion: settings.protocolVersion, protocolVersionPinned: settings.protocolVersionPinned ?? false };
  }

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

  /**
   * Opens the session again with other OPEN_REQ parameters (a mode change: agent,
   * monitor). Requests in flight on the old session fail. `profileVersion`: the
   * version the agent's connection profile pins, unless the policy or config pins one.
   */
  async reopen(open: SessionSettings['open'], profileVersion?: number): Promise<void> {
    await this.stop();
    this.settings = { ...this.settings, open, ...withProfileVersion(this.baseVersion, profileVersion) };
    this.start();
  }

  get openParameters(): SessionSettings['open'] {
    return this.settings.open;
  }

  /** The protocol version each side opened a session with in this process. */
  get negotiatedVersions(): NegotiatedVersions {
    return this.negotiated;
  }

  /**
   * The version the codec speaks on the current connection: the one its OPEN_REQ
   * asked for (and the session opened with); the configured one when there is none.
   */
  get protocolVersion(): number {
    const state = this.state;
    return state.phase === 'connecting' || state.phase === 'opening' || state.phase === 'open' ? state.version : this.settings.protocolVersion;
  }

  /**
   * Sends a request and resolves with what answers its InvokeID: its *_CONF, a
   * FAILURE_CONF or a CONTROL_FAILURE_CONF (the caller tells them apart). Rejects
   * with RequestFailed when there is no open session, when the connection goes
   * before the answer (outstanding requests never survive a failover, §2.11), or
   * after the request timeout (settings.requestTimeoutMs, else REQUEST_TIMEOUT_MS).
   * A confirmation that comes after its request timed out matches no InvokeID
   * in flight and answers nothing.
   */
  request(message: Message, timeoutMs = this.settings.requestTimeoutMs ?? REQUEST_TIMEOUT_MS): Promise<Message> {
    if (this.state.phase !== 'open' || !this.socket) {
      const why = this.lastFailure ? `: ${this.lastFailure.reason}` : '';
      return Promise.reject(new RequestFailed('not-connected', `not connected to CTI Server${why}`));
    }
    const invokeId = this.takeInvokeId();
    const withId = { ...message, InvokeID: invokeId } as Message;
    // Encoded first: a value encode refuses (too long, out of range) fails this request
    // at once, with encode's message naming the field, and leaves nothing pending.
    let frame: Uint8Array;
    try {
      frame = encode(withId, { version: this.protocolVersion });
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(invokeId);
        reject(new RequestFailed('timeout', `${message.MessageType} got no answer within ${timeoutMs / 1000} s`, message.MessageType));
      }, timeoutMs);
      this.pending.set(invokeId, { type: message.MessageType, resolve, reject, timer });
      this.socket!.write(frame);
    });
  }

  private takeInvokeId(): number {
    const id = this.nextInvokeId;
    this.nextInvokeId = id >= 0xffffffff ? 1 : id + 1;
    return id;
  }

  private answer(message: Message): void {
    if (!('InvokeID' in message)) return;
    const request = this.pending.get(message.InvokeID);
    if (!request) return;
    this.pending.delete(message.InvokeID);
    clearTimeout(request.timer);
    request.resolve(message);
  }

  private failPending(reason: string): void {
    for (const [, request] of this.pending) {
      clearTimeout(request.timer);
      request.reject(new RequestFailed('connection-lost', `${request.type} was not confirmed: ${reason}`, request.type));
    }
    this.pending.clear();
  }

  /**
   * Gives up on the open link as if it had failed (a side that answers heartbeats but
   * not requests): requests in flight fail, and the session fails over and reopens.
   */
  dropLink(reason: string): void {
    this.dispatch({ type: 'drop', reason });
  }

  /** Skip the back-off and try the next side now (the manual reconnect command). */
  retryNow(): void {
    this.dispatch({ type: 'retry-now' });
  }

  private dispatch(event: SessionEvent): void {
    const result = transition(this.state, event, {
      settings: this.settings,
      invokeId: () => this.takeInvokeId(),
      random: Math.random,
      negotiated: this.negotiated,
    });
    const changed = result.state !== this.state;
    const wasOpen = this.state.phase === 'open';
    this.state = result.state;
    if (wasOpen && this.state.phase !== 'open') {
      this.failPending(this.state.phase === 'waiting' ? this.state.lastFailure.reason : 'the session was closed');
    }
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
        this.socket?.write(encode(effect.message, { version: this.protocolVersion }));
        return;
      case 'disconnect':
        this.disconnect();
        return;
      case 'schedule': {
        // The silence deadline is pushed back on every message received: restart the
        // running timer in place rather than allocate a new one each time.
        const running = this.timers.get(effect.timer);
        if (running && running.ms === effect.ms) {
          running.handle.refresh();
          return;
        }
        this.cancel(effect.timer);
        const handle = setTimeout(() => {
          this.timers.delete(effect.timer);
          this.dispatch({ type: 'timer', timer: effect.timer });
        }, effect.ms);
        this.timers.set(effect.timer, { handle, ms: effect.ms });
        return;
      }
      case 'cancel':
        this.cancel(effect.timer);
        return;
      case 'opened':
        this.negotiated = { ...this.negotiated, [effect.side]: effect.version };
        this.log.info(`CTI session open on side ${effect.side} (protocol version ${effect.version})`);
        if (this.state.phase === 'open') this.observer.opened?.(effect.side, this.state.conf);
        return;
      case 'version-refused': {
        // What the side took before no longer holds (a downgraded server): learn it again.
        const { [effect.side]: _forgotten, ...rest } = this.negotiated;
        this.negotiated = rest;
        const then = effect.next === undefined ? 'no older version to try' : `asking for version ${effect.next}`;
        this.log.info(`side ${effect.side} does not take protocol version ${effect.version}: ${then}`);
        return;
      }
      case 'failed':
        this.lastFailure = effect.failure;
        this.log.warn(`side ${effect.failure.side}: ${effect.failure.reason}`);
        this.observer.failed?.(effect.failure);
        return;
      case 'missed-heartbeat':
        this.observer.missedHeartbeat?.(effect.side, effect.consecutive, effect.intervalMs);
        return;
      case 'heartbeat':
        this.observer.heartbeat?.(effect.side);
        return;
    }
  }

  private cancel(timer: TimerName): void {
    const running = this.timers.get(timer);
    if (running) clearTimeout(running.handle);
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
        this.dispatch({ type: 'socket-failed', reason: `framing error from ${where}: ${(error as Error).message}`, protocolError: true });
        return;
      }
      for (const frame of frames) {
        if (!current()) return;
        let message;
        try {
          message = decode(frame, { version: this.protocolVersion });
        } catch (error) {
          this.dispatch({ type: 'socket-failed', reason: `malformed frame from ${where}: ${(error as Error).message}`, protocolError: true });
          return;
        }
        if (message.MessageType === 'UNKNOWN') {
          this.log.info(`skipped message type ${message.MessageTypeId} (${message.Body.length} bytes) from ${where}`);
          continue;
        }
        this.dispatch({ type: 'message', message });
        this.answer(message);
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
