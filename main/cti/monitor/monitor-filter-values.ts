import { FILTER_KEYWORDS, type FilterKeyword, type FilterableValues } from './message-filter.js';
import type { MonitorEvent } from './monitor-events.js';

/**
 * What an event offers each filter keyword. `MessageID` offers both the number and
 * the event's name, so `MessageID=30` and `MessageID=OnAgentStateChange` agree.
 * Call events carry no AgentID (CTI OS's do not either), so `AgentID=1001` passes only
 * that agent's own events; filter calls by ConnectionDeviceID or UniqueObjectID instead.
 */
export function filterValuesOf(event: MonitorEvent): FilterableValues {
  const fields = event as unknown as Readonly<Record<string, unknown>>;
  const values: Partial<Record<FilterKeyword, (string | number)[]>> = { MessageID: [event.messageId, event.event] };
  for (const keyword of Object.keys(FILTER_KEYWORDS) as FilterKeyword[]) {
    if (keyword === 'MessageID') continue;
    const value = fields[FILTER_KEYWORDS[keyword]];
    if (typeof value === 'string' || typeof value === 'number') values[keyword] = [value];
    else if (Array.isArray(value)) values[keyword] = value.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number');
  }
  return values;
}
