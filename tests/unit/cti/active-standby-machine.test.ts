import { describe, expect, it } from 'vitest';
import { SERVICE, SESSION_TYPE } from '../../../ged188/index.js';
import { ActiveStandby, STANDBY_HEARTBEAT_FACTOR, maintenanceConsent } from '../../../main/cti/active-standby.js';
import type { SessionSettings } from '../../../main/cti/session-machine.js';
import type { Side } from '../../../main/cti/endpoints.js';
import { activeOpenConf } from '../../support/messages.js';
import { SESSION_SETTINGS, machineHarness } from '../../support/session-machine-harness.js';

const settings = SESSION_SETTINGS;

function harness(custom: Partial<SessionSettings> = {}, standbySide?: Side) {
  return machineHarness({ ...settings, ...custom }, standbySide);
}

function openOnA(standbySide?: Side) {
  const machine = harness({}, standbySide);
  machine.send({ type: 'start' });
  machine.send({ type: 'socket-connected' });
  machine.send({ type: 'message', message: activeOpenConf(1) });
  expect(machine.state).toMatchObject({ phase: 'open', side: 'A' });
  return machine;
}

describe('session machine, active/standby (v24)', () => {
  it('asks for CTI_SERVICE_ACTIVE_STANDBY from version 24 with both sides, and not before', () => {
    const v24 = harness();
    v24.send({ type: 'start' });
    const open24 = v24.send({ type: 'socket-connected' }).find((e) => e.type === 'send');
    expect(open24).toMatchObject({ message: { MessageType: 'OPEN_REQ', ServicesRequested: SERVICE.ACTIVE_STANDBY } });
    const v20 = harness({ protocolVersion: 20 });
    v20.send({ type: 'start' });
    expect(v20.send({ type: 'socket-connected' }).find((e) => e.type === 'send')).toMatchObject({ message: { ServicesRequested: 0 } });
  });

  it('gives up a side that opens it as a standby session and tries the other', () => {
    const machine = harness();
    machine.send({ type: 'start' });
    machine.send({ type: 'socket-connected' });
    const effects = machine.send({ type: 'message', message: { ...activeOpenConf(1), SessionType: SESSION_TYPE.STANDBY } });
    expect(machine.state).toMatchObject({ phase: 'waiting', side: 'B', lastFailure: { reason: 'side A is the standby side' } });
    expect(effects).toContainEqual({ type: 'disconnect' });
  });

  it('a standby session takes SessionType 2 as open', () => {
    const machine = harness({ standby: true, sides: { B: settings.sides.B! } });
    machine.send({ type: 'start' });
    machine.send({ type: 'socket-connected' });
    machine.send({ type: 'message', message: { ...activeOpenConf(1), SessionType: SESSION_TYPE.STANDBY } });
    expect(machine.state).toMatchObject({ phase: 'open', side: 'B' });
  });

  it('retries its own side, not the side a standby session holds, when the link fails', () => {
    const machine = openOnA('B');
    machine.send({ type: 'socket-failed', reason: 'side A reset the connection' });
    expect(machine.state).toMatchObject({ phase: 'waiting', side: 'A' });
    const without = openOnA();
    without.send({ type: 'socket-failed', reason: 'side A reset the connection' });
    expect(without.state).toMatchObject({ phase: 'waiting', side: 'B' });
  });

  it('on promotion is open on the standby side at once: adopts its link, no connect, no OPEN_REQ', () => {
    const machine = openOnA('B');
    machine.send({ type: 'socket-failed', reason: 'side A reset the connection' });
    const effects = machine.send({ type: 'promoted', side: 'B', version: 24, conf: activeOpenConf(7) });
    expect(machine.state).toMatchObject({ phase: 'open', side: 'B', unansweredHeartbeats: 0 });
    expect(effects).toContainEqual({ type: 'adopt', side: 'B' });
    expect(effects).toContainEqual({ type: 'opened', side: 'B', version: 24 });
    expect(effects).toContainEqual({ type: 'schedule', timer: 'heartbeat', ms: 90_000 });
    expect(effects.some((e) => e.type === 'connect' || e.type === 'send' || e.type === 'disconnect')).toBe(false);
  });

  it('ignores a promotion once stopped, and a handed-over standby session stops without closing its link', () => {
    const stopped = harness();
    expect(stopped.send({ type: 'promoted', side: 'B', version: 24, conf: activeOpenConf(1) })).toEqual([]);
    const standby = openOnA();
    const effects = standby.send({ type: 'handed-over' });
    expect(standby.state).toEqual({ phase: 'stopped' });
    expect(effects.every((e) => e.type === 'cancel')).toBe(true);
  });
});

describe('maintenance consent', () => {
  it('agrees when nothing is in flight, or only what the reconcile asks again', () => {
    expect(maintenanceConsent([])).toMatchObject({ accepted: true });
    expect(maintenanceConsent(['QUERY_AGENT_STATE_REQ', 'SNAPSHOT_CALL_REQ'])).toMatchObject({ accepted: true });
  });

  it('refuses while a control request is in flight, and says which', () => {
    expect(maintenanceConsent(['QUERY_AGENT_STATE_REQ', 'MAKE_CALL_REQ'])).toEqual({
      accepted: false,
      why: 'refused: MAKE_CALL_REQ in flight, whose answer the other side could not give',
    });
  });
});

describe('heartbeat load (ged188.md §2.7)', () => {
  it('sends HEARTBEAT_REQ only after a whole interval with nothing sent: a request pushes the next one back', () => {
    const machine = openOnA();
    expect(machine.send({ type: 'sent' })).toEqual([{ type: 'schedule', timer: 'heartbeat', ms: 90_000 }]);
    const beat = machine.send({ type: 'timer', timer: 'heartbeat' });
    expect(beat).toContainEqual({ type: 'send', message: expect.objectContaining({ MessageType: 'HEARTBEAT_REQ' }) });
  });

  it('opens the standby session with a heartbeat interval (and so IdleTimeout) STANDBY_HEARTBEAT_FACTOR times the working one', () => {
    const opened: SessionSettings[] = [];
    const coordinator = new ActiveStandby(
      { promote: () => {}, statusChanged: () => {} },
      (standbySettings) => {
        opened.push(standbySettings);
        return { start: () => {}, stop: () => Promise.resolve(), current: { phase: 'stopped' }, surrender: () => undefined };
      },
      { info: () => {}, warn: () => {} },
    );
    coordinator.workingOpened('A', { ...activeOpenConf(1), ServicesGranted: SERVICE.ACTIVE_STANDBY }, settings);
    expect(STANDBY_HEARTBEAT_FACTOR).toBeGreaterThan(1);
    expect(opened).toEqual([expect.objectContaining({ standby: true, sides: { B: settings.sides.B }, heartbeatIntervalMs: 90_000 * STANDBY_HEARTBEAT_FACTOR })]);
  });
});
