import { describe, expect, it } from 'vitest';
import { AGENT_STATE, buildMessage } from '../../../ged188/index.js';
import { describeAgents } from '../../../simulator/control-api-views.js';
import { Peripheral } from '../../../simulator/pg/peripheral.js';
import { generatedSite } from '../../../simulator/pg/site.js';

/** The peripheral and every part it owns keep time by the one clock it is given. */
describe('Peripheral clock', () => {
  it('state times and statistics follow the injected clock, not the wall clock', () => {
    let now = Date.UTC(2030, 0, 2, 9, 0, 0);
    const peripheral = new Peripheral(generatedSite({ agents: 2 }), () => now);
    const agent = peripheral.agents.get('1001')!;
    peripheral.setAgentState(agent, buildMessage('SET_AGENT_STATE_REQ', { PeripheralID: 5000, AgentState: AGENT_STATE.LOGIN, AgentID: '1001' }));
    peripheral.flush();
    expect(describeAgents(peripheral)[0]).toMatchObject({ agentId: '1001', since: '2030-01-02T09:00:00.000Z' });

    now += 90_000;
    const statistics = peripheral.statistics.agentStatistics('1001') as Record<string, number>;
    expect(statistics.LoggedOnTimeSession).toBe(90);
    expect(statistics.NotReadyTimeSession).toBe(90);
  });

  it('owns one set of parts per peripheral: two peripherals share no monitors', () => {
    const a = new Peripheral(generatedSite({ agents: 1 }));
    const b = new Peripheral(generatedSite({ agents: 1 }));
    const monitorId = a.deviceMonitors.start(7, { instrument: '3001', callMsgMask: 1, agentStateMask: 1 });
    expect(a.deviceMonitors.of(7).map((m) => m.monitorId)).toEqual([monitorId]);
    expect(b.deviceMonitors.of(7)).toEqual([]);
    expect(a.supervision).not.toBe(b.supervision);
  });
});
