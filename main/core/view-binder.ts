import { OUTSIDE_PROTOCOL_CLOSE_CODE, ViewRequestSchema, type StateEvent, type ViewReply } from '../../contract/index.js';
import type { Logger } from './logger.js';
import type { CommandOutcome } from './softphone-core.js';

/** The part of SoftphoneCore a view needs (a seam for tests of the shells). */
export interface BoundCore {
  execute(name: unknown, args: unknown): Promise<CommandOutcome>;
  subscribe(listener: (event: StateEvent) => void): () => void;
}

/** One view as its transport reaches it: the shell has already checked who is at the other end. */
export interface ViewLink {
  /** Says who the view is in log lines (`browser view 3`, `window 1`). */
  readonly name: string;
  send(reply: ViewReply): void;
  /** Ends the link (a WebSocket closes with `code`; IPC stops listening to the page). */
  close(code: number, reason: string): void;
}

export interface BoundView {
  /** One decoded request from the view (anything: it is validated here). */
  receive(request: unknown): void;
  /** The link is gone: end the state stream, drop answers still to come. */
  closed(): void;
}

/**
 * Serves the contract to one view over any transport (Electron IPC, the browser
 * host's WebSocket): every request validated against the view protocol, commands
 * run by core (which validates their arguments), answers matched by id, the state
 * stream restarted with a snapshot on each subscribe, and one error mapping and one
 * way of logging for both shells.
 */
export function bindView(core: BoundCore, link: ViewLink, log: Pick<Logger, 'warn' | 'error'>): BoundView {
  let unsubscribe: (() => void) | undefined;
  let open = true;
  const send = (reply: ViewReply) => {
    if (open) link.send(reply);
  };

  return {
    receive(request) {
      if (!open) return;
      const parsed = ViewRequestSchema.safeParse(request);
      if (!parsed.success) {
        log.warn(`closed ${link.name}: it sent a message outside the contract`);
        this.closed();
        link.close(OUTSIDE_PROTOCOL_CLOSE_CODE, 'message outside the contract');
        return;
      }
      const message = parsed.data;
      if (message.kind === 'subscribe') {
        // A second subscribe (a view that lost track) restarts the stream: a fresh snapshot, never two copies.
        unsubscribe?.();
        unsubscribe = core.subscribe((event) => send({ kind: 'state', event }));
        return;
      }
      core.execute(message.name, message.args).then(
        (outcome) => send(outcome.ok ? { kind: 'result', id: message.id, value: outcome.value } : { kind: 'failure', id: message.id, failure: outcome.failure }),
        (error: unknown) => {
          // execute never throws by design; if it does, the view still gets an answer and the log the detail.
          log.error(`${message.name} from ${link.name} failed unexpectedly: ${(error as Error).stack ?? String(error)}`);
          send({ kind: 'failure', id: message.id, failure: { code: 'failed', command: message.name, message: `${message.name} failed unexpectedly; see the log for details` } });
        },
      );
    },
    closed() {
      open = false;
      unsubscribe?.();
      unsubscribe = undefined;
    },
  };
}
