import { describe, expect, it } from 'vitest';
import {
  Ged188DecodeError,
  Ged188EncodeError,
  decode,
  encode,
  validate,
  type Message,
} from '../../../ged188/index.js';

/** Hex with spaces → bytes, so expected frames read like the guide's tables. */
function hex(text: string): Uint8Array {
  return Uint8Array.from(text.replace(/\s+/g, '').match(/../g)!.map((b) => parseInt(b, 16)));
}

function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

const openReq: Message<'OPEN_REQ'> = {
  type: 'OPEN_REQ',
  invokeId: 1,
  versionNumber: 24,
  idleTimeout: 20,
  peripheralId: 0xffffffff,
  servicesRequested: 0x7,
  callMsgMask: 0,
  agentStateMask: 0x3fff,
  configMsgMask: 0,
  reserved1: 0,
  reserved2: 0,
  reserved3: 0,
  clientId: 'ab',
  clientPassword: new Uint8Array(0),
  agentExtension: '3001',
};

// OPEN_REQ per ged188.md §2.2: 44-byte fixed part, then ClientID (tag 1),
// ClientPassword (tag 2, empty UNSPEC), AgentExtension (tag 4), 2-byte TLV headers (v20+).
const openReqV24 = hex(`
  00000040 00000003
  00000001 00000018 00000014 ffffffff 00000007 00000000 00003fff 00000000 00000000 00000000 00000000
  0001 0003 616200
  0002 0000
  0004 0005 3330303100`);

describe('OPEN_REQ', () => {
  it('encodes byte for byte as the guide lays it out (v24, 2-byte TLV headers)', () => {
    expect(toHex(encode(openReq, { version: 24 }))).toBe(toHex(openReqV24));
  });

  it('decodes the same bytes back to the same fields', () => {
    expect(decode(openReqV24, { version: 24 })).toEqual(openReq);
  });

  it('uses 1-byte tag and length before version 20', () => {
    const frame = encode({ ...openReq, versionNumber: 19 }, { version: 19 });
    // 8 header + 44 fixed + (2+3) + (2+0) + (2+5)
    expect(frame.length).toBe(8 + 44 + 5 + 2 + 7);
    expect(toHex(frame.subarray(52))).toBe('0103616200' + '0200' + '04053330303100');
    expect(decode(frame, { version: 19 })).toEqual({ ...openReq, versionNumber: 19 });
  });

  it('reports missing required fields through validate, not decode', () => {
    const { clientId: _omit, ...withoutClient } = openReq;
    const frame = encode(withoutClient as Message<'OPEN_REQ'>);
    const decoded = decode(frame) as Message<'OPEN_REQ'>;
    expect(decoded.clientId).toBeUndefined();
    expect(validate(decoded)).toEqual([expect.objectContaining({ field: 'clientId', status: 6 })]);
  });
});

describe('OPEN_CONF fixed part by version', () => {
  const conf: Message<'OPEN_CONF'> = {
    type: 'OPEN_CONF',
    invokeId: 9,
    servicesGranted: 7,
    monitorId: 0,
    pgStatus: 0,
    icmCentralControllerTime: 0x5f000000,
    peripheralOnline: true,
    peripheralType: 17,
    agentState: 2,
    departmentId: 0,
    sessionType: 1,
  };

  it('is 32 bytes from v24 (SessionType), 30 for v19-23 (DepartmentID), 26 before', () => {
    expect(encode(conf, { version: 24 }).length - 8).toBe(32);
    const { sessionType: _s, ...v23 } = conf;
    expect(encode(v23, { version: 23 }).length - 8).toBe(30);
    const { departmentId: _d, ...v18 } = v23;
    expect(encode(v18, { version: 18 }).length - 8).toBe(26);
  });

  it('writes BOOL as two bytes and the fields in order', () => {
    expect(toHex(encode(conf, { version: 24 }))).toBe(
      '00000020' + '00000004' + '00000009' + '00000007' + '00000000' + '00000000' + '5f000000' + '0001' + '0011' + '0002' + '00000000' + '0001',
    );
  });

  it('interleaves grouped list entries (FltPeripheralID, MultilineAgentControl) in wire order', () => {
    const withPeripherals = { ...conf, numPeripherals: 2, fltPeripheralId: [5000, 5001], multilineAgentControl: [0, 1] };
    const frame = encode(withPeripherals);
    expect(toHex(frame.subarray(8 + 32))).toBe(
      '00e4 0002 0002  00d0 0004 00001388  00e0 0002 0000  00d0 0004 00001389  00e0 0002 0001'.replace(/\s+/g, ''),
    );
    expect(decode(frame)).toEqual(withPeripherals);
  });
});

describe('heartbeat, close and failure messages', () => {
  it.each([
    [{ type: 'HEARTBEAT_REQ', invokeId: 7 }, '00000004 00000005 00000007'],
    [{ type: 'HEARTBEAT_CONF', invokeId: 7 }, '00000004 00000006 00000007'],
    [{ type: 'CLOSE_REQ', invokeId: 8, status: 0 }, '00000008 00000007 00000008 00000000'],
    [{ type: 'CLOSE_CONF', invokeId: 8 }, '00000004 00000008 00000008'],
    [{ type: 'FAILURE_CONF', invokeId: 3, status: 15 }, '00000008 00000001 00000003 0000000f'],
    [{ type: 'FAILURE_EVENT', status: 15 }, '00000004 00000002 0000000f'],
  ] as [Message, string][])('%o ↔ %s', (message, bytes) => {
    expect(toHex(encode(message))).toBe(bytes.replace(/\s+/g, ''));
    expect(decode(hex(bytes))).toEqual(message);
  });

  it('ignores trailing bytes the v24 HTML guide prints in FAILURE_CONF by keeping them as an unknown field', () => {
    // ged188.md §7 #1: decode reads InvokeID + Status; anything after is not lost.
    const decoded = decode(hex('0000000c 00000001 00000003 0000000f 0007 0000'));
    expect(decoded).toMatchObject({ type: 'FAILURE_CONF', invokeId: 3, status: 15 });
  });
});

describe('lenient decoding', () => {
  it('stops a STRING at its first NUL, or at the field end when there is none', () => {
    const frame = encode(openReq);
    const patched = Uint8Array.from(frame);
    // AgentExtension "3001\0" → "30\0 1\0": stops at the first NUL
    patched.set([0x00], patched.length - 3);
    expect((decode(patched) as Message<'OPEN_REQ'>).agentExtension).toBe('30');
    const noNul = hex('00000010 00000002 0000000f 0007 0003 616263 0007 0001 78');
    expect(decode(noNul)).toMatchObject({ text: 'abc' });
  });

  it('accepts over-long fields and keeps unknown tags to re-send them unchanged', () => {
    const frame = hex('00000011 00000006 00000001 03e7 0003 010203 0005 0000'.replace(/0005 0000$/, '0005 0002 4100'));
    const decoded = decode(frame);
    expect(decoded).toEqual({
      type: 'HEARTBEAT_CONF',
      invokeId: 1,
      unknownFields: [
        { tag: 999, data: Uint8Array.of(1, 2, 3) },
        { tag: 5, data: Uint8Array.of(0x41, 0) },
      ],
    });
    expect(toHex(encode(decoded as Message))).toBe(toHex(frame));
  });

  it('returns unknown message types whole', () => {
    expect(decode(hex('00000002 0000270f abcd'))).toEqual({ type: 'UNKNOWN', messageTypeId: 9999, body: Uint8Array.of(0xab, 0xcd) });
  });
});

describe('typed decode errors', () => {
  const cases: [string, string, string][] = [
    ['truncated-header', '000000', 'frame at offset 3'],
    ['length-mismatch', '00000008 00000005 00000001', 'HEARTBEAT_REQ at offset 0'],
    ['truncated-fixed', '00000002 00000005 0000', 'HEARTBEAT_REQ at offset 8'],
    ['truncated-floating-header', '00000005 00000006 00000001 00', 'HEARTBEAT_CONF at offset 12'],
    ['field-overruns-message', '00000009 00000006 00000001 0001 0009 00', 'HEARTBEAT_CONF at offset 12'],
    ['message-too-long', '00010000 00000006', 'HEARTBEAT_CONF at offset 0'],
  ];
  it.each(cases)('%s', (kind, bytes, where) => {
    try {
      decode(hex(bytes));
      expect.unreachable('decode should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(Ged188DecodeError);
      expect((error as Ged188DecodeError).kind).toBe(kind);
      expect((error as Error).message).toContain(where);
    }
  });
});

describe('strict encoding', () => {
  it('NUL-terminates strings and cuts them to the maximum', () => {
    const frame = encode({ ...openReq, agentExtension: '12345678901234567890' });
    const decoded = decode(frame) as Message<'OPEN_REQ'>;
    expect(decoded.agentExtension).toBe('123456789012345'); // 16 bytes including the NUL
  });

  it('refuses values out of range and missing fixed fields, naming the field', () => {
    expect(() => encode({ ...openReq, invokeId: -1 })).toThrow(Ged188EncodeError);
    expect(() => encode({ ...openReq, invokeId: 2 ** 32 })).toThrow(/OPEN_REQ\.invokeId: 4294967296 is out of range/);
    expect(() => encode({ type: 'CLOSE_REQ', invokeId: 1 } as Message)).toThrow(/CLOSE_REQ\.status: required fixed field is missing/);
    expect(() => encode({ type: 'NOPE' } as unknown as Message)).toThrow(/unknown message type/);
  });

  it('refuses a field newer than the session version', () => {
    expect(() => encode({ type: 'OPEN_CONF', invokeId: 1, servicesGranted: 0, monitorId: 0, pgStatus: 0, icmCentralControllerTime: 0, peripheralOnline: false, peripheralType: 17, agentState: 1, numPeripherals: 0 }, { version: 13 })).toThrow(/needs protocol version 14/);
  });
});
