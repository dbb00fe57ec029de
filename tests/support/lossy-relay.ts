import net from 'node:net';
import { FrameReader, decode, encode, type Message, type MessageName } from '../../ged188/index.js';

/**
 * A TCP relay between the desktop's CTI session and one simulator side that reads
 * GED-188 frames with the project's framer and can lie: drop a chosen frame (the nth
 * QUERY_AGENT_STATE_CONF, say), delay, duplicate, reorder, replay or mutate frames,
 * until `honest()`. Every message that reached either end is recorded, so a test can
 * prove something crossed exactly once.
 */

export type Direction = 'to-server' | 'to-desktop';

export type FrameFault =
  /** The frame never arrives. */
  | { readonly kind: 'drop' }
  /** The frame arrives `ms` later; frames behind it pass it meanwhile. */
  | { readonly kind: 'delay'; readonly ms: number }
  /** The frame arrives twice in a row. */
  | { readonly kind: 'duplicate' }
  /** The frame is held back until a frame of type `after` comes the same way, then follows it. */
  | { readonly kind: 'reorder'; readonly after: MessageName }
  /** The frame arrives, and a copy arrives again after the next `after` frame. */
  | { readonly kind: 'replay'; readonly after: MessageName }
  /** The frame arrives changed: decoded, rewritten, encoded again. */
  | { readonly kind: 'mutate'; readonly change: (message: Message) => Message }
  /** The frame's bytes arrive changed (a broken frame rather than a lying one). */
  | { readonly kind: 'corrupt'; readonly bytes: (frame: Uint8Array) => Uint8Array };

export interface FaultRule {
  readonly direction: Direction;
  readonly type: MessageName;
  /** The first occurrence it applies to, counted from when the rule was added (1 = the next one). */
  readonly nth?: number;
  /** How many occurrences from the nth on (Infinity: every one until `honest()`). */
  readonly times?: number;
  readonly fault: FrameFault;
}

/** A rule in force; `hits` counts the frames it has acted on. */
export interface ActiveRule {
  readonly rule: FaultRule;
  readonly hits: number;
}

interface RuleState {
  readonly rule: FaultRule;
  seen: number;
  hits: number;
}

interface Waiting {
  readonly frame: Uint8Array;
  readonly after: MessageName;
  /** Reordered frames go instead of later; replayed ones go again. */
  readonly link: Link;
}

interface Target {
  readonly host: string;
  readonly port: number;
}

interface Link {
  readonly toServer: net.Socket;
  readonly toDesktop: net.Socket;
  closed: boolean;
}

export class LossyRelay {
  private rules: RuleState[] = [];
  private waiting: { 'to-server': Waiting[]; 'to-desktop': Waiting[] } = { 'to-server': [], 'to-desktop': [] };
  private readonly links = new Set<Link>();
  /** Messages as they reached each end (after the faults), in order. */
  readonly delivered: { readonly 'to-server': Message[]; readonly 'to-desktop': Message[] } = { 'to-server': [], 'to-desktop': [] };

  private readonly server: net.Server;
  /** Connections the desktop has opened through the relay so far. */
  connections = 0;

  private constructor(
    target: Target,
    private readonly version: number,
  ) {
    this.server = net.createServer((desktop) => this.accept(desktop, target));
  }

  /** Listens on 127.0.0.1, port 0, and connects each desktop connection to `target`. */
  static async start(target: Target, options: { readonly version?: number } = {}): Promise<LossyRelay> {
    const relay = new LossyRelay(target, options.version ?? 24);
    await new Promise<void>((resolve) => relay.server.listen(0, '127.0.0.1', resolve));
    return relay;
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  /** Adds a fault; the returned view counts the frames it acted on. */
  add(rule: FaultRule): ActiveRule {
    const state: RuleState = { rule, seen: 0, hits: 0 };
    this.rules.push(state);
    return {
      rule,
      get hits() {
        return state.hits;
      },
    };
  }

  /** Stops lying: no rule applies any more, and frames held back go now, in the order they came. */
  honest(): void {
    this.rules = [];
    for (const direction of ['to-server', 'to-desktop'] as const) {
      const held = this.waiting[direction];
      this.waiting[direction] = [];
      for (const item of held) this.write(item.link, direction, item.frame);
    }
  }

  /** The messages of one type that reached one end. */
  deliveredOf<T extends MessageName>(direction: Direction, type: T): Message<T>[] {
    return this.delivered[direction].filter((m): m is Message<T> => m.MessageType === type);
  }

  async stop(): Promise<void> {
    for (const link of this.links) this.close(link);
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(desktop: net.Socket, target: Target): void {
    this.connections++;
    const upstream = net.connect({ host: target.host, port: target.port, noDelay: true });
    desktop.setNoDelay(true);
    const link: Link = { toServer: upstream, toDesktop: desktop, closed: false };
    this.links.add(link);
    const fromDesktop = new FrameReader();
    const fromServer = new FrameReader();
    const end = () => this.close(link);
    desktop.on('data', (chunk: Buffer) => this.pass(link, 'to-server', fromDesktop, chunk)).on('error', end).on('close', end);
    upstream.on('data', (chunk: Buffer) => this.pass(link, 'to-desktop', fromServer, chunk)).on('error', end).on('close', end);
  }

  private close(link: Link): void {
    if (link.closed) return;
    link.closed = true;
    this.links.delete(link);
    link.toDesktop.resetAndDestroy();
    link.toServer.resetAndDestroy();
  }

  private pass(link: Link, direction: Direction, reader: FrameReader, chunk: Buffer): void {
    let frames: Uint8Array[];
    try {
      frames = reader.push(chunk);
    } catch {
      // A stream the framer cannot follow goes on as bytes: judging it is the far end's job.
      this.socketTo(link, direction).write(chunk);
      return;
    }
    for (const frame of frames) this.route(link, direction, frame);
  }

  private route(link: Link, direction: Direction, frame: Uint8Array): void {
    const type = this.typeOf(frame);
    const state = type === undefined ? undefined : this.ruleFor(direction, type);
    const fault = state?.rule.fault;
    if (state) state.hits++;
    switch (fault?.kind) {
      case undefined:
        this.write(link, direction, frame);
        break;
      case 'drop':
        break;
      case 'delay':
        setTimeout(() => this.write(link, direction, frame), fault.ms);
        break;
      case 'duplicate':
        this.write(link, direction, frame);
        this.write(link, direction, frame);
        break;
      case 'reorder':
        this.waiting[direction].push({ frame, after: fault.after, link });
        break;
      case 'replay':
        this.write(link, direction, frame);
        this.waiting[direction].push({ frame, after: fault.after, link });
        break;
      case 'mutate':
        this.write(link, direction, encode(fault.change(decode(frame, { version: this.version }) as Message), { version: this.version }));
        break;
      case 'corrupt':
        this.write(link, direction, fault.bytes(frame));
        break;
    }
    if (type !== undefined && fault?.kind !== 'reorder' && fault?.kind !== 'replay') this.release(direction, type);
  }

  /** Frames held back until a `type` frame passed: they follow it now. */
  private release(direction: Direction, type: MessageName): void {
    const due = this.waiting[direction].filter((w) => w.after === type);
    if (due.length === 0) return;
    this.waiting[direction] = this.waiting[direction].filter((w) => w.after !== type);
    for (const item of due) this.write(item.link, direction, item.frame);
  }

  private ruleFor(direction: Direction, type: MessageName): RuleState | undefined {
    let applies: RuleState | undefined;
    for (const state of this.rules) {
      const { rule } = state;
      if (rule.direction !== direction || rule.type !== type) continue;
      state.seen++;
      const first = rule.nth ?? 1;
      const last = first + (rule.times ?? 1) - 1;
      if (!applies && state.seen >= first && state.seen <= last) applies = state;
    }
    return applies;
  }

  private typeOf(frame: Uint8Array): MessageName | undefined {
    try {
      const message = decode(frame, { version: this.version });
      return message.MessageType === 'UNKNOWN' ? undefined : message.MessageType;
    } catch {
      return undefined;
    }
  }

  private write(link: Link, direction: Direction, frame: Uint8Array): void {
    if (link.closed) return;
    const socket = this.socketTo(link, direction);
    if (socket.destroyed) return;
    socket.write(frame);
    const type = this.typeOf(frame);
    if (type !== undefined) this.delivered[direction].push(decode(frame, { version: this.version }) as Message);
  }

  private socketTo(link: Link, direction: Direction): net.Socket {
    return direction === 'to-server' ? link.toServer : link.toDesktop;
  }
}
