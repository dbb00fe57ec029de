/**
 * The CTI OS message filter of monitor mode (ctios.md §1.8): `key1=v1,v2;key2=vA`.
 * Commas are OR within a key, semicolons AND between keys, and `*` is a wildcard:
 * `10*` matches anything starting with "10", and whatever follows the `*` is ignored,
 * as CTI OS documents. Keys are CTI OS keywords, matched without regard to case.
 *
 * Unlike CTI OS, a filter is checked when it is set: an unknown keyword or an empty
 * value is an error that says what is wrong, not a filter that silently matches nothing.
 */

/** One value of a clause: exact text, or a prefix when the value had a `*`. */
export type ValuePattern = { readonly kind: 'exact'; readonly text: string } | { readonly kind: 'prefix'; readonly text: string };

export interface FilterClause {
  /** The keyword as CTI OS spells it (`AgentID`), whatever case the filter used. */
  readonly keyword: FilterKeyword;
  readonly values: readonly ValuePattern[];
}

/** A parsed filter: every clause must match (AND); an empty list matches every event. */
export interface MessageFilter {
  readonly text: string;
  readonly clauses: readonly FilterClause[];
}

/**
 * The keywords a filter may name, and the event property each one reads. These are
 * the CTI OS keywords our monitor events carry; `MessageID` matches the event's
 * message number (GED-188's, as CTI OS uses) or its name (`OnCallEnd`).
 */
export const FILTER_KEYWORDS = {
  MessageID: 'messageId',
  AgentID: 'agentId',
  AgentExtension: 'agentExtension',
  AgentInstrument: 'agentInstrument',
  AgentState: 'agentState',
  SkillGroupNumber: 'skillGroupNumber',
  SkillGroupID: 'skillGroupId',
  PeripheralID: 'peripheralId',
  UniqueObjectID: 'uniqueObjectId',
  ConnectionCallID: 'connectionCallId',
  ConnectionDeviceID: 'connectionDeviceId',
  CallType: 'callType',
  ANI: 'ani',
  DNIS: 'dnis',
  DialedNumber: 'dialedNumber',
} as const;

export type FilterKeyword = keyof typeof FILTER_KEYWORDS;

/** CTI OS keywords that exist but that this monitor does not implement; named so the error can say so. */
const UNSUPPORTED_KEYWORDS: Readonly<Record<string, string>> = {
  filtertarget: 'FilterTarget (skill-group statistics) is not supported by this monitor',
  hidesilentmonitorcallevents: 'HideSilentMonitorCallEvents is not supported by this monitor',
  ctios_monitorsessionsnapshotmode: 'CTIOS_MONITORSESSIONSNAPSHOTMODE is not supported: the snapshot is what makes recovery after failover exact',
};

/** A filter that cannot be used, with a sentence for the person who wrote it. */
export class MessageFilterError extends Error {
  override readonly name = 'MessageFilterError';
}

/** The filter that lets every event through (no filter given). */
export const MATCH_EVERYTHING: MessageFilter = { text: '', clauses: [] };

const KEYWORD_BY_LOWER = new Map<string, FilterKeyword>(
  (Object.keys(FILTER_KEYWORDS) as FilterKeyword[]).map((keyword) => [keyword.toLowerCase(), keyword]),
);

/** Parses and checks a filter; throws MessageFilterError naming the first problem. */
export function parseMessageFilter(text: string): MessageFilter {
  const clauses: FilterClause[] = [];
  const seen = new Set<FilterKeyword>();
  const parts = text.split(';');
  // One trailing semicolon is harmless (`AgentID=1;`); any other empty part is a typo.
  if (parts.length > 1 && parts[parts.length - 1]!.trim() === '') parts.pop();
  for (const [index, raw] of parts.entries()) {
    const part = raw.trim();
    const where = `filter part ${index + 1} ("${part}")`;
    if (part === '') {
      const what = parts.length === 1 ? 'the filter is empty' : `filter part ${index + 1} is empty`;
      throw new MessageFilterError(`${what}; write key=value, e.g. AgentID=1001`);
    }
    const equals = part.indexOf('=');
    if (equals === -1) throw new MessageFilterError(`${where} has no "="; write key=value, e.g. AgentID=1001`);
    const key = part.slice(0, equals).trim();
    if (key === '') throw new MessageFilterError(`${where} has no keyword before "="`);
    const keyword = keywordOf(key);
    if (seen.has(keyword)) throw new MessageFilterError(`${keyword} appears twice; list its values once, separated by commas`);
    seen.add(keyword);
    const values = part
      .slice(equals + 1)
      .split(',')
      .map((value) => value.trim());
    if (values.some((value) => value === '')) throw new MessageFilterError(`${keyword} has an empty value; list values like ${keyword}=a,b`);
    clauses.push({ keyword, values: values.map(patternOf) });
  }
  return { text, clauses };
}

function keywordOf(key: string): FilterKeyword {
  const lower = key.toLowerCase();
  const keyword = KEYWORD_BY_LOWER.get(lower);
  if (keyword) return keyword;
  const unsupported = UNSUPPORTED_KEYWORDS[lower];
  if (unsupported) throw new MessageFilterError(unsupported);
  throw new MessageFilterError(`unknown filter keyword "${key}"; known: ${Object.keys(FILTER_KEYWORDS).join(', ')}`);
}

function patternOf(value: string): ValuePattern {
  const star = value.indexOf('*');
  // "<eAgentStateEvent>" is how the guide writes a placeholder; accept the name inside.
  const bare = /^<(.+)>$/.exec(value)?.[1] ?? value;
  return star === -1 ? { kind: 'exact', text: bare.toLowerCase() } : { kind: 'prefix', text: value.slice(0, star).toLowerCase() };
}

/**
 * The values an event offers for each keyword. A keyword the event does not carry
 * offers nothing, so only a bare `*` matches it: `AgentID=1001` passes agent events
 * for 1001 and nothing else, `AgentID=*` passes everything.
 */
export type FilterableValues = Partial<Record<FilterKeyword, readonly (string | number)[]>>;

export function matchesFilter(filter: MessageFilter, values: FilterableValues): boolean {
  return filter.clauses.every((clause) => {
    const offered = (values[clause.keyword] ?? []).map((value) => String(value).toLowerCase());
    return clause.values.some((pattern) =>
      pattern.kind === 'prefix' ? (pattern.text === '' ? true : offered.some((v) => v.startsWith(pattern.text))) : offered.includes(pattern.text),
    );
  });
}
