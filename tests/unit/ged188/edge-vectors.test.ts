import { describe, expect, it } from 'vitest';
import { decode, encode, type Message } from '../../../ged188/index.js';

/**
 * Frames written by hand from the guide's tables (independently of our layout
 * tables and of the test frame builder), each exercising a case where a careless
 * codec loses or moves bytes. Each must decode to the fields shown and encode back
 * to exactly the same bytes.
 */
const hex = (text: string) => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

function roundTrip(frameHex: string, version = 24): Record<string, unknown> {
  const frame = hex(frameHex);
  const message = decode(frame, { version }) as Message;
  expect(toHex(encode(message, { version }))).toBe(toHex(frame));
  return JSON.parse(JSON.stringify(message, (_key, value) => (value instanceof Uint8Array ? toHex(value) : value)));
}

describe('edge vectors, byte for byte', () => {
  it('SNAPSHOT_CALL_CONF FltEnabledServices: one field of N USHORTs (USHORT×N)', () => {
    const fields = roundTrip(
      '00000020 00000053' +
        '00000009 0001 0000 0000 0000 0000 0000' + // InvokeID, CallType, NumCTIClients, NumCallDevices, NumNamedVariables, NumNamedArrays, CalledPartyDisposition
        '0136 0002 0003' + // NumOfEnabledServices (310) = 3
        '0135 0006 0001 0002 0003', // FltEnabledServices (309) = 1, 2, 3
    );
    expect(fields).toMatchObject({ NumOfEnabledServices: 3, FltEnabledServices: [1, 2, 3] });
  });

  it('SNAPSHOT_DEVICE_CONF: a call entry without its optional SilentMonitorStatus leaves a hole, not a shift', () => {
    const fields = roundTrip(
      '00000046 00000055 00000003 0002' +
        '0038 0004 00000001  0039 0002 0001  003a 0005 3130303100  004b 0002 0003' + // call 1: no SilentMonitorStatus
        '0038 0004 00000002  0039 0002 0001  003a 0005 3130303200  004b 0002 0004  00da 0002 0002', // call 2: status 2
    );
    expect(fields).toMatchObject({ NumCalls: 2, CallConnectionCallID: [1, 2], CallState: [3, 4], SilentMonitorStatus: [null, 2] });
  });

  it('CALL_DATA_UPDATE_EVENT with two CTI clients keeps both signature/timestamp pairs in order', () => {
    const body =
      '00000000 00001388 0011 0002 0000 0000 0001 0000 00000064 0000 00000064 0000 00000000 00000000' + // 40-byte fixed part, NumCTIClients = 2
      '0017 0002 6100 0018 0004 00000001 0017 0002 6200 0018 0004 00000002';
    const frame = `${(body.replace(/\s+/g, '').length / 2).toString(16).padStart(8, '0')} 00000019 ${body}`;
    const fields = roundTrip(frame);
    expect(fields).toMatchObject({ NumCTIClients: 2, CTIClientSignature: ['a', 'b'], CTIClientTimestamp: [1, 2] });
  });

  it('an unknown tag before a known one goes back where it was', () => {
    const fields = roundTrip('0000001f 00000018 00000000 00001388 0011 0001 00000010 03e7 0002 0001 0019 0005 3130303100');
    expect(fields).toMatchObject({ ConnectionDeviceID: '1001', UnknownFields: [{ Tag: 999, Data: '0001', Position: 0 }] });
  });

  it('text that is not UTF-8 is kept as raw bytes', () => {
    const fields = roundTrip('00000023 0000001f 00000000 00000000 00000005 00000000 00000000 00000000 ffff 0007 0005 436166e900');
    expect(fields).toMatchObject({ SystemEventID: 5, UnknownFields: [{ Tag: 7, Data: '436166e900' }] });
  });

  it('a number field of the wrong size is kept as raw bytes', () => {
    const fields = roundTrip('00000016 00000018 00000000 00001388 0011 0001 00000010 0048 0002 0001');
    expect(fields).toMatchObject({ UnknownFields: [{ Tag: 72, Data: '0001' }] });
  });

  it('refuses to encode text with a NUL inside', () => {
    expect(() => encode({ MessageType: 'FAILURE_EVENT', Status: 1, Text: 'a\0b' })).toThrow(/FAILURE_EVENT.Text: text contains a NUL/);
  });
});
