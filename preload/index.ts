import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
// Direct module import, not contract/index.js: this bundle runs in the sandbox and
// carries everything it uses, so it takes only the channel names.
import { IPC_CHANNELS, type SoftphoneBridge } from '../contract/softphone-api.js';

/*
 * Preload only moves messages: main validates every request (and checks it came from
 * our page), the renderer's client validates every reply. So nothing here can drop a
 * failure's code or get a schema wrong.
 */
const listeners = new Set<(reply: unknown) => void>();

ipcRenderer.on(IPC_CHANNELS.reply, (_event: IpcRendererEvent, reply: unknown) => {
  for (const listener of listeners) listener(reply);
});

const bridge: SoftphoneBridge = {
  send: (request: unknown) => ipcRenderer.send(IPC_CHANNELS.request, request),
  onReply: (listener) => {
    // contextBridge hands us a proxy per call; wrapping makes each call its own entry.
    const entry = (reply: unknown) => listener(reply);
    listeners.add(entry);
    return () => {
      listeners.delete(entry);
    };
  },
};

// Named functions only: neither ipcRenderer nor an IPC event object crosses the bridge.
contextBridge.exposeInMainWorld('softphoneBridge', bridge);
