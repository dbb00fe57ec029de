import { vi } from 'vitest';

/** What `check` found not to hold yet (as opposed to `check` itself failing). */
class NotYet extends Error {}

/**
 * Resolves once `check` holds, polling (vitest's waitFor) until `deadlineMs` passes; then fails
 * saying what it waited for. For things that announce themselves by no event a test can
 * subscribe to: a relay's counters, the simulator's control API.
 */
export async function waitUntil(check: () => boolean | Promise<boolean>, what: string, deadlineMs = 5000): Promise<void> {
  try {
    await vi.waitFor(
      async () => {
        if (!(await check())) throw new NotYet(what);
      },
      { timeout: deadlineMs, interval: 10 },
    );
  } catch (error) {
    if (error instanceof NotYet) throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}`, { cause: error });
    throw error;
  }
}
