import { describe, expect, it } from 'vitest';
import { buildMessage, type Message } from '../../../ged188/index.js';
import { applyCallEvent, applySnapshotCall, applySnapshotDevice, EMPTY_CALL_TABLE, endCallsExcept, type CallTable } from '../../../main/cti/calls/index.js';

const NOW = 1_700_000_000_000;
const base = { MonitorID: 0, PeripheralID: 5000, PeripheralType: 17, ConnectionDeviceIDType: 0 };

function reduce(...messages: Message[]): { table: CallTable; ended: string[] } {
  let table = EMPTY_CALL_TABLE;
  const ended: string[] = [];
  for (const m of messages) {
    const update = applyCallEvent(table, m, NOW);
    table = update.table;
    ended.push(...update.ended.map((c) => c.key));
  }
  return { table, ended };
}

const begin = (id: number) =>
  buildMessage('BEGIN_CALL_EVENT', { ...base, ConnectionCallID: id, ConnectionDeviceID: '3001', CallType: 1, ANI: '555', DNIS: '800', CallVariable1: 'a', NamedVariable: [{ name: 'user.x', value: '1' }], NamedArray: [{ name: 'user.arr', index: 2, value: 'z' }] });
const delivered = (id: number) => buildMessage('CALL_DELIVERED_EVENT', { ...base, ConnectionCallID: id, ConnectionDeviceID: '3001', LocalConnectionState: 2, CallingDeviceID: '555', CalledDeviceID: '3001' });
const established = (id: number) => buildMessage('CALL_ESTABLISHED_EVENT', { ...base, ConnectionCallID: id, ConnectionDeviceID: '3001', LocalConnectionState: 3 });

describe('the call reducer', () => {
  it('builds one call from events that name different devices, with data, ECC and connections', () => {
    const { table } = reduce(begin(7), delivered(7), established(7), buildMessage('CALL_HELD_EVENT', { ...base, ConnectionCallID: 7, ConnectionDeviceID: '3001', LocalConnectionState: 4 }));
    expect([...table.keys()]).toEqual(['5000.7']);
    expect(table.get('5000.7')).toMatchObject({
      callType: 1,
      ani: '555',
      dnis: '800',
      variables: { CallVariable1: 'a' },
      ecc: { 'user.x': '1' },
      eccArrays: { 'user.arr': { '2': 'z' } },
      callingDeviceId: '555',
      connections: [{ deviceId: '3001', deviceIdType: 0, state: 'hold' }],
      cleared: false,
    });
  });

  it('changes only the items a CALL_DATA_UPDATE carries, and re-keys a call whose id changes', () => {
    const { table } = reduce(
      begin(7),
      buildMessage('CALL_DATA_UPDATE_EVENT', { ...base, ConnectionCallID: 7, NewConnectionCallID: 9, CallVariable2: 'b', CallWrapupData: 'w' }),
    );
    expect([...table.keys()]).toEqual(['5000.9']);
    expect(table.get('5000.9')).toMatchObject({ connectionCallId: 9, variables: { CallVariable1: 'a', CallVariable2: 'b' }, ecc: { 'user.x': '1' }, wrapup: 'w' });
  });

  it('removes a party on CONNECTION_CLEARED, clears on CALL_CLEARED and ends on END_CALL', () => {
    const cleared = buildMessage('CALL_CONNECTION_CLEARED_EVENT', { ...base, ConnectionCallID: 7, ConnectionDeviceID: '3001', LocalConnectionState: 0 });
    const { table: afterParty } = reduce(begin(7), established(7), cleared);
    expect(afterParty.get('5000.7')?.connections).toEqual([]);
    const { table, ended } = reduce(begin(7), established(7), buildMessage('CALL_CLEARED_EVENT', { ...base, ConnectionCallID: 7, LocalConnectionState: 0 }), buildMessage('END_CALL_EVENT', { ...base, ConnectionCallID: 7 }));
    expect(table.size).toBe(0);
    expect(ended).toEqual(['5000.7']);
  });

  it('merges a consult call into the primary on CALL_CONFERENCED and reports the consult leg ended', () => {
    const { table, ended } = reduce(
      begin(7),
      established(7),
      begin(8),
      buildMessage('CALL_CONFERENCED_EVENT', { ...base, PrimaryCallID: 7, SecondaryCallID: 8, NumParties: 3, ConnectedPartyCallID: [7, 7, 7], ConnectedPartyDeviceIDType: [0, 0, 0], ConnectedPartyDeviceID: ['555', '3001', '3002'], LocalConnectionState: 3 }),
    );
    expect([...table.keys()]).toEqual(['5000.7']);
    expect(table.get('5000.7')?.connections.map((c) => c.deviceId)).toEqual(['555', '3001', '3002']);
    expect(ended).toEqual(['5000.8']);
  });

  it('reconciles from snapshots: vanished calls end, new ones appear with the server data', () => {
    const { table: before } = reduce(begin(7), established(7));
    const device = applySnapshotDevice(before, 5000, buildMessage('SNAPSHOT_DEVICE_CONF', { InvokeID: 1, CallConnectionCallID: [11], CallConnectionDeviceIDType: [0], CallConnectionDeviceID: ['3001'], CallState: [2] }), NOW);
    const withCall = applySnapshotCall(device.table, device.listed[0]!, buildMessage('SNAPSHOT_CALL_CONF', { InvokeID: 2, CallType: 1, ANI: '777', CallVariable3: 'c', CallConnectionDeviceID: ['777', '3001'], CallConnectionDeviceIDType: [0, 0], CallDeviceConnectionState: [3, 2], CallConnectionCallID: [11, 11], CallDeviceType: [0, 0], CallDeviceID: ['777', '3001'] }), NOW);
    const { table, ended } = endCallsExcept(withCall, device.keys);
    expect(ended.map((c) => c.key)).toEqual(['5000.7']);
    expect([...table.keys()]).toEqual(['5000.11']);
    expect(table.get('5000.11')).toMatchObject({ ani: '777', variables: { CallVariable3: 'c' }, connections: [{ deviceId: '777', state: 'connect' }, { deviceId: '3001', state: 'alerting' }] });
  });
});
