import type { ConnectionStatus } from '../../contract/index.js';

/**
 * A message to show, as a key in the message files (renderer/src/i18n) and its
 * parameters: the stores decide what to say, the components say it in the user's language.
 */
export interface Phrase {
  readonly key: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

/**
 * The status bar's main sentence for the link to CTI Server. Kept to one line so the
 * live region announces something short; the out-of-service reason is shown apart.
 */
export function describeConnection(status: ConnectionStatus): Phrase {
  switch (status.state) {
    case 'connected':
      return { key: 'status.connected', params: { side: status.side, endpoint: status.endpoint } };
    case 'connecting':
      return { key: 'status.connecting', params: { side: status.side, endpoint: status.endpoint } };
    case 'out-of-service':
      return { key: 'status.outOfService', params: { side: status.side, attempt: status.attempt } };
    case 'closing':
      return { key: 'status.closing' };
    case 'stopped':
      return { key: 'status.stopped' };
  }
}

/** Shown while the view has no state yet: before the first snapshot, or after a gap in the stream. */
export const AWAITING_SERVICE: Phrase = { key: 'status.awaitingService' };

/** Shown when the bridge to main (the browser host's WebSocket) is down and being retried. */
export const SERVICE_LOST: Phrase = { key: 'status.serviceLost' };

/** Shown when the bridge to main cannot work at all (the reason is shown beside it). */
export const SERVICE_UNUSABLE: Phrase = { key: 'status.serviceUnusable' };

/** Time in the current state, e.g. `for 12 s`, `for 3 min`, `for 2 h 5 min`. */
export function describeElapsed(elapsedMs: number): Phrase {
  // Clock skew between main and the view can put `since` slightly in the future.
  const seconds = Math.max(0, Math.floor(elapsedMs / 1000));
  if (seconds < 60) return { key: 'status.forSeconds', params: { seconds } };
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return { key: 'status.forMinutes', params: { minutes } };
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? { key: 'status.forHours', params: { hours } } : { key: 'status.forHoursMinutes', params: { hours, minutes: rest } };
}
