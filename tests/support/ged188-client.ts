import { expect } from 'vitest';
import net from 'node:net';
import { AGENT_STATE, FrameReader, buildMessage, decode, encode, type Message, type MessageFields, type MessageName } from '../../ged188/index.js';

/**
 * A bare GED-188 client over real TCP for the simulator's tests: it sends messages
 * as given and collects everything the server sends, so tests can check order.
 */
export class Ged188TestClient {
  private readonly inbox: Message[] = [];
  private waiter: (() => void) | undefined;
  private invokeId = 100;
  readonly closed: Promise<void>;

  private constructor(
    readonly socket: net.Socket,
    readonly version: number,
  ) {
    const reader = new FrameReader();
    socket.on('data', (chunk) => {
      for (const frame of reader.push(chunk)) this.inbox.push(decode(frame, { version }) as Message);
      this.waiter?.();
    });
    socket.on('error', () => {}); // the server resets connections it drops; tests watch `closed`
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  static async connect(port: number, version = 24): Promise<Ged188TestClient> {
    const socket = net.connect({ host: '127.0.0.1', port });
    await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    return new Ged188TestClient(socket, version);
  }

  nextInvokeId(): number {
    return ++this.invokeId;
  }

  send(m: Message): void {
    this.socket.write(encode(m, { version: this.version }));
  }

  /** Sends a request built from its interesting fields (the rest get "not applicable"). */
  request<N extends MessageName>(type: N, fields: MessageFields<N>): number {
    const invokeId = this.nextInvokeId();
    this.send(buildMessage(type, { ...fields, InvokeID: invokeId } as MessageFields<N>));
    return invokeId;
  }

  async next(ms = 3000): Promise<Message> {
    const deadline = Date.now() + ms;
    while (this.inbox.length === 0) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no message arrived in time');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return this.inbox.shift()!;
  }

  /** The next `count` messages' types, for checking an event sequence. */
  async types(count: number): Promise<string[]> {
    const out: string[] = [];
    for (let i = 0; i < count; i++) out.push((await this.next()).MessageType);
    return out;
  }

  /** The next `count` messages, for checking a sequence and its fields. */
  async take(count: number): Promise<Message[]> {
    const out: Message[] = [];
    for (let i = 0; i < count; i++) out.push(await this.next());
    return out;
  }

  /** Messages that have arrived but were not read yet (to check nothing else came). */
  get unread(): number {
    return this.inbox.length;
  }

  /**
   * Nothing else is on its way: a heartbeat's answer is the next message. The server answers
   * in order, so whatever it sent before the heartbeat has arrived by then.
   */
  async expectNothingPending(): Promise<void> {
    this.request('HEARTBEAT_REQ', {});
    expect((await this.next()).MessageType).toBe('HEARTBEAT_CONF');
  }

  /** Waits for a message of `type` (skipping others) and returns it. */
  async expect<N extends MessageName>(type: N, ms = 3000): Promise<Message<N>> {
    for (;;) {
      const m = await this.next(ms);
      if (m.MessageType === type) return m as Message<N>;
    }
  }

  /** Opens a CLIENT_EVENTS + CALL_DATA_UPDATE + CLIENT_CONTROL session for an agent phone. */
  async openAgent(instrument: string, extra: Partial<MessageFields<'OPEN_REQ'>> = {}): Promise<Message<'OPEN_CONF'>> {
    this.request('OPEN_REQ', {
      VersionNumber: this.version,
      IdleTimeout: 60,
      PeripheralID: 5000,
      ServicesRequested: 0x7,
      CallMsgMask: 0xffff | 0x30000,
      AgentStateMask: 0x3fff,
      ClientID: `test-${instrument}`,
      ClientPassword: new Uint8Array(0),
      AgentInstrument: instrument,
      ...extra,
    });
    return this.expect('OPEN_CONF');
  }

  /** Logs the agent in as a desktop does and checks the guide's sequence: CONF, LOGIN, NOT_READY. */
  async login(agentId: string, instrument: string): Promise<void> {
    this.request('SET_AGENT_STATE_REQ', { PeripheralID: 5000, AgentState: AGENT_STATE.LOGIN, AgentID: agentId, AgentPassword: 'x', AgentInstrument: instrument });
    expect(await this.next()).toMatchObject({ MessageType: 'SET_AGENT_STATE_CONF' });
    expect(await this.next()).toMatchObject({ MessageType: 'AGENT_STATE_EVENT', AgentID: agentId, AgentState: AGENT_STATE.LOGIN });
    expect(await this.next()).toMatchObject({ MessageType: 'AGENT_STATE_EVENT', AgentID: agentId, AgentState: AGENT_STATE.NOT_READY });
  }

  /** Makes the agent Ready and checks the CONF and the AVAILABLE event. */
  async ready(): Promise<void> {
    this.request('SET_AGENT_STATE_REQ', { PeripheralID: 5000, AgentState: AGENT_STATE.AVAILABLE });
    expect(await this.next()).toMatchObject({ MessageType: 'SET_AGENT_STATE_CONF' });
    expect(await this.next()).toMatchObject({ MessageType: 'AGENT_STATE_EVENT', AgentState: AGENT_STATE.AVAILABLE });
  }

  close(): void {
    this.socket.destroy();
  }
}
