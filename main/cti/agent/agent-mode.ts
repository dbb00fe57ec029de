import { isDeepStrictEqual } from 'node:util';
import { AGENT_STATE, STATUS, type Message } from '../../../ged188/index.js';
import type { AgentIdentity, AgentStateName, CallKey, CommandFailure, DeskSettings } from '../../../contract/index.js';
import { CallBook, callKey } from '../calls/index.js';
import type { Outbox } from '../outbox.js';
import { CONNECTION_ONLY, type FailureRecord, type OpenParameters, type SessionState } from '../session-machine.js';
import * as requests from './agent-requests.js';
import { AgentControl } from './agent-control.js';
import { AgentRestore, type RestoreKind } from './agent-restore.js';
import { checkDuplicateLogin, newSelection, type AgentSelection, type SetAgentOptions } from './agent-selection.js';
import { agentStateName, isLoggedIn, isOnCallState } from './agent-states.js';
import { agentView, type AgentView } from './agent-view.js';
import { CallDataEdits } from './call-data-edits.js';
import { CommandError, unavailable } from './command-error.js';
import { agentStateMisfit, callEventMisfit, RecentlyEnded } from './model-agreement.js';
import { PendingSetAgent, type SetAgentResult } from './pending-set-agent.js';
import { phoneCalls } from './phone-calls.js';
import { ServerDeskSettingsSource } from './server-desk-settings.js';
import { WrapupCalls } from './wrapup-calls.js';

/** OPEN_REQ refusals about the agent or phone the session names (GED-188 §4: E_CTI_INVALID_AGENT_DATA, E_CTI_INVALID_DEVICE). */
const AGENT_REFUSALS: ReadonlySet<number> = new Set([STATUS.E_CTI_INVALID_AGENT_DATA, STATUS.E_CTI_INVALID_DEVICE]);

export type { DuplicateLoginPolicy, SetAgentOptions } from './agent-selection.js';

/** What agent mode needs of the CTI session (CtiSession fits). */
export interface AgentSessionPort {
  readonly current: SessionState;
  request(message: Message): Promise<Message>;
  reopen(open: OpenParameters, profileVersion?: number): Promise<void>;
  dropLink(reason: string): void;
}

export interface AgentModeListener {
  /** Agent, calls or enablement changed; read `view()`. */
  changed(): void;
  /** Something the person at the desk should read (a notice, or a failure nobody awaited). */
  notice(message: string): void;
  /** Something for the log only (e.g. CTI Server gave no desk settings). */
  log?(message: string): void;
}

/**
 * Agent mode (CTI OS SetAgent, ctios.md §1.7, §2, §6.6): one agent on one phone.
 * It coordinates: it opens the session for the agent, reduces the agent's events
 * into agent state and calls, and runs agent and call commands. Its parts do the
 * rest: after every (re)open it restores the mode (agent-restore.ts) and it
 * re-synchronises whenever its model and the server disagree (model-agreement.ts);
 * call data goes out at once or waits in the outbox until the restore is done
 * (call-data-edits.ts); the view is built from its state (agent-view.ts).
 */
export class AgentMode {
  private selection: AgentSelection | undefined;
  private readonly book: CallBook;
  private readonly wrapup = new WrapupCalls();
  private readonly recentlyEnded = new RecentlyEnded();
  private readonly restorer: AgentRestore;
  private readonly control: AgentControl;
  private readonly callData: CallDataEdits;
  /** What the restore is doing when it is more than waiting for answers (said with every refusal). */
  private restoreNote: string | undefined;
  private readonly setAgentAnswer = new PendingSetAgent();
  private readonly serverDesk: ServerDeskSettingsSource;

  constructor(
    private readonly port: AgentSessionPort,
    outbox: Outbox,
    private readonly listener: AgentModeListener,
    private readonly clock: () => number = Date.now,
  ) {
    this.book = new CallBook(
      {
        changed: () => this.listener.changed(),
        ended: (call) => {
          this.recentlyEnded.add(call.key);
          this.wrapup.keep(call);
        },
      },
      clock,
    );
    this.restorer = new AgentRestore(port, this.book, {
      identity: () => this.selection?.identity,
      inService: () => this.inService,
      queried: (conf) => this.applyQueriedState(agentStateName(conf.AgentState)),
      done: (kind) => void this.restored(kind),
      failed: (kind, error) => this.restoreFailed(kind, error),
      progress: (text) => {
        this.restoreNote = text;
        if (text) this.listener.notice(text);
      },
      checkingChanged: () => this.listener.changed(),
    });
    this.control = new AgentControl(port, this.book, this.wrapup, {
      agentFor: (what) => this.agentFor(what),
      suspect: () => this.restorer.suspect(),
    });
    this.serverDesk = new ServerDeskSettingsSource(port, (text) => this.listener.log?.(text));
    this.callData = new CallDataEdits(port, outbox, this.book, this.wrapup, {
      agent: () => this.selection?.identity,
      inService: () => this.inService,
      suspect: () => this.restorer.suspect(),
      changed: () => this.listener.changed(),
      notice: (text) => this.listener.notice(text),
    });
  }

  // ------------------------------------------------------------------ the view

  get identity(): AgentIdentity | undefined {
    return this.selection?.identity;
  }

  private get inService(): boolean {
    return this.port.current.phase === 'open' && this.selection?.phase === 'active';
  }

  /**
   * The desktop's desk settings changed (a new central document, live): enablement
   * follows at once, except where CTI Server's Agent Desk Settings decide (they win).
   */
  deskSettingsChanged(desk: DeskSettings): void {
    if (!this.selection || isDeepStrictEqual(this.selection.desk, desk)) return;
    this.selection.desk = desk;
    this.listener.changed();
  }

  view(): AgentView {
    return agentView({
      selection: this.selection,
      calls: this.book.all(),
      inService: this.inService,
      wrapupDone: this.wrapup.done,
      wrapupCall: this.wrapup.latest(),
      checking: this.restorer.checking,
    });
  }

  get outboxPending(): number {
    return this.callData.pending;
  }

  // ------------------------------------------------------------------ session events

  /** The session opened (first time or after a failover): restore the mode if there is one. */
  opened(conf: Message<'OPEN_CONF'>): void {
    const selection = this.selection;
    if (!selection) return;
    if (conf.AgentState !== AGENT_STATE.UNKNOWN) this.applyQueriedState(agentStateName(conf.AgentState));
    this.restorer.restore();
  }

  /**
   * A side refused to open the session. When it refused this agent or phone while the
   * agent was being set (an unknown agent ID, an instrument that is not the agent's),
   * retrying cannot help: SetAgent fails with the server's status and the session
   * goes back to a bare link. A refusal after the agent was active is a failover's
   * business and is retried as usual.
   */
  openRefused(failure: FailureRecord): void {
    const selection = this.selection;
    if (!selection || selection.phase !== 'starting' || failure.status === undefined || !AGENT_REFUSALS.has(failure.status)) return;
    const { agentId, instrument } = selection.identity;
    void this.abandon(`CTI Server refused agent ${agentId} on instrument ${instrument}: ${failure.reason}`, { status: failure.status });
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
      void this.abandon(`phone ${selection.identity.instrument} is in use by another desktop (E_CTI_DEVICE_IN_USE): agent ${selection.identity.agentId} is logged in elsewhere`, {
        status: STATUS.E_CTI_DEVICE_IN_USE,
      });
      return;
    }
    if (message.MessageType === 'AGENT_STATE_EVENT') {
      if (message.AgentID !== undefined && message.AgentID !== selection.identity.agentId) return;
      this.applyAgentState(agentStateName(message.AgentState), message.EventReasonCode, message.StateDuration);
      this.applyPending(message.NextAgentState === undefined ? undefined : agentStateName(message.NextAgentState));
      this.checkAgentState();
      return;
    }
    if (message.MessageType === 'BEGIN_CALL_EVENT') this.wrapup.callBegan();
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
    const misfit = () => {
      const selection = this.selection;
      if (!selection || selection.phase !== 'active') return undefined;
      const calls = phoneCalls(this.book.all(), selection.identity.instrument).map((c) => ({ call: c.call, localState: c.onPhone.localState }));
      return agentStateMisfit(selection.state, calls);
    };
    if (misfit()) this.restorer.suspect(() => misfit() !== undefined);
  }

  /**
   * The state a query or OPEN_CONF gives (neither carries NextAgentState). The pending
   * state is the PG's, not the session's, so a failover does not drop it: kept while the
   * agent is still on a call, gone once it is not (the call ended during the outage and
   * the state was applied, or not, as the server saw fit).
   */
  private applyQueriedState(state: AgentStateName): void {
    const selection = this.selection;
    if (!selection) return;
    this.applyAgentState(state, selection.reasonCode, 0);
    if (!isOnCallState(state)) this.applyPending(undefined);
  }

  /** NextAgentState from an AGENT_STATE_EVENT: the state waiting for the call to end, if any. */
  private applyPending(next: AgentStateName | undefined): void {
    const selection = this.selection;
    if (!selection) return;
    const asked = selection.asked;
    const pending = next === undefined || next === selection.state ? undefined : { state: next, reasonCode: asked?.state === next ? asked.reasonCode : 0 };
    if (isDeepStrictEqual(pending, selection.pending)) return;
    selection.pending = pending;
    this.listener.changed();
  }

  private applyAgentState(state: AgentStateName, reasonCode: number, durationSeconds: number): void {
    const selection = this.selection;
    if (!selection) return;
    if (selection.state === state && selection.reasonCode === reasonCode) return;
    // A login on an active desktop: the server's desk settings for this agent may be new.
    if (selection.phase === 'active' && !isLoggedIn(selection.state) && isLoggedIn(state)) void this.fetchServerDesk();
    selection.state = state;
    selection.reasonCode = reasonCode;
    selection.since = Math.max(0, this.clock() - durationSeconds * 1000);
    this.wrapup.agentState(state);
    this.listener.changed();
  }

  // ------------------------------------------------------------------ restore

  /** A restore or resync that could not finish for a reason other than the link. */
  private restoreFailed(kind: RestoreKind, error: unknown): void {
    const failure = unavailable(kind === 'restore' ? 'restoring agent mode' : 're-synchronising with CTI Server', error);
    if (!this.setAgentAnswer.reject(failure)) this.listener.notice(failure.message);
  }

  /** Agent state and calls are the server's: a restore makes the mode active; either sends the outbox. */
  private async restored(kind: RestoreKind): Promise<void> {
    const selection = this.selection;
    if (!selection) return;
    const first = kind === 'restore' && selection.phase === 'starting';
    if (kind === 'restore') selection.phase = 'active';
    if (first) {
      const duplicate = checkDuplicateLogin(selection);
      if (duplicate && 'refuse' in duplicate) {
        // The reason lets a view put it beside the agent field, in its own words.
        this.setAgentAnswer.reject(new CommandError('failed', duplicate.refuse, { reason: 'already-logged-in' }));
        await this.leave();
        return;
      }
      if (duplicate) this.listener.notice(duplicate.warn);
      this.setAgentAnswer.resolve({ alreadyLoggedIn: selection.alreadyLoggedIn, state: selection.state });
    }
    // After SetAgent and after every failover or restore: CTI Server's Agent Desk Settings.
    if (kind === 'restore') void this.fetchServerDesk();
    this.listener.changed();
    void this.callData.flush();
  }

  /**
   * Asks CTI Server for the agent's desk settings (server-desk-settings.ts). None (refused,
   * an older server, no answer) keeps what there was: the server's from before, else the
   * desktop's.
   */
  private async fetchServerDesk(): Promise<void> {
    const selection = this.selection;
    if (!selection) return;
    const settings = await this.serverDesk.fetch(selection.identity);
    if (settings === undefined || this.selection !== selection || isDeepStrictEqual(selection.serverDesk, settings)) return;
    selection.serverDesk = settings;
    this.listener.changed();
  }

  /** Gives agent mode up (duplicate login refused): back to a bare link session. */
  private async abandon(reason: string, params?: NonNullable<CommandFailure['params']>): Promise<void> {
    // A failover that finds the phone taken has nobody waiting: say it on the status line.
    if (!this.setAgentAnswer.reject(new CommandError('failed', reason, params))) this.listener.notice(reason);
    await this.leave();
  }

  private async leave(): Promise<void> {
    this.selection = undefined;
    this.restorer.cancel();
    this.recentlyEnded.clear();
    this.book.clear();
    this.wrapup.reset();
    this.listener.changed();
    await this.port.reopen(CONNECTION_ONLY);
  }

  // ------------------------------------------------------------------ agent commands

  /**
   * SetAgent: opens the session for this agent and resolves once its state and calls
   * are known (OnQueryAgentStateConf, OnSnapshotDeviceConf); reports a duplicate
   * login per ctios.md §2.5.
   */
  async setAgent(options: SetAgentOptions): Promise<SetAgentResult> {
    if (this.port.current.phase !== 'open') throw new CommandError('unavailable', 'cannot set the agent: CTI Server is out of service; try again when the link is back');
    const same = this.selection?.identity;
    if (same && same.agentId === options.identity.agentId && same.instrument === options.identity.instrument && this.selection?.phase === 'active') {
      return { alreadyLoggedIn: this.selection.alreadyLoggedIn, state: this.selection.state };
    }
    this.restorer.cancel();
    this.book.clear();
    this.wrapup.reset();
    this.recentlyEnded.clear();
    this.selection = newSelection(options, this.clock());
    this.listener.changed();
    return this.setAgentAnswer.wait(options.identity.agentId, () => this.port.reopen(requests.agentOpenParameters(options.identity, options.supervisor ?? false), options.protocolVersion));
  }

  /** The agent a command acts for, once agent mode is in service; else why not, and what to do. */
  private agentFor(what: string): AgentIdentity {
    const selection = this.selection;
    if (!selection) throw new CommandError('unavailable', `${what}: no agent is set; set the agent first`);
    if (!this.inService) {
      const why = selection.phase === 'active' ? 'CTI Server is out of service' : (this.restoreNote ?? 'agent mode is being restored after a connection loss');
      throw new CommandError('unavailable', `${what}: ${why}; try again when the link is back`);
    }
    return selection.identity;
  }

  // Agent and call commands run in agent-control.ts; `agentFor` says when none can.
  readonly requestState: AgentControl['requestState'] = (what, state, options = {}) => {
    // Remembered for the pending state: NextAgentState names the state, not its reason.
    if (this.selection) this.selection.asked = { state: agentStateName(state), reasonCode: options.reasonCode ?? 0 };
    return this.control.requestState(what, state, options);
  };

  /**
   * Withdraws a state asked for during a call. GED-188 has no request that withdraws a
   * pending state; CTI Server keeps the last state asked for during the call (a new
   * SET_AGENT_STATE replaces the waiting one, as Finesse's "change pending state" does).
   * So cancelling asks for the state an agent on a call goes back to when it has not
   * asked for a break: Ready. With wrap-up configured the server still puts the agent in
   * wrap-up first (Work Ready, "after-call work, then Ready").
   */
  async cancelPendingState(): Promise<void> {
    const what = 'cancel pending state';
    const pending = this.selection?.pending;
    if (!pending) throw new CommandError('failed', `${what}: no state is waiting for the call to end`);
    if (pending.state === 'available') return;
    await this.requestState(what, AGENT_STATE.AVAILABLE);
  }
  readonly makeCall: AgentControl['makeCall'] = (...args) => this.control.makeCall(...args);
  readonly callAction: AgentControl['callAction'] = (...args) => this.control.callAction(...args);
  readonly twoCallAction: AgentControl['twoCallAction'] = (...args) => this.control.twoCallAction(...args);
  readonly consult: AgentControl['consult'] = (...args) => this.control.consult(...args);
  readonly complete: AgentControl['complete'] = (...args) => this.control.complete(...args);
  readonly singleStep: AgentControl['singleStep'] = (...args) => this.control.singleStep(...args);
  readonly sendDtmf: AgentControl['sendDtmf'] = (...args) => this.control.sendDtmf(...args);

  // ------------------------------------------------------------------ call data and wrap-up

  /** Sets call variables, ECC and wrap-up on a call (call-data-edits.ts): sent now, or queued in the outbox. */
  setCallData(key: CallKey, changes: requests.CallDataChanges): Promise<{ sent: boolean; queued: boolean }> {
    return this.callData.set(key, changes);
  }
}
