import type { CommandArgs, CommandResult, SettingsCommandName } from '../../contract/index.js';
import { CommandError } from '../cti/agent/command-error.js';
import type { CommandTarget } from './command-table.js';

type Handlers = { readonly [N in SettingsCommandName]: (target: CommandTarget, args: CommandArgs<N>) => Promise<CommandResult<N>> };

/** The desktop settings commands: which part of the settings runtime carries each out. */
export const SETTINGS_COMMAND_HANDLERS: Handlers = {
  setPreference: ({ settings }, a) => {
    settings.setPreference(a.pointer, a.value);
    return Promise.resolve({});
  },
  refreshSettings: async ({ settings }) => {
    if (settings.current.source.kind === 'none') {
      throw new CommandError('unavailable', 'refreshSettings: no settings source is configured (the deployment policy names one in settings.source)', { reason: 'no-source' });
    }
    return { outcome: await settings.request() };
  },
};
