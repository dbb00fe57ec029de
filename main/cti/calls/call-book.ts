import type { Message } from '../../../ged188/index.js';
import type { Call, CallKey } from '../../../contract/calls.js';
import type { ConnectionIdentity } from './call-identity.js';
import { mergeCallData, withoutUndefined, type CallDataFields } from './call-data.js';
import { applySnapshotCall, applySnapshotDevice } from './call-snapshots.js';
import { applyCallEvent, EMPTY_CALL_TABLE, endCallsExcept, type CallTable, type CallTableUpdate } from './call-table.js';

export interface CallBookListener {
  /** The table changed (any call added, changed or removed). */
  changed?(table: CallTable): void;
  /** A call left the table (CTI OS OnCallEnd), as it was last known. */
  ended?(call: Call): void;
}

/**
 * A call table held over time: the reducer's functions with the current table kept
 * and listeners told after every step. One per session (agent or monitor).
 */
export class CallBook {
  private current: CallTable = EMPTY_CALL_TABLE;

  constructor(
    private readonly listener: CallBookListener = {},
    private readonly clock: () => number = Date.now,
  ) {}

  get table(): CallTable {
    return this.current;
  }

  get(key: CallKey): Call | undefined {
    return this.current.get(key);
  }

  all(): Call[] {
    return [...this.current.values()];
  }

  /** Applies a message; true when it was a call event that changed something. */
  apply(message: Message): boolean {
    return this.commit(applyCallEvent(this.current, message, this.clock()));
  }

  /** SNAPSHOT_DEVICE_CONF for one phone; returns the calls it lists (snapshot each next). */
  applyDevice(peripheralId: number, conf: Message<'SNAPSHOT_DEVICE_CONF'>): { listed: readonly ConnectionIdentity[]; keys: ReadonlySet<CallKey> } {
    const result = applySnapshotDevice(this.current, peripheralId, conf, this.clock());
    this.commit({ table: result.table, ended: [] });
    return { listed: result.listed, keys: result.keys };
  }

  applyCall(identity: ConnectionIdentity, conf: Message<'SNAPSHOT_CALL_CONF'>): void {
    this.commit({ table: applySnapshotCall(this.current, identity, conf, this.clock()), ended: [] });
  }

  /**
   * Call data this desktop set and CTI Server confirmed (SET_CALL_DATA_CONF). CTI Server
   * tells the other clients with CALL_DATA_UPDATE_EVENT, never the one that set it, so
   * without this the desktop would go on showing the values from before the edit.
   */
  applyOwnData(key: CallKey, fields: CallDataFields): void {
    const call = this.current.get(key);
    if (!call) return;
    const next = new Map(this.current);
    next.set(key, withoutUndefined(mergeCallData(call, fields)));
    this.commit({ table: next, ended: [] });
  }

  /** Ends the calls the server no longer has; returns them. */
  endAllExcept(keep: ReadonlySet<CallKey>): readonly Call[] {
    const update = endCallsExcept(this.current, keep);
    this.commit(update);
    return update.ended;
  }

  /** Forgets every call (leaving a mode); each is reported as ended. */
  clear(): void {
    this.endAllExcept(new Set());
  }

  private commit(update: CallTableUpdate): boolean {
    if (update.table === this.current) return false;
    this.current = update.table;
    this.listener.changed?.(this.current);
    for (const call of update.ended) this.listener.ended?.(call);
    return true;
  }
}
