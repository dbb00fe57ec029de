import { afterEach, describe, expect, it } from 'vitest';
import {
  AGENT_STATE,
  CALL_TYPE,
  CONSULT_TYPE,
  CONTROL_FAILURE_CODE,
  EVENT_CAUSE,
  LOCAL_CONNECTION_STATE as LCS,
  type Message,
  type MessageName,
} from '../../ged188/index.js';
import { generatedSite } from '../../simulator/pg/site.js';
import { CtiSimulator } from '../../simulator/index.js';
import { Ged188TestClient } from '../support/ged188-client.js';
import { waitUntil } from '../support/wait-until.js';

/**
 * Call control over TCP against the simulator, checked against the guide's event
 * sequences (ged188.md §4.1): agents 1001–1004 on phones 3001–3004.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

const NO_CALL = 0xffffffff;
const CALLER = '5551234';

async function simulator(outsideAnswerMs = 0): Promise<CtiSimulator> {
  const sim = await CtiSimulator.start({ site: generatedSite({ agents: 4 }) });
  sim.peripheral.outsideAnswerMs = outsideAnswerMs;
  cleanups.push(() => sim.stop());
  return sim;
}

/** An agent's desktop: its session, logged in (Not Ready). */
async function loggedIn(sim: CtiSimulator, agentId: string, instrument: string, version = 24): Promise<Ged188TestClient> {
  const client = await Ged188TestClient.connect(sim.address('A').port, version);
  cleanups.push(() => client.close());
  await client.openAgent(instrument);
  await client.login(agentId, instrument);
  return client;
}


/** A caller's call routed to `agent` (Ready) and answered there; returns its call id. */
async function answeredCall(sim: CtiSimulator, agent: Ged188TestClient, instrument: string): Promise<number> {
  await agent.ready();
  const response = await fetch(`${sim.controlUrl}/calls`, {
    method: 'POST',
    body: JSON.stringify({ ani: CALLER, dnis: '8005550100', skillGroup: 100, callVariables: { '1': 'account 42' }, ecc: { 'user.lang': 'en' } }),
  });
  const { callId } = (await response.json()) as { callId: number };
  expect(await agent.types(3)).toEqual(['AGENT_STATE_EVENT', 'BEGIN_CALL_EVENT', 'CALL_DELIVERED_EVENT']);
  agent.request('ANSWER_CALL_REQ', { PeripheralID: 5000, ConnectionCallID: callId, ConnectionDeviceIDType: 0, ConnectionDeviceID: instrument });
  expect(await agent.types(3)).toEqual(['ANSWER_CALL_CONF', 'CALL_ESTABLISHED_EVENT', 'AGENT_STATE_EVENT']);
  return callId;
}

/** Reads messages and checks their types in order; returns them by position. */
async function sequence(client: Ged188TestClient, types: readonly MessageName[]): Promise<Message[]> {
  const messages = await client.take(types.length);
  expect(messages.map((m) => m.MessageType)).toEqual(types);
  return messages;
}

function answer(client: Ged188TestClient, callId: number, instrument: string): void {
  client.request('ANSWER_CALL_REQ', { PeripheralID: 5000, ConnectionCallID: callId, ConnectionDeviceIDType: 0, ConnectionDeviceID: instrument });
}

function consult(client: Ged188TestClient, callId: number, dialed: string, consultType: number): void {
  client.request('CONSULTATION_CALL_REQ', {
    PeripheralID: 5000,
    ActiveConnectionCallID: callId,
    ActiveConnectionDeviceIDType: 0,
    ActiveConnectionDeviceID: '3001',
    ConsultType: consultType,
    DialedNumber: dialed,
    AgentInstrument: '3001',
  });
}

async function calls(sim: CtiSimulator): Promise<{ callId: number; state: string; parties: { device: string; state: number }[] }[]> {
  return (await (await fetch(`${sim.controlUrl}/calls`)).json()) as never;
}

/**
 * Agent 1001 has a caller on call C1 and consults agent 1002, who answers: the state
 * every consultation test starts from. Checks the consultation sequence on both desktops.
 */
async function consulted(consultType: number) {
  const sim = await simulator();
  const a = await loggedIn(sim, '1001', '3001');
  const b = await loggedIn(sim, '1002', '3002');
  const original = await answeredCall(sim, a, '3001');
  consult(a, original, '3002', consultType);
  const [held, conf, begin, initiated, originated, delivered] = await sequence(a, [
    'CALL_HELD_EVENT',
    'CONSULTATION_CALL_CONF',
    'BEGIN_CALL_EVENT',
    'CALL_SERVICE_INITIATED_EVENT',
    'CALL_ORIGINATED_EVENT',
    'CALL_DELIVERED_EVENT',
  ]);
  const consultation = (conf as Message<'CONSULTATION_CALL_CONF'>).NewConnectionCallID;
  expect(held).toMatchObject({ ConnectionCallID: original, ConnectionDeviceID: '3001', LocalConnectionState: LCS.HOLD });
  expect(conf).toMatchObject({ NewConnectionDeviceID: '3001' });
  expect(consultation).not.toBe(original);
  // The consultation call carries the consulted call's data along.
  expect(begin).toMatchObject({ ConnectionCallID: consultation, CallVariable1: 'account 42', NamedVariable: [{ name: 'user.lang', value: 'en' }] });
  expect(begin).toMatchObject({ CallType: consultType === CONSULT_TYPE.CONFERENCE ? CALL_TYPE.CONSULT_CONFERENCE : CALL_TYPE.CONSULT });
  expect(initiated).toMatchObject({ ConnectionCallID: consultation, LocalConnectionState: LCS.INITIATE });
  expect(originated).toMatchObject({ CallingDeviceID: '3001', CalledDeviceID: '3002' });
  expect(delivered).toMatchObject({ ConnectionCallID: consultation, ConnectionDeviceID: '3002', AlertingDeviceID: '3002' });

  expect(await sequence(b, ['BEGIN_CALL_EVENT', 'CALL_DELIVERED_EVENT'])).toMatchObject([
    { ConnectionCallID: consultation, ConnectionDeviceID: '3002', CallVariable1: 'account 42' },
    { ConnectionCallID: consultation, LocalConnectionState: LCS.ALERTING },
  ]);
  answer(b, consultation, '3002');
  expect(await sequence(b, ['ANSWER_CALL_CONF', 'CALL_ESTABLISHED_EVENT', 'AGENT_STATE_EVENT'])).toMatchObject([
    {},
    { ConnectionCallID: consultation, AnsweringDeviceID: '3002' },
    { AgentState: AGENT_STATE.TALKING },
  ]);
  // The consulting agent stays Talking throughout: no agent state event on its desktop.
  expect(await sequence(a, ['CALL_ESTABLISHED_EVENT'])).toMatchObject([{ ConnectionCallID: consultation }]);
  return { sim, a, b, original, consultation };
}

describe('placing calls', () => {
  it.each([24, 19])('agent to agent (protocol version %i): rings at the other agent, who answers; both are Talking, then wrap up', async (version) => {
    const sim = await simulator();
    const a = await loggedIn(sim, '1001', '3001', version);
    const b = await loggedIn(sim, '1002', '3002', version);
    a.request('MAKE_CALL_REQ', { PeripheralID: 5000, AgentInstrument: '3001', DialedNumber: '3002', CallVariable2: 'from 1001' });
    const [conf, begin, initiated, originated, delivered] = await sequence(a, [
      'MAKE_CALL_CONF',
      'BEGIN_CALL_EVENT',
      'CALL_SERVICE_INITIATED_EVENT',
      'CALL_ORIGINATED_EVENT',
      'CALL_DELIVERED_EVENT',
    ]);
    const callId = (conf as Message<'MAKE_CALL_CONF'>).NewConnectionCallID;
    expect(conf).toMatchObject({ NewConnectionDeviceID: '3001', NewConnectionDeviceIDType: 0 });
    expect(begin).toMatchObject({ ConnectionCallID: callId, ConnectionDeviceID: '3001', CallType: CALL_TYPE.AGENT_INSIDE, CallVariable2: 'from 1001' });
    expect(initiated).toMatchObject({ ConnectionCallID: callId, LocalConnectionState: LCS.INITIATE, CallingDeviceID: '3001' });
    expect(originated).toMatchObject({ ConnectionCallID: callId, LocalConnectionState: LCS.CONNECT, CalledDeviceID: '3002' });
    expect(delivered).toMatchObject({ ConnectionCallID: callId, ConnectionDeviceID: '3002', LocalConnectionState: LCS.ALERTING });

    expect(await sequence(b, ['BEGIN_CALL_EVENT', 'CALL_DELIVERED_EVENT'])).toMatchObject([
      { ConnectionCallID: callId, ConnectionDeviceID: '3002', ANI: '3001', DNIS: '3002' },
      { ConnectionCallID: callId, AlertingDeviceID: '3002', CallingDeviceID: '3001' },
    ]);
    expect((await calls(sim))[0]).toMatchObject({ callId, state: 'alerting', parties: [{ device: '3001', state: LCS.CONNECT }, { device: '3002', state: LCS.ALERTING }] });

    answer(b, callId, '3002');
    expect(await b.types(3)).toEqual(['ANSWER_CALL_CONF', 'CALL_ESTABLISHED_EVENT', 'AGENT_STATE_EVENT']);
    expect(await sequence(a, ['CALL_ESTABLISHED_EVENT', 'AGENT_STATE_EVENT'])).toMatchObject([
      { ConnectionCallID: callId, AnsweringDeviceID: '3002' },
      { AgentState: AGENT_STATE.TALKING },
    ]);
    expect((await calls(sim))[0]).toMatchObject({ callId, state: 'connected', parties: [{ device: '3001', state: LCS.CONNECT }, { device: '3002', state: LCS.CONNECT }] });

    a.request('CLEAR_CONNECTION_REQ', { PeripheralID: 5000, ConnectionCallID: callId, ConnectionDeviceIDType: 0, ConnectionDeviceID: '3001' });
    expect(await sequence(a, ['CLEAR_CONNECTION_CONF', 'CALL_CONNECTION_CLEARED_EVENT', 'CALL_CLEARED_EVENT', 'END_CALL_EVENT', 'AGENT_STATE_EVENT'])).toMatchObject([
      {}, {}, {}, {}, { AgentState: AGENT_STATE.WORK_NOT_READY },
    ]);
    expect(await sequence(b, ['CALL_CONNECTION_CLEARED_EVENT', 'CALL_CLEARED_EVENT', 'END_CALL_EVENT', 'AGENT_STATE_EVENT'])).toMatchObject([
      { ReleasingDeviceID: '3001' }, {}, {}, { AgentState: AGENT_STATE.WORK_NOT_READY },
    ]);
  });

  it('outbound: a Ready agent is Busy Other while it dials, the network answers after the delay, and it is Talking', async () => {
    // Long enough for the dialling events to be read before the answer, on a loaded machine too.
    const sim = await simulator(300);
    const a = await loggedIn(sim, '1001', '3001');
    await a.ready();
    a.request('MAKE_CALL_REQ', { PeripheralID: 5000, AgentInstrument: '3001', DialedNumber: '5559876543', NamedVariable: [{ name: 'user.campaign', value: 'spring' }] });
    const messages = await sequence(a, [
      'MAKE_CALL_CONF',
      'BEGIN_CALL_EVENT',
      'CALL_SERVICE_INITIATED_EVENT',
      'CALL_ORIGINATED_EVENT',
      'AGENT_STATE_EVENT',
      'CALL_REACHED_NETWORK_EVENT',
      'CALL_DELIVERED_EVENT',
    ]);
    const callId = (messages[0] as Message<'MAKE_CALL_CONF'>).NewConnectionCallID;
    expect(messages[1]).toMatchObject({ CallType: CALL_TYPE.AGENT_OUT, NamedVariable: [{ name: 'user.campaign', value: 'spring' }] });
    expect(messages[4]).toMatchObject({ AgentState: AGENT_STATE.BUSY_OTHER });
    expect(messages[5]).toMatchObject({ ConnectionCallID: callId, CalledDeviceID: '5559876543' });
    expect(messages[6]).toMatchObject({ ConnectionDeviceID: '5559876543', AlertingDeviceType: 75 });
    expect(a.unread).toBe(0);
    expect(await sequence(a, ['CALL_ESTABLISHED_EVENT', 'AGENT_STATE_EVENT'])).toMatchObject([
      { ConnectionCallID: callId, AnsweringDeviceID: '5559876543' },
      { AgentState: AGENT_STATE.TALKING },
    ]);
    expect((await calls(sim))[0]).toMatchObject({ callId, state: 'connected', parties: [{ device: '3001' }, { device: '5559876543', state: LCS.CONNECT }] });
  });

  it('an unknown internal number fails the call (CALL_FAILED); a logged-out agent is refused with CONTROL_FAILURE_CONF', async () => {
    const sim = await simulator();
    const a = await loggedIn(sim, '1001', '3001');
    a.request('MAKE_CALL_REQ', { PeripheralID: 5000, AgentInstrument: '3001', DialedNumber: '3999' });
    const messages = await sequence(a, [
      'MAKE_CALL_CONF',
      'BEGIN_CALL_EVENT',
      'CALL_SERVICE_INITIATED_EVENT',
      'CALL_ORIGINATED_EVENT',
      'CALL_FAILED_EVENT',
      'CALL_CLEARED_EVENT',
      'END_CALL_EVENT',
    ]);
    expect(messages[4]).toMatchObject({ FailingDeviceID: '3999', LocalConnectionState: LCS.FAIL, EventCause: EVENT_CAUSE.DEST_NOT_OBTAINABLE });
    a.request('MAKE_CALL_REQ', { PeripheralID: 5000, AgentInstrument: '3001', DialedNumber: '3003' });
    expect(await a.next()).toMatchObject({ MessageType: 'CONTROL_FAILURE_CONF', FailureCode: CONTROL_FAILURE_CODE.INVALID_CALLED_DEVICE });
    expect(await calls(sim)).toEqual([]);
    expect((await (await fetch(`${sim.controlUrl}/agents`)).json())[0]).toMatchObject({ agentId: '1001', state: AGENT_STATE.NOT_READY });
  });
});

describe('consultation, transfer and conference', () => {
  it('consult and transfer: the caller ends up with the consulted agent on the original call; the transferring agent wraps up', async () => {
    const { sim, a, b, original, consultation } = await consulted(CONSULT_TYPE.TRANSFER);
    a.request('TRANSFER_CALL_REQ', {
      PeripheralID: 5000,
      ActiveConnectionCallID: consultation,
      HeldConnectionCallID: original,
      ActiveConnectionDeviceIDType: 0,
      HeldConnectionDeviceIDType: 0,
      ActiveConnectionDeviceID: '3001',
      HeldConnectionDeviceID: '3001',
    });
    const [conf, transferred, endConsult, endOriginal, state] = await sequence(a, [
      'TRANSFER_CALL_CONF',
      'CALL_TRANSFERRED_EVENT',
      'END_CALL_EVENT',
      'END_CALL_EVENT',
      'AGENT_STATE_EVENT',
    ]);
    expect(conf).toMatchObject({
      NewConnectionCallID: original,
      NewConnectionDeviceID: '3002',
      NumParties: 2,
      ConnectedPartyCallID: [original, original],
      ConnectedPartyDeviceIDType: [0, 0],
      ConnectedPartyDeviceID: [CALLER, '3002'],
    });
    expect(transferred).toMatchObject({
      PrimaryCallID: original,
      SecondaryCallID: consultation,
      TransferringDeviceID: '3001',
      TransferredDeviceID: '3002',
      NumParties: 2,
      ConnectedPartyDeviceID: [CALLER, '3002'],
    });
    expect(endConsult).toMatchObject({ ConnectionCallID: consultation });
    expect(endOriginal).toMatchObject({ ConnectionCallID: original });
    expect(state).toMatchObject({ AgentState: AGENT_STATE.WORK_NOT_READY });

    const [, begin, end] = await sequence(b, ['CALL_TRANSFERRED_EVENT', 'BEGIN_CALL_EVENT', 'END_CALL_EVENT']);
    // Agent 1002 now has the original call, its data and ECC, on its own connection.
    expect(begin).toMatchObject({ ConnectionCallID: original, ConnectionDeviceID: '3002', ANI: CALLER, CallVariable1: 'account 42' });
    expect((begin as Message<'BEGIN_CALL_EVENT'>).NamedVariable).toEqual([{ name: 'user.lang', value: 'en' }]);
    expect(end).toMatchObject({ ConnectionCallID: consultation });
    expect(await calls(sim)).toMatchObject([
      { callId: original, state: 'connected', parties: [{ device: CALLER, state: LCS.CONNECT }, { device: '3002', state: LCS.CONNECT }] },
    ]);

    await fetch(`${sim.controlUrl}/calls/${original}/hangup`, { method: 'POST' });
    expect(await sequence(b, ['CALL_CONNECTION_CLEARED_EVENT', 'CALL_CLEARED_EVENT', 'END_CALL_EVENT', 'AGENT_STATE_EVENT'])).toMatchObject([
      { ConnectionCallID: original, ReleasingDeviceID: CALLER }, {}, {}, { AgentState: AGENT_STATE.WORK_NOT_READY },
    ]);
    expect(a.unread).toBe(0);
  });

  it('consult an outside number, then transfer: the caller and the outside number stay connected without the agent', async () => {
    // The outside number rings long enough for the transfer to come first, on a loaded machine too.
    const sim = await simulator(300);
    const a = await loggedIn(sim, '1001', '3001');
    const original = await answeredCall(sim, a, '3001');
    consult(a, original, '5550002222', CONSULT_TYPE.TRANSFER);
    const messages = await sequence(a, [
      'CALL_HELD_EVENT',
      'CONSULTATION_CALL_CONF',
      'BEGIN_CALL_EVENT',
      'CALL_SERVICE_INITIATED_EVENT',
      'CALL_ORIGINATED_EVENT',
      'CALL_REACHED_NETWORK_EVENT',
      'CALL_DELIVERED_EVENT',
    ]);
    const consultation = (messages[1] as Message<'CONSULTATION_CALL_CONF'>).NewConnectionCallID;
    // Transferred while the outside number still rings: it answers on the original call.
    a.request('TRANSFER_CALL_REQ', { PeripheralID: 5000, ActiveConnectionCallID: consultation, HeldConnectionCallID: original, ActiveConnectionDeviceID: '3001', HeldConnectionDeviceID: '3001' });
    expect(await sequence(a, ['TRANSFER_CALL_CONF', 'CALL_TRANSFERRED_EVENT', 'END_CALL_EVENT', 'END_CALL_EVENT', 'AGENT_STATE_EVENT'])).toMatchObject([
      { NewConnectionCallID: original, ConnectedPartyDeviceID: [CALLER, '5550002222'] },
      { TransferredDeviceID: '5550002222', TransferredDeviceType: 75 },
      { ConnectionCallID: consultation },
      { ConnectionCallID: original },
      { AgentState: AGENT_STATE.WORK_NOT_READY },
    ]);
    const outsideAnswered = async () => (await calls(sim))[0]?.parties.some((p) => p.device === '5550002222' && p.state === LCS.CONNECT) === true;
    await waitUntil(outsideAnswered, 'the outside number to answer on the original call');
    expect(await calls(sim)).toMatchObject([{ callId: original, state: 'connected', parties: [{ device: CALLER }, { device: '5550002222', state: LCS.CONNECT }] }]);
    // The agent left the call with the transfer: the answer brings it nothing.
    await a.expectNothingPending();
  });

  it('consult and conference: three parties; the call goes on when one agent drops and ends when one party is left', async () => {
    const { sim, a, b, original, consultation } = await consulted(CONSULT_TYPE.CONFERENCE);
    a.request('CONFERENCE_CALL_REQ', {
      PeripheralID: 5000,
      HeldConnectionCallID: original,
      ActiveConnectionCallID: consultation,
      HeldConnectionDeviceIDType: 0,
      ActiveConnectionDeviceIDType: 0,
      HeldConnectionDeviceID: '3001',
      ActiveConnectionDeviceID: '3001',
    });
    const [conf, conferenced] = await sequence(a, ['CONFERENCE_CALL_CONF', 'CALL_CONFERENCED_EVENT', 'END_CALL_EVENT']);
    const parties = { ConnectedPartyCallID: [original, original, original], ConnectedPartyDeviceID: [CALLER, '3001', '3002'] };
    expect(conf).toMatchObject({ NewConnectionCallID: original, NumParties: 3, ...parties });
    expect(conferenced).toMatchObject({ PrimaryCallID: original, SecondaryCallID: consultation, NumParties: 3, ControllerDeviceID: '3001', AddedPartyDeviceID: '3002', ...parties });
    expect(await sequence(b, ['CALL_CONFERENCED_EVENT', 'BEGIN_CALL_EVENT', 'END_CALL_EVENT'])).toMatchObject([
      { NumParties: 3 },
      { ConnectionCallID: original, ConnectionDeviceID: '3002', CallVariable1: 'account 42' },
      { ConnectionCallID: consultation },
    ]);
    expect((await calls(sim))[0]).toMatchObject({ callId: original, parties: [{ device: CALLER }, { device: '3001', state: LCS.CONNECT }, { device: '3002', state: LCS.CONNECT }] });

    a.request('CLEAR_CONNECTION_REQ', { PeripheralID: 5000, ConnectionCallID: original, ConnectionDeviceIDType: 0, ConnectionDeviceID: '3001' });
    expect(await sequence(a, ['CLEAR_CONNECTION_CONF', 'CALL_CONNECTION_CLEARED_EVENT', 'END_CALL_EVENT', 'AGENT_STATE_EVENT'])).toMatchObject([
      {}, { ReleasingDeviceID: '3001' }, { ConnectionCallID: original }, { AgentState: AGENT_STATE.WORK_NOT_READY },
    ]);
    expect(await sequence(b, ['CALL_CONNECTION_CLEARED_EVENT'])).toMatchObject([{ ReleasingDeviceID: '3001' }]);
    expect((await calls(sim))[0]).toMatchObject({ callId: original, state: 'connected', parties: [{ device: CALLER }, { device: '3002' }] });

    b.request('CLEAR_CONNECTION_REQ', { PeripheralID: 5000, ConnectionCallID: original, ConnectionDeviceIDType: 0, ConnectionDeviceID: '3002' });
    expect(await b.types(5)).toEqual(['CLEAR_CONNECTION_CONF', 'CALL_CONNECTION_CLEARED_EVENT', 'CALL_CLEARED_EVENT', 'END_CALL_EVENT', 'AGENT_STATE_EVENT']);
    expect(await calls(sim)).toEqual([]);
  });

  it('RECONNECT cancels the consultation: the consult call clears and the original call is retrieved', async () => {
    const { sim, a, b, original, consultation } = await consulted(CONSULT_TYPE.TRANSFER);
    a.request('RECONNECT_CALL_REQ', {
      PeripheralID: 5000,
      ActiveConnectionCallID: consultation,
      HeldConnectionCallID: original,
      ActiveConnectionDeviceIDType: 0,
      HeldConnectionDeviceIDType: 0,
      ActiveConnectionDeviceID: '3001',
      HeldConnectionDeviceID: '3001',
    });
    expect(await sequence(a, ['RECONNECT_CALL_CONF', 'CALL_CONNECTION_CLEARED_EVENT', 'CALL_CLEARED_EVENT', 'END_CALL_EVENT', 'CALL_RETRIEVED_EVENT'])).toMatchObject([
      {},
      { ConnectionCallID: consultation, ReleasingDeviceID: '3001' },
      { ConnectionCallID: consultation },
      { ConnectionCallID: consultation },
      { ConnectionCallID: original, RetrievingDeviceID: '3001', LocalConnectionState: LCS.CONNECT },
    ]);
    expect(await sequence(b, ['CALL_CONNECTION_CLEARED_EVENT', 'CALL_CLEARED_EVENT', 'END_CALL_EVENT', 'AGENT_STATE_EVENT'])).toMatchObject([
      {}, {}, {}, { AgentState: AGENT_STATE.WORK_NOT_READY },
    ]);
    expect(await calls(sim)).toMatchObject([{ callId: original, state: 'connected', parties: [{ device: CALLER }, { device: '3001', state: LCS.CONNECT }] }]);
    expect(a.unread).toBe(0);
  });

  it('ALTERNATE swaps the held and the active call', async () => {
    const { sim, a, b, original, consultation } = await consulted(CONSULT_TYPE.TRANSFER);
    const alternate = (active: number, other: number) =>
      a.request('ALTERNATE_CALL_REQ', {
        PeripheralID: 5000,
        ActiveConnectionCallID: active,
        OtherConnectionCallID: other,
        ActiveConnectionDeviceIDType: 0,
        OtherConnectionDeviceIDType: 0,
        ActiveConnectionDeviceID: '3001',
        OtherConnectionDeviceID: '3001',
      });
    alternate(consultation, original);
    expect(await sequence(a, ['ALTERNATE_CALL_CONF', 'CALL_HELD_EVENT', 'CALL_RETRIEVED_EVENT'])).toMatchObject([
      {},
      { ConnectionCallID: consultation, HoldingDeviceID: '3001' },
      { ConnectionCallID: original, RetrievingDeviceID: '3001' },
    ]);
    expect(await sequence(b, ['CALL_HELD_EVENT'])).toMatchObject([{ ConnectionCallID: consultation, ConnectionDeviceID: '3001' }]);
    const [, parked] = await calls(sim);
    expect(parked).toMatchObject({ callId: consultation, state: 'held' });
    alternate(original, consultation);
    expect(await a.types(3)).toEqual(['ALTERNATE_CALL_CONF', 'CALL_HELD_EVENT', 'CALL_RETRIEVED_EVENT']);
    alternate(original, consultation);
    expect(await a.next()).toMatchObject({ MessageType: 'CONTROL_FAILURE_CONF', FailureCode: CONTROL_FAILURE_CODE.NO_ACTIVE_CALL });
  });

  it('single-step transfer: the call rings at the other agent and the transferring agent leaves at once', async () => {
    const sim = await simulator();
    const a = await loggedIn(sim, '1001', '3001');
    const b = await loggedIn(sim, '1002', '3002');
    const callId = await answeredCall(sim, a, '3001');
    a.request('TRANSFER_CALL_REQ', { PeripheralID: 5000, ActiveConnectionCallID: callId, HeldConnectionCallID: NO_CALL, ActiveConnectionDeviceIDType: 0, ActiveConnectionDeviceID: '3001', DialedNumber: '3002' });
    const [conf, transferred, , state] = await sequence(a, ['TRANSFER_CALL_CONF', 'CALL_TRANSFERRED_EVENT', 'END_CALL_EVENT', 'AGENT_STATE_EVENT']);
    expect(conf).toMatchObject({ NewConnectionCallID: callId, NumParties: 2, ConnectedPartyDeviceID: [CALLER, '3002'] });
    expect(transferred).toMatchObject({ PrimaryCallID: callId, SecondaryCallID: NO_CALL, TransferringDeviceID: '3001', TransferredDeviceID: '3002' });
    expect(state).toMatchObject({ AgentState: AGENT_STATE.WORK_NOT_READY });
    expect(await sequence(b, ['BEGIN_CALL_EVENT', 'CALL_DELIVERED_EVENT'])).toMatchObject([
      { ConnectionCallID: callId, ConnectionDeviceID: '3002', ANI: CALLER, CallVariable1: 'account 42' },
      { ConnectionCallID: callId, AlertingDeviceID: '3002', CallingDeviceID: CALLER },
    ]);
    answer(b, callId, '3002');
    expect(await b.types(3)).toEqual(['ANSWER_CALL_CONF', 'CALL_ESTABLISHED_EVENT', 'AGENT_STATE_EVENT']);
    expect(await calls(sim)).toMatchObject([{ callId, parties: [{ device: CALLER }, { device: '3002', state: LCS.CONNECT }] }]);
  });

  it('single-step conference adds an outside number to the call', async () => {
    const sim = await simulator();
    const a = await loggedIn(sim, '1001', '3001');
    const callId = await answeredCall(sim, a, '3001');
    a.request('CONFERENCE_CALL_REQ', { PeripheralID: 5000, HeldConnectionCallID: NO_CALL, ActiveConnectionCallID: callId, ActiveConnectionDeviceIDType: 0, ActiveConnectionDeviceID: '3001', DialedNumber: '5550001111' });
    const [conf, conferenced] = await sequence(a, ['CONFERENCE_CALL_CONF', 'CALL_CONFERENCED_EVENT', 'CALL_REACHED_NETWORK_EVENT', 'CALL_DELIVERED_EVENT', 'CALL_ESTABLISHED_EVENT']);
    expect(conf).toMatchObject({ NewConnectionCallID: callId, NumParties: 3, ConnectedPartyDeviceID: [CALLER, '3001', '5550001111'] });
    expect(conferenced).toMatchObject({ PrimaryCallID: callId, AddedPartyDeviceID: '5550001111', NumParties: 3 });
    expect((await calls(sim))[0]).toMatchObject({ callId, parties: [{ state: LCS.CONNECT }, { state: LCS.CONNECT }, { device: '5550001111', state: LCS.CONNECT }] });
  });
});

describe('DTMF, snapshots and refusals', () => {
  it('sends valid DTMF digits and refuses others', async () => {
    const sim = await simulator();
    const a = await loggedIn(sim, '1001', '3001');
    const callId = await answeredCall(sim, a, '3001');
    const dtmf = (digits: string) =>
      a.request('SEND_DTMF_SIGNAL_REQ', { PeripheralID: 5000, ConnectionCallID: callId, ConnectionDeviceIDType: 0, ConnectionDeviceID: '3001', DTMFString: digits });
    dtmf('0123456789*#ABCD');
    expect(await a.next()).toMatchObject({ MessageType: 'SEND_DTMF_SIGNAL_CONF' });
    dtmf('12E');
    expect(await a.next()).toMatchObject({ MessageType: 'CONTROL_FAILURE_CONF', FailureCode: CONTROL_FAILURE_CODE.VALUE_OUT_OF_RANGE });
  });

  it('answers SNAPSHOT_DEVICE and SNAPSHOT_CALL from the model during a consultation', async () => {
    const { a, original, consultation } = await consulted(CONSULT_TYPE.TRANSFER);
    a.request('SNAPSHOT_DEVICE_REQ', { PeripheralID: 5000, SnapshotDeviceType: 0, AgentInstrument: '3001' });
    expect(await a.next()).toMatchObject({
      MessageType: 'SNAPSHOT_DEVICE_CONF',
      NumCalls: 2,
      CallConnectionCallID: [original, consultation],
      CallConnectionDeviceIDType: [0, 0],
      CallConnectionDeviceID: ['3001', '3001'],
      CallState: [LCS.HOLD, LCS.CONNECT],
    });
    a.request('SNAPSHOT_CALL_REQ', { PeripheralID: 5000, ConnectionCallID: original, ConnectionDeviceIDType: 0, ConnectionDeviceID: '3001' });
    const snapshot = (await a.next()) as Message<'SNAPSHOT_CALL_CONF'>;
    expect(snapshot).toMatchObject({
      MessageType: 'SNAPSHOT_CALL_CONF',
      CallType: CALL_TYPE.ACD_IN,
      NumCTIClients: 0,
      NumCallDevices: 2,
      ANI: CALLER,
      DNIS: '8005550100',
      CallVariable1: 'account 42',
      CallConnectionCallID: [original, original],
      CallDeviceID: [CALLER, '3001'],
      CallDeviceType: [75, 0],
      CallDeviceConnectionState: [LCS.CONNECT, LCS.HOLD],
    });
    expect(snapshot.NamedVariable).toEqual([{ name: 'user.lang', value: 'en' }]);
    a.request('SNAPSHOT_CALL_REQ', { PeripheralID: 5000, ConnectionCallID: 42, ConnectionDeviceIDType: 0, ConnectionDeviceID: '3001' });
    expect(await a.next()).toMatchObject({ MessageType: 'CONTROL_FAILURE_CONF', FailureCode: CONTROL_FAILURE_CODE.INVALID_CSTA_CALL_IDENTIFIER });
  });

  it('refuses a transfer without a consultation call and a hold of a held call with CONTROL_FAILURE_CONF', async () => {
    const sim = await simulator();
    const a = await loggedIn(sim, '1001', '3001');
    const callId = await answeredCall(sim, a, '3001');
    a.request('TRANSFER_CALL_REQ', { PeripheralID: 5000, ActiveConnectionCallID: callId, HeldConnectionCallID: callId + 1, ActiveConnectionDeviceIDType: 0, HeldConnectionDeviceIDType: 0, ActiveConnectionDeviceID: '3001', HeldConnectionDeviceID: '3001' });
    expect(await a.next()).toMatchObject({ MessageType: 'CONTROL_FAILURE_CONF', FailureCode: CONTROL_FAILURE_CODE.NO_CALL_TO_COMPLETE });
    const hold = () => a.request('HOLD_CALL_REQ', { PeripheralID: 5000, ConnectionCallID: callId, ConnectionDeviceIDType: 0, ConnectionDeviceID: '3001' });
    hold();
    expect(await a.types(3)).toEqual(['HOLD_CALL_CONF', 'CALL_HELD_EVENT', 'AGENT_STATE_EVENT']);
    hold();
    expect(await a.next()).toMatchObject({ MessageType: 'CONTROL_FAILURE_CONF', FailureCode: CONTROL_FAILURE_CODE.NO_ACTIVE_CALL });
    // A consultation from a held call is refused too, and leaves the call as it was.
    consult(a, callId, '3002', CONSULT_TYPE.TRANSFER);
    expect(await a.next()).toMatchObject({ MessageType: 'CONTROL_FAILURE_CONF', FailureCode: CONTROL_FAILURE_CODE.NO_ACTIVE_CALL });
    expect(await calls(sim)).toMatchObject([{ callId, state: 'held' }]);
  });
});
