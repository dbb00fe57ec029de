import { isDeepStrictEqual } from 'node:util';
import {
  CONNECTION_EVENTS_KEPT,
  collectionKey,
  type StateWriter,
  initialSystemHealth,
  type AppState,
  type ConnectionEvent,
  type Side,
  type SystemHealth,
} from '../../contract/index.js';
import { SYSTEM_EVENT_ID, type Message } from '../../ged188/index.js';
import { formatEndpoint, type SideEndpoints } from '../cti/endpoints.js';
import type { FailureRecord, SessionState } from '../cti/session-machine.js';
import { describeSystemEvent, healthOnLinkDown, healthOnOpen, healthOnProtocolVersion, healthOnSettings, healthOnSystemEvent } from '../cti/system-health.js';

/** enumCTIOS_FailureCode eServerConnectionStatus (ctios.md §1.6): a system event. */
const SERVER_CONNECTION_STATUS = 10;

type Draft<E> = E extends unknown ? Omit<E, 'seq' | 'time'> : never;

/**
 * The CTI OS session events (ctios.md §1.5: OnConnection, OnConnectionFailure,
 * OnMissingHeartbeat, OnConnectionClosed; §1.6: OnCTIOSFailure) as a bounded,
 * ordered log, and the system health they imply. It reads the session's observer
 * hooks and publishes `health` and `connectionEvents` through `publish`.
 */
export class ConnectionLog {
  private events: ConnectionEvent[] = [];
  private seq = 0;
  private health: SystemHealth;
  /** The last open session ended by a failure (not a deliberate close): the next open is a failover. */
  private lostOpenSession = false;
  private previousPhase: SessionState['phase'] = 'stopped';
  private previousSide: Side | undefined;

  constructor(
    private readonly sides: SideEndpoints,
    private readonly writer: Pick<StateWriter, 'set' | 'upsert' | 'remove'>,
    private readonly clock: () => number = Date.now,
  ) {
    this.health = initialSystemHealth(clock());
  }

  get initial(): Pick<AppState, 'health' | 'connectionEvents'> {
    return { health: this.health, connectionEvents: this.events };
  }

  private endpoint(side: Side): string {
    const endpoint = this.sides[side];
    return endpoint ? formatEndpoint(endpoint) : 'not configured';
  }

  private add(draft: Draft<ConnectionEvent>): void {
    const event = { ...draft, seq: ++this.seq, time: this.clock() } as ConnectionEvent;
    this.events = [...this.events, event];
    this.writer.set('health', this.health);
    this.writer.upsert('connectionEvents', event);
    while (this.events.length > CONNECTION_EVENTS_KEPT) {
      const oldest = this.events.shift()!;
      this.writer.remove('connectionEvents', collectionKey('connectionEvents', oldest));
    }
  }

  private setHealth(next: SystemHealth): void {
    if (isDeepStrictEqual(next, this.health)) return;
    this.health = next;
    this.writer.set('health', next);
  }

  /** Every session state: a deliberate close is OnConnectionClosed; a lost link makes health unknown. */
  stateChanged(state: SessionState): void {
    const before = this.previousPhase;
    this.previousPhase = state.phase;
    if (state.phase === 'open' || state.phase === 'closing') this.previousSide = state.side;
    if (state.phase === 'closing' && before === 'open') this.lostOpenSession = false;
    if (state.phase === 'stopped' && before === 'closing' && this.previousSide) this.add({ event: 'OnConnectionClosed', side: this.previousSide });
    if (before === 'open' && state.phase === 'waiting') this.lostOpenSession = true;
    if ((before === 'open' && state.phase !== 'open') || state.phase === 'waiting') this.setHealth(healthOnLinkDown(this.health, this.clock()));
    if (state.phase === 'open') this.setHealth(healthOnProtocolVersion(this.health, state.side, state.version));
  }

  opened(side: Side, conf: Message<'OPEN_CONF'>, peripheralId: number): void {
    this.health = healthOnOpen(this.health, side, conf, peripheralId, this.clock());
    this.add({ event: 'OnConnection', side, endpoint: this.endpoint(side), initial: !this.lostOpenSession });
    this.lostOpenSession = false;
  }

  failed(failure: FailureRecord): void {
    this.add({
      event: 'OnConnectionFailure',
      failedSide: failure.side,
      endpoint: this.endpoint(failure.side),
      reasonCode: failure.kind ?? 'other',
      reason: failure.reason,
    });
  }

  missedHeartbeat(side: Side, consecutive: number, intervalMs: number): void {
    this.add({ event: 'OnMissingHeartbeat', side, consecutiveMissedHeartbeats: consecutive, heartbeatIntervalMs: intervalMs });
  }

  /**
   * RequestDesktopSettings answered (OnGlobalSettingsDownloadConf): logged, and the
   * settings' health follows: online while the desktop has the source's current document.
   */
  settingsDownloaded(event: Draft<Extract<ConnectionEvent, { event: 'OnGlobalSettingsDownloadConf' }>>): void {
    const online = event.outcome === 'updated' || event.outcome === 'unchanged';
    this.health = healthOnSettings(this.health, online, online ? null : event.message, this.clock());
    this.add(event);
  }

  message(message: Message): void {
    if (message.MessageType !== 'SYSTEM_EVENT') return;
    this.health = healthOnSystemEvent(this.health, message, this.clock());
    // The half-hour tick is bookkeeping, not health: it would push everything else out of the log.
    if (message.SystemEventID === SYSTEM_EVENT_ID.HALF_HOUR_CHANGE) {
      this.writer.set('health', this.health);
      return;
    }
    this.add({
      event: 'OnCTIOSFailure',
      failureCode: SERVER_CONNECTION_STATUS,
      systemEventId: message.SystemEventID,
      systemEventArg1: message.SystemEventArg1,
      pgStatus: message.PGStatus,
      message: describeSystemEvent(message),
    });
  }
}
