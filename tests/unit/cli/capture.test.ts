import { describe, expect, it } from 'vitest';
import { readGed188Capture, type CaptureEntry, type CaptureFrame } from '../../../cli/capture/ged188-capture.js';
import { compressIpv6, decodePacket, type DecodedPacket, type TcpSegment } from '../../../cli/capture/packet-layers.js';
import { CaptureError, isoTime, readCaptureRecords, readPcapHeader } from '../../../cli/capture/pcap-file.js';
import { TcpReassembler, type StreamEvent } from '../../../cli/capture/tcp-reassembly.js';
import {
  PcapngBlocks,
  concatBytes,
  ethernetFrame,
  ethernetIpv4Tcp,
  fromHex,
  ipv4Packet,
  ipv6Packet,
  pcapFile,
  sllFrame,
  sllIpv6Tcp,
  tcpSegment,
  type PcapRecord,
  type TcpSpec,
} from '../../support/pcap-writer.js';

const HEARTBEAT_REQ = fromHex('00000004 00000005 00000007');
const HEARTBEAT_CONF = fromHex('00000004 00000006 00000007');
/** A made-up 200-byte body behind a real header shape, long enough to split across segments. */
const LONG_FRAME = concatBytes([fromHex('000000c8 00000003'), Uint8Array.from({ length: 200 }, (_, i) => (i * 7) & 0xff)]);

const CLIENT = '10.1.1.10:51000';
const SERVER = '10.1.1.20:42027';
const LINKTYPE_ETHERNET = 1;
const LINKTYPE_SLL = 113;
/** 2023-11-14T22:13:20Z */
const EPOCH_S = 1_700_000_000;

/** One TCP direction: hands out segments with consecutive sequence numbers. */
class Flow {
  constructor(
    readonly src: string,
    readonly dst: string,
    private seq: number,
  ) {}
  syn(ack = false): TcpSpec {
    const spec = { src: this.src, dst: this.dst, seq: this.seq, flags: { syn: true, ack } };
    this.seq = (this.seq + 1) >>> 0;
    return spec;
  }
  send(payload: Uint8Array, flags: TcpSpec['flags'] = { ack: true }): TcpSpec {
    const spec = { src: this.src, dst: this.dst, seq: this.seq, payload, flags };
    this.seq = (this.seq + payload.length + (flags.fin ? 1 : 0)) >>> 0;
    return spec;
  }
}

/** Packets stamped `ms` milliseconds after EPOCH_S, as an Ethernet/IPv4 microsecond pcap. */
function ethernetCapture(packets: readonly [ms: number, spec: TcpSpec][]): Uint8Array {
  return pcapFile(
    packets.map(([ms, spec]) => at(ms, ethernetIpv4Tcp(spec))),
    { linkType: LINKTYPE_ETHERNET },
  );
}

function at(ms: number, data: Uint8Array): PcapRecord {
  return { seconds: EPOCH_S + Math.floor(ms / 1000), fraction: Math.round((ms % 1000) * 1000), data };
}

function frames(entries: readonly CaptureEntry[]): CaptureFrame[] {
  return entries.filter((e): e is CaptureFrame => !('kind' in e));
}

function warnings(entries: readonly CaptureEntry[]): string[] {
  return entries.flatMap((e) => ('kind' in e ? [e.message] : []));
}

function split(bytes: Uint8Array, ...cuts: number[]): Uint8Array[] {
  return [0, ...cuts].map((start, i) => bytes.subarray(start, cuts[i] ?? bytes.length));
}

function captureError(read: () => unknown): CaptureError {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(CaptureError);
    return error as CaptureError;
  }
  throw new Error('expected a CaptureError');
}

describe('pcap files', () => {
  it('reads the header and records of a little-endian microsecond file', () => {
    const data = ethernetIpv4Tcp({ src: CLIENT, dst: SERVER, seq: 1, payload: HEARTBEAT_REQ });
    const file = pcapFile(
      [
        { seconds: EPOCH_S, fraction: 123_456, data },
        { seconds: EPOCH_S + 1, fraction: 0, data: data.subarray(0, 40), originalLength: data.length },
      ],
      { linkType: LINKTYPE_ETHERNET, snaplen: 65535 },
    );
    expect(readPcapHeader(file)).toEqual({
      littleEndian: true,
      resolution: 'us',
      versionMajor: 2,
      versionMinor: 4,
      snaplen: 65535,
      linkType: 1,
      modified: false,
    });
    const [first, second, ...rest] = [...readCaptureRecords(file)];
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ packet: 1, offset: 24, seconds: EPOCH_S, nanoseconds: 123_456_000, linkType: 1 });
    expect(first?.timeMs).toBeCloseTo(EPOCH_S * 1000 + 123.456, 3);
    expect(first?.data).toEqual(data);
    expect(isoTime(first ?? { seconds: 0, nanoseconds: 0 })).toBe('2023-11-14T22:13:20.123Z');
    expect(second).toMatchObject({ packet: 2, offset: 24 + 16 + data.length, capturedLength: 40, originalLength: data.length });
  });

  it('reads big-endian files with nanosecond timestamps', () => {
    const file = pcapFile([{ seconds: EPOCH_S, fraction: 999_999_999, data: Uint8Array.of(1, 2, 3) }], {
      linkType: 101,
      nanoseconds: true,
      bigEndian: true,
    });
    expect(readPcapHeader(file)).toMatchObject({ littleEndian: false, resolution: 'ns', linkType: 101 });
    const [record] = [...readCaptureRecords(file)];
    expect(record).toMatchObject({ seconds: EPOCH_S, nanoseconds: 999_999_999, data: Uint8Array.of(1, 2, 3) });
    // Milliseconds are cut, not rounded into the next second.
    expect(isoTime(record ?? { seconds: 0, nanoseconds: 0 })).toBe('2023-11-14T22:13:20.999Z');
  });

  it('reads the modified pcap format with its 24-byte record headers', () => {
    const file = pcapFile([{ seconds: EPOCH_S, fraction: 5, data: Uint8Array.of(9, 9) }], { linkType: 1 });
    file.set([0x34, 0xcd, 0xb2, 0xa1], 0);
    const modified = concatBytes([file.subarray(0, 40), new Uint8Array(8), file.subarray(40)]);
    expect([...readCaptureRecords(modified)].map((r) => [...r.data])).toEqual([[9, 9]]);
  });

  it('names the offset of a truncated record header', () => {
    const file = ethernetCapture([[0, { src: CLIENT, dst: SERVER, seq: 1, payload: HEARTBEAT_REQ }]]);
    const cut = file.subarray(0, 24 + 10);
    const error = captureError(() => [...readCaptureRecords(cut)]);
    expect(error.offset).toBe(24);
    expect(error.message).toBe('record header at offset 24 is truncated: 10 of 16 bytes');
  });

  it('decodes what precedes a cut-off last record and warns with the offset of the cut', () => {
    const file = ethernetCapture([
      [0, { src: CLIENT, dst: SERVER, seq: 1, payload: HEARTBEAT_REQ }],
      [1, { src: CLIENT, dst: SERVER, seq: 13, payload: HEARTBEAT_REQ }],
    ]);
    const secondRecord = 24 + 16 + (file.length - 24 - 32) / 2;
    const entries = readGed188Capture(file.subarray(0, file.length - 5));
    expect(frames(entries)).toHaveLength(1);
    const warning = entries.find((e) => 'kind' in e);
    expect(warning && 'message' in warning ? warning.message : '').toContain(
      `record at offset ${secondRecord} is truncated: it declares 66 captured bytes but the file has 61 left`,
    );
  });

  it('names the offset when the first record is already cut short', () => {
    const file = ethernetCapture([[0, { src: CLIENT, dst: SERVER, seq: 1, payload: HEARTBEAT_REQ }]]);
    const error = captureError(() => readGed188Capture(file.subarray(0, file.length - 5)));
    expect(error.offset).toBe(24);
  });

  it('names a truncated global header', () => {
    const error = captureError(() => readGed188Capture(pcapFile([], { linkType: 1 }).subarray(0, 20)));
    expect(error.message).toBe('pcap file header at offset 0 is truncated: 20 of 24 bytes');
  });

  it('says a file that is not a capture is not a pcap file', () => {
    const text = new TextEncoder().encode('GET / HTTP/1.1\r\nHost: example\r\n\r\n');
    expect(captureError(() => readGed188Capture(text)).message).toBe(
      'not a pcap or pcapng capture file: it starts with bytes 47 45 54 20, not a capture magic number',
    );
    expect(captureError(() => readGed188Capture(new Uint8Array(0))).message).toBe(
      'not a pcap or pcapng capture file: it is only 0 bytes long',
    );
    expect(captureError(() => readGed188Capture(Uint8Array.of(0x1f, 0x8b, 8, 0, 0))).message).toMatch(/gunzip it first/);
  });

  it('rejects a pcap version it does not know', () => {
    const file = pcapFile([], { linkType: 1 });
    file.set([3, 0], 4);
    expect(captureError(() => readGed188Capture(file)).message).toBe('unsupported pcap version 3.4 at offset 4 (expected 2.x)');
  });

  it('accepts a Node Buffer that is a view into a larger pool', () => {
    const file = ethernetCapture([[0, { src: CLIENT, dst: SERVER, seq: 1, payload: HEARTBEAT_REQ }]]);
    const pooled = Buffer.concat([Buffer.alloc(7), Buffer.from(file)]).subarray(7);
    expect(frames(readGed188Capture(pooled)).map((f) => f.frame)).toEqual([HEARTBEAT_REQ]);
  });
});

describe('pcapng files', () => {
  const packet = ethernetIpv4Tcp({ src: CLIENT, dst: SERVER, seq: 1, payload: HEARTBEAT_REQ });

  it('reads enhanced and simple packet blocks with per-interface link types and resolutions', () => {
    const ng = new PcapngBlocks();
    const sll = sllIpv6Tcp({ src: '[2001:db8::1]:51000', dst: '[2001:db8::2]:42027', seq: 1, payload: HEARTBEAT_CONF });
    const file = concatBytes([
      ng.sectionHeader(),
      ng.interfaceDescription(LINKTYPE_ETHERNET),
      ng.interfaceDescription(LINKTYPE_SLL, 9),
      ng.nameResolution(),
      ng.enhancedPacket(0, BigInt(EPOCH_S) * 1_000_000n + 250_000n, packet),
      ng.enhancedPacket(1, BigInt(EPOCH_S) * 1_000_000_000n + 500_000_001n, sll),
      ng.simplePacket(packet.subarray(0, 61)),
    ]);
    const records = [...readCaptureRecords(file)];
    expect(records.map((r) => [r.packet, r.linkType, r.seconds, r.nanoseconds, r.capturedLength])).toEqual([
      [1, 1, EPOCH_S, 250_000_000, packet.length],
      [2, 113, EPOCH_S, 500_000_001, sll.length],
      // A simple packet block has no timestamp: it takes the previous packet's.
      [3, 1, EPOCH_S, 500_000_001, 61],
    ]);
    expect(records[1]?.data).toEqual(sll);
    expect(records[2]?.data).toEqual(packet.subarray(0, 61));
  });

  it('reads big-endian sections, power-of-two resolutions, and a second section that resets the interfaces', () => {
    const be = new PcapngBlocks(true);
    const le = new PcapngBlocks();
    const file = concatBytes([
      be.sectionHeader(),
      be.interfaceDescription(LINKTYPE_ETHERNET, 0x80 | 10),
      be.enhancedPacket(0, BigInt(EPOCH_S) * 1024n + 512n, packet),
      le.sectionHeader(),
      le.interfaceDescription(101),
      le.enhancedPacket(0, 0n, Uint8Array.of(0x45)),
    ]);
    const records = [...readCaptureRecords(file)];
    expect(records.map((r) => [r.linkType, r.seconds, r.nanoseconds])).toEqual([
      [1, EPOCH_S, 500_000_000],
      [101, 0, 0],
    ]);
  });

  it('decodes GED-188 frames from a pcapng capture', () => {
    const ng = new PcapngBlocks();
    const file = concatBytes([ng.sectionHeader(), ng.interfaceDescription(LINKTYPE_ETHERNET), ng.enhancedPacket(0, BigInt(EPOCH_S) * 1_000_000n, packet)]);
    expect(frames(readGed188Capture(file)).map((f) => [f.time, f.direction, f.frame])).toEqual([
      ['2023-11-14T22:13:20.000Z', 'client->server', HEARTBEAT_REQ],
    ]);
  });

  it('names the offset of a truncated or inconsistent block', () => {
    const ng = new PcapngBlocks();
    const head = concatBytes([ng.sectionHeader(), ng.interfaceDescription(LINKTYPE_ETHERNET)]);
    const file = concatBytes([head, ng.enhancedPacket(0, 0n, packet)]);
    const blockLength = file.length - head.length;
    expect(captureError(() => [...readCaptureRecords(file.subarray(0, file.length - 1))]).message).toBe(
      `block at offset ${head.length} is truncated: it declares ${blockLength} bytes but the file has ${blockLength - 1} left`,
    );
    expect(captureError(() => [...readCaptureRecords(file.subarray(0, head.length + 6))]).message).toBe(
      `block header at offset ${head.length} is truncated: 6 of at least 12 bytes`,
    );
    const badTrailer = file.slice();
    badTrailer[badTrailer.length - 4] = 0xff;
    expect(captureError(() => [...readCaptureRecords(badTrailer)]).offset).toBe(file.length - 4);
  });

  it('rejects a packet for an interface the section never described, and a bad byte-order magic', () => {
    const ng = new PcapngBlocks();
    const orphan = concatBytes([ng.sectionHeader(), ng.enhancedPacket(0, 0n, packet)]);
    expect(captureError(() => [...readCaptureRecords(orphan)]).message).toBe(
      'packet block at offset 28 refers to interface 0, but its section describes 0',
    );
    const badMagic = ng.sectionHeader();
    badMagic.set([1, 2, 3, 4], 8);
    expect(captureError(() => [...readCaptureRecords(badMagic)]).message).toMatch(/byte-order magic 0x04030201, not 0x1a2b3c4d/);
  });
});

describe('decodePacket', () => {
  const tcp = (decoded: DecodedPacket): TcpSegment => {
    if (decoded.kind !== 'tcp') throw new Error(`expected TCP, got ${decoded.reason}: ${decoded.detail}`);
    return decoded.segment;
  };

  it('reads Ethernet with a VLAN tag, IPv4 and TCP, cutting the Ethernet padding off', () => {
    const frame = ethernetIpv4Tcp(
      { src: CLIENT, dst: SERVER, seq: 0xfffffff0, ack: 7, flags: { ack: true, fin: true }, payload: Uint8Array.of(1, 2) },
      { vlan: 42, padTo: 64 },
    );
    expect(frame.length).toBe(64);
    expect(tcp(decodePacket(1, frame))).toEqual({
      src: CLIENT,
      dst: SERVER,
      srcPort: 51000,
      dstPort: 42027,
      seq: 0xfffffff0,
      ack: 7,
      flags: { syn: false, ack: true, fin: true, rst: false },
      payload: Uint8Array.of(1, 2),
      truncated: false,
    });
  });

  it('reads Linux cooked IPv6, skipping hop-by-hop and destination options headers', () => {
    const segment = tcpSegment({ src: '[2001:db8::10]:51000', dst: '[2001:db8:0:0:1::2]:42027', seq: 5, payload: HEARTBEAT_REQ });
    const ip = ipv6Packet('2001:db8::10', '2001:db8:0:0:1::2', segment, [
      [0, new Uint8Array(4)],
      [60, new Uint8Array(12)],
    ]);
    const decoded = tcp(decodePacket(113, sllFrame(0x86dd, ip)));
    expect(decoded).toMatchObject({ src: '[2001:db8::10]:51000', dst: '[2001:db8::1:0:0:2]:42027', seq: 5, payload: HEARTBEAT_REQ });
  });

  it('formats IPv6 addresses in RFC 5952 canonical form', () => {
    expect(compressIpv6([0x2001, 0xdb8, 0, 0, 1, 0, 0, 1])).toBe('2001:db8::1:0:0:1');
    expect(compressIpv6([0x2001, 0xdb8, 0, 0, 0, 1, 0, 0])).toBe('2001:db8::1:0:0');
    expect(compressIpv6([0x2001, 0xdb8, 0, 1, 1, 1, 1, 1])).toBe('2001:db8:0:1:1:1:1:1');
    expect(compressIpv6([0, 0, 0, 0, 0, 0, 0, 1])).toBe('::1');
    expect(compressIpv6([0xfe80, 0, 0, 0, 0, 0, 0, 0])).toBe('fe80::');
    expect(compressIpv6([0, 0, 0, 0, 0, 0, 0, 0])).toBe('::');
    expect(compressIpv6([0xabcd, 0x00ef, 0, 0, 0, 0, 0, 0x0a])).toBe('abcd:ef::a');
    const mapped = ipv6Packet('::ffff:c000:201', '::1', tcpSegment({ src: '[::1]:1', dst: '[::1]:2', seq: 0 }));
    expect(tcp(decodePacket(101, mapped)).src).toBe('[::ffff:192.0.2.1]:1');
  });

  it('reads SLL2, raw IP and both loopback encodings', () => {
    const ip = ipv4Packet('127.0.0.1', '127.0.0.2', tcpSegment({ src: '127.0.0.1:1', dst: '127.0.0.2:2', seq: 9, payload: Uint8Array.of(7) }));
    const sll2 = concatBytes([fromHex('0800 0000 00000002 0001 00 06 001122334455 0000'), ip]);
    const ip6 = ipv6Packet('::1', '::1', tcpSegment({ src: '[::1]:1', dst: '[::1]:2', seq: 9, payload: Uint8Array.of(7) }));
    const cases: [number, Uint8Array][] = [
      [276, sll2],
      [101, ip],
      [12, ip],
      [14, ip6],
      [0, concatBytes([Uint8Array.of(2, 0, 0, 0), ip])],
      [0, concatBytes([Uint8Array.of(0, 0, 0, 30), ip6])],
      [108, concatBytes([Uint8Array.of(0, 0, 0, 2), ip])],
    ];
    for (const [linkType, data] of cases) {
      expect(tcp(decodePacket(linkType, data)), `link type ${linkType}`).toMatchObject({ seq: 9, payload: Uint8Array.of(7) });
    }
  });

  it('skips what is not TCP, non-first fragments, and unknown link types, saying why', () => {
    const udp = ipv4Packet('10.0.0.1', '10.0.0.2', new Uint8Array(8), { protocol: 17 });
    const later = ipv4Packet('10.0.0.1', '10.0.0.2', new Uint8Array(8), { fragmentOffset: 1480 });
    const reasons = [
      decodePacket(1, ethernetFrame(0x0800, udp)),
      decodePacket(1, ethernetFrame(0x0806, new Uint8Array(28))),
      decodePacket(1, ethernetFrame(0x0800, later)),
      decodePacket(105, udp),
      decodePacket(0, concatBytes([Uint8Array.of(7, 0, 0, 0), udp])),
      decodePacket(1, ethernetFrame(0x0800, ipv4Packet('10.0.0.1', '10.0.0.2', new Uint8Array(10)))),
    ].map((d) => (d.kind === 'skipped' ? `${d.reason}: ${d.detail}` : 'tcp'));
    expect(reasons).toEqual([
      'not-tcp: IP protocol 17',
      'not-ip: ethertype 0x0806',
      'fragment: IPv4 fragment at offset 1480',
      'unsupported-link-type: link type 105',
      'not-ip: loopback address family 117440512',
      'malformed: TCP header is cut short',
    ]);
  });

  it('flags payload the capture does not hold in full', () => {
    const whole = ethernetIpv4Tcp({ src: CLIENT, dst: SERVER, seq: 1, payload: LONG_FRAME });
    expect(tcp(decodePacket(1, whole.subarray(0, 100)))).toMatchObject({ truncated: true, payload: LONG_FRAME.subarray(0, 46) });
    const firstFragment = ipv4Packet('10.0.0.1', '10.0.0.2', tcpSegment({ src: CLIENT, dst: SERVER, seq: 1 }), { moreFragments: true });
    expect(tcp(decodePacket(101, firstFragment)).truncated).toBe(true);
    // Segmentation offload leaves total length 0 in captures taken on the sender: trust the capture.
    const offloaded = ipv4Packet('10.0.0.1', '10.0.0.2', tcpSegment({ src: CLIENT, dst: SERVER, seq: 1, payload: HEARTBEAT_REQ }));
    offloaded.set([0, 0], 2);
    expect(tcp(decodePacket(101, offloaded))).toMatchObject({ truncated: false, payload: HEARTBEAT_REQ });
  });

  it('never throws on damaged packets', () => {
    const samples = [
      ethernetIpv4Tcp({ src: CLIENT, dst: SERVER, seq: 1, payload: HEARTBEAT_REQ }, { vlan: 3 }),
      sllIpv6Tcp({ src: '[::1]:1', dst: '[::2]:2', seq: 1, payload: HEARTBEAT_REQ }),
    ];
    const random = seededRandom(1);
    for (const linkType of [0, 1, 12, 14, 101, 108, 113, 228, 229, 276]) {
      for (const sample of samples) {
        for (let cut = 0; cut <= sample.length; cut++) decodePacket(linkType, sample.subarray(0, cut));
        for (let round = 0; round < 200; round++) {
          const damaged = sample.slice();
          damaged[Math.floor(random() * damaged.length)] = Math.floor(random() * 256);
          damaged[Math.floor(random() * 60)] = Math.floor(random() * 256);
          expect(() => decodePacket(linkType, damaged)).not.toThrow();
        }
      }
    }
  });
});

describe('TcpReassembler', () => {
  type Mark = { timeMs: number; packet: number };
  const segment = (seq: number, payload: string, flags: Partial<TcpSegment['flags']> = {}, src = CLIENT, dst = SERVER): TcpSegment => ({
    src,
    dst,
    srcPort: 0,
    dstPort: 0,
    seq: seq >>> 0,
    ack: 0,
    flags: { syn: false, ack: true, fin: false, rst: false, ...flags },
    payload: new TextEncoder().encode(payload),
    truncated: false,
  });
  const feed = (reassembler: TcpReassembler<Mark>, segments: TcpSegment[]): StreamEvent<Mark>[] =>
    segments.flatMap((s, i) => reassembler.push(s, { timeMs: i, packet: i + 1 }));
  const text = (events: StreamEvent<Mark>[]): string[] =>
    events.map((e) => (e.kind === 'data' ? `#${e.connection} p${e.mark.packet} ${new TextDecoder().decode(e.bytes)}` : `#${e.connection} p${e.mark.packet} end ${e.reason}`));

  it('starts after the SYN and ignores a retransmitted SYN', () => {
    const events = feed(new TcpReassembler<Mark>(), [segment(1000, '', { syn: true }), segment(1000, '', { syn: true }), segment(1001, 'abc')]);
    expect(text(events)).toEqual(['#1 p3 abc']);
  });

  it('holds out-of-order segments until the hole fills, stamped with the packet that filled it', () => {
    const events = feed(new TcpReassembler<Mark>(), [segment(0, 'ab'), segment(5, 'fg'), segment(4, 'e'), segment(2, 'cd')]);
    expect(text(events)).toEqual(['#1 p1 ab', '#1 p4 cd', '#1 p4 e', '#1 p4 fg']);
  });

  it('drops retransmitted bytes, including the overlapping part of a re-cut segment', () => {
    const events = feed(new TcpReassembler<Mark>(), [segment(10, 'abcd'), segment(10, 'abcd'), segment(12, 'cdef'), segment(11, 'b'), segment(16, 'g')]);
    expect(text(events)).toEqual(['#1 p1 abcd', '#1 p3 ef', '#1 p5 g']);
  });

  it('follows the sequence number through 2^32', () => {
    const events = feed(new TcpReassembler<Mark>(), [segment(0xfffffffe, '', { syn: true }), segment(0xffffffff, 'ab'), segment(3, 'ef'), segment(1, 'cd')]);
    expect(text(events)).toEqual(['#1 p2 ab', '#1 p4 cd', '#1 p4 ef']);
  });

  it('starts a capture that begins mid-stream at the first segment seen', () => {
    const events = feed(new TcpReassembler<Mark>(), [segment(5000, 'xy'), segment(4990, 'old'), segment(5002, 'z')]);
    expect(text(events)).toEqual(['#1 p1 xy', '#1 p3 z']);
  });

  it('closes at the FIN (even out of order) and opens a new connection on the same ports', () => {
    const events = feed(new TcpReassembler<Mark>(), [
      segment(100, '', { syn: true }),
      segment(104, '', { fin: true }),
      segment(101, 'abc'),
      segment(101, 'abc'),
      segment(7000, '', { syn: true }),
      segment(7001, 'new'),
    ]);
    expect(text(events)).toEqual(['#1 p3 abc', '#1 p3 end fin', '#2 p6 new']);
  });

  it('takes data after a finished stream as a new connection whose SYN was not captured', () => {
    const events = feed(new TcpReassembler<Mark>(), [segment(1, 'a', { fin: true }), segment(1, 'a', { fin: true }), segment(900, 'b')]);
    expect(text(events)).toEqual(['#1 p1 a', '#1 p1 end fin', '#2 p3 b']);
  });

  it('ends both directions on a reset', () => {
    const reassembler = new TcpReassembler<Mark>();
    const events = feed(reassembler, [segment(1, 'a'), segment(1, 'b', {}, SERVER, CLIENT), segment(99, '', { rst: true }, SERVER, CLIENT)]);
    expect(text(events)).toEqual(['#1 p1 a', '#2 p2 b', '#2 p3 end rst', '#1 p3 end rst']);
    expect(reassembler.finish()).toEqual([]);
  });

  it('reports the hole and what is stranded behind it at the end of the capture', () => {
    const reassembler = new TcpReassembler<Mark>();
    feed(reassembler, [segment(0, 'ab'), segment(5, 'fgh'), segment(6, 'ghij')]);
    expect(reassembler.finish()).toEqual([
      { src: CLIENT, dst: SERVER, connection: 1, kind: 'end', mark: { timeMs: 2, packet: 3 }, reason: 'capture-end', missing: 3, stranded: 5 },
    ]);
  });
});

describe('readGed188Capture', () => {
  it('reassembles one frame split across three TCP segments', () => {
    const client = new Flow(CLIENT, SERVER, 1000);
    const [a, b, c] = split(LONG_FRAME, 5, 100);
    const file = ethernetCapture([
      [0, client.send(a ?? new Uint8Array())],
      [10, client.send(b ?? new Uint8Array())],
      [20, client.send(c ?? new Uint8Array())],
    ]);
    const entries = readGed188Capture(file);
    expect(entries).toEqual([
      {
        time: '2023-11-14T22:13:20.020Z',
        timeMs: EPOCH_S * 1000 + 20,
        packet: 3,
        direction: 'client->server',
        src: CLIENT,
        dst: SERVER,
        frame: LONG_FRAME,
      },
    ]);
  });

  it('cuts two frames out of one segment', () => {
    const server = new Flow(SERVER, CLIENT, 1);
    const file = ethernetCapture([[0, server.send(concatBytes([HEARTBEAT_CONF, LONG_FRAME]))]]);
    expect(frames(readGed188Capture(file)).map((f) => [f.direction, f.frame])).toEqual([
      ['server->client', HEARTBEAT_CONF],
      ['server->client', LONG_FRAME],
    ]);
  });

  it('puts out-of-order and retransmitted segments back in stream order', () => {
    const client = new Flow(CLIENT, SERVER, 1);
    const [first, second, third] = split(concatBytes([HEARTBEAT_REQ, LONG_FRAME]), 20, 120).map((part) => client.send(part));
    if (!first || !second || !third) throw new Error('split');
    const file = ethernetCapture([
      [0, first],
      [1, third],
      [2, first],
      [3, second],
      [4, second],
      [5, third],
    ]);
    const entries = readGed188Capture(file);
    expect(frames(entries).map((f) => [f.packet, f.frame])).toEqual([
      [1, HEARTBEAT_REQ],
      [4, LONG_FRAME],
    ]);
    expect(warnings(entries)).toEqual([]);
  });

  it('interleaves both directions in capture time order', () => {
    const client = new Flow(CLIENT, SERVER, 500);
    const server = new Flow(SERVER, CLIENT, 9000);
    const [head, tail] = split(LONG_FRAME, 100);
    const file = ethernetCapture([
      [0, client.syn()],
      [1, server.syn(true)],
      [10, client.send(HEARTBEAT_REQ)],
      [20, server.send(head ?? new Uint8Array())],
      [30, client.send(concatBytes([HEARTBEAT_REQ, HEARTBEAT_REQ.subarray(0, 4)]))],
      [40, server.send(tail ?? new Uint8Array())],
      [50, client.send(HEARTBEAT_REQ.subarray(4))],
      [60, server.send(HEARTBEAT_CONF)],
    ]);
    expect(frames(readGed188Capture(file)).map((f) => [f.time.slice(17), f.direction, f.frame.length])).toEqual([
      ['20.010Z', 'client->server', 12],
      ['20.030Z', 'client->server', 12],
      ['20.040Z', 'server->client', 208],
      ['20.050Z', 'client->server', 12],
      ['20.060Z', 'server->client', 12],
    ]);
  });

  it('orders frames by time even when the file is not in time order', () => {
    const client = new Flow(CLIENT, SERVER, 1);
    const server = new Flow(SERVER, CLIENT, 1);
    const file = ethernetCapture([
      [50, server.send(HEARTBEAT_CONF)],
      [10, client.send(HEARTBEAT_REQ)],
    ]);
    expect(frames(readGed188Capture(file)).map((f) => [f.packet, f.direction])).toEqual([
      [2, 'client->server'],
      [1, 'server->client'],
    ]);
  });

  it('reads IPv6 captured as Linux cooked (SLL) with nanosecond timestamps', () => {
    const client = new Flow('[2001:db8::a]:51000', '[2001:db8::b]:43027', 1);
    const server = new Flow('[2001:db8::b]:43027', '[2001:db8::a]:51000', 1);
    const file = pcapFile(
      [
        { seconds: EPOCH_S, fraction: 1_234_567, data: sllIpv6Tcp(client.send(HEARTBEAT_REQ)) },
        { seconds: EPOCH_S, fraction: 987_654_321, data: sllIpv6Tcp(server.send(HEARTBEAT_CONF)) },
      ],
      { linkType: LINKTYPE_SLL, nanoseconds: true },
    );
    expect(frames(readGed188Capture(file)).map((f) => [f.time, f.src, f.dst, f.direction, f.frame])).toEqual([
      ['2023-11-14T22:13:20.001Z', '[2001:db8::a]:51000', '[2001:db8::b]:43027', 'client->server', HEARTBEAT_REQ],
      ['2023-11-14T22:13:20.987Z', '[2001:db8::b]:43027', '[2001:db8::a]:51000', 'server->client', HEARTBEAT_CONF],
    ]);
  });

  it('ignores Ethernet padding after a short segment', () => {
    const client = new Flow(CLIENT, SERVER, 1);
    const file = pcapFile(
      [at(0, ethernetIpv4Tcp(client.send(HEARTBEAT_REQ.subarray(0, 3)), { padTo: 60 })), at(1, ethernetIpv4Tcp(client.send(HEARTBEAT_REQ.subarray(3)), { padTo: 60 }))],
      { linkType: LINKTYPE_ETHERNET },
    );
    expect(frames(readGed188Capture(file)).map((f) => f.frame)).toEqual([HEARTBEAT_REQ]);
  });

  it('follows a stream across the 32-bit sequence wraparound', () => {
    const client = new Flow(CLIENT, SERVER, 0xffffff00);
    const stream = concatBytes([LONG_FRAME, HEARTBEAT_REQ, LONG_FRAME]);
    const packets = split(stream, 100, 250, 300).map((part, i): [number, TcpSpec] => [i, client.send(part)]);
    expect(packets.map(([, spec]) => spec.seq)).toEqual([0xffffff00, 0xffffff64, 0xfffffffa, 0x2c]);
    expect(frames(readGed188Capture(ethernetCapture(packets))).map((f) => f.frame)).toEqual([LONG_FRAME, HEARTBEAT_REQ, LONG_FRAME]);
  });

  it('keeps only conversations with the given port, and takes that side as the server', () => {
    const cti = new Flow(CLIENT, SERVER, 1);
    const other = new Flow('10.1.1.10:51001', '10.1.1.30:5000', 1);
    const reverse = new Flow('10.1.1.30:5000', '10.1.1.10:51001', 1);
    const file = ethernetCapture([
      [0, cti.send(HEARTBEAT_REQ)],
      [1, other.send(HEARTBEAT_REQ)],
      [2, reverse.send(HEARTBEAT_CONF)],
    ]);
    expect(frames(readGed188Capture(file)).map((f) => `${f.src} ${f.direction}`)).toEqual([
      `${CLIENT} client->server`,
      '10.1.1.10:51001 client->server',
      '10.1.1.30:5000 server->client',
    ]);
    expect(frames(readGed188Capture(file, { port: 51001 })).map((f) => `${f.src} ${f.direction}`)).toEqual([
      '10.1.1.10:51001 server->client',
      '10.1.1.30:5000 client->server',
    ]);
    expect(() => readGed188Capture(file, { port: 70000 })).toThrow(RangeError);
  });

  it('takes the SYN sender as the client when no port says otherwise, and else the lower port as the server', () => {
    const client = new Flow('10.0.0.1:7000', '10.0.0.2:9000', 1);
    const withSyn = ethernetCapture([
      [0, client.syn()],
      [1, client.send(HEARTBEAT_REQ)],
    ]);
    expect(frames(readGed188Capture(withSyn)).map((f) => f.direction)).toEqual(['client->server']);
    const noSyn = ethernetCapture([[0, new Flow('10.0.0.1:7000', '10.0.0.2:9000', 1).send(HEARTBEAT_REQ)]]);
    expect(frames(readGed188Capture(noSyn)).map((f) => f.direction)).toEqual(['server->client']);
  });

  it('reports a framing error and stops reading that direction only', () => {
    const client = new Flow(CLIENT, SERVER, 1);
    const server = new Flow(SERVER, CLIENT, 1);
    const file = ethernetCapture([
      [0, client.send(concatBytes([HEARTBEAT_REQ, fromHex('00010000 00000005')]))],
      [1, client.send(HEARTBEAT_REQ)],
      [2, server.send(HEARTBEAT_CONF)],
    ]);
    const entries = readGed188Capture(file);
    expect(entries.map((e) => ('kind' in e ? `${e.direction} ${e.src} warning ${e.message}` : `${e.direction} frame`))).toEqual([
      'client->server frame',
      `client->server ${CLIENT} warning framing error: MessageLength 65536 (MessageType 5) is above the 65528-byte limit, ` +
        'so this is not GED-188 or the capture starts inside a message; the rest of this direction is not decoded',
      'server->client frame',
    ]);
  });

  it('warns about a frame left unfinished and about bytes the capture missed', () => {
    const client = new Flow(CLIENT, SERVER, 1);
    const server = new Flow(SERVER, CLIENT, 1);
    const packets: [number, TcpSpec][] = [
      [0, client.send(LONG_FRAME.subarray(0, 50))],
      [5, server.send(HEARTBEAT_CONF)],
    ];
    server.send(HEARTBEAT_CONF); // lost: never in the capture
    packets.push([10, server.send(HEARTBEAT_CONF)], [12, server.send(HEARTBEAT_CONF)]);
    expect(readGed188Capture(ethernetCapture(packets)).map((e) => ('kind' in e ? `${e.packet} ${e.direction}: ${e.message}` : 'frame'))).toEqual([
      '1 client->server: the capture ends with 50 of the 208 bytes of a frame left over',
      'frame',
      '4 server->client: the capture lacks 12 bytes of this stream (packets not captured), so the 24 bytes after the hole were not decoded',
    ]);
  });

  it('warns when snaplen cut a segment short', () => {
    const client = new Flow(CLIENT, SERVER, 1);
    const whole = ethernetIpv4Tcp(client.send(LONG_FRAME));
    const file = pcapFile([{ ...at(0, whole.subarray(0, 96)), originalLength: whole.length }], { linkType: LINKTYPE_ETHERNET, snaplen: 96 });
    expect(warnings(readGed188Capture(file))).toEqual([
      'packet 1 holds less TCP payload than was sent (cut short by the capture\'s snaplen, or an IP fragment, which is not reassembled): this direction has a hole after it',
      'the capture ends with 42 of the 208 bytes of a frame left over',
    ]);
  });

  it('says once how many packets it could not use, and not for ordinary non-TCP traffic', () => {
    const udp = ethernetFrame(0x0800, ipv4Packet('10.0.0.1', '10.0.0.2', new Uint8Array(8), { protocol: 17 }));
    const fragment = ethernetFrame(0x0800, ipv4Packet('10.0.0.1', '10.0.0.2', new Uint8Array(8), { fragmentOffset: 8 }));
    const file = pcapFile([at(0, udp), at(1, fragment), at(2, fragment)], { linkType: LINKTYPE_ETHERNET });
    expect(warnings(readGed188Capture(file))).toEqual([
      '2 packets skipped: IP fragments of TCP segments after the first are not reassembled (first: packet 2)',
    ]);
    const token = pcapFile([at(0, udp)], { linkType: 6 });
    expect(warnings(readGed188Capture(token))).toEqual(['1 packet skipped: link type 6 is not supported (Ethernet, Linux cooked, raw IP and loopback are)']);
  });

  it('throws nothing but CaptureError for damaged files', () => {
    const client = new Flow(CLIENT, SERVER, 1);
    const ng = new PcapngBlocks();
    const files = [
      ethernetCapture([
        [0, client.syn()],
        [1, client.send(LONG_FRAME)],
        [2, client.send(HEARTBEAT_REQ)],
      ]),
      concatBytes([ng.sectionHeader(), ng.interfaceDescription(LINKTYPE_ETHERNET, 9), ng.enhancedPacket(0, 5n, ethernetIpv4Tcp(client.send(LONG_FRAME)))]),
    ];
    const random = seededRandom(7);
    for (const file of files) {
      for (let cut = 0; cut < file.length; cut++) expectOnlyCaptureErrors(file.subarray(0, cut));
      for (let round = 0; round < 500; round++) {
        const damaged = file.slice();
        for (let n = 0; n < 3; n++) damaged[Math.floor(random() * damaged.length)] = Math.floor(random() * 256);
        expectOnlyCaptureErrors(damaged);
      }
    }
  });
});

function expectOnlyCaptureErrors(file: Uint8Array): void {
  try {
    readGed188Capture(file);
  } catch (error) {
    if (!(error instanceof CaptureError)) throw error;
  }
}

/** Deterministic, so a failing damaged input can be reproduced. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
