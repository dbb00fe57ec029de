import type { ConnectionStatus } from '../../contract/index.js';
import { formatEndpoint, type SideEndpoints } from '../cti/endpoints.js';
import type { SessionState } from '../cti/session-machine.js';

/** What the status bar should say about a session state, stamped with when it began. */
export function connectionStatusOf(state: SessionState, sides: SideEndpoints, now: number): ConnectionStatus {
  const endpointOf = (side: 'A' | 'B') => {
    const endpoint = sides[side];
    return endpoint ? formatEndpoint(endpoint) : 'not configured';
  };
  switch (state.phase) {
    case 'stopped':
      return { state: 'stopped', since: now };
    case 'connecting':
    case 'opening':
      return { state: 'connecting', side: state.side, endpoint: endpointOf(state.side), attempt: state.attempt, since: now };
    case 'open':
      return { state: 'connected', side: state.side, endpoint: endpointOf(state.side), since: now };
    case 'waiting':
      return {
        state: 'out-of-service',
        side: state.side,
        endpoint: endpointOf(state.side),
        attempt: state.attempt + 1,
        reason: state.lastFailure.reason,
        retryAt: now + state.retryInMs,
        since: now,
      };
    case 'closing':
      return { state: 'closing', side: state.side, endpoint: endpointOf(state.side), since: now };
  }
}

/**
 * Whether two statuses describe the same situation, so that a repeated "connecting"
 * (opening after connecting, say) does not reset the time shown since it began.
 */
export function sameSituation(a: ConnectionStatus, b: ConnectionStatus): boolean {
  const { since: _a, ...restA } = a;
  const { since: _b, ...restB } = b;
  if (a.state === 'out-of-service' && b.state === 'out-of-service') {
    return a.side === b.side && a.attempt === b.attempt && a.reason === b.reason;
  }
  return JSON.stringify(restA) === JSON.stringify(restB);
}
