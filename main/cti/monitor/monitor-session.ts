import { AGENT_STATE_MASK, CALL_MSG_MASK, SERVICE, isNoneUint, messageIdOf, type Message, NONE_UINT } from '../../../ged188/index.js';
import { CallBook, callKey, type Call, type CallKey } from '../calls/index.js';
import { CtiSession, RequestFailed, type SessionLog, type SessionObserver } from '../cti-session.js';
import { formatEndpoint, type Side, type SideEndpoints } from '../endpoints.js';
import { versionSettings } from '../protocol-version.js';
import type { FailureRecord, OpenParameters, SessionSettings, SessionState } from '../session-machine.js';
import { AgentDirectory } from './agent-directory.js';
import { agentStateChangeFields, callEventFields, callFieldsOf, systemEventName } from './event-translation.js';
import { MATCH_EVERYTHING, matchesFilter, type MessageFilter } from './message-filter.js';
import {
  CALL_EVENT_NAMES,
  SESSION_MESSAGE_IDS,
  UNFILTERED_EVENTS,
  type CallEventSource,
  type ConnectionFailureReason,
  type MonitorEvent,
  type MonitorEventBody,
  type MonitorEventName,
} from './monitor-events.js';
import { filterValuesOf } from './monitor-filter-values.js';
import { SnapshotAbandoned, runSnapshot } from './monitor-snapshot.js';
import { SystemStatus } from './system-status.js';

export interface MonitorOptions {
  readonly sides: SideEndpoints;
  /** Pins the protocol version; absent: the newest the side takes (protocol-version.ts). */
  readonly protocolVersion?: number;
  readonly heartbeatIntervalMs: number;
  readonly missedHeartbeatLimit: number;
  readonly clientId: string;
  /** The peripheral to watch; learnt from OPEN_CONF when absent. */
  readonly peripheralId?: number;
  /** Agents to snapshot even before they are seen (see AgentDirectory for why this helps). */
  readonly agents?: readonly string[];
  /** SetMessageFilter: which events reach the listener (all when absent). */
  readonly filter?: MessageFilter;
  readonly retry?: SessionSettings['retry'];
  readonly clock?: () => number;
}

export type MonitorListener = (event: MonitorEvent) => void;

/**
 * The session a hosted monitor runs on (CtiSession fits). A host that owns the
 * session (the core) opens it with `monitorOpenParameters` and forwards its
 * session events to `MonitorSession.observer`.
 */
export interface MonitorSessionPort {
  readonly current: SessionState;
  request(message: Message): Promise<Message>;
}

/**
 * Where the monitor is: not connected, connected and rebuilding its picture, or
 * live. Events that arrive while the snapshot runs wait in `held` and are applied
 * after it, in order, so the snapshot never races them.
 */
type Phase =
  | { readonly kind: 'disconnected' }
  | {
      readonly kind: 'snapshotting';
      readonly connection: number;
      readonly held: Message[];
      /** Per agent or call: how many held events the snapshot's answer about it already covers. */
      readonly covered: Map<string, number>;
    }
  | { readonly kind: 'live'; readonly connection: number };

/** Every call event type and CallMsgMask bit a monitor asks for, plus team configuration for discovery. */
const MONITOR_CALL_MSG_MASK =
  0x0000ffff | CALL_MSG_MASK.CALL_FAILED | CALL_MSG_MASK.CALL_REACHED_NETWORK | CALL_MSG_MASK.CALL_DEQUEUED | CALL_MSG_MASK.AGENT_TEAM_CONFIG;
const ALL_AGENT_STATES = Object.values(AGENT_STATE_MASK).reduce((mask, bit) => mask | bit, 0);

/** OPEN_REQ for a monitor: ALL_EVENTS (bridge mode) with every call and agent event. */
export function monitorOpenParameters(peripheralId: number | undefined): OpenParameters {
  return {
    servicesRequested: SERVICE.ALL_EVENTS,
    peripheralId: peripheralId ?? NONE_UINT,
    callMsgMask: MONITOR_CALL_MSG_MASK,
    agentStateMask: ALL_AGENT_STATES,
  };
}

/**
 * Monitor mode (CTI OS SetMessageFilter, ctios.md §1.7): an ALL_EVENTS session whose
 * events are turned into CTI OS events and filtered. Unlike CTI OS it survives a
 * failover by itself: the session re-opens on the other side, the snapshot runs
 * again, calls that ended meanwhile get OnCallEnd, and the application does nothing.
 */
export class MonitorSession {
  private readonly session: MonitorSessionPort;
  /** The session this monitor opened itself; undefined when a host's session is used. */
  private readonly owned: CtiSession | undefined;
  /** The session events this monitor runs on; a host forwards its own session's here. */
  readonly observer: SessionObserver = {
    opened: (side, conf) => {
      if (!this.stopped) this.opened(side, conf);
    },
    failed: (failure) => {
      if (!this.stopped) this.failed(failure);
    },
    stateChanged: (state) => {
      if (!this.stopped) this.watchHeartbeats(state);
    },
    message: (message) => {
      if (!this.stopped) this.received(message);
    },
  };
  private readonly directory: AgentDirectory;
  private readonly book: CallBook;
  private readonly status = new SystemStatus();
  private readonly filter: MessageFilter;
  private readonly clock: () => number;
  private phase: Phase = { kind: 'disconnected' };
  /** Counts OPEN_CONFs; a snapshot belongs to one and stops when another comes. */
  private connections = 0;
  private peripheralId: number | undefined;
  /** Calls the listener has heard of: only these get OnCallEnd, and each only once. */
  private readonly announced = new Set<CallKey>();
  private readonly endedToReport: Call[] = [];
  private unansweredHeartbeats = 0;
  private stopped = false;

  constructor(
    private readonly options: MonitorOptions,
    private readonly listener: MonitorListener,
    private readonly log: SessionLog,
    /** A host's session to run on instead of opening one (`sides`, `clientId` and `retry` are then unused). */
    hostSession?: MonitorSessionPort,
  ) {
    this.filter = options.filter ?? MATCH_EVERYTHING;
    this.clock = options.clock ?? Date.now;
    this.peripheralId = options.peripheralId;
    this.directory = new AgentDirectory(options.agents);
    this.book = new CallBook({ ended: (call) => this.endedToReport.push(call) }, this.clock);
    const settings: SessionSettings = {
      sides: options.sides,
      ...versionSettings(options.protocolVersion),
      heartbeatIntervalMs: options.heartbeatIntervalMs,
      missedHeartbeatLimit: options.missedHeartbeatLimit,
      connectTimeoutMs: 5_000,
      openTimeoutMs: 30_000,
      closeTimeoutMs: 5_000,
      retry: options.retry ?? { initialMs: 500, maxMs: 10_000, jitter: 0.2 },
      clientId: options.clientId,
      clientPassword: new Uint8Array(0),
      open: monitorOpenParameters(options.peripheralId),
    };
    this.owned = hostSession ? undefined : new CtiSession(settings, this.observer, log);
    this.session = hostSession ?? this.owned!;
  }

  start(): void {
    this.owned?.start();
  }

  /**
   * Closes the session (CLOSE_REQ) and raises OnConnectionClosed. A hosted monitor
   * only stops listening: its host closes or re-opens the session.
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.phase = { kind: 'disconnected' };
    await this.owned?.stop();
    this.raise({ event: 'OnConnectionClosed' });
  }

  /** Whether the session this monitor opened holds a standby session on the other side (v24+). */
  get standbyOpen(): boolean {
    return this.owned?.standbyStatus.state === 'open';
  }

  /** The calls as the monitor knows them now. */
  get calls(): readonly Call[] {
    return this.book.all();
  }

  get isLive(): boolean {
    return this.phase.kind === 'live';
  }

  // ---------------------------------------------------------------- connection events

  private opened(side: Side, conf: Message<'OPEN_CONF'>): void {
    const connection = ++this.connections;
    const failover = connection > 1;
    this.peripheralId = this.options.peripheralId ?? conf.FltPeripheralID?.[0] ?? this.peripheralId;
    this.status.opened(conf);
    this.unansweredHeartbeats = 0;
    this.phase = { kind: 'snapshotting', connection, held: [], covered: new Map() };
    const endpoint = this.options.sides[side];
    const state = this.session.current;
    const version = state.phase === 'open' ? { protocolVersion: state.version } : {};
    this.raise({ event: 'OnConnection', currentServer: side, endpoint: endpoint ? formatEndpoint(endpoint) : '', failover, ...version });
    void this.resynchronise(connection, failover);
  }

  private failed(failure: FailureRecord): void {
    this.phase = { kind: 'disconnected' };
    const next = this.session.current;
    this.raise({
      event: 'OnConnectionFailure',
      failedServer: failure.side,
      reasonCode: failureReasonOf(failure.reason),
      reason: failure.reason,
      nextServer: next.phase === 'waiting' ? next.side : failure.side,
      retryInMs: next.phase === 'waiting' ? next.retryInMs : 0,
    });
  }

  /** OnMissingHeartbeat for each heartbeat that went unanswered (the state counts them as they are sent). */
  private watchHeartbeats(state: SessionState): void {
    const unanswered = state.phase === 'open' ? state.unansweredHeartbeats : 0;
    if (unanswered > 1 && unanswered > this.unansweredHeartbeats) {
      this.raise({ event: 'OnMissingHeartbeat', consecutiveMissedHeartbeats: unanswered - 1, heartbeatInterval: this.options.heartbeatIntervalMs });
    }
    this.unansweredHeartbeats = unanswered;
  }

  // ---------------------------------------------------------------- the snapshot

  private async resynchronise(connection: number, failover: boolean): Promise<void> {
    const stillCurrent = () => this.connections === connection && this.phase.kind === 'snapshotting' && !this.stopped;
    const peripheralId = this.peripheralId ?? NONE_UINT;
    let summary;
    try {
      summary = await runSnapshot({
        peripheralId,
        directory: this.directory,
        book: this.book,
        request: (message) => this.session.request(message),
        stillCurrent,
        emit: (event) => this.raise(event),
        snapshotted: (subject) => {
          if (this.phase.kind !== 'snapshotting') return;
          this.phase.covered.set(subject.kind === 'agent' ? `agent ${subject.agentId}` : `call ${subject.key}`, this.phase.held.length);
        },
      });
    } catch (error) {
      if (error instanceof SnapshotAbandoned || (error instanceof RequestFailed && !stillCurrent())) return;
      // The link is up but a query went unanswered: the heartbeat decides whether the
      // side is gone; meanwhile carry on with what the events say.
      this.log.warn(`monitor snapshot incomplete: ${(error as Error).message}`);
      summary = undefined;
    }
    if (!stillCurrent() || this.phase.kind !== 'snapshotting') return;
    const { held, covered } = this.phase;
    this.reportEnded(true);
    this.phase = { kind: 'live', connection };
    this.raise({
      event: 'OnMonitorModeEstablished',
      recovered: failover,
      agents: summary?.agents ?? 0,
      calls: summary?.calls ?? this.book.all().length,
      endedWhileDisconnected: summary?.ended ?? 0,
      statusSystem: this.status.current,
    });
    held.forEach((message, index) => {
      const subject = subjectOf(message);
      if (subject === undefined || (covered.get(subject) ?? 0) <= index) this.apply(message);
    });
  }

  // ---------------------------------------------------------------- events

  private received(message: Message): void {
    if (this.phase.kind === 'disconnected') return;
    // Discovery cannot wait: the running snapshot reads the directory again.
    if (message.MessageType === 'AGENT_TEAM_CONFIG_EVENT') return this.directory.learnTeam(message);
    if (message.MessageType === 'AGENT_STATE_EVENT' && message.AgentID !== undefined) this.directory.learn(message.AgentID);
    if (!isUnsolicited(message)) return;
    if (this.phase.kind === 'snapshotting') this.phase.held.push(message);
    else this.apply(message);
  }

  private apply(message: Message): void {
    if (message.MessageType === 'AGENT_STATE_EVENT') {
      const fields = agentStateChangeFields(message);
      if (!fields) return;
      this.directory.update(fields.agentId, message.AgentState, message.AgentInstrument);
      this.raise({ event: 'OnAgentStateChange', ...fields });
      return;
    }
    if (message.MessageType === 'SYSTEM_EVENT') {
      this.status.systemEvent(message);
      this.raise({
        event: 'OnCTIOSFailure',
        failureCode: 10,
        failureName: 'eServerConnectionStatus',
        systemEventId: message.SystemEventID,
        systemEventName: systemEventName(message.SystemEventID),
        systemEventArg1: message.SystemEventArg1,
        pgStatus: message.PGStatus,
        ...(message.Text ? { errorMessage: message.Text } : {}),
      });
      return;
    }
    if (isCallEventSource(message.MessageType)) this.applyCallEvent(message, message.MessageType);
  }

  private applyCallEvent(message: Message, source: CallEventSource): void {
    const fields = message as unknown as { PeripheralID: number; ConnectionCallID?: number; PrimaryCallID?: number; NewConnectionCallID?: number };
    const before = fields.PrimaryCallID ?? fields.ConnectionCallID ?? 0;
    this.book.apply(message);
    // CALL_DATA_UPDATE may give the call a new id; the book re-keys it, and so do we.
    const rekeyed = message.MessageType === 'CALL_DATA_UPDATE_EVENT' && !isNoneUint(message.NewConnectionCallID);
    const connectionCallId = rekeyed ? message.NewConnectionCallID : before;
    const key = callKey(fields.PeripheralID, connectionCallId);
    if (rekeyed && this.announced.delete(callKey(fields.PeripheralID, before))) this.announced.add(key);
    // OnCallEnd comes from the book (so a call ended twice is reported once); the rest from the event.
    if (source !== 'END_CALL_EVENT' && this.book.get(key) !== undefined) {
      this.raise({ event: CALL_EVENT_NAMES[source], ...callEventFields(message, fields.PeripheralID, connectionCallId) });
    }
    this.reportEnded(false);
  }

  /** OnCallEnd for each call the book let go of that the listener had heard of. */
  private reportEnded(recovered: boolean): void {
    const ended = this.endedToReport.splice(0);
    for (const call of ended) {
      if (!this.announced.has(call.key)) continue;
      this.raise({ event: 'OnCallEnd', ...callFieldsOf(call), ...(recovered ? { recovered: true as const } : {}) });
    }
  }

  private raise(body: MonitorEventBody): void {
    if ('connectionCallId' in body) {
      const key = callKey(body.peripheralId, body.connectionCallId);
      if (body.event === 'OnCallEnd') this.announced.delete(key);
      else this.announced.add(key);
    }
    const event = { ...body, time: new Date(this.clock()).toISOString(), messageId: messageIdOfEvent(body.event) } as MonitorEvent;
    if (!UNFILTERED_EVENTS.has(event.event) && !matchesFilter(this.filter, filterValuesOf(event))) return;
    this.listener(event);
  }
}

/** The agent or call a held event is about, keyed as the snapshot marks them. */
function subjectOf(message: Message): string | undefined {
  if (message.MessageType === 'AGENT_STATE_EVENT') return message.AgentID === undefined ? undefined : `agent ${message.AgentID}`;
  const fields = message as unknown as { PeripheralID?: number; ConnectionCallID?: number; PrimaryCallID?: number };
  const id = fields.PrimaryCallID ?? fields.ConnectionCallID;
  return fields.PeripheralID === undefined || id === undefined ? undefined : `call ${callKey(fields.PeripheralID, id)}`;
}

/** Events the monitor passes on; replies to its own requests are not among them. */
function isUnsolicited(message: Message): boolean {
  return message.MessageType === 'AGENT_STATE_EVENT' || message.MessageType === 'SYSTEM_EVENT' || isCallEventSource(message.MessageType);
}

function isCallEventSource(type: string): type is CallEventSource {
  return Object.hasOwn(CALL_EVENT_NAMES, type);
}

const EVENT_MESSAGE_IDS: ReadonlyMap<MonitorEventName, number> = new Map<MonitorEventName, number>([
  ...Object.entries(SESSION_MESSAGE_IDS).map(([name, id]) => [name as MonitorEventName, id] as const),
  ...(Object.entries(CALL_EVENT_NAMES) as [CallEventSource, MonitorEventName][]).map(([source, name]) => [name, messageIdOf(source)] as const),
  ['OnAgentStateChange', messageIdOf('AGENT_STATE_EVENT')],
  ['OnCTIOSFailure', messageIdOf('SYSTEM_EVENT')],
  ['OnQueryAgentStateConf', messageIdOf('QUERY_AGENT_STATE_CONF')],
  ['OnSnapshotDeviceConf', messageIdOf('SNAPSHOT_DEVICE_CONF')],
  ['OnSnapshotCallConf', messageIdOf('SNAPSHOT_CALL_CONF')],
]);

/** The MessageID a filter matches: GED-188's number where the event has one (CTI OS uses the same). */
export function messageIdOfEvent(name: MonitorEventName): number {
  return EVENT_MESSAGE_IDS.get(name) ?? 0;
}

/** OnConnectionFailure's ReasonCode from what the session said went wrong. */
function failureReasonOf(reason: string): ConnectionFailureReason {
  if (/heartbeat/i.test(reason)) return 'eMissedHeartbeats';
  if (/framing error|malformed frame|INVALID_VERSION/i.test(reason)) return 'eProtocolMismatch';
  if (/refused|did not accept|not found|unreachable|did not answer|no OPEN_CONF/i.test(reason)) return 'eConnectFail';
  if (/closed the connection|reset the connection|ended the session/i.test(reason)) return 'eTransportError';
  return 'eOtherError';
}
