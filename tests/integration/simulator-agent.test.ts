import { afterEach, describe, expect, it } from 'vitest';
import { AGENT_STATE, CONTROL_FAILURE_CODE, type Message } from '../../ged188/index.js';
import { generatedSite } from '../../simulator/pg/site.js';
import { CtiSimulator } from '../../simulator/index.js';
import { Ged188TestClient } from '../support/ged188-client.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function simulator(deskSettings = {}): Promise<CtiSimulator> {
  const site = { ...generatedSite({ agents: 4 }), deskSettings: { ...generatedSite({ agents: 1 }).deskSettings, ...deskSettings } };
  const sim = await CtiSimulator.start({ site });
  cleanups.push(() => sim.stop());
  return sim;
}

async function agentClient(sim: CtiSimulator, instrument: string, version = 24): Promise<Ged188TestClient> {
  const client = await Ged188TestClient.connect(sim.address('A').port, version);
  cleanups.push(() => client.close());
  const conf = await client.openAgent(instrument);
  expect(conf.AgentState).toBe(AGENT_STATE.LOGOUT);
  return client;
}



async function postCall(sim: CtiSimulator, body: object): Promise<number> {
  const response = await fetch(`${sim.controlUrl}/calls`, { method: 'POST', body: JSON.stringify(body) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { callId: number }).callId;
}

describe.each([24, 19])('an agent desktop over protocol version %i', (version) => {
  it('logs in, goes Ready, takes a routed call, holds, retrieves, hangs up, wraps up and goes Ready again', async () => {
    const sim = await simulator();
    const agent = await agentClient(sim, '3001', version);
    await agent.login('1001', '3001');
    await agent.ready();

    const callId = await postCall(sim, { ani: '5551234', dnis: '8005550100', skillGroup: 100, callVariables: { '1': 'account 42' }, ecc: { 'user.lang': 'en' } });
    const reserved = await agent.next();
    expect(reserved).toMatchObject({ MessageType: 'AGENT_STATE_EVENT', AgentState: AGENT_STATE.RESERVED });
    const begin = (await agent.next()) as Message<'BEGIN_CALL_EVENT'>;
    expect(begin).toMatchObject({ MessageType: 'BEGIN_CALL_EVENT', ConnectionCallID: callId, ANI: '5551234', DNIS: '8005550100', CallVariable1: 'account 42' });
    expect(begin.NamedVariable).toEqual([{ name: 'user.lang', value: 'en' }]);
    expect(begin.NumNamedVariables).toBe(1);
    expect(await agent.next()).toMatchObject({ MessageType: 'CALL_DELIVERED_EVENT', ConnectionCallID: callId, LocalConnectionState: 2, ConnectionDeviceID: '3001' });

    agent.request('ANSWER_CALL_REQ', { PeripheralID: 5000, ConnectionCallID: callId, ConnectionDeviceIDType: 0, ConnectionDeviceID: '3001' });
    expect(await agent.types(3)).toEqual(['ANSWER_CALL_CONF', 'CALL_ESTABLISHED_EVENT', 'AGENT_STATE_EVENT']);

    agent.request('HOLD_CALL_REQ', { PeripheralID: 5000, ConnectionCallID: callId, ConnectionDeviceIDType: 0, ConnectionDeviceID: '3001' });
    expect(await agent.types(3)).toEqual(['HOLD_CALL_CONF', 'CALL_HELD_EVENT', 'AGENT_STATE_EVENT']);
    agent.request('RETRIEVE_CALL_REQ', { PeripheralID: 5000, HeldConnectionCallID: callId, HeldConnectionDeviceIDType: 0, HeldConnectionDeviceID: '3001' });
    expect(await agent.types(3)).toEqual(['RETRIEVE_CALL_CONF', 'CALL_RETRIEVED_EVENT', 'AGENT_STATE_EVENT']);

    agent.request('CLEAR_CONNECTION_REQ', { PeripheralID: 5000, ConnectionCallID: callId, ConnectionDeviceIDType: 0, ConnectionDeviceID: '3001' });
    expect(await agent.types(5)).toEqual(['CLEAR_CONNECTION_CONF', 'CALL_CONNECTION_CLEARED_EVENT', 'CALL_CLEARED_EVENT', 'END_CALL_EVENT', 'AGENT_STATE_EVENT']);

    agent.request('SET_CALL_DATA_REQ', { PeripheralID: 5000, ConnectionCallID: callId, ConnectionDeviceIDType: 0, ConnectionDeviceID: '3001', CallWrapupData: 'sold' });
    expect(await agent.next()).toMatchObject({ MessageType: 'SET_CALL_DATA_CONF' });
    agent.request('RELEASE_CALL_REQ', { PeripheralID: 5000, ConnectionCallID: callId, ConnectionDeviceIDType: 0, ConnectionDeviceID: '3001' });
    expect(await agent.next()).toMatchObject({ MessageType: 'RELEASE_CALL_CONF' });
    await agent.ready();
    expect(await (await fetch(`${sim.controlUrl}/calls`)).json()).toEqual([]);
  });
});

describe('routing and agent rules', () => {
  it('queues a call while nobody is Ready and delivers it to the first agent who becomes Ready', async () => {
    const sim = await simulator();
    const agent = await agentClient(sim, '3002');
    await agent.login('1002', '3002');
    const callId = await postCall(sim, { ani: '5550000', dnis: '8005550100', skillGroup: 100 });
    expect((await (await fetch(`${sim.controlUrl}/calls`)).json())[0]).toMatchObject({ callId, state: 'queued' });
    agent.request('SET_AGENT_STATE_REQ', { PeripheralID: 5000, AgentState: AGENT_STATE.AVAILABLE });
    expect(await agent.types(5)).toEqual(['SET_AGENT_STATE_CONF', 'AGENT_STATE_EVENT', 'AGENT_STATE_EVENT', 'BEGIN_CALL_EVENT', 'CALL_DELIVERED_EVENT']);
  });

  it('routes to the longest-available agent', async () => {
    const sim = await simulator();
    const first = await agentClient(sim, '3001');
    const second = await agentClient(sim, '3003');
    await first.login('1001', '3001');
    await second.login('1003', '3003');
    await second.ready();
    await first.ready();
    await postCall(sim, { ani: '5550001', dnis: '8005550100', skillGroup: 100 });
    expect(await second.next()).toMatchObject({ MessageType: 'AGENT_STATE_EVENT', AgentState: AGENT_STATE.RESERVED });
  });

  it('refuses a second login of a logged-in agent, and Not Ready without a reason when the desk settings require one', async () => {
    const sim = await simulator({ notReadyReasonRequired: true });
    const agent = await agentClient(sim, '3001');
    await agent.login('1001', '3001');
    agent.request('SET_AGENT_STATE_REQ', { PeripheralID: 5000, AgentState: AGENT_STATE.LOGIN, AgentID: '1001', AgentPassword: 'x', AgentInstrument: '3001' });
    expect(await agent.next()).toMatchObject({ MessageType: 'CONTROL_FAILURE_CONF', FailureCode: CONTROL_FAILURE_CODE.SPECIFIED_AGENT_ALREADY_SIGNED_ON });
    agent.request('SET_AGENT_STATE_REQ', { PeripheralID: 5000, AgentState: AGENT_STATE.NOT_READY, EventReasonCode: 0 });
    expect(await agent.next()).toMatchObject({ MessageType: 'CONTROL_FAILURE_CONF', FailureCode: CONTROL_FAILURE_CODE.REASON_CODE_REQUIRED });
    agent.request('SET_AGENT_STATE_REQ', { PeripheralID: 5000, AgentState: AGENT_STATE.NOT_READY, EventReasonCode: 12 });
    expect(await agent.types(2)).toEqual(['SET_AGENT_STATE_CONF', 'AGENT_STATE_EVENT']);
  });

  it('answers a call that is not ringing with CONTROL_FAILURE_CONF', async () => {
    const sim = await simulator();
    const agent = await agentClient(sim, '3001');
    await agent.login('1001', '3001');
    agent.request('ANSWER_CALL_REQ', { PeripheralID: 5000, ConnectionCallID: 12345, ConnectionDeviceIDType: 0, ConnectionDeviceID: '3001' });
    expect(await agent.next()).toMatchObject({ MessageType: 'CONTROL_FAILURE_CONF', FailureCode: CONTROL_FAILURE_CODE.NO_CALL_TO_ANSWER });
  });

  it('refuses a phone another client holds, and lets the same client take its session over', async () => {
    const sim = await simulator();
    const first = await agentClient(sim, '3001');
    const other = await Ged188TestClient.connect(sim.address('A').port);
    cleanups.push(() => other.close());
    other.request('OPEN_REQ', { VersionNumber: 24, IdleTimeout: 60, PeripheralID: 5000, ServicesRequested: 7, ClientID: 'someone-else', ClientPassword: new Uint8Array(0), AgentInstrument: '3001' });
    expect(await other.next()).toMatchObject({ MessageType: 'FAILURE_CONF', Status: 10 });
    const again = await Ged188TestClient.connect(sim.address('A').port);
    cleanups.push(() => again.close());
    await again.openAgent('3001');
    expect(await first.next()).toMatchObject({ MessageType: 'FAILURE_EVENT', Status: 11 });
  });

  it('a caller hanging up while the call rings frees the agent', async () => {
    const sim = await simulator();
    const agent = await agentClient(sim, '3001');
    await agent.login('1001', '3001');
    await agent.ready();
    const callId = await postCall(sim, { ani: '5550002', dnis: '8005550100' });
    await agent.types(3);
    expect((await fetch(`${sim.controlUrl}/calls/${callId}/hangup`, { method: 'POST' })).status).toBe(200);
    expect(await agent.types(4)).toEqual(['CALL_CONNECTION_CLEARED_EVENT', 'CALL_CLEARED_EVENT', 'END_CALL_EVENT', 'AGENT_STATE_EVENT']);
    expect((await (await fetch(`${sim.controlUrl}/agents`)).json())[0]).toMatchObject({ agentId: '1001', state: AGENT_STATE.AVAILABLE });
  });
});

describe('desk settings', () => {
  it('"required with data": the agent stays in wrap-up until its wrap-up data is in, then may go Ready', async () => {
    const sim = await simulator({ wrapupIncoming: 'required-with-data' });
    const agent = await agentClient(sim, '3001');
    await agent.login('1001', '3001');
    await agent.ready();
    const callId = await postCall(sim, { ani: '5550003', dnis: '8005550100' });
    await agent.expect('CALL_DELIVERED_EVENT');
    agent.request('ANSWER_CALL_REQ', { PeripheralID: 5000, ConnectionCallID: callId, ConnectionDeviceIDType: 0, ConnectionDeviceID: '3001' });
    await agent.expect('CALL_ESTABLISHED_EVENT');
    // Asking for Ready during the call makes the wrap-up state Work Ready.
    agent.request('SET_AGENT_STATE_REQ', { PeripheralID: 5000, AgentState: AGENT_STATE.AVAILABLE });
    await agent.expect('SET_AGENT_STATE_CONF');
    await fetch(`${sim.controlUrl}/calls/${callId}/hangup`, { method: 'POST' });
    expect(await agent.expect('END_CALL_EVENT')).toMatchObject({ ConnectionCallID: callId, ConnectionDeviceID: '3001' });
    expect(await agent.expect('AGENT_STATE_EVENT')).toMatchObject({ AgentState: AGENT_STATE.WORK_READY });
    agent.request('SET_AGENT_STATE_REQ', { PeripheralID: 5000, AgentState: AGENT_STATE.AVAILABLE });
    expect(await agent.next()).toMatchObject({ MessageType: 'CONTROL_FAILURE_CONF', FailureCode: CONTROL_FAILURE_CODE.WRAPUP_DATA_REQUIRED });
    agent.request('SET_CALL_DATA_REQ', { PeripheralID: 5000, ConnectionCallID: callId, ConnectionDeviceIDType: 0, ConnectionDeviceID: '3001', CallWrapupData: 'resolved' });
    await agent.expect('SET_CALL_DATA_CONF');
    await agent.ready();
  });

  it('an agent logs out from Not Ready only', async () => {
    const sim = await simulator();
    const agent = await agentClient(sim, '3001');
    await agent.login('1001', '3001');
    await agent.ready();
    agent.request('SET_AGENT_STATE_REQ', { PeripheralID: 5000, AgentState: AGENT_STATE.LOGOUT });
    expect(await agent.next()).toMatchObject({ MessageType: 'CONTROL_FAILURE_CONF', FailureCode: CONTROL_FAILURE_CODE.INVALID_OBJECT_STATE });
  });
});
