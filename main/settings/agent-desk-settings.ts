import type { DeskSettings, DesktopSettings } from '../../contract/index.js';

/**
 * The desk settings that decide enablement, from the effective desktop settings. The
 * reason-code flags are the document's (CTI OS `Server\Agent`). The wrap-up modes are
 * UCCE's Agent Desk Settings, which the CTI OS document does not hold: they stay this
 * machine's (`local`, config.json), except that a document requiring wrap-up data
 * (CTI OS WrapupDataRequired) makes wrap-up required.
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
