import type { CommandArgs, CommandName, CommandResult } from '../../contract/index.js';
import type { AgentMode } from '../cti/agent/agent-mode.js';
import type { CtiSession } from '../cti/cti-session.js';
import type { DeskSettings, TestCallPlacer } from '../../contract/index.js';
import { AGENT_COMMANDS } from './agent-commands.js';
import type { DeskExtras } from './desk-extras.js';
import type { CoreMonitorMode } from './monitor-mode.js';
import { SUPERVISOR_COMMAND_HANDLERS } from './supervisor-commands.js';
import { SETTINGS_COMMAND_HANDLERS } from './settings-commands.js';
import { TRAINING_COMMAND_HANDLERS } from './training-commands.js';
import type { DesktopSettingsService } from '../settings/desktop-settings-service.js';

/** What the command handlers act on: the core's parts. */
export interface CommandTarget {
  readonly session: CtiSession;
  readonly agentMode: AgentMode;
  readonly desk: DeskExtras;
  readonly monitorMode: CoreMonitorMode;
  /** The desk settings main holds (never the view's), from the effective desktop settings. */
  readonly deskSettings: () => DeskSettings;
  readonly settings: DesktopSettingsService;
  /** The shell's way to ring this agent from the built-in simulator; undefined on a real CTI Server. */
  readonly placeTestCall: TestCallPlacer | undefined;
}

export type CommandHandler<N extends CommandName> = (target: CommandTarget, args: CommandArgs<N>) => Promise<CommandResult<N>>;

/** Every contract command, exactly once: the compiler fails when one is missing. */
export type CommandTable = { readonly [N in CommandName]: CommandHandler<N> };

export const COMMAND_TABLE: CommandTable = {
  reconnect: (target) => {
    const waiting = target.session.current.phase === 'waiting';
    target.session.retryNow();
    return Promise.resolve({ retried: waiting });
  },
  setMessageFilter: async (target, a) => (await target.monitorMode.setFilter(a.filter), {}),
  clearMessageFilter: async (target) => (await target.monitorMode.clearFilter(), {}),
  ...AGENT_COMMANDS,
  ...SUPERVISOR_COMMAND_HANDLERS,
  ...SETTINGS_COMMAND_HANDLERS,
  ...TRAINING_COMMAND_HANDLERS,
  watchTransferTargets: async (target) => (await target.desk.transferTargets.watch(), {}),
  unwatchTransferTargets: (target) => (target.desk.transferTargets.unwatch(), Promise.resolve({})),
};
