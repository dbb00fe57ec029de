import { describe, expect, it } from 'vitest';
import { initialSystemHealth } from '../../../contract/index.js';
import { PG_STATUS, SYSTEM_EVENT_ID, buildMessage, type Message } from '../../../ged188/index.js';
import { situationOf } from '../../../main/cti/enablement.js';
import { describeSystemEvent, healthOnLinkDown, healthOnOpen, healthOnSettings, healthOnSystemEvent, pgStatusFlags } from '../../../main/cti/system-health.js';

const conf = (fields: Partial<Message<'OPEN_CONF'>>): Message<'OPEN_CONF'> =>
  buildMessage('OPEN_CONF', { InvokeID: 1, ServicesGranted: 0, MonitorID: 0, PGStatus: 0, ICMCentralControllerTime: 0, PeripheralOnline: true, PeripheralType: 0, AgentState: 0, ...fields });
const systemEvent = (id: number, pgStatus = 0, arg1 = 0): Message<'SYSTEM_EVENT'> =>
  buildMessage('SYSTEM_EVENT', { PGStatus: pgStatus, ICMCentralControllerTime: 0, SystemEventID: id, SystemEventArg1: arg1, EventDeviceType: 0xffff });

describe('system health (ctios.md §1.6)', () => {
  it('reads OPEN_CONF, then SYSTEM_EVENTs, and keeps `since` while a status holds', () => {
    let health = healthOnOpen(initialSystemHealth(0), 'A', conf({ PGStatus: PG_STATUS.CC_DOWN }), 5000, 10);
    expect(health).toEqual({
      ctiServer: { status: 'online', side: 'A', since: 10, protocolVersions: { A: null, B: null } },
      peripheralGateway: { status: 'online', pgStatus: PG_STATUS.CC_DOWN, flags: ['cc-down'], since: 10 },
      centralController: { status: 'offline', since: 10 },
      peripherals: [{ peripheralId: 5000, status: 'online', since: 10 }],
      settings: { status: 'unknown', since: 0, detail: null },
    });
    health = healthOnSystemEvent(health, systemEvent(SYSTEM_EVENT_ID.CENTRAL_CONTROLLER_ONLINE), 20);
    expect(health.centralController).toEqual({ status: 'online', since: 20 });
    health = healthOnSystemEvent(health, systemEvent(SYSTEM_EVENT_ID.PERIPHERAL_OFFLINE, PG_STATUS.PERIPHERAL_OFFLINE, 5000), 30);
    expect(health.peripherals).toEqual([{ peripheralId: 5000, status: 'offline', since: 30 }]);
    expect(health.peripheralGateway).toMatchObject({ status: 'online', flags: ['peripheral-offline'], since: 10 });
    health = healthOnSystemEvent(health, systemEvent(SYSTEM_EVENT_ID.PERIPHERAL_GATEWAY_OFFLINE, PG_STATUS.OPC_DOWN), 40);
    expect(health.peripheralGateway).toMatchObject({ status: 'offline', flags: ['opc-down'], since: 40 });
    health = healthOnLinkDown(health, 50);
    expect(health).toMatchObject({ ctiServer: { status: 'offline', side: null }, peripheralGateway: { status: 'unknown' }, peripherals: [{ status: 'unknown' }] });
  });

  it('the settings download: online or offline with why, `since` kept while it holds, untouched by the link', () => {
    let health = healthOnSettings(initialSystemHealth(0), false, 'cannot get the settings: connection refused', 10);
    expect(health.settings).toEqual({ status: 'offline', since: 10, detail: 'cannot get the settings: connection refused' });
    health = healthOnSettings(health, false, 'no answer within 10000 ms', 20);
    expect(health.settings).toEqual({ status: 'offline', since: 10, detail: 'no answer within 10000 ms' });
    health = healthOnOpen(health, 'B', conf({}), 5000, 30);
    health = healthOnSettings(health, true, null, 40);
    expect(healthOnLinkDown(health, 50).settings).toEqual({ status: 'online', since: 40, detail: null });
  });

  it('names PGStatus bits and system events in words', () => {
    expect(pgStatusFlags(0x1f)).toEqual(['opc-down', 'cc-down', 'peripheral-offline', 'cti-server-offline', 'limited-function']);
    expect(describeSystemEvent(systemEvent(SYSTEM_EVENT_ID.PERIPHERAL_OFFLINE, PG_STATUS.PERIPHERAL_OFFLINE, 5000))).toBe(
      'peripheral 5000 offline: agents may be made Not Ready (SYS_PERIPHERAL_OFFLINE; PG status: peripheral-offline)',
    );
  });
});

describe('consult enablement while the far end rings (ctios.md §4.4)', () => {
  it('treats an originated call whose far end still rings as initiated, not answered', () => {
    const held = { localState: 'hold' as const, outgoing: false };
    const ringing = { localState: 'connect' as const, outgoing: true, ringingOut: true };
    const answered = { localState: 'connect' as const, outgoing: true };
    expect(situationOf(ringing, [held, ringing])).toBe('consult-dialing');
    expect(situationOf(held, [held, ringing])).toBe('held');
    expect(situationOf(answered, [held, answered])).toBe('consult-talking');
    expect(situationOf(held, [held, answered])).toBe('held-during-consult');
  });
});
