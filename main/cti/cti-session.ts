import { AGENT_STATE, SESSION_TYPE, encode, type Message } from '../../ged188/index.js';
import { ActiveStandby, maintenanceConsent, type StandbyStatus } from './active-standby.js';
import { CtiLink, type LinkHandler } from './cti-link.js';
import type { Side } from './endpoints.js';
import { withProfileVersion, type NegotiatedVersions, type VersionSettings } from './protocol-version.js';
import {
  asksActiveStandby,
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
  /** The standby session on the other side changed (v24 active/standby, ged188.md §2.11). */
  standbyChanged?(status: StandbyStatus): void;
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
 * Drives the session machine with a real TCP link and real timers. A link given up
 * on is reset and stops reporting, so events from an old connection can never
 * disturb the current one. From version 24 on, with both sides configured, it holds
 * a standby session on the other side (ActiveStandby) and takes that session's link
 * over when the other side becomes active.
 */
export class CtiSession {
  private state: SessionState = initialSessionState();
  private link: CtiLink | undefined;
  /** The promoted standby session's link, between the promotion and the machine's `adopt`. */
  private offered: CtiLink | undefined;
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
  private readonly standby: ActiveStandby | undefined;
  /** ACTIVE_MAINTENANCE_EVENT_MSG said Continue: the side is handing over to the other one (§2.11). */
  private handingOver = false;

  constructor(
    private settings: SessionSettings,
    private readonly observer: SessionObserver,
    private readonly log: SessionLog,
    /**
     * The InvokeID counter, when another session's is shared: a standby link becomes
     * the working one, so their ids must never collide on it.
     */
    private readonly sharedInvokeIds?: () => number,
  ) {
    this.baseVersion = { protocolVersion: settings.protocolVersion, protocolVersionPinned: settings.protocolVersionPinned ?? false };
    if (!settings.standby && asksActiveStandby(settings)) {
      this.standby = new ActiveStandby(
        {
          promote: (link, side, conf) => this.adopt(link, side, conf),
          statusChanged: (status) => observer.standbyChanged?.(status),
        },
        (standbySettings, standbyObserver) => new CtiSession(standbySettings, standbyObserver, log, () => this.takeInvokeId()),
        log,
      );
    }
  }

  get current(): SessionState {
    return this.state;
  }

  /** The standby session's state; `off` when there is none (before v24, one side, refused). */
  get standbyStatus(): StandbyStatus {
    return this.standby?.status ?? { state: 'off', reason: asksActiveStandby(this.settings) ? 'standby session' : 'one session (protocol version below 24 or one side configured)' };
  }

  start(): void {
    this.dispatch({ type: 'start' });
  }

  /** Closes the session (CLOSE_REQ, then up to the close timeout for CLOSE_CONF); resolves once stopped. */
  async stop(): Promise<void> {
    const standbyStopped = this.standby?.stop() ?? Promise.resolve();
    this.dispatch({ type: 'stop' });
    const stopped = this.state.phase === 'stopped' ? Promise.resolve() : new Promise<void>((resolve) => this.whenStopped.push(resolve));
    await Promise.all([stopped, standbyStopped]);
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
    const link = this.link;
    if (this.state.phase !== 'open' || !link) {
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
      link.sendFrame(frame);
      this.dispatch({ type: 'sent' });
    });
  }

  /**
   * A standby session's part: hands its open link and OPEN_CONF over and stops, the
   * link left open (the other side became active on it). Undefined when not open.
   */
  surrender(): { readonly link: CtiLink; readonly side: Side; readonly conf: Message<'OPEN_CONF'> } | undefined {
    const state = this.state;
    const link = this.link;
    if (state.phase !== 'open' || !link) return undefined;
    this.link = undefined;
    this.dispatch({ type: 'handed-over' });
    return { link, side: state.side, conf: state.conf };
  }

  private takeInvokeId(): number {
    if (this.sharedInvokeIds) return this.sharedInvokeIds();
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

  /**
   * The standby session's side became active (STANDBY_ACTIVE_EVENT_MSG): its link is
   * this session's from now on, with no new connect or OPEN_REQ. The layers above
   * hear `opened` and reconcile as after any failover; the conf's AgentState is as
   * old as the standby session, so it is not offered as news.
   */
  private adopt(link: CtiLink, side: Side, conf: Message<'OPEN_CONF'>): void {
    this.offered = link;
    this.dispatch({ type: 'promoted', side, version: link.protocolVersion, conf: { ...conf, AgentState: AGENT_STATE.UNKNOWN, SessionType: SESSION_TYPE.ACTIVE } });
    // A session stopped meanwhile has no use for it.
    this.offered?.reset();
    this.offered = undefined;
  }

  private dispatch(event: SessionEvent): void {
    const result = transition(this.state, event, {
      settings: this.settings,
      invokeId: () => this.takeInvokeId(),
      random: Math.random,
      negotiated: this.negotiated,
      standbySide: () => this.standby?.heldSide,
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
        this.disconnect();
        this.handingOver = false;
        this.link = new CtiLink(effect.side, effect.endpoint, this.protocolVersion);
        this.link.handTo(this.linkHandler(this.link));
        return;
      case 'adopt':
        this.takeOver(effect.side);
        return;
      case 'send':
        this.link?.send(effect.message);
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
        if (this.state.phase !== 'open') return;
        this.observer.opened?.(effect.side, this.state.conf);
        // The standby session speaks the version the working one opened with: the same server release.
        this.standby?.workingOpened(effect.side, this.state.conf, { ...this.settings, protocolVersion: effect.version, protocolVersionPinned: true });
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

  /** The machine took the promoted link: the old one goes (in order when handing over for maintenance). */
  private takeOver(side: Side): void {
    const link = this.offered;
    this.offered = undefined;
    if (!link) return;
    const old = this.link;
    this.link = link;
    link.handTo(this.linkHandler(link));
    this.failPending(`the session moved to side ${side}`);
    if (old && this.handingOver) old.endWith({ MessageType: 'STOPPING_REQUESTS_TO_THIS_SIDE_IND' });
    else old?.reset();
    this.handingOver = false;
    this.log.info(`side ${side} is active: the standby session there is now the working one`);
  }

  /** What a link reports, while it is this session's current link. */
  private linkHandler(link: CtiLink): LinkHandler {
    const live = () => link === this.link;
    return {
      connected: () => {
        if (live()) this.dispatch({ type: 'socket-connected' });
      },
      failed: (reason, protocolError) => {
        if (live()) this.dispatch({ type: 'socket-failed', reason, protocolError });
      },
      skipped: (typeId, bytes) => this.log.info(`skipped message type ${typeId} (${bytes} bytes) from ${link.where}`),
      message: (message) => {
        if (!live()) return;
        this.dispatch({ type: 'message', message });
        this.answer(message);
        if (this.state.phase === 'open') this.sessionMessage(message);
        this.observer.message?.(message);
      },
    };
  }

  /** The maintenance hand-over, as the active side asks it of this session (ged188.md §2.11). */
  private sessionMessage(message: Message): void {
    if (message.MessageType === 'ACTIVE_MAINTENANCE_REQ_MSG') {
      const consent = maintenanceConsent([...this.pending.values()].map((p) => p.type));
      (consent.accepted ? this.log.info : this.log.warn).call(this.log, `maintenance requested by the active side: ${consent.why}`);
      this.link?.send({ MessageType: 'ACTIVE_MAINTENANCE_RESP_MSG', InvokeID: message.InvokeID, MaintenanceModeAccepted: consent.accepted });
      return;
    }
    if (message.MessageType === 'ACTIVE_MAINTENANCE_EVENT_MSG') {
      this.handingOver = message.Continue;
      this.log.info(message.Continue ? 'maintenance goes ahead: moving to the other side' : 'maintenance cancelled');
      // Without a standby session there is nothing to wait for: tell the old side now;
      // it closes the link and the session fails over as usual.
      if (message.Continue && this.standby?.heldSide === undefined) this.link?.send({ MessageType: 'STOPPING_REQUESTS_TO_THIS_SIDE_IND' });
    }
  }

  private cancel(timer: TimerName): void {
    const running = this.timers.get(timer);
    if (running) clearTimeout(running.handle);
    this.timers.delete(timer);
  }

  private disconnect(): void {
    const link = this.link;
    this.link = undefined;
    link?.reset();
  }
}

export { describeSocketError } from './cti-link.js';
