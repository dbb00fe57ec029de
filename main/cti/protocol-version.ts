import { MAX_PROTOCOL_VERSION, MIN_PROTOCOL_VERSION, STATUS, type Message } from '../../ged188/index.js';
import type { Side } from './endpoints.js';

/**
 * Protocol version negotiation (issue 12 item 3). GED-188 has no negotiation of its
 * own: OPEN_REQ names one VersionNumber and a server that does not take it answers
 * FAILURE_CONF E_CTI_INVALID_VERSION ("the server does not support the protocol
 * version number requested by the client"), after which the client resets the TCP
 * connection (guide, Session Initialization). So the desktop asks for the newest
 * version the codec knows and, on that refusal, connects again to the same side
 * asking for the next older one, down to the oldest the codec knows.
 */

/** Every version the codec can put on the wire, newest first: the ladder a refused open steps down. */
export const SUPPORTED_PROTOCOL_VERSIONS: readonly number[] = Array.from(
  { length: MAX_PROTOCOL_VERSION - MIN_PROTOCOL_VERSION + 1 },
  (_, i) => MAX_PROTOCOL_VERSION - i,
);

/** The version the desktop asks for when nothing pins one: the newest it speaks. */
export const NEWEST_PROTOCOL_VERSION = MAX_PROTOCOL_VERSION;

/** What each side took, learnt by the process: the next open there asks for it at once. */
export type NegotiatedVersions = Readonly<Partial<Record<Side, number>>>;

export function isSupportedProtocolVersion(version: number): boolean {
  return SUPPORTED_PROTOCOL_VERSIONS.includes(version);
}

/** The next older version on the ladder, or undefined below the oldest. */
export function olderProtocolVersion(version: number): number | undefined {
  const next = SUPPORTED_PROTOCOL_VERSIONS.find((candidate) => candidate < version);
  return next;
}

/** A FAILURE_CONF that refuses OPEN_REQ for its VersionNumber. */
export function refusesVersion(message: Message): message is Message<'FAILURE_CONF'> {
  return message.MessageType === 'FAILURE_CONF' && message.Status === STATUS.E_CTI_INVALID_VERSION;
}

export interface VersionSettings {
  /** The version asked for first: the newest, or the pinned one. */
  readonly protocolVersion: number;
  /** A deployment policy or config pins the version: no step-down, a refusal is a failure. */
  readonly protocolVersionPinned?: boolean;
}

/**
 * The version an open on `side` asks for: the pinned one; else what the side took
 * before (never above the configured newest); else the newest.
 */
export function versionToAsk(side: Side, settings: VersionSettings, negotiated: NegotiatedVersions | undefined): number {
  if (settings.protocolVersionPinned) return settings.protocolVersion;
  const known = negotiated?.[side];
  return known !== undefined && known <= settings.protocolVersion ? known : settings.protocolVersion;
}

/** The version to retry with after `refused` was refused, or undefined: pinned, or nothing older to try. */
export function stepDown(refused: number, settings: VersionSettings): number | undefined {
  return settings.protocolVersionPinned ? undefined : olderProtocolVersion(refused);
}

/** The session settings for a version choice: `pinned` when given, else the newest, stepped down as sides refuse. */
export function versionSettings(pinned: number | undefined): Required<VersionSettings> {
  return pinned === undefined ? { protocolVersion: NEWEST_PROTOCOL_VERSION, protocolVersionPinned: false } : { protocolVersion: pinned, protocolVersionPinned: true };
}

/**
 * The version settings once the agent's connection profile is known: a pin by the
 * deployment policy or config.json stays; else the profile's pin applies; else `base`.
 */
export function withProfileVersion(base: VersionSettings, profileVersion: number | undefined): VersionSettings {
  if (base.protocolVersionPinned || profileVersion === undefined) return base;
  return { protocolVersion: profileVersion, protocolVersionPinned: true };
}
