import { describe, expect, it } from 'vitest';
import { AGENT_DESK_SETTINGS, STATUS, buildMessage, type Message } from '../../../ged188/index.js';
import { DEFAULT_DESK_SETTINGS } from '../../../contract/index.js';
import {
  ServerDeskSettingsSource,
  deskSettingsFromConf,
  deskSettingsRequest,
  effectiveDeskSettings,
  type ServerDeskSettings,
} from '../../../main/cti/agent/server-desk-settings.js';

const identity = { agentId: '1001', instrument: '3001', peripheralId: 5000 };

function conf(fields: Partial<Message<'AGENT_DESK_SETTINGS_CONF'>> = {}): Message<'AGENT_DESK_SETTINGS_CONF'> {
  return buildMessage('AGENT_DESK_SETTINGS_CONF', { InvokeID: 1, PeripheralID: 5000, ...fields });
}

describe('desk settings from AGENT_DESK_SETTINGS_CONF', () => {
  it('reads the guide\'s wrap-up modes and mask bits', () => {
    const mask = AGENT_DESK_SETTINGS.IDLE_REASON_REQUIRED | AGENT_DESK_SETTINGS.AUTO_ANSWER_ENABLED | AGENT_DESK_SETTINGS.AVAIL_AFTER_OUTGOING | AGENT_DESK_SETTINGS.PBX;
    expect(deskSettingsFromConf(conf({ DeskSettingsMask: mask, WrapupDataIncomingMode: 3, WrapupDataOutgoingMode: 2, LogoutNonActivityTime: 600, RingNoAnswerTime: 12, WorkModeTimer: 30 }))).toEqual({
      wrapupIncoming: 'required-with-data',
      wrapupOutgoing: 'not-allowed',
      notReadyReasonRequired: true,
      logoutReasonRequired: false,
      autoAnswer: true,
      availableAfterIncoming: false,
      availableAfterOutgoing: true,
      supervisorCallsAllowed: false,
      agentToAgentCallsAllowed: false,
      nonAcdCallsAllowed: false,
      agentCanSelectGroup: false,
      outboundAccess: { international: false, publicNet: false, privateNet: false, operatorAssisted: false, pbx: true },
      logoutNonActivitySeconds: 600,
      ringNoAnswerSeconds: 12,
      workModeTimerSeconds: 30,
    });
    expect(deskSettingsFromConf(conf({ WrapupDataIncomingMode: 0, WrapupDataOutgoingMode: 1 }))).toMatchObject({ wrapupIncoming: 'required', wrapupOutgoing: 'optional' });
  });

  it('refuses a wrap-up mode the guide does not define', () => {
    expect(deskSettingsFromConf(conf({ WrapupDataIncomingMode: 9 }))).toEqual({ invalid: expect.stringContaining('9/0') });
  });

  it('asks for the agent by peripheral and AgentID', () => {
    expect(deskSettingsRequest(identity)).toEqual({ MessageType: 'AGENT_DESK_SETTINGS_REQ', InvokeID: 0, PeripheralID: 5000, AgentID: '1001' });
  });
});

describe('precedence', () => {
  it('the server wins where it answered; the desktop decides where it did not', () => {
    const desktop = { ...DEFAULT_DESK_SETTINGS, notReadyReasonRequired: true, wrapupIncoming: 'required' as const };
    const server = deskSettingsFromConf(conf({ WrapupDataIncomingMode: 1 })) as ServerDeskSettings;
    expect(effectiveDeskSettings(desktop, server)).toMatchObject({ source: 'server', notReadyReasonRequired: false, wrapupIncoming: 'optional' });
    expect(effectiveDeskSettings(desktop, undefined)).toEqual({ ...desktop, source: 'desktop' });
  });
});

describe('asking CTI Server', () => {
  it('takes a CONF; treats a refusal, a timeout or another answer as none, and logs why once', async () => {
    const log: string[] = [];
    const answers: (Message | Error)[] = [
      conf({ DeskSettingsMask: AGENT_DESK_SETTINGS.LOGOUT_REASON_REQUIRED }),
      { MessageType: 'FAILURE_CONF', InvokeID: 2, Status: STATUS.E_CTI_INVALID_MSG_TYPE_FOR_VERSION } as Message,
      new Error('AGENT_DESK_SETTINGS_REQ got no answer within 10 s'),
      { MessageType: 'CONTROL_FAILURE_CONF', InvokeID: 4, FailureCode: 1, PeripheralErrorCode: 0 } as Message,
    ];
    const sent: Message[] = [];
    const source = new ServerDeskSettingsSource(
      {
        request: async (message) => {
          sent.push(message);
          const answer = answers.shift()!;
          if (answer instanceof Error) throw answer;
          return answer;
        },
      },
      (text) => log.push(text),
    );
    expect(await source.fetch(identity)).toMatchObject({ logoutReasonRequired: true });
    expect(await source.fetch(identity)).toBeUndefined();
    expect(await source.fetch(identity)).toBeUndefined();
    expect(await source.fetch(identity)).toBeUndefined();
    expect(sent.map((m) => m.MessageType)).toEqual(Array(4).fill('AGENT_DESK_SETTINGS_REQ'));
    expect(log).toEqual([expect.stringContaining('CTI Server gave no desk settings for agent 1001 (FAILURE_CONF E_CTI_INVALID_MSG_TYPE_FOR_VERSION)')]);
  });
});
