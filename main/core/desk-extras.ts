import { isDeepStrictEqual } from 'node:util';
import type { Message } from '../../ged188/index.js';
import type { DirectoryEntry, StateWriter, StatisticsState, TransferTargets } from '../../contract/index.js';
import type { AgentMode } from '../cti/agent/agent-mode.js';
import { Chat } from '../cti/chat/chat.js';
import { StatisticsPoller } from '../cti/statistics/statistics-poller.js';
import type { DeskAgent, DeskSessionPort } from '../cti/supervisor/desk-context.js';
import { SupervisorMode } from '../cti/supervisor/supervisor-mode.js';
import { TransferTargetsWatch, type TransferMembers } from '../cti/supervisor/transfer-targets.js';
import { KeyedListPublisher } from './keyed-list-publisher.js';

/**
 * The parts of the desktop beside agent mode (issue 5 items 7 and 8): the supervisor's
 * team and alerts, chat, and statistics. They follow the same session and the agent
 * agent mode works for. The team reports each member it changed; the short lists
 * (alerts, chat, skill-group rows) are published by key.
 */
export class DeskExtras {
  readonly supervisor: SupervisorMode;
  readonly chat: Chat;
  readonly statistics: StatisticsPoller;
  readonly transferTargets: TransferTargetsWatch;
  private readonly transferTargetRows: KeyedListPublisher<'transferTargets'>;
  private readonly alerts: KeyedListPublisher<'alerts'>;
  private readonly chatMessages: KeyedListPublisher<'chatMessages'>;
  private readonly skillGroups: KeyedListPublisher<'skillGroupStatistics'>;
  private publishedAgentStatistics: StatisticsState['agent'] = null;
  private publishedIntervalMs: number;

  constructor(
    port: DeskSessionPort & { readonly current: { readonly phase: string } },
    agentMode: AgentMode,
    statisticsIntervalMs: number,
    private readonly writer: StateWriter,
    directory: () => readonly DirectoryEntry[] = () => [],
  ) {
    this.publishedIntervalMs = statisticsIntervalMs;
    const agent = (): DeskAgent | undefined => {
      const view = agentMode.view().agent;
      if (view.mode !== 'agent') return undefined;
      return { identity: view.identity, state: view.state, inService: view.phase === 'active' && port.current.phase === 'open' };
    };
    this.alerts = new KeyedListPublisher(writer, 'alerts');
    this.chatMessages = new KeyedListPublisher(writer, 'chatMessages');
    this.skillGroups = new KeyedListPublisher(writer, 'skillGroupStatistics');
    this.supervisor = new SupervisorMode(port, agent, writer, () => this.alerts.publish(this.supervisor.alerts));
    this.chat = new Chat(port, agent, () => this.chatMessages.publish(this.chat.view().messages));
    this.statistics = new StatisticsPoller(port, agent, () => this.publishStatistics(), statisticsIntervalMs);
    this.transferTargetRows = new KeyedListPublisher(writer, 'transferTargets', isDeepStrictEqual);
    this.transferTargets = new TransferTargetsWatch(port, agent, () => this.transferMembers(directory()), (view) => this.publishTransferTargets(view));
  }

  /** CTI Server's team configuration where the session receives it (a supervisor's), else the settings' directory. */
  private transferMembers(directory: readonly DirectoryEntry[]): TransferMembers {
    const team = this.supervisor.view();
    if (team.enabled && team.members.length > 0) {
      const unique = new Map(team.members.map((member) => [member.agentId, { agentId: member.agentId }]));
      return { source: 'team', members: [...unique.values()] };
    }
    return { source: directory.length > 0 ? 'directory' : 'none', members: directory };
  }

  private publishTransferTargets(view: TransferTargets): void {
    this.writer.merge('transferTargets', { watching: view.watching, source: view.source, intervalMs: view.intervalMs });
    this.transferTargetRows.publish(view.targets);
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
    this.supervisor.agentChanged();
  }

  private publishStatistics(): void {
    const view = this.statistics.view();
    if (view.intervalMs !== this.publishedIntervalMs) {
      this.publishedIntervalMs = view.intervalMs;
      this.writer.merge('statistics', { intervalMs: view.intervalMs });
    }
    if (view.agent !== this.publishedAgentStatistics) {
      this.publishedAgentStatistics = view.agent;
      this.writer.merge('statistics', { agent: view.agent });
    }
    this.skillGroups.publish(view.skillGroups);
  }

  stop(): void {
    this.statistics.stop();
    this.transferTargets.stop();
  }
}
