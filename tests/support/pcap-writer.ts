/**
 * Builds capture files byte by byte, so capture-reading tests need no binary fixtures:
 * classic pcap and pcapng containers, and Ethernet/SLL/IPv4/IPv6/TCP packets with correct lengths.
 * Checksums are left zero: readers of captures must not rely on them (offload leaves them wrong anyway).
 */

export interface TcpSpec {
  /** "10.0.0.1:50000" or "[2001:db8::1]:50000". */
  src: string;
  dst: string;
  seq: number;
  ack?: number;
  flags?: { syn?: boolean; ack?: boolean; fin?: boolean; rst?: boolean };
  payload?: Uint8Array;
}

export interface PcapRecord {
  /** Epoch seconds and the fraction in the file's unit (µs, or ns with `nanoseconds`). */
  seconds: number;
  fraction: number;
  data: Uint8Array;
  /** Defaults to data.length; larger means snaplen cut the packet. */
  originalLength?: number;
}

export interface PcapOptions {
  linkType: number;
  nanoseconds?: boolean;
  bigEndian?: boolean;
  snaplen?: number;
}

export function pcapFile(records: readonly PcapRecord[], options: PcapOptions): Uint8Array {
  const le = !options.bigEndian;
  const header = new Writer(24, le)
    .u32(options.nanoseconds ? 0xa1b23c4d : 0xa1b2c3d4)
    .u16(2)
    .u16(4)
    .u32(0)
    .u32(0)
    .u32(options.snaplen ?? 262144)
    .u32(options.linkType).bytes;
  const parts = [header];
  for (const record of records) {
    parts.push(
      new Writer(16, le).u32(record.seconds).u32(record.fraction).u32(record.data.length).u32(record.originalLength ?? record.data.length).bytes,
      record.data,
    );
  }
  return concatBytes(parts);
}

/** pcapng blocks; concatenate them (starting with a section header) to make a file. */
export class PcapngBlocks {
  constructor(private readonly bigEndian = false) {}

  sectionHeader(): Uint8Array {
    return this.block(0x0a0d0d0a, new Writer(16, !this.bigEndian).u32(0x1a2b3c4d).u16(1).u16(0).u32(0xffffffff).u32(0xffffffff).bytes);
  }

  /** `tsresol` is the raw if_tsresol byte (6 = µs, 9 = ns, 0x80|n = 2^-n); omitted means µs. */
  interfaceDescription(linkType: number, tsresol?: number): Uint8Array {
    const le = !this.bigEndian;
    const fixed = new Writer(8, le).u16(linkType).u16(0).u32(0).bytes;
    const options =
      tsresol === undefined ? new Uint8Array(0) : new Writer(12, le).u16(9).u16(1).u8(tsresol).u8(0).u8(0).u8(0).u16(0).u16(0).bytes;
    return this.block(1, concatBytes([fixed, options]));
  }

  enhancedPacket(interfaceId: number, ticks: bigint, data: Uint8Array): Uint8Array {
    const fixed = new Writer(20, !this.bigEndian)
      .u32(interfaceId)
      .u32(Number(ticks >> 32n))
      .u32(Number(ticks & 0xffffffffn))
      .u32(data.length)
      .u32(data.length).bytes;
    return this.block(6, concatBytes([fixed, padded(data)]));
  }

  simplePacket(data: Uint8Array): Uint8Array {
    return this.block(3, concatBytes([new Writer(4, !this.bigEndian).u32(data.length).bytes, padded(data)]));
  }

  /** A block type readers must skip (here a Name Resolution Block with only its end marker). */
  nameResolution(): Uint8Array {
    return this.block(4, new Writer(4, !this.bigEndian).u16(0).u16(0).bytes);
  }

  private block(type: number, body: Uint8Array): Uint8Array {
    const length = 12 + body.length;
    const le = !this.bigEndian;
    return concatBytes([new Writer(8, le).u32(type).u32(length).bytes, body, new Writer(4, le).u32(length).bytes]);
  }
}

export function tcpSegment(spec: TcpSpec): Uint8Array {
  const payload = spec.payload ?? new Uint8Array(0);
  const flags = spec.flags ?? { ack: true };
  const flagBits = (flags.fin ? 0x01 : 0) | (flags.syn ? 0x02 : 0) | (flags.rst ? 0x04 : 0) | (flags.ack ? 0x10 : 0);
  const header = new Writer(20, false)
    .u16(parseEndpoint(spec.src).port)
    .u16(parseEndpoint(spec.dst).port)
    .u32(spec.seq >>> 0)
    .u32((spec.ack ?? 0) >>> 0)
    .u8(5 << 4)
    .u8(flagBits)
    .u16(65535)
    .u16(0)
    .u16(0).bytes;
  return concatBytes([header, payload]);
}

export interface Ipv4Options {
  /** Fragment offset in bytes (a multiple of 8). */
  fragmentOffset?: number;
  moreFragments?: boolean;
  protocol?: number;
}

export function ipv4Packet(src: string, dst: string, payload: Uint8Array, options: Ipv4Options = {}): Uint8Array {
  const fragment = ((options.fragmentOffset ?? 0) / 8) | (options.moreFragments ? 0x2000 : 0);
  const header = new Writer(20, false)
    .u8(0x45)
    .u8(0)
    .u16(20 + payload.length)
    .u16(0x1234)
    .u16(fragment)
    .u8(64)
    .u8(options.protocol ?? 6)
    .u16(0)
    .raw(ipv4Bytes(src))
    .raw(ipv4Bytes(dst)).bytes;
  return concatBytes([header, payload]);
}

/** Extension headers are given as [type, body]; bodies are padded to the 8-byte unit the header needs. */
export function ipv6Packet(src: string, dst: string, payload: Uint8Array, extensions: readonly [number, Uint8Array][] = []): Uint8Array {
  const chain: Uint8Array[] = [];
  const types = [...extensions.map(([type]) => type), 6];
  extensions.forEach(([, body], i) => {
    const size = Math.ceil((body.length + 2) / 8) * 8;
    const header = new Uint8Array(size);
    header[0] = types[i + 1] ?? 6;
    header[1] = size / 8 - 1;
    header.set(body, 2);
    chain.push(header);
  });
  const rest = concatBytes([...chain, payload]);
  const header = new Writer(40, false)
    .u32(0x60000000)
    .u16(rest.length)
    .u8(types[0] ?? 6)
    .u8(64)
    .raw(ipv6Bytes(src))
    .raw(ipv6Bytes(dst)).bytes;
  return concatBytes([header, rest]);
}

export interface EthernetOptions {
  vlan?: number;
  /** Pad the frame to this many bytes, as NICs do up to the 60-byte minimum. */
  padTo?: number;
}

export function ethernetFrame(etherType: number, payload: Uint8Array, options: EthernetOptions = {}): Uint8Array {
  const macs = Uint8Array.of(0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x00, 0x66, 0x77, 0x88, 0x99, 0xaa);
  const tag = options.vlan === undefined ? new Uint8Array(0) : new Writer(4, false).u16(0x8100).u16(options.vlan).bytes;
  const frame = concatBytes([macs, tag, new Writer(2, false).u16(etherType).bytes, payload]);
  const padding = Math.max(0, (options.padTo ?? 0) - frame.length);
  return concatBytes([frame, new Uint8Array(padding).fill(0xee)]);
}

/** Linux cooked capture v1 (what `tcpdump -i any` writes). */
export function sllFrame(etherType: number, payload: Uint8Array): Uint8Array {
  const header = new Writer(16, false).u16(0).u16(1).u16(6).raw(Uint8Array.of(0, 0x11, 0x22, 0x33, 0x44, 0x55, 0, 0)).u16(etherType).bytes;
  return concatBytes([header, payload]);
}

export function ethernetIpv4Tcp(spec: TcpSpec, options: EthernetOptions = {}): Uint8Array {
  return ethernetFrame(0x0800, ipv4Packet(parseEndpoint(spec.src).host, parseEndpoint(spec.dst).host, tcpSegment(spec)), options);
}

export function sllIpv6Tcp(spec: TcpSpec): Uint8Array {
  return sllFrame(0x86dd, ipv6Packet(parseEndpoint(spec.src).host, parseEndpoint(spec.dst).host, tcpSegment(spec)));
}

export function fromHex(text: string): Uint8Array {
  const digits = text.replace(/\s+/g, '');
  return Uint8Array.from({ length: digits.length / 2 }, (_, i) => parseInt(digits.slice(i * 2, i * 2 + 2), 16));
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}

export function parseEndpoint(endpoint: string): { host: string; port: number } {
  const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(endpoint);
  if (!match?.[1] || !match[2]) throw new Error(`bad endpoint ${endpoint}`);
  return { host: match[1], port: Number(match[2]) };
}

function ipv4Bytes(address: string): Uint8Array {
  return Uint8Array.from(address.split('.').map(Number));
}

function ipv6Bytes(address: string): Uint8Array {
  const [head = '', tail] = address.split('::');
  const groups = (text: string | undefined): number[] => (text ? text.split(':').map((g) => parseInt(g, 16)) : []);
  const left = groups(head);
  const right = groups(tail);
  const all = tail === undefined ? left : [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  const writer = new Writer(16, false);
  for (const group of all) writer.u16(group);
  return writer.bytes;
}

function padded(data: Uint8Array): Uint8Array {
  return concatBytes([data, new Uint8Array((4 - (data.length % 4)) % 4)]);
}

class Writer {
  readonly bytes: Uint8Array;
  private readonly view: DataView;
  private offset = 0;
  constructor(
    size: number,
    private readonly le: boolean,
  ) {
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
  }
  u8(value: number): this {
    this.view.setUint8(this.offset, value);
    this.offset += 1;
    return this;
  }
  u16(value: number): this {
    this.view.setUint16(this.offset, value, this.le);
    this.offset += 2;
    return this;
  }
  u32(value: number): this {
    this.view.setUint32(this.offset, value, this.le);
    this.offset += 4;
    return this;
  }
  raw(bytes: Uint8Array): this {
    this.bytes.set(bytes, this.offset);
    this.offset += bytes.length;
    return this;
  }
}
