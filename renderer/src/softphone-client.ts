import type { z } from 'zod';
import {
  applyStateEvent,
  BROWSER_SOCKET_PATH,
  COMMAND_NAMES,
  COMMANDS,
  ViewReplySchema,
  type AppState,
  type CommandArgs,
  type CommandFailure,
  type CommandName,
  type CommandResult,
  type SoftphoneApi,
  type SoftphoneBridge,
  type StateEvent,
  type ViewReply,
  type ViewRequest,
} from '../../contract/index.js';

/**
 * Whether the view can reach main at all. Over Electron IPC it always can (IPC lives
 * as long as the window); over the browser host's WebSocket it depends on the socket.
 */
export type BridgeStatus =
  | { state: 'connecting' }
  | { state: 'open' }
  | { state: 'lost'; retryInMs: number }
  | { state: 'unusable'; reason: string };

export type BridgeListener = (status: BridgeStatus) => void;

/** The one way the renderer reaches main. */
export interface SoftphoneClient {
  readonly api: SoftphoneApi;
  /** Calls `listener` with the current bridge status now and on every change; returns the unwatch function. */
  readonly watchBridge: (listener: BridgeListener) => () => void;
  /** Stops reconnecting and closes the bridge (for tests and page teardown). */
  readonly dispose: () => void;
}

/** A rejected command: the failure as main gave it; `message` is written for the person who asked. */
export class SoftphoneCommandError extends Error {
  readonly code: CommandFailure['code'];
  readonly command: string | undefined;
  readonly params: Readonly<Record<string, string | number | boolean>>;

  constructor(failure: CommandFailure) {
    super(failure.message);
    this.name = 'SoftphoneCommandError';
    this.code = failure.code;
    this.command = failure.command;
    this.params = failure.params ?? {};
  }
}

export const MISSING_TOKEN_REASON =
  'This page was opened without its access token. Open the full address the softphone printed when it started (it ends in ?token=…).';

// ------------------------------------------------------------------ transports

/** What a transport reports about one link. */
export interface TransportEvents {
  open(): void;
  /** One reply, decoded but not yet validated (the client validates). */
  message(reply: unknown): void;
  close(): void;
}

/** One open link to main. */
export interface TransportLink {
  send(request: ViewRequest): void;
  close(code: number, reason: string): void;
}

/**
 * Moves view-protocol messages to main and back; nothing else. `open` may throw when
 * the link can never work (a malformed address), which makes the client unusable.
 */
export interface Transport {
  open(on: TransportEvents): TransportLink;
}

/** Electron: preload's bridge over IPC. The link opens at once and never closes while the window lives. */
export function ipcTransport(bridge: SoftphoneBridge): Transport {
  return {
    open(on) {
      const stop = bridge.onReply((reply) => on.message(reply));
      queueMicrotask(() => on.open());
      return {
        send: (request) => bridge.send(request),
        close: () => stop(),
      };
    },
  };
}

/** The two ends of a socket the transport needs, so tests can supply Node's `ws` instead of the browser's. */
export interface SocketEvents {
  open(): void;
  message(data: unknown): void;
  close(): void;
}
export interface SocketHandle {
  send(text: string): void;
  close(code: number, reason: string): void;
}
export type OpenSocket = (url: string, on: SocketEvents) => SocketHandle;

const openBrowserSocket: OpenSocket = (url, on) => {
  const socket = new WebSocket(url);
  socket.onopen = () => on.open();
  socket.onmessage = (event) => on.message(event.data);
  // An error event is always followed by close, which is where recovery starts.
  socket.onclose = () => on.close();
  return {
    send: (text) => socket.send(text),
    close: (code, reason) => socket.close(code, reason),
  };
};

/** The browser host: JSON text over a WebSocket. */
export function webSocketTransport(url: string, openSocket: OpenSocket = openBrowserSocket): Transport {
  return {
    open(on) {
      const socket = openSocket(url, {
        open: () => on.open(),
        close: () => on.close(),
        message: (data) => {
          if (typeof data !== 'string') {
            console.warn('Ignored a binary message from the softphone service; the contract is JSON text.');
            return;
          }
          try {
            on.message(JSON.parse(data));
          } catch {
            console.warn('Ignored a message from the softphone service that is not JSON.');
          }
        },
      });
      return {
        send: (request) => socket.send(JSON.stringify(request)),
        close: (code, reason) => socket.close(code, reason),
      };
    },
  };
}

// ------------------------------------------------------------------ the client

/**
 * Picks the transport: Electron's preload exposes `window.softphoneBridge`; otherwise
 * this page was served by the browser host, which carries the same protocol over a WebSocket.
 */
export function connectSoftphone(): SoftphoneClient {
  if (window.softphoneBridge) return createClient(ipcTransport(window.softphoneBridge));
  const token = new URLSearchParams(location.search).get('token');
  if (!token) return unusableClient(MISSING_TOKEN_REASON);
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return createWebSocketSoftphone({
    url: `${scheme}//${location.host}${BROWSER_SOCKET_PATH}?token=${encodeURIComponent(token)}`,
  });
}

function unusableClient(reason: string): SoftphoneClient {
  const status: BridgeStatus = { state: 'unusable', reason };
  return {
    api: {
      ...commandFunctions((name) => Promise.reject(new SoftphoneCommandError({ code: 'unavailable', command: name, message: `“${name}” was not sent. ${reason}` }))),
      subscribeState: () => () => {},
    },
    watchBridge: (listener) => {
      listener(status);
      return () => {};
    },
    dispose: () => {},
  };
}

type CommandFunctions = { readonly [N in CommandName]: (args: CommandArgs<N>) => Promise<CommandResult<N>> };
type RunCommand = <N extends CommandName>(name: N, args: CommandArgs<N>) => Promise<CommandResult<N>>;

/** One named function per contract command. */
function commandFunctions(run: RunCommand): CommandFunctions {
  // fromEntries cannot carry the per-name typing; each entry is built from its own name, so the cast holds.
  return Object.fromEntries(COMMAND_NAMES.map((name) => [name, (args: CommandArgs<typeof name>) => run(name, args)])) as CommandFunctions;
}

export interface ClientOptions {
  /** Delay before the first reopen of a lost link, doubling per failure up to `maxMs`, with jitter. */
  backoff?: { firstMs: number; maxMs: number };
  random?: () => number;
}

export interface WebSocketSoftphoneOptions extends ClientOptions {
  url: string;
  openSocket?: OpenSocket;
}

/** The client over the browser host's WebSocket. */
export function createWebSocketSoftphone(options: WebSocketSoftphoneOptions): SoftphoneClient {
  return createClient(webSocketTransport(options.url, options.openSocket), options);
}

// A restarted host on loopback is back within a second or two, so start short; the cap
// keeps a host that stays down from being hammered while still recovering promptly.
const DEFAULT_BACKOFF = { firstMs: 250, maxMs: 5000 };

interface PendingCommand {
  name: CommandName;
  settle(value: unknown): void;
  reject(error: Error): void;
}

/**
 * `SoftphoneApi` over any transport: commands matched to their answers by id and
 * their results validated against the contract, failures raised as
 * SoftphoneCommandError with main's code and parameters, and the state stream kept
 * whole: a patch that does not follow the last event asks main for a fresh snapshot
 * (and is not passed on), and a lost link is reopened with back-off.
 */
export function createClient(transport: Transport, options: ClientOptions = {}): SoftphoneClient {
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const random = options.random ?? Math.random;

  const stateListeners = new Set<(event: StateEvent) => void>();
  const bridgeListeners = new Set<BridgeListener>();
  const pending = new Map<number, PendingCommand>();
  let bridge: BridgeStatus = { state: 'connecting' };
  let link: TransportLink | undefined;
  let linkOpen = false;
  // Events from a link we have given up on can still arrive; the generation tells them apart.
  let generation = 0;
  // Kept so a listener that subscribes late still starts from a snapshot, as the contract promises.
  let mirror: { state: AppState; seq: number } | undefined;
  let awaitingSnapshot = true;
  let nextCommandId = 0;
  let failuresInARow = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  function setBridge(status: BridgeStatus): void {
    bridge = status;
    for (const listener of [...bridgeListeners]) listener(status);
  }

  function connect(): void {
    retryTimer = undefined;
    const mine = ++generation;
    try {
      link = transport.open({
        open: () => {
          if (mine !== generation) return;
          linkOpen = true;
          subscribe();
          setBridge({ state: 'open' });
        },
        message: (reply) => {
          if (mine === generation) receive(reply);
        },
        close: () => {
          if (mine === generation) lose();
        },
      });
    } catch (error) {
      // Only a malformed address makes opening throw, and retrying cannot fix that.
      link = undefined;
      setBridge({ state: 'unusable', reason: `The softphone service address is not valid (${messageOf(error)}).` });
    }
  }

  function subscribe(): void {
    awaitingSnapshot = true;
    link?.send({ kind: 'subscribe' });
  }

  function lose(): void {
    generation++;
    link = undefined;
    linkOpen = false;
    mirror = undefined;
    for (const [id, command] of pending) {
      pending.delete(id);
      command.reject(
        new SoftphoneCommandError({
          code: 'unavailable',
          command: command.name,
          message: `The connection to the softphone service closed before it answered “${command.name}”, so it may or may not have been carried out. Check the status bar before trying again.`,
        }),
      );
    }
    if (disposed) return;
    const ceiling = Math.min(backoff.maxMs, backoff.firstMs * 2 ** failuresInARow);
    failuresInARow++;
    // Half fixed, half random, so many views of one restarted host do not return in step.
    const delay = Math.round(ceiling / 2 + (random() * ceiling) / 2);
    setBridge({ state: 'lost', retryInMs: delay });
    retryTimer = setTimeout(connect, delay);
  }

  function receive(message: unknown): void {
    const parsed = ViewReplySchema.safeParse(message);
    if (!parsed.success) {
      console.warn('Ignored a message from the softphone service that does not match the contract.', parsed.error.issues);
      return;
    }
    const reply: ViewReply = parsed.data;
    switch (reply.kind) {
      case 'state':
        receiveState(reply.event);
        return;
      case 'result':
        takePending(reply.id)?.settle(reply.value);
        return;
      case 'failure':
        takePending(reply.id)?.reject(new SoftphoneCommandError(reply.failure));
        return;
    }
  }

  function takePending(id: number): PendingCommand | undefined {
    const command = pending.get(id);
    pending.delete(id);
    if (!command) console.warn(`Ignored an answer to command ${id}, which is not waiting for one.`);
    return command;
  }

  function receiveState(event: StateEvent): void {
    if (event.kind === 'patch') {
      // Patches until the asked-for snapshot arrives belong to the broken sequence.
      if (awaitingSnapshot) return;
      if (mirror === undefined || event.seq !== mirror.seq + 1) {
        // The stream is ordered, so a missing event means this view lost track; a fresh
        // snapshot repairs it without guessing.
        subscribe();
        return;
      }
    }
    const state = applyStateEvent(mirror?.state, event);
    if (state === undefined) return;
    mirror = { state, seq: event.seq };
    if (event.kind === 'snapshot') {
      awaitingSnapshot = false;
      // Only a snapshot proves the whole path works end to end, so only it resets the back-off.
      failuresInARow = 0;
    }
    for (const listener of [...stateListeners]) deliver(listener, event);
  }

  const run: RunCommand = (name, args) => {
    if (!link || !linkOpen) {
      return Promise.reject(
        new SoftphoneCommandError({
          code: 'unavailable',
          command: name,
          message: `“${name}” was not sent because the softphone service is not reachable. Wait until the status bar shows it is back, then try again.`,
        }),
      );
    }
    const id = nextCommandId++;
    const resultSchema: z.ZodType<unknown> = COMMANDS[name].result;
    return new Promise((resolve, reject) => {
      pending.set(id, {
        name,
        settle: (value) => {
          const result = resultSchema.safeParse(value);
          // TypeScript resolves COMMANDS[name] to the union over every name; for this N it is N's own schema.
          if (result.success) resolve(result.data as CommandResult<typeof name>);
          else
            reject(
              new SoftphoneCommandError({
                code: 'failed',
                command: name,
                message: `The softphone service answered “${name}” in a form this page does not understand. Reload the page; if that does not help, the page and the service are from different versions.`,
              }),
            );
        },
        reject,
      });
      link?.send({ kind: 'command', id, name, args });
    });
  };

  const api: SoftphoneApi = {
    ...commandFunctions(run),
    subscribeState: (listener) => {
      stateListeners.add(listener);
      if (mirror) deliver(listener, { kind: 'snapshot', seq: mirror.seq, state: mirror.state });
      return () => {
        stateListeners.delete(listener);
      };
    },
  };

  connect();

  return {
    api,
    watchBridge: (listener) => {
      bridgeListeners.add(listener);
      listener(bridge);
      return () => {
        bridgeListeners.delete(listener);
      };
    },
    dispose: () => {
      if (disposed) return;
      disposed = true;
      clearTimeout(retryTimer);
      const current = link;
      lose();
      current?.close(1000, 'view closed');
    },
  };
}

/** One listener's fault must not starve the others of the stream. */
function deliver(listener: (event: StateEvent) => void, event: StateEvent): void {
  try {
    listener(event);
  } catch (error) {
    console.error('A state listener failed.', error);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : String(error);
}
