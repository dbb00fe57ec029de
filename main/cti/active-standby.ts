import { SERVICE, SESSION_TYPE, STATUS, statusName, type Message } from '../../ged188/index.js';
import type { CtiLink } from './cti-link.js';
import type { Side } from './endpoints.js';
import type { FailureRecord, SessionSettings, SessionState } from './session-machine.js';

/** The standby session as the state shows it (additive to the connection status). */
export type StandbyStatus =
  | { readonly state: 'off'; readonly reason: string }
  | { readonly state: 'connecting'; readonly side: Side }
  | { readonly state: 'open'; readonly side: Side }
  | { readonly state: 'waiting'; readonly side: Side; readonly reason: string };

/** What the coordinator needs of a standby session (CtiSession fits). */
export interface StandbySessionPort {
  start(): void;
  stop(): Promise<void>;
  readonly current: SessionState;
  surrender(): { readonly link: CtiLink; readonly side: Side; readonly conf: Message<'OPEN_CONF'> } | undefined;
}

export interface StandbyObserver {
  stateChanged(state: SessionState): void;
  opened(side: Side, conf: Message<'OPEN_CONF'>): void;
  failed(failure: FailureRecord): void;
  message(message: Message): void;
}

/** What the working session does for the coordinator. */
export interface StandbyHost {
  /** The standby side is active now: take this link as the working session's. */
  promote(link: CtiLink, side: Side, conf: Message<'OPEN_CONF'>): void;
  statusChanged(status: StandbyStatus): void;
}

/**
 * The standby session heartbeats this many times less often than the working one (6 min
 * at the guide's 90 s; its IdleTimeout, four intervals, follows). It carries no requests,
 * so its heartbeats are pure load on CTI Server: a dead standby link is found sooner by
 * TCP keep-alive or a reset, and the working session's own detection still covers a
 * standby that never speaks. Promoted, the link heartbeats at the working interval.
 */
export const STANDBY_HEARTBEAT_FACTOR = 4;

export interface StandbyLog {
  info(text: string): void;
  warn(text: string): void;
}

/**
 * The v24 active/standby pair of ged188.md §2.11 from the desktop's side: while the
 * working session is open on one side, a standby session (same OPEN_REQ plus
 * CTI_SERVICE_ACTIVE_STANDBY; SessionType 2, heartbeats and close only) is held on
 * the other. STANDBY_ACTIVE_EVENT_MSG on it hands its link to the working session;
 * the working session's `opened` then starts a new standby session on the side
 * that failed, retried with the usual back-off until that side is back. A server
 * that does not grant the service, or refuses the standby open, gets one session.
 */
export class ActiveStandby {
  private session: StandbySessionPort | undefined;
  private side: Side | undefined;
  private current: StandbyStatus = { state: 'off', reason: 'the working session is not open' };

  constructor(
    private readonly host: StandbyHost,
    private readonly makeSession: (settings: SessionSettings, observer: StandbyObserver) => StandbySessionPort,
    private readonly log: StandbyLog,
  ) {}

  get status(): StandbyStatus {
    return this.current;
  }

  /** The side an open standby session holds; the working session then does not open over it. */
  get heldSide(): Side | undefined {
    return this.current.state === 'open' ? this.current.side : undefined;
  }

  /** The working session opened on `side`: hold the standby on the other side, or fall back to one session. */
  workingOpened(side: Side, conf: Message<'OPEN_CONF'>, settings: SessionSettings): void {
    const other: Side = side === 'A' ? 'B' : 'A';
    const endpoint = settings.sides[other];
    if (!endpoint) return;
    if ((conf.ServicesGranted & SERVICE.ACTIVE_STANDBY) === 0) {
      this.end(`side ${side} did not grant the active/standby service: one session`);
      return;
    }
    if (this.session && this.side === other) return;
    this.end('moving to the other side');
    const session = this.makeSession(
      { ...settings, sides: { [other]: endpoint }, standby: true, heartbeatIntervalMs: settings.heartbeatIntervalMs * STANDBY_HEARTBEAT_FACTOR },
      {
        stateChanged: (state) => this.stateChanged(session, state),
        opened: (_side, standbyConf) => {
          // A side that answers a standby open as active has taken over already.
          if (standbyConf.SessionType === SESSION_TYPE.ACTIVE) this.promote(session, 'opened as active');
        },
        failed: (failure) => this.failed(session, failure),
        message: (message) => {
          if (message.MessageType === 'STANDBY_ACTIVE_EVENT_MSG') this.promote(session, 'STANDBY_ACTIVE_EVENT');
        },
      },
    );
    this.session = session;
    this.side = other;
    session.start();
  }

  /** Closes the standby session (the working session stops or changes its OPEN_REQ). */
  async stop(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    this.side = undefined;
    this.setStatus({ state: 'off', reason: 'the working session is not open' });
    await session?.stop();
  }

  private promote(session: StandbySessionPort, why: string): void {
    if (session !== this.session) return;
    const handed = session.surrender();
    if (!handed) return;
    this.session = undefined;
    this.side = undefined;
    this.log.info(`side ${handed.side} is active (${why}): moving the working session to it`);
    this.setStatus({ state: 'off', reason: `promoted to the working session on side ${handed.side}` });
    this.host.promote(handed.link, handed.side, handed.conf);
  }

  private stateChanged(session: StandbySessionPort, state: SessionState): void {
    if (session !== this.session) return;
    switch (state.phase) {
      case 'connecting':
      case 'opening':
        return this.setStatus({ state: 'connecting', side: state.side });
      case 'open':
        if (state.conf.SessionType !== SESSION_TYPE.ACTIVE) this.setStatus({ state: 'open', side: state.side });
        return;
      case 'waiting':
        return this.setStatus({ state: 'waiting', side: state.side, reason: state.lastFailure.reason });
      default:
        return;
    }
  }

  private failed(session: StandbySessionPort, failure: FailureRecord): void {
    // A side in maintenance comes back: keep trying it with the usual back-off.
    if (session !== this.session || failure.status === undefined || failure.status === STATUS.E_CTI_SERVER_IN_MAINTENANCE_MODE) return;
    // Any other refusal of the standby OPEN_REQ: this server does not take standby
    // sessions (before v24, or not configured for it). One session it is, until the
    // working session opens again; asking every few seconds would load a server that
    // has thousands of desktops. Stopped after this dispatch finishes.
    const reason = `side ${failure.side} refused the standby session (${statusName(failure.status)}): one session`;
    this.log.warn(reason);
    queueMicrotask(() => this.end(reason));
  }

  private end(reason: string): void {
    const session = this.session;
    this.session = undefined;
    this.side = undefined;
    this.setStatus({ state: 'off', reason });
    void session?.stop();
  }

  private setStatus(status: StandbyStatus): void {
    if (JSON.stringify(status) === JSON.stringify(this.current)) return;
    this.current = status;
    this.host.statusChanged(status);
  }
}

/**
 * Whether to agree to the active side's maintenance (ACTIVE_MAINTENANCE_REQ_MSG):
 * yes, unless a request is in flight whose answer would be lost with the side and
 * which cannot simply be asked again on the other side (call and agent control).
 * Queries, snapshots and heartbeats are asked again by the reconcile after the move.
 */
export function maintenanceConsent(inFlight: readonly string[]): { readonly accepted: boolean; readonly why: string } {
  const unmovable = inFlight.filter((type) => !/^(QUERY_|SNAPSHOT_|HEARTBEAT_|REGISTER_VARIABLES|CONFIG_REQUEST)/.test(type));
  if (unmovable.length === 0) return { accepted: true, why: 'agreed: nothing in flight that cannot move' };
  return { accepted: false, why: `refused: ${[...new Set(unmovable)].join(', ')} in flight, whose answer the other side could not give` };
}
