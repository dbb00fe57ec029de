import { AGENT_STATE, STATUS, type Message } from '../../../ged188/index.js';
import {
  DEFAULT_DESK_SETTINGS,
  type AgentCall,
  type AgentIdentity,
  type AgentMode as AgentModeView,
  type AgentStateName,
  type Call,
  type CallKey,
  type DeskSettings,
  type Enablement,
} from '../../../contract/index.js';
import { CallBook, callKey, type ConnectionIdentity } from '../calls/index.js';
import { RequestFailed } from '../cti-session.js';
import { agentEnablement, callEnablement, type CallOnPhone, type EnablementInput } from '../enablement.js';
import type { Outbox, OutboxEntry } from '../outbox.js';
import { CONNECTION_ONLY, type OpenParameters, type SessionState } from '../session-machine.js';
import * as requests from './agent-requests.js';
import { AgentRestore, type RestoreKind } from './agent-restore.js';
import { agentStateName, isLoggedIn } from './agent-states.js';
import { changedItems } from './call-data-changes.js';
import { CommandError, confirmationOf, refusalText, unavailable } from './command-error.js';
import { deferred, type Deferred } from './deferred.js';
import { agentStateMisfit, callEventMisfit, RecentlyEnded, refusedForUnknownCall } from './model-agreement.js';

/** What agent mode needs of the CTI session (CtiSession fits). */
export interface AgentSessionPort {
  readonly current: SessionState;
  request(message: Message): Promise<Message>;
  reopen(open: OpenParameters): Promise<void>;
  dropLink(reason: string): void;
}

export interface AgentModeListener {
  /** Agent, calls or enablement changed; read `view()`. */
  changed(): void;
  /** Something the person at the desk should read (a notice, or a failure nobody awaited). */
  notice(message: string): void;
}

export type DuplicateLoginPolicy = 'allow' | 'warn' | 'reject';

export interface SetAgentOptions {
  readonly identity: AgentIdentity;
  readonly deskSettings?: DeskSettings;
  /** ctios.md §2.5 Warn/Reject settings; `warn` by default. */
  readonly duplicateLogin?: DuplicateLoginPolicy;
  /** Open with the SUPERVISOR service and team configuration (a supervisor's desktop). */
  readonly supervisor?: boolean;
}

interface AgentSelection {
  readonly identity: AgentIdentity;
  readonly desk: DeskSettings;
  readonly policy: DuplicateLoginPolicy;
  phase: 'starting' | 'active' | 'restoring';
  state: AgentStateName;
  reasonCode: number;
  since: number;
  alreadyLoggedIn: boolean;
  /** The agent applied wrap-up for the last call (required wrap-up modes enable Ready after it). */
  wrapupDone: boolean;
}

const SET_AGENT_TIMEOUT_MS = 20_000;
/** Ended calls kept for wrap-up entry (the CTI OS desktop keeps the call until wrap-up is applied). */
const ENDED_CALLS_KEPT = 4;

/**
 * Agent mode (CTI OS SetAgent, ctios.md §1.7, §2, §6.6): one agent on one phone.
 * It opens the session for the agent, reduces the agent's events into agent state
 * and calls, runs agent and call commands, and after every (re)open restores the
 * mode by itself (agent-restore.ts), as it re-synchronises whenever its model and
 * the server disagree (model-agreement.ts). Edits made while the link is down wait
 * in the outbox and are sent once the restore is done.
 */
export class AgentMode {
  private selection: AgentSelection | undefined;
  private readonly book: CallBook;
  private readonly ended = new Map<CallKey, Call>();
  private readonly recentlyEnded = new RecentlyEnded();
  private readonly restorer: AgentRestore;
  /** What the restore is doing when it is more than waiting for answers (said with every refusal). */
  private restoreNote: string | undefined;
  private starting: Deferred<{ alreadyLoggedIn: boolean; state: AgentStateName }> | undefined;
  private flushing = false;

  constructor(
    private readonly port: AgentSessionPort,
    private readonly outbox: Outbox,
    private readonly listener: AgentModeListener,
    private readonly clock: () => number = Date.now,
  ) {
    this.book = new CallBook(
      {
        changed: () => this.listener.changed(),
        ended: (call) => this.keepEnded(call),
      },
      clock,
    );
    this.restorer = new AgentRestore(port, this.book, {
      identity: () => this.selection?.identity,
      inService: () => this.inService,
      queried: (conf) => this.applyAgentState(agentStateName(conf.AgentState), this.selection?.reasonCode ?? 0, 0),
      done: (kind) => void this.restored(kind),
      failed: (kind, error) => this.restoreFailed(kind, error),
      progress: (text) => {
        this.restoreNote = text;
        if (text) this.listener.notice(text);
      },
    });
  }

  // ------------------------------------------------------------------ the view

  get identity(): AgentIdentity | undefined {
    return this.selection?.identity;
  }

  private get inService(): boolean {
    return this.port.current.phase === 'open' && this.selection?.phase === 'active';
  }

  view(): { agent: AgentModeView; calls: AgentCall[]; enablement: Enablement } {
    const selection = this.selection;
    const onPhone = this.callsOnPhone();
    const input: EnablementInput = {
      state: selection?.state ?? 'logout',
      calls: onPhone.map((c) => c.onPhone),
      desk: selection?.desk ?? DEFAULT_DESK_SETTINGS,
      wrapupDone: selection?.wrapupDone ?? false,
      // Without an agent only Login matters, and only once the link is up.
      inService: selection ? this.inService : false,
    };
    if (!selection) return { agent: { mode: 'none' }, calls: [], enablement: agentEnablement(input) };
    return {
      agent: {
        mode: 'agent',
        phase: selection.phase,
        identity: selection.identity,
        state: selection.state,
        reasonCode: selection.reasonCode,
        since: selection.since,
        deskSettings: selection.desk,
        alreadyLoggedIn: selection.alreadyLoggedIn,
      },
      calls: onPhone.map(({ call, onPhone: phone }) => ({
        call,
        ...(phone.localState ? { localState: phone.localState } : {}),
        enablement: callEnablement(phone, input),
      })),
      enablement: agentEnablement(input),
    };
  }

  private callsOnPhone(): { call: Call; onPhone: CallOnPhone }[] {
    const instrument = this.selection?.identity.instrument;
    return this.book.all().map((call) => {
      const others = call.connections.filter((c) => c.deviceId !== instrument);
      const ringingOut =
        others.some((c) => c.state === 'alerting' || c.state === 'initiate' || c.state === 'queued') &&
        !others.some((c) => c.state === 'connect' || c.state === 'hold');
      return {
        call,
        onPhone: {
          localState: call.connections.find((c) => c.deviceId === instrument)?.state,
          outgoing: call.callingDeviceId !== undefined && call.callingDeviceId === instrument,
          ringingOut,
        },
      };
    });
  }

  // ------------------------------------------------------------------ session events

  /** The session opened (first time or after a failover): restore the mode if there is one. */
  opened(conf: Message<'OPEN_CONF'>): void {
    const selection = this.selection;
    if (!selection) return;
    if (conf.AgentState !== AGENT_STATE.UNKNOWN) this.applyAgentState(agentStateName(conf.AgentState), selection.reasonCode, 0);
    this.restorer.restore();
  }

  /** The session went (failover or stop): commands wait for the restore. */
  lost(): void {
    this.restorer.cancel();
    if (this.selection && this.selection.phase === 'active') {
      this.selection.phase = 'restoring';
      this.listener.changed();
    }
  }

  message(message: Message): void {
    const selection = this.selection;
    if (!selection) return;
    // Events through a device monitor (a supervisor watching a member) are not this phone's.
    if ((message as { MonitorID?: number }).MonitorID) return;
    if (message.MessageType === 'FAILURE_CONF' && message.Status === STATUS.E_CTI_DEVICE_IN_USE) {
      void this.abandon(`phone ${selection.identity.instrument} is in use by another desktop (E_CTI_DEVICE_IN_USE): agent ${selection.identity.agentId} is logged in elsewhere`);
      return;
    }
    if (message.MessageType === 'AGENT_STATE_EVENT') {
      if (message.AgentID !== undefined && message.AgentID !== selection.identity.agentId) return;
      this.applyAgentState(agentStateName(message.AgentState), message.EventReasonCode, message.StateDuration);
      this.checkAgentState();
      return;
    }
    if (message.MessageType === 'BEGIN_CALL_EVENT') selection.wrapupDone = false;
    // An event that does not fit is applied all the same, and checked against the server.
    const misfit = callEventMisfit(this.book.table, this.recentlyEnded, message);
    if (misfit) this.restorer.suspect();
    if (this.book.apply(message)) {
      if (!misfit && 'ConnectionCallID' in message && 'PeripheralID' in message) {
        this.restorer.noteCall(callKey(message.PeripheralID as number, message.ConnectionCallID as number));
      }
      this.checkAgentState();
    }
  }

  /** An agent state that contradicts the calls (Ready while talking) is checked once events had time to catch up. */
  private checkAgentState(): void {
    const misfit = () => (this.selection && this.selection.phase === 'active' ? agentStateMisfit(this.selection.state, this.callsOnPhone().map((c) => ({ call: c.call, localState: c.onPhone.localState }))) : undefined);
    if (misfit()) this.restorer.suspect(() => misfit() !== undefined);
  }

  private applyAgentState(state: AgentStateName, reasonCode: number, durationSeconds: number): void {
    const selection = this.selection;
    if (!selection) return;
    if (selection.state === state && selection.reasonCode === reasonCode) return;
    selection.state = state;
    selection.reasonCode = reasonCode;
    selection.since = Math.max(0, this.clock() - durationSeconds * 1000);
    // Leaving the work states ends wrap-up: the calls kept for it go.
    if (state !== 'work-not-ready' && state !== 'work-ready') this.ended.clear();
    this.listener.changed();
  }

  private keepEnded(call: Call): void {
    this.recentlyEnded.add(call.key);
    this.ended.set(call.key, call);
    while (this.ended.size > ENDED_CALLS_KEPT) this.ended.delete(this.ended.keys().next().value as CallKey);
  }

  // ------------------------------------------------------------------ restore

  /** A restore or resync that could not finish for a reason other than the link. */
  private restoreFailed(kind: RestoreKind, error: unknown): void {
    const failure = unavailable(kind === 'restore' ? 'restoring agent mode' : 're-synchronising with CTI Server', error);
    const waiting = this.starting;
    this.starting = undefined;
    if (waiting) waiting.reject(failure);
    else this.listener.notice(failure.message);
  }

  /** Agent state and calls are the server's: a restore makes the mode active; either sends the outbox. */
  private async restored(kind: RestoreKind): Promise<void> {
    const selection = this.selection;
    if (!selection) return;
    const first = kind === 'restore' && selection.phase === 'starting';
    if (kind === 'restore') selection.phase = 'active';
    if (first) {
      selection.alreadyLoggedIn = isLoggedIn(selection.state);
      if (selection.alreadyLoggedIn && selection.policy === 'reject') {
        const why = `agent ${selection.identity.agentId} is already logged in (${selection.state}); this desktop is set to refuse a second login`;
        this.starting?.reject(new CommandError('failed', why));
        this.starting = undefined;
        await this.leave();
        return;
      }
      if (selection.alreadyLoggedIn && selection.policy === 'warn') {
        this.listener.notice(`agent ${selection.identity.agentId} is already logged in (${selection.state}): another desktop may be using it`);
      }
      this.starting?.resolve({ alreadyLoggedIn: selection.alreadyLoggedIn, state: selection.state });
      this.starting = undefined;
    }
    this.listener.changed();
    void this.flushOutbox();
  }

  /** Gives agent mode up (duplicate login refused): back to a bare link session. */
  private async abandon(reason: string): Promise<void> {
    const waiting = this.starting;
    this.starting = undefined;
    waiting?.reject(new CommandError('failed', reason));
    // A failover that finds the phone taken has nobody waiting: say it on the status line.
    if (!waiting) this.listener.notice(reason);
    await this.leave();
  }

  private async leave(): Promise<void> {
    this.selection = undefined;
    this.restorer.cancel();
    this.recentlyEnded.clear();
    this.book.clear();
    this.ended.clear();
    this.listener.changed();
    await this.port.reopen(CONNECTION_ONLY);
  }

  // ------------------------------------------------------------------ agent commands

  /**
   * SetAgent: opens the session for this agent and resolves once its state and calls
   * are known (OnQueryAgentStateConf, OnSnapshotDeviceConf); reports a duplicate
   * login per ctios.md §2.5.
   */
  async setAgent(options: SetAgentOptions): Promise<{ alreadyLoggedIn: boolean; state: AgentStateName }> {
    if (this.port.current.phase !== 'open') throw new CommandError('unavailable', 'cannot set the agent: CTI Server is out of service; try again when the link is back');
    const same = this.selection?.identity;
    if (same && same.agentId === options.identity.agentId && same.instrument === options.identity.instrument && this.selection?.phase === 'active') {
      return { alreadyLoggedIn: this.selection.alreadyLoggedIn, state: this.selection.state };
    }
    this.starting?.reject(new CommandError('failed', 'replaced by another SetAgent'));
    this.restorer.cancel();
    this.book.clear();
    this.ended.clear();
    this.recentlyEnded.clear();
    this.selection = {
      identity: options.identity,
      desk: options.deskSettings ?? DEFAULT_DESK_SETTINGS,
      policy: options.duplicateLogin ?? 'warn',
      phase: 'starting',
      state: 'unknown',
      reasonCode: 0,
      since: this.clock(),
      alreadyLoggedIn: false,
      wrapupDone: false,
    };
    const starting = deferred<{ alreadyLoggedIn: boolean; state: AgentStateName }>();
    this.starting = starting;
    this.listener.changed();
    const timer = setTimeout(() => starting.reject(new CommandError('unavailable', `CTI Server did not open a session for agent ${options.identity.agentId} within ${SET_AGENT_TIMEOUT_MS / 1000} s`)), SET_AGENT_TIMEOUT_MS);
    try {
      await this.port.reopen(requests.agentOpenParameters(options.identity, options.supervisor ?? false));
      return await starting.promise;
    } finally {
      clearTimeout(timer);
    }
  }

  private requireAgent(what: string): AgentSelection {
    const selection = this.selection;
    if (!selection) throw new CommandError('unavailable', `${what}: no agent is set; set the agent first`);
    if (!this.inService) {
      const why = selection.phase === 'active' ? 'CTI Server is out of service' : (this.restoreNote ?? 'agent mode is being restored after a connection loss');
      throw new CommandError('unavailable', `${what}: ${why}; try again when the link is back`);
    }
    return selection;
  }

  private async send(what: string, message: Message): Promise<Message> {
    try {
      return confirmationOf(what, this.checked(await this.port.request(message)));
    } catch (error) {
      if (error instanceof RequestFailed && error.reason === 'timeout') this.restorer.suspect();
      throw unavailable(what, error);
    }
  }

  /** A refusal that says the server does not have the call as the desktop knew it: re-read the calls. */
  private checked(reply: Message): Message {
    if (refusedForUnknownCall(reply)) this.restorer.suspect();
    return reply;
  }

  async requestState(what: string, state: number, options: { reasonCode?: number; password?: string } = {}): Promise<void> {
    const selection = this.requireAgent(what);
    await this.send(what, requests.setAgentState(selection.identity, { state, ...options }));
  }

  async makeCall(dialedNumber: string): Promise<{ callId: CallKey }> {
    const selection = this.requireAgent('make call');
    const conf = await this.send('make call', requests.makeCall(selection.identity, dialedNumber));
    if (conf.MessageType !== 'MAKE_CALL_CONF') throw new CommandError('failed', 'make call: unexpected answer');
    return { callId: callKey(selection.identity.peripheralId, conf.NewConnectionCallID) };
  }

  // ------------------------------------------------------------------ call commands

  /** This phone's connection on a known call; a call the desktop does not know is refused here. */
  private connectionOn(key: CallKey, what: string): ConnectionIdentity {
    const selection = this.requireAgent(what);
    const call = this.book.get(key) ?? this.ended.get(key);
    if (!call) throw new CommandError('failed', `${what}: there is no call ${key} on this phone`);
    const own = call.connections.find((c) => c.deviceId === selection.identity.instrument);
    return {
      peripheralId: call.peripheralId,
      connectionCallId: call.connectionCallId,
      connectionDeviceId: selection.identity.instrument,
      connectionDeviceIdType: own?.deviceIdType ?? 0,
    };
  }

  async callAction(action: requests.SingleCallAction, key: CallKey): Promise<void> {
    const call = this.connectionOn(key, action);
    await this.send(action, requests.singleCallRequest(action, call, call.connectionDeviceId));
  }

  /** The other call on the phone for alternate/reconnect/complete: the held one, or the active one. */
  private otherCall(key: CallKey, what: string): ConnectionIdentity {
    const instrument = this.selection?.identity.instrument;
    const other = this.book.all().find((c) => c.key !== key && c.connections.some((x) => x.deviceId === instrument));
    if (!other) throw new CommandError('failed', `${what}: there is no second call on this phone`);
    return this.connectionOn(other.key, what);
  }

  private isHeld(key: CallKey): boolean {
    const instrument = this.selection?.identity.instrument;
    return this.book.get(key)?.connections.some((c) => c.deviceId === instrument && c.state === 'hold') ?? false;
  }

  /** Alternate / Reconnect on either call: the request names the active one and the held one. */
  async twoCallAction(action: 'alternate' | 'reconnect', key: CallKey): Promise<void> {
    const [held, active] = this.heldAndActive(key, action);
    await this.send(action, requests.twoCallRequest(action, active, held, active.connectionDeviceId));
  }

  private heldAndActive(key: CallKey, what: string): [ConnectionIdentity, ConnectionIdentity] {
    const call = this.connectionOn(key, what);
    const other = this.otherCall(key, what);
    return this.isHeld(key) ? [call, other] : [other, call];
  }

  async consult(key: CallKey, dialedNumber: string, kind: 'transfer' | 'conference'): Promise<{ callId: CallKey }> {
    const call = this.connectionOn(key, `consult ${kind}`);
    const conf = await this.send(`consult ${kind}`, requests.consult(call, dialedNumber, kind, call.connectionDeviceId));
    if (conf.MessageType !== 'CONSULTATION_CALL_CONF') throw new CommandError('failed', 'consult: unexpected answer');
    return { callId: callKey(call.peripheralId, conf.NewConnectionCallID) };
  }

  async complete(key: CallKey, kind: 'transfer' | 'conference'): Promise<void> {
    const [held, active] = this.heldAndActive(key, `complete ${kind}`);
    await this.send(`complete ${kind}`, requests.complete(kind, active, held, active.connectionDeviceId));
  }

  async singleStep(key: CallKey, dialedNumber: string, kind: 'transfer' | 'conference'): Promise<void> {
    const call = this.connectionOn(key, `single-step ${kind}`);
    await this.send(`single-step ${kind}`, requests.complete(kind, call, undefined, call.connectionDeviceId, dialedNumber));
  }

  async sendDtmf(key: CallKey, digits: string): Promise<void> {
    const call = this.connectionOn(key, 'send DTMF');
    await this.send('send DTMF', requests.sendDtmf(call, digits, call.connectionDeviceId));
  }

  // ------------------------------------------------------------------ call data and wrap-up

  /**
   * Sets call variables, ECC and wrap-up on a call: only items that differ from what
   * the call already has are sent, so nothing the agent did not touch is wiped. While
   * the link is down the edit goes to the durable outbox and `queued` is true.
   */
  async setCallData(key: CallKey, changes: requests.CallDataChanges): Promise<{ sent: boolean; queued: boolean }> {
    const selection = this.selection;
    if (!selection) throw new CommandError('unavailable', 'set call data: no agent is set; set the agent first');
    const call = this.book.get(key) ?? this.ended.get(key);
    if (!call && this.inService) throw new CommandError('failed', `set call data: there is no call ${key} on this phone`);
    const delta = call ? changedItems(call, changes) : changes;
    if (Object.keys(delta).length === 0) return { sent: false, queued: false };
    const identity: ConnectionIdentity = call
      ? { peripheralId: call.peripheralId, connectionCallId: call.connectionCallId, connectionDeviceId: selection.identity.instrument, connectionDeviceIdType: 0 }
      : (() => {
          const [peripheralId, connectionCallId] = key.split('.').map(Number) as [number, number];
          return { peripheralId, connectionCallId, connectionDeviceId: selection.identity.instrument, connectionDeviceIdType: 0 };
        })();
    if (delta.wrapup !== undefined) selection.wrapupDone = true;
    if (!this.inService) {
      this.outbox.add({ agentId: selection.identity.agentId, ...identity, changes: delta });
      this.listener.changed();
      return { sent: false, queued: true };
    }
    try {
      confirmationOf('set call data', this.checked(await this.port.request(requests.setCallData(identity, delta))));
    } catch (error) {
      if (error instanceof RequestFailed && error.reason !== 'not-connected') {
        // The answer was lost (with the link, or on a link that still stands: then a
        // resync sends the outbox): keep the edit, and check before re-sending.
        const entry = this.outbox.add({ agentId: selection.identity.agentId, ...identity, changes: delta });
        this.outbox.markSending(entry.id);
        if (error.reason === 'timeout') this.restorer.suspect();
        this.listener.changed();
        return { sent: false, queued: true };
      }
      if (error instanceof RequestFailed) {
        this.outbox.add({ agentId: selection.identity.agentId, ...identity, changes: delta });
        this.listener.changed();
        return { sent: false, queued: true };
      }
      throw unavailable('set call data', error);
    }
    this.listener.changed();
    return { sent: true, queued: false };
  }

  get outboxPending(): number {
    return this.outbox.pending.length;
  }

  /** Sends what waits in the outbox for this agent, one entry at a time, each exactly once. */
  private async flushOutbox(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      for (const entry of [...this.outbox.pending]) {
        const selection = this.selection;
        if (!selection || !this.inService) return;
        if (entry.agentId !== selection.identity.agentId) continue;
        if (!(await this.deliver(entry))) return;
        this.listener.changed();
      }
    } finally {
      this.flushing = false;
    }
  }

  /** One entry: false when the link went and the rest must wait. */
  private async deliver(entry: OutboxEntry): Promise<boolean> {
    const identity: ConnectionIdentity = entry;
    const key = callKey(entry.peripheralId, entry.connectionCallId);
    try {
      if (entry.unconfirmedSends > 0 && this.book.get(key)) {
        // A send whose answer was lost: ask the server whether it already applied it.
        const snapshot = await this.port.request(requests.snapshotCall(identity));
        if (snapshot.MessageType === 'SNAPSHOT_CALL_CONF') {
          this.book.applyCall(identity, snapshot);
          const now = this.book.get(key);
          if (now && Object.keys(changedItems(now, entry.changes)).length === 0) {
            this.outbox.remove(entry.id);
            return true;
          }
        }
      }
      this.outbox.markSending(entry.id);
      const reply = this.checked(await this.port.request(requests.setCallData(identity, entry.changes)));
      this.outbox.remove(entry.id);
      if (reply.MessageType !== 'SET_CALL_DATA_CONF') {
        this.listener.notice(`call data saved while the link was down could not be applied to call ${key}: ${refusalText('set call data', reply)}`);
      }
      return true;
    } catch (error) {
      // Unanswered on a standing link: the resync that follows sends the rest.
      if (error instanceof RequestFailed && error.reason === 'timeout') this.restorer.suspect();
      if (error instanceof RequestFailed) return false;
      this.listener.notice(unavailable('sending saved call data', error).message);
      return false;
    }
  }
}
