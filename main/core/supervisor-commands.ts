import type { CommandArgs, CommandResult, SupervisorCommandName } from '../../contract/index.js';
import type { CommandTarget } from './command-table.js';

type Handlers = { readonly [N in SupervisorCommandName]: (target: CommandTarget, args: CommandArgs<N>) => Promise<CommandResult<N>> };

const ok = {};

/** One line per supervisor, chat and statistics command: which part carries it out. */
export const SUPERVISOR_COMMAND_HANDLERS: Handlers = {
  makeAgentReady: async ({ desk }, a) => (await desk.supervisor.makeAgentReady(a.agentId), ok),
  logoutAgent: async ({ desk }, a) => (await desk.supervisor.logoutAgent(a.agentId, a.reasonCode), ok),
  bargeIn: ({ desk }, a) => desk.supervisor.supervise('barge-in', a.agentId, a.callId),
  intercept: ({ desk }, a) => desk.supervisor.supervise('intercept', a.agentId, a.callId),
  watchAgent: async ({ desk }, a) => (await desk.supervisor.watchAgent(a.agentId), ok),
  unwatchAgent: async ({ desk }) => (await desk.supervisor.unwatchAgent(), ok),
  supervisorAssist: async ({ desk }, a) => (await desk.supervisor.callForHelp('assist', a.callId), ok),
  emergencyCall: async ({ desk }, a) => (await desk.supervisor.callForHelp('emergency', a.callId), ok),
  dismissAlert: ({ desk }, a) => (desk.supervisor.dismissAlert(a.id), Promise.resolve(ok)),
  sendChat: async ({ desk }, a) => (await desk.chat.send(a.to, a.text), ok),
  refreshStatistics: async ({ desk }) => (await desk.statistics.refreshNow(), ok),
};
