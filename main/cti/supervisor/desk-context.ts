import type { Message } from '../../../ged188/index.js';
import type { AgentIdentity, AgentStateName } from '../../../contract/index.js';
import { CommandError, confirmationOf, unavailable } from '../agent/command-error.js';

/** What the supervisor, chat and statistics parts need of the session (CtiSession fits). */
export interface DeskSessionPort {
  request(message: Message): Promise<Message>;
}

/** The agent this desktop works for, as agent mode has it. */
export interface DeskAgent {
  readonly identity: AgentIdentity;
  readonly state: AgentStateName;
  /** The link is open and agent mode is active (not starting, not restoring). */
  readonly inService: boolean;
}

export type DeskAgentSource = () => DeskAgent | undefined;

/** The agent, in service, or a CommandError that says why not. */
export function requireDeskAgent(source: DeskAgentSource, what: string): DeskAgent {
  const agent = source();
  if (!agent) throw new CommandError('unavailable', `${what}: no agent is set; set the agent first`);
  if (!agent.inService) throw new CommandError('unavailable', `${what}: CTI Server is out of service or agent mode is being restored; try again when the link is back`);
  return agent;
}

/** Sends a request and returns its confirmation, or throws a CommandError in words. */
export async function sendRequest(port: DeskSessionPort, what: string, message: Message): Promise<Message> {
  try {
    return confirmationOf(what, await port.request(message));
  } catch (error) {
    throw unavailable(what, error);
  }
}
