import { randomBytes } from 'node:crypto';
import net from 'node:net';

/**
 * Raw TCP to an HTTP/WebSocket server, for the input no well-behaved client sends:
 * request lines `http` and `fetch` refuse to produce, and WebSocket frames `ws`
 * would never write.
 */

/** Sends `request` as is and resolves with everything the server answered until it closed (or 5 s passed). */
export function rawExchange(port: number, request: string | Buffer, ms = 5_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    const timer = setTimeout(() => socket.destroy(), ms);
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // A reset after the answer is an answer; a refused connection means the server is gone.
      if (error.code === 'ECONNREFUSED') reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(received);
    });
    socket.write(request);
  });
}

/** The status code of the first response line, or 0 when the server closed without answering. */
export function statusOf(response: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0);
}

export interface RawWebSocket {
  /** Writes bytes as they are. */
  write(bytes: Buffer): void;
  /** Resolves with the code of the first close frame the server sends. */
  closeCode(ms?: number): Promise<number>;
  destroy(): void;
}

/** Performs a real upgrade handshake and hands over the bare socket. Rejects unless the answer is 101. */
export function openRawWebSocket(port: number, pathAndQuery: string, headers: Record<string, string>): Promise<RawWebSocket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let buffer = Buffer.alloc(0);
    let upgraded = false;
    const closeWaiters = new Set<() => void>();
    socket.on('error', () => {});
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!upgraded) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buffer.subarray(0, end).toString('latin1');
        buffer = buffer.subarray(end + 4);
        if (statusOf(head) !== 101) {
          socket.destroy();
          reject(new Error(`upgrade refused: ${head.split('\r\n')[0]}`));
          return;
        }
        upgraded = true;
        resolve(raw);
      }
      for (const waiter of closeWaiters) waiter();
    });
    const raw: RawWebSocket = {
      write: (bytes) => socket.write(bytes),
      destroy: () => socket.destroy(),
      closeCode: (ms = 5_000) =>
        new Promise((resolveCode, rejectCode) => {
          const timer = setTimeout(() => finish(new Error('no close frame from the server')), ms);
          const check = () => {
            const code = firstCloseCode(buffer);
            if (code !== undefined) finish(undefined, code);
          };
          const finish = (error?: Error, code?: number) => {
            clearTimeout(timer);
            closeWaiters.delete(check);
            socket.off('close', check);
            if (error) rejectCode(error);
            else resolveCode(code!);
          };
          closeWaiters.add(check);
          socket.on('close', () => {
            check();
            if (closeWaiters.has(check)) finish(new Error('the server closed the connection without a close frame'));
          });
          check();
        }),
    };
    socket.write(upgradeRequest(pathAndQuery, headers));
  });
}

/** The status code of the first close frame among the server's (unmasked) frames. */
function firstCloseCode(bytes: Buffer): number | undefined {
  let offset = 0;
  while (offset + 2 <= bytes.length) {
    const opcode = bytes[offset]! & 0x0f;
    let length = bytes[offset + 1]! & 0x7f;
    let start = offset + 2;
    if (length === 126) {
      if (start + 2 > bytes.length) return undefined;
      length = bytes.readUInt16BE(start);
      start += 2;
    } else if (length === 127) {
      if (start + 8 > bytes.length) return undefined;
      length = Number(bytes.readBigUInt64BE(start));
      start += 8;
    }
    if (start + length > bytes.length) return undefined;
    if (opcode === 0x8) return length >= 2 ? bytes.readUInt16BE(start) : 1005;
    offset = start + length;
  }
  return undefined;
}

export interface FrameSpec {
  readonly opcode: number;
  readonly payload?: Buffer;
  readonly fin?: boolean;
  /** RSV1..RSV3 as the three bits 0b100, 0b010, 0b001. */
  readonly rsv?: number;
  /** Clients must mask; false writes the frame a server would send. */
  readonly masked?: boolean;
  /** A payload length to announce instead of the payload's own (for an oversize header without the bytes). */
  readonly announcedLength?: number;
}

/** One WebSocket frame, byte by byte (RFC 6455 §5.2). */
export function frame({ opcode, payload = Buffer.alloc(0), fin = true, rsv = 0, masked = true, announcedLength }: FrameSpec): Buffer {
  const length = announcedLength ?? payload.length;
  const first = (fin ? 0x80 : 0) | ((rsv & 0b111) << 4) | (opcode & 0x0f);
  const maskBit = masked ? 0x80 : 0;
  let header: Buffer;
  if (length < 126) {
    header = Buffer.from([first, maskBit | length]);
  } else if (length < 0x10000) {
    header = Buffer.alloc(4);
    header.writeUInt8(first, 0);
    header.writeUInt8(maskBit | 126, 1);
    header.writeUInt16BE(length, 2);
  } else {
    header = Buffer.alloc(10);
    header.writeUInt8(first, 0);
    header.writeUInt8(maskBit | 127, 1);
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  if (!masked) return Buffer.concat([header, payload]);
  const mask = randomBytes(4);
  const body = Buffer.from(payload.map((byte, index) => byte ^ mask[index % 4]!));
  return Buffer.concat([header, mask, body]);
}

export const OPCODE = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

/** A raw GET, closed after the answer. */
export function rawGet(port: number, target: string, headers: Record<string, string>): Promise<string> {
  const lines = [`GET ${target} HTTP/1.1`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`), 'Connection: close'];
  return rawExchange(port, `${lines.join('\r\n')}\r\n\r\n`);
}

/** A raw WebSocket upgrade request, answered or refused; the socket is not used further. */
export function rawUpgrade(port: number, target: string, headers: Record<string, string>): Promise<string> {
  return rawExchange(port, upgradeRequest(target, headers));
}

function upgradeRequest(target: string, headers: Record<string, string>): string {
  const lines = [
    `GET ${target} HTTP/1.1`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  return `${lines.join('\r\n')}\r\n\r\n`;
}
