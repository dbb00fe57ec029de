import type { AgentStateName } from '../../../contract/index.js';
import { CommandError } from './command-error.js';
import { deferred, type Deferred } from './deferred.js';

export interface SetAgentResult {
  readonly alreadyLoggedIn: boolean;
  readonly state: AgentStateName;
}

export const SET_AGENT_TIMEOUT_MS = 20_000;

/**
 * SetAgent's answer while it is owed: the first restore gives it; a failed restore,
 * a refused login, another SetAgent or the deadline refuses it.
 */
export class PendingSetAgent {
  private owed: Deferred<SetAgentResult> | undefined;

  constructor(private readonly timeoutMs = SET_AGENT_TIMEOUT_MS) {}

  /** Opens (`open`) and waits for the answer; a SetAgent still waiting is refused, this one replacing it. */
  async wait(agentId: string, open: () => Promise<void>): Promise<SetAgentResult> {
    this.owed?.reject(new CommandError('failed', 'replaced by another SetAgent'));
    const owed = deferred<SetAgentResult>();
    this.owed = owed;
    const timer = setTimeout(() => owed.reject(new CommandError('unavailable', `CTI Server did not open a session for agent ${agentId} within ${this.timeoutMs / 1000} s`)), this.timeoutMs);
    try {
      await open();
      return await owed.promise;
    } finally {
      clearTimeout(timer);
    }
  }

  resolve(result: SetAgentResult): void {
    this.owed?.resolve(result);
    this.owed = undefined;
  }

  /** Refuses the answer owed; false when none was (nobody waits to hear `error`). */
  reject(error: Error): boolean {
    const owed = this.owed;
    this.owed = undefined;
    owed?.reject(error);
    return owed !== undefined;
  }
}
