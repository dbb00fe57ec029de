import type { MessageTable } from '../message-def.js';

/**
 * The agent statistics counters of QUERY_AGENT_STATISTICS_CONF (ged188.md §4), in
 * wire order: all 42 with the suffix "Session" (since login), then the same 42 with
 * "Today". Times are in seconds.
 */
export const AGENT_STATISTICS_COUNTERS = [
  'AvailTime', 'LoggedOnTime', 'NotReadyTime', 'ICMAvailableTime', 'RoutableTime',
  'AgentOutCalls', 'AgentOutCallsTalkTime', 'AgentOutCallsTime', 'AgentOutCallsHeld', 'AgentOutCallsHeldTime',
  'HandledCalls', 'HandledCallsTalkTime', 'HandledCallsAfterCallTime', 'HandledCallsTime',
  'IncomingCallsHeld', 'IncomingCallsHeldTime',
  'InternalCalls', 'InternalCallsTime', 'InternalCallsRcvd', 'InternalCallsRcvdTime', 'InternalCallsHeld', 'InternalCallsHeldTime',
  'AutoOutCalls', 'AutoOutCallsTalkTime', 'AutoOutCallsTime', 'AutoOutCallsHeld', 'AutoOutCallsHeldTime',
  'PreviewCalls', 'PreviewCallsTalkTime', 'PreviewCallsTime', 'PreviewCallsHeld', 'PreviewCallsHeldTime',
  'ReservationCalls', 'ReservationCallsTalkTime', 'ReservationCallsTime', 'ReservationCallsHeld', 'ReservationCallsHeldTime',
  'BargeInCalls', 'InterceptCalls', 'MonitorCalls', 'WhisperCalls', 'EmergencyCalls',
] as const;

type AgentCounter = (typeof AGENT_STATISTICS_COUNTERS)[number];

function counters<S extends string>(suffix: S): readonly { readonly name: `${AgentCounter}${S}`; readonly type: 'UINT' }[] {
  return AGENT_STATISTICS_COUNTERS.map((counter) => ({ name: `${counter}${suffix}` as const, type: 'UINT' as const }));
}

export const STATISTICS_MESSAGES = {
  // Fixed body = 8 + 84 × 4 = 344 bytes.
  QUERY_AGENT_STATISTICS_CONF: {
    id: 113,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' },
      ...counters('Session'),
      ...counters('Today'),
    ],
    floating: [
      { name: 'AgentExtension', tag: 4, type: 'STRING', max: 16 },
      { name: 'AgentID', tag: 5, type: 'STRING', max: 12 },
      { name: 'AgentInstrument', tag: 6, type: 'STRING', max: 64 },
    ],
  },
} as const satisfies MessageTable;
