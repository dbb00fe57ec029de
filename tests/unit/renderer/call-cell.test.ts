import { describe, expect, it } from 'vitest';
import { GridColumnSchema, type AgentCall } from '../../../contract/index.js';
import { callCell } from '../../../renderer/src/call-cell.js';

const agentCall: AgentCall = {
  call: {
    key: '5000.42',
    peripheralId: 5000,
    connectionCallId: 42,
    ani: '5551234',
    dnis: '8005550100',
    callerEnteredDigits: '77',
    variables: { CallVariable3: 'gold' },
    ecc: { CustomerId: 'C-9' },
    eccArrays: { Orders: { '1': 'O-17' } },
    connections: [],
    cleared: false,
    since: 1_700_000_000_000,
  },
  localState: 'hold',
  enablement: { mask: 0, buttons: ['retrieve'] },
};

const column = (input: object) => GridColumnSchema.parse({ header: 'h', ...input });

describe('callCell', () => {
  it('reads each call column from the call', () => {
    expect(callCell(agentCall, column({ field: 'CallID' }))).toEqual({ kind: 'text', text: '42' });
    expect(callCell(agentCall, column({ field: 'ANI' }))).toEqual({ kind: 'text', text: '5551234' });
    expect(callCell(agentCall, column({ field: 'CED' }))).toEqual({ kind: 'text', text: '77' });
    expect(callCell(agentCall, column({ field: 'Var3' }))).toEqual({ kind: 'text', text: 'gold' });
    expect(callCell(agentCall, column({ field: 'Var4' }))).toEqual({ kind: 'text', text: '' });
    expect(callCell(agentCall, column({ field: 'ECC', name: 'CustomerId' }))).toEqual({ kind: 'text', text: 'C-9' });
    expect(callCell(agentCall, column({ field: 'ECCArray', name: 'Orders[1]' }))).toEqual({ kind: 'text', text: 'O-17' });
  });

  it('gives the status as a message key: this phone’s connection state, or ended once cleared', () => {
    expect(callCell(agentCall, column({ field: 'CallStatus' }))).toEqual({ kind: 'status', key: 'call.status.hold' });
    expect(callCell({ ...agentCall, call: { ...agentCall.call, cleared: true } }, column({ field: 'CallStatus' }))).toEqual({ kind: 'status', key: 'call.status.cleared' });
  });
});
