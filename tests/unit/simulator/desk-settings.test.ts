import { describe, expect, it } from 'vitest';
import { AGENT_DESK_SETTINGS, decode, encode } from '../../../ged188/index.js';
import { deskSettingsConf } from '../../../simulator/pg/desk-settings-conf.js';
import { SiteSchema, deskSettingsOf } from '../../../simulator/pg/site.js';

describe('desk settings in the site file', () => {
  const site = SiteSchema.parse({
    agents: [
      { id: '1001', instrument: '3001', deskSettings: { wrapupIncoming: 'required', logoutReasonRequired: true } },
      { id: '1002', instrument: '3002' },
    ],
    deskSettings: { notReadyReasonRequired: true, ringNoAnswerTime: 12 },
  });

  it('has defaults for every field, the site\'s over them, and an agent\'s own over the site\'s', () => {
    const [own, plain] = site.agents.map((a) => deskSettingsOf(site, a));
    expect(plain).toMatchObject({ wrapupIncoming: 'optional', notReadyReasonRequired: true, logoutReasonRequired: false, ringNoAnswerTime: 12, supervisorCallsAllowed: true });
    expect(own).toMatchObject({ wrapupIncoming: 'required', notReadyReasonRequired: true, logoutReasonRequired: true, ringNoAnswerTime: 12 });
  });

  it('refuses unknown fields and values out of range, saying where', () => {
    const bad = SiteSchema.safeParse({ agents: [{ id: '1', instrument: '3', deskSettings: { wrapupOutgoing: 'required-with-data' } }] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['agents', 0, 'deskSettings', 'wrapupOutgoing']);
    expect(SiteSchema.safeParse({ deskSettings: { autoAnswr: true } }).success).toBe(false);
    expect(SiteSchema.safeParse({ deskSettings: { workModeTimer: -1 } }).success).toBe(false);
    expect(SiteSchema.safeParse({ deskSettings: { defaultDevicePortAddress: 'x'.repeat(32) } }).success).toBe(false);
  });

  it('answer AGENT_DESK_SETTINGS_CONF with the guide\'s values, encodable as they are', () => {
    const desk = deskSettingsOf(site, site.agents[0]!);
    const message = deskSettingsConf(7, 5000, { ...desk, supervisorAssistCallMethod: 'blind-conference', defaultDevicePortAddress: 'p1' });
    expect(message).toMatchObject({
      InvokeID: 7,
      PeripheralID: 5000,
      WrapupDataIncomingMode: 0,
      WrapupDataOutgoingMode: 1,
      RingNoAnswerTime: 12,
      SupervisorAssistCallMethod: 1,
      EmergencyCallMethod: 0,
      DefaultDevicePortAddress: 'p1',
    });
    const mask = message.DeskSettingsMask;
    expect(mask & AGENT_DESK_SETTINGS.IDLE_REASON_REQUIRED).toBeTruthy();
    expect(mask & AGENT_DESK_SETTINGS.LOGOUT_REASON_REQUIRED).toBeTruthy();
    expect(mask & AGENT_DESK_SETTINGS.AUTO_ANSWER_ENABLED).toBe(0);
    expect(mask & AGENT_DESK_SETTINGS.SUPERVISOR_CALLS_ALLOWED).toBeTruthy();
    expect(decode(encode(message, { version: 25 }), { version: 25 })).toMatchObject({ ...message, MessageTypeId: 132 });
  });
});
