import { HEADER_BYTES, MAX_BODY_BYTES } from '../../ged188/index.js';
import { decodePacket, type DecodedPacket, type TcpSegment } from './packet-layers.js';
import { CaptureError, isoTime, readCaptureRecords, type CaptureRecord } from './pcap-file.js';
import { TcpReassembler, type StreamEndReason, type StreamEvent } from './tcp-reassembly.js';

export { CaptureError } from './pcap-file.js';

/**
 * GED-188 frames out of a pcap/pcapng capture, for `cti decode --pcap`: reassembles each TCP
 * direction, cuts it into frames, and labels which side is the CTI Server.
 */

/**
 * The server side when no `port` option says otherwise: 42027/43027 are CTI Server's conventional
 * side A/B ports (ged188.md §2.1), plus the 42028/43028 pair.
 */
export const CTI_SERVER_PORTS: readonly number[] = [42027, 43027, 42028, 43028];

export type FrameDirection = 'client->server' | 'server->client';

/** A frame has no `kind`, so `'kind' in entry` tells a warning from a frame. */
export interface CaptureFrame {
  /** ISO 8601 with milliseconds: the time of the packet that completed the frame. */
  readonly time: string;
  readonly timeMs: number;
  /** That packet's number, as Wireshark shows it, to find it in the capture. */
  readonly packet: number;
  readonly direction: FrameDirection;
  readonly src: string;
  readonly dst: string;
  /** One whole frame, header included; a copy, not a view into the file. */
  readonly frame: Uint8Array;
}

export interface CaptureWarning {
  readonly kind: 'warning';
  readonly time: string;
  readonly timeMs: number;
  readonly packet: number;
  /** Absent when the warning is about the capture as a whole rather than one stream. */
  readonly direction?: FrameDirection;
  readonly src?: string;
  readonly dst?: string;
  readonly message: string;
}

export type CaptureEntry = CaptureFrame | CaptureWarning;

export interface ReadCaptureOptions {
  /** Keep only conversations with this port, and take its side as the CTI Server. */
  readonly port?: number;
}

/**
 * Every GED-188 frame in the capture, with warnings where streams could not be read whole,
 * ordered by the time of the packet that completed each (ties keep stream order).
 * Throws CaptureError if the file itself is not a readable capture.
 */
/**
 * A capture cut off mid-record (tcpdump killed, a copy interrupted) is common: its
 * whole records are still read, and the cut becomes a warning, as Wireshark does.
 * A file that breaks before its first record is not a capture at all.
 */
function recordsUpToCut(bytes: Uint8Array): { records: CaptureRecord[]; cutShort: CaptureError | undefined } {
  const records: CaptureRecord[] = [];
  try {
    for (const record of readCaptureRecords(bytes)) records.push(record);
  } catch (error) {
    if (!(error instanceof CaptureError) || records.length === 0 || !/truncated/.test(error.message)) throw error;
    return { records, cutShort: error };
  }
  return { records, cutShort: undefined };
}

export function readGed188Capture(bytes: Uint8Array, options: ReadCaptureOptions = {}): CaptureEntry[] {
  const { port } = options;
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 0xffff)) {
    throw new RangeError(`port must be an integer from 0 to 65535, not ${port}`);
  }
  // Merged or multi-interface captures need not be in time order; reassembly does not mind the
  // reordering, and frames then come out in time order by construction.
  const { records, cutShort } = recordsUpToCut(bytes);
  records.sort((a, b) => a.timeMs - b.timeMs);
  const roles = new ServerSide(port);
  const skipped = new SkipTally();
  const streams = new StreamFrames();
  const reassembler = new TcpReassembler<Mark>();
  const truncatedDirections = new Set<string>();

  for (const mark of records) {
    const decoded = decodePacket(mark.linkType, mark.data);
    if (decoded.kind === 'skipped') {
      skipped.note(decoded, mark);
      continue;
    }
    const segment = decoded.segment;
    if (port !== undefined && segment.srcPort !== port && segment.dstPort !== port) continue;
    roles.observe(segment);
    if (segment.truncated && !truncatedDirections.has(`${segment.src}>${segment.dst}`)) {
      truncatedDirections.add(`${segment.src}>${segment.dst}`);
      streams.warn(
        segment,
        mark,
        `packet ${mark.packet} holds less TCP payload than was sent (cut short by the capture's snaplen, or an IP ` +
          `fragment, which is not reassembled): this direction has a hole after it`,
      );
    }
    for (const event of reassembler.push(segment, mark)) streams.take(event);
  }
  for (const event of reassembler.finish()) streams.take(event);

  const entries: CaptureEntry[] = streams.found.map((found) => ({ ...found, direction: roles.directionOf(found.src, found.dst) }));
  entries.push(...skipped.warnings());
  const last = records.at(-1);
  if (cutShort && last) {
    entries.push({
      kind: 'warning',
      time: isoTime(last),
      timeMs: last.timeMs + 1,
      packet: last.packet + 1,
      message: `the capture is cut short (${cutShort.message}); what came before is decoded`,
    });
  }
  return entries.sort((a, b) => a.timeMs - b.timeMs);
}

/** What a frame or warning is stamped with: the capture record of the packet behind it. */
type Mark = Pick<CaptureRecord, 'timeMs' | 'seconds' | 'nanoseconds' | 'packet'>;

type Found = (Omit<CaptureFrame, 'direction'> & { kind?: never }) | (Omit<CaptureWarning, 'direction'> & { src: string; dst: string });

/** Feeds each stream's bytes to its own framer; the direction is labelled later, once all SYNs are seen. */
class StreamFrames {
  readonly found: Found[] = [];
  private readonly framers = new Map<number, StreamFramer>();

  take(event: StreamEvent<Mark>): void {
    let framer = this.framers.get(event.connection);
    if (event.kind === 'data') {
      if (!framer) this.framers.set(event.connection, (framer = new StreamFramer()));
      const { frames, error } = framer.push(event.bytes);
      for (const frame of frames) this.found.push({ ...at(event.mark), src: event.src, dst: event.dst, frame });
      if (error) this.warn(event, event.mark, error);
      return;
    }
    this.framers.delete(event.connection);
    // Once framing failed, the direction was given up: what else went wrong after adds nothing.
    if (framer?.failed) return;
    if (event.missing > 0) {
      this.warn(
        event,
        event.mark,
        `the capture lacks ${event.missing} bytes of this stream (packets not captured), so the ${event.stranded} bytes after the hole were not decoded`,
      );
    } else if (framer && framer.pending > 0) {
      this.warn(event, event.mark, `${ENDINGS[event.reason]} with ${framer.describePending()}`);
    }
  }

  warn(stream: { src: string; dst: string }, mark: Mark, message: string): void {
    this.found.push({ kind: 'warning', ...at(mark), src: stream.src, dst: stream.dst, message });
  }
}

const ENDINGS: Record<StreamEndReason, string> = {
  fin: 'the connection was closed (FIN)',
  rst: 'the connection was reset (RST)',
  'new-connection': 'a new connection on the same ports replaced this one',
  'capture-end': 'the capture ends',
};

/**
 * Cuts one direction's byte stream into frames. Unlike ged188's FrameReader it never throws: a
 * framing error is a finding to report, after which the direction is abandoned, since there is no
 * way to find the next frame boundary in a length-prefixed stream.
 */
class StreamFramer {
  private buffer: Uint8Array = new Uint8Array(0);
  failed = false;

  push(chunk: Uint8Array): { frames: Uint8Array[]; error?: string } {
    if (this.failed) return { frames: [] };
    this.buffer = this.buffer.length === 0 ? chunk : joined(this.buffer, chunk);
    const frames: Uint8Array[] = [];
    let offset = 0;
    let error: string | undefined;
    while (this.buffer.length - offset >= HEADER_BYTES) {
      const bodyLength = uint32At(this.buffer, offset);
      if (bodyLength > MAX_BODY_BYTES) {
        this.failed = true;
        error =
          `framing error: MessageLength ${bodyLength} (MessageType ${uint32At(this.buffer, offset + 4)}) is above the ` +
          `${MAX_BODY_BYTES}-byte limit, so this is not GED-188 or the capture starts inside a message; the rest of this ` +
          `direction is not decoded`;
        break;
      }
      if (this.buffer.length - offset < HEADER_BYTES + bodyLength) break;
      // slice copies: the buffer may be a view into the capture file.
      frames.push(this.buffer.slice(offset, offset + HEADER_BYTES + bodyLength));
      offset += HEADER_BYTES + bodyLength;
    }
    this.buffer = this.failed ? new Uint8Array(0) : this.buffer.subarray(offset);
    return error === undefined ? { frames } : { frames, error };
  }

  get pending(): number {
    return this.buffer.length;
  }

  describePending(): string {
    if (this.buffer.length < HEADER_BYTES) return `${this.buffer.length} bytes of an unfinished frame header left over`;
    const declared = HEADER_BYTES + uint32At(this.buffer, 0);
    return `${this.buffer.length} of the ${declared} bytes of a frame left over`;
  }
}

/** Decides, per conversation, which endpoint is the CTI Server. */
class ServerSide {
  private readonly conversations = new Map<string, Conversation>();
  constructor(private readonly port: number | undefined) {}

  observe(segment: TcpSegment): void {
    const key = conversationKey(segment.src, segment.dst);
    let conversation = this.conversations.get(key);
    if (!conversation) {
      conversation = {
        first: { endpoint: segment.src, port: segment.srcPort },
        second: { endpoint: segment.dst, port: segment.dstPort },
        client: undefined,
      };
      this.conversations.set(key, conversation);
    }
    // SYN comes from the client, SYN+ACK from the server.
    if (segment.flags.syn && conversation.client === undefined) {
      conversation.client = segment.flags.ack ? segment.dst : segment.src;
    }
  }

  /** Only once every segment has been observed: a SYN late in the capture still counts. */
  directionOf(src: string, dst: string): FrameDirection {
    const conversation = this.conversations.get(conversationKey(src, dst));
    if (conversation) conversation.server ??= this.serverOf(conversation);
    return (conversation?.server ?? dst) === dst ? 'client->server' : 'server->client';
  }

  private serverOf({ first, second, client }: Conversation): string {
    const withPort = (ports: readonly number[]): string | undefined => {
      const a = ports.includes(first.port);
      const b = ports.includes(second.port);
      if (a === b) return undefined;
      return a ? first.endpoint : second.endpoint;
    };
    const byOption = this.port === undefined ? undefined : withPort([this.port]);
    const byKnownPort = withPort(CTI_SERVER_PORTS);
    const bySyn = client === undefined ? undefined : client === first.endpoint ? second.endpoint : first.endpoint;
    // Last resort: servers listen on the lower port; with equal ports, the first packet went to the server.
    const byLowerPort = first.port < second.port ? first.endpoint : second.endpoint;
    return byOption ?? byKnownPort ?? bySyn ?? byLowerPort;
  }
}

interface Conversation {
  readonly first: { readonly endpoint: string; readonly port: number };
  readonly second: { readonly endpoint: string; readonly port: number };
  client: string | undefined;
  server?: string;
}

function conversationKey(a: string, b: string): string {
  return a < b ? `${a} ${b}` : `${b} ${a}`;
}

/** Counts packets that were not TCP we could read, to say so once rather than per packet. */
class SkipTally {
  private readonly tallies = new Map<string, { count: number; mark: Mark; detail: string }>();

  note(decoded: Extract<DecodedPacket, { kind: 'skipped' }>, mark: Mark): void {
    // Non-IP and non-TCP traffic is expected; only what may hide CTI traffic is worth a warning.
    if (decoded.reason === 'not-ip' || decoded.reason === 'not-tcp') return;
    const key = decoded.reason === 'unsupported-link-type' ? decoded.detail : decoded.reason;
    const tally = this.tallies.get(key);
    if (tally) tally.count += 1;
    else this.tallies.set(key, { count: 1, mark, detail: decoded.detail });
  }

  warnings(): CaptureWarning[] {
    return [...this.tallies.entries()].map(([key, { count, mark, detail }]) => {
      const packets = count === 1 ? '1 packet' : `${count} packets`;
      const message =
        key === 'fragment'
          ? `${packets} skipped: IP fragments of TCP segments after the first are not reassembled (first: packet ${mark.packet})`
          : key === 'malformed'
            ? `${packets} skipped: too short or malformed to decode (first: packet ${mark.packet}, ${detail})`
            : `${packets} skipped: ${detail} is not supported (Ethernet, Linux cooked, raw IP and loopback are)`;
      return { kind: 'warning', ...at(mark), message };
    });
  }
}

function at(mark: Mark): { time: string; timeMs: number; packet: number } {
  return { time: isoTime(mark), timeMs: mark.timeMs, packet: mark.packet };
}

function uint32At(bytes: Uint8Array, offset: number): number {
  return (((bytes[offset] ?? 0) << 24) | ((bytes[offset + 1] ?? 0) << 16) | ((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0)) >>> 0;
}

function joined(a: Uint8Array, b: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(a.length + b.length);
  bytes.set(a);
  bytes.set(b, a.length);
  return bytes;
}
