import { afterEach, describe, expect, it } from 'vitest';
import { AGENT_STATE, EVENT_CAUSE, SERVICE, SESSION_TYPE, STATUS, type Message } from '../../ged188/index.js';
import { CtiSimulator, type SimulatorOptions } from '../../simulator/index.js';
import { Ged188TestClient } from '../support/ged188-client.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

const AGENT_SERVICES = SERVICE.CLIENT_EVENTS | SERVICE.CALL_DATA_UPDATE | SERVICE.CLIENT_CONTROL;

async function start(options: SimulatorOptions = {}): Promise<CtiSimulator> {
  const simulator = await CtiSimulator.start({ maintenanceTiming: { responseMs: 400, stoppingMs: 400 }, ...options });
  cleanups.push(() => simulator.stop());
  return simulator;
}

async function connect(simulator: CtiSimulator, side: 'A' | 'B', version = 24): Promise<Ged188TestClient> {
  const client = await Ged188TestClient.connect(simulator.address(side).port, version);
  cleanups.push(() => client.close());
  return client;
}

/** An agent phone session asking for ACTIVE_STANDBY, as a v24 desktop holding both sides does. */
async function openDuplexAgent(client: Ged188TestClient, instrument: string): Promise<Message<'OPEN_CONF'>> {
  return client.openAgent(instrument, { ServicesRequested: AGENT_SERVICES | SERVICE.ACTIVE_STANDBY, ClientID: `desk-${instrument}` });
}

async function health(simulator: CtiSimulator) {
  return (await fetch(`${simulator.controlUrl}/health`)).json();
}

function postFault(simulator: CtiSimulator, body: unknown): Promise<Response> {
  return fetch(`${simulator.controlUrl}/faults`, { method: 'POST', body: JSON.stringify(body) });
}

/** Nothing else is waiting for `client`: a heartbeat comes straight back. */
async function expectQuiet(client: Ged188TestClient): Promise<void> {
  const invokeId = client.request('HEARTBEAT_REQ', {});
  expect(await client.next()).toMatchObject({ MessageType: 'HEARTBEAT_CONF', InvokeID: invokeId });
}


describe('duplex sides: who the standby side serves', () => {
  it('refuses pre-v24 clients and v24 clients without ACTIVE_STANDBY on the standby side with E_CTI_CTI_SERVER_OFFLINE', async () => {
    const simulator = await start();
    const old = await connect(simulator, 'B', 19);
    old.request('OPEN_REQ', {
      VersionNumber: 19, IdleTimeout: 60, PeripheralID: 5000, ServicesRequested: AGENT_SERVICES | SERVICE.ACTIVE_STANDBY,
      ClientID: 'old', ClientPassword: new Uint8Array(0), AgentInstrument: '3001',
    });
    expect(await old.next()).toMatchObject({ MessageType: 'FAILURE_CONF', Status: STATUS.E_CTI_CTI_SERVER_OFFLINE });
    const plain = await connect(simulator, 'B');
    plain.request('OPEN_REQ', {
      VersionNumber: 24, IdleTimeout: 60, PeripheralID: 5000, ServicesRequested: AGENT_SERVICES, ClientID: 'plain', ClientPassword: new Uint8Array(0), AgentInstrument: '3002',
    });
    expect(await plain.next()).toMatchObject({ MessageType: 'FAILURE_CONF', Status: STATUS.E_CTI_CTI_SERVER_OFFLINE });
  });

  it('gives a v24 ACTIVE_STANDBY client a standby session: heartbeats only, no events, other requests refused', async () => {
    const simulator = await start();
    const active = await connect(simulator, 'A');
    const standby = await connect(simulator, 'B');
    expect(await openDuplexAgent(active, '3001')).toMatchObject({ SessionType: SESSION_TYPE.ACTIVE });
    const conf = await openDuplexAgent(standby, '3001');
    expect(conf).toMatchObject({ MessageType: 'OPEN_CONF', SessionType: SESSION_TYPE.STANDBY });
    expect(conf.ServicesGranted & SERVICE.ACTIVE_STANDBY).toBe(SERVICE.ACTIVE_STANDBY);

    await active.login('1001', '3001');
    await expectQuiet(standby); // the login's AGENT_STATE_EVENTs went to side A only
    const refused = standby.request('SET_AGENT_STATE_REQ', { PeripheralID: 5000, AgentState: AGENT_STATE.AVAILABLE });
    expect(await standby.next()).toMatchObject({ MessageType: 'FAILURE_CONF', InvokeID: refused, Status: STATUS.E_CTI_FUNCTION_NOT_AVAILABLE });
    expect((await health(simulator)).sides).toMatchObject({ A: { state: 'active', sessions: 1 }, B: { state: 'standby', sessions: 1 } });
  });

  it('promotes standby sessions with STANDBY_ACTIVE_EVENT_MSG when the active side fails; agents and calls survive the switch', async () => {
    const simulator = await start();
    const active = await connect(simulator, 'A');
    const standby = await connect(simulator, 'B');
    await openDuplexAgent(active, '3001');
    await openDuplexAgent(standby, '3001');
    await active.login('1001', '3001');
    active.request('SET_AGENT_STATE_REQ', { PeripheralID: 5000, AgentState: AGENT_STATE.AVAILABLE });
    await active.types(2);
    const posted = await fetch(`${simulator.controlUrl}/calls`, { method: 'POST', body: JSON.stringify({ ani: '5551000', dnis: '8005550100' }) });
    const { callId } = (await posted.json()) as { callId: number };
    await active.expect('CALL_DELIVERED_EVENT');

    expect((await postFault(simulator, { type: 'kill-side', side: 'A' })).status).toBe(200);
    expect(await standby.next()).toMatchObject({ MessageType: 'STANDBY_ACTIVE_EVENT_MSG' });
    // The call in progress, re-sent to the promoted session (ged188.md §2.11 rule 3).
    expect(await standby.next()).toMatchObject({ MessageType: 'BEGIN_CALL_EVENT', ConnectionCallID: callId });
    expect(await standby.next()).toMatchObject({ MessageType: 'CALL_DELIVERED_EVENT', ConnectionCallID: callId, EventCause: EVENT_CAUSE.CALL_PARTY_UPDATE_IND });
    // Same peripheral: the agent is still Reserved with the call ringing, and answers it on side B.
    standby.request('QUERY_AGENT_STATE_REQ', { PeripheralID: 5000 });
    expect(await standby.next()).toMatchObject({ MessageType: 'QUERY_AGENT_STATE_CONF', AgentState: AGENT_STATE.RESERVED, NumTasks: 1 });
    standby.request('ANSWER_CALL_REQ', { PeripheralID: 5000, ConnectionCallID: callId, ConnectionDeviceIDType: 0, ConnectionDeviceID: '3001' });
    expect(await standby.types(3)).toEqual(['ANSWER_CALL_CONF', 'CALL_ESTABLISHED_EVENT', 'AGENT_STATE_EVENT']);
    expect((await health(simulator)).sides).toMatchObject({ A: { state: 'down' }, B: { state: 'active', sessions: 1 } });
  });

  it('promotes the standby side when the active side stalls, too', async () => {
    const simulator = await start();
    const standby = await connect(simulator, 'B');
    await openDuplexAgent(standby, '3002');
    await postFault(simulator, { type: 'stall-side', side: 'A' });
    expect(await standby.next()).toMatchObject({ MessageType: 'STANDBY_ACTIVE_EVENT_MSG' });
  });
});

describe('the maintenance hand-over (§2.11)', () => {
  /** A v24 desktop holding side A (active) and side B (standby), and a pre-v24 desktop on side A. */
  async function scene() {
    const simulator = await start();
    const onA = await connect(simulator, 'A');
    const onB = await connect(simulator, 'B');
    await openDuplexAgent(onA, '3001');
    await openDuplexAgent(onB, '3001');
    const legacy = await connect(simulator, 'A', 19);
    await legacy.openAgent('3002');
    return { simulator, onA, onB, legacy };
  }

  it('asks, hears consent, continues, switches sides and closes the old side after STOPPING_REQUESTS_TO_THIS_SIDE_IND', async () => {
    const { simulator, onA, onB, legacy } = await scene();
    const answer = postFault(simulator, { type: 'maintenance', side: 'A' });
    const ask = await onA.expect('ACTIVE_MAINTENANCE_REQ_MSG');
    onA.send({ MessageType: 'ACTIVE_MAINTENANCE_RESP_MSG', InvokeID: ask.InvokeID, MaintenanceModeAccepted: true });
    const response = await answer;
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ maintenance: 'continuing', asked: 1, sides: { A: { state: 'standby', condition: 'maintenance' }, B: { state: 'active' } } });
    expect(await onA.next()).toMatchObject({ MessageType: 'ACTIVE_MAINTENANCE_EVENT_MSG', Continue: true });
    expect(await onB.next()).toMatchObject({ MessageType: 'STANDBY_ACTIVE_EVENT_MSG' });
    // The pre-v24 desktop cannot take part: it is told the server is offline, and fails over.
    expect(await legacy.next()).toMatchObject({ MessageType: 'FAILURE_EVENT', Status: STATUS.E_CTI_CTI_SERVER_OFFLINE });
    await legacy.closed;
    // Side A serves no more requests; side B does.
    const refused = onA.request('QUERY_AGENT_STATE_REQ', { PeripheralID: 5000 });
    expect(await onA.next()).toMatchObject({ MessageType: 'FAILURE_CONF', InvokeID: refused, Status: STATUS.E_CTI_FUNCTION_NOT_AVAILABLE });
    onB.request('QUERY_AGENT_STATE_REQ', { PeripheralID: 5000 });
    expect(await onB.next()).toMatchObject({ MessageType: 'QUERY_AGENT_STATE_CONF' });
    // New sessions on the leaving side are refused with E_CTI_SERVER_IN_MAINTENANCE_MODE.
    const late = await connect(simulator, 'A');
    late.request('OPEN_REQ', { VersionNumber: 24, IdleTimeout: 60, PeripheralID: 0xffffffff, ServicesRequested: 0, ClientID: 'late', ClientPassword: new Uint8Array(0) });
    expect(await late.next()).toMatchObject({ MessageType: 'FAILURE_CONF', Status: STATUS.E_CTI_SERVER_IN_MAINTENANCE_MODE });

    onA.send({ MessageType: 'STOPPING_REQUESTS_TO_THIS_SIDE_IND' });
    await onA.closed;
    await expect.poll(async () => (await health(simulator)).sides.A.state).toBe('down');
    expect((await health(simulator)).sides.B).toMatchObject({ state: 'active', sessions: 1 });
    // And side A can come back, as standby.
    expect((await (await postFault(simulator, { type: 'restore-side', side: 'A' })).json()).sides.A.state).toBe('standby');
  });

  it('cancels when a client refuses: Continue 0 and nothing changes', async () => {
    const { simulator, onA, onB } = await scene();
    const answer = postFault(simulator, { type: 'maintenance', side: 'A' });
    const ask = await onA.expect('ACTIVE_MAINTENANCE_REQ_MSG');
    onA.send({ MessageType: 'ACTIVE_MAINTENANCE_RESP_MSG', InvokeID: ask.InvokeID, MaintenanceModeAccepted: false });
    expect(await (await answer).json()).toMatchObject({ maintenance: 'cancelled', reason: expect.stringMatching(/refused/) });
    expect(await onA.next()).toMatchObject({ MessageType: 'ACTIVE_MAINTENANCE_EVENT_MSG', Continue: false });
    await expectQuiet(onB);
    onA.request('QUERY_AGENT_STATE_REQ', { PeripheralID: 5000 });
    expect(await onA.next()).toMatchObject({ MessageType: 'QUERY_AGENT_STATE_CONF' });
    expect((await health(simulator)).sides).toMatchObject({ A: { state: 'active' }, B: { state: 'standby' } });
  });

  it('cancels when a client stays silent past the answer window', async () => {
    const { simulator, onA } = await scene();
    const started = Date.now();
    const response = await postFault(simulator, { type: 'maintenance', side: 'A' });
    expect(await response.json()).toMatchObject({ maintenance: 'cancelled', reason: expect.stringMatching(/no answer within 400 ms/) });
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    expect(await onA.next()).toMatchObject({ MessageType: 'ACTIVE_MAINTENANCE_REQ_MSG' });
    expect(await onA.next()).toMatchObject({ MessageType: 'ACTIVE_MAINTENANCE_EVENT_MSG', Continue: false });
  });

  it('closes the old side anyway when a client never says STOPPING_REQUESTS_TO_THIS_SIDE_IND', async () => {
    const { simulator, onA } = await scene();
    const answer = postFault(simulator, { type: 'maintenance', side: 'A' });
    const ask = await onA.expect('ACTIVE_MAINTENANCE_REQ_MSG');
    onA.send({ MessageType: 'ACTIVE_MAINTENANCE_RESP_MSG', InvokeID: ask.InvokeID, MaintenanceModeAccepted: true });
    await answer;
    await onA.closed;
    expect((await health(simulator)).sides.A.state).toBe('down');
  });

  it('refuses a hand-over the sides cannot make with 409', async () => {
    const simulator = await start();
    const fromStandby = await postFault(simulator, { type: 'maintenance', side: 'B' });
    expect(fromStandby.status).toBe(409);
    expect((await fromStandby.json()).error).toMatch(/side B is not the active side/);
    await postFault(simulator, { type: 'kill-side', side: 'B' });
    const noPartner = await postFault(simulator, { type: 'maintenance', side: 'A' });
    expect(noPartner.status).toBe(409);
    expect((await noPartner.json()).error).toMatch(/side B is not standby/);
  });
});
