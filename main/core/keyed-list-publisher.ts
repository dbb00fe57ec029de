import { collectionKey, type CollectionItem, type CollectionName, type StateWriter } from '../../contract/index.js';

/**
 * Publishes a short keyed list (an agent's calls, alerts, chat, skill-group rows) as
 * upserts and removes against what it published last. For lists whose owner keeps
 * unchanged items as the same objects, `same` is identity; for views rebuilt on
 * every change (calls, a handful at most) it is a structural comparison. Long lists
 * (a team, monitor mode) are reported item by item by their owners instead.
 */
export class KeyedListPublisher<C extends CollectionName> {
  private published = new Map<string, CollectionItem<C>>();

  constructor(
    private readonly writer: StateWriter,
    private readonly collection: C,
    private readonly same: (a: CollectionItem<C>, b: CollectionItem<C>) => boolean = Object.is,
  ) {}

  publish(items: readonly CollectionItem<C>[]): void {
    const next = new Map<string, CollectionItem<C>>();
    for (const item of items) {
      const key = collectionKey(this.collection, item);
      next.set(key, item);
      const before = this.published.get(key);
      if (before === undefined || !this.same(before, item)) this.writer.upsert(this.collection, item);
    }
    for (const key of this.published.keys()) if (!next.has(key)) this.writer.remove(this.collection, key);
    this.published = next;
  }
}
