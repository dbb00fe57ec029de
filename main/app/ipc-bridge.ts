import type { Event, IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents, WebContentsDidStartNavigationEventParams } from 'electron';
import { COMMAND_NAMES, IPC_CHANNELS, type StateEvent } from '../../contract/index.js';
import type { Logger } from '../core/logger.js';
import type { CommandOutcome } from '../core/softphone-core.js';

/** The part of SoftphoneCore the bridge needs (a seam for tests without Electron). */
export interface BridgedCore {
  execute(name: unknown, args: unknown): Promise<CommandOutcome>;
  subscribe(listener: (event: StateEvent) => void): () => void;
}

export interface IpcBridgeOptions {
  readonly ipcMain: Pick<IpcMain, 'handle' | 'removeHandler' | 'on' | 'removeListener'>;
  readonly core: BridgedCore;
  readonly isTrustedSender: (event: IpcMainEvent | IpcMainInvokeEvent) => boolean;
  readonly log: Logger;
}

export interface IpcBridge {
  /** Removes every handler and ends every state subscription. */
  dispose(): void;
}

/**
 * Binds the contract to Electron IPC: one invoke channel per command and a state
 * stream per window. Validation is core's job (`execute` checks the zod schema);
 * the bridge's job is to refuse senders that are not our renderer.
 */
export function bindIpc({ ipcMain, core, isTrustedSender, log }: IpcBridgeOptions): IpcBridge {
  const streams = new Map<WebContents, () => void>();

  const refuse = (event: IpcMainEvent | IpcMainInvokeEvent, channel: string) => {
    let from = 'an unknown frame';
    try {
      from = event.senderFrame?.url ?? from;
    } catch {
      // The frame is gone; the generic wording will do.
    }
    log.warn(`refused ${channel} from ${from}`);
  };

  for (const name of COMMAND_NAMES) {
    const channel = IPC_CHANNELS.command(name);
    ipcMain.handle(channel, async (event, args: unknown): Promise<CommandOutcome> => {
      if (!isTrustedSender(event)) {
        refuse(event, channel);
        throw new Error('this window may not control the softphone');
      }
      try {
        return await core.execute(name, args);
      } catch (error) {
        log.error(`${name} failed unexpectedly: ${(error as Error).stack ?? String(error)}`);
        return { ok: false, failure: { code: 'failed', message: `${name} failed unexpectedly; see the log for details` } };
      }
    });
  }

  const endStream = (contents: WebContents) => {
    const end = streams.get(contents);
    if (!end) return;
    streams.delete(contents);
    end();
  };

  const startStream = (contents: WebContents) => {
    // A second subscribe from the same page (another listener, or a page that lost
    // count) restarts the stream, so it gets a fresh snapshot and never two copies.
    endStream(contents);
    const onGone = () => endStream(contents);
    const onNavigation = (details: Event<WebContentsDidStartNavigationEventParams>) => {
      // A reload or navigation replaces the page; the new page subscribes for itself.
      if (details.isMainFrame && !details.isSameDocument) endStream(contents);
    };
    contents.once('destroyed', onGone);
    contents.once('render-process-gone', onGone);
    contents.on('did-start-navigation', onNavigation);
    const unsubscribe = core.subscribe((event) => {
      if (!contents.isDestroyed()) contents.send(IPC_CHANNELS.state, event);
    });
    streams.set(contents, () => {
      unsubscribe();
      if (contents.isDestroyed()) return;
      contents.removeListener('destroyed', onGone);
      contents.removeListener('render-process-gone', onGone);
      contents.removeListener('did-start-navigation', onNavigation);
    });
  };

  const onSubscribe = (event: IpcMainEvent) => {
    if (!isTrustedSender(event)) return refuse(event, IPC_CHANNELS.subscribe);
    startStream(event.sender);
  };
  const onUnsubscribe = (event: IpcMainEvent) => {
    if (!isTrustedSender(event)) return refuse(event, IPC_CHANNELS.unsubscribe);
    endStream(event.sender);
  };
  ipcMain.on(IPC_CHANNELS.subscribe, onSubscribe);
  ipcMain.on(IPC_CHANNELS.unsubscribe, onUnsubscribe);

  return {
    dispose() {
      for (const name of COMMAND_NAMES) ipcMain.removeHandler(IPC_CHANNELS.command(name));
      ipcMain.removeListener(IPC_CHANNELS.subscribe, onSubscribe);
      ipcMain.removeListener(IPC_CHANNELS.unsubscribe, onUnsubscribe);
      for (const contents of [...streams.keys()]) endStream(contents);
    },
  };
}
