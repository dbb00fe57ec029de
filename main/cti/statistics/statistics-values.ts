import { isNoneUint, type Message } from '../../../ged188/index.js';
import type { StatisticValues } from '../../../contract/index.js';

/** A counter of NONE_UINT is one CTI Server does not know (ctios.md §6.1); such values are left out. */
function counters(conf: Message, skip: ReadonlySet<string>): Record<string, number> {
  const values: Record<string, number> = {};
  for (const [name, value] of Object.entries(conf)) {
    if (skip.has(name) || typeof value !== 'number' || isNoneUint(value)) continue;
    values[name] = value;
  }
  return values;
}

const AGENT_SKIP = new Set(['MessageType', 'InvokeID', 'PeripheralID']);
const GROUP_SKIP = new Set(['MessageType', 'InvokeID', 'PeripheralID', 'SkillGroupNumber', 'SkillGroupID']);

const ratio = (part: number, whole: number) => (whole > 0 ? Math.round(part / whole) : 0);

/**
 * QUERY_AGENT_STATISTICS_CONF as CTI OS exposes it (ctios.md §2.4): the counters under
 * their names (`…Session`, `…Today`, times in seconds) and the values the sample
 * desktop derives from them.
 */
export function agentStatisticsValues(conf: Message<'QUERY_AGENT_STATISTICS_CONF'>): StatisticValues {
  const v = counters(conf, AGENT_SKIP);
  const get = (name: string) => v[name] ?? 0;
  const callsHandled = get('AgentOutCallsToday') + get('HandledCallsToday');
  const talking = get('AgentOutCallsTalkTimeToday') + get('HandledCallsTalkTimeToday');
  const holding = get('AgentOutCallsHeldTimeToday') + get('IncomingCallsHeldTimeToday');
  const heldCalls = get('AgentOutCallsHeldToday') + get('IncomingCallsHeldToday');
  const handling = get('AgentOutCallsTimeToday') + get('HandledCallsTimeToday');
  const base = get('LoggedOnTimeToday') + get('NotReadyTimeToday');
  return {
    ...v,
    CallsHandledToday: callsHandled,
    AvgTalkTimeToday: ratio(talking, callsHandled),
    TimeTalkingToday: talking,
    TimeHoldingToday: holding,
    TimeReadyToday: get('AvailTimeToday'),
    TimeNotReadyToday: get('NotReadyTimeToday'),
    AvgHoldTimeToday: ratio(holding, heldCalls),
    AvgHandleTimeToday: ratio(handling, callsHandled),
    // The sample desktop's formula, as a percentage.
    PercentUtilizationToday: base > 0 ? Math.round((handling * 100) / base) : 0,
  };
}

/** QUERY_SKILL_GROUP_STATISTICS_CONF as CTI OS exposes it (ctios.md §6.1), plus the average queue time now. */
export function skillGroupStatisticsValues(conf: Message<'QUERY_SKILL_GROUP_STATISTICS_CONF'>): StatisticValues {
  const v = counters(conf, GROUP_SKIP);
  const queued = v.CallsQNow;
  const time = v.CallsQTimeNow;
  return { ...v, ...(queued !== undefined && time !== undefined ? { AvgCallsQTimeNow: ratio(time, queued) } : {}) };
}
