import type { ConnectionStatus } from '../../contract/index.js';

/**
 * The status bar's main sentence for the link to CTI Server. Kept to one line so the
 * live region announces something short; the out-of-service reason is shown apart.
 */
export function describeConnection(status: ConnectionStatus): string {
  switch (status.state) {
    case 'connected':
      return `Connected · side ${status.side} · ${status.endpoint}`;
    case 'connecting':
      return `Connecting… side ${status.side} · ${status.endpoint}`;
    case 'out-of-service':
      return `Out of service — retrying side ${status.side} · attempt ${status.attempt}`;
    case 'closing':
      return 'Disconnecting…';
    case 'stopped':
      return 'Not connected';
  }
}

/** Shown while the view has no state yet: before the first snapshot, or after a gap in the stream. */
export const AWAITING_SERVICE_TEXT = 'Waiting for the softphone service…';

/** Shown when the bridge to main (the browser host's WebSocket) is down and being retried. */
export const SERVICE_LOST_TEXT = 'Disconnected from the softphone service — reconnecting…';

/** Shown when the bridge to main cannot work at all (the reason is shown beside it). */
export const SERVICE_UNUSABLE_TEXT = 'Cannot connect to the softphone service';

/** Time in the current state, e.g. `for 12 s`, `for 3 min`, `for 2 h 5 min`. */
export function describeElapsed(elapsedMs: number): string {
  // Clock skew between main and the view can put `since` slightly in the future.
  const seconds = Math.max(0, Math.floor(elapsedMs / 1000));
  if (seconds < 60) return `for ${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `for ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `for ${hours} h` : `for ${hours} h ${rest} min`;
}
