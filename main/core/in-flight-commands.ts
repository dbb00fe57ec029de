/**
 * Runs each distinct command once at a time: a second identical command (same name,
 * same arguments) while the first is in flight gets the first one's promise, so a
 * double click never sends a request twice (issue 5 item 3).
 */
export class InFlightCommands {
  private readonly running = new Map<string, Promise<unknown>>();

  run<T>(name: string, args: unknown, start: () => Promise<T>): Promise<T> {
    const key = `${name}\u0000${stableJson(args)}`;
    const existing = this.running.get(key);
    if (existing) return existing as Promise<T>;
    const promise = start().finally(() => this.running.delete(key));
    this.running.set(key, promise);
    return promise;
  }
}

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` are the same command. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}
