import net from 'node:net';
import { FrameReader, decode, encode, type Message } from '../../ged188/index.js';
import { formatEndpoint, type Endpoint, type Side } from './endpoints.js';

/**
 * TCP keep-alive idle time on every CTI socket: the shortest Node allows (it sets
 * TCP_KEEPIDLE in whole seconds, and 0 would mean "the system default"). Probes are
 * answered by the peer's kernel, so they cost CTI Server nothing. Node cannot set
 * TCP_KEEPINTVL or TCP_KEEPCNT, and no well-kept library does it without a native
 * addon, so once a probe goes unanswered the platform's own retry schedule applies
 * (Linux: 9 probes 75 s apart). A dead path is therefore found fast by a reset, a
 * failed write or the standby side's STANDBY_ACTIVE_EVENT, and slowly by keep-alive.
 */
export const KEEP_ALIVE_IDLE_MS = 1000;

/** What a link reports; a link that was handed on reports to its new owner. */
export interface LinkHandler {
  connected(): void;
  message(message: Message): void;
  /** The link is gone (reset, closed, write failed, or a frame that cannot be read). */
  failed(reason: string, protocolError: boolean): void;
  /** A message type this codec does not know: skipped, the link goes on. */
  skipped(typeId: number, bytes: number): void;
}

/**
 * One TCP connection to one CTI Server side: frames in, decoded messages out. It
 * carries no session rules, so an open link can move from the standby session to
 * the working one (STANDBY_ACTIVE_EVENT_MSG, ged188.md §2.11) without a new connect.
 */
export class CtiLink {
  private readonly reader = new FrameReader();
  private readonly socket: net.Socket;
  private handler: LinkHandler | undefined;
  readonly where: string;

  constructor(
    readonly side: Side,
    endpoint: Endpoint,
    /** The version this connection's OPEN_REQ asks for, and so what the codec speaks on it. */
    readonly protocolVersion: number,
  ) {
    this.where = `side ${side} (${formatEndpoint(endpoint)})`;
    const socket = net.connect({ host: endpoint.host, port: endpoint.port, noDelay: true, keepAlive: true, keepAliveInitialDelay: KEEP_ALIVE_IDLE_MS });
    this.socket = socket;
    socket.once('connect', () => this.handler?.connected());
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => this.handler?.failed(describeSocketError(error, this.where), false));
    socket.on('close', () => this.handler?.failed(`${this.where} closed the connection`, false));
  }

  /** Who hears this link from now on: its owner, set before any event can come; the working session after a promotion. */
  handTo(handler: LinkHandler): void {
    this.handler = handler;
  }

  /** Sends a message; a write the socket refuses is a failed link at once, not at the next heartbeat. */
  send(message: Message): void {
    this.sendFrame(encode(message, { version: this.protocolVersion }));
  }

  /** Sends a frame already encoded (a request is encoded first, so a refused value fails only it). */
  sendFrame(frame: Uint8Array): void {
    if (this.socket.destroyed) return;
    this.socket.write(frame, (error) => {
      if (error) this.handler?.failed(`writing to ${this.where} failed: ${error.message}`, false);
    });
  }

  /** Closes abortively (RST, the guide's SO_LINGER 0) so a failed side can be retried at once (§2.1). */
  reset(): void {
    this.handler = undefined;
    this.socket.resetAndDestroy();
  }

  /** Sends a last message and closes in order (FIN): the old side of a hand-over closes after it. */
  endWith(message: Message): void {
    this.handler = undefined;
    if (this.socket.destroyed) return;
    this.socket.end(encode(message, { version: this.protocolVersion }));
    // The old side closes after STOPPING_REQUESTS_TO_THIS_SIDE_IND; do not wait on it for ever.
    setTimeout(() => this.socket.destroy(), 5_000).unref();
  }

  private receive(chunk: Buffer): void {
    let frames: Uint8Array[];
    try {
      frames = this.reader.push(chunk);
    } catch (error) {
      this.handler?.failed(`framing error from ${this.where}: ${(error as Error).message}`, true);
      return;
    }
    for (const frame of frames) {
      // A handler may reset the link (or hand it on) while frames of this chunk remain.
      if (!this.handler) return;
      let message: ReturnType<typeof decode>;
      try {
        message = decode(frame, { version: this.protocolVersion });
      } catch (error) {
        this.handler.failed(`malformed frame from ${this.where}: ${(error as Error).message}`, true);
        return;
      }
      if (message.MessageType === 'UNKNOWN') {
        this.handler.skipped(message.MessageTypeId, message.Body.length);
        continue;
      }
      this.handler.message(message);
    }
  }
}

/** A socket error in words an administrator can act on. */
export function describeSocketError(error: NodeJS.ErrnoException, where: string): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return `${where} refused the connection: is CTI Server running and is the port right?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `${where}: host name not found: check the host name`;
    case 'ETIMEDOUT':
      return `${where} did not answer: check the network path and firewall`;
    case 'ECONNRESET':
      return `${where} reset the connection`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${where} is unreachable: check the network`;
    default:
      return `${where}: ${error.message}`;
  }
}
