import { isNoneUint } from '../../../ged188/index.js';
import type { Message } from '../../../ged188/index.js';
import type { SkillGroupStatistics, StatisticsState } from '../../../contract/index.js';
import { isLoggedIn } from '../agent/agent-states.js';
import { queryAgentState } from '../agent/agent-requests.js';
import { CommandError } from '../agent/command-error.js';
import { RequestFailed } from '../cti-session.js';
import { requireDeskAgent, type DeskAgent, type DeskAgentSource, type DeskSessionPort } from '../supervisor/desk-context.js';
import { queryAgentStatistics, querySkillGroupStatistics } from '../supervisor/supervisor-requests.js';
import { agentStatisticsValues, skillGroupStatisticsValues } from './statistics-values.js';

/**
 * Agent and skill-group statistics (ctios.md §2.4, §6.1) for the agent of agent mode:
 * queried every `intervalMs` while the agent is logged in and the link is up, right
 * after each of its calls ends, and after a (re)open. One refresh runs at a time: a
 * call ending during a refresh asks for one more after it, an interval tick during a
 * refresh is skipped, so a burst of calls never becomes a burst of requests. The
 * agent's skill groups are learnt with QUERY_AGENT_STATE after each open and login.
 */
export class StatisticsPoller {
  private state: StatisticsState;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private again = false;
  private skillGroups: number[] | undefined;
  private agentId: string | undefined;
  private wasLoggedIn = false;
  /** Requests sent, and refreshes that failed other than by the link going, for tests and diagnostics. */
  requestsSent = 0;
  failures = 0;

  constructor(
    private readonly port: DeskSessionPort,
    private readonly agent: DeskAgentSource,
    private readonly changed: () => void,
    private interval: number,
  ) {
    this.state = { agent: null, skillGroups: [], intervalMs: interval };
  }

  get intervalMs(): number {
    return this.interval;
  }

  /** A new interval (the desktop settings changed, live): the running timer restarts on it. */
  setIntervalMs(intervalMs: number): void {
    if (intervalMs === this.interval) return;
    this.interval = intervalMs;
    this.state = { ...this.state, intervalMs };
    if (this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
      this.startTimer();
    }
    this.changed();
  }

  private startTimer(): void {
    this.timer = setInterval(() => {
      if (!this.inFlight) void this.refresh();
    }, this.interval);
  }

  view(): StatisticsState {
    return this.state;
  }

  private running(agent = this.agent()): agent is DeskAgent {
    return agent !== undefined && agent.inService && isLoggedIn(agent.state);
  }

  /** Agent mode or the link changed: start, stop or refresh as needed. */
  agentChanged(): void {
    const agent = this.agent();
    if (agent?.identity.agentId !== this.agentId) {
      // Another agent (or none): the last one's figures are not this one's.
      this.agentId = agent?.identity.agentId;
      this.skillGroups = undefined;
      if (this.state.agent || this.state.skillGroups.length > 0) {
        this.state = { ...this.state, agent: null, skillGroups: [] };
        this.changed();
      }
    }
    const loggedIn = agent !== undefined && isLoggedIn(agent.state);
    if (loggedIn && !this.wasLoggedIn) this.skillGroups = undefined;
    this.wasLoggedIn = loggedIn;
    if (this.running(agent)) {
      if (!this.timer) {
        this.startTimer();
        void this.refresh();
      }
    } else if (this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  /** A session opened: skill groups may have changed while the link was down. */
  opened(): void {
    this.skillGroups = undefined;
  }

  message(message: Message): void {
    if (message.MessageType === 'END_CALL_EVENT' && this.timer) void this.refresh();
  }

  /** The refresh command: fails when there is nothing to refresh. */
  async refreshNow(): Promise<void> {
    const agent = requireDeskAgent(this.agent, 'refresh statistics');
    if (!isLoggedIn(agent.state)) throw new CommandError('failed', 'refresh statistics: the agent is logged out');
    await this.refresh();
  }

  /** Runs a refresh, or asks for one more after the one in flight. */
  private refresh(): Promise<void> {
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    const run = this.cycle().finally(() => {
      this.inFlight = undefined;
      if (this.again) {
        this.again = false;
        if (this.running()) void this.refresh();
      }
    });
    this.inFlight = run;
    return run;
  }

  private async send(message: Message): Promise<Message> {
    this.requestsSent++;
    return this.port.request(message);
  }

  private async cycle(): Promise<void> {
    const agent = this.agent();
    if (!this.running(agent)) return;
    const { identity } = agent;
    try {
      if (!this.skillGroups) {
        const state = await this.send(queryAgentState(identity));
        if (state.MessageType === 'QUERY_AGENT_STATE_CONF') this.skillGroups = (state.SkillGroupNumber ?? []).filter((n) => !isNoneUint(n));
      }
      const stats = await this.send(queryAgentStatistics(identity));
      if (this.agentId !== identity.agentId) return;
      if (stats.MessageType === 'QUERY_AGENT_STATISTICS_CONF') {
        this.state = { ...this.state, agent: { values: agentStatisticsValues(stats), updatedAt: Date.now() } };
        this.changed();
      }
      const groups: SkillGroupStatistics[] = [];
      for (const number of this.skillGroups ?? []) {
        const conf = await this.send(querySkillGroupStatistics(identity.peripheralId, number));
        if (conf.MessageType !== 'QUERY_SKILL_GROUP_STATISTICS_CONF') continue;
        groups.push({ skillGroupNumber: conf.SkillGroupNumber, skillGroupId: conf.SkillGroupID, values: skillGroupStatisticsValues(conf), updatedAt: Date.now() });
      }
      if (this.agentId !== identity.agentId) return;
      this.state = { ...this.state, skillGroups: groups };
      this.changed();
    } catch (error) {
      // The link went (RequestFailed): the next open refreshes. Anything else waits for the next tick too.
      if (!(error instanceof RequestFailed)) this.failures++;
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
