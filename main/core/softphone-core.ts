import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { COMMANDS, EMPTY_TRANSFER_TARGETS, initialDeskExtras, isCommandName, type AppState, type EmbeddedSimulator, type TestCallPlacer, type CommandFailure, type CommandName, type StateEvent } from '../../contract/index.js';
import { AgentMode } from '../cti/agent/agent-mode.js';
import { CommandError } from '../cti/agent/command-error.js';
import { CtiSession } from '../cti/cti-session.js';
import { Outbox } from '../cti/outbox.js';
import type { SideEndpoints } from '../cti/endpoints.js';
import { versionSettings } from '../cti/protocol-version.js';
import { CONNECTION_ONLY, type SessionSettings, type SessionState } from '../cti/session-machine.js';
import { connectionStatusOf, nextConnectionStatus } from './connection-status.js';
import { heartbeatIntervalMs } from './heartbeat-interval.js';
import { ConnectionLog } from './connection-log.js';
import type { LocalConfig } from './local-config.js';
import type { Logger } from './logger.js';
import { COMMAND_TABLE, type CommandTarget } from './command-table.js';
import { KeyedListPublisher } from './keyed-list-publisher.js';
import { DeskExtras } from './desk-extras.js';
import { InFlightCommands } from './in-flight-commands.js';
import { CoreMonitorMode } from './monitor-mode.js';
import { StateStore } from './state-store.js';
import { agentDeskSettings } from '../settings/agent-desk-settings.js';
import { ConfEntryFile, SETTINGS_CACHE, USER_PREFERENCES, type JsonFileStoreFactory } from '../settings/conf-settings-cache.js';
import { confStore } from '../settings/conf-store.js';
import { DesktopSettingsService } from '../settings/desktop-settings-service.js';
import type { DownloadLimits } from '../settings/settings-download.js';
import type { SettingsSource } from '../settings/settings-source.js';
import { UserPreferences } from '../settings/user-preferences.js';

export interface CoreOptions {
  readonly config: LocalConfig;
  /**
   * The CTI Server sides (the shells choose them: command line, config file, or the
   * built-in simulator they start when none is configured).
   */
  readonly sides: SideEndpoints;
  readonly log: Logger;
  /** The folder for the durable outbox, the settings cache and the user's preferences: each shell passes its own. */
  readonly userDataDir: string;
  /** The desktop settings: where they come from and what the deployment policy locks. */
  readonly settings?: CoreSettingsOptions;
  /** Set by a shell that started the built-in simulator: the login screen names its agents. */
  readonly embeddedSimulator?: EmbeddedSimulator;
  /** Set with embeddedSimulator: rings the signed-in agent from the built-in simulator (training mode). */
  readonly placeTestCall?: TestCallPlacer;
}

export interface CoreSettingsOptions {
  /** The shells resolve it: the policy's, the user's, or the built-in simulator's endpoint. */
  readonly source: SettingsSource;
  /** How often an open desktop asks the source again; 0 (the default): only on each connect. */
  readonly refreshIntervalMs?: number;
  /** The deployment policy's locked values (JSON Pointer → value). */
  readonly policyLocked?: Readonly<Record<string, unknown>>;
  /** What keeps the cache and the preferences: electron-store in the Electron shell, conf (the default) elsewhere. */
  readonly store?: JsonFileStoreFactory;
  readonly limits?: DownloadLimits;
  /** The deployment policy pins the protocol version (it wins over config.json's pin). */
  readonly pinnedProtocolVersion?: number;
}

export type CommandOutcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly failure: CommandFailure };

/**
 * The program: one composition root that both shells host. It owns the CTI session
 * and the state model, and is the only place commands are validated and run.
 */
export class SoftphoneCore {
  private readonly inFlight = new InFlightCommands();

  private constructor(
    /** What the command table acts on. */
    private readonly target: CommandTarget,
    private readonly store: StateStore,
    readonly sides: SideEndpoints,
    private readonly outbox: Outbox,
  ) {}

  static async start(options: CoreOptions): Promise<SoftphoneCore> {
    const { config, log } = options;
    // First: an outbox that cannot be opened stops the start before anything is listening.
    const outbox = Outbox.open(options.userDataDir, log.warn);
    const { sides } = options;
    let settings: SessionSettings = {
      sides,
      // The newest version each side takes, unless the policy or config.json pins one.
      ...versionSettings(options.settings?.pinnedProtocolVersion ?? config.cti.protocolVersion),
      heartbeatIntervalMs: config.cti.heartbeatIntervalMs,
      missedHeartbeatLimit: config.cti.missedHeartbeatLimit,
      connectTimeoutMs: 5_000,
      openTimeoutMs: 30_000,
      closeTimeoutMs: 5_000,
      requestTimeoutMs: config.cti.requestTimeoutMs,
      retry: { initialMs: 500, maxMs: 10_000, jitter: 0.2 },
      // The suffix tells this desktop's sessions apart; the whole fits ClientID's 63 bytes.
      clientId: `${config.cti.clientId.slice(0, 54)}-${randomUUID().slice(0, 8)}`,
      clientPassword: new Uint8Array(0),
      open: CONNECTION_ONLY,
    };
    const now = Date.now();
    // The desktop settings from the cache, at once: nothing here waits for the network.
    const settingsStore = options.settings?.store ?? confStore;
    const desktopSettings = new DesktopSettingsService(
      {
        source: options.settings?.source ?? { kind: 'none' },
        cache: new ConfEntryFile(options.userDataDir, settingsStore, SETTINGS_CACHE),
        preferences: new UserPreferences(new ConfEntryFile(options.userDataDir, settingsStore, USER_PREFERENCES)),
        ...(options.settings?.policyLocked ? { policyLocked: options.settings.policyLocked } : {}),
        ...(options.settings?.refreshIntervalMs ? { refreshIntervalMs: options.settings.refreshIntervalMs } : {}),
        ...(options.settings?.limits ? { limits: options.settings.limits } : {}),
        log,
      },
      { published: (state) => store.set('settings', state), downloaded: (event) => connectionLog.settingsDownloaded(event) },
    );
    desktopSettings.start();
    // The connection profile's heartbeat, from the cached settings (a change applies at the next start).
    settings = { ...settings, heartbeatIntervalMs: heartbeatIntervalMs(desktopSettings.effective.connectionProfiles, sides, config.cti.heartbeatIntervalMs) };
    const statisticsIntervalMs = desktopSettings.effective.screen.statisticsIntervalMs;
    // CTI OS connection events and system health (ctios.md §1.5, §1.6); `store` exists before any hook runs.
    const connectionLog = new ConnectionLog(sides, { set: (part, value) => store.set(part, value), upsert: (collection, item) => store.upsert(collection, item), remove: (collection, key) => store.remove(collection, key) });
    const store = new StateStore({
      ...connectionLog.initial,
      connection: { state: 'stopped', since: now },
      agent: { mode: 'none' },
      calls: [],
      enablement: { mask: 0, buttons: [] },
      lastError: null,
      outbox: { pending: outbox.pending.length },
      ...initialDeskExtras(statisticsIntervalMs),
      monitor: null,
      settings: desktopSettings.current,
      embeddedSimulator: options.embeddedSimulator ?? null,
      transferTargets: EMPTY_TRANSFER_TARGETS,
    });
    // The session and agent mode refer to each other; the closures run only after
    // session.start(), when both exist.
    const calls = new KeyedListPublisher(store, 'calls', isDeepStrictEqual);
    const publishAgent = () => {
      const view = agentMode.view();
      // Session state changes on every heartbeat; publish only what a view would see change.
      const setIfChanged = <P extends 'agent' | 'enablement' | 'outbox'>(part: P, value: AppState[P]) => {
        if (!isDeepStrictEqual(store.current[part], value)) store.set(part, value);
      };
      setIfChanged('agent', view.agent);
      setIfChanged('enablement', view.enablement);
      setIfChanged('outbox', { pending: agentMode.outboxPending });
      calls.publish(view.calls);
      desk.agentChanged();
    };
    // The working session and, from v24 on, the standby one on the other side (ged188.md §2.11).
    const publishConnection = (state: SessionState) => {
      const next = nextConnectionStatus(store.current.connection, connectionStatusOf(state, sides, Date.now(), session.standbyStatus));
      if (next) store.set('connection', next);
    };
    const session = new CtiSession(
      settings,
      {
        stateChanged: (state) => {
          connectionLog.stateChanged(state);
          publishConnection(state);
          if (state.phase !== 'open') agentMode.lost();
          monitorMode.observer.stateChanged(state);
          // Enablement follows the link: everything off while it is down (ctios.md §6.6).
          publishAgent();
        },
        opened: (side, conf) => {
          connectionLog.opened(side, conf, session.openParameters.peripheralId);
          agentMode.opened(conf);
          desk.opened(conf);
          monitorMode.observer.opened(side, conf);
          // RequestDesktopSettings after every connect (ctios.md §5), in the background.
          desktopSettings.opened();
        },
        failed: (failure) => {
          connectionLog.failed(failure);
          agentMode.openRefused(failure);
          monitorMode.observer.failed(failure);
        },
        missedHeartbeat: (side, consecutive, intervalMs) => connectionLog.missedHeartbeat(side, consecutive, intervalMs),
        standbyChanged: () => publishConnection(session.current),
        message: (message) => {
          connectionLog.message(message);
          agentMode.message(message);
          desk.message(message);
          monitorMode.observer.message(message);
        },
      },
      log,
    );
    const agentMode: AgentMode = new AgentMode(session, outbox, {
      changed: publishAgent,
      notice: (message) => {
        log.warn(message);
        store.set('lastError', { message, at: Date.now() });
      },
      log: (message) => log.info(message),
    });
    const desk: DeskExtras = new DeskExtras(session, agentMode, statisticsIntervalMs, store, () => desktopSettings.effective.transferDirectory);
    const monitorMode: CoreMonitorMode = new CoreMonitorMode(
      session,
      { sides, heartbeatIntervalMs: settings.heartbeatIntervalMs, missedHeartbeatLimit: settings.missedHeartbeatLimit, clientId: settings.clientId },
      store,
      log,
    );
    const deskSettings = () => agentDeskSettings(desktopSettings.effective, config.desk);
    // A changed document applies live: enablement and the statistics interval follow, no re-login.
    desktopSettings.onChange((effective) => {
      agentMode.deskSettingsChanged(deskSettings());
      desk.statistics.setIntervalMs(effective.screen.statisticsIntervalMs);
    });
    const core = new SoftphoneCore({ session, agentMode, desk, monitorMode, deskSettings, settings: desktopSettings, placeTestCall: options.placeTestCall }, store, sides, outbox);
    session.start();
    return core;
  }

  get state(): AppState {
    return this.store.current;
  }

  subscribe(listener: (event: StateEvent) => void): () => void {
    return this.store.subscribe(listener);
  }

  /**
   * Validates `args` against the contract and runs the command. Never throws: a
   * bad argument or a failure comes back as a CommandFailure with a readable message.
   */
  async execute(name: unknown, args: unknown): Promise<CommandOutcome> {
    if (!isCommandName(name)) {
      return this.failed({ code: 'unknown-command', message: `there is no command "${String(name)}"`, params: { name: String(name) } });
    }
    const parsed = COMMANDS[name].args.safeParse(args);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || 'argument';
      return this.failed({ code: 'invalid-argument', command: name, message: `${name}: ${field}: ${issue?.message ?? 'invalid'}`, params: { field } });
    }
    const refusal = this.modeConflict(name);
    if (refusal) return this.failed(refusal);
    const handler = COMMAND_TABLE[name] as (target: CommandTarget, args: unknown) => Promise<unknown>;
    try {
      // `reconnect` is the way out of a stuck link: it never waits behind an identical one.
      const value = name === 'reconnect' ? await handler(this.target, parsed.data) : await this.inFlight.run(name, parsed.data, () => handler(this.target, parsed.data));
      return { ok: true, value };
    } catch (error) {
      return this.failed(commandFailure(name, error));
    }
  }

  /** Every failure is also the desktop's last error, so a view shows it whichever view asked. */
  private failed(failure: CommandFailure): CommandOutcome {
    if (failure.code !== 'unknown-command' && failure.code !== 'invalid-argument') this.store.set('lastError', { message: failure.message, at: Date.now() });
    return { ok: false, failure };
  }

  /**
   * Agent mode and monitor mode exclude each other (one session, one OPEN_REQ, as in
   * CTI OS): SetMessageFilter is refused while an agent is set, and SetAgent while a
   * filter is set; clearMessageFilter leaves monitor mode.
   */
  private modeConflict(name: CommandName): CommandFailure | undefined {
    const agent = this.target.agentMode.identity;
    if (name === 'setMessageFilter' && agent) {
      return { code: 'unavailable', command: name, params: { reason: 'agent-mode', agentId: agent.agentId }, message: `setMessageFilter: the session is in agent mode (agent ${agent.agentId}); monitor mode needs a session without an agent` };
    }
    if (name === 'setAgent' && this.target.monitorMode.active) {
      return { code: 'unavailable', command: name, params: { reason: 'monitor-mode' }, message: 'setAgent: the session is in monitor mode; clear the message filter (clearMessageFilter) first' };
    }
    return undefined;
  }

  async stop(): Promise<void> {
    this.target.settings.stop();
    await this.target.monitorMode.stop();
    this.target.desk.stop();
    await this.target.session.stop();
    this.outbox.close();
    this.store.flush();
  }
}

/** The one mapping from what a handler threw to what the view is told. */
function commandFailure(name: CommandName, error: unknown): CommandFailure {
  if (error instanceof CommandError) return { code: error.code, command: name, message: error.message, ...(error.params ? { params: error.params } : {}) };
  return { code: 'failed', command: name, message: `${name}: ${(error as Error).message}` };
}
