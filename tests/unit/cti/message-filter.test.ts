import { describe, expect, it } from 'vitest';
import { MATCH_EVERYTHING, MessageFilterError, matchesFilter, parseMessageFilter } from '../../../main/cti/monitor/message-filter.js';

const agentEvent = { MessageID: [30, 'OnAgentStateChange'], AgentID: ['22866'], SkillGroupNumber: [20] };
const callEnd = { MessageID: [24, 'OnCallEnd'], ConnectionCallID: [16777301] };

describe('CTI OS message filter syntax (ctios.md §1.8)', () => {
  it('reads the guide examples: commas are OR, semicolons AND, keywords in any case, spaces allowed', () => {
    const filter = parseMessageFilter('AgentID=22866, 22867, 22868; SkillGroupNumber=20, 21');
    expect(filter.clauses.map((c) => c.keyword)).toEqual(['AgentID', 'SkillGroupNumber']);
    expect(matchesFilter(filter, agentEvent)).toBe(true);
    expect(matchesFilter(filter, { ...agentEvent, SkillGroupNumber: [22] })).toBe(false);
    expect(matchesFilter(filter, { ...agentEvent, AgentID: ['1'] })).toBe(false);
    expect(matchesFilter(parseMessageFilter('MessageID = 30'), agentEvent)).toBe(true);
    expect(matchesFilter(parseMessageFilter('messageid=23,24'), callEnd)).toBe(true);
    expect(matchesFilter(parseMessageFilter('MessageId=30'), callEnd)).toBe(false);
  });

  it('matches event names as MessageID values, with or without the guide\'s <angle brackets>', () => {
    expect(matchesFilter(parseMessageFilter('MessageID=OnCallEnd'), callEnd)).toBe(true);
    expect(matchesFilter(parseMessageFilter('messageid=<OnAgentStateChange>,<OnCallEnd>'), agentEvent)).toBe(true);
    expect(matchesFilter(parseMessageFilter('MessageID=oncallbegin'), callEnd)).toBe(false);
  });

  it('treats * as a prefix wildcard and ignores what follows it', () => {
    expect(matchesFilter(parseMessageFilter('AgentID=228*'), agentEvent)).toBe(true);
    expect(matchesFilter(parseMessageFilter('AgentID=228*99'), agentEvent)).toBe(true);
    expect(matchesFilter(parseMessageFilter('AgentID=229*'), agentEvent)).toBe(false);
    expect(matchesFilter(parseMessageFilter('MessageId=*;AgentId=22866'), agentEvent)).toBe(true);
  });

  it('passes an event that lacks a keyword only for a bare *', () => {
    expect(matchesFilter(parseMessageFilter('AgentID=22866'), callEnd)).toBe(false);
    expect(matchesFilter(parseMessageFilter('AgentID=*'), callEnd)).toBe(true);
  });

  it('lets everything through with no filter, and tolerates one trailing semicolon', () => {
    expect(matchesFilter(MATCH_EVERYTHING, callEnd)).toBe(true);
    expect(parseMessageFilter('AgentID=1;').clauses).toHaveLength(1);
  });

  it.each([
    ['', /the filter is empty/],
    ['AgentID', /no "="/],
    ['=5', /no keyword/],
    ['AgentID=', /AgentID has an empty value/],
    ['AgentID=1,,2', /empty value/],
    ['AgentID=1;;MessageID=30', /filter part 2 is empty/],
    ['AgentId=1;agentid=2', /AgentID appears twice/],
    ['Colour=blue', /unknown filter keyword "Colour"; known: MessageID, AgentID/],
    ['FilterTarget=SkillGroupStats', /FilterTarget .* not supported/],
  ])('rejects %j with a sentence that says what is wrong', (text, message) => {
    expect(() => parseMessageFilter(text)).toThrow(MessageFilterError);
    expect(() => parseMessageFilter(text)).toThrow(message);
  });
});
