/**
 * Reads the packet records of a capture file: classic libpcap (µs and ns, either byte order, and the
 * "modified" Kuznetzov variant) and pcapng. Everything arrives as one in-memory byte array, because
 * support engineers hand us files of a few hundred MB at most and random access keeps this simple.
 */

/** The only error a damaged or foreign capture file produces: it names the byte offset and the fault. */
export class CaptureError extends Error {
  override readonly name = 'CaptureError';
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

export type CaptureFormat = 'pcap' | 'pcapng';

export interface CaptureRecord {
  /** 1-based, in file order: the number Wireshark shows in its "No." column. */
  readonly packet: number;
  /** Where the record (pcap) or block (pcapng) starts in the file. */
  readonly offset: number;
  /** Epoch milliseconds; the fraction carries µs/ns, rounded to what a double holds. */
  readonly timeMs: number;
  /** The exact timestamp, for when a double's ~0.2 µs precision at today's epoch is not enough. */
  readonly seconds: number;
  readonly nanoseconds: number;
  readonly linkType: number;
  readonly capturedLength: number;
  readonly originalLength: number;
  /** A view into the file's bytes, not a copy. */
  readonly data: Uint8Array;
}

/** The global header of a classic pcap file. */
export interface PcapHeader {
  readonly littleEndian: boolean;
  readonly resolution: 'us' | 'ns';
  readonly versionMajor: number;
  readonly versionMinor: number;
  readonly snaplen: number;
  readonly linkType: number;
  /** Record headers are 24 bytes instead of 16 (Alexey Kuznetzov's patched libpcap). */
  readonly modified: boolean;
}

const PCAP_MAGIC_US = 0xa1b2c3d4;
const PCAP_MAGIC_NS = 0xa1b23c4d;
const PCAP_MAGIC_MODIFIED = 0xa1b2cd34;
const PCAP_HEADER_BYTES = 24;
const PCAPNG_SECTION_HEADER = 0x0a0d0d0a;
const PCAPNG_BYTE_ORDER_MAGIC = 0x1a2b3c4d;

/** Date cannot represent more than ±8.64e15 ms; a timestamp beyond it is corruption, not a packet. */
const MAX_SECONDS = 8.64e12 - 1;

/**
 * ISO 8601 with milliseconds. It works from the exact timestamp because `timeMs` may have rounded
 * up into the next millisecond (…20.9999999 s is 21.000 as a double), and a frame must not appear
 * to come later than the packet that carried it.
 */
export function isoTime(time: { readonly seconds: number; readonly nanoseconds: number }): string {
  return new Date(time.seconds * 1000 + Math.floor(time.nanoseconds / 1e6)).toISOString();
}

export function captureFormat(bytes: Uint8Array): CaptureFormat {
  if (bytes.length < 4) {
    throw new CaptureError(0, `not a pcap or pcapng capture file: it is only ${bytes.length} bytes long`);
  }
  const view = viewOf(bytes);
  const magic = view.getUint32(0);
  if (magic === PCAPNG_SECTION_HEADER) return 'pcapng';
  if (isPcapMagic(magic) || isPcapMagic(view.getUint32(0, true))) return 'pcap';
  const start = [...bytes.subarray(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  const hint = bytes[0] === 0x1f && bytes[1] === 0x8b ? ' (it looks gzip-compressed: gunzip it first)' : '';
  throw new CaptureError(0, `not a pcap or pcapng capture file: it starts with bytes ${start}, not a capture magic number${hint}`);
}

/** Every packet record, in file order. Throws CaptureError where the file stops making sense. */
export function* readCaptureRecords(bytes: Uint8Array): Generator<CaptureRecord> {
  // A Node Buffer's subarrays are Buffers, whose slice() does not copy: hand out plain views.
  const plain = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (captureFormat(plain) === 'pcapng') yield* readPcapngRecords(plain);
  else yield* readPcapRecords(plain);
}

export function readPcapHeader(bytes: Uint8Array): PcapHeader {
  const format = captureFormat(bytes);
  if (format !== 'pcap') throw new CaptureError(0, `this is a ${format} file, not a classic pcap file`);
  if (bytes.length < PCAP_HEADER_BYTES) {
    throw new CaptureError(0, `pcap file header at offset 0 is truncated: ${bytes.length} of ${PCAP_HEADER_BYTES} bytes`);
  }
  const view = viewOf(bytes);
  const littleEndian = !isPcapMagic(view.getUint32(0));
  const magic = view.getUint32(0, littleEndian);
  const header: PcapHeader = {
    littleEndian,
    resolution: magic === PCAP_MAGIC_NS ? 'ns' : 'us',
    versionMajor: view.getUint16(4, littleEndian),
    versionMinor: view.getUint16(6, littleEndian),
    snaplen: view.getUint32(16, littleEndian),
    // The upper 16 bits may carry FCS-length flags; the link type is the low half.
    linkType: view.getUint32(20, littleEndian) & 0xffff,
    modified: magic === PCAP_MAGIC_MODIFIED,
  };
  if (header.versionMajor !== 2) {
    throw new CaptureError(4, `unsupported pcap version ${header.versionMajor}.${header.versionMinor} at offset 4 (expected 2.x)`);
  }
  return header;
}

function* readPcapRecords(bytes: Uint8Array): Generator<CaptureRecord> {
  const header = readPcapHeader(bytes);
  const view = viewOf(bytes);
  const le = header.littleEndian;
  const recordHeaderBytes = header.modified ? 24 : 16;
  const fractionToNs = header.resolution === 'ns' ? 1 : 1000;
  let offset = PCAP_HEADER_BYTES;
  let packet = 0;
  // thiszone/sigfigs are ignored as every writer since the 1990s sets them to 0 and timestamps are UTC.
  while (offset < bytes.length) {
    if (bytes.length - offset < recordHeaderBytes) {
      throw new CaptureError(
        offset,
        `record header at offset ${offset} is truncated: ${bytes.length - offset} of ${recordHeaderBytes} bytes`,
      );
    }
    const seconds = view.getUint32(offset, le);
    const nanoseconds = view.getUint32(offset + 4, le) * fractionToNs;
    const capturedLength = view.getUint32(offset + 8, le);
    const originalLength = view.getUint32(offset + 12, le);
    const dataStart = offset + recordHeaderBytes;
    if (capturedLength > bytes.length - dataStart) {
      throw new CaptureError(
        offset,
        `record at offset ${offset} is truncated: it declares ${capturedLength} captured bytes but the file has ${bytes.length - dataStart} left`,
      );
    }
    packet += 1;
    yield {
      packet,
      offset,
      ...timestamp(seconds, nanoseconds),
      linkType: header.linkType,
      capturedLength,
      originalLength,
      data: bytes.subarray(dataStart, dataStart + capturedLength),
    };
    offset = dataStart + capturedLength;
  }
}

interface PcapngInterface {
  readonly linkType: number;
  readonly snaplen: number;
  readonly ticksPerSecond: bigint;
  readonly offsetSeconds: bigint;
}

/** A pcapng block whose framing (lengths, bounds) has been checked. */
interface Block {
  readonly type: number;
  readonly offset: number;
  readonly bodyStart: number;
  readonly bodyEnd: number;
}

const INTERFACE_DESCRIPTION_BLOCK = 1;
const OBSOLETE_PACKET_BLOCK = 2;
const SIMPLE_PACKET_BLOCK = 3;
const ENHANCED_PACKET_BLOCK = 6;

function* readPcapngRecords(bytes: Uint8Array): Generator<CaptureRecord> {
  const view = viewOf(bytes);
  let le = true;
  let interfaces: PcapngInterface[] = [];
  let offset = 0;
  let packet = 0;
  // Simple Packet Blocks carry no timestamp; giving them the previous packet's keeps time order sane.
  let lastTime = timestamp(0, 0);
  while (offset < bytes.length) {
    if (bytes.length - offset < 12) {
      throw new CaptureError(offset, `block header at offset ${offset} is truncated: ${bytes.length - offset} of at least 12 bytes`);
    }
    if (view.getUint32(offset) === PCAPNG_SECTION_HEADER) {
      le = sectionByteOrder(view, offset);
      interfaces = [];
    }
    const block = checkedBlock(view, offset, le);
    const u32 = (at: number): number => view.getUint32(at, le);
    const body = block.bodyStart;
    switch (block.type) {
      case PCAPNG_SECTION_HEADER: {
        requireBody(block, 16, 'section header block');
        const major = view.getUint16(body + 4, le);
        if (major !== 1) {
          throw new CaptureError(body + 4, `unsupported pcapng version ${major}.${view.getUint16(body + 6, le)} at offset ${body + 4} (expected 1.x)`);
        }
        break;
      }
      case INTERFACE_DESCRIPTION_BLOCK:
        requireBody(block, 8, 'interface description block');
        interfaces.push(interfaceOf(view, block, le));
        break;
      case ENHANCED_PACKET_BLOCK: {
        requireBody(block, 20, 'enhanced packet block');
        const iface = interfaceAt(interfaces, u32(body), block);
        lastTime = pcapngTime(iface, u32(body + 4), u32(body + 8), block);
        const capturedLength = u32(body + 12);
        packet += 1;
        yield packetRecord(bytes, block, body + 20, capturedLength, u32(body + 16), iface, lastTime, packet);
        break;
      }
      case OBSOLETE_PACKET_BLOCK: {
        requireBody(block, 20, 'packet block');
        const iface = interfaceAt(interfaces, view.getUint16(body, le), block);
        lastTime = pcapngTime(iface, u32(body + 4), u32(body + 8), block);
        packet += 1;
        yield packetRecord(bytes, block, body + 20, u32(body + 12), u32(body + 16), iface, lastTime, packet);
        break;
      }
      case SIMPLE_PACKET_BLOCK: {
        requireBody(block, 4, 'simple packet block');
        const iface = interfaceAt(interfaces, 0, block);
        const originalLength = u32(body);
        // The captured length is implied: whatever fits in the block and the interface's snaplen.
        const room = block.bodyEnd - (body + 4);
        const capturedLength = Math.min(originalLength, room, iface.snaplen === 0 ? room : iface.snaplen);
        packet += 1;
        yield packetRecord(bytes, block, body + 4, capturedLength, originalLength, iface, lastTime, packet);
        break;
      }
      default:
        // Name resolution, statistics, decryption secrets, custom blocks: nothing a stream needs.
        break;
    }
    offset = block.bodyEnd + 4;
  }
}

function sectionByteOrder(view: DataView, offset: number): boolean {
  if (view.byteLength - offset < 12) {
    throw new CaptureError(offset, `section header block at offset ${offset} is truncated`);
  }
  const bom = view.getUint32(offset + 8, true);
  if (bom === PCAPNG_BYTE_ORDER_MAGIC) return true;
  if (view.getUint32(offset + 8, false) === PCAPNG_BYTE_ORDER_MAGIC) return false;
  throw new CaptureError(
    offset + 8,
    `section header block at offset ${offset} has byte-order magic 0x${bom.toString(16).padStart(8, '0')}, not 0x1a2b3c4d: not a valid pcapng file`,
  );
}

function checkedBlock(view: DataView, offset: number, le: boolean): Block {
  const type = view.getUint32(offset, le);
  const length = view.getUint32(offset + 4, le);
  if (length < 12 || length % 4 !== 0) {
    throw new CaptureError(offset, `block at offset ${offset} declares length ${length}, which is not a multiple of 4 of at least 12`);
  }
  const left = view.byteLength - offset;
  if (length > left) {
    throw new CaptureError(offset, `block at offset ${offset} is truncated: it declares ${length} bytes but the file has ${left} left`);
  }
  const trailer = view.getUint32(offset + length - 4, le);
  if (trailer !== length) {
    throw new CaptureError(
      offset + length - 4,
      `block at offset ${offset} declares length ${length} at its start but ${trailer} at its end (offset ${offset + length - 4})`,
    );
  }
  return { type, offset, bodyStart: offset + 8, bodyEnd: offset + length - 4 };
}

function requireBody(block: Block, bytes: number, what: string): void {
  if (block.bodyEnd - block.bodyStart < bytes) {
    throw new CaptureError(block.offset, `${what} at offset ${block.offset} is too short: its body has ${block.bodyEnd - block.bodyStart} of ${bytes} bytes`);
  }
}

function interfaceAt(interfaces: readonly PcapngInterface[], id: number, block: Block): PcapngInterface {
  const iface = interfaces[id];
  if (!iface) {
    throw new CaptureError(
      block.offset,
      `packet block at offset ${block.offset} refers to interface ${id}, but its section describes ${interfaces.length}`,
    );
  }
  return iface;
}

const OPTION_END = 0;
const OPTION_IF_TSRESOL = 9;
const OPTION_IF_TSOFFSET = 14;

function interfaceOf(view: DataView, block: Block, le: boolean): PcapngInterface {
  let ticksPerSecond = 1_000_000n;
  let offsetSeconds = 0n;
  let at = block.bodyStart + 8;
  while (block.bodyEnd - at >= 4) {
    const code = view.getUint16(at, le);
    const length = view.getUint16(at + 2, le);
    if (code === OPTION_END) break;
    const value = at + 4;
    if (length > block.bodyEnd - value) {
      throw new CaptureError(at, `option ${code} at offset ${at} overruns its interface description block (offset ${block.offset})`);
    }
    if (code === OPTION_IF_TSRESOL && length >= 1) {
      const resolution = view.getUint8(value);
      const exponent = BigInt(resolution & 0x7f);
      // High bit set: the resolution is a negative power of 2, otherwise of 10.
      ticksPerSecond = resolution & 0x80 ? 2n ** exponent : 10n ** exponent;
    } else if (code === OPTION_IF_TSOFFSET && length >= 8) {
      offsetSeconds = view.getBigInt64(value, le);
    }
    at = value + Math.ceil(length / 4) * 4;
  }
  return {
    linkType: view.getUint16(block.bodyStart, le),
    snaplen: view.getUint32(block.bodyStart + 4, le),
    ticksPerSecond,
    offsetSeconds,
  };
}

interface Timestamp {
  readonly timeMs: number;
  readonly seconds: number;
  readonly nanoseconds: number;
}

function timestamp(seconds: number, nanoseconds: number): Timestamp {
  return { timeMs: seconds * 1000 + nanoseconds / 1e6, seconds, nanoseconds };
}

function pcapngTime(iface: PcapngInterface, high: number, low: number, block: Block): Timestamp {
  const ticks = (BigInt(high) << 32n) | BigInt(low);
  const seconds = ticks / iface.ticksPerSecond + iface.offsetSeconds;
  const nanoseconds = Number(((ticks % iface.ticksPerSecond) * 1_000_000_000n) / iface.ticksPerSecond);
  if (seconds > BigInt(MAX_SECONDS) || seconds < -BigInt(MAX_SECONDS)) {
    throw new CaptureError(block.offset, `packet block at offset ${block.offset} has a timestamp ${seconds} s from 1970, beyond any date`);
  }
  return timestamp(Number(seconds), nanoseconds);
}

function packetRecord(
  bytes: Uint8Array,
  block: Block,
  dataStart: number,
  capturedLength: number,
  originalLength: number,
  iface: PcapngInterface,
  time: Timestamp,
  packet: number,
): CaptureRecord {
  if (capturedLength > block.bodyEnd - dataStart) {
    throw new CaptureError(
      block.offset,
      `packet block at offset ${block.offset} declares ${capturedLength} captured bytes but holds only ${block.bodyEnd - dataStart}`,
    );
  }
  return {
    packet,
    offset: block.offset,
    ...time,
    linkType: iface.linkType,
    capturedLength,
    originalLength,
    data: bytes.subarray(dataStart, dataStart + capturedLength),
  };
}

function isPcapMagic(magic: number): boolean {
  return magic === PCAP_MAGIC_US || magic === PCAP_MAGIC_NS || magic === PCAP_MAGIC_MODIFIED;
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
