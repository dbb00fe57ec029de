import { AGENT_DESK_SETTINGS, buildMessage, type Message } from '../../ged188/index.js';
import type { DeskSettings } from './site.js';

/** WrapupDataIncomingMode / WrapupDataOutgoingMode values (guide: 0 required, 1 optional, 2 not allowed, 3 required with data). */
const WRAPUP_MODE = { required: 0, optional: 1, 'not-allowed': 2, 'required-with-data': 3 } as const;

/** Which DeskSettingsMask bit each boolean desk setting sets. */
const MASK_BITS: readonly (readonly [keyof DeskSettings, number])[] = [
  ['availableAfterIncoming', AGENT_DESK_SETTINGS.AVAIL_AFTER_INCOMING],
  ['availableAfterOutgoing', AGENT_DESK_SETTINGS.AVAIL_AFTER_OUTGOING],
  ['autoAnswer', AGENT_DESK_SETTINGS.AUTO_ANSWER_ENABLED],
  ['notReadyReasonRequired', AGENT_DESK_SETTINGS.IDLE_REASON_REQUIRED],
  ['logoutReasonRequired', AGENT_DESK_SETTINGS.LOGOUT_REASON_REQUIRED],
  ['supervisorCallsAllowed', AGENT_DESK_SETTINGS.SUPERVISOR_CALLS_ALLOWED],
  ['agentToAgentCallsAllowed', AGENT_DESK_SETTINGS.AGENT_TO_AGENT_CALLS_ALLOWED],
  ['outboundAccessInternational', AGENT_DESK_SETTINGS.OUTBOUND_INTERNATIONAL],
  ['outboundAccessPublicNet', AGENT_DESK_SETTINGS.PUBLIC_NET],
  ['outboundAccessPrivateNet', AGENT_DESK_SETTINGS.PRIVATE_NET],
  ['outboundAccessOperatorAssisted', AGENT_DESK_SETTINGS.OPERATOR_ASSISTED],
  ['outboundAccessPbx', AGENT_DESK_SETTINGS.PBX],
  ['nonAcdCallsAllowed', AGENT_DESK_SETTINGS.NON_ACD_CALLS_ALLOWED],
  ['agentCanSelectGroup', AGENT_DESK_SETTINGS.AGENT_CAN_SELECT_GROUP],
];

const flag = (on: boolean) => (on ? 1 : 0);

/** AGENT_DESK_SETTINGS_CONF for an agent with these desk settings (the session adapts it to its version). */
export function deskSettingsConf(invokeId: number, peripheralId: number, desk: DeskSettings): Message<'AGENT_DESK_SETTINGS_CONF'> {
  const mask = MASK_BITS.reduce((bits, [key, bit]) => (desk[key] === true ? bits | bit : bits), 0);
  return buildMessage('AGENT_DESK_SETTINGS_CONF', {
    InvokeID: invokeId,
    PeripheralID: peripheralId,
    DeskSettingsMask: mask,
    WrapupDataIncomingMode: WRAPUP_MODE[desk.wrapupIncoming],
    WrapupDataOutgoingMode: WRAPUP_MODE[desk.wrapupOutgoing],
    LogoutNonActivityTime: desk.logoutNonActivityTime,
    QualityRecordingRate: desk.qualityRecordingRate,
    RingNoAnswerTime: desk.ringNoAnswerTime,
    SilentMonitorWarningMessage: flag(desk.silentMonitorWarningMessage),
    SilentMonitorAudibleIndication: flag(desk.silentMonitorAudibleIndication),
    SupervisorAssistCallMethod: flag(desk.supervisorAssistCallMethod === 'blind-conference'),
    EmergencyCallMethod: flag(desk.emergencyCallMethod === 'blind-conference'),
    AutoRecordOnEmergency: flag(desk.autoRecordOnEmergency),
    RecordingMode: flag(desk.recordingThroughPim),
    WorkModeTimer: desk.workModeTimer,
    RingNoAnswerDN: desk.ringNoAnswerDialedNumberId,
    ...(desk.defaultDevicePortAddress === undefined ? {} : { DefaultDevicePortAddress: desk.defaultDevicePortAddress }),
    PlayZipTone: flag(desk.playZipTone),
    ACDSharedLineUsage: flag(desk.acdSharedLineUsage),
  });
}
