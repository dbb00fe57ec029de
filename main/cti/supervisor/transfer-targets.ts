import type { Message } from '../../../ged188/index.js';
import { TRANSFER_TARGETS_INTERVAL_MS, type DirectoryEntry, type TransferTarget, type TransferTargets } from '../../../contract/index.js';
import { agentStateName } from '../agent/agent-states.js';
import { RequestFailed } from '../cti-session.js';
import { requireDeskAgent, type DeskAgentSource, type DeskSessionPort } from './desk-context.js';
import { queryMemberState } from './supervisor-requests.js';

/** Who may be a target: CTI Server's team configuration (a supervisor's session), else the settings' directory. */
export interface TransferMembers {
  readonly source: TransferTargets['source'];
  readonly members: readonly DirectoryEntry[] | readonly { readonly agentId: string; readonly name?: string }[];
}

/** At most this many targets are queried: a directory is for a team, not the whole centre. */
export const MAX_TRANSFER_TARGETS = 100;

/**
 * The transfer dialog's targets and their live states (issue 11 item 4). An agent's
 * session receives no other agent's state events, so while a dialog is open each
 * target's state is asked for with QUERY_AGENT_STATE_REQ: at once when it opens, then
 * every `intervalMs` until it closes. One round runs at a time; a tick during a round
 * is skipped. A view that went away without closing its dialog does not keep the
 * queries going for ever: the watch ends by itself after `maxWatchMs`.
 */
export class TransferTargetsWatch {
  private view: TransferTargets;
  private timer: NodeJS.Timeout | undefined;
  private expiry: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;
  /** Requests sent, for tests and diagnostics. */
  requestsSent = 0;

  constructor(
    private readonly port: DeskSessionPort,
    private readonly agent: DeskAgentSource,
    private readonly members: () => TransferMembers,
    private readonly changed: (view: TransferTargets) => void,
    private readonly intervalMs = TRANSFER_TARGETS_INTERVAL_MS,
    private readonly maxWatchMs = 15 * 60_000,
  ) {
    this.view = { watching: false, source: 'none', intervalMs, targets: [] };
  }

  current(): TransferTargets {
    return this.view;
  }

  /** A dialog opened: the states now, then every interval. Watching again restarts the expiry. */
  async watch(): Promise<void> {
    requireDeskAgent(this.agent, 'transfer targets');
    if (this.expiry) clearTimeout(this.expiry);
    this.expiry = setTimeout(() => this.unwatch(), this.maxWatchMs);
    if (!this.timer) {
      this.timer = setInterval(() => {
        if (!this.round) void this.refresh();
      }, this.intervalMs);
      this.publish({ ...this.view, watching: true });
    }
    await this.refresh();
  }

  unwatch(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.expiry) clearTimeout(this.expiry);
    this.timer = undefined;
    this.expiry = undefined;
    if (this.view.watching) this.publish({ ...this.view, watching: false });
  }

  stop(): void {
    this.unwatch();
  }

  private refresh(): Promise<void> {
    this.round ??= this.queryAll().finally(() => (this.round = undefined));
    return this.round;
  }

  private async queryAll(): Promise<void> {
    const agent = this.agent();
    if (!agent?.inService) return;
    const { source, members } = this.members();
    const targets: TransferTarget[] = [];
    for (const member of members.slice(0, MAX_TRANSFER_TARGETS)) {
      if (member.agentId === agent.identity.agentId) continue;
      const named = member.name === undefined ? {} : { name: member.name };
      try {
        this.requestsSent++;
        const reply = await this.port.request(queryMemberState(agent.identity.peripheralId, member.agentId));
        targets.push({ agentId: member.agentId, ...named, ...stateOf(reply) });
      } catch (error) {
        // The link went: the next round, after the reopen, asks again.
        if (error instanceof RequestFailed) return;
        throw error;
      }
    }
    if (this.timer) this.publish({ ...this.view, source, targets });
  }

  private publish(view: TransferTargets): void {
    this.view = view;
    this.changed(view);
  }
}

/** What QUERY_AGENT_STATE_CONF says of a target; a refusal (an agent CTI Server does not know) reads as unknown. */
function stateOf(reply: Message): Pick<TransferTarget, 'state' | 'instrument'> {
  if (reply.MessageType !== 'QUERY_AGENT_STATE_CONF') return { state: 'unknown' };
  const state = agentStateName(reply.AgentState);
  const instrument = reply.AgentInstrument;
  return { state, ...(instrument && state !== 'logout' ? { instrument } : {}) };
}
