import { frame, OPCODE } from './raw-socket.js';

/**
 * The hostile input the browser host must survive, shared by the integration tests
 * (an in-process host) and the end-to-end check (the host as a user starts it).
 */

/** Request targets no browser sends; each once made `new URL()` throw inside the host. */
export const MALFORMED_TARGETS = ['//[', 'http://[/', 'http://a:99999/', 'http://', '//', '//a:b@[::1', '/%', '/%zz', 'http://[::1/x', 'ftp://x/'];

/** Spellings of the page's path that once reached it without the token. */
export const PAGE_SPELLINGS = ['/%69ndex.html', '/index.html/', '/a%2f..%2findex.html', '//index.html', '/./index.html', '/assets/../index.html', '/%2e/index.html', '/INDEX.html/..'];

/** The classic ways out of a web root, aimed at `name` one folder above it (and at /etc/passwd). */
export function traversals(name: string): string[] {
  return [
    `/../${name}`,
    '/../../../../../../etc/passwd',
    `/..%2f${name}`,
    `/%2e%2e/${name}`,
    `/%2e%2e%2f${name}`,
    `/.%2e/${name}`,
    `/..\\${name}`,
    `/..%5c${name}`,
    `/%252e%252e/${name}`,
    `/....//${name}`,
    `/..%00/${name}`,
    `/%c0%ae%c0%ae/${name}`,
    `/..%c0%af${name}`,
    `/assets/../../${name}`,
    `/..;/${name}`,
    '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
  ];
}

function closeFrame(code: number): Buffer {
  const payload = Buffer.alloc(2);
  payload.writeUInt16BE(code);
  return frame({ opcode: OPCODE.close, payload });
}

/** Frames that break RFC 6455, each with the close code the server owes the sender. */
export const WEBSOCKET_PROTOCOL_ERRORS: ReadonlyArray<{ readonly name: string; readonly bytes: () => Buffer; readonly code: number }> = [
  { name: 'an oversize message', bytes: () => frame({ opcode: OPCODE.text, announcedLength: 10 * 1024 * 1024 }), code: 1009 },
  { name: 'invalid UTF-8 in a text message', bytes: () => frame({ opcode: OPCODE.text, payload: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) }), code: 1007 },
  { name: 'an unmasked frame', bytes: () => frame({ opcode: OPCODE.text, payload: Buffer.from('{}'), masked: false }), code: 1002 },
  { name: 'a reserved opcode', bytes: () => frame({ opcode: 0x3, payload: Buffer.from('x') }), code: 1002 },
  { name: 'a reserved control opcode', bytes: () => frame({ opcode: 0xb }), code: 1002 },
  { name: 'RSV1 without a negotiated extension', bytes: () => frame({ opcode: OPCODE.text, payload: Buffer.from('{}'), rsv: 0b100 }), code: 1002 },
  { name: 'RSV2 and RSV3', bytes: () => frame({ opcode: OPCODE.text, payload: Buffer.from('{}'), rsv: 0b011 }), code: 1002 },
  { name: 'a close code no endpoint may send (1005)', bytes: () => closeFrame(1005), code: 1002 },
  { name: 'a close code below 1000', bytes: () => closeFrame(999), code: 1002 },
  { name: 'a fragmented control frame', bytes: () => frame({ opcode: OPCODE.ping, fin: false }), code: 1002 },
  { name: 'a continuation without a first fragment', bytes: () => frame({ opcode: OPCODE.continuation, payload: Buffer.from('x') }), code: 1002 },
];
