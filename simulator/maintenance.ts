import { STATUS, type Message } from '../ged188/index.js';
import type { ClientSession } from './client-session.js';

/** What a hand-over needs from the simulator: the side that leaves and the one that takes over. */
export interface HandOverSides {
  /** Sessions on the side going into maintenance. */
  leaving(): Iterable<ClientSession>;
  /** The leaving side stops taking new sessions (they get E_CTI_SERVER_IN_MAINTENANCE_MODE). */
  markLeaving(): void;
  /** The other side becomes active; its standby sessions hear STANDBY_ACTIVE_EVENT_MSG. */
  activateOther(): void;
  /** Closes the leaving side: the listener and whatever connections are left. */
  closeLeaving(): Promise<void>;
  readonly log: (line: string) => void;
}

export interface HandOverTiming {
  /** How long clients have to answer ACTIVE_MAINTENANCE_REQ_MSG; the guide says 5 s. */
  readonly responseMs: number;
  /** How long after ACTIVE_MAINTENANCE_EVENT_MSG clients have to send STOPPING_REQUESTS_TO_THIS_SIDE_IND (5 s). */
  readonly stoppingMs: number;
}

export type HandOverOutcome =
  | { readonly continuing: true; readonly asked: number; readonly done: Promise<void> }
  | { readonly continuing: false; readonly asked: number; readonly reason: string };

/**
 * The v24 maintenance hand-over of ged188.md §2.11, run once: the active side asks
 * every active/standby-capable client for consent (ACTIVE_MAINTENANCE_REQ_MSG),
 * any refusal or 5 s of silence cancels (ACTIVE_MAINTENANCE_EVENT_MSG Continue 0);
 * otherwise it announces Continue 1, the other side becomes active, and the old
 * side closes each client once it says STOPPING_REQUESTS_TO_THIS_SIDE_IND (or
 * after 5 s). Clients that cannot take part (before v24, or without
 * ACTIVE_STANDBY) are ended with E_CTI_CTI_SERVER_OFFLINE so they fail over.
 */
export class MaintenanceHandOver {
  private readonly pendingVotes = new Map<ClientSession, number>();
  private settleVote: ((refusal: string | undefined) => void) | undefined;
  private readonly stopping = new Set<ClientSession>();
  private allStopped: (() => void) | undefined;
  private invokeId = 0;

  constructor(
    private readonly sides: HandOverSides,
    private readonly timing: HandOverTiming,
  ) {}

  async run(): Promise<HandOverOutcome> {
    const voters = [...this.sides.leaving()].filter((s) => s.role === 'active' && s.speaksActiveStandby);
    const refusal = await this.vote(voters);
    const asked = voters.filter((s) => s.isOpen);
    if (refusal !== undefined) {
      for (const session of asked) session.notify({ MessageType: 'ACTIVE_MAINTENANCE_EVENT_MSG', Continue: false });
      this.sides.log(`maintenance cancelled: ${refusal}`);
      return { continuing: false, asked: voters.length, reason: refusal };
    }
    for (const session of asked) session.notify({ MessageType: 'ACTIVE_MAINTENANCE_EVENT_MSG', Continue: true });
    this.sides.markLeaving();
    for (const session of [...this.sides.leaving()]) {
      if (asked.includes(session)) session.drain();
      else if (session.isOpen) session.fail(STATUS.E_CTI_CTI_SERVER_OFFLINE);
    }
    this.sides.activateOther();
    this.sides.log(`maintenance: ${asked.length} client(s) agreed; the other side is active`);
    return { continuing: true, asked: voters.length, done: this.closeAfterStopping(asked) };
  }

  /** ACTIVE_MAINTENANCE_RESP_MSG or STOPPING_REQUESTS_TO_THIS_SIDE_IND from a client of the leaving side. */
  receive(session: ClientSession, message: Message): void {
    if (message.MessageType === 'ACTIVE_MAINTENANCE_RESP_MSG') {
      if (!this.settleVote || !this.pendingVotes.has(session)) return this.sides.log(`maintenance: unexpected answer from ${session.clientId}`);
      this.pendingVotes.delete(session);
      if (!message.MaintenanceModeAccepted) return this.settleVote(`client ${session.clientId ?? '?'} refused`);
      if (this.pendingVotes.size === 0) this.settleVote(undefined);
      return;
    }
    if (message.MessageType === 'STOPPING_REQUESTS_TO_THIS_SIDE_IND' && this.stopping.delete(session)) {
      session.end();
      if (this.stopping.size === 0) this.allStopped?.();
    }
  }

  private vote(voters: ClientSession[]): Promise<string | undefined> {
    if (voters.length === 0) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const finish = (refusal: string | undefined) => {
        clearTimeout(timer);
        this.settleVote = undefined;
        this.pendingVotes.clear();
        resolve(refusal);
      };
      const timer = setTimeout(() => {
        // A client that disconnected meanwhile has nothing left to object to.
        const silent = [...this.pendingVotes.keys()].filter((s) => s.isOpen);
        finish(silent.length === 0 ? undefined : `no answer within ${this.timing.responseMs} ms from ${silent.map((s) => s.clientId).join(', ')}`);
      }, this.timing.responseMs);
      timer.unref();
      this.settleVote = finish;
      for (const session of voters) {
        const invokeId = ++this.invokeId;
        this.pendingVotes.set(session, invokeId);
        session.notify({ MessageType: 'ACTIVE_MAINTENANCE_REQ_MSG', InvokeID: invokeId });
      }
    });
  }

  private async closeAfterStopping(asked: ClientSession[]): Promise<void> {
    for (const session of asked) if (session.isOpen) this.stopping.add(session);
    if (this.stopping.size > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.timing.stoppingMs);
        timer.unref();
        this.allStopped = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    this.stopping.clear();
    await this.sides.closeLeaving();
    this.sides.log('maintenance: the old side is closed');
  }
}
