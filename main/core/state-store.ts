import {
  PARTS_WITH_COLLECTIONS,
  collectionDefinition,
  applyStateOp,
  collectionKey,
  type AppState,
  type CollectionItem,
  type CollectionName,
  type MergeablePart,
  type PartMerge,
  type PartName,
  type StateEvent,
  type StateOp,
  type StateWriter,
} from '../../contract/index.js';

export type StateListener = (event: StateEvent) => void;

export interface StateStoreOptions {
  /** The shortest time between two patches. */
  readonly frameMs?: number;
  readonly clock?: () => number;
}

/**
 * The one state model. Changes apply to the state at once and are queued as
 * operations; the first change after a quiet frame is published on the next
 * microtask (so what one event changes goes out together), later ones are coalesced
 * into at most one patch per frame. Within a patch, a later upsert of the same item
 * or a later set of the same part replaces the earlier one, so a burst costs what it
 * finally changed. A new subscriber gets a snapshot that already includes anything pending.
 */
export class StateStore implements StateWriter {
  private state: AppState;
  /** Queued operations; `undefined` marks one a later operation made redundant. */
  private pending: (StateOp | undefined)[] = [];
  /** Where the pending upsert of an item, or set of a part, stands (to replace it). */
  private pendingIndex = new Map<string, number>();
  private scheduled: 'microtask' | NodeJS.Timeout | undefined;
  private lastPublishedAt = Number.NEGATIVE_INFINITY;
  private seq = 0;
  private readonly listeners = new Set<StateListener>();
  /** Where each key of a collection stands, for the array it was worked out from. */
  private readonly positions = new Map<CollectionName, { items: readonly unknown[]; at: Map<string, number> }>();
  private readonly frameMs: number;
  private readonly clock: () => number;

  constructor(initial: AppState, options: StateStoreOptions = {}) {
    this.state = initial;
    this.frameMs = options.frameMs ?? 16;
    this.clock = options.clock ?? (() => performance.now());
  }

  get current(): AppState {
    return this.state;
  }

  set<P extends PartName>(part: P, value: AppState[P]): void {
    // The part's collections are replaced with it: earlier upserts into them no longer matter to the index.
    if (PARTS_WITH_COLLECTIONS.has(part)) this.pendingIndex.clear();
    this.queue(`part:${part}`, { op: 'set', part, value } as StateOp);
  }

  merge<P extends MergeablePart>(part: P, value: PartMerge<P>, unset: readonly string[] = []): void {
    this.queue(undefined, { op: 'merge', part, value, ...(unset.length > 0 ? { unset: [...unset] } : {}) } as StateOp);
  }

  upsert<C extends CollectionName>(collection: C, item: CollectionItem<C>): void {
    const key = collectionKey(collection, item);
    this.queue(`item:${collection}:${key}`, { op: 'upsert', collection, item } as StateOp, () => this.replaceInPlace(collection, key, item));
  }

  /**
   * An upsert of a known item, in constant time but for copying the array: the store
   * remembers where each key stands, valid until the collection gains or loses an item.
   * Undefined when the item is new (the general path inserts it).
   */
  private replaceInPlace(collection: CollectionName, key: string, item: unknown): AppState | undefined {
    const definition = collectionDefinition(collection);
    const items = definition.read(this.state);
    let cached = this.positions.get(collection);
    if (cached?.items !== items) {
      // The first index of a key, as `findIndex` on the view's side finds it.
      const at = new Map<string, number>();
      items.forEach((candidate, i) => {
        const key = definition.key(candidate);
        if (!at.has(key)) at.set(key, i);
      });
      cached = { items, at };
      this.positions.set(collection, cached);
    }
    const index = cached.at.get(key);
    if (index === undefined) return undefined;
    const copy = [...items];
    copy[index] = item;
    cached.items = copy;
    return definition.write(this.state, copy);
  }

  remove(collection: CollectionName, key: string): void {
    const definition = collectionDefinition(collection);
    if (!definition.read(this.state).some((item) => definition.key(item) === key)) return;
    this.pendingIndex.delete(`item:${collection}:${key}`);
    this.queue(undefined, { op: 'remove', collection, key });
  }

  /**
   * Applies `op` now and queues it. With a `slot`, an earlier queued operation on the
   * same slot (not separated by anything that invalidated it) is replaced in place.
   */
  private queue(slot: string | undefined, op: StateOp, fastApply?: () => AppState | undefined): void {
    this.state = fastApply?.() ?? applyStateOp(this.state, op);
    const earlier = slot === undefined ? undefined : this.pendingIndex.get(slot);
    if (earlier !== undefined && op.op === 'upsert') {
      this.pending[earlier] = op;
    } else {
      if (earlier !== undefined) this.pending[earlier] = undefined;
      if (slot !== undefined) this.pendingIndex.set(slot, this.pending.length);
      this.pending.push(op);
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled !== undefined) return;
    const wait = this.lastPublishedAt + this.frameMs - this.clock();
    if (wait <= 0) {
      this.scheduled = 'microtask';
      queueMicrotask(() => {
        if (this.scheduled === 'microtask') this.flush();
      });
    } else {
      this.scheduled = setTimeout(() => this.flush(), wait);
    }
  }

  /** Publishes the pending operations now (also used before a snapshot and on shutdown). */
  flush(): void {
    if (this.scheduled !== undefined && this.scheduled !== 'microtask') clearTimeout(this.scheduled);
    this.scheduled = undefined;
    const ops = this.pending.filter((op): op is StateOp => op !== undefined);
    this.pending = [];
    this.pendingIndex.clear();
    if (ops.length === 0) return;
    this.lastPublishedAt = this.clock();
    const event: StateEvent = { kind: 'patch', seq: ++this.seq, ops };
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
