import { AGENT_STATE } from '../../ged188/index.js';
import type { CommandArgs, CommandName, CommandResult, MonitorCommandName, SettingsCommandName, SupervisorCommandName, TrainingCommandName, TransferCommandName } from '../../contract/index.js';
import type { CommandTarget } from './command-table.js';

/** Commands agent mode carries out (the supervisor, chat and statistics ones are in supervisor-commands.ts). */
export type AgentCommandName = Exclude<CommandName, 'reconnect' | SupervisorCommandName | MonitorCommandName | SettingsCommandName | TrainingCommandName | TransferCommandName>;

type Handlers = { readonly [N in AgentCommandName]: (target: CommandTarget, args: CommandArgs<N>) => Promise<CommandResult<N>> };

const ok = {};

/** One line per contract command: which AgentMode operation carries it out. */
export const AGENT_COMMANDS: Handlers = {
  setAgent: ({ agentMode, deskSettings }, a) =>
    agentMode.setAgent({
      identity: {
        agentId: (a.agentId ?? a.loginName)!,
        instrument: a.instrument,
        peripheralId: a.peripheralId ?? 5000,
        ...(a.position === undefined ? {} : { position: a.position }),
      },
      deskSettings: deskSettings(),
      ...(a.duplicateLogin ? { duplicateLogin: a.duplicateLogin } : {}),
      ...(a.supervisor ? { supervisor: true } : {}),
      ...(a.protocolVersion === undefined ? {} : { protocolVersion: a.protocolVersion }),
    }),
  login: async ({ agentMode: mode }, a) => {
    await mode.requestState('login', AGENT_STATE.LOGIN, { password: a.password, ...(a.reasonCode ? { reasonCode: a.reasonCode } : {}), ...(a.workMode ? { workMode: a.workMode } : {}) });
    return ok;
  },
  logout: async ({ agentMode: mode }, a) => {
    await mode.requestState('logout', AGENT_STATE.LOGOUT, a.reasonCode ? { reasonCode: a.reasonCode } : {});
    return ok;
  },
  ready: async ({ agentMode: mode }) => {
    await mode.requestState('ready', AGENT_STATE.AVAILABLE);
    return ok;
  },
  notReady: async ({ agentMode: mode }, a) => {
    await mode.requestState('not ready', AGENT_STATE.NOT_READY, a.reasonCode ? { reasonCode: a.reasonCode } : {});
    return ok;
  },
  workReady: async ({ agentMode: mode }) => {
    await mode.requestState('work ready', AGENT_STATE.WORK_READY);
    return ok;
  },
  workNotReady: async ({ agentMode: mode }) => {
    await mode.requestState('work not ready', AGENT_STATE.WORK_NOT_READY);
    return ok;
  },
  cancelPendingState: async ({ agentMode: mode }) => {
    await mode.cancelPendingState();
    return ok;
  },
  makeCall: ({ agentMode: mode }, a) => mode.makeCall(a.dialedNumber),
  answer: async ({ agentMode: mode }, a) => (await mode.callAction('answer', a.callId), ok),
  release: async ({ agentMode: mode }, a) => (await mode.callAction('release', a.callId), ok),
  hold: async ({ agentMode: mode }, a) => (await mode.callAction('hold', a.callId), ok),
  retrieve: async ({ agentMode: mode }, a) => (await mode.callAction('retrieve', a.callId), ok),
  alternate: async ({ agentMode: mode }, a) => (await mode.twoCallAction('alternate', a.callId), ok),
  reconnectCall: async ({ agentMode: mode }, a) => (await mode.twoCallAction('reconnect', a.callId), ok),
  consult: ({ agentMode: mode }, a) => mode.consult(a.callId, a.dialedNumber, a.kind),
  completeTransfer: async ({ agentMode: mode }, a) => (await mode.complete(a.callId, 'transfer'), ok),
  completeConference: async ({ agentMode: mode }, a) => (await mode.complete(a.callId, 'conference'), ok),
  singleStepTransfer: async ({ agentMode: mode }, a) => (await mode.singleStep(a.callId, a.dialedNumber, 'transfer'), ok),
  singleStepConference: async ({ agentMode: mode }, a) => (await mode.singleStep(a.callId, a.dialedNumber, 'conference'), ok),
  sendDtmf: async ({ agentMode: mode }, a) => (await mode.sendDtmf(a.callId, a.digits), ok),
  setCallData: ({ agentMode: mode }, a) =>
    mode.setCallData(a.callId, {
      ...(a.variables ? { variables: a.variables } : {}),
      ...(a.ecc ? { ecc: a.ecc } : {}),
      ...(a.wrapup !== undefined ? { wrapup: a.wrapup } : {}),
    }),
};
