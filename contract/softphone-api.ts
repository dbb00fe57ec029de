import type { StateEvent } from './state-stream.js';
import type { CommandArgs, CommandName, CommandResult } from './commands.js';

/**
 * `window.softphone`: what the renderer can do, and all it can do. Each command is
 * a named function; a rejected promise carries a CommandFailure's message.
 */
export type SoftphoneApi = {
  readonly [N in CommandName]: (args: CommandArgs<N>) => Promise<CommandResult<N>>;
} & {
  /** Calls `listener` with a snapshot, then every patch; returns an unsubscribe function. */
  readonly subscribeState: (listener: (event: StateEvent) => void) => () => void;
};

/** Electron IPC channel names: one per command, one for the state stream. */
export const IPC_CHANNELS = {
  command: (name: CommandName) => `softphone:command:${name}`,
  subscribe: 'softphone:state:subscribe',
  unsubscribe: 'softphone:state:unsubscribe',
  state: 'softphone:state',
} as const;
