import { writeFileSync, mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AGENT_STATE,
  CONTROL_FAILURE_CODE,
  FrameReader,
  PG_STATUS,
  SERVICE,
  SYSTEM_EVENT_ID,
  buildMessage,
  decode,
  encode,
} from '../../ged188/index.js';
import { CtiSimulator } from '../../simulator/index.js';
import { startProgram, type RunningProgram } from '../support/child-process.js';
import { Ged188TestClient } from '../support/ged188-client.js';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function start(): Promise<CtiSimulator> {
  const simulator = await CtiSimulator.start();
  cleanups.push(() => simulator.stop());
  return simulator;
}

async function connect(simulator: CtiSimulator, side: 'A' | 'B' = 'A'): Promise<Ged188TestClient> {
  const client = await Ged188TestClient.connect(simulator.address(side).port);
  cleanups.push(() => client.close());
  return client;
}

function postFault(simulator: CtiSimulator, body: unknown): Promise<Response> {
  return fetch(`${simulator.controlUrl}/faults`, { method: 'POST', body: JSON.stringify(body) });
}

async function health(simulator: CtiSimulator) {
  return (await fetch(`${simulator.controlUrl}/health`)).json();
}

async function loggedInAgent(simulator: CtiSimulator, agentId: string, instrument: string): Promise<Ged188TestClient> {
  const client = await connect(simulator);
  await client.openAgent(instrument);
  await client.login(agentId, instrument);
  return client;
}


async function allEventsMonitor(simulator: CtiSimulator): Promise<Ged188TestClient> {
  const client = await connect(simulator);
  client.request('OPEN_REQ', {
    VersionNumber: 24, IdleTimeout: 60, PeripheralID: 0xffffffff, ServicesRequested: SERVICE.ALL_EVENTS,
    CallMsgMask: 0xffff, AgentStateMask: 0x3fff, ClientID: 'monitor', ClientPassword: new Uint8Array(0),
  });
  await client.expect('OPEN_CONF');
  // Skip the greeting (the peripheral's SYSTEM_EVENT, team configuration): a heartbeat marks its end.
  client.request('HEARTBEAT_REQ', {});
  await client.expect('HEARTBEAT_CONF');
  return client;
}

/** No reply within `ms`: what a client on a stalled side sees. */
async function expectSilence(client: Ged188TestClient, ms = 300): Promise<void> {
  await expect(client.next(ms)).rejects.toThrow(/no message arrived/);
}

describe('fault: stall-side (a half-open link)', () => {
  it('stops answering and sending on that side without closing its sockets; restore-side resets them', async () => {
    const simulator = await start();
    const agent = await loggedInAgent(simulator, '1001', '3001');
    let closed = false;
    void agent.closed.then(() => (closed = true));
    const response = await postFault(simulator, { type: 'stall-side', side: 'A' });
    expect(response.status).toBe(200);
    expect((await response.json()).sides).toMatchObject({ A: { state: 'down', condition: 'stalled', sessions: 1 }, B: { state: 'active' } });

    agent.request('HEARTBEAT_REQ', {});
    await expectSilence(agent);
    await fetch(`${simulator.controlUrl}/calls`, { method: 'POST', body: JSON.stringify({ ani: '5550000', dnis: '8005550100' }) });
    await expectSilence(agent);
    // New connections are accepted by the kernel but never answered, like a hung server.
    const late = await connect(simulator, 'A');
    late.request('OPEN_REQ', { VersionNumber: 24, IdleTimeout: 60, PeripheralID: 0xffffffff, ServicesRequested: 0, ClientID: 'late', ClientPassword: new Uint8Array(0) });
    await expectSilence(late);
    expect(closed).toBe(false);

    // Side B took over and serves the same peripheral: the agent is still logged in.
    const onB = await connect(simulator, 'B');
    expect(await onB.openAgent('3001', { ClientID: 'after-stall' })).toMatchObject({ AgentState: AGENT_STATE.NOT_READY });

    const restored = await (await postFault(simulator, { type: 'restore-side', side: 'A' })).json();
    expect(restored.sides.A).toEqual(expect.objectContaining({ state: 'standby' }));
    expect(restored.sides.A.condition).toBeUndefined();
    await agent.closed;
  });
});

describe('fault: drop-connections', () => {
  it('resets every connection of the side and keeps listening', async () => {
    const simulator = await start();
    const first = await connect(simulator);
    await first.openAgent('3001');
    const second = await connect(simulator);
    await second.openAgent('3002');
    const body = await (await postFault(simulator, { type: 'drop-connections', side: 'A' })).json();
    expect(body).toMatchObject({ dropped: 2, sides: { A: { state: 'active' } } });
    await Promise.all([first.closed, second.closed]);
    const again = await connect(simulator);
    expect(await again.openAgent('3001')).toMatchObject({ MessageType: 'OPEN_CONF' });
  });
});

describe('fault: pg-offline / pg-online', () => {
  it('announces the peripheral offline, forces logged-in agents Not Ready, refuses requests, and announces it back', async () => {
    const simulator = await start();
    const agent = await loggedInAgent(simulator, '1001', '3001');
    await agent.ready();
    const idle = await loggedInAgent(simulator, '1002', '3002'); // Not Ready already: no change
    const monitor = await allEventsMonitor(simulator);

    expect((await (await postFault(simulator, { type: 'pg-offline' })).json()).peripheralOnline).toBe(false);
    const offline = { MessageType: 'SYSTEM_EVENT', PGStatus: PG_STATUS.PERIPHERAL_OFFLINE, SystemEventID: SYSTEM_EVENT_ID.PERIPHERAL_OFFLINE, SystemEventArg1: 5000 };
    expect(await agent.next()).toMatchObject(offline);
    expect(await agent.next()).toMatchObject({ MessageType: 'AGENT_STATE_EVENT', AgentState: AGENT_STATE.NOT_READY, EventReasonCode: 50002 });
    expect(await idle.next()).toMatchObject(offline);
    expect(await monitor.next()).toMatchObject(offline);
    expect(await monitor.next()).toMatchObject({ MessageType: 'AGENT_STATE_EVENT', AgentID: '1001', AgentState: AGENT_STATE.NOT_READY });

    // New sessions see it in OPEN_CONF; control requests fail; queries still answer; no calls come in.
    const late = await connect(simulator);
    expect(await late.openAgent('3003')).toMatchObject({ PGStatus: PG_STATUS.PERIPHERAL_OFFLINE, PeripheralOnline: false });
    agent.request('SET_AGENT_STATE_REQ', { PeripheralID: 5000, AgentState: AGENT_STATE.AVAILABLE });
    expect(await agent.next()).toMatchObject({ MessageType: 'CONTROL_FAILURE_CONF', FailureCode: CONTROL_FAILURE_CODE.RESOURCE_OUT_OF_SERVICE });
    agent.request('QUERY_AGENT_STATE_REQ', { PeripheralID: 5000 });
    expect(await agent.next()).toMatchObject({ MessageType: 'QUERY_AGENT_STATE_CONF', AgentState: AGENT_STATE.NOT_READY });
    const call = await fetch(`${simulator.controlUrl}/calls`, { method: 'POST', body: JSON.stringify({ ani: '1', dnis: '2' }) });
    expect(call.status).toBe(409);

    await postFault(simulator, { type: 'pg-online' });
    expect(await agent.next()).toMatchObject({ MessageType: 'SYSTEM_EVENT', PGStatus: 0, SystemEventID: SYSTEM_EVENT_ID.PERIPHERAL_ONLINE });
    await agent.ready();
    const fresh = await connect(simulator);
    expect(await fresh.openAgent('3004')).toMatchObject({ PGStatus: 0, PeripheralOnline: true });
  });
});

describe('fault: pg-offline with calls in progress', () => {
  it('keeps the calls going at the switch while CTI loses track of them: END_CALL_EVENT, no CALL_CLEARED, no more events', async () => {
    const simulator = await start();
    const agent = await loggedInAgent(simulator, '1001', '3001');
    await agent.ready();
    const monitor = await allEventsMonitor(simulator);
    const response = await fetch(`${simulator.controlUrl}/calls`, { method: 'POST', body: JSON.stringify({ ani: '5551234', dnis: '8005550100', agentId: '1001' }) });
    const { callId } = (await response.json()) as { callId: number };
    await agent.expect('CALL_DELIVERED_EVENT');
    agent.request('ANSWER_CALL_REQ', { PeripheralID: 5000, ConnectionCallID: callId, ConnectionDeviceIDType: 0, ConnectionDeviceID: '3001' });
    await agent.expect('CALL_ESTABLISHED_EVENT');
    expect(await agent.expect('AGENT_STATE_EVENT')).toMatchObject({ AgentState: AGENT_STATE.TALKING });
    monitor.request('HEARTBEAT_REQ', {});
    await monitor.expect('HEARTBEAT_CONF');

    await postFault(simulator, { type: 'pg-offline' });
    expect((await agent.take(3)).map((m) => [m.MessageType, (m as { ConnectionCallID?: number }).ConnectionCallID ?? (m as { AgentState?: number }).AgentState])).toEqual([
      ['SYSTEM_EVENT', undefined],
      ['END_CALL_EVENT', callId],
      ['AGENT_STATE_EVENT', AGENT_STATE.NOT_READY],
    ]);
    expect((await monitor.take(3)).map((m) => m.MessageType)).toEqual(['SYSTEM_EVENT', 'END_CALL_EVENT', 'AGENT_STATE_EVENT']);

    // The peripheral knows of no call now: snapshots say so, and nothing more comes about it.
    agent.request('SNAPSHOT_CALL_REQ', { PeripheralID: 5000, ConnectionCallID: callId, ConnectionDeviceIDType: 0, ConnectionDeviceID: '3001' });
    expect(await agent.next()).toMatchObject({ MessageType: 'CONTROL_FAILURE_CONF', FailureCode: CONTROL_FAILURE_CODE.INVALID_CSTA_CALL_IDENTIFIER });
    agent.request('SNAPSHOT_DEVICE_REQ', { PeripheralID: 5000, AgentInstrument: '3001' });
    expect(await agent.next()).toMatchObject({ MessageType: 'SNAPSHOT_DEVICE_CONF', NumCalls: 0 });
    agent.request('QUERY_AGENT_STATE_REQ', { PeripheralID: 5000, MRDID: 1 });
    expect(await agent.next()).toMatchObject({ MessageType: 'QUERY_AGENT_STATE_CONF', AgentState: AGENT_STATE.NOT_READY, NumTasks: 0 });

    await postFault(simulator, { type: 'pg-online' });
    expect(await agent.next()).toMatchObject({ MessageType: 'SYSTEM_EVENT', SystemEventID: SYSTEM_EVENT_ID.PERIPHERAL_ONLINE });
    await agent.expectNothingPending();
    await agent.ready();
  });
});

describe('fault: control-failure', () => {
  it('fails the next request of the named type with CONTROL_FAILURE_CONF, once', async () => {
    const simulator = await start();
    const agent = await loggedInAgent(simulator, '1001', '3001');
    const response = await postFault(simulator, { type: 'control-failure', request: 'SET_AGENT_STATE_REQ' });
    expect(await response.json()).toMatchObject({ request: 'SET_AGENT_STATE_REQ', failureCode: CONTROL_FAILURE_CODE.GENERIC_OPERATION });
    await postFault(simulator, { type: 'control-failure', request: 'QUERY_AGENT_STATE_REQ', failureCode: CONTROL_FAILURE_CODE.RESOURCE_BUSY });

    const first = agent.request('SET_AGENT_STATE_REQ', { PeripheralID: 5000, AgentState: AGENT_STATE.AVAILABLE });
    expect(await agent.next()).toMatchObject({ MessageType: 'CONTROL_FAILURE_CONF', InvokeID: first, FailureCode: CONTROL_FAILURE_CODE.GENERIC_OPERATION });
    agent.request('QUERY_AGENT_STATE_REQ', { PeripheralID: 5000 });
    // The refused request changed nothing: the agent is still Not Ready.
    expect(await agent.next()).toMatchObject({ MessageType: 'CONTROL_FAILURE_CONF', FailureCode: CONTROL_FAILURE_CODE.RESOURCE_BUSY });
    agent.request('QUERY_AGENT_STATE_REQ', { PeripheralID: 5000 });
    expect(await agent.next()).toMatchObject({ MessageType: 'QUERY_AGENT_STATE_CONF', AgentState: AGENT_STATE.NOT_READY });
    await agent.ready();
  });
});

describe('fault: garbage', () => {
  it('sends each client of the side a frame no client can decode, and nothing to the other side', async () => {
    const simulator = await start();
    const socket = net.connect({ host: '127.0.0.1', port: simulator.address('A').port });
    cleanups.push(() => void socket.destroy());
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(encode(buildMessage('OPEN_REQ', { InvokeID: 1, VersionNumber: 24, IdleTimeout: 60, PeripheralID: 0xffffffff, ClientID: 'raw', ClientPassword: new Uint8Array(0) })));
    const reader = new FrameReader();
    const frames: Uint8Array[] = [];
    socket.on('data', (chunk) => frames.push(...reader.push(chunk)));
    await expect.poll(() => frames.length).toBe(1);
    const standby = await Ged188TestClient.connect(simulator.address('B').port);
    cleanups.push(() => standby.close());

    const body = await (await postFault(simulator, { type: 'garbage', side: 'A' })).json();
    expect(body.sentTo).toBe(1);
    await expect.poll(() => frames.length).toBe(2);
    expect(() => decode(frames[1]!)).toThrow();
    // The client decides what to do; the server keeps the session.
    socket.write(encode(buildMessage('HEARTBEAT_REQ', { InvokeID: 2 })));
    await expect.poll(() => frames.length).toBe(3);
    expect(decode(frames[2]!)).toMatchObject({ MessageType: 'HEARTBEAT_CONF', InvokeID: 2 });
  });
});

describe('POST /faults rejects what it cannot do', () => {
  it.each([
    [{ type: 'explode' }, 400, /unknown fault type "explode"; known: "kill-side", "restore-side", "stall-side", "drop-connections", "garbage", "maintenance", "pg-offline", "pg-online", "control-failure"/],
    [{ type: 'stall-side' }, 400, /"side" must be "A" or "B"/],
    [{ type: 'pg-offline', side: 'A' }, 400, /takes no "side"/],
    [{ type: 'control-failure', request: 'OPEN_REQ' }, 400, /client request message type/],
    [{ type: 'control-failure', request: 'CALL_DELIVERED_EVENT' }, 400, /client request message type/],
    [{ type: 'control-failure', request: 'ANSWER_CALL_REQ', failureCode: -1 }, 400, /failureCode/],
    [{ type: 'kill-side', side: 'A', extra: 1 }, 400, /unknown field "extra"/],
    [[1, 2], 400, /expected a JSON object/],
  ])('%j → %i', async (body, status, error) => {
    const simulator = await start();
    const response = await postFault(simulator, body);
    expect(response.status).toBe(status);
    expect((await response.json()).error).toMatch(error);
  });

  it('409 for a stall of a side that is down', async () => {
    const simulator = await start();
    await postFault(simulator, { type: 'kill-side', side: 'B' });
    const response = await postFault(simulator, { type: 'stall-side', side: 'B' });
    expect(response.status).toBe(409);
    expect((await health(simulator)).sides.B.state).toBe('down');
  });
});

describe('simulator command line', () => {
  const running: RunningProgram[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((p) => p.stop()));
  });
  function run(args: string[]): RunningProgram {
    const program = startProgram('simulator/cli.ts', ['--port-a', '0', '--port-b', '0', '--control-port', '0', '--quiet', ...args]);
    running.push(program);
    return program;
  }
  function oneLine(program: RunningProgram): string {
    const lines = program.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    return lines[0]!;
  }
  const directory = mkdtempSync(path.join(os.tmpdir(), 'simulator-site-'));

  it('a bad --config: exit 2 with one line naming the file and the bad setting', async () => {
    const file = path.join(directory, 'bad.json');
    writeFileSync(file, JSON.stringify({ skillGroups: [{ number: 100, id: 1, name: 'Sales' }], agents: [{ id: '1001', instrument: '3001', skillGroups: [100, 999] }] }));
    const program = run(['--config', file]);
    expect(await program.exited).toBe(2);
    expect(oneLine(program)).toBe(`simulator: ${file}: agents[0].skillGroups: skill group 999 is not defined`);
    const notJson = path.join(directory, 'not.json');
    writeFileSync(notJson, '{ agents: ');
    const second = run(['--config', notJson]);
    expect(await second.exited).toBe(2);
    expect(oneLine(second)).toMatch(new RegExp(`^simulator: ${notJson}: not valid JSON`));
  });

  it.each([
    [['--agents', 'many'], /--agents/],
    [['--call-rate', '-2'], /a call rate is a number/],
    [['--config', 'resources/simulator-site.example.json', '--agents', '3'], /--config describes the site; leave out --agents/],
  ])('bad flags %j: exit 2 with one line', async (args, error) => {
    const program = run(args);
    expect(await program.exited).toBe(2);
    expect(oneLine(program)).toMatch(error);
  });

  it('--agents 3 plays three agents and their supervisor', async () => {
    const program = run(['--agents', '3', '--peripheral-id', '5001']);
    const [, controlUrl] = await program.waitForLine(/^Simulator ready: .* control API (\S+)$/m);
    const agents = (await (await fetch(`${controlUrl}/agents`)).json()) as { agentId: string; supervisor: boolean }[];
    expect(agents.map((a) => [a.agentId, a.supervisor])).toEqual([['1001', false], ['1002', false], ['1003', false], ['2001', true]]);
    const health = await (await fetch(`${controlUrl}/health`)).json();
    const client = await Ged188TestClient.connect(health.sides.A.port);
    cleanups.push(() => client.close());
    expect(await client.openAgent('3001', { PeripheralID: 5001 })).toMatchObject({ MessageType: 'OPEN_CONF' });
  });

  it('--config loads the example site; --call-rate brings callers in on their own', async () => {
    const program = run(['--config', 'resources/simulator-site.example.json', '--call-rate', '40', '--talk-time', '1', '--seed', '7']);
    const [, controlUrl] = await program.waitForLine(/^Simulator ready: .* control API (\S+)$/m);
    const agents = (await (await fetch(`${controlUrl}/agents`)).json()) as { agentId: string }[];
    expect(agents.map((a) => a.agentId)).toEqual(['1001', '1002', '1003', '2001']);
    // Nobody is Ready, so the callers queue.
    await expect
      .poll(async () => ((await (await fetch(`${controlUrl}/calls`)).json()) as { state: string }[]).length, { timeout: 3000 })
      .toBeGreaterThan(3);
    const calls = (await (await fetch(`${controlUrl}/calls`)).json()) as { state: string; ani: string; dnis: string; skillGroup: number }[];
    expect(calls[0]).toMatchObject({ state: 'queued', ani: expect.stringMatching(/^555\d{4}$/), dnis: expect.stringMatching(/^80055501\d\d$/) });
    expect([100, 101]).toContain(calls[0]!.skillGroup);
  });
});
