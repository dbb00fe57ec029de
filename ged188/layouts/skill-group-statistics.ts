import type { MessageTable } from '../message-def.js';

/**
 * QUERY_SKILL_GROUP_STATISTICS_CONF (115): reply to QUERY_SKILL_GROUP_STATISTICS_REQ (114).
 *
 * Fixed part: InvokeID, PeripheralID, SkillGroupNumber, SkillGroupID, then 145 UINT counters:
 * 22 real-time values, then three blocks of 41 values for the current five-minute interval ("To5"),
 * the current half hour ("ToHalf") and the time since midnight ("Today"). Each block has 38 agent
 * counters followed by three queue counters, and the queue counters' suffixes are irregular:
 * CallsQ5/CallsQTime5/LongestCallQ5, CallsQHalf/CallsQTimeHalf/LongestCallQHalf and
 * CallsQToday/CallsQTimeToday/LongestCallQToday. Unlike the agent statistics, the skill-group blocks
 * have no ICMAvailableTime, RoutableTime, InternalCalls or InternalCallsTime.
 * All 149 fields are UINT, so the fixed body is 149 x 4 = 596 bytes (604 with the header).
 * There is no floating part.
 *
 * Sources. None of the public text gives the whole v20-v25 table in one place. The layout
 * below is where three sources agree:
 *  - Cisco "CTI OS Developer Guide for Cisco Unified ICM, Release 12.6(1)", chapter "SkillGroup Object",
 *    Statistics table. It lists the same 145 statistics with the same names, in this order. CTI OS
 *    relays this message, but that table is not itself a wire layout.
 *  - A public Scala GED-188 codec by Naoto Shimazaki (2016, package `ctidriver`, MessageType.scala,
 *    `fixedPartListTable` entry 115): InvokeID, PeripheralID, SkillGroupNumber, SkillGroupID plus
 *    "Total 145 counters", in exactly this order.
 *  - Cisco's CTI Server Message Reference Guide. The v9 and v15 pages that could be read show the start
 *    of the table (InvokeID ... AgentsApplicationAvailable, all UINT, matching ged188.md section 4). The v9
 *    page with the end of the table runs ...WhisperCallsToday, EmergencyCallsToday, CallsQToday,
 *    CallsQTimeToday, LongestCallQToday, followed directly by the maximum message size, so there is
 *    no floating part. The middle pages of the guide were not found.
 *  - A Cisco TAC Finesse note with a real CTISVR trace prints the fields in the same order up to
 *    RouterCallsQNow.
 * Version history: the "Changes and Additions" appendix of the v24 guide lists no change to this
 * message after v9, when AgentsICMAvailable and AgentsApplicationAvailable were added. So no field
 * needs `since` for protocol versions 20-25.
 *
 * Doubts. The v9 guide gives a maximum message size of 592 bytes, but this field list adds up to 604.
 * The v9 guide's maximum size for QUERY_AGENT_STATISTICS_CONF is also too small (434, against 450
 * from its own field list), so this looks like a stale total in the guide, not a missing field. The
 * middle of the ToHalf block comes from the CTI OS guide and the Scala codec only. No Cisco
 * CTI Server guide page for it was seen. Not checked against a live CTI Server.
 */
export const SKILL_GROUP_STATISTICS_MESSAGES = {
  QUERY_SKILL_GROUP_STATISTICS_CONF: {
    id: 115,
    fixed: [
      { name: 'InvokeID', type: 'UINT' },
      { name: 'PeripheralID', type: 'UINT' },
      { name: 'SkillGroupNumber', type: 'UINT' }, // NULL_SKILL_GROUP when not available
      { name: 'SkillGroupID', type: 'UINT' }, // NULL_SKILL_GROUP when not available
      // Real-time statistics (counters 1-22)
      { name: 'AgentsLoggedOn', type: 'UINT' },
      { name: 'AgentsAvail', type: 'UINT' },
      { name: 'AgentsNotReady', type: 'UINT' },
      { name: 'AgentsReady', type: 'UINT' },
      { name: 'AgentsTalkingIn', type: 'UINT' },
      { name: 'AgentsTalkingOut', type: 'UINT' },
      { name: 'AgentsTalkingOther', type: 'UINT' },
      { name: 'AgentsWorkNotReady', type: 'UINT' },
      { name: 'AgentsWorkReady', type: 'UINT' },
      { name: 'AgentsBusyOther', type: 'UINT' },
      { name: 'AgentsReserved', type: 'UINT' },
      { name: 'AgentsHold', type: 'UINT' },
      { name: 'AgentsICMAvailable', type: 'UINT' },
      { name: 'AgentsApplicationAvailable', type: 'UINT' },
      { name: 'AgentsTalkingAutoOut', type: 'UINT' },
      { name: 'AgentsTalkingPreview', type: 'UINT' },
      { name: 'AgentsTalkingReservation', type: 'UINT' },
      { name: 'RouterCallsQNow', type: 'UINT' }, // 0xFFFFFFFF = unknown; router queue (UCCE / network queuing)
      { name: 'LongestRouterCallQNow', type: 'UINT' }, // 0xFFFFFFFF = unknown; router queue (UCCE / network queuing)
      { name: 'CallsQNow', type: 'UINT' }, // 0xFFFFFFFF = unknown; ACD queue (TDM ACDs only)
      { name: 'CallsQTimeNow', type: 'UINT' }, // 0xFFFFFFFF = unknown; ACD queue (TDM ACDs only)
      { name: 'LongestCallQNow', type: 'UINT' }, // 0xFFFFFFFF = unknown; ACD queue (TDM ACDs only)
      // "To5" block, current five-minute interval (counters 23-63)
      { name: 'AvailTimeTo5', type: 'UINT' },
      { name: 'LoggedOnTimeTo5', type: 'UINT' },
      { name: 'NotReadyTimeTo5', type: 'UINT' },
      { name: 'AgentOutCallsTo5', type: 'UINT' },
      { name: 'AgentOutCallsTalkTimeTo5', type: 'UINT' },
      { name: 'AgentOutCallsTimeTo5', type: 'UINT' },
      { name: 'AgentOutCallsHeldTo5', type: 'UINT' },
      { name: 'AgentOutCallsHeldTimeTo5', type: 'UINT' },
      { name: 'HandledCallsTo5', type: 'UINT' },
      { name: 'HandledCallsTalkTimeTo5', type: 'UINT' },
      { name: 'HandledCallsAfterCallTimeTo5', type: 'UINT' },
      { name: 'HandledCallsTimeTo5', type: 'UINT' },
      { name: 'IncomingCallsHeldTo5', type: 'UINT' },
      { name: 'IncomingCallsHeldTimeTo5', type: 'UINT' },
      { name: 'InternalCallsRcvdTo5', type: 'UINT' },
      { name: 'InternalCallsRcvdTimeTo5', type: 'UINT' },
      { name: 'InternalCallsHeldTo5', type: 'UINT' },
      { name: 'InternalCallsHeldTimeTo5', type: 'UINT' },
      { name: 'AutoOutCallsTo5', type: 'UINT' },
      { name: 'AutoOutCallsTalkTimeTo5', type: 'UINT' },
      { name: 'AutoOutCallsTimeTo5', type: 'UINT' },
      { name: 'AutoOutCallsHeldTo5', type: 'UINT' },
      { name: 'AutoOutCallsHeldTimeTo5', type: 'UINT' },
      { name: 'PreviewCallsTo5', type: 'UINT' },
      { name: 'PreviewCallsTalkTimeTo5', type: 'UINT' },
      { name: 'PreviewCallsTimeTo5', type: 'UINT' },
      { name: 'PreviewCallsHeldTo5', type: 'UINT' },
      { name: 'PreviewCallsHeldTimeTo5', type: 'UINT' },
      { name: 'ReservationCallsTo5', type: 'UINT' },
      { name: 'ReservationCallsTalkTimeTo5', type: 'UINT' },
      { name: 'ReservationCallsTimeTo5', type: 'UINT' },
      { name: 'ReservationCallsHeldTo5', type: 'UINT' },
      { name: 'ReservationCallsHeldTimeTo5', type: 'UINT' },
      { name: 'BargeInCallsTo5', type: 'UINT' },
      { name: 'InterceptCallsTo5', type: 'UINT' },
      { name: 'MonitorCallsTo5', type: 'UINT' },
      { name: 'WhisperCallsTo5', type: 'UINT' },
      { name: 'EmergencyCallsTo5', type: 'UINT' },
      { name: 'CallsQ5', type: 'UINT' }, // 0xFFFFFFFF = unknown; note the suffix is '5', not 'To5'
      { name: 'CallsQTime5', type: 'UINT' }, // 0xFFFFFFFF = unknown; note the suffix is '5', not 'To5'
      { name: 'LongestCallQ5', type: 'UINT' }, // 0xFFFFFFFF = unknown; note the suffix is '5', not 'To5'
      // "ToHalf" block, current half hour (counters 64-104)
      { name: 'AvailTimeToHalf', type: 'UINT' },
      { name: 'LoggedOnTimeToHalf', type: 'UINT' },
      { name: 'NotReadyTimeToHalf', type: 'UINT' },
      { name: 'AgentOutCallsToHalf', type: 'UINT' },
      { name: 'AgentOutCallsTalkTimeToHalf', type: 'UINT' },
      { name: 'AgentOutCallsTimeToHalf', type: 'UINT' },
      { name: 'AgentOutCallsHeldToHalf', type: 'UINT' },
      { name: 'AgentOutCallsHeldTimeToHalf', type: 'UINT' },
      { name: 'HandledCallsToHalf', type: 'UINT' },
      { name: 'HandledCallsTalkTimeToHalf', type: 'UINT' },
      { name: 'HandledCallsAfterCallTimeToHalf', type: 'UINT' },
      { name: 'HandledCallsTimeToHalf', type: 'UINT' },
      { name: 'IncomingCallsHeldToHalf', type: 'UINT' },
      { name: 'IncomingCallsHeldTimeToHalf', type: 'UINT' },
      { name: 'InternalCallsRcvdToHalf', type: 'UINT' },
      { name: 'InternalCallsRcvdTimeToHalf', type: 'UINT' },
      { name: 'InternalCallsHeldToHalf', type: 'UINT' },
      { name: 'InternalCallsHeldTimeToHalf', type: 'UINT' },
      { name: 'AutoOutCallsToHalf', type: 'UINT' },
      { name: 'AutoOutCallsTalkTimeToHalf', type: 'UINT' },
      { name: 'AutoOutCallsTimeToHalf', type: 'UINT' },
      { name: 'AutoOutCallsHeldToHalf', type: 'UINT' },
      { name: 'AutoOutCallsHeldTimeToHalf', type: 'UINT' },
      { name: 'PreviewCallsToHalf', type: 'UINT' },
      { name: 'PreviewCallsTalkTimeToHalf', type: 'UINT' },
      { name: 'PreviewCallsTimeToHalf', type: 'UINT' },
      { name: 'PreviewCallsHeldToHalf', type: 'UINT' },
      { name: 'PreviewCallsHeldTimeToHalf', type: 'UINT' },
      { name: 'ReservationCallsToHalf', type: 'UINT' },
      { name: 'ReservationCallsTalkTimeToHalf', type: 'UINT' },
      { name: 'ReservationCallsTimeToHalf', type: 'UINT' },
      { name: 'ReservationCallsHeldToHalf', type: 'UINT' },
      { name: 'ReservationCallsHeldTimeToHalf', type: 'UINT' },
      { name: 'BargeInCallsToHalf', type: 'UINT' },
      { name: 'InterceptCallsToHalf', type: 'UINT' },
      { name: 'MonitorCallsToHalf', type: 'UINT' },
      { name: 'WhisperCallsToHalf', type: 'UINT' },
      { name: 'EmergencyCallsToHalf', type: 'UINT' },
      { name: 'CallsQHalf', type: 'UINT' }, // 0xFFFFFFFF = unknown; note the suffix is 'Half', not 'ToHalf'
      { name: 'CallsQTimeHalf', type: 'UINT' }, // 0xFFFFFFFF = unknown; note the suffix is 'Half', not 'ToHalf'
      { name: 'LongestCallQHalf', type: 'UINT' }, // 0xFFFFFFFF = unknown; note the suffix is 'Half', not 'ToHalf'
      // "Today" block, since midnight (counters 105-145)
      { name: 'AvailTimeToday', type: 'UINT' },
      { name: 'LoggedOnTimeToday', type: 'UINT' },
      { name: 'NotReadyTimeToday', type: 'UINT' },
      { name: 'AgentOutCallsToday', type: 'UINT' },
      { name: 'AgentOutCallsTalkTimeToday', type: 'UINT' },
      { name: 'AgentOutCallsTimeToday', type: 'UINT' },
      { name: 'AgentOutCallsHeldToday', type: 'UINT' },
      { name: 'AgentOutCallsHeldTimeToday', type: 'UINT' },
      { name: 'HandledCallsToday', type: 'UINT' },
      { name: 'HandledCallsTalkTimeToday', type: 'UINT' },
      { name: 'HandledCallsAfterCallTimeToday', type: 'UINT' },
      { name: 'HandledCallsTimeToday', type: 'UINT' },
      { name: 'IncomingCallsHeldToday', type: 'UINT' },
      { name: 'IncomingCallsHeldTimeToday', type: 'UINT' },
      { name: 'InternalCallsRcvdToday', type: 'UINT' },
      { name: 'InternalCallsRcvdTimeToday', type: 'UINT' },
      { name: 'InternalCallsHeldToday', type: 'UINT' },
      { name: 'InternalCallsHeldTimeToday', type: 'UINT' },
      { name: 'AutoOutCallsToday', type: 'UINT' },
      { name: 'AutoOutCallsTalkTimeToday', type: 'UINT' },
      { name: 'AutoOutCallsTimeToday', type: 'UINT' },
      { name: 'AutoOutCallsHeldToday', type: 'UINT' },
      { name: 'AutoOutCallsHeldTimeToday', type: 'UINT' },
      { name: 'PreviewCallsToday', type: 'UINT' },
      { name: 'PreviewCallsTalkTimeToday', type: 'UINT' },
      { name: 'PreviewCallsTimeToday', type: 'UINT' },
      { name: 'PreviewCallsHeldToday', type: 'UINT' },
      { name: 'PreviewCallsHeldTimeToday', type: 'UINT' },
      { name: 'ReservationCallsToday', type: 'UINT' },
      { name: 'ReservationCallsTalkTimeToday', type: 'UINT' },
      { name: 'ReservationCallsTimeToday', type: 'UINT' },
      { name: 'ReservationCallsHeldToday', type: 'UINT' },
      { name: 'ReservationCallsHeldTimeToday', type: 'UINT' },
      { name: 'BargeInCallsToday', type: 'UINT' },
      { name: 'InterceptCallsToday', type: 'UINT' },
      { name: 'MonitorCallsToday', type: 'UINT' },
      { name: 'WhisperCallsToday', type: 'UINT' },
      { name: 'EmergencyCallsToday', type: 'UINT' },
      { name: 'CallsQToday', type: 'UINT' }, // 0xFFFFFFFF = unknown
      { name: 'CallsQTimeToday', type: 'UINT' }, // 0xFFFFFFFF = unknown
      { name: 'LongestCallQToday', type: 'UINT' }, // 0xFFFFFFFF = unknown
    ],
    floating: [],
  },
} as const satisfies MessageTable;
