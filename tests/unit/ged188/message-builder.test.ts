import { describe, expect, it } from 'vitest';
import { CALL_TYPE, DEVICE_ID_TYPE, EVENT_CAUSE, NONE_UINT, NONE_USHORT, buildMessage, decode, encode, validate } from '../../../ged188/index.js';

describe('buildMessage', () => {
  it("fills every fixed field the caller leaves out with the guide's not-applicable value", () => {
    const m = buildMessage('CALL_DELIVERED_EVENT', { PeripheralID: 5000, ConnectionCallID: 7, AlertingDeviceID: '3001' });
    expect(m).toMatchObject({
      PeripheralID: 5000,
      ConnectionCallID: 7,
      ServiceNumber: NONE_UINT,
      SkillGroupNumber: NONE_UINT,
      AlertingDeviceType: DEVICE_ID_TYPE.NONE,
      LineType: NONE_USHORT,
      EventCause: EVENT_CAUSE.NONE,
      MonitorID: 0,
    });
    expect(buildMessage('BEGIN_CALL_EVENT', {}).CallType).toBe(CALL_TYPE.NULL_CALLTYPE);
    expect(buildMessage('OPEN_CONF', {}).PeripheralOnline).toBe(false);
  });

  it('sets every counter from the entries it counts, so the message passes validate and encodes', () => {
    const m = buildMessage('BEGIN_CALL_EVENT', { NumNamedVariables: 9, NamedVariable: [{ name: 'user.a', value: '1' }, { name: 'user.b', value: '2' }] });
    expect(m.NumNamedVariables).toBe(2);
    expect(m.NumNamedArrays).toBe(0);
    expect(validate(m)).toEqual([]);
    expect(decode(encode(m))).toMatchObject({ NumNamedVariables: 2, NamedVariable: m.NamedVariable });
  });
});
