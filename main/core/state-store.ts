import type { AppState, StateEvent } from '../../contract/index.js';

export type StateListener = (event: StateEvent) => void;

/**
 * The one state model. Changes are merged into a pending patch and published at
 * most once per frame (16 ms), so a burst of events costs the view one update; a
 * new subscriber gets a snapshot that already includes anything pending.
 */
export class StateStore {
  private state: AppState;
  private pending: Partial<AppState> | undefined;
  private flushTimer: NodeJS.Timeout | undefined;
  private seq = 0;
  private readonly listeners = new Set<StateListener>();

  constructor(
    initial: AppState,
    private readonly frameMs = 16,
  ) {
    this.state = initial;
  }

  get current(): AppState {
    return { ...this.state, ...this.pending };
  }

  update(changes: Partial<AppState>): void {
    this.pending = { ...this.pending, ...changes };
    this.flushTimer ??= setTimeout(() => this.flush(), this.frameMs);
  }

  /** Publishes the pending patch now (also used before a snapshot and on shutdown). */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const changes = this.pending;
    if (!changes) return;
    this.pending = undefined;
    this.state = { ...this.state, ...changes };
    const event: StateEvent = { kind: 'patch', seq: ++this.seq, changes };
    for (const listener of this.listeners) listener(event);
  }

  /** Sends `listener` a snapshot now and every patch after it; returns the unsubscribe function. */
  subscribe(listener: StateListener): () => void {
    this.flush();
    this.listeners.add(listener);
    listener({ kind: 'snapshot', seq: this.seq, state: this.state });
    return () => this.listeners.delete(listener);
  }
}
