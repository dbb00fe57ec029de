import { SERVICE, SESSION_TYPE, STATUS, statusName, type Message, NONE_UINT } from '../../ged188/index.js';
import { alternateSide, firstSide, type Side, type SideEndpoints, type Endpoint } from './endpoints.js';
import { refusesVersion, stepDown, versionToAsk, type NegotiatedVersions } from './protocol-version.js';

/**
 * The CTI Server session as a pure state machine (ged188.md §2.12): every input is
 * an event, every output an effect for the driver to carry out. Keeping sockets and
 * timers out of it makes each failover path testable without a network.
 */

export interface SessionSettings {
  readonly sides: SideEndpoints;
  /**
   * The version OPEN_REQ asks for first (the newest the codec knows, unless pinned);
   * a side that refuses it with E_CTI_INVALID_VERSION is asked again with the next
   * older one (protocol-version.ts).
   */
  readonly protocolVersion: number;
  /** A policy or config pins protocolVersion: no step-down; a refusal fails the side. */
  readonly protocolVersionPinned?: boolean;
  readonly heartbeatIntervalMs: number;
  /** Unanswered heartbeats that declare a silent link dead (the guide says three). */
  readonly missedHeartbeatLimit: number;
  /** How long a TCP connect may take before the side counts as unreachable. */
  readonly connectTimeoutMs: number;
  /** How long to wait for OPEN_CONF; the guide says at least 30 s on a busy server. */
  readonly openTimeoutMs: number;
  /** How long to wait for CLOSE_CONF before resetting (the guide says 5 s). */
  readonly closeTimeoutMs: number;
  /**
   * How long a request may wait for its confirmation before it counts as lost (the
   * driver's; 10 s when absent). Tests shorten it rather than wait out a busy server.
   */
  readonly requestTimeoutMs?: number;
  readonly retry: { readonly initialMs: number; readonly maxMs: number; readonly jitter: number };
  readonly clientId: string;
  readonly clientPassword: Uint8Array;
  /** What the session asks CTI Server for: the mode it runs in (ged188.md §2.2). */
  readonly open: OpenParameters;
  /** A standby session (ged188.md §2.11): OPEN_CONF SessionType 2 is what it waits for, not a refusal. */
  readonly standby?: boolean;
}

/**
 * The part of OPEN_REQ that makes a session an agent's (CLIENT_EVENTS for one
 * phone), a monitor (ALL_EVENTS) or a bare link check (no services).
 */
export interface OpenParameters {
  readonly servicesRequested: number;
  /** Required for CLIENT_EVENTS; 0xFFFFFFFF otherwise. */
  readonly peripheralId: number;
  readonly callMsgMask: number;
  readonly agentStateMask: number;
  readonly agentId?: string;
  readonly agentInstrument?: string;
  readonly agentExtension?: string;
}

/** A session that only watches the link: no agent is set yet, so no events are asked for. */
export const CONNECTION_ONLY: OpenParameters = {
  servicesRequested: 0,
  peripheralId: NONE_UINT,
  callMsgMask: 0,
  agentStateMask: 0,
};

/**
 * Why a side was given up, in CTI OS terms (ctios.md §1.5 OnConnectionFailure
 * ReasonCode: eProtocolMismatch, eMissedHeartbeats, eTransportError, eConnectFail,
 * eOtherError), plus `protocol-error` for a malformed frame, which CTI OS has no
 * code for.
 */
export type FailureKind = 'protocol-mismatch' | 'missed-heartbeats' | 'transport-error' | 'connect-fail' | 'protocol-error' | 'other';

export interface FailureRecord {
  readonly side: Side;
  readonly reason: string;
  /** Absent on records made before kinds existed: read it as `other`. */
  readonly kind?: FailureKind;
  /** The FAILURE_CONF status when the side refused OPEN_REQ (it may be about the agent the session names). */
  readonly status?: number;
}

export type SessionState =
  | { readonly phase: 'stopped' }
  /** `version`: what this connection's OPEN_REQ asks for, and so what the codec speaks on it. */
  | { readonly phase: 'connecting'; readonly side: Side; readonly attempt: number; readonly version: number }
  | { readonly phase: 'opening'; readonly side: Side; readonly attempt: number; readonly invokeId: number; readonly version: number }
  | {
      readonly phase: 'open';
      readonly side: Side;
      /** The protocol version the session opened with. */
      readonly version: number;
      readonly conf: Message<'OPEN_CONF'>;
      readonly unansweredHeartbeats: number;
      readonly lastHeartbeatInvokeId: number | undefined;
    }
  | {
      readonly phase: 'waiting';
      /** The side the next attempt goes to. */
      readonly side: Side;
      /** Consecutive failed attempts since the last open session. */
      readonly attempt: number;
      readonly lastFailure: FailureRecord;
      readonly retryInMs: number;
    }
  | { readonly phase: 'closing'; readonly side: Side; readonly invokeId: number };

export type SessionEvent =
  | { readonly type: 'start' }
  | { readonly type: 'stop' }
  | { readonly type: 'retry-now' }
  | { readonly type: 'socket-connected' }
  | { readonly type: 'socket-failed'; readonly reason: string; readonly protocolError?: boolean }
  /**
   * A layer above gives up on an open link that still answers heartbeats but not its
   * requests (agent mode's restore): the side fails as if it had gone, and the usual
   * failover takes over.
   */
  | { readonly type: 'drop'; readonly reason: string }
  | { readonly type: 'message'; readonly message: Message }
  /**
   * The driver sent a request on the open link. The guide asks for HEARTBEAT_REQ only
   * when nothing has been sent for one interval (§2.7): a request resets the server's
   * idle timer as well as a heartbeat does, so the next heartbeat waits a full interval.
   */
  | { readonly type: 'sent' }
  | { readonly type: 'timer'; readonly timer: TimerName }
  /**
   * The standby session on `side` heard STANDBY_ACTIVE_EVENT_MSG (ged188.md §2.11):
   * its link becomes this session's, open at once, with no new connect or OPEN_REQ.
   */
  | { readonly type: 'promoted'; readonly side: Side; readonly conf: Message<'OPEN_CONF'>; readonly version: number }
  /** This (standby) session's link went to the working session: stop here, leaving the link open. */
  | { readonly type: 'handed-over' };

export type TimerName = 'connect' | 'open' | 'heartbeat' | 'silence' | 'retry' | 'close';

export type SessionEffect =
  | { readonly type: 'connect'; readonly side: Side; readonly endpoint: Endpoint }
  /** Drop the current link and take the promoted standby session's link as this session's. */
  | { readonly type: 'adopt'; readonly side: Side }
  | { readonly type: 'send'; readonly message: Message }
  | { readonly type: 'disconnect' }
  | { readonly type: 'schedule'; readonly timer: TimerName; readonly ms: number }
  | { readonly type: 'cancel'; readonly timer: TimerName }
  | { readonly type: 'opened'; readonly side: Side; readonly version: number }
  /** The side refused the version asked for; `next` is asked for at once on the same side (absent: none left). */
  | { readonly type: 'version-refused'; readonly side: Side; readonly version: number; readonly next: number | undefined }
  | { readonly type: 'failed'; readonly failure: FailureRecord }
  /** A heartbeat interval passed with the last HEARTBEAT_REQ unanswered (CTI OS OnMissingHeartbeat). */
  | { readonly type: 'missed-heartbeat'; readonly side: Side; readonly consecutive: number; readonly intervalMs: number }
  /** HEARTBEAT_CONF came (CTI OS OnHeartbeat). */
  | { readonly type: 'heartbeat'; readonly side: Side };

export interface MachineContext {
  readonly settings: SessionSettings;
  /** Next InvokeID on this connection (the guide: a per-request counter). */
  readonly invokeId: () => number;
  /** A number in [0, 1) for jitter; injected so tests are repeatable. */
  readonly random: () => number;
  /** The version each side took earlier in this process (the driver remembers; absent: none yet). */
  readonly negotiated?: NegotiatedVersions;
  /**
   * The side an open standby session holds, if any. A failed session then retries
   * its own side rather than open over the standby, whose promotion
   * (STANDBY_ACTIVE_EVENT_MSG) is the fast way to the other side.
   */
  readonly standbySide?: () => Side | undefined;
}

export interface Transition {
  readonly state: SessionState;
  readonly effects: SessionEffect[];
}

const ALL_TIMERS: TimerName[] = ['connect', 'open', 'heartbeat', 'silence', 'retry', 'close'];

/** IdleTimeout is four heartbeat intervals, never below the server's 20 s minimum (§2.7). */
export function idleTimeoutSeconds(heartbeatIntervalMs: number): number {
  return Math.max(20, Math.ceil((4 * heartbeatIntervalMs) / 1000));
}

/**
 * Delay before attempt number `attempt` (1-based count of consecutive failures).
 * The first retry after losing a side is immediate, on the other side; then the
 * delay doubles up to the cap, with jitter so a centre's desktops do not stampede.
 */
export function retryDelayMs(attempt: number, retry: SessionSettings['retry'], random: () => number): number {
  if (attempt <= 1) return 0;
  const base = Math.min(retry.maxMs, retry.initialMs * 2 ** Math.min(attempt - 2, 16));
  const spread = base * retry.jitter;
  return Math.max(0, Math.round(base - spread + 2 * spread * random()));
}

function connectTo(side: Side, attempt: number, ctx: MachineContext, version = versionToAsk(side, ctx.settings, ctx.negotiated)): Transition {
  const endpoint = ctx.settings.sides[side];
  if (!endpoint) throw new Error(`side ${side} is not configured`);
  return {
    state: { phase: 'connecting', side, attempt, version },
    effects: [
      { type: 'connect', side, endpoint },
      { type: 'schedule', timer: 'connect', ms: ctx.settings.connectTimeoutMs },
    ],
  };
}

/**
 * Whether the session asks for CTI_SERVICE_ACTIVE_STANDBY: from version 24 on, with
 * both sides configured (ged188.md §2.11 rule 5). Older servers get today's one session.
 */
export function asksActiveStandby(settings: Pick<SessionSettings, 'protocolVersion' | 'sides' | 'standby'>, version = settings.protocolVersion): boolean {
  if (settings.standby) return true;
  return version >= 24 && settings.sides.A !== undefined && settings.sides.B !== undefined;
}

function fail(side: Side, attempt: number, reason: string, ctx: MachineContext, kind: FailureKind = 'other', status?: number): Transition {
  const alternate = alternateSide(ctx.settings.sides, side);
  const next = ctx.standbySide?.() === alternate ? side : alternate;
  const retryInMs = retryDelayMs(attempt, ctx.settings.retry, ctx.random);
  const failure: FailureRecord = { side, reason, kind, ...(status === undefined ? {} : { status }) };
  return {
    state: { phase: 'waiting', side: next, attempt, lastFailure: failure, retryInMs },
    effects: [
      ...ALL_TIMERS.map((timer): SessionEffect => ({ type: 'cancel', timer })),
      { type: 'disconnect' },
      { type: 'failed', failure },
      { type: 'schedule', timer: 'retry', ms: retryInMs },
    ],
  };
}

function openRequest(invokeId: number, settings: SessionSettings, version: number): Message<'OPEN_REQ'> {
  return {
    MessageType: 'OPEN_REQ',
    InvokeID: invokeId,
    VersionNumber: version,
    IdleTimeout: idleTimeoutSeconds(settings.heartbeatIntervalMs),
    PeripheralID: settings.open.peripheralId,
    ServicesRequested: (asksActiveStandby(settings, version) ? settings.open.servicesRequested | SERVICE.ACTIVE_STANDBY : settings.open.servicesRequested) >>> 0,
    CallMsgMask: settings.open.callMsgMask,
    AgentStateMask: settings.open.agentStateMask,
    ConfigMsgMask: 0,
    Reserved1: 0,
    Reserved2: 0,
    Reserved3: 0,
    ClientID: settings.clientId,
    ClientPassword: settings.clientPassword,
    ClientSignature: settings.clientId,
    ...(settings.open.agentExtension === undefined ? {} : { AgentExtension: settings.open.agentExtension }),
    ...(settings.open.agentId === undefined ? {} : { AgentID: settings.open.agentId }),
    ...(settings.open.agentInstrument === undefined ? {} : { AgentInstrument: settings.open.agentInstrument }),
  };
}

function unchanged(state: SessionState): Transition {
  return { state, effects: [] };
}

export function initialSessionState(): SessionState {
  return { phase: 'stopped' };
}

export function transition(state: SessionState, event: SessionEvent, ctx: MachineContext): Transition {
  if (event.type === 'stop') return stop(state, ctx);
  if (event.type === 'promoted') return promoted(state, event, ctx);
  if (event.type === 'handed-over') {
    return { state: { phase: 'stopped' }, effects: ALL_TIMERS.map((timer): SessionEffect => ({ type: 'cancel', timer })) };
  }
  switch (state.phase) {
    case 'stopped':
      return event.type === 'start' ? connectTo(firstSide(ctx.settings.sides), 1, ctx) : unchanged(state);

    case 'connecting':
      if (event.type === 'socket-connected') {
        const invokeId = ctx.invokeId();
        return {
          state: { phase: 'opening', side: state.side, attempt: state.attempt, invokeId, version: state.version },
          effects: [
            { type: 'cancel', timer: 'connect' },
            { type: 'send', message: openRequest(invokeId, ctx.settings, state.version) },
            { type: 'schedule', timer: 'open', ms: ctx.settings.openTimeoutMs },
          ],
        };
      }
      if (event.type === 'socket-failed') return fail(state.side, state.attempt, event.reason, ctx, event.protocolError ? 'protocol-error' : 'connect-fail');
      if (event.type === 'timer' && event.timer === 'connect') {
        const where = ctx.settings.sides[state.side];
        const target = where ? ` (${where.host}:${where.port})` : '';
        return fail(state.side, state.attempt, `side ${state.side}${target} did not accept a connection within ${ctx.settings.connectTimeoutMs} ms`, ctx, 'connect-fail');
      }
      return unchanged(state);

    case 'opening':
      if (event.type === 'socket-failed') return fail(state.side, state.attempt, event.reason, ctx, event.protocolError ? 'protocol-error' : 'transport-error');
      if (event.type === 'timer' && event.timer === 'open') {
        return fail(state.side, state.attempt, `no OPEN_CONF within ${ctx.settings.openTimeoutMs} ms`, ctx, 'connect-fail');
      }
      if (event.type === 'message') return onOpeningMessage(state, event.message, ctx);
      return unchanged(state);

    case 'open':
      return onOpen(state, event, ctx);

    case 'waiting':
      if ((event.type === 'timer' && event.timer === 'retry') || event.type === 'retry-now') {
        const next = connectTo(state.side, state.attempt + 1, ctx);
        return { state: next.state, effects: [{ type: 'cancel', timer: 'retry' }, ...next.effects] };
      }
      return unchanged(state);

    case 'closing':
      if (
        event.type === 'socket-failed' ||
        (event.type === 'timer' && event.timer === 'close') ||
        (event.type === 'message' && event.message.MessageType === 'CLOSE_CONF')
      ) {
        return { state: { phase: 'stopped' }, effects: [{ type: 'cancel', timer: 'close' }, { type: 'disconnect' }] };
      }
      return unchanged(state);
  }
}

function stop(state: SessionState, ctx: MachineContext): Transition {
  if (state.phase === 'stopped' || state.phase === 'closing') return unchanged(state);
  const cancels = ALL_TIMERS.map((timer): SessionEffect => ({ type: 'cancel', timer }));
  if (state.phase !== 'open') {
    return { state: { phase: 'stopped' }, effects: [...cancels, { type: 'disconnect' }] };
  }
  const invokeId = ctx.invokeId();
  return {
    state: { phase: 'closing', side: state.side, invokeId },
    effects: [
      ...cancels,
      { type: 'send', message: { MessageType: 'CLOSE_REQ', InvokeID: invokeId, Status: STATUS.E_CTI_NO_ERROR } },
      { type: 'schedule', timer: 'close', ms: ctx.settings.closeTimeoutMs },
    ],
  };
}

function promoted(state: SessionState, event: Extract<SessionEvent, { type: 'promoted' }>, ctx: MachineContext): Transition {
  if (state.phase === 'stopped' || state.phase === 'closing') return unchanged(state);
  return {
    state: { phase: 'open', side: event.side, version: event.version, conf: event.conf, unansweredHeartbeats: 0, lastHeartbeatInvokeId: undefined },
    effects: [
      ...ALL_TIMERS.map((timer): SessionEffect => ({ type: 'cancel', timer })),
      { type: 'adopt', side: event.side },
      { type: 'schedule', timer: 'heartbeat', ms: ctx.settings.heartbeatIntervalMs },
      silenceDeadline(ctx),
      { type: 'opened', side: event.side, version: event.version },
    ],
  };
}

function onOpeningMessage(
  state: Extract<SessionState, { phase: 'opening' }>,
  message: Message,
  ctx: MachineContext,
): Transition {
  if (message.MessageType === 'OPEN_CONF' && message.InvokeID === state.invokeId && message.SessionType === SESSION_TYPE.STANDBY && !ctx.settings.standby) {
    // A session that asked for ACTIVE_STANDBY was taken as a standby one: this side is not active.
    return fail(state.side, state.attempt, `side ${state.side} is the standby side`, ctx, 'connect-fail');
  }
  if (message.MessageType === 'OPEN_CONF' && message.InvokeID === state.invokeId) {
    return {
      state: { phase: 'open', side: state.side, version: state.version, conf: message, unansweredHeartbeats: 0, lastHeartbeatInvokeId: undefined },
      effects: [
        { type: 'cancel', timer: 'open' },
        { type: 'schedule', timer: 'heartbeat', ms: ctx.settings.heartbeatIntervalMs },
        silenceDeadline(ctx),
        { type: 'opened', side: state.side, version: state.version },
      ],
    };
  }
  if (refusesVersion(message) && message.InvokeID === state.invokeId) {
    const next = stepDown(state.version, ctx.settings);
    if (next !== undefined) {
      // Not a failure of the side: reset the connection (as the guide asks after a
      // refused open) and ask the same side again at once, one version older.
      const retry = connectTo(state.side, state.attempt, ctx, next);
      return {
        state: retry.state,
        effects: [
          { type: 'cancel', timer: 'open' },
          { type: 'disconnect' },
          { type: 'version-refused', side: state.side, version: state.version, next },
          ...retry.effects,
        ],
      };
    }
    const why = ctx.settings.protocolVersionPinned ? 'the pinned' : 'the oldest supported';
    const failed = fail(state.side, state.attempt, `side ${state.side} refused ${why} protocol version ${state.version} (${describeStatus(message)})`, ctx, 'protocol-mismatch', STATUS.E_CTI_INVALID_VERSION);
    return { state: failed.state, effects: [{ type: 'version-refused', side: state.side, version: state.version, next: undefined }, ...failed.effects] };
  }
  if (message.MessageType === 'FAILURE_CONF' && message.InvokeID === state.invokeId) {
    return fail(state.side, state.attempt, `side ${state.side} refused the session: ${describeStatus(message)}`, ctx, 'connect-fail', message.Status);
  }
  if (message.MessageType === 'FAILURE_EVENT') {
    return fail(state.side, state.attempt, `side ${state.side} failed the session: ${describeStatus(message)}`, ctx);
  }
  return unchanged(state);
}

function onOpen(state: Extract<SessionState, { phase: 'open' }>, event: SessionEvent, ctx: MachineContext): Transition {
  const { side } = state;
  if (event.type === 'socket-failed') return fail(side, 1, event.reason, ctx, event.protocolError ? 'protocol-error' : 'transport-error');
  if (event.type === 'drop') return fail(side, 1, event.reason, ctx, 'other');
  if (event.type === 'timer' && event.timer === 'silence') {
    const silentMs = ctx.settings.missedHeartbeatLimit * ctx.settings.heartbeatIntervalMs;
    return fail(side, 1, `nothing from side ${side} for ${silentMs} ms (${state.unansweredHeartbeats} heartbeats unanswered)`, ctx, 'missed-heartbeats');
  }
  if (event.type === 'sent') return { state, effects: [{ type: 'schedule', timer: 'heartbeat', ms: ctx.settings.heartbeatIntervalMs }] };
  if (event.type === 'timer' && event.timer === 'heartbeat') {
    const invokeId = ctx.invokeId();
    const missed: SessionEffect[] =
      state.unansweredHeartbeats > 0
        ? [{ type: 'missed-heartbeat', side, consecutive: state.unansweredHeartbeats, intervalMs: ctx.settings.heartbeatIntervalMs }]
        : [];
    return {
      state: { ...state, unansweredHeartbeats: state.unansweredHeartbeats + 1, lastHeartbeatInvokeId: invokeId },
      effects: [
        ...missed,
        { type: 'send', message: { MessageType: 'HEARTBEAT_REQ', InvokeID: invokeId } },
        { type: 'schedule', timer: 'heartbeat', ms: ctx.settings.heartbeatIntervalMs },
      ],
    };
  }
  if (event.type === 'message') {
    const { message } = event;
    // Anything from the server proves the link alive: the silence deadline starts again.
    if (message.MessageType === 'HEARTBEAT_CONF') {
      return { state: { ...state, unansweredHeartbeats: 0 }, effects: [silenceDeadline(ctx), { type: 'heartbeat', side }] };
    }
    // FAILURE_EVENT ends the session; FAILURE_CONF may answer any request, and means
    // the side is gone only when it answers a heartbeat or says the server is offline (§2.7).
    const sideGone =
      message.MessageType === 'FAILURE_EVENT' ||
      (message.MessageType === 'FAILURE_CONF' &&
        (message.Status === STATUS.E_CTI_CTI_SERVER_OFFLINE || message.InvokeID === state.lastHeartbeatInvokeId));
    if (sideGone) return fail(side, 1, `side ${side} ended the session: ${describeStatus(message)}`, ctx);
    return { state, effects: [silenceDeadline(ctx)] };
  }
  return unchanged(state);
}

/**
 * A silent link is declared dead when nothing at all has come from the server for
 * the missed-heartbeat limit × the heartbeat interval (3 × 90 s by default), however
 * the silence falls between heartbeat ticks. Any message counts as life (§2.7).
 */
function silenceDeadline(ctx: MachineContext): SessionEffect {
  return { type: 'schedule', timer: 'silence', ms: ctx.settings.missedHeartbeatLimit * ctx.settings.heartbeatIntervalMs };
}

function describeStatus(message: Message<'FAILURE_CONF'> | Message<'FAILURE_EVENT'>): string {
  const name = statusName(message.Status);
  return message.Text ? `${name} (${message.Text})` : name;
}
