import type { CommandArgs, CommandResult, TrainingCommandName } from '../../contract/index.js';
import { CommandError } from '../cti/agent/command-error.js';
import type { CommandTarget } from './command-table.js';

type Handlers = { readonly [N in TrainingCommandName]: (target: CommandTarget, args: CommandArgs<N>) => Promise<CommandResult<N>> };

/** Training mode: the shell's test-call function, for the agent this desktop is set to. */
export const TRAINING_COMMAND_HANDLERS: Handlers = {
  placeTestCall: async ({ placeTestCall, agentMode }, a) => {
    if (!placeTestCall) {
      throw new CommandError('unavailable', 'placeTestCall: test calls need the built-in simulator, and this desktop is connected to a real CTI Server', { reason: 'no-simulator' });
    }
    const agentId = agentMode.identity?.agentId;
    if (!agentId) throw new CommandError('unavailable', 'placeTestCall: no agent is signed in; log in first, then place the test call', { reason: 'no-agent' });
    try {
      await placeTestCall({ agentId, ani: a.ani, callVariables: a.callVariables ?? {} });
    } catch (error) {
      throw new CommandError('failed', `placeTestCall: ${(error as Error).message}`);
    }
    return {};
  },
};
