import { describe, expect, it } from 'vitest';
import { DEFAULT_DESK_SETTINGS } from '../../../contract/index.js';
import { buildMessage } from '../../../ged188/index.js';
import { newSelection, type AgentSelection } from '../../../main/cti/agent/agent-selection.js';
import { agentView } from '../../../main/cti/agent/agent-view.js';
import { heldOnPhone, otherCallOnPhone, ownConnection, phoneCalls } from '../../../main/cti/agent/phone-calls.js';
import { CallBook } from '../../../main/cti/calls/index.js';

const NOW = 1_700_000_000_000;
const PHONE = '3001';
const base = { MonitorID: 0, PeripheralID: 5000, PeripheralType: 17, ConnectionDeviceIDType: 0 };

/** An incoming call ringing on the phone (7), and a call the phone placed that still rings at 3002 (8). */
function book(): CallBook {
  const calls = new CallBook({}, () => NOW);
  calls.apply(buildMessage('BEGIN_CALL_EVENT', { ...base, ConnectionCallID: 7, ConnectionDeviceID: PHONE, CallType: 1 }));
  calls.apply(buildMessage('CALL_DELIVERED_EVENT', { ...base, ConnectionCallID: 7, ConnectionDeviceID: PHONE, LocalConnectionState: 2, AlertingDeviceID: PHONE, CallingDeviceID: '5551234', CalledDeviceID: PHONE }));
  calls.apply(buildMessage('BEGIN_CALL_EVENT', { ...base, ConnectionCallID: 8, ConnectionDeviceID: PHONE, CallType: 2 }));
  calls.apply(buildMessage('CALL_ORIGINATED_EVENT', { ...base, ConnectionCallID: 8, ConnectionDeviceID: PHONE, LocalConnectionState: 3, CallingDeviceID: PHONE, CalledDeviceID: '3002' }));
  calls.apply(buildMessage('CALL_DELIVERED_EVENT', { ...base, ConnectionCallID: 8, ConnectionDeviceID: '3002', LocalConnectionState: 2, AlertingDeviceID: '3002', CallingDeviceID: PHONE, CalledDeviceID: '3002' }));
  return calls;
}

function agent(state: AgentSelection['state'], phase: AgentSelection['phase'] = 'active'): AgentSelection {
  return { ...newSelection({ identity: { agentId: '1001', instrument: PHONE, peripheralId: 5000 } }, NOW), state, phase };
}

describe('the phone’s calls', () => {
  it('tell this phone’s connection, a call it placed, and a far end still ringing', () => {
    const [incoming, placed] = phoneCalls(book().all(), PHONE);
    expect(incoming!.onPhone).toEqual({ localState: 'alerting', outgoing: false, ringingOut: false });
    expect(placed!.onPhone).toEqual({ localState: 'connect', outgoing: true, ringingOut: true });
    const calls = book();
    calls.apply(buildMessage('CALL_ESTABLISHED_EVENT', { ...base, ConnectionCallID: 8, ConnectionDeviceID: '3002', LocalConnectionState: 3 }));
    expect(phoneCalls(calls.all(), PHONE)[1]!.onPhone.ringingOut).toBe(false);
  });

  it('address the phone’s own connection and find the other call and whether one is held', () => {
    const calls = book();
    const incoming = calls.get('5000.7')!;
    expect(ownConnection(incoming, PHONE)).toEqual({ peripheralId: 5000, connectionCallId: 7, connectionDeviceId: PHONE, connectionDeviceIdType: 0 });
    expect(otherCallOnPhone(calls.all(), '5000.7', PHONE)?.key).toBe('5000.8');
    expect(otherCallOnPhone(calls.all(), '5000.7', '3999')).toBeUndefined();
    expect(heldOnPhone(incoming, PHONE)).toBe(false);
    calls.apply(buildMessage('CALL_HELD_EVENT', { ...base, ConnectionCallID: 7, ConnectionDeviceID: PHONE, LocalConnectionState: 4 }));
    expect(heldOnPhone(calls.get('5000.7'), PHONE)).toBe(true);
    expect(heldOnPhone(undefined, PHONE)).toBe(false);
  });
});

describe('the agent mode view', () => {
  it('shows the agent, each call with this phone’s state and its own buttons, and the agent’s buttons', () => {
    const selection = agent('available');
    const view = agentView({ selection, calls: book().all(), inService: true, wrapupDone: false, checking: false });
    expect(view.agent).toEqual({
      mode: 'agent',
      phase: 'active',
      identity: selection.identity,
      state: 'available',
      reasonCode: 0,
      since: NOW,
      // No desk settings from CTI Server yet: the desktop's decide, and the view says so.
      deskSettings: { ...DEFAULT_DESK_SETTINGS, source: 'desktop' },
      alreadyLoggedIn: false,
      checking: false,
    });
    expect(view.calls.map((c) => [c.call.key, c.localState])).toEqual([
      ['5000.7', 'alerting'],
      ['5000.8', 'connect'],
    ]);
    expect(view.calls[0]!.enablement.buttons).toContain('answer');
    expect(view.calls[1]!.enablement.buttons).not.toContain('answer');
    expect(view.enablement.mask).not.toBe(0);
  });

  it('turns every button off while agent mode is out of service (ctios.md §6.6)', () => {
    const view = agentView({ selection: agent('available', 'restoring'), calls: book().all(), inService: false, wrapupDone: false, checking: false });
    expect(view.agent).toMatchObject({ mode: 'agent', phase: 'restoring' });
    expect(view.enablement).toEqual({ mask: 0, buttons: [] });
    expect(view.calls.every((c) => c.enablement.mask === 0)).toBe(true);
  });

  it('enables Ready after a required wrap-up only once wrap-up was entered', () => {
    const desk = { ...DEFAULT_DESK_SETTINGS, wrapupIncoming: 'required' as const };
    const selection = { ...agent('work-not-ready'), desk };
    expect(agentView({ selection, calls: [], inService: true, wrapupDone: false, checking: false }).enablement.buttons).not.toContain('ready');
    expect(agentView({ selection, calls: [], inService: true, wrapupDone: true, checking: false }).enablement.buttons).toContain('ready');
  });

  it('shows no agent and no calls without an agent, whatever the book holds', () => {
    const view = agentView({ selection: undefined, calls: book().all(), inService: true, wrapupDone: true, checking: false });
    expect(view.agent).toEqual({ mode: 'none' });
    expect(view.calls).toEqual([]);
    expect(view.enablement).toEqual({ mask: 0, buttons: [] });
  });
});

describe('wrap-up due and the pending state in the view', () => {
  const calls = book();
  const incoming = calls.get('5000.7')!;
  const placed = calls.get('5000.8')!;
  const view = (selection: AgentSelection, call: typeof incoming | undefined, wrapupDone = false) =>
    agentView({ selection, calls: [], inService: true, wrapupDone, wrapupCall: call, checking: false }).agent;

  it('names the ended call and its direction while the agent is in a work state, required with data per the desk settings', () => {
    const selection = { ...agent('work-not-ready'), desk: { ...DEFAULT_DESK_SETTINGS, wrapupIncoming: 'required-with-data' as const } };
    expect(view(selection, incoming)).toMatchObject({ wrapup: { callId: '5000.7', direction: 'incoming', required: true, entered: false } });
    expect(view(selection, placed, true)).toMatchObject({ wrapup: { callId: '5000.8', direction: 'outgoing', required: false, entered: true } });
  });

  it('has none outside the work states, without an ended call, or where the direction allows no wrap-up', () => {
    expect(view(agent('available'), incoming)).not.toHaveProperty('wrapup');
    expect(view(agent('work-ready'), undefined)).not.toHaveProperty('wrapup');
    const notAllowed = { ...agent('work-ready'), desk: { ...DEFAULT_DESK_SETTINGS, wrapupOutgoing: 'not-allowed' as const } };
    expect(view(notAllowed, placed)).not.toHaveProperty('wrapup');
    expect(view(notAllowed, incoming)).toHaveProperty('wrapup');
  });

  it('carries the pending state when one waits, and nothing otherwise', () => {
    expect(view({ ...agent('talking'), pending: { state: 'not-ready', reasonCode: 3 } }, undefined)).toMatchObject({ pending: { state: 'not-ready', reasonCode: 3 } });
    expect(view(agent('talking'), undefined)).not.toHaveProperty('pending');
  });
});
