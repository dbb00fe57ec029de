import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ged188EncodeError, decode, encode, validateOutgoing, type Message } from '../../../ged188/index.js';

/**
 * validateOutgoing and the encoder agree: what it passes goes on the wire and comes
 * back exactly as given; what the encoder refuses (a NUL inside text) or would cut
 * short (text or ECC over its field) it reports, so a sender can refuse it first.
 */
function beginCall(fields: { ani: string; variable: string; eccName: string; eccValue: string }): Message<'BEGIN_CALL_EVENT'> {
  return {
    MessageType: 'BEGIN_CALL_EVENT',
    MonitorID: 0,
    PeripheralID: 5000,
    PeripheralType: 0xffff,
    NumCTIClients: 0,
    NumNamedVariables: 1,
    NumNamedArrays: 0,
    CallType: 0xffff,
    ConnectionDeviceIDType: 0,
    ConnectionCallID: 1,
    CalledPartyDisposition: 0,
    ANI: fields.ani,
    CallVariable1: fields.variable,
    NamedVariable: [{ name: fields.eccName, value: fields.eccValue }],
  } as Message<'BEGIN_CALL_EVENT'>;
}

describe('validateOutgoing', () => {
  it('passes exactly what survives encode → decode unchanged (property)', () => {
    const text = (max: number) => fc.string({ unit: 'binary', maxLength: max });
    fc.assert(
      fc.property(fc.record({ ani: text(45), variable: text(45), eccName: text(36), eccValue: text(215) }), (fields) => {
        const message = beginCall(fields);
        const problems = validateOutgoing(message);
        let decoded: Message<'BEGIN_CALL_EVENT'>;
        try {
          decoded = decode(encode(message)) as Message<'BEGIN_CALL_EVENT'>;
        } catch (error) {
          expect(error).toBeInstanceOf(Ged188EncodeError);
          expect(problems).not.toEqual([]);
          return;
        }
        const arrived = { ani: decoded.ANI, variable: decoded.CallVariable1, eccName: decoded.NamedVariable?.[0]?.name, eccValue: decoded.NamedVariable?.[0]?.value };
        expect(problems.length === 0).toBe(JSON.stringify(arrived) === JSON.stringify(fields));
      }),
      { numRuns: 2000 },
    );
  });

  it('names the field, the ECC entry and what is wrong', () => {
    const ok = { ani: '5551234', variable: 'x', eccName: 'user.a', eccValue: 'v' };
    expect(validateOutgoing(beginCall(ok))).toEqual([]);
    expect(validateOutgoing(beginCall({ ...ok, ani: '555\0' }))).toEqual([
      expect.objectContaining({ field: 'ANI', detail: 'contains a NUL character, which GED-188 text cannot carry' }),
    ]);
    expect(validateOutgoing(beginCall({ ...ok, ani: '5'.repeat(40) }))).toEqual([
      expect.objectContaining({ field: 'ANI', status: 23, detail: 'is 40 bytes; GED-188 carries at most 39' }),
    ]);
    expect(validateOutgoing(beginCall({ ...ok, eccValue: 'v'.repeat(211) }))).toEqual([
      expect.objectContaining({ field: 'NamedVariable.value', entry: 'user.a', detail: 'is 211 bytes; GED-188 carries at most 210' }),
    ]);
  });
});
