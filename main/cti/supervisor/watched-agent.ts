import type { Message } from '../../../ged188/index.js';
import type { CallKey, WatchedAgent } from '../../../contract/index.js';
import { CommandError } from '../agent/command-error.js';
import { snapshotCall } from '../agent/agent-requests.js';
import { CallBook, callKey } from '../calls/index.js';
import { sendRequest, type DeskSessionPort } from './desk-context.js';
import * as requests from './supervisor-requests.js';

interface Watch {
  readonly agentId: string;
  instrument: string | undefined;
  /** Set once MONITOR_START_CONF answered; undefined while starting or after the link went. */
  monitorId: number | undefined;
  starting: boolean;
}

/**
 * The team member whose calls a supervisor sees (ctios.md §7.2 "see an agent's calls"): a
 * device monitor (MONITOR_START_REQ) on the member's phone, whose events carry its MonitorID
 * and feed a call book of their own (the shared call model). A (re)open drops the server's
 * monitors; `opened` starts the watch again.
 */
export class WatchedAgentMonitor {
  private watch: Watch | undefined;
  private readonly book: CallBook;
  /** Calls that ended through the monitor while their snapshots were on their way: a late snapshot must not bring one back. */
  private endedMeanwhile: Set<CallKey> | undefined;

  constructor(
    private readonly port: DeskSessionPort,
    private readonly changed: () => void,
  ) {
    this.book = new CallBook({ changed: () => this.changed(), ended: (call) => this.endedMeanwhile?.add(call.key) });
  }

  view(): WatchedAgent | undefined {
    const watch = this.watch;
    if (!watch) return undefined;
    return {
      agentId: watch.agentId,
      ...(watch.instrument !== undefined ? { instrument: watch.instrument } : {}),
      monitoring: watch.monitorId !== undefined,
      calls: this.book.all(),
    };
  }

  get agentId(): string | undefined {
    return this.watch?.agentId;
  }

  /** Watches `agentId`'s phone, instead of any member watched before. */
  async start(peripheralId: number, agentId: string, what: string): Promise<void> {
    await this.stop(what);
    const watch: Watch = { agentId, instrument: undefined, monitorId: undefined, starting: true };
    this.watch = watch;
    this.changed();
    try {
      await this.monitor(peripheralId, watch, what);
    } catch (error) {
      if (this.watch === watch) this.watch = undefined;
      this.book.clear();
      this.changed();
      throw error;
    }
  }

  async stop(what: string): Promise<void> {
    const watch = this.watch;
    if (!watch) return;
    this.watch = undefined;
    this.book.clear();
    this.changed();
    if (watch.monitorId !== undefined) await sendRequest(this.port, what, requests.stopMonitor(watch.monitorId));
  }

  /** A session opened: the server has no monitors now; start the watch again (best effort). */
  opened(peripheralId: number | undefined, supervisor: boolean): void {
    const watch = this.watch;
    if (!watch) return;
    watch.monitorId = undefined;
    this.book.clear();
    if (!supervisor || peripheralId === undefined) {
      this.watch = undefined;
      this.changed();
      return;
    }
    watch.starting = true;
    this.changed();
    this.monitor(peripheralId, watch, `watch agent ${watch.agentId}`).catch(() => {
      // Left with `monitoring: false`; a new watchAgent tries again.
      if (this.watch === watch) watch.starting = false;
    });
  }

  /** An event through the watch's monitor goes into its calls; true when it was one. */
  message(message: Message): boolean {
    const watch = this.watch;
    const monitorId = (message as { MonitorID?: number }).MonitorID;
    if (!watch || !monitorId) return false;
    // Events may come right behind MONITOR_START_CONF, before its answer is taken in.
    if (watch.monitorId === undefined ? !watch.starting : monitorId !== watch.monitorId) return false;
    if (message.MessageType !== 'AGENT_STATE_EVENT') this.book.apply(message);
    return true;
  }

  private async monitor(peripheralId: number, watch: Watch, what: string): Promise<void> {
    const query = await sendRequest(this.port, what, requests.queryMemberState(peripheralId, watch.agentId));
    const instrument = query.MessageType === 'QUERY_AGENT_STATE_CONF' ? query.AgentInstrument : undefined;
    if (instrument === undefined) throw new CommandError('failed', `${what}: agent ${watch.agentId} is not logged in on a phone`);
    watch.instrument = instrument;
    const conf = await sendRequest(this.port, what, requests.monitorDevice(peripheralId, instrument));
    if (conf.MessageType !== 'MONITOR_START_CONF') throw new CommandError('failed', `${what}: unexpected answer ${conf.MessageType}`);
    if (this.watch !== watch) {
      // Unwatched meanwhile: the monitor is not wanted.
      await sendRequest(this.port, what, requests.stopMonitor(conf.MonitorID));
      return;
    }
    watch.monitorId = conf.MonitorID;
    watch.starting = false;
    this.changed();
    // The calls the member is on already.
    const device = await sendRequest(this.port, what, requests.snapshotMemberDevice(peripheralId, instrument));
    if (this.watch !== watch || device.MessageType !== 'SNAPSHOT_DEVICE_CONF') return;
    const { listed } = this.book.applyDevice(peripheralId, device);
    const ended = new Set<CallKey>();
    this.endedMeanwhile = ended;
    try {
      for (const call of listed) {
        const snapshot = await this.port.request(snapshotCall(call));
        if (this.watch !== watch) return;
        if (snapshot.MessageType === 'SNAPSHOT_CALL_CONF' && !ended.has(callKey(call.peripheralId, call.connectionCallId))) this.book.applyCall(call, snapshot);
      }
    } finally {
      if (this.endedMeanwhile === ended) this.endedMeanwhile = undefined;
    }
  }
}
