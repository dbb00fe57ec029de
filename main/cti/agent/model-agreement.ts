import { CONTROL_FAILURE_CODE, STATUS, type Message, type MessageName } from '../../../ged188/index.js';
import type { AgentStateName, Call, CallKey, ConnectionState } from '../../../contract/index.js';
import { callKey, isCallEvent, type CallTable } from '../calls/index.js';

/**
 * Signs that the desktop's model and the server's no longer agree (a link that lost,
 * replayed, reordered or changed events): each check is pure and says why in words,
 * so agent mode can ask for one resync (agent-restore.ts) instead of trusting history.
 */

/**
 * Events that may be the first the desktop hears of a call: everything else presumes
 * a call it already holds. (CONFERENCED/TRANSFERRED may name a primary call only the
 * other agent knew; the reducer takes the consult leg's data for it.)
 */
const OPENING_EVENTS = new Set<MessageName>([
  'BEGIN_CALL_EVENT',
  'CALL_DELIVERED_EVENT',
  'CALL_SERVICE_INITIATED_EVENT',
  'CALL_ORIGINATED_EVENT',
  'CALL_QUEUED_EVENT',
  'CALL_CONFERENCED_EVENT',
  'CALL_TRANSFERRED_EVENT',
  'CALL_DATA_UPDATE_EVENT',
]);

/** Calls that ended on this desktop lately: an event for one of them is a replay or came out of order. */
export class RecentlyEnded {
  private readonly keys = new Set<CallKey>();

  constructor(private readonly limit = 64) {}

  add(key: CallKey): void {
    this.keys.delete(key);
    this.keys.add(key);
    if (this.keys.size > this.limit) this.keys.delete(this.keys.values().next().value as CallKey);
  }

  has(key: CallKey): boolean {
    return this.keys.has(key);
  }

  clear(): void {
    this.keys.clear();
  }
}

/** Why a call event does not fit the calls the desktop holds, or undefined when it fits. */
export function callEventMisfit(table: CallTable, ended: RecentlyEnded, message: Message): string | undefined {
  if (!isCallEvent(message) || message.MessageType === 'END_CALL_EVENT') return undefined;
  const { PeripheralID: peripheralId, ConnectionCallID: connectionCallId } = message as { PeripheralID?: number; ConnectionCallID?: number };
  if (peripheralId === undefined || connectionCallId === undefined) return undefined;
  const key = callKey(peripheralId, connectionCallId);
  if (table.has(key)) return undefined;
  if (ended.has(key)) return `${message.MessageType} for call ${key}, which has ended`;
  if (!OPENING_EVENTS.has(message.MessageType)) return `${message.MessageType} for call ${key}, which this desktop never heard begin`;
  return undefined;
}

const IDLE_STATES = new Set<AgentStateName>(['available', 'not-ready', 'work-not-ready', 'work-ready', 'logout']);
const ON_CALL_STATES = new Set<AgentStateName>(['talking', 'hold']);
const ON_THE_LINE = new Set<ConnectionState | undefined>(['connect', 'hold']);
const LIVE = new Set<ConnectionState | undefined>(['connect', 'hold', 'alerting', 'initiate', 'queued']);

/** Why the agent's state contradicts this phone's calls (e.g. Ready while talking on one), or undefined. */
export function agentStateMisfit(state: AgentStateName, calls: readonly { readonly call: Call; readonly localState: ConnectionState | undefined }[]): string | undefined {
  if (IDLE_STATES.has(state)) {
    const busy = calls.find((c) => ON_THE_LINE.has(c.localState));
    return busy ? `the agent is ${state} while call ${busy.call.key} is ${busy.localState === 'hold' ? 'held' : 'connected'} on the phone` : undefined;
  }
  if (ON_CALL_STATES.has(state) && !calls.some((c) => LIVE.has(c.localState))) return `the agent is ${state} with no call on the phone`;
  return undefined;
}

const UNKNOWN_CALL_FAILURES = new Set<number>([
  CONTROL_FAILURE_CODE.INVALID_CSTA_CALL_IDENTIFIER,
  CONTROL_FAILURE_CODE.INVALID_CSTA_CONNECTION_IDENTIFIER,
  CONTROL_FAILURE_CODE.INVALID_CONNECTION_ID_FOR_ACTIVE_CALL,
  CONTROL_FAILURE_CODE.GENERIC_STATE_INCOMPATIBILITY,
  CONTROL_FAILURE_CODE.INVALID_OBJECT_STATE,
  CONTROL_FAILURE_CODE.NO_ACTIVE_CALL,
  CONTROL_FAILURE_CODE.NO_HELD_CALL,
  CONTROL_FAILURE_CODE.NO_CALL_TO_CLEAR,
  CONTROL_FAILURE_CODE.NO_CONNECTION_TO_CLEAR,
  CONTROL_FAILURE_CODE.NO_CALL_TO_ANSWER,
  CONTROL_FAILURE_CODE.NO_CALL_TO_COMPLETE,
  CONTROL_FAILURE_CODE.AGENT_NOT_PARTY_ON_CALL,
]);

const UNKNOWN_CALL_STATUSES = new Set<number>([STATUS.E_CTI_INVALID_CALLID, STATUS.E_CTI_NO_CALL_ACTIVE, STATUS.E_CTI_INVALID_OBJECT_STATE]);

/**
 * Whether a refusal says the server does not have the call, or not in the state the
 * desktop thought: the desktop acted on a call as it knew it, so what it knew is wrong.
 */
export function refusedForUnknownCall(reply: Message): boolean {
  if (reply.MessageType === 'CONTROL_FAILURE_CONF') return UNKNOWN_CALL_FAILURES.has(reply.FailureCode);
  if (reply.MessageType === 'FAILURE_CONF') return UNKNOWN_CALL_STATUSES.has(reply.Status);
  return false;
}
