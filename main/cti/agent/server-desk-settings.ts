import { AGENT_DESK_SETTINGS, statusName, type Message } from '../../../ged188/index.js';
import type { AgentIdentity, DeskSettings, WrapupMode } from '../../../contract/index.js';

/**
 * UCCE's Agent Desk Settings as CTI Server reports them (AGENT_DESK_SETTINGS_CONF,
 * CTI Server Message Reference Guide, Miscellaneous Service).
 *
 * Precedence: for behaviour — the wrap-up modes, whether Not Ready and Logout need
 * a reason, auto-answer, supervisor calls — the server wins over the desktop settings
 * document and config.json, because UCCE enforces these whatever the desktop shows:
 * a desktop that offered Not Ready without a reason where the server wants one would
 * only collect refusals. When the server gives none (it refuses the request, does not
 * know the message, or has not answered yet) the desktop's settings decide, as before.
 */
export type ServerDeskSettings = Required<Omit<DeskSettings, 'source'>>;

/** WrapupDataIncomingMode / WrapupDataOutgoingMode (guide: 0 required, 1 optional, 2 not allowed, 3 required with data). */
const WRAPUP_MODES: readonly WrapupMode[] = ['required', 'optional', 'not-allowed', 'required-with-data'];

function wrapupMode(value: number): WrapupMode | undefined {
  return WRAPUP_MODES[value];
}

export function deskSettingsRequest(identity: AgentIdentity): Message<'AGENT_DESK_SETTINGS_REQ'> {
  return { MessageType: 'AGENT_DESK_SETTINGS_REQ', InvokeID: 0, PeripheralID: identity.peripheralId, AgentID: identity.agentId };
}

/** The settings a CONF carries, or why it cannot be used (a wrap-up mode the guide does not define). */
export function deskSettingsFromConf(conf: Message<'AGENT_DESK_SETTINGS_CONF'>): ServerDeskSettings | { readonly invalid: string } {
  const incoming = wrapupMode(conf.WrapupDataIncomingMode);
  // "Required with data" is an incoming mode only; an outgoing 3 is as strict, so it is taken as required.
  const outgoing = conf.WrapupDataOutgoingMode === 3 ? 'required' : wrapupMode(conf.WrapupDataOutgoingMode);
  if (incoming === undefined || outgoing === undefined) {
    return { invalid: `wrap-up modes ${conf.WrapupDataIncomingMode}/${conf.WrapupDataOutgoingMode} are not the guide's 0-3` };
  }
  const has = (bit: number) => (conf.DeskSettingsMask & bit) !== 0;
  return {
    wrapupIncoming: incoming,
    wrapupOutgoing: outgoing,
    notReadyReasonRequired: has(AGENT_DESK_SETTINGS.IDLE_REASON_REQUIRED),
    logoutReasonRequired: has(AGENT_DESK_SETTINGS.LOGOUT_REASON_REQUIRED),
    autoAnswer: has(AGENT_DESK_SETTINGS.AUTO_ANSWER_ENABLED),
    availableAfterIncoming: has(AGENT_DESK_SETTINGS.AVAIL_AFTER_INCOMING),
    availableAfterOutgoing: has(AGENT_DESK_SETTINGS.AVAIL_AFTER_OUTGOING),
    supervisorCallsAllowed: has(AGENT_DESK_SETTINGS.SUPERVISOR_CALLS_ALLOWED),
    agentToAgentCallsAllowed: has(AGENT_DESK_SETTINGS.AGENT_TO_AGENT_CALLS_ALLOWED),
    nonAcdCallsAllowed: has(AGENT_DESK_SETTINGS.NON_ACD_CALLS_ALLOWED),
    agentCanSelectGroup: has(AGENT_DESK_SETTINGS.AGENT_CAN_SELECT_GROUP),
    outboundAccess: {
      international: has(AGENT_DESK_SETTINGS.OUTBOUND_INTERNATIONAL),
      publicNet: has(AGENT_DESK_SETTINGS.PUBLIC_NET),
      privateNet: has(AGENT_DESK_SETTINGS.PRIVATE_NET),
      operatorAssisted: has(AGENT_DESK_SETTINGS.OPERATOR_ASSISTED),
      pbx: has(AGENT_DESK_SETTINGS.PBX),
    },
    logoutNonActivitySeconds: conf.LogoutNonActivityTime,
    ringNoAnswerSeconds: conf.RingNoAnswerTime,
    workModeTimerSeconds: conf.WorkModeTimer,
  };
}

/** The desk settings that decide enablement: the server's where it gave them (they win), else the desktop's. */
export function effectiveDeskSettings(desktop: DeskSettings, server: ServerDeskSettings | undefined): DeskSettings {
  if (server === undefined) return { ...desktop, source: 'desktop' };
  return { ...desktop, ...server, source: 'server' };
}

/** What the session must offer to ask (CtiSession fits). */
export interface DeskSettingsPort {
  request(message: Message): Promise<Message>;
}

/**
 * Asks CTI Server for the agent's desk settings. Any answer but a usable CONF — a
 * FAILURE_CONF (an older server that does not know the message, or a refusal), no
 * answer in time, a CONF with values the guide does not define — means "none": the
 * desktop's settings stay in force, and the reason is logged once per desktop run,
 * not at every failover.
 */
export class ServerDeskSettingsSource {
  private saidWhy = false;

  constructor(
    private readonly port: DeskSettingsPort,
    private readonly log: (text: string) => void,
  ) {}

  async fetch(identity: AgentIdentity): Promise<ServerDeskSettings | undefined> {
    let answer: Message;
    try {
      answer = await this.port.request(deskSettingsRequest(identity));
    } catch (error) {
      return this.none(identity, error instanceof Error ? error.message : String(error));
    }
    if (answer.MessageType === 'AGENT_DESK_SETTINGS_CONF') {
      const settings = deskSettingsFromConf(answer);
      if ('invalid' in settings) return this.none(identity, settings.invalid);
      return settings;
    }
    const why = answer.MessageType === 'FAILURE_CONF' ? `FAILURE_CONF ${statusName(answer.Status)}` : `an unexpected ${answer.MessageType}`;
    return this.none(identity, why);
  }

  private none(identity: AgentIdentity, why: string): undefined {
    if (!this.saidWhy) {
      this.saidWhy = true;
      this.log(`CTI Server gave no desk settings for agent ${identity.agentId} (${why}); the desktop settings decide wrap-up and reason codes`);
    }
    return undefined;
  }
}
