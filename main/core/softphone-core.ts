import { randomUUID } from 'node:crypto';
import { COMMANDS, initialDeskExtras, isCommandName, type AppState, type CommandFailure, type StateEvent } from '../../contract/index.js';
import { CtiSimulator } from '../../simulator/index.js';
import { AgentMode } from '../cti/agent/agent-mode.js';
import { CommandError } from '../cti/agent/command-error.js';
import { CtiSession } from '../cti/cti-session.js';
import { Outbox } from '../cti/outbox.js';
import type { SideEndpoints } from '../cti/endpoints.js';
import { CONNECTION_ONLY, type SessionSettings } from '../cti/session-machine.js';
import { connectionStatusOf, nextConnectionStatus } from './connection-status.js';
import { ConnectionLog } from './connection-log.js';
import type { LocalConfig } from './local-config.js';
import type { Logger } from './logger.js';
import { AGENT_COMMANDS, type AgentCommandName } from './agent-commands.js';
import { DeskExtras } from './desk-extras.js';
import { SUPERVISOR_COMMAND_HANDLERS, isSupervisorCommand } from './supervisor-commands.js';
import { InFlightCommands } from './in-flight-commands.js';
import { CoreMonitorMode } from './monitor-mode.js';
import { StateStore } from './state-store.js';

export interface CoreOptions {
  readonly config: LocalConfig;
  /** Overrides the config file's sides (command-line `--cti-a` / `--cti-b`). */
  readonly sides?: SideEndpoints;
  readonly log: Logger;
  /** Where the durable outbox lives (the shells' user-data folder; defaults to the platform's). */
  /** The folder for the durable outbox (and, later, the settings cache): each shell passes its own. */
  readonly userDataDir: string;
}

export type CommandOutcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly failure: CommandFailure };

/**
 * The program: one composition root that both shells host. It owns the CTI session
 * and the state model, and is the only place commands are validated and run.
 */
export class SoftphoneCore {
  private readonly inFlight = new InFlightCommands();

  private constructor(
    private readonly session: CtiSession,
    private readonly agentMode: AgentMode,
    private readonly store: StateStore,
    readonly sides: SideEndpoints,
    /** The built-in simulator, when no CTI Server is configured. */
    readonly embeddedSimulator: CtiSimulator | undefined,
    /** Supervisor, chat and statistics (issue 5 items 7, 8). */
    private readonly desk: DeskExtras,
    /** Monitor mode (SetMessageFilter) on the same session; excludes agent mode. */
    private readonly monitorMode: CoreMonitorMode,
    private readonly outbox: Outbox,
  ) {}

  static async start(options: CoreOptions): Promise<SoftphoneCore> {
    const { config, log } = options;
    // First: an outbox that cannot be opened stops the start before anything is listening.
    const outbox = Outbox.open(options.userDataDir, log.warn);
    let sides: SideEndpoints = options.sides ?? { A: config.cti.sideA, B: config.cti.sideB };
    let simulator: CtiSimulator | undefined;
    if (!sides.A && !sides.B) {
      try {
        simulator = await CtiSimulator.start({ host: '127.0.0.1', log: (line) => log.info(`simulator: ${line}`) });
      } catch (error) {
        outbox.close();
        throw error;
      }
      sides = { A: simulator.address('A'), B: simulator.address('B') };
      log.info(`no CTI Server configured: using the built-in simulator (control API ${simulator.controlUrl})`);
    }
    const settings: SessionSettings = {
      sides,
      protocolVersion: config.cti.protocolVersion,
      heartbeatIntervalMs: config.cti.heartbeatIntervalMs,
      missedHeartbeatLimit: config.cti.missedHeartbeatLimit,
      connectTimeoutMs: 5_000,
      openTimeoutMs: 30_000,
      closeTimeoutMs: 5_000,
      retry: { initialMs: 500, maxMs: 10_000, jitter: 0.2 },
      // The suffix tells this desktop's sessions apart; the whole fits ClientID's 63 bytes.
      clientId: `${config.cti.clientId.slice(0, 54)}-${randomUUID().slice(0, 8)}`,
      clientPassword: new Uint8Array(0),
      open: CONNECTION_ONLY,
    };
    const now = Date.now();
    // CTI OS connection events and system health (ctios.md §1.5, §1.6); `store` exists before any hook runs.
    const connectionLog = new ConnectionLog(sides, (changes) => store.update(changes));
    const store = new StateStore({
      ...connectionLog.initial,
      connection: { state: 'stopped', since: now },
      agent: { mode: 'none' },
      calls: [],
      enablement: { mask: 0, buttons: [] },
      lastError: null,
      outbox: { pending: outbox.pending.length },
      ...initialDeskExtras(config.statistics.intervalMs),
      monitor: null,
    });
    // The session and agent mode refer to each other; the closures run only after
    // session.start(), when both exist.
    const publishAgent = () => {
      const next = { ...agentMode.view(), outbox: { pending: agentMode.outboxPending } };
      const current = store.current;
      // Session state changes on every heartbeat; publish only what a view would see change.
      const changed = Object.fromEntries(
        Object.entries(next).filter(([name, value]) => JSON.stringify(value) !== JSON.stringify(current[name as keyof typeof next])),
      );
      if (Object.keys(changed).length > 0) store.update(changed);
      desk.agentChanged();
    };
    const session = new CtiSession(
      settings,
      {
        stateChanged: (state) => {
          connectionLog.stateChanged(state);
          const next = nextConnectionStatus(store.current.connection, connectionStatusOf(state, sides, Date.now()));
          if (next) store.update({ connection: next });
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
        },
        failed: (failure) => {
          connectionLog.failed(failure);
          monitorMode.observer.failed(failure);
        },
        missedHeartbeat: (side, consecutive, intervalMs) => connectionLog.missedHeartbeat(side, consecutive, intervalMs),
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
        store.update({ lastError: { message, at: Date.now() } });
      },
    });
    const desk: DeskExtras = new DeskExtras(session, agentMode, config.statistics.intervalMs, (changes) => store.update(changes));
    const monitorMode: CoreMonitorMode = new CoreMonitorMode(
      session,
      { sides, protocolVersion: settings.protocolVersion, heartbeatIntervalMs: settings.heartbeatIntervalMs, missedHeartbeatLimit: settings.missedHeartbeatLimit, clientId: settings.clientId },
      (view) => store.update({ monitor: view }),
      log,
    );
    const core = new SoftphoneCore(session, agentMode, store, sides, simulator, desk, monitorMode, outbox);
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
      return { ok: false, failure: { code: 'unknown-command', message: `there is no command "${String(name)}"` } };
    }
    const parsed = COMMANDS[name].args.safeParse(args);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return {
        ok: false,
        failure: { code: 'invalid-argument', message: `${name}: ${issue?.path.join('.') || 'argument'}: ${issue?.message ?? 'invalid'}` },
      };
    }
    if (name === 'reconnect') {
      const waiting = this.session.current.phase === 'waiting';
      this.session.retryNow();
      return { ok: true, value: { retried: waiting } };
    }
    const refusal = this.modeConflict(name);
    if (refusal) {
      this.store.update({ lastError: { message: refusal.message, at: Date.now() } });
      return { ok: false, failure: refusal };
    }
    if (name === 'setMessageFilter' || name === 'clearMessageFilter') {
      try {
        await this.inFlight.run(name, parsed.data, () =>
          name === 'setMessageFilter' ? this.monitorMode.setFilter((parsed.data as { filter: string }).filter) : this.monitorMode.clearFilter(),
        );
        return { ok: true, value: {} };
      } catch (error) {
        const failure: CommandFailure =
          error instanceof CommandError ? { code: error.code, message: error.message } : { code: 'failed', message: `${name}: ${(error as Error).message}` };
        this.store.update({ lastError: { message: failure.message, at: Date.now() } });
        return { ok: false, failure };
      }
    }
    const run = (
      isSupervisorCommand(name)
        ? (_mode: AgentMode, args: unknown) => (SUPERVISOR_COMMAND_HANDLERS[name] as (desk: DeskExtras, args: unknown) => Promise<unknown>)(this.desk, args)
        : AGENT_COMMANDS[name as AgentCommandName]
    ) as (mode: AgentMode, args: unknown) => Promise<unknown>;
    try {
      const value = await this.inFlight.run(name, parsed.data, () => run(this.agentMode, parsed.data));
      return { ok: true, value };
    } catch (error) {
      const failure: CommandFailure =
        error instanceof CommandError ? { code: error.code, message: error.message } : { code: 'failed', message: `${name}: ${(error as Error).message}` };
      this.store.update({ lastError: { message: failure.message, at: Date.now() } });
      return { ok: false, failure };
    }
  }

  /**
   * Agent mode and monitor mode exclude each other (one session, one OPEN_REQ, as in
   * CTI OS): SetMessageFilter is refused while an agent is set, and SetAgent while a
   * filter is set; clearMessageFilter leaves monitor mode.
   */
  private modeConflict(name: string): CommandFailure | undefined {
    const agent = this.agentMode.identity;
    if (name === 'setMessageFilter' && agent) {
      return { code: 'unavailable', message: `setMessageFilter: the session is in agent mode (agent ${agent.agentId}); monitor mode needs a session without an agent` };
    }
    if (name === 'setAgent' && this.monitorMode.active) {
      return { code: 'unavailable', message: 'setAgent: the session is in monitor mode; clear the message filter (clearMessageFilter) first' };
    }
    return undefined;
  }

  async stop(): Promise<void> {
    await this.monitorMode.stop();
    this.desk.stop();
    await this.session.stop();
    this.outbox.close();
    this.store.flush();
    await this.embeddedSimulator?.stop();
  }
}
