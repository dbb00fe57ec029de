import { MAX_MONITOR_AGENTS, MAX_MONITOR_CALLS, collectionKey, type MonitorAgent, type MonitorCall, type StateWriter } from '../../contract/index.js';
import { CommandError } from '../cti/agent/command-error.js';
import { callKey } from '../cti/calls/index.js';
import type { CtiSession, SessionLog, SessionObserver } from '../cti/cti-session.js';
import { MessageFilterError, parseMessageFilter } from '../cti/monitor/message-filter.js';
import type { MonitorEvent } from '../cti/monitor/monitor-events.js';
import { MonitorSession, monitorOpenParameters, type MonitorOptions } from '../cti/monitor/monitor-session.js';
import { CONNECTION_ONLY } from '../cti/session-machine.js';

/** What the core's monitor needs to build MonitorSession's options (the session's own settings). */
export type CoreMonitorOptions = Pick<MonitorOptions, 'sides' | 'protocolVersion' | 'heartbeatIntervalMs' | 'missedHeartbeatLimit' | 'clientId'>;

/**
 * Monitor mode as a mode of the core (CTI OS Session.SetMessageFilter): the core's
 * own session is re-opened as an all-events session and a MonitorSession hosted on
 * it does the snapshot, filtering and recovery; this class keeps the state's
 * `monitor` part by reducing MonitorSession's events. Agent mode and monitor mode
 * exclude each other, as they do in CTI OS: the core refuses one while the other is set.
 */
export class CoreMonitorMode {
  private monitor: MonitorSession | undefined;
  private view: MonitorModel | null = null;

  /** Forward the core session's events here; they reach the monitor only while one is set. */
  readonly observer: Required<Pick<SessionObserver, 'opened' | 'failed' | 'stateChanged' | 'message'>> = {
    opened: (side, conf) => this.monitor?.observer.opened?.(side, conf),
    failed: (failure) => this.monitor?.observer.failed?.(failure),
    stateChanged: (state) => this.monitor?.observer.stateChanged?.(state),
    message: (message) => this.monitor?.observer.message?.(message),
  };

  constructor(
    private readonly session: CtiSession,
    private readonly options: CoreMonitorOptions,
    private readonly writer: StateWriter,
    private readonly log: SessionLog,
  ) {}

  get active(): boolean {
    return this.monitor !== undefined;
  }

  /** SetMessageFilter: (re-)opens the session in monitor mode with this filter; a bad filter changes nothing. */
  async setFilter(text: string): Promise<void> {
    let filter;
    try {
      filter = parseMessageFilter(text);
    } catch (error) {
      if (error instanceof MessageFilterError) throw new CommandError('invalid-argument', `setMessageFilter: ${error.message}`);
      throw error;
    }
    await this.monitor?.stop();
    const monitor: MonitorSession = new MonitorSession(
      { ...this.options, filter },
      (event) => {
        if (this.monitor === monitor) this.reduce(event, monitor);
      },
      this.log,
      this.session,
    );
    this.monitor = monitor;
    this.setView(text);
    await this.session.reopen(monitorOpenParameters(undefined));
  }

  /** Back to a connection-only session (nothing to do when not in monitor mode). */
  async clearFilter(): Promise<void> {
    if (!this.monitor) return;
    const monitor = this.monitor;
    this.monitor = undefined;
    await monitor.stop();
    this.setView(null);
    await this.session.reopen(CONNECTION_ONLY);
  }

  /** The core is stopping: the session closes with it. */
  async stop(): Promise<void> {
    const monitor = this.monitor;
    this.monitor = undefined;
    await monitor?.stop();
  }

  /**
   * Reduces one monitor event into the `monitor` part, reporting the one agent or call
   * it changed. Only calls the monitor still holds stay: a call whose OnCallEnd the
   * filter held back cannot leak.
   */
  private reduce(event: MonitorEvent, monitor: MonitorSession): void {
    if (!this.view) return;
    const change = monitorChange(event);
    switch (change.kind) {
      case 'established':
        if (this.view.established !== change.established) {
          this.view.established = change.established;
          this.writer.merge('monitor', { established: change.established });
        }
        break;
      case 'agent':
        upsertCapped(this.view.agents, change.key, change.agent, MAX_MONITOR_AGENTS, (agent) => this.writer.upsert('monitorAgents', agent));
        break;
      case 'call':
        upsertCapped(this.view.calls, change.key, change.call, MAX_MONITOR_CALLS, (call) => this.writer.upsert('monitorCalls', call));
        break;
      case 'call-ended':
        if (this.view.calls.delete(change.key)) this.writer.remove('monitorCalls', change.key);
        break;
      case 'none':
    }
    if (this.view.calls.size > 0) {
      const held = new Set(monitor.calls.map((call) => call.key));
      for (const key of this.view.calls.keys()) {
        if (held.has(key)) continue;
        this.view.calls.delete(key);
        this.writer.remove('monitorCalls', key);
      }
    }
  }

  private setView(filter: string | null): void {
    this.view = filter === null ? null : { filter, established: false, agents: new Map(), calls: new Map() };
    this.writer.set('monitor', filter === null ? null : { filter, established: false, agents: [], calls: [] });
  }
}

/** The monitor part as this mode keeps it: agents and calls by their state keys. */
interface MonitorModel {
  readonly filter: string;
  established: boolean;
  readonly agents: Map<string, MonitorAgent>;
  readonly calls: Map<string, MonitorCall>;
}

/** Adds or updates (merging fields) one item; a new one beyond `cap` is left out. */
function upsertCapped<T extends object>(items: Map<string, T>, key: string, update: T, cap: number, publish: (item: T) => void): void {
  const existing = items.get(key);
  if (!existing && items.size >= cap) return;
  const next = existing ? { ...existing, ...update } : update;
  items.set(key, next);
  publish(next);
}

type MonitorChange =
  | { readonly kind: 'none' }
  | { readonly kind: 'established'; readonly established: boolean }
  | { readonly kind: 'agent'; readonly key: string; readonly agent: MonitorAgent }
  | { readonly kind: 'call'; readonly key: string; readonly call: MonitorCall }
  | { readonly kind: 'call-ended'; readonly key: string };

/** What one monitor event changes in the monitor part (pure). */
export function monitorChange(event: MonitorEvent): MonitorChange {
  switch (event.event) {
    case 'OnConnection':
    case 'OnConnectionFailure':
    case 'OnConnectionClosed':
      return { kind: 'established', established: false };
    case 'OnMonitorModeEstablished':
      return { kind: 'established', established: true };
    case 'OnQueryAgentStateConf':
    case 'OnAgentStateChange': {
      const agent: MonitorAgent = {
        agentId: event.agentId,
        peripheralId: event.peripheralId,
        agentState: event.agentState,
        ...(event.agentExtension === undefined ? {} : { agentExtension: event.agentExtension }),
        ...(event.agentInstrument === undefined ? {} : { agentInstrument: event.agentInstrument }),
        ...(event.eventReasonCode === undefined ? {} : { eventReasonCode: event.eventReasonCode }),
      };
      return { kind: 'agent', key: collectionKey('monitorAgents', agent), agent };
    }
    case 'OnCTIOSFailure':
    case 'OnMissingHeartbeat':
    case 'OnSnapshotDeviceConf':
      return { kind: 'none' };
    default: {
      const key = callKey(event.peripheralId, event.connectionCallId);
      if (event.event === 'OnCallEnd') return { kind: 'call-ended', key };
      const call: MonitorCall = {
        peripheralId: event.peripheralId,
        connectionCallId: event.connectionCallId,
        ...(event.connectionDeviceId === undefined ? {} : { connectionDeviceId: event.connectionDeviceId }),
        ...(event.callType === undefined ? {} : { callType: event.callType }),
        ...(event.ani === undefined ? {} : { ani: event.ani }),
        ...(event.dnis === undefined ? {} : { dnis: event.dnis }),
        ...(event.dialedNumber === undefined ? {} : { dialedNumber: event.dialedNumber }),
        lastEvent: event.event,
      };
      return { kind: 'call', key, call };
    }
  }
}
