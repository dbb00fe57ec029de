import type { Message } from '../../ged188/index.js';
import type { AppState } from '../../contract/index.js';
import type { AgentMode } from '../cti/agent/agent-mode.js';
import { Chat } from '../cti/chat/chat.js';
import { StatisticsPoller } from '../cti/statistics/statistics-poller.js';
import type { DeskAgent, DeskSessionPort } from '../cti/supervisor/desk-context.js';
import { SupervisorMode } from '../cti/supervisor/supervisor-mode.js';

type DeskState = Pick<AppState, 'team' | 'alerts' | 'chat' | 'statistics'>;

/**
 * The parts of the desktop beside agent mode (issue 5 items 7 and 8): the supervisor's
 * team and alerts, chat, and statistics. They follow the same session and the agent
 * agent mode works for, and publish their part of the state when it changes.
 */
export class DeskExtras {
  readonly supervisor: SupervisorMode;
  readonly chat: Chat;
  readonly statistics: StatisticsPoller;
  private published: Partial<Record<keyof DeskState, string>> = {};

  constructor(
    port: DeskSessionPort & { readonly current: { readonly phase: string } },
    agentMode: AgentMode,
    statisticsIntervalMs: number,
    private readonly update: (changes: Partial<DeskState>) => void,
  ) {
    const agent = (): DeskAgent | undefined => {
      const view = agentMode.view().agent;
      if (view.mode !== 'agent') return undefined;
      return { identity: view.identity, state: view.state, inService: view.phase === 'active' && port.current.phase === 'open' };
    };
    const changed = () => this.publish();
    this.supervisor = new SupervisorMode(port, agent, changed);
    this.chat = new Chat(port, agent, changed);
    this.statistics = new StatisticsPoller(port, agent, changed, statisticsIntervalMs);
  }

  opened(conf: Message<'OPEN_CONF'>): void {
    this.supervisor.opened(conf);
    this.statistics.opened();
  }

  message(message: Message): void {
    this.supervisor.message(message);
    this.chat.message(message);
    this.statistics.message(message);
  }

  /** Agent mode or the link changed: statistics start or stop, the supervisor buttons follow. */
  agentChanged(): void {
    this.statistics.agentChanged();
    this.publish();
  }

  /** Publishes only the parts a view would see change. */
  private publish(): void {
    const next: DeskState = {
      team: this.supervisor.view(),
      alerts: [...this.supervisor.alerts],
      chat: this.chat.view(),
      statistics: this.statistics.view(),
    };
    const changes: Partial<DeskState> = {};
    for (const key of Object.keys(next) as (keyof DeskState)[]) {
      const text = JSON.stringify(next[key]);
      if (this.published[key] === text) continue;
      this.published[key] = text;
      Object.assign(changes, { [key]: next[key] });
    }
    if (Object.keys(changes).length > 0) this.update(changes);
  }

  stop(): void {
    this.statistics.stop();
  }
}
