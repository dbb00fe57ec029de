import { describe, expect, it } from 'vitest';
import {
  AGENT_DESK_SETTINGS,
  TAGS,
  assistEvent,
  assistEventForVersion,
  decode,
  encode,
  readAssistBody,
  tagInVersion,
  type Message,
} from '../../../ged188/index.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const bytes = (text: string) => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
const ascii = (text: string) => Buffer.from(`${text}\0`).toString('hex');
/** A TLV with 2-byte tag and length (v20+). */
const tlv2 = (tag: number, data: string) => tag.toString(16).padStart(4, '0') + (data.length / 2).toString(16).padStart(4, '0') + data;
/** A TLV with 1-byte tag and length (before v20). */
const tlv1 = (tag: number, data: string) => tag.toString(16).padStart(2, '0') + (data.length / 2).toString(16).padStart(2, '0') + data;
const frame = (type: number, body: string) => bytes((body.length / 2).toString(16).padStart(8, '0') + type.toString(16).padStart(8, '0') + body);

describe('AGENT_PRE_CALL_EVENT (guide v25, Application Level Interfaces)', () => {
  // MonitorID 0, NumNamedVariables 1, NumNamedArrays 0, ServiceNumber 7, ServiceID 0x1389,
  // SkillGroupNumber 2, SkillGroupID 0x1390, SkillGroupPriority 0, MRDID 1
  const fixed19 = '00000000 0001 0000 00000007 00001389 00000002 00001390 0000 00000001';
  const preCall: Message<'AGENT_PRE_CALL_EVENT'> = {
    MessageType: 'AGENT_PRE_CALL_EVENT',
    MonitorID: 0, NumNamedVariables: 1, NumNamedArrays: 0, ServiceNumber: 7, ServiceID: 0x1389,
    SkillGroupNumber: 2, SkillGroupID: 0x1390, SkillGroupPriority: 0, MRDID: 1, AgentSkillTargetID: 5001,
    AgentInstrument: '3001', RouterCallKeyDay: 150000, RouterCallKeyCallID: 42, RouterCallKeySequenceNumber: 1,
    ANI: '5551234', UserToUserInfo: Uint8Array.of(0xde, 0xad), DialedNumber: '8000', CallerEnteredDigits: '12',
    FltCallTypeID: 5000, PreCallInvokeID: 77, CallVariable1: 'acct', NamedVariable: [{ name: 'user.x', value: 'y' }],
    AgentID: '1001', ProtocolReferenceGUID: 'g-1', NumOfEnabledServices: 2, FltEnabledServices: [1, 2], CcaiConfigId: 'cfg',
  };
  const v24 = frame(105,
    fixed19.replace(/\s/g, '') + '00001389' + // AgentSkillTargetID 5001
      tlv2(6, ascii('3001')) + tlv2(72, '000249f0') + tlv2(73, '0000002a') + tlv2(110, '00000001') +
      tlv2(8, ascii('5551234')) + tlv2(9, 'dead') + tlv2(11, ascii('8000')) + tlv2(12, ascii('12')) +
      tlv2(210, '00001388') + tlv2(221, '0000004d') + tlv2(13, ascii('acct')) + tlv2(82, ascii('user.x') + ascii('y')) +
      tlv2(5, ascii('1001')) + tlv2(294, ascii('g-1')) + tlv2(310, '0002') + tlv2(309, '00010002') + tlv2(311, ascii('cfg')));

  it('encodes every field the guide lists, in its order, at v24 (AgentSkillTargetID fixed, AgentID and v24 tags floating)', () => {
    expect(hex(encode(preCall, { version: 24 }))).toBe(hex(v24));
    expect(decode(v24, { version: 24 })).toEqual({ ...preCall, MessageTypeId: 105 });
  });

  it('at v19 has no AgentSkillTargetID, AgentID or v24 fields, and 1-byte TLVs; v14 fields are there', () => {
    const { AgentSkillTargetID: _a, AgentID: _b, ProtocolReferenceGUID: _c, NumOfEnabledServices: _d, FltEnabledServices: _e, CcaiConfigId: _f, ...older } = preCall;
    const v19 = frame(105,
      fixed19.replace(/\s/g, '') +
        tlv1(6, ascii('3001')) + tlv1(72, '000249f0') + tlv1(73, '0000002a') + tlv1(110, '00000001') +
        tlv1(8, ascii('5551234')) + tlv1(9, 'dead') + tlv1(11, ascii('8000')) + tlv1(12, ascii('12')) +
        tlv1(210, '00001388') + tlv1(221, '0000004d') + tlv1(13, ascii('acct')) + tlv1(82, ascii('user.x') + ascii('y')));
    expect(hex(encode(older as Message, { version: 19 }))).toBe(hex(v19));
    expect(decode(v19, { version: 19 })).toEqual({ ...older, MessageTypeId: 105 });
    expect(() => encode(preCall, { version: 19 })).toThrow(/AGENT_PRE_CALL_EVENT\.AgentID: needs protocol version 20/);
    const { FltCallTypeID: _g, ...withoutCallType } = older;
    expect(() => encode(withoutCallType as Message, { version: 13 })).toThrow(/AGENT_PRE_CALL_EVENT\.PreCallInvokeID: needs protocol version 14/);
  });

  it('round-trips a frame byte for byte', () => {
    expect(hex(encode(decode(v24, { version: 24 }) as Message, { version: 24 }))).toBe(hex(v24));
  });
});

describe('tags 226 and 227 (ClientAddressIPV6, SendingAddressIPV6)', () => {
  it('are in the tag table for v14 to v18 only: added in v14, removed in v19', () => {
    expect(TAGS.get(226)).toMatchObject({ name: 'CLIENT_ADDRESS_IPV6', since: 14, removedIn: 19 });
    expect(TAGS.get(227)).toMatchObject({ name: 'SENDING_ADDRESS_IPV6', since: 14, removedIn: 19 });
    expect([13, 14, 18, 19, 24].map((v) => tagInVersion(226, v))).toEqual([false, true, true, false, false]);
    expect([13, 14, 18, 19, 24].map((v) => tagInVersion(227, v))).toEqual([false, true, true, false, false]);
    expect(tagInVersion(5, 13)).toBe(true);
    expect(tagInVersion(0xfff0, 24)).toBe(false);
  });
});

describe('SUPERVISOR_ASSIST_EVENT (no body table in the guide)', () => {
  it('is decoded as untabulated bytes kept whole, with no guessed fields, and re-encodes byte for byte', () => {
    const body = '00001388 00000007 0000 00000003' + tlv2(25, ascii('3001')) + 'abcdef';
    const wire = frame(120, body.replace(/\s/g, ''));
    const decoded = decode(wire, { version: 24 }) as Message<'SUPERVISOR_ASSIST_EVENT'>;
    const present = Object.entries(decoded).filter(([, value]) => value !== undefined).map(([key]) => key);
    expect(present.sort()).toEqual(['MessageType', 'MessageTypeId', 'Trailing']);
    expect(hex(decoded.Trailing!)).toBe(body.replace(/\s/g, ''));
    expect(hex(encode(decoded, { version: 24 }))).toBe(hex(wire));
  });

  it('is read as the EMERGENCY_CALL_EVENT layout only where it is one, at either TLV width', () => {
    const fields = { PeripheralID: 5000, ConnectionCallID: 7, ConnectionDeviceIDType: 0, SessionID: 3, ConnectionDeviceID: '3001', AgentID: '1001', AgentInstrument: '3001' };
    const v24 = assistEvent(fields, 24);
    expect(readAssistBody(v24)).toMatchObject(fields);
    const v15 = assistEventForVersion(v24, 24, 15);
    expect(hex(v15.Trailing!)).not.toBe(hex(v24.Trailing!));
    expect(readAssistBody(v15, 15)).toMatchObject(fields);
    expect(readAssistBody(v15)).toMatchObject(fields); // version unknown to the reader: the other width is tried
    expect(assistEventForVersion(v24, 24, 25)).toBe(v24);
    expect(readAssistBody({ MessageType: 'SUPERVISOR_ASSIST_EVENT', Trailing: Uint8Array.of(1, 2, 3) })).toBeUndefined();
  });
});

describe('AGENT_DESK_SETTINGS_REQ / _CONF (guide: Miscellaneous Service, MessageTypes 131/132)', () => {
  it('REQ: InvokeID, PeripheralID, optional floating AgentID', () => {
    const req: Message<'AGENT_DESK_SETTINGS_REQ'> = { MessageType: 'AGENT_DESK_SETTINGS_REQ', InvokeID: 9, PeripheralID: 5000, AgentID: '1001' };
    const wire = frame(131, '00000009 00001388'.replace(/\s/g, '') + tlv2(5, ascii('1001')));
    expect(hex(encode(req))).toBe(hex(wire));
    expect(decode(wire)).toEqual({ ...req, MessageTypeId: 131 });
    expect(hex(encode({ MessageType: 'AGENT_DESK_SETTINGS_REQ', InvokeID: 9, PeripheralID: 5000 }, { version: 15 }))).toBe(
      hex(frame(131, '0000000900001388')),
    );
  });

  it('CONF: 16 UINTs fixed (64 bytes), then DefaultDevicePortAddress; PlayZipTone and ACDSharedLineUsage from v25', () => {
    const mask = AGENT_DESK_SETTINGS.IDLE_REASON_REQUIRED | AGENT_DESK_SETTINGS.LOGOUT_REASON_REQUIRED | AGENT_DESK_SETTINGS.AUTO_ANSWER_ENABLED;
    const conf: Message<'AGENT_DESK_SETTINGS_CONF'> = {
      MessageType: 'AGENT_DESK_SETTINGS_CONF', InvokeID: 9, PeripheralID: 5000, DeskSettingsMask: mask,
      WrapupDataIncomingMode: 0, WrapupDataOutgoingMode: 2, LogoutNonActivityTime: 600, QualityRecordingRate: 0,
      RingNoAnswerTime: 12, SilentMonitorWarningMessage: 1, SilentMonitorAudibleIndication: 0, SupervisorAssistCallMethod: 0,
      EmergencyCallMethod: 1, AutoRecordOnEmergency: 0, RecordingMode: 0, WorkModeTimer: 30, RingNoAnswerDN: 0,
      DefaultDevicePortAddress: 'port-1', PlayZipTone: 1, ACDSharedLineUsage: 0,
    };
    const fixed = '00000009 00001388 0000001c 00000000 00000002 00000258 00000000 0000000c 00000001 00000000 00000000 00000001 00000000 00000000 0000001e 00000000';
    const wire = frame(132, fixed.replace(/\s/g, '') + tlv2(93, ascii('port-1')) + tlv2(307, '00000001') + tlv2(306, '00000000'));
    expect(hex(encode(conf, { version: 25 }))).toBe(hex(wire));
    expect(decode(wire, { version: 25 })).toEqual({ ...conf, MessageTypeId: 132 });
    // v24: the two v25 tags are not in the layout, so a v24 reader keeps them whole as unknown fields.
    const atV24 = decode(wire, { version: 24 }) as Message<'AGENT_DESK_SETTINGS_CONF'>;
    expect(atV24.PlayZipTone).toBeUndefined();
    expect(atV24.UnknownFields?.map((f) => f.Tag)).toEqual([307, 306]);
    expect(hex(encode(atV24, { version: 24 }))).toBe(hex(wire));
  });
});
