import { STATUS, validateOutgoing, type Message } from '../../../ged188/index.js';
import type { AgentIdentity, CallKey } from '../../../contract/index.js';
import { callKey, parseCallKey, type CallBook, type ConnectionIdentity } from '../calls/index.js';
import { RequestFailed } from '../cti-session.js';
import type { Outbox, OutboxEntry } from '../outbox.js';
import * as requests from './agent-requests.js';
import { changedItems } from './call-data-changes.js';
import { CommandError, confirmationOf, refusalText, unavailable } from './command-error.js';
import { refusedForUnknownCall } from './model-agreement.js';
import type { WrapupCalls } from './wrapup-calls.js';

/** What sending call data needs of the CTI session (CtiSession fits). */
export interface CallDataPort {
  request(message: Message): Promise<Message>;
}

export interface CallDataHost {
  /** Whose edits these are; undefined while no agent is set. */
  agent(): AgentIdentity | undefined;
  /** Agent mode is active on an open link: an edit goes out at once, else to the outbox. */
  inService(): boolean;
  /** The model and the server may disagree (unanswered, or refused for a call the server does not have). */
  suspect(): void;
  /** The outbox or wrap-up changed: the view may differ. */
  changed(): void;
  /** A saved edit the server refused or could not take, which nobody awaits. */
  notice(text: string): void;
}

/**
 * Call variables, ECC and wrap-up the agent enters (CTI OS SetCallData): sent at
 * once when agent mode is in service, else kept in the durable outbox and sent after
 * the restore, each exactly once; a send whose answer was lost is checked against
 * the server's call before it goes again.
 */
export class CallDataEdits {
  private flushing = false;

  constructor(
    private readonly port: CallDataPort,
    private readonly outbox: Outbox,
    private readonly book: CallBook,
    private readonly wrapup: WrapupCalls,
    private readonly host: CallDataHost,
  ) {}

  get pending(): number {
    return this.outbox.pending.length;
  }

  /**
   * Only items that differ from what the call already has are sent, so nothing the
   * agent did not touch is wiped. While the link is down the edit goes to the outbox
   * and `queued` is true.
   */
  async set(key: CallKey, changes: requests.CallDataChanges): Promise<{ sent: boolean; queued: boolean }> {
    const agent = this.host.agent();
    if (!agent) throw new CommandError('unavailable', 'set call data: no agent is set; set the agent first');
    const call = this.book.get(key) ?? this.wrapup.get(key);
    if (!call && this.host.inService()) throw new CommandError('failed', `set call data: there is no call ${key} on this phone`);
    const delta = call ? changedItems(call, changes) : changes;
    if (Object.keys(delta).length === 0) return { sent: false, queued: false };
    const ids = call ?? parseCallKey(key);
    if (!ids) throw new CommandError('failed', `set call data: ${key} is not a call key (PeripheralID.ConnectionCallID)`);
    const identity: ConnectionIdentity = { peripheralId: ids.peripheralId, connectionCallId: ids.connectionCallId, connectionDeviceId: agent.instrument, connectionDeviceIdType: 0 };
    // Text the wire cannot carry (the contract counts characters, GED-188 bytes) is refused
    // now, before it is queued: an outbox entry encode refuses would never go.
    const wireProblem = validateOutgoing(requests.setCallData(identity, delta)).find((p) => p.status === STATUS.E_CTI_INVALID_FIELD_LENGTH || p.status === STATUS.E_CTI_BAD_MESSAGE_FORMAT);
    if (wireProblem) throw new CommandError('failed', `set call data: ${wireProblem.field} ${wireProblem.detail}`);
    if (delta.wrapup !== undefined) this.wrapup.wrapupEntered();
    const queued = { sent: false, queued: true };
    const keep = () => this.outbox.add({ agentId: agent.agentId, ...identity, changes: delta });
    if (!this.host.inService()) {
      keep();
      this.host.changed();
      return queued;
    }
    const request = requests.setCallData(identity, delta);
    try {
      confirmationOf('set call data', this.checked(await this.port.request(request)));
      this.book.applyOwnData(key, request);
    } catch (error) {
      if (!(error instanceof RequestFailed)) throw unavailable('set call data', error);
      const entry = keep();
      // Kept either way. Not sent (no link): it waits like an edit made offline. Sent but
      // unanswered (the link went, or it stands and the resync that follows sends the
      // outbox): checked against the server's call before it goes again.
      if (error.reason !== 'not-connected') this.outbox.markSending(entry.id);
      if (error.reason === 'timeout') this.host.suspect();
      this.host.changed();
      return queued;
    }
    this.host.changed();
    return { sent: true, queued: false };
  }

  /**
   * Sends what waits in the outbox for this agent, one entry at a time, each exactly
   * once. Each entry is read as it is when its turn comes, and one that an edit was
   * merged into while it was being sent is sent again in the same flush (a flush
   * asked for meanwhile found this one running and did nothing).
   */
  async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    // Each revision goes out at most once per flush: a guard against sending in a loop.
    const delivered = new Set<string>();
    try {
      for (;;) {
        const agent = this.host.agent();
        if (!agent || !this.host.inService()) return;
        const entry = this.outbox.pending.find((e) => e.agentId === agent.agentId && !delivered.has(`${e.id}@${e.revision}`));
        if (!entry) return;
        delivered.add(`${entry.id}@${entry.revision}`);
        if (!(await this.deliver(entry))) return;
        this.host.changed();
      }
    } finally {
      this.flushing = false;
    }
  }

  /**
   * One entry: false when the link went and the rest must wait. Whatever answer comes
   * settles only the revision sent (see Outbox.removeIfUnchanged).
   */
  private async deliver(entry: OutboxEntry): Promise<boolean> {
    const identity: ConnectionIdentity = entry;
    const key = callKey(entry.peripheralId, entry.connectionCallId);
    let changes = entry.changes;
    try {
      if (entry.unconfirmedSends > 0 && this.book.get(key)) {
        // A send whose answer was lost: ask the server whether it already applied it.
        const snapshot = await this.port.request(requests.snapshotCall(identity));
        if (snapshot.MessageType === 'SNAPSHOT_CALL_CONF') {
          this.book.applyCall(identity, snapshot);
          const now = this.book.get(key);
          if (now) changes = changedItems(now, entry.changes);
          if (Object.keys(changes).length === 0) {
            this.outbox.removeIfUnchanged(entry.id, entry.revision);
            return true;
          }
        }
      }
      this.outbox.markSending(entry.id);
      const request = requests.setCallData(identity, changes);
      const reply = this.checked(await this.port.request(request));
      if (reply.MessageType === 'SET_CALL_DATA_CONF') this.book.applyOwnData(key, request);
      if (!this.outbox.removeIfUnchanged(entry.id, entry.revision)) return true;
      if (reply.MessageType !== 'SET_CALL_DATA_CONF') {
        this.host.notice(`call data saved while the link was down could not be applied to call ${key}: ${refusalText('set call data', reply)}`);
      }
      return true;
    } catch (error) {
      // Unanswered on a standing link: the resync that follows sends the rest.
      if (error instanceof RequestFailed && error.reason === 'timeout') this.host.suspect();
      if (error instanceof RequestFailed) return false;
      this.host.notice(unavailable('sending saved call data', error).message);
      return false;
    }
  }

  /** A refusal that says the server does not have the call as the desktop knew it: re-read the calls. */
  private checked(reply: Message): Message {
    if (refusedForUnknownCall(reply)) this.host.suspect();
    return reply;
  }
}
