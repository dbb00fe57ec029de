import { PG_STATUS, SYSTEM_EVENT_ID, enumName, type Message, isNoneUint } from '../../ged188/index.js';
import type { ComponentStatus, PgStatusFlag, Side, SystemHealth } from '../../contract/index.js';

/**
 * System health (ctios.md §1.6, §8 item 18) reduced from what CTI Server says:
 * OPEN_CONF.PGStatus and PeripheralOnline when a session opens, then every
 * SYSTEM_EVENT (ged188.md §5.3, §5.4). Pure: each function returns the next value.
 */

const FLAGS: readonly [number, PgStatusFlag][] = [
  [PG_STATUS.OPC_DOWN, 'opc-down'],
  [PG_STATUS.CC_DOWN, 'cc-down'],
  [PG_STATUS.PERIPHERAL_OFFLINE, 'peripheral-offline'],
  [PG_STATUS.CTI_SERVER_OFFLINE, 'cti-server-offline'],
  [PG_STATUS.LIMITED_FUNCTION, 'limited-function'],
];

export function pgStatusFlags(mask: number): PgStatusFlag[] {
  return FLAGS.filter(([bit]) => (mask & bit) !== 0).map(([, name]) => name);
}

/** No OPEN_REQ peripheral: a monitor or a bare link session (0xFFFFFFFF). */

function status(online: boolean): ComponentStatus {
  return online ? 'online' : 'offline';
}

/** Keeps `since` when the status did not change, so "offline for 3 min" means what it says. */
function stamp<T extends { status: ComponentStatus; since: number }>(previous: T, next: Omit<T, 'since'>, now: number): T {
  return { ...next, since: previous.status === next.status ? previous.since : now } as T;
}

function pgPart(health: SystemHealth, pgStatus: number, gatewayOffline: boolean, now: number): SystemHealth['peripheralGateway'] {
  const offline = gatewayOffline || (pgStatus & PG_STATUS.OPC_DOWN) !== 0;
  return stamp(health.peripheralGateway, { status: status(!offline), pgStatus, flags: pgStatusFlags(pgStatus) }, now);
}

function withPeripheral(health: SystemHealth, peripheralId: number, online: boolean, now: number): SystemHealth['peripherals'] {
  const known = health.peripherals.find((p) => p.peripheralId === peripheralId);
  const next = known ? stamp(known, { peripheralId, status: status(online) }, now) : { peripheralId, status: status(online), since: now };
  return known ? health.peripherals.map((p) => (p === known ? next : p)) : [...health.peripherals, next].sort((a, b) => a.peripheralId - b.peripheralId);
}

/**
 * A session opened on `side`: CTI Server is up, and OPEN_CONF says how the PG and the
 * peripherals are. `peripheralId` is the one OPEN_REQ named (agent mode), if any.
 */
export function healthOnOpen(health: SystemHealth, side: Side, conf: Message<'OPEN_CONF'>, peripheralId: number, now: number): SystemHealth {
  const ctiServer = { ...health.ctiServer, status: 'online' as const, side, since: health.ctiServer.status === 'online' ? health.ctiServer.since : now };
  // What an earlier session said about peripherals is stale: this OPEN_CONF (and the events after it) tell.
  const ids = conf.FltPeripheralID && conf.FltPeripheralID.length > 0 ? conf.FltPeripheralID : isNoneUint(peripheralId) ? [] : [peripheralId];
  const peripherals = [...new Set(ids)]
    .sort((x, y) => x - y)
    .map((id) => {
      const previous = health.peripherals.find((p) => p.peripheralId === id) ?? { peripheralId: id, status: 'unknown' as const, since: now };
      return stamp(previous, { peripheralId: id, status: status(conf.PeripheralOnline) }, now);
    });
  return {
    ...health,
    ctiServer,
    peripheralGateway: pgPart(health, conf.PGStatus, false, now),
    centralController: stamp(health.centralController, { status: status((conf.PGStatus & PG_STATUS.CC_DOWN) === 0) }, now),
    peripherals,
  };
}

/** A session opened on `side` with protocol `version`: health shows each side's version. */
export function healthOnProtocolVersion(health: SystemHealth, side: Side, version: number): SystemHealth {
  if (health.ctiServer.protocolVersions[side] === version) return health;
  return { ...health, ctiServer: { ...health.ctiServer, protocolVersions: { ...health.ctiServer.protocolVersions, [side]: version } } };
}

/** A SYSTEM_EVENT: its PGStatus always, and what its SystemEventID says. */
export function healthOnSystemEvent(health: SystemHealth, event: Message<'SYSTEM_EVENT'>, now: number): SystemHealth {
  const id = event.SystemEventID;
  let next: SystemHealth = { ...health, peripheralGateway: pgPart(health, event.PGStatus, id === SYSTEM_EVENT_ID.PERIPHERAL_GATEWAY_OFFLINE, now) };
  const cc =
    id === SYSTEM_EVENT_ID.CENTRAL_CONTROLLER_ONLINE ? true
    : id === SYSTEM_EVENT_ID.CENTRAL_CONTROLLER_OFFLINE ? false
    : (event.PGStatus & PG_STATUS.CC_DOWN) === 0;
  next = { ...next, centralController: stamp(next.centralController, { status: status(cc) }, now) };
  if (id === SYSTEM_EVENT_ID.PERIPHERAL_ONLINE || id === SYSTEM_EVENT_ID.PERIPHERAL_OFFLINE) {
    next = { ...next, peripherals: withPeripheral(next, event.SystemEventArg1, id === SYSTEM_EVENT_ID.PERIPHERAL_ONLINE, now) };
  }
  return next;
}

/** The link is gone: CTI Server is offline to us, and what stands behind it is unknown until the next session says. */
export function healthOnLinkDown(health: SystemHealth, now: number): SystemHealth {
  if (health.ctiServer.status === 'offline') return health;
  const unknown = <T extends { status: ComponentStatus; since: number }>(part: T): T => ({ ...part, status: 'unknown', since: now });
  return {
    // The settings' health is the last download's, whatever the link does since.
    ...health,
    ctiServer: { ...health.ctiServer, status: 'offline', side: null, since: now },
    peripheralGateway: unknown(health.peripheralGateway),
    centralController: unknown(health.centralController),
    peripherals: health.peripherals.map(unknown),
  };
}

/** A settings download ended: `online` with a usable document, `offline` (with why) without one. */
export function healthOnSettings(health: SystemHealth, online: boolean, detail: string | null, now: number): SystemHealth {
  return { ...health, settings: stamp(health.settings, { status: status(online), detail }, now) };
}

/** A SYSTEM_EVENT in words, for OnCTIOSFailure's ErrorMessage. */
export function describeSystemEvent(event: Message<'SYSTEM_EVENT'>): string {
  const name = enumName(SYSTEM_EVENT_ID, event.SystemEventID);
  const label = name ? `SYS_${name}` : `system event ${event.SystemEventID}`;
  const flags = pgStatusFlags(event.PGStatus);
  const pg = flags.length > 0 ? `; PG status: ${flags.join(', ')}` : '';
  switch (event.SystemEventID) {
    case SYSTEM_EVENT_ID.CENTRAL_CONTROLLER_ONLINE:
      return `central controller online (${label}${pg})`;
    case SYSTEM_EVENT_ID.CENTRAL_CONTROLLER_OFFLINE:
      return `central controller offline: routing is impaired (${label}${pg})`;
    case SYSTEM_EVENT_ID.PERIPHERAL_ONLINE:
      return `peripheral ${event.SystemEventArg1} online (${label}${pg})`;
    case SYSTEM_EVENT_ID.PERIPHERAL_OFFLINE:
      return `peripheral ${event.SystemEventArg1} offline: agents may be made Not Ready (${label}${pg})`;
    case SYSTEM_EVENT_ID.PERIPHERAL_GATEWAY_OFFLINE:
      return `peripheral gateway offline: no call or agent events (${label}${pg})`;
    case SYSTEM_EVENT_ID.INSTRUMENT_OUT_OF_SERVICE:
      return `phone ${event.Text ?? '?'} out of service (${label}${pg})`;
    case SYSTEM_EVENT_ID.INSTRUMENT_BACK_IN_SERVICE:
      return `phone ${event.Text ?? '?'} back in service (${label}${pg})`;
    default:
      return event.Text ? `${event.Text} (${label}${pg})` : `${label}${pg}`;
  }
}
