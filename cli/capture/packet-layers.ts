/**
 * From a captured link-layer frame to a TCP segment: peels the link header, IPv4/IPv6 and TCP.
 * Never throws: anything it cannot use comes back as `skipped` with the reason, because a capture
 * taken on a busy host is mostly traffic we do not care about, some of it cut short by snaplen.
 */

export interface TcpFlags {
  readonly syn: boolean;
  readonly ack: boolean;
  readonly fin: boolean;
  readonly rst: boolean;
}

export interface TcpSegment {
  /** "10.0.0.1:42027", or "[2001:db8::1]:42027" for IPv6 (RFC 5952 §6 form: the address is compressed). */
  readonly src: string;
  readonly dst: string;
  readonly srcPort: number;
  readonly dstPort: number;
  readonly seq: number;
  readonly ack: number;
  readonly flags: TcpFlags;
  /** Ethernet padding and trailers are already cut off, using the IP length. A view, not a copy. */
  readonly payload: Uint8Array;
  /**
   * The sender sent more payload than the capture holds (snaplen cut the packet short, or it is the
   * first of several IP fragments), so the stream has a hole right after this payload.
   */
  readonly truncated: boolean;
}

export type SkipReason =
  | 'unsupported-link-type'
  | 'not-ip'
  | 'not-tcp'
  /** A non-first IP fragment of a TCP packet: fragments are not reassembled (TCP sets DF in practice). */
  | 'fragment'
  /** Too short for the headers it claims, or header fields that cannot be right. */
  | 'malformed';

export type DecodedPacket =
  | { readonly kind: 'tcp'; readonly segment: TcpSegment }
  | { readonly kind: 'skipped'; readonly reason: SkipReason; readonly detail: string };

export const LINKTYPE_NULL = 0;
export const LINKTYPE_ETHERNET = 1;
export const LINKTYPE_RAW_BSD = 12;
export const LINKTYPE_RAW_OPENBSD = 14;
export const LINKTYPE_RAW = 101;
export const LINKTYPE_LOOP = 108;
export const LINKTYPE_LINUX_SLL = 113;
export const LINKTYPE_IPV4 = 228;
export const LINKTYPE_IPV6 = 229;
export const LINKTYPE_LINUX_SLL2 = 276;

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const VLAN_ETHERTYPES = new Set([0x8100, 0x88a8, 0x9100]);
const IP_PROTOCOL_TCP = 6;

/** AF_INET is 2 everywhere; AF_INET6 is 10 on Linux, 24 on NetBSD/OpenBSD, 28 on FreeBSD, 30 on macOS. */
const LOOPBACK_IP_FAMILIES = new Set([2, 10, 24, 28, 30]);

export function decodePacket(linkType: number, data: Uint8Array): DecodedPacket {
  const packet = new Packet(data);
  switch (linkType) {
    case LINKTYPE_ETHERNET:
      return decodeEthernet(packet);
    case LINKTYPE_LINUX_SLL:
      if (data.length < 16) return malformed('Linux cooked (SLL) header is cut short');
      return decodeByEthertype(packet, packet.u16(14), 16);
    case LINKTYPE_LINUX_SLL2:
      if (data.length < 20) return malformed('Linux cooked v2 (SLL2) header is cut short');
      return decodeByEthertype(packet, packet.u16(0), 20);
    case LINKTYPE_RAW:
    case LINKTYPE_RAW_BSD:
    case LINKTYPE_RAW_OPENBSD:
    case LINKTYPE_IPV4:
    case LINKTYPE_IPV6:
      return decodeIp(packet, 0);
    case LINKTYPE_NULL:
    case LINKTYPE_LOOP: {
      if (data.length < 4) return malformed('loopback header is cut short');
      // NULL writes the family in the capturing host's byte order, which the file does not record.
      const family = [packet.u32(0), packet.u32le(0)];
      if (!family.some((f) => LOOPBACK_IP_FAMILIES.has(f))) return skip('not-ip', `loopback address family ${packet.u32(0)}`);
      return decodeIp(packet, 4);
    }
    default:
      return skip('unsupported-link-type', `link type ${linkType}`);
  }
}

function decodeEthernet(packet: Packet): DecodedPacket {
  if (packet.length < 14) return malformed('Ethernet header is cut short');
  let etherType = packet.u16(12);
  let offset = 14;
  while (VLAN_ETHERTYPES.has(etherType)) {
    if (packet.length < offset + 4) return malformed('802.1Q VLAN tag is cut short');
    etherType = packet.u16(offset + 2);
    offset += 4;
  }
  return decodeByEthertype(packet, etherType, offset);
}

function decodeByEthertype(packet: Packet, etherType: number, offset: number): DecodedPacket {
  if (etherType === ETHERTYPE_IPV4 || etherType === ETHERTYPE_IPV6) return decodeIp(packet, offset);
  return skip('not-ip', `ethertype 0x${etherType.toString(16).padStart(4, '0')}`);
}

function decodeIp(packet: Packet, offset: number): DecodedPacket {
  if (packet.length <= offset) return malformed('no IP header');
  const version = packet.u8(offset) >> 4;
  if (version === 4) return decodeIpv4(packet, offset);
  if (version === 6) return decodeIpv6(packet, offset);
  return skip('not-ip', `IP version ${version}`);
}

function decodeIpv4(packet: Packet, start: number): DecodedPacket {
  if (packet.length - start < 20) return malformed('IPv4 header is cut short');
  const headerLength = (packet.u8(start) & 0x0f) * 4;
  if (headerLength < 20) return malformed(`IPv4 header length ${headerLength}`);
  if (packet.length - start < headerLength) return malformed('IPv4 options are cut short');
  const totalLength = packet.u16(start + 2);
  const fragment = packet.u16(start + 6);
  const moreFragments = (fragment & 0x2000) !== 0;
  const fragmentOffset = fragment & 0x1fff;
  const protocol = packet.u8(start + 9);
  if (protocol !== IP_PROTOCOL_TCP) return skip('not-tcp', `IP protocol ${protocol}`);
  if (fragmentOffset !== 0) return skip('fragment', `IPv4 fragment at offset ${fragmentOffset * 8}`);
  // Total length 0 is what TCP segmentation offload leaves in captures taken on the sending host.
  if (totalLength !== 0 && totalLength < headerLength) return malformed(`IPv4 total length ${totalLength}`);
  const declaredEnd = totalLength === 0 ? packet.length : start + totalLength;
  return decodeTcp(packet, start + headerLength, declaredEnd, moreFragments, {
    src: packet.ipv4(start + 12),
    dst: packet.ipv4(start + 16),
  });
}

const IPV6_HOP_BY_HOP = 0;
const IPV6_ROUTING = 43;
const IPV6_FRAGMENT = 44;
const IPV6_AUTHENTICATION = 51;
const IPV6_DESTINATION_OPTIONS = 60;

function decodeIpv6(packet: Packet, start: number): DecodedPacket {
  if (packet.length - start < 40) return malformed('IPv6 header is cut short');
  const payloadLength = packet.u16(start + 4);
  // Payload length 0 means a jumbogram (or offload): trust the captured length.
  const declaredEnd = payloadLength === 0 ? packet.length : start + 40 + payloadLength;
  const available = Math.min(declaredEnd, packet.length);
  let next = packet.u8(start + 6);
  let offset = start + 40;
  let moreFragments = false;
  for (;;) {
    if (next === IPV6_FRAGMENT) {
      if (available - offset < 8) return malformed('IPv6 fragment header is cut short');
      const field = packet.u16(offset + 2);
      if (field >> 3 !== 0) {
        const what = packet.u8(offset) === IP_PROTOCOL_TCP ? 'fragment' : 'not-tcp';
        return skip(what, `IPv6 fragment at offset ${(field >> 3) * 8}`);
      }
      moreFragments = (field & 1) !== 0;
      next = packet.u8(offset);
      offset += 8;
    } else if (next === IPV6_HOP_BY_HOP || next === IPV6_ROUTING || next === IPV6_DESTINATION_OPTIONS || next === IPV6_AUTHENTICATION) {
      if (available - offset < 8) return malformed(`IPv6 extension header ${next} is cut short`);
      const length = next === IPV6_AUTHENTICATION ? (packet.u8(offset + 1) + 2) * 4 : (packet.u8(offset + 1) + 1) * 8;
      next = packet.u8(offset);
      offset += length;
    } else {
      break;
    }
  }
  if (next !== IP_PROTOCOL_TCP) return skip('not-tcp', `IPv6 next header ${next}`);
  return decodeTcp(packet, offset, declaredEnd, moreFragments, {
    src: `[${packet.ipv6(start + 8)}]`,
    dst: `[${packet.ipv6(start + 24)}]`,
  });
}

function decodeTcp(
  packet: Packet,
  start: number,
  declaredEnd: number,
  moreFragments: boolean,
  hosts: { src: string; dst: string },
): DecodedPacket {
  const end = Math.min(declaredEnd, packet.length);
  if (end - start < 20) return malformed('TCP header is cut short');
  const headerLength = (packet.u8(start + 12) >> 4) * 4;
  if (headerLength < 20 || end - start < headerLength) return malformed(`TCP header length ${headerLength}`);
  const flags = packet.u8(start + 13);
  const srcPort = packet.u16(start);
  const dstPort = packet.u16(start + 2);
  return {
    kind: 'tcp',
    segment: {
      src: `${hosts.src}:${srcPort}`,
      dst: `${hosts.dst}:${dstPort}`,
      srcPort,
      dstPort,
      seq: packet.u32(start + 4),
      ack: packet.u32(start + 8),
      flags: { fin: (flags & 0x01) !== 0, syn: (flags & 0x02) !== 0, rst: (flags & 0x04) !== 0, ack: (flags & 0x10) !== 0 },
      payload: packet.bytes.subarray(start + headerLength, end),
      truncated: moreFragments || declaredEnd > packet.length,
    },
  };
}

function skip(reason: SkipReason, detail: string): DecodedPacket {
  return { kind: 'skipped', reason, detail };
}

function malformed(detail: string): DecodedPacket {
  return skip('malformed', detail);
}

/** Big-endian reads; callers check lengths first, so a read out of range is a bug here, not bad input. */
class Packet {
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  get length(): number {
    return this.bytes.length;
  }
  u8(at: number): number {
    return this.view.getUint8(at);
  }
  u16(at: number): number {
    return this.view.getUint16(at);
  }
  u32(at: number): number {
    return this.view.getUint32(at);
  }
  u32le(at: number): number {
    return this.view.getUint32(at, true);
  }
  ipv4(at: number): string {
    return `${this.u8(at)}.${this.u8(at + 1)}.${this.u8(at + 2)}.${this.u8(at + 3)}`;
  }
  ipv6(at: number): string {
    const groups = Array.from({ length: 8 }, (_, i) => this.u16(at + i * 2));
    if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) return `::ffff:${this.ipv4(at + 12)}`;
    return compressIpv6(groups);
  }
}

/** RFC 5952: lower-case, no leading zeros, "::" for the longest run of two or more zero groups (the first if tied). */
export function compressIpv6(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== 0) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === 0) j += 1;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const text = (part: readonly number[]): string => part.map((g) => g.toString(16)).join(':');
  if (bestStart < 0) return text(groups);
  return `${text(groups.slice(0, bestStart))}::${text(groups.slice(bestStart + bestLength))}`;
}
