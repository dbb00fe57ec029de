import { describe, expect, it } from 'vitest';
import {
  Ged188DecodeError,
  Ged188EncodeError,
  decode,
  encode,
  validate,
  type Message,
} from '../../../ged188/index.js';
import { asDecoded } from '../../support/messages.js';

/** Hex with spaces → bytes, so expected frames read like the guide's tables. */
function hex(Text: string): Uint8Array {
  return Uint8Array.from(Text.replace(/\s+/g, '').match(/../g)!.map((b) => parseInt(b, 16)));
}

function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

const openReq: Message<'OPEN_REQ'> = {
  MessageType: 'OPEN_REQ',
  InvokeID: 1,
  VersionNumber: 24,
  IdleTimeout: 20,
  PeripheralID: 0xffffffff,
  ServicesRequested: 0x7,
  CallMsgMask: 0,
  AgentStateMask: 0x3fff,
  ConfigMsgMask: 0,
  Reserved1: 0,
  Reserved2: 0,
  Reserved3: 0,
  ClientID: 'ab',
  ClientPassword: new Uint8Array(0),
  AgentExtension: '3001',
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
    expect(decode(openReqV24, { version: 24 })).toEqual(asDecoded(openReq));
  });

  it('uses 1-byte tag and length before version 20', () => {
    const frame = encode({ ...openReq, VersionNumber: 19 }, { version: 19 });
    // 8 header + 44 fixed + (2+3) + (2+0) + (2+5)
    expect(frame.length).toBe(8 + 44 + 5 + 2 + 7);
    expect(toHex(frame.subarray(52))).toBe('0103616200' + '0200' + '04053330303100');
    expect(decode(frame, { version: 19 })).toEqual(asDecoded({ ...openReq, VersionNumber: 19 }));
  });

  it('reports missing required fields through validate, not decode', () => {
    const { ClientID: _omit, ...withoutClient } = openReq;
    const frame = encode(withoutClient as Message<'OPEN_REQ'>);
    const decoded = decode(frame) as Message<'OPEN_REQ'>;
    expect(decoded.ClientID).toBeUndefined();
    expect(validate(decoded)).toEqual([expect.objectContaining({ field: 'ClientID', status: 6 })]);
  });

  it('reports a field longer than its maximum with E_CTI_INVALID_FIELD_LENGTH', () => {
    expect(validate({ ...openReq, AgentExtension: '1234567890123456' })).toEqual([expect.objectContaining({ field: 'AgentExtension', status: 23 })]);
    expect(validate({ ...openReq, AgentExtension: '123456789012345' })).toEqual([]);
  });

  it('reports a non-zero reserved field with E_CTI_INVALID_RESERVED_FIELD', () => {
    expect(validate({ ...openReq, Reserved2: 1 })).toEqual([expect.objectContaining({ field: 'Reserved2', status: 22 })]);
    expect(validate(openReq)).toEqual([]);
  });
});

describe('OPEN_CONF fixed part by version', () => {
  const conf: Message<'OPEN_CONF'> = {
    MessageType: 'OPEN_CONF',
    InvokeID: 9,
    ServicesGranted: 7,
    MonitorID: 0,
    PGStatus: 0,
    ICMCentralControllerTime: 0x5f000000,
    PeripheralOnline: true,
    PeripheralType: 17,
    AgentState: 2,
    DepartmentID: 0,
    SessionType: 1,
  };

  it('is 32 bytes from v24 (SessionType), 30 for v19-23 (DepartmentID), 26 before', () => {
    expect(encode(conf, { version: 24 }).length - 8).toBe(32);
    const { SessionType: _s, ...v23 } = conf;
    expect(encode(v23, { version: 23 }).length - 8).toBe(30);
    const { DepartmentID: _d, ...v18 } = v23;
    expect(encode(v18, { version: 18 }).length - 8).toBe(26);
  });

  it('writes BOOL as two bytes and the fields in order', () => {
    expect(toHex(encode(conf, { version: 24 }))).toBe(
      '00000020' + '00000004' + '00000009' + '00000007' + '00000000' + '00000000' + '5f000000' + '0001' + '0011' + '0002' + '00000000' + '0001',
    );
  });

  it('interleaves grouped list entries (FltPeripheralID, MultilineAgentControl) in wire order', () => {
    const withPeripherals = { ...conf, NumPeripherals: 2, FltPeripheralID: [5000, 5001], MultilineAgentControl: [0, 1] };
    const frame = encode(withPeripherals);
    expect(toHex(frame.subarray(8 + 32))).toBe(
      '00e4 0002 0002  00d0 0004 00001388  00e0 0002 0000  00d0 0004 00001389  00e0 0002 0001'.replace(/\s+/g, ''),
    );
    expect(decode(frame)).toEqual(asDecoded(withPeripherals));
  });
});

describe('heartbeat, close and failure messages', () => {
  it.each([
    [{ MessageType: 'HEARTBEAT_REQ', InvokeID: 7 }, '00000004 00000005 00000007'],
    [{ MessageType: 'HEARTBEAT_CONF', InvokeID: 7 }, '00000004 00000006 00000007'],
    [{ MessageType: 'CLOSE_REQ', InvokeID: 8, Status: 0 }, '00000008 00000007 00000008 00000000'],
    [{ MessageType: 'CLOSE_CONF', InvokeID: 8 }, '00000004 00000008 00000008'],
    [{ MessageType: 'FAILURE_CONF', InvokeID: 3, Status: 15 }, '00000008 00000001 00000003 0000000f'],
    [{ MessageType: 'FAILURE_EVENT', Status: 15 }, '00000004 00000002 0000000f'],
  ] as [Message, string][])('%o ↔ %s', (message, bytes) => {
    expect(toHex(encode(message))).toBe(bytes.replace(/\s+/g, ''));
    expect(decode(hex(bytes))).toEqual(asDecoded(message));
  });

  it('ignores trailing bytes the v24 HTML guide prints in FAILURE_CONF by keeping them as an unknown field', () => {
    // ged188.md §7 #1: decode reads InvokeID + Status; anything after is not lost.
    const decoded = decode(hex('0000000c 00000001 00000003 0000000f 0007 0000'));
    expect(decoded).toMatchObject({ MessageType: 'FAILURE_CONF', InvokeID: 3, Status: 15 });
  });
});

describe('lenient decoding', () => {
  it('stops a STRING at its first NUL, or at the field end when there is none', () => {
    const frame = encode(openReq);
    const patched = Uint8Array.from(frame);
    // AgentExtension "3001\0" → "30\0 1\0": stops at the first NUL
    patched.set([0x00], patched.length - 3);
    expect((decode(patched) as Message<'OPEN_REQ'>).AgentExtension).toBe('30');
    const noNul = hex('00000010 00000002 0000000f 0007 0003 616263 0007 0001 78');
    expect(decode(noNul)).toMatchObject({ Text: 'abc' });
  });

  it('accepts over-long fields and keeps unknown tags to re-send them unchanged', () => {
    const frame = hex('00000011 00000006 00000001 03e7 0003 010203 0005 0000'.replace(/0005 0000$/, '0005 0002 4100'));
    const decoded = decode(frame);
    expect(decoded).toEqual({
      MessageType: 'HEARTBEAT_CONF',
      MessageTypeId: 6,
      InvokeID: 1,
      UnknownFields: [
        { Tag: 999, Data: Uint8Array.of(1, 2, 3), Position: 0 },
        { Tag: 5, Data: Uint8Array.of(0x41, 0), Position: 0 },
      ],
    });
    expect(toHex(encode(decoded as Message))).toBe(toHex(frame));
  });

  it('returns unknown message types whole', () => {
    expect(decode(hex('00000002 0000270f abcd'))).toEqual({ MessageType: 'UNKNOWN', MessageTypeId: 9999, Body: Uint8Array.of(0xab, 0xcd) });
  });
});

describe('typed decode errors', () => {
  const cases: [string, string, string][] = [
    ['truncated-header', '000000', 'frame at offset 3'],
    ['length-mismatch', '00000008 00000005 00000001', 'HEARTBEAT_REQ at offset 0'],
    ['truncated-fixed', '00000002 00000005 0000', 'HEARTBEAT_REQ at offset 8'],
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

describe('bytes too few for a floating field', () => {
  it('are kept as Trailing and sent back as they came, not treated as fatal', () => {
    const frame = hex('00000005 00000006 00000001 00');
    const decoded = decode(frame);
    expect(decoded).toMatchObject({ MessageType: 'HEARTBEAT_CONF', InvokeID: 1, Trailing: Uint8Array.of(0) });
    expect(toHex(encode(decoded as Message))).toBe(toHex(frame));
  });
});

describe('strict encoding', () => {
  it('NUL-terminates a string that fills its maximum exactly', () => {
    const frame = encode({ ...openReq, AgentExtension: '123456789012345' }); // 16 bytes including the NUL
    expect((decode(frame) as Message<'OPEN_REQ'>).AgentExtension).toBe('123456789012345');
  });

  it('refuses a string over its maximum, naming message and field, instead of cutting it', () => {
    expect(() => encode({ ...openReq, AgentExtension: '1234567890123456' })).toThrow(
      /^OPEN_REQ\.AgentExtension: 16 bytes of text exceed the maximum of 15 \(16 with its NUL\)$/,
    );
    // A character that would be split counts whole: 14 ASCII bytes + "é" (2 bytes) = 16.
    expect(() => encode({ ...openReq, AgentExtension: '12345678901234é' })).toThrow(/OPEN_REQ\.AgentExtension: 16 bytes/);
  });

  it('refuses ECC names and values over their maximum, naming the part', () => {
    const base = { MessageType: 'SET_CALL_DATA_REQ', InvokeID: 1, PeripheralID: 5000, ConnectionDeviceIDType: 0, ConnectionCallID: 1, NumNamedVariables: 1, NumNamedArrays: 0, CallType: 0, CalledPartyDisposition: 0, CampaignID: 0, QueryRuleID: 0, ConnectionDeviceID: '1' } as const;
    expect(() => encode({ ...base, NamedVariable: [{ name: 'user.x', value: 'v'.repeat(211) }] } as unknown as Message)).toThrow(/SET_CALL_DATA_REQ\.NamedVariable\.value: 211 bytes of text exceed the maximum of 210/);
    expect(() => encode({ ...base, NamedVariable: [{ name: 'n'.repeat(33), value: 'v' }] } as unknown as Message)).toThrow(/NamedVariable\.name: 33 bytes/);
    expect(() => encode({ ...base, NamedVariable: [{ name: 'user.x', value: 'v'.repeat(210) }] } as unknown as Message)).not.toThrow();
  });

  it('refuses values out of range and missing fixed fields, naming the field', () => {
    expect(() => encode({ ...openReq, InvokeID: -1 })).toThrow(Ged188EncodeError);
    expect(() => encode({ ...openReq, InvokeID: 2 ** 32 })).toThrow(/OPEN_REQ\.InvokeID: 4294967296 is out of range/);
    expect(() => encode({ MessageType: 'CLOSE_REQ', InvokeID: 1 } as Message)).toThrow(/CLOSE_REQ\.Status: required fixed field is missing/);
    expect(() => encode({ MessageType: 'NOPE' } as unknown as Message)).toThrow(/unknown message type/);
  });

  it('refuses a field newer than the session version', () => {
    expect(() => encode({ MessageType: 'OPEN_CONF', InvokeID: 1, ServicesGranted: 0, MonitorID: 0, PGStatus: 0, ICMCentralControllerTime: 0, PeripheralOnline: false, PeripheralType: 17, AgentState: 1, NumPeripherals: 0 }, { version: 13 })).toThrow(/needs protocol version 14/);
  });
});
