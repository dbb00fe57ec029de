import { z } from 'zod';
import { AgentCallSchema, AgentModeSchema, EnablementSchema, LastErrorSchema, OutboxStatusSchema } from './agent.js';
import { ConnectionStatusSchema } from './connection-status.js';
import { ConnectionEventSchema, SystemHealthSchema, initialSystemHealth } from './health.js';
import { ChatStateSchema } from './chat.js';
import { MonitorViewSchema } from './monitor.js';
import { DEFAULT_STATISTICS_INTERVAL_MS, StatisticsStateSchema } from './statistics.js';
import { EMPTY_TEAM_VIEW, SupervisorAlertSchema, TeamViewSchema } from './supervisor.js';
import { DEFAULT_DESKTOP_SETTINGS } from './desktop-settings.js';
import { SettingsStateSchema, type SettingsState } from './settings-state.js';
import { EmbeddedSimulatorSchema } from './embedded-simulator.js';
import { EMPTY_TRANSFER_TARGETS, TransferTargetsSchema } from './transfer-targets.js';

/** Everything the renderer may see. Later issues add team, statistics, settings. */
export const AppStateSchema = z.object({
  connection: ConnectionStatusSchema,
  agent: AgentModeSchema,
  /** The agent's calls in the order they began (agent mode only; empty otherwise). */
  calls: z.array(AgentCallSchema),
  /** The agent-level mask (no call selected): state buttons, make call, login. */
  enablement: EnablementSchema,
  lastError: LastErrorSchema.nullable(),
  outbox: OutboxStatusSchema,
  /** CTI Server, PG, central controller and each peripheral (ctios.md §1.6). */
  health: SystemHealthSchema,
  /** The last CTI OS connection events (OnConnection, OnConnectionFailure, …), oldest first. */
  connectionEvents: z.array(ConnectionEventSchema),
  /** A supervisor's team (empty and disabled for an agent). */
  team: TeamViewSchema,
  /** Assist requests and emergencies from team members, newest last. */
  alerts: z.array(SupervisorAlertSchema),
  chat: ChatStateSchema,
  statistics: StatisticsStateSchema,
  /** Monitor mode's agents and calls (CTI OS SetMessageFilter); null outside monitor mode. */
  monitor: MonitorViewSchema.nullable(),
  /** The desktop settings in effect (central document, preferences, locks) and where they came from. */
  settings: SettingsStateSchema,
  /** The built-in simulator's agents and passwords, when the desktop runs on it (for the login screen); null otherwise. */
  embeddedSimulator: EmbeddedSimulatorSchema.nullable(),
  /** The transfer dialog's targets and their live states. */
  transferTargets: TransferTargetsSchema,
});

export type AppState = z.infer<typeof AppStateSchema>;

/** The state before anything is known: no agent, no calls, nothing enabled. */
export function initialAppState(connection: AppState['connection']): AppState {
  return { connection, agent: { mode: 'none' }, calls: [], enablement: { mask: 0, buttons: [] }, lastError: null, outbox: { pending: 0 }, health: initialSystemHealth(0), connectionEvents: [], monitor: null, settings: DEFAULT_SETTINGS_STATE, embeddedSimulator: null, transferTargets: EMPTY_TRANSFER_TARGETS, ...initialDeskExtras() };
}

/** The settings before any are known: the built-in defaults, from no source. */
export const DEFAULT_SETTINGS_STATE: SettingsState = {
  effective: DEFAULT_DESKTOP_SETTINGS,
  locked: [],
  source: { kind: 'none', location: 'none configured', fromCache: false },
  problems: [],
};

/** The initial supervisor, chat and statistics parts of the state. */
export function initialDeskExtras(intervalMs = DEFAULT_STATISTICS_INTERVAL_MS): Pick<AppState, 'team' | 'alerts' | 'chat' | 'statistics'> {
  return { team: EMPTY_TEAM_VIEW, alerts: [], chat: { messages: [] }, statistics: { agent: null, skillGroups: [], intervalMs } };
}
