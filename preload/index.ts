import './zod-jitless.js';
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
// Direct module imports, not contract/index.js: this bundle runs in the sandbox and
// carries everything it uses, so it takes only the command table and channel names.
import type { StateEvent } from '../contract/state-stream.js';
import { COMMAND_NAMES, type CommandFailure, type CommandName } from '../contract/commands.js';
import { IPC_CHANNELS, type SoftphoneApi } from '../contract/softphone-api.js';

type Outcome = { ok: true; value: unknown } | { ok: false; failure: CommandFailure };

async function invoke(name: CommandName, args: unknown): Promise<unknown> {
  const outcome = (await ipcRenderer.invoke(IPC_CHANNELS.command(name), args)) as Outcome;
  if (!outcome.ok) throw new Error(outcome.failure.message);
  return outcome.value;
}

/*
 * One IPC stream per page, however many listeners the page registers: main keeps a
 * single subscription per window, and each new listener restarts it so that the
 * listener starts from a snapshot (existing listeners just see a fresh snapshot).
 */
const listeners = new Set<(event: StateEvent) => void>();

const onState = (_event: IpcRendererEvent, stateEvent: StateEvent) => {
  for (const listener of listeners) listener(stateEvent);
};

function subscribeState(listener: (event: StateEvent) => void): () => void {
  // contextBridge hands us a proxy per call; wrapping makes each call its own entry.
  const entry = (event: StateEvent) => listener(event);
  if (listeners.size === 0) ipcRenderer.on(IPC_CHANNELS.state, onState);
  listeners.add(entry);
  ipcRenderer.send(IPC_CHANNELS.subscribe);
  let subscribed = true;
  return () => {
    if (!subscribed) return;
    subscribed = false;
    listeners.delete(entry);
    if (listeners.size > 0) return;
    ipcRenderer.removeListener(IPC_CHANNELS.state, onState);
    ipcRenderer.send(IPC_CHANNELS.unsubscribe);
  };
}

const commands = Object.fromEntries(COMMAND_NAMES.map((name) => [name, (args: unknown) => invoke(name, args)]));

// Named functions only: neither ipcRenderer nor an IPC event object crosses the bridge.
const api = { ...commands, subscribeState } as unknown as SoftphoneApi;

contextBridge.exposeInMainWorld('softphone', api);
