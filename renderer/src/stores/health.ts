import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AppState } from '../../../contract/index.js';
import type { Phrase } from '../connection-text.js';
import { healthRows, lastLinkFailure, offlineParts, type HealthRow } from '../health-rows.js';
import { useConnectionStore } from './connection.js';

/**
 * Why the agent's commands are paused during a failover, from what main publishes:
 * what failed (the last OnConnectionFailure), where the link stands now (connection
 * status: side and attempt) and whether agent mode is being restored.
 */
export interface Outage {
  /** What happened, e.g. "The link to CTI Server side A failed: connection closed". */
  readonly cause: Phrase;
  /** Where recovery stands, e.g. "Reconnecting to side B, attempt 2…". */
  readonly progress: Phrase;
  /** The short reason a disabled button gives. */
  readonly buttonReason: Phrase;
}

/** System health as main publishes it, as rows for the health area, and the outage the banner tells. */
export const useHealthStore = defineStore('health', () => {
  const core = useConnectionStore();
  const rows = computed<readonly HealthRow[]>(() => (core.current ? healthRows(core.current) : []));
  const offline = computed(() => offlineParts(rows.value));
  /** The details are open (the compact line alone by default: agents need the space). */
  const expanded = ref(false);
  const outage = computed<Outage | undefined>(() => (core.current ? outageOf(core.current) : undefined));

  function toggle(): void {
    expanded.value = !expanded.value;
  }

  return { rows, offline, expanded, outage, toggle };
});

/** Commands are paused while an agent's link is down or its mode is being restored; a deliberate stop is no outage. */
export function outageOf(state: AppState): Outage | undefined {
  const { agent, connection } = state;
  if (agent.mode !== 'agent') return undefined;
  const failure = lastLinkFailure(state.connectionEvents);
  const cause: Phrase = failure ? { key: 'health.outage.cause', params: { side: failure.failedSide, reason: asSentence(failure.reason) } } : { key: 'health.outage.causeUnknown' };
  switch (connection.state) {
    case 'connected':
      if (agent.phase !== 'restoring') return undefined;
      return { cause, progress: { key: 'health.outage.restoring', params: { side: connection.side } }, buttonReason: { key: 'health.paused.restoring', params: { side: connection.side } } };
    case 'connecting':
      return {
        cause,
        progress: { key: 'health.outage.connecting', params: { side: connection.side, attempt: connection.attempt } },
        buttonReason: { key: 'health.paused.reconnecting', params: { side: connection.side, attempt: connection.attempt } },
      };
    case 'out-of-service':
      return {
        cause: failure ? cause : { key: 'health.outage.outOfService', params: { reason: asSentence(connection.reason) } },
        progress: { key: 'health.outage.retrying', params: { side: connection.side, attempt: connection.attempt } },
        buttonReason: { key: 'health.paused.reconnecting', params: { side: connection.side, attempt: connection.attempt } },
      };
    case 'closing':
    case 'stopped':
      return undefined;
  }
}

/** Main's reason as the end of a sentence: its own final punctuation, or a full stop. */
function asSentence(reason: string): string {
  const trimmed = reason.trim();
  return /[.?!]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
