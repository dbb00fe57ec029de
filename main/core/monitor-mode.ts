import { MAX_MONITOR_AGENTS, MAX_MONITOR_CALLS, type MonitorAgent, type MonitorCall, type MonitorView } from '../../contract/index.js';
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
  private view: MonitorView | null = null;

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
    private readonly publish: (view: MonitorView | null) => void,
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
    this.setView({ filter: text, established: false, agents: [], calls: [] });
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

  private reduce(event: MonitorEvent, monitor: MonitorSession): void {
    if (!this.view) return;
    // Only calls the monitor still holds stay: a call whose OnCallEnd the filter held back cannot leak.
    const held = new Set(monitor.calls.map((call) => call.key));
    const next = reduceMonitorView(this.view, event);
    this.setView({ ...next, calls: next.calls.filter((call) => held.has(callKey(call.peripheralId, call.connectionCallId))) });
  }

  private setView(view: MonitorView | null): void {
    this.view = view;
    this.publish(view);
  }
}

/** The monitor part of the state after one event (pure; bounded by MAX_MONITOR_AGENTS and MAX_MONITOR_CALLS). */
export function reduceMonitorView(view: MonitorView, event: MonitorEvent): MonitorView {
  switch (event.event) {
    case 'OnConnection':
    case 'OnConnectionFailure':
    case 'OnConnectionClosed':
      return view.established ? { ...view, established: false } : view;
    case 'OnMonitorModeEstablished':
      return { ...view, established: true };
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
      const index = view.agents.findIndex((a) => a.agentId === agent.agentId && a.peripheralId === agent.peripheralId);
      if (index === -1) return view.agents.length >= MAX_MONITOR_AGENTS ? view : { ...view, agents: [...view.agents, agent] };
      return { ...view, agents: view.agents.map((a, i) => (i === index ? { ...a, ...agent } : a)) };
    }
    case 'OnCTIOSFailure':
    case 'OnMissingHeartbeat':
    case 'OnSnapshotDeviceConf':
      return view;
    default: {
      const same = (c: MonitorCall) => c.peripheralId === event.peripheralId && c.connectionCallId === event.connectionCallId;
      if (event.event === 'OnCallEnd') return view.calls.some(same) ? { ...view, calls: view.calls.filter((c) => !same(c)) } : view;
      const update: MonitorCall = {
        peripheralId: event.peripheralId,
        connectionCallId: event.connectionCallId,
        ...(event.connectionDeviceId === undefined ? {} : { connectionDeviceId: event.connectionDeviceId }),
        ...(event.callType === undefined ? {} : { callType: event.callType }),
        ...(event.ani === undefined ? {} : { ani: event.ani }),
        ...(event.dnis === undefined ? {} : { dnis: event.dnis }),
        ...(event.dialedNumber === undefined ? {} : { dialedNumber: event.dialedNumber }),
        lastEvent: event.event,
      };
      const index = view.calls.findIndex(same);
      if (index === -1) return view.calls.length >= MAX_MONITOR_CALLS ? view : { ...view, calls: [...view.calls, update] };
      return { ...view, calls: view.calls.map((c, i) => (i === index ? { ...c, ...update } : c)) };
    }
  }
}
