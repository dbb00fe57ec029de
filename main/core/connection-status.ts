import type { ConnectionStatus, StandbySessionStatus } from '../../contract/index.js';
import { formatEndpoint, type SideEndpoints } from '../cti/endpoints.js';
import type { SessionState } from '../cti/session-machine.js';

/** What the status bar should say about a session state, stamped with when it began. */
export function connectionStatusOf(state: SessionState, sides: SideEndpoints, now: number, standbyStatus?: StandbySessionStatus): ConnectionStatus {
  const standby = standbyStatus === undefined ? {} : { standby: standbyStatus };
  const endpointOf = (side: 'A' | 'B') => {
    const endpoint = sides[side];
    return endpoint ? formatEndpoint(endpoint) : 'not configured';
  };
  switch (state.phase) {
    case 'stopped':
      return { state: 'stopped', since: now };
    case 'connecting':
    case 'opening':
      return { state: 'connecting', side: state.side, endpoint: endpointOf(state.side), attempt: state.attempt, since: now, ...standby };
    case 'open':
      return { state: 'connected', side: state.side, endpoint: endpointOf(state.side), protocolVersion: state.version, since: now, ...standby };
    case 'waiting':
      return {
        state: 'out-of-service',
        side: state.side,
        endpoint: endpointOf(state.side),
        attempt: state.attempt + 1,
        reason: state.lastFailure.reason,
        retryAt: now + state.retryInMs,
        since: now,
        ...standby,
      };
    case 'closing':
      return { state: 'closing', side: state.side, endpoint: endpointOf(state.side), since: now };
  }
}

const DOWN_STATES: ReadonlySet<ConnectionStatus['state']> = new Set(['connecting', 'out-of-service']);

/**
 * The status to publish after `previous`, or undefined when nothing visible changed.
 * While the link is down, attempts come and go (connecting, out of service, …) but
 * `since` stays at the start of the outage, so "for 3 min" means what an agent
 * and IT expect: how long the desktop has been without CTI Server.
 */
export function nextConnectionStatus(previous: ConnectionStatus, next: ConnectionStatus): ConnectionStatus | undefined {
  const { since: _p, ...before } = previous;
  const { since: _n, ...after } = next;
  if (JSON.stringify(before) === JSON.stringify(after)) return undefined;
  return DOWN_STATES.has(previous.state) && DOWN_STATES.has(next.state) ? { ...next, since: previous.since } : next;
}
