import { afterEach, describe, expect, it } from 'vitest';
import { AGENT_STATE, buildMessage } from '../../ged188/index.js';
import { parseMessageFilter } from '../../main/cti/monitor/message-filter.js';
import type { MonitorEvent } from '../../main/cti/monitor/monitor-events.js';
import { MonitorSession, type MonitorOptions } from '../../main/cti/monitor/monitor-session.js';
import { CtiSimulator } from '../../simulator/index.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function startSimulator(): Promise<CtiSimulator> {
  const simulator = await CtiSimulator.start({ host: '127.0.0.1' });
  cleanups.push(() => simulator.stop());
  return simulator;
}

/** Agents logged in and Ready, straight in the simulator's model (no agent desktop needed). */
function makeReady(simulator: CtiSimulator, ...agentIds: string[]): void {
  const peripheral = simulator.peripheral;
  for (const id of agentIds) {
    const agent = peripheral.agents.get(id)!;
    for (const state of [AGENT_STATE.LOGIN, AGENT_STATE.AVAILABLE]) {
      peripheral.setAgentState(agent, buildMessage('SET_AGENT_STATE_REQ', { PeripheralID: 5000, AgentState: state, AgentID: id, AgentPassword: 'x' }));
    }
  }
  peripheral.flush();
}

function setState(simulator: CtiSimulator, agentId: string, state: number): void {
  const peripheral = simulator.peripheral;
  peripheral.setAgentState(peripheral.agents.get(agentId)!, buildMessage('SET_AGENT_STATE_REQ', { PeripheralID: 5000, AgentState: state }));
  peripheral.flush();
}

async function control(simulator: CtiSimulator, path: string, body?: unknown): Promise<{ callId: number }> {
  const response = await fetch(`${simulator.controlUrl}${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
  expect(response.status).toBe(200);
  return (await response.json()) as { callId: number };
}

async function serverCallIds(simulator: CtiSimulator): Promise<number[]> {
  const calls = (await (await fetch(`${simulator.controlUrl}/calls`)).json()) as { callId: number }[];
  return calls.map((c) => c.callId).sort();
}

/** A monitor whose events are recorded, with a way to wait for one. */
function startMonitor(simulator: CtiSimulator, extra: Partial<MonitorOptions> = {}) {
  const events: MonitorEvent[] = [];
  const waiters = new Set<() => void>();
  const monitor = new MonitorSession(
    {
      sides: { A: simulator.address('A'), B: simulator.address('B') },
      protocolVersion: 24,
      heartbeatIntervalMs: 300,
      missedHeartbeatLimit: 3,
      clientId: 'monitor-test',
      retry: { initialMs: 100, maxMs: 400, jitter: 0 },
      ...extra,
    },
    (event) => {
      events.push(event);
      for (const waiter of waiters) waiter();
    },
    { info: () => {}, warn: () => {} },
  );
  cleanups.push(() => monitor.stop());
  monitor.start();
  /** The first event from index `from` on that satisfies `predicate` (it may have come already). */
  const waitFor = (predicate: (e: MonitorEvent) => boolean, ms = 5000, from = 0): Promise<MonitorEvent> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no such event; got ${events.slice(from).map((e) => e.event).join(', ')}`)), ms);
      const check = () => {
        const found = events.slice(from).find(predicate);
        if (!found) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(found);
      };
      waiters.add(check);
      check();
    });
  return { monitor, events, waitFor };
}

const established = (recovered: boolean) => (e: MonitorEvent) => e.event === 'OnMonitorModeEstablished' && e.recovered === recovered;
const callIdOf = (e: MonitorEvent) => ('connectionCallId' in e ? e.connectionCallId : undefined);

describe('monitor mode against the simulator over TCP', () => {
  it('snapshots in CTI OS order: agent states, devices, calls, then OnMonitorModeEstablished', async () => {
    const simulator = await startSimulator();
    makeReady(simulator, '1001', '1002', '1003');
    const { callId } = await control(simulator, '/calls', { ani: '5551234', dnis: '8005550100' });
    const { events, waitFor } = startMonitor(simulator);
    await waitFor(established(false));
    const startup = events.slice(0, events.findIndex(established(false)) + 1).map((e) => e.event);
    expect(startup).toEqual([
      'OnConnection',
      'OnQueryAgentStateConf',
      'OnQueryAgentStateConf',
      'OnQueryAgentStateConf',
      'OnSnapshotDeviceConf',
      'OnSnapshotDeviceConf',
      'OnSnapshotDeviceConf',
      'OnSnapshotCallConf',
      'OnMonitorModeEstablished',
    ]);
    const agents = events.filter((e) => e.event === 'OnQueryAgentStateConf').map((e) => 'agentId' in e && e.agentId);
    expect(agents).toEqual(['1001', '1002', '1003']);
    expect(events.find((e) => e.event === 'OnSnapshotCallConf')).toMatchObject({ connectionCallId: callId, ani: '5551234', dnis: '8005550100' });
    expect(events.find(established(false))).toMatchObject({ agents: 3, calls: 1, endedWhileDisconnected: 0, statusSystem: { statusPeripherals: { 5000: true } } });
  });

  it('passes only the events the filter asks for, and always the connection events', async () => {
    const simulator = await startSimulator();
    makeReady(simulator, '1001', '1002');
    const { events, waitFor } = startMonitor(simulator, { filter: parseMessageFilter('MessageID=OnAgentStateChange,OnCallEnd;AgentID=1002') });
    await waitFor(established(false));
    setState(simulator, '1001', AGENT_STATE.NOT_READY);
    setState(simulator, '1002', AGENT_STATE.NOT_READY);
    // A marker the filter passes: the server sends in order on one connection, so whatever the
    // changes above brought has arrived once 1002's next change has.
    setState(simulator, '1002', AGENT_STATE.AVAILABLE);
    await waitFor((e) => e.event === 'OnAgentStateChange' && 'agentState' in e && e.agentState === 'eAvailable');
    expect(events.map((e) => e.event)).toEqual(['OnConnection', 'OnMonitorModeEstablished', 'OnCTIOSFailure', 'OnAgentStateChange', 'OnAgentStateChange']);
    expect(events[3]).toMatchObject({ agentId: '1002', agentState: 'eNotReady', messageId: 30, uniqueObjectId: 'agent.5000.1002' });
    expect(events[4]).toMatchObject({ agentId: '1002', agentState: 'eAvailable' });
  });

  it('recovers by itself when both sides go and one comes back: calls equal the server\'s, each ended call ends once', async () => {
    const simulator = await startSimulator();
    makeReady(simulator, '1001', '1002', '1003', '1004');
    const { monitor, events, waitFor } = startMonitor(simulator);
    await waitFor(established(false));
    const staying = await control(simulator, '/calls', { ani: '5550001', dnis: '800' });
    const ending = await control(simulator, '/calls', { ani: '5550002', dnis: '800' });
    const endingLive = await control(simulator, '/calls', { ani: '5550003', dnis: '800' });
    await waitFor((e) => e.event === 'OnCallDelivered' && callIdOf(e) === endingLive.callId);
    // One call ends just as side A dies; then side B dies too, and calls change while nobody listens.
    const hangup = control(simulator, `/calls/${endingLive.callId}/hangup`, {});
    await control(simulator, '/faults', { type: 'kill-side', side: 'A' });
    await hangup;
    await control(simulator, '/faults', { type: 'kill-side', side: 'B' });
    await waitFor((e) => e.event === 'OnConnectionFailure' && e.failedServer === 'B');
    await control(simulator, `/calls/${ending.callId}/hangup`, {});
    const began = await control(simulator, '/calls', { ani: '5550004', dnis: '800' });
    const beforeRestore = events.length;
    await control(simulator, '/faults', { type: 'restore-side', side: 'A' });
    const recovered = await waitFor(established(true), 8000, beforeRestore);
    expect(recovered).toMatchObject({ recovered: true });

    const monitorIds = monitor.calls.map((c) => c.connectionCallId).sort();
    expect(monitorIds).toEqual(await serverCallIds(simulator));
    expect(monitorIds).toEqual([staying.callId, began.callId].sort());
    expect(new Set(monitor.calls.map((c) => c.key)).size).toBe(monitor.calls.length);
    const ends = events.filter((e) => e.event === 'OnCallEnd').map(callIdOf);
    expect(ends.filter((id) => id === ending.callId)).toHaveLength(1);
    expect(ends.filter((id) => id === endingLive.callId)).toHaveLength(1);
    expect(ends).not.toContain(staying.callId);
    expect(events.find((e) => e.event === 'OnCallEnd' && callIdOf(e) === ending.callId)).toMatchObject({ recovered: true, ani: '5550002' });
    expect(events.filter((e) => e.event === 'OnSnapshotCallConf' && callIdOf(e) === began.callId).length).toBeGreaterThanOrEqual(1);

    // And it carries on live, on the side that came back.
    await control(simulator, `/calls/${began.callId}/hangup`, {});
    await waitFor((e) => e.event === 'OnCallEnd' && callIdOf(e) === began.callId, 2000, beforeRestore);
    expect(monitor.calls.map((c) => c.connectionCallId)).toEqual([staying.callId]);
    const sides = events.filter((e) => e.event === 'OnConnection').map((e) => 'currentServer' in e && e.currentServer);
    expect([sides[0], sides.at(-1)]).toEqual(['A', 'A']);
    expect(events.filter((e) => e.event === 'OnConnectionFailure').map((e) => 'failedServer' in e && e.failedServer)).toContain('B');
  });

  it('fails over from a stalled side by missed heartbeats (one session, v20) and reconciles on the other', async () => {
    const simulator = await startSimulator();
    makeReady(simulator, '1001', '1002');
    // Version 20: no standby session takes over, so the heartbeats find the silence (v24: active-standby.test.ts).
    const { monitor, events, waitFor } = startMonitor(simulator, { heartbeatIntervalMs: 250, protocolVersion: 20 });
    await waitFor(established(false));
    const call = await control(simulator, '/calls', { ani: '5550009', dnis: '800' });
    await waitFor((e) => e.event === 'OnCallDelivered');
    await control(simulator, '/faults', { type: 'stall-side', side: 'A' });
    await control(simulator, `/calls/${call.callId}/hangup`, {});
    await waitFor(established(true), 5000);
    expect(events.some((e) => e.event === 'OnMissingHeartbeat')).toBe(true);
    expect(events.find((e) => e.event === 'OnConnectionFailure')).toMatchObject({ failedServer: 'A', reasonCode: 'eMissedHeartbeats', nextServer: 'B' });
    expect(monitor.calls).toEqual([]);
    expect(events.filter((e) => e.event === 'OnCallEnd' && callIdOf(e) === call.callId)).toHaveLength(1);
  });
});
