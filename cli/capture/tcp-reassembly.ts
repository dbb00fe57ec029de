import type { TcpSegment } from './packet-layers.js';

/**
 * Turns captured TCP segments back into the byte streams the applications exchanged, one per
 * direction and connection. A capture is what the wire carried, not what the socket delivered:
 * segments come twice (retransmissions, often re-cut), out of order, or not at all (capture drops).
 */

/** One direction of one connection. A new connection on the same 4-tuple gets a new `connection`. */
export interface StreamId {
  readonly src: string;
  readonly dst: string;
  /** Unique per reassembler, increasing in the order streams are first seen. */
  readonly connection: number;
}

export type StreamEndReason = 'fin' | 'rst' | 'new-connection' | 'capture-end';

export type StreamEvent<Mark> =
  | (StreamId & { readonly kind: 'data'; readonly mark: Mark; readonly bytes: Uint8Array })
  | (StreamId & {
      readonly kind: 'end';
      readonly mark: Mark;
      readonly reason: StreamEndReason;
      /** Size of the first hole the capture never filled (0 when the stream was delivered whole). */
      readonly missing: number;
      /** Bytes received after that hole, which could not be delivered in order. */
      readonly stranded: number;
    });

interface Held {
  /** Stream position of the first byte, counted from the ISN+1 (or the first segment seen). */
  readonly at: number;
  readonly bytes: Uint8Array;
  readonly fin: boolean;
}

interface Direction<Mark> extends StreamId {
  /** The SYN's sequence number, to tell a retransmitted SYN from a new connection. */
  readonly isn: number | undefined;
  /** Sequence number of stream position 0. */
  readonly base: number;
  /** Bytes delivered so far: positions are plain numbers so 32-bit wraparound never reaches the ordering. */
  delivered: number;
  /** Segments that arrived ahead of a hole, sorted by `at`. */
  readonly held: Held[];
  closed: boolean;
  last: Mark;
}

/**
 * `Mark` is whatever the caller stamps packets with (its capture record, say): it is passed through
 * untouched, and each event carries the mark of the packet that completed it.
 */
export class TcpReassembler<Mark> {
  private readonly directions = new Map<string, Direction<Mark>>();
  private connections = 0;

  /** Feed segments in capture order; returns what they delivered or ended. */
  push(segment: TcpSegment, mark: Mark): StreamEvent<Mark>[] {
    if (segment.flags.rst) return this.reset(segment, mark);
    const events: StreamEvent<Mark>[] = [];
    const key = directionKey(segment.src, segment.dst);
    let direction = this.directions.get(key);
    let dataSeq = segment.seq;

    if (segment.flags.syn) {
      // SYN takes one sequence number: the data starts at ISN+1.
      dataSeq = (segment.seq + 1) >>> 0;
      // The same ISN again is a retransmitted SYN; anything else starts a new connection.
      if (!direction || direction.closed || direction.isn !== segment.seq) {
        if (direction && !direction.closed) events.push(this.end(direction, mark, 'new-connection'));
        direction = this.open(segment, dataSeq, segment.seq, mark);
      }
    } else if (!direction || (direction.closed && startsNewData(direction, segment))) {
      // No SYN in the capture (it started mid-stream, or missed a reconnect): begin at this segment.
      direction = this.open(segment, segment.seq, undefined, mark);
    }
    if (direction.closed) return events;
    direction.last = mark;
    if (segment.payload.length === 0 && !segment.flags.fin) return events;
    hold(direction, { at: positionOf(direction, dataSeq), bytes: segment.payload, fin: segment.flags.fin });
    this.deliver(direction, mark, events);
    return events;
  }

  /** A reset aborts both directions; its sequence number is not worth checking, nor any payload. */
  private reset(segment: TcpSegment, mark: Mark): StreamEvent<Mark>[] {
    return [directionKey(segment.src, segment.dst), directionKey(segment.dst, segment.src)]
      .map((key) => this.directions.get(key))
      .filter((d): d is Direction<Mark> => d !== undefined && !d.closed)
      .map((d) => this.end(d, mark, 'rst'));
  }

  /** Ends every stream still open, reporting holes the capture never filled. */
  finish(): StreamEvent<Mark>[] {
    return [...this.directions.values()].filter((d) => !d.closed).map((d) => this.end(d, d.last, 'capture-end'));
  }

  private open(segment: TcpSegment, base: number, isn: number | undefined, mark: Mark): Direction<Mark> {
    this.connections += 1;
    const direction: Direction<Mark> = {
      src: segment.src,
      dst: segment.dst,
      connection: this.connections,
      isn,
      base,
      delivered: 0,
      held: [],
      closed: false,
      last: mark,
    };
    this.directions.set(directionKey(segment.src, segment.dst), direction);
    return direction;
  }

  private deliver(direction: Direction<Mark>, mark: Mark, events: StreamEvent<Mark>[]): void {
    let used = 0;
    let finReached = false;
    for (const held of direction.held) {
      if (held.at > direction.delivered) break;
      used += 1;
      const end = held.at + held.bytes.length;
      // Retransmissions may re-cut the stream: only the bytes not yet delivered count.
      if (end > direction.delivered) {
        const bytes = held.bytes.subarray(direction.delivered - held.at);
        events.push({ kind: 'data', src: direction.src, dst: direction.dst, connection: direction.connection, mark, bytes });
        direction.delivered = end;
      }
      if (held.fin && end <= direction.delivered) {
        finReached = true;
        break;
      }
    }
    direction.held.splice(0, used);
    if (finReached) events.push(this.end(direction, mark, 'fin'));
  }

  private end(direction: Direction<Mark>, mark: Mark, reason: StreamEndReason): StreamEvent<Mark> {
    direction.closed = true;
    let missing = 0;
    let stranded = 0;
    let covered = direction.delivered;
    for (const held of direction.held) {
      if (missing === 0 && held.at > covered) missing = held.at - covered;
      const end = held.at + held.bytes.length;
      if (end > covered) {
        stranded += end - Math.max(held.at, covered);
        covered = end;
      }
    }
    // After a FIN the peer may not send more: anything held past it is noise, not a hole.
    if (reason === 'fin') {
      missing = 0;
      stranded = 0;
    }
    direction.held.length = 0;
    return { kind: 'end', src: direction.src, dst: direction.dst, connection: direction.connection, mark, reason, missing, stranded };
  }
}

type Position = Pick<Direction<unknown>, 'base' | 'delivered'>;

function directionKey(src: string, dst: string): string {
  return `${src}>${dst}`;
}

/** The signed 32-bit distance from the next expected sequence number: wraparound folds away here. */
function positionOf(direction: Position, seq: number): number {
  const expected = (direction.base + direction.delivered) >>> 0;
  return direction.delivered + ((seq - expected) | 0);
}

/** Data at or beyond where a finished stream stopped can only belong to a new connection. */
function startsNewData(direction: Position, segment: TcpSegment): boolean {
  return segment.payload.length > 0 && positionOf(direction, segment.seq) >= direction.delivered + 1;
}

function hold(direction: { readonly held: Held[] }, segment: Held): void {
  const list = direction.held;
  // Segments mostly arrive in order, so the insertion point is usually the end.
  let index = list.length;
  while (index > 0 && (list[index - 1]?.at ?? 0) > segment.at) index -= 1;
  list.splice(index, 0, segment);
}
