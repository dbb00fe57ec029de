import type { AgentStateName, Call, CallKey } from '../../../contract/index.js';

/** Ended calls kept for wrap-up entry (the CTI OS desktop keeps the call until wrap-up is applied). */
export const ENDED_CALLS_KEPT = 4;

/**
 * Wrap-up bookkeeping: the calls that ended but may still get wrap-up and call data,
 * and whether the agent applied wrap-up since the last call began (required wrap-up
 * modes enable Ready only after it).
 */
export class WrapupCalls {
  private readonly ended = new Map<CallKey, Call>();
  private entered = false;

  constructor(private readonly limit = ENDED_CALLS_KEPT) {}

  /** Wrap-up was entered since the last call began. */
  get done(): boolean {
    return this.entered;
  }

  /** A call ended: kept, the oldest of them going once there are more than the limit. */
  keep(call: Call): void {
    this.ended.set(call.key, call);
    while (this.ended.size > this.limit) this.ended.delete(this.ended.keys().next().value as CallKey);
  }

  get(key: CallKey): Call | undefined {
    return this.ended.get(key);
  }

  /** The call that ended last (the one wrap-up is for), while any is kept. */
  latest(): Call | undefined {
    let last: Call | undefined;
    for (const call of this.ended.values()) last = call;
    return last;
  }

  /** A call began: its wrap-up is still to do. */
  callBegan(): void {
    this.entered = false;
  }

  wrapupEntered(): void {
    this.entered = true;
  }

  /** Leaving the work states ends wrap-up: the calls kept for it go. */
  agentState(state: AgentStateName): void {
    if (state !== 'work-not-ready' && state !== 'work-ready') this.ended.clear();
  }

  /** Another agent, or none: nothing of the last one's wrap-up stays. */
  reset(): void {
    this.ended.clear();
    this.entered = false;
  }
}
