import { DISTRIBUTION, type Message } from '../../../ged188/index.js';
import { MAX_CHAT_MESSAGES, type ChatMessage, type ChatState } from '../../../contract/index.js';
import { requireDeskAgent, sendRequest, type DeskAgentSource, type DeskSessionPort } from '../supervisor/desk-context.js';
import { userMessage } from '../supervisor/supervisor-requests.js';

/** Appends a message, keeping the newest `limit`. Pure. */
export function appendChat(state: ChatState, message: ChatMessage, limit = MAX_CHAT_MESSAGES): ChatState {
  return { messages: [...state.messages, message].slice(-limit) };
}

const DISTRIBUTED_TO: Readonly<Record<number, ChatMessage['to']>> = {
  [DISTRIBUTION.CLIENT]: 'me',
  [DISTRIBUTION.SUPERVISOR]: 'supervisor',
  [DISTRIBUTION.TEAM]: 'team',
  [DISTRIBUTION.ALL]: 'all',
};

/**
 * Chat between agents and supervisors (USER_MESSAGE, ctios.md §7.2): messages in
 * and out, kept in memory, bounded. The list survives a failover (it is this
 * desktop's record, not the server's); a message sent while the link is down is
 * refused, not queued: chat is live.
 */
export class Chat {
  private state: ChatState = { messages: [] };
  private next = 1;

  constructor(
    private readonly port: DeskSessionPort,
    private readonly agent: DeskAgentSource,
    private readonly changed: () => void,
    private readonly clock: () => number = Date.now,
  ) {}

  view(): ChatState {
    return this.state;
  }

  message(message: Message): void {
    if (message.MessageType !== 'USER_MESSAGE_EVENT') return;
    this.add({
      direction: 'in',
      from: message.ClientID ?? 'unknown',
      to: DISTRIBUTED_TO[message.Distribution] ?? 'me',
      text: message.Text ?? '',
    });
  }

  async send(to: string, text: string): Promise<void> {
    const what = to === 'supervisor' || to === 'team' ? `chat to the ${to}` : `chat to agent ${to}`;
    const agent = requireDeskAgent(this.agent, what);
    await sendRequest(this.port, what, userMessage(agent.identity, to, text));
    this.add({ direction: 'out', from: agent.identity.agentId, to, text });
  }

  private add(message: Omit<ChatMessage, 'id' | 'at'>): void {
    this.state = appendChat(this.state, { id: `chat-${this.next++}`, at: this.clock(), ...message });
    this.changed();
  }
}
