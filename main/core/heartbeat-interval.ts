import type { ConnectionProfile } from '../../contract/index.js';
import { formatEndpoint, type SideEndpoints } from '../cti/endpoints.js';

/** The guide's floor for any client's heartbeat interval (ged188.md §2.7). */
export const MIN_HEARTBEAT_INTERVAL_MS = 5_000;
/** What the guide asks of desktops: no more often than every 90 s, since a centre has thousands (§2.7). */
export const DESKTOP_HEARTBEAT_INTERVAL_MS = 90_000;

/**
 * The heartbeat interval a desktop uses: the connection profile's where the desktop
 * settings set one (the profile naming this desktop's CTI Server, else the only
 * profile), else the local configuration's (90 s by default). A profile's value is
 * raised to the guide's 5 s minimum; the local configuration enforces it itself.
 */
export function heartbeatIntervalMs(profiles: readonly ConnectionProfile[], sides: SideEndpoints, configured: number): number {
  const profile = profileFor(profiles, sides);
  if (profile?.heartbeatIntervalMs === undefined) return configured;
  return Math.max(MIN_HEARTBEAT_INTERVAL_MS, profile.heartbeatIntervalMs);
}

function profileFor(profiles: readonly ConnectionProfile[], sides: SideEndpoints): ConnectionProfile | undefined {
  const text = (side: keyof SideEndpoints) => {
    const endpoint = sides[side];
    return endpoint ? formatEndpoint(endpoint) : undefined;
  };
  const named = profiles.find((p) => (p.sideA && formatEndpoint(p.sideA) === text('A')) || (p.sideB && formatEndpoint(p.sideB) === text('B')));
  return named ?? (profiles.length === 1 ? profiles[0] : undefined);
}
