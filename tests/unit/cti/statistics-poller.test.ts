import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Message } from '../../../ged188/index.js';
import type { AgentStateName } from '../../../contract/index.js';
import { RequestFailed } from '../../../main/cti/cti-session.js';
import { StatisticsPoller } from '../../../main/cti/statistics/statistics-poller.js';
import { agentStatisticsValues, skillGroupStatisticsValues } from '../../../main/cti/statistics/statistics-values.js';
import type { DeskAgent } from '../../../main/cti/supervisor/desk-context.js';

const identity = { agentId: '1001', instrument: '3001', peripheralId: 5000 };
const pollers: StatisticsPoller[] = [];
// The poller's interval and the fake session's answer delays run on fake time: each step below
// moves time by a known amount, so a count of requests is exact, not a guess at what real time allows.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  for (const p of pollers.splice(0)) p.stop();
  vi.useRealTimers();
});

/** A session whose answers come after `delayMs`, counting how many requests are open at once. */
function fakePort(delayMs = 20) {
  const port = {
    open: 0,
    maxOpen: 0,
    sent: [] as string[],
    fail: false,
    request(message: Message): Promise<Message> {
      port.sent.push(message.MessageType);
      port.open++;
      port.maxOpen = Math.max(port.maxOpen, port.open);
      return new Promise((resolve, reject) =>
        setTimeout(() => {
          port.open--;
          if (port.fail) return reject(new RequestFailed('connection-lost', 'gone'));
          if (message.MessageType === 'QUERY_AGENT_STATE_REQ') resolve({ MessageType: 'QUERY_AGENT_STATE_CONF', SkillGroupNumber: [100, 101] } as unknown as Message);
          else if (message.MessageType === 'QUERY_AGENT_STATISTICS_REQ') resolve({ MessageType: 'QUERY_AGENT_STATISTICS_CONF', InvokeID: 1, PeripheralID: 5000, HandledCallsToday: 2, HandledCallsTalkTimeToday: 90 } as unknown as Message);
          else {
            const number = (message as Message<'QUERY_SKILL_GROUP_STATISTICS_REQ'>).SkillGroupNumber;
            resolve({ MessageType: 'QUERY_SKILL_GROUP_STATISTICS_CONF', SkillGroupNumber: number, SkillGroupID: number + 4900, AgentsAvail: 1 } as unknown as Message);
          }
        }, delayMs),
      );
    },
  };
  return port;
}

function poller(port: ReturnType<typeof fakePort>, agent: { current: DeskAgent | undefined }, intervalMs = 60_000) {
  const p = new StatisticsPoller(port, () => agent.current, () => {}, intervalMs);
  pollers.push(p);
  return p;
}

const endCall = { MessageType: 'END_CALL_EVENT' } as Message;
/** Moves fake time on by `ms`, running the timers due and the promise callbacks they start. */
const elapse = (ms: number) => vi.advanceTimersByTimeAsync(ms);
const as = (state: AgentStateName, inService = true): DeskAgent => ({ identity, state, inService });

describe('StatisticsPoller', () => {
  it('refreshes once at login, learns the skill groups once, and keeps one request in flight however many calls end', async () => {
    const port = fakePort();
    const agent = { current: as('not-ready') as DeskAgent | undefined };
    const p = poller(port, agent);
    p.agentChanged();
    for (let i = 0; i < 20; i++) p.message(endCall);
    await elapse(400);
    expect(port.maxOpen).toBe(1);
    // The login refresh, then one more for all the calls that ended meanwhile.
    expect(port.sent).toEqual([
      'QUERY_AGENT_STATE_REQ', 'QUERY_AGENT_STATISTICS_REQ', 'QUERY_SKILL_GROUP_STATISTICS_REQ', 'QUERY_SKILL_GROUP_STATISTICS_REQ',
      'QUERY_AGENT_STATISTICS_REQ', 'QUERY_SKILL_GROUP_STATISTICS_REQ', 'QUERY_SKILL_GROUP_STATISTICS_REQ',
    ]);
    expect(p.view().agent!.values).toMatchObject({ HandledCallsToday: 2, CallsHandledToday: 2, AvgTalkTimeToday: 45 });
    expect(p.view().skillGroups.map((g) => [g.skillGroupNumber, g.skillGroupId, g.values.AgentsAvail])).toEqual([[100, 5000, 1], [101, 5001, 1]]);
  });

  it('does nothing while logged out or out of service, refreshes on every interval while running, and stops on logout', async () => {
    const port = fakePort(1);
    const agent = { current: as('logout') as DeskAgent | undefined };
    const p = poller(port, agent, 50);
    p.agentChanged();
    p.message(endCall);
    await elapse(500);
    expect(port.sent).toEqual([]);
    agent.current = as('available', false);
    p.agentChanged();
    await elapse(500);
    expect(port.sent).toEqual([]);

    agent.current = as('available');
    p.agentChanged();
    // The login refresh (skill groups first), then one refresh on each of the ticks at 50 and 100 ms.
    await elapse(130);
    const refresh = ['QUERY_AGENT_STATISTICS_REQ', 'QUERY_SKILL_GROUP_STATISTICS_REQ', 'QUERY_SKILL_GROUP_STATISTICS_REQ'];
    expect(port.sent).toEqual(['QUERY_AGENT_STATE_REQ', ...refresh, ...refresh, ...refresh]);
    expect(p.requestsSent).toBe(10);

    agent.current = as('logout');
    p.agentChanged();
    // Ten intervals on, not one more request: the interval went with the login.
    await elapse(500);
    expect(port.sent).toHaveLength(10);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('survives the link going in the middle of a refresh', async () => {
    const port = fakePort(5);
    const agent = { current: as('not-ready') as DeskAgent | undefined };
    const p = poller(port, agent);
    port.fail = true;
    p.agentChanged();
    await elapse(50);
    expect(p.view().agent).toBeNull();
    expect(p.failures).toBe(0);
    port.fail = false;
    agent.current = as('not-ready', false);
    p.agentChanged();
    agent.current = as('not-ready');
    p.opened();
    p.agentChanged();
    await elapse(80);
    expect(p.view().agent).not.toBeNull();
  });
});

describe('statistics values', () => {
  it('keeps CTI OS names, leaves unknown values out and derives the sample desktop values', () => {
    const agent = agentStatisticsValues({
      MessageType: 'QUERY_AGENT_STATISTICS_CONF', InvokeID: 3, PeripheralID: 5000,
      AgentOutCallsToday: 1, HandledCallsToday: 3, AgentOutCallsTalkTimeToday: 20, HandledCallsTalkTimeToday: 100,
      AgentOutCallsTimeToday: 30, HandledCallsTimeToday: 170, LoggedOnTimeToday: 300, NotReadyTimeToday: 100, AvailTimeToday: 50,
      IncomingCallsHeldToday: 2, IncomingCallsHeldTimeToday: 30, AgentID: '1001',
    } as unknown as Message<'QUERY_AGENT_STATISTICS_CONF'>);
    expect(agent).not.toHaveProperty('InvokeID');
    expect(agent).not.toHaveProperty('AgentID');
    expect(agent).toMatchObject({
      HandledCallsToday: 3, CallsHandledToday: 4, AvgTalkTimeToday: 30, TimeTalkingToday: 120, TimeHoldingToday: 30, AvgHoldTimeToday: 15,
      TimeReadyToday: 50, TimeNotReadyToday: 100, AvgHandleTimeToday: 50, PercentUtilizationToday: 50,
    });
    const group = skillGroupStatisticsValues({
      MessageType: 'QUERY_SKILL_GROUP_STATISTICS_CONF', InvokeID: 1, PeripheralID: 5000, SkillGroupNumber: 100, SkillGroupID: 5000,
      CallsQNow: 2, CallsQTimeNow: 30, LongestRouterCallQNow: 0xffffffff,
    } as unknown as Message<'QUERY_SKILL_GROUP_STATISTICS_CONF'>);
    expect(group).toEqual({ CallsQNow: 2, CallsQTimeNow: 30, AvgCallsQTimeNow: 15 });
  });
});
