import type { Side } from '../endpoints.js';

/**
 * The events a monitor-mode session raises, under CTI OS's names (ctios.md §1.5,
 * §1.6, §1.7, §3.4, §3.5). Each is a plain JSON-able object, so `cti monitor` prints
 * it as it is and a wallboard can store it as it is. Field names are the CTI OS
 * keywords in camelCase (`AgentID` → `agentId`).
 */

/** Call events (ICallEvents) the monitor passes on, by the GED-188 event they come from. */
export const CALL_EVENT_NAMES = {
  BEGIN_CALL_EVENT: 'OnCallBegin',
  CALL_DATA_UPDATE_EVENT: 'OnCallDataUpdate',
  CALL_DELIVERED_EVENT: 'OnCallDelivered',
  CALL_ESTABLISHED_EVENT: 'OnCallEstablished',
  CALL_HELD_EVENT: 'OnCallHeld',
  CALL_RETRIEVED_EVENT: 'OnCallRetrieved',
  CALL_CLEARED_EVENT: 'OnCallCleared',
  CALL_CONNECTION_CLEARED_EVENT: 'OnCallConnectionCleared',
  CALL_ORIGINATED_EVENT: 'OnCallOriginated',
  CALL_FAILED_EVENT: 'OnCallFailed',
  CALL_CONFERENCED_EVENT: 'OnCallConferenced',
  CALL_TRANSFERRED_EVENT: 'OnCallTransferred',
  CALL_DIVERTED_EVENT: 'OnCallDiverted',
  CALL_SERVICE_INITIATED_EVENT: 'OnCallServiceInitiatedEvent',
  CALL_QUEUED_EVENT: 'OnCallQueuedEvent',
  CALL_DEQUEUED_EVENT: 'OnCallDequeuedEvent',
  CALL_REACHED_NETWORK_EVENT: 'OnCallReachedNetwork',
  END_CALL_EVENT: 'OnCallEnd',
} as const;

export type CallEventSource = keyof typeof CALL_EVENT_NAMES;
export type CallEventName = (typeof CALL_EVENT_NAMES)[CallEventSource];

/** OnConnectionFailure's ReasonCode (ctios.md §1.5, the 12.5 list). */
export type ConnectionFailureReason = 'eProtocolMismatch' | 'eMissedHeartbeats' | 'eTransportError' | 'eConnectFail' | 'eOtherError';

/** A party on a call as a snapshot or an event names it. */
export interface CallParty {
  readonly deviceId: string;
  readonly state: string;
}

/** What every agent event carries (OnAgentStateChange, OnQueryAgentStateConf). */
export interface AgentFields {
  readonly agentId: string;
  readonly uniqueObjectId: string;
  readonly peripheralId: number;
  readonly agentState: string;
  readonly agentExtension?: string;
  readonly agentInstrument?: string;
  readonly skillGroupNumber?: number;
  readonly skillGroupId?: number;
  readonly eventReasonCode?: number;
  readonly skillGroups?: readonly number[];
}

/** What every call event carries; the rest are the event's own fields that were present. */
export interface CallFields {
  readonly uniqueObjectId: string;
  readonly peripheralId: number;
  readonly connectionCallId: number;
  readonly connectionDeviceId?: string;
  readonly callType?: number;
  readonly ani?: string;
  readonly dnis?: string;
  readonly dialedNumber?: string;
  readonly callVariables?: Readonly<Record<string, string>>;
  readonly ecc?: Readonly<Record<string, string>>;
  readonly connectionState?: string;
  readonly eventCause?: number;
  readonly devices?: Readonly<Record<string, string>>;
  readonly skillGroupNumber?: number;
  readonly parties?: readonly CallParty[];
}

/** Health of the system as OnMonitorModeEstablished reports it (CTI OS `StatusSystem`). */
export interface StatusSystem {
  readonly statusCtiServer: 'online';
  readonly statusCentralController: 'online' | 'offline';
  readonly statusPeripherals: Readonly<Record<string, boolean>>;
}

type WithTime<T> = T & { readonly time: string; readonly messageId: number };

export type MonitorEvent = WithTime<
  /** `protocolVersion`: what the session opened with (negotiated, or pinned by --version). */
  | { readonly event: 'OnConnection'; readonly currentServer: Side; readonly endpoint: string; readonly failover: boolean; readonly protocolVersion?: number }
  | {
      readonly event: 'OnConnectionFailure';
      readonly failedServer: Side;
      readonly reasonCode: ConnectionFailureReason;
      readonly reason: string;
      /** Where the next attempt goes and when: we never give up, unlike CTI OS's FinalAttempt. */
      readonly nextServer: Side;
      readonly retryInMs: number;
    }
  | { readonly event: 'OnConnectionClosed' }
  | { readonly event: 'OnMissingHeartbeat'; readonly consecutiveMissedHeartbeats: number; readonly heartbeatInterval: number }
  | {
      readonly event: 'OnCTIOSFailure';
      readonly failureCode: 10;
      readonly failureName: 'eServerConnectionStatus';
      readonly systemEventId: number;
      readonly systemEventName: string;
      readonly systemEventArg1: number;
      readonly pgStatus: number;
      readonly errorMessage?: string;
    }
  | ({ readonly event: 'OnQueryAgentStateConf' } & AgentFields)
  | ({ readonly event: 'OnAgentStateChange' } & AgentFields)
  | {
      readonly event: 'OnSnapshotDeviceConf';
      readonly agentId: string;
      readonly agentInstrument: string;
      readonly uniqueObjectId: string;
      readonly peripheralId: number;
      readonly numCalls: number;
      readonly calls: readonly { readonly connectionCallId: number; readonly connectionDeviceId: string; readonly callState: string }[];
    }
  | ({ readonly event: 'OnSnapshotCallConf' } & CallFields)
  | ({ readonly event: CallEventName; readonly recovered?: true } & CallFields)
  | {
      readonly event: 'OnMonitorModeEstablished';
      /** True after a failover: the snapshot rebuilt what the outage may have changed. */
      readonly recovered: boolean;
      readonly agents: number;
      readonly calls: number;
      /** Calls we knew of that were gone when the snapshot looked (each got OnCallEnd). */
      readonly endedWhileDisconnected: number;
      readonly statusSystem: StatusSystem;
    }
>;

export type MonitorEventName = MonitorEvent['event'];

/**
 * CTI OS's MessageID for events that have no GED-188 message of their own (the
 * others use the GED-188 message number, as the guide's filter examples do:
 * `MessageID=30` is every agent state event). These sit above GED-188's range.
 */
export const SESSION_MESSAGE_IDS = {
  OnConnection: 1001,
  OnConnectionFailure: 1002,
  OnConnectionClosed: 1003,
  OnMissingHeartbeat: 1004,
  OnMonitorModeEstablished: 1005,
} as const;

/** Events the filter never holds back: CTI OS cannot filter them either (ctios.md §1.8). */
export const UNFILTERED_EVENTS: ReadonlySet<MonitorEventName> = new Set([
  'OnConnection',
  'OnConnectionFailure',
  'OnConnectionClosed',
  'OnMissingHeartbeat',
  // CTI OS tells every monitor app to include it; here it cannot be forgotten.
  'OnCTIOSFailure',
  'OnMonitorModeEstablished',
]);

export function agentObjectId(peripheralId: number, agentId: string): string {
  return `agent.${peripheralId}.${agentId}`;
}

export function callObjectId(peripheralId: number, connectionCallId: number): string {
  return `call.${peripheralId}.${connectionCallId}`;
}

/** An event before the session stamps its time and MessageID. */
export type MonitorEventBody = MonitorEvent extends infer E ? (E extends MonitorEvent ? Omit<E, 'time' | 'messageId'> : never) : never;
