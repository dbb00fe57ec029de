import type { Event, IpcMain, IpcMainEvent, WebContents, WebContentsDidStartNavigationEventParams } from 'electron';
import { IPC_CHANNELS } from '../../contract/index.js';
import type { Logger } from '../core/logger.js';
import { bindView, type BoundCore, type BoundView } from '../core/view-binder.js';

export interface IpcBridgeOptions {
  readonly ipcMain: Pick<IpcMain, 'on' | 'removeListener'>;
  readonly core: BoundCore;
  readonly isTrustedSender: (event: IpcMainEvent) => boolean;
  readonly log: Logger;
}

export interface IpcBridge {
  /** Stops listening and ends every view's state stream. */
  dispose(): void;
}

/**
 * Electron IPC as a transport for the view binder: one request channel, one reply
 * channel, one bound view per page. The bridge's own job is to refuse senders that
 * are not our renderer and to end a page's view when the page goes.
 */
export function bindIpc({ ipcMain, core, isTrustedSender, log }: IpcBridgeOptions): IpcBridge {
  const views = new Map<WebContents, { view: BoundView; detach: () => void }>();
  /** Pages whose view the binder closed (a message outside the contract): refused until they navigate. */
  const closedPages = new WeakSet<WebContents>();
  let nextWindow = 1;

  const refuse = (event: IpcMainEvent) => {
    let from = 'an unknown frame';
    try {
      from = event.senderFrame?.url ?? from;
    } catch {
      // The frame is gone; the generic wording will do.
    }
    log.warn(`refused a request from ${from}`);
  };

  const endView = (contents: WebContents) => {
    const entry = views.get(contents);
    if (!entry) return;
    views.delete(contents);
    entry.view.closed();
    entry.detach();
  };

  const viewOf = (contents: WebContents): BoundView => {
    const existing = views.get(contents);
    if (existing) return existing.view;
    const view = bindView(
      core,
      {
        name: `window ${nextWindow++}`,
        send: (reply) => {
          if (!contents.isDestroyed()) contents.send(IPC_CHANNELS.reply, reply);
        },
        close: () => {
          // Like a closed socket: this page gets nothing more until it is replaced by a new one.
          closedPages.add(contents);
          endView(contents);
          const onNewPage = (details: Event<WebContentsDidStartNavigationEventParams>) => {
            if (!details.isMainFrame || details.isSameDocument) return;
            closedPages.delete(contents);
            contents.removeListener('did-start-navigation', onNewPage);
          };
          if (!contents.isDestroyed()) contents.on('did-start-navigation', onNewPage);
        },
      },
      log,
    );
    const onGone = () => endView(contents);
    const onNavigation = (details: Event<WebContentsDidStartNavigationEventParams>) => {
      // A reload or navigation replaces the page; the new page subscribes for itself.
      if (details.isMainFrame && !details.isSameDocument) endView(contents);
    };
    contents.once('destroyed', onGone);
    contents.once('render-process-gone', onGone);
    contents.on('did-start-navigation', onNavigation);
    views.set(contents, {
      view,
      detach: () => {
        if (contents.isDestroyed()) return;
        contents.removeListener('destroyed', onGone);
        contents.removeListener('render-process-gone', onGone);
        contents.removeListener('did-start-navigation', onNavigation);
      },
    });
    return view;
  };

  const onRequest = (event: IpcMainEvent, request: unknown) => {
    if (!isTrustedSender(event)) return refuse(event);
    if (closedPages.has(event.sender)) return;
    viewOf(event.sender).receive(request);
  };
  ipcMain.on(IPC_CHANNELS.request, onRequest);

  return {
    dispose() {
      ipcMain.removeListener(IPC_CHANNELS.request, onRequest);
      for (const contents of [...views.keys()]) endView(contents);
    },
  };
}
