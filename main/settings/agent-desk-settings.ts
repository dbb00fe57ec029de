import type { DeskSettings, DesktopSettings } from '../../contract/index.js';

/**
 * The desktop's desk settings, from the effective desktop settings. The reason-code
 * flags are the document's (CTI OS `Server\Agent`). The wrap-up modes are UCCE's Agent
 * Desk Settings, which the CTI OS document does not hold: they stay this machine's
 * (`local`, config.json), except that a document requiring wrap-up data (CTI OS
 * WrapupDataRequired) makes wrap-up required.
 *
 * Precedence: once CTI Server has answered AGENT_DESK_SETTINGS_REQ for the agent, its
 * values win over these for behaviour (main/cti/agent/server-desk-settings.ts); these
 * decide only while it has not, or where it cannot (an older server, a refusal).
 */
export function agentDeskSettings(effective: DesktopSettings, local: Pick<DeskSettings, 'wrapupIncoming' | 'wrapupOutgoing'>): DeskSettings {
  const required = effective.agent.wrapupDataRequired;
  return {
    wrapupIncoming: required ? 'required-with-data' : local.wrapupIncoming,
    wrapupOutgoing: required ? 'required' : local.wrapupOutgoing,
    notReadyReasonRequired: effective.agent.notReadyReasonRequired,
    logoutReasonRequired: effective.agent.logoutReasonRequired,
  };
}
