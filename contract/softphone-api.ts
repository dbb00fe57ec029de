import type { StateEvent } from './state-stream.js';
import type { CommandArgs, CommandName, CommandResult } from './commands.js';

/**
 * What the renderer can do, and all it can do: one named function per command (a
 * rejected promise carries the CommandFailure: code, command, parameters, message)
 * and the state stream. The renderer's one client builds it over either transport.
 */
export type SoftphoneApi = {
  readonly [N in CommandName]: (args: CommandArgs<N>) => Promise<CommandResult<N>>;
} & {
  /** Calls `listener` with a snapshot, then every patch; returns an unsubscribe function. */
  readonly subscribeState: (listener: (event: StateEvent) => void) => () => void;
};

/**
 * `window.softphoneBridge`, exposed by preload in Electron: it only moves view
 * protocol messages (contract/view-protocol.ts) to main and back. Named functions only.
 */
export interface SoftphoneBridge {
  send(request: unknown): void;
  /** Calls `listener` with each reply from main; returns the function that stops it. */
  onReply(listener: (reply: unknown) => void): () => void;
}

/** Electron IPC channel names: requests to main, replies to the view. */
export const IPC_CHANNELS = {
  request: 'softphone:request',
  reply: 'softphone:reply',
} as const;
