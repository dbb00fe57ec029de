import type { Message } from '../../../ged188/index.js';
import type { AgentIdentity, CallKey } from '../../../contract/index.js';
import { callKey, type CallBook } from '../calls/index.js';
import { RequestFailed } from '../cti-session.js';
import * as requests from './agent-requests.js';
import { confirmationOf } from './command-error.js';

/** What restoring needs of the CTI session (CtiSession fits). */
export interface RestorePort {
  request(message: Message): Promise<Message>;
  /** Gives up on the open link: it fails over and reopens (then a restore runs again). */
  dropLink(reason: string): void;
}

/**
 * `restore` runs after every open (agent mode waits for it before taking commands);
 * `resync` runs on an open link when the model and the server disagree, and commands
 * go on meanwhile.
 */
export type RestoreKind = 'restore' | 'resync';

export interface RestoreHost {
  /** Whom to restore; undefined once the agent is gone. */
  identity(): AgentIdentity | undefined;
  /** Whether a resync may run now: an agent, active, on an open link. */
  inService(): boolean;
  /** What QUERY_AGENT_STATE_CONF said: the agent's state as the server has it. */
  queried(conf: Message<'QUERY_AGENT_STATE_CONF'>): void;
  /** Agent state and calls are the server's again. */
  done(kind: RestoreKind): void;
  /** It failed for a reason other than an unanswered request (a refused snapshot). */
  failed(kind: RestoreKind, error: unknown): void;
  /** What it is doing, for the status line; undefined once there is nothing to say. */
  progress(text: string | undefined): void;
  /** `checking` changed: a resync became due or running, or nothing is pending any more. */
  checkingChanged(): void;
}

export interface RestoreTiming {
  /**
   * Waits before the 2nd, 3rd… attempt after a request went unanswered; once they
   * are used up the link is dropped (a side that answers heartbeats but not requests
   * is no use to the agent).
   */
  readonly retryDelaysMs: readonly number[];
  /** How long disagreements gather before one resync serves them all. */
  readonly resyncDebounceMs: number;
}

export const RESTORE_TIMING: RestoreTiming = { retryDelaysMs: [250, 500, 1000], resyncDebounceMs: 300 };

/** A disagreement seen: `holds` asks again when the debounce ends (events may have caught up). */
type Suspicion = () => boolean;

/**
 * Restore and resync of agent mode, one mechanism (design.md principle 2): the
 * agent's state (QUERY_AGENT_STATE), the phone's calls (SNAPSHOT_DEVICE, then
 * SNAPSHOT_CALL per call), then the calls the server no longer has are ended. A
 * request that goes unanswered is asked again with back-off, then the link is
 * dropped and the failover's restore takes over; a late confirmation matches no
 * request in flight (CtiSession pairs them by InvokeID) and is ignored.
 */
export class AgentRestore {
  private generation = 0;
  private running: RestoreKind | undefined;
  /** Calls the book took from events while a snapshot was in flight: they are the server's too. */
  private seen: Set<CallKey> | undefined;
  private suspicions: Suspicion[] = [];
  private debounce: NodeJS.Timeout | undefined;
  private backoff: { readonly timer: NodeJS.Timeout; readonly resume: () => void } | undefined;
  private saidSomething = false;

  constructor(
    private readonly port: RestorePort,
    private readonly book: CallBook,
    private readonly host: RestoreHost,
    private readonly timing: RestoreTiming = RESTORE_TIMING,
  ) {}

  /** Whether a restore (not a background resync) is under way. */
  get restoring(): boolean {
    return this.running === 'restore';
  }

  /** A disagreement is waiting for its debounce, or a resync runs: the desktop is checking with the server. */
  get checking(): boolean {
    return this.debounce !== undefined || this.running === 'resync';
  }

  /** After every open: the full restore, whatever was running before. */
  restore(): void {
    this.cancel();
    void this.run('restore', this.generation);
  }

  /** The link went or the agent left: whatever runs stops where it is. */
  cancel(): void {
    const wasChecking = this.checking;
    this.generation++;
    this.running = undefined;
    this.seen = undefined;
    this.suspicions = [];
    clearTimeout(this.debounce);
    this.debounce = undefined;
    if (this.backoff) {
      clearTimeout(this.backoff.timer);
      this.backoff.resume();
      this.backoff = undefined;
    }
    if (wasChecking) this.host.checkingChanged();
  }

  /**
   * The model and the server may disagree. One resync after the debounce serves a
   * burst of such signs; `holds` (if given) is asked again then, so a sign that only
   * meant "events still on their way" costs nothing.
   */
  suspect(holds: Suspicion = () => true): void {
    this.suspicions.push(holds);
    if (!this.running) this.armDebounce();
  }

  private armDebounce(): void {
    if (this.debounce) return;
    this.debounce = setTimeout(() => {
      this.debounce = undefined;
      this.resyncIfStillNeeded();
      if (!this.checking) this.host.checkingChanged();
    }, this.timing.resyncDebounceMs);
    this.host.checkingChanged();
  }

  /** The book applied a call event for `key`: a snapshot in flight must not end that call. */
  noteCall(key: CallKey): void {
    this.seen?.add(key);
  }

  private resyncIfStillNeeded(): void {
    const suspicions = this.suspicions;
    this.suspicions = [];
    if (this.running || !this.host.inService() || !suspicions.some((holds) => holds())) return;
    void this.run('resync', this.generation);
  }

  private async run(kind: RestoreKind, generation: number): Promise<void> {
    const current = () => generation === this.generation;
    this.running = kind;
    if (kind === 'resync') this.host.checkingChanged();
    for (let attempt = 1; ; attempt++) {
      try {
        if (!(await this.snapshot(current))) {
          // Superseded (cancel() tidied up), or nothing to check against: this run is over either way.
          if (current()) {
            this.running = undefined;
            if (kind === 'resync') this.host.checkingChanged();
          }
          return;
        }
      } catch (error) {
        this.seen = undefined;
        if (!current()) return;
        const delay = error instanceof RequestFailed && error.reason === 'timeout' ? this.timing.retryDelaysMs[attempt - 1] : undefined;
        if (delay === undefined) {
          this.running = undefined;
          if (kind === 'resync') this.host.checkingChanged();
          this.giveUp(kind, error, attempt);
          return;
        }
        const what = (error as RequestFailed).request ?? 'a request';
        this.say(`${describe(kind)}: CTI Server did not answer ${what}, retrying (attempt ${attempt + 1})…`);
        await this.wait(delay);
        if (!current()) return;
        continue;
      }
      this.running = undefined;
      if (this.saidSomething) this.say(undefined);
      this.host.done(kind);
      // Signs that came while this ran may predate its snapshot: look again.
      if (this.suspicions.length > 0) this.armDebounce();
      else if (kind === 'resync') this.host.checkingChanged();
      return;
    }
  }

  private giveUp(kind: RestoreKind, error: unknown, attempts: number): void {
    if (!(error instanceof RequestFailed)) {
      this.host.failed(kind, error);
      return;
    }
    // The link went: the next open restores.
    if (error.reason !== 'timeout') return;
    const reason = `${describe(kind)}: CTI Server did not answer ${error.request ?? 'a request'} ${attempts} times; dropping the link to reconnect`;
    this.say(reason);
    this.port.dropLink(reason);
  }

  /** One pass: true when the book and the agent state are the server's, false when superseded. */
  private async snapshot(current: () => boolean): Promise<boolean> {
    const identity = this.host.identity();
    if (!identity) return false;
    const query = await this.port.request(requests.queryAgentState(identity));
    if (!current()) return false;
    if (query.MessageType === 'QUERY_AGENT_STATE_CONF') this.host.queried(query);
    this.seen = new Set();
    const device = confirmationOf('snapshot of the phone', await this.port.request(requests.snapshotDevice(identity)));
    if (!current() || device.MessageType !== 'SNAPSHOT_DEVICE_CONF') return false;
    const { listed, keys } = this.book.applyDevice(identity.peripheralId, device);
    const present = new Set(keys);
    for (const call of listed) {
      const snapshot = await this.port.request(requests.snapshotCall(call));
      if (!current()) return false;
      if (snapshot.MessageType === 'SNAPSHOT_CALL_CONF') this.book.applyCall(call, snapshot);
      else present.delete(callKey(call.peripheralId, call.connectionCallId));
    }
    for (const key of this.seen) if (this.book.get(key)) present.add(key);
    this.seen = undefined;
    this.book.endAllExcept(present);
    return true;
  }

  private say(text: string | undefined): void {
    this.saidSomething = text !== undefined;
    this.host.progress(text);
  }

  /** A back-off that `cancel()` cuts short (the caller then sees it is no longer current). */
  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.backoff = {
        timer: setTimeout(() => {
          this.backoff = undefined;
          resolve();
        }, ms),
        resume: resolve,
      };
    });
  }
}

function describe(kind: RestoreKind): string {
  return kind === 'restore' ? 'restoring agent mode' : 're-synchronising with CTI Server';
}
