import { afterEach, describe, expect, it } from 'vitest';
import { AGENT_STATE, CONTROL_FAILURE_CODE, SERVICE, STATUS, type Message } from '../../ged188/index.js';
import { CtiSimulator } from '../../simulator/index.js';
import { skillTargetId } from '../../simulator/pg/model.js';
import { generatedSite } from '../../simulator/pg/site.js';
import { Ged188TestClient } from '../support/ged188-client.js';

/**
 * How the simulator knows which agent a request is about, as a third-party client sees it
 * over the wire: the guide names the agent by MRDID plus any one of ICMAgentID,
 * AgentExtension, AgentID or AgentInstrument (QUERY_AGENT_STATE_REQ).
 */

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

const VOICE_MRD = 1;

/** Agents 1001… on instruments 3001…, with extensions 7001… so an extension is not an instrument. */
async function simulator(): Promise<CtiSimulator> {
  const site = generatedSite({ agents: 3 });
  const agents = site.agents.map((a, i) => (a.supervisor ? a : { ...a, extension: String(7001 + i) }));
  const sim = await CtiSimulator.start({ site: { ...site, agents } });
  cleanups.push(() => sim.stop());
  return sim;
}

async function connect(sim: CtiSimulator, version = 24): Promise<Ged188TestClient> {
  const client = await Ged188TestClient.connect(sim.address('A').port, version);
  cleanups.push(() => client.close());
  return client;
}

/** A bridge-style client: ALL_EVENTS, bound to no agent, as the third-party monitors were. */
async function monitor(sim: CtiSimulator, version = 24): Promise<Ged188TestClient> {
  const client = await connect(sim, version);
  client.request('OPEN_REQ', {
    VersionNumber: version, IdleTimeout: 60, PeripheralID: 0xffffffff, ServicesRequested: SERVICE.ALL_EVENTS,
    CallMsgMask: 0xffff, AgentStateMask: 0x3fff, ClientID: 'third-party', ClientPassword: new Uint8Array(0),
  });
  await client.expect('OPEN_CONF');
  // Past the greeting (SYSTEM_EVENT and the like): the heartbeat's answer comes after it.
  client.request('HEARTBEAT_REQ', {});
  await client.expect('HEARTBEAT_CONF');
  return client;
}

describe.each([24, 15])('QUERY_AGENT_STATE over protocol version %i', (version) => {
  it('answers a logged-out agent with its AgentID and ICMAgentID, so a client keying agents by AgentID gets each under its own', async () => {
    const sim = await simulator();
    const client = await monitor(sim, version);
    const answers: Message<'QUERY_AGENT_STATE_CONF'>[] = [];
    for (const agentId of ['1001', '1002', '1003']) {
      client.request('QUERY_AGENT_STATE_REQ', { PeripheralID: 5000, MRDID: VOICE_MRD, ICMAgentID: -1, AgentID: agentId });
      answers.push(await client.expect('QUERY_AGENT_STATE_CONF'));
    }
    expect(answers.map((a) => [a.AgentState, a.AgentID, a.AgentExtension, a.AgentInstrument, a.ICMAgentID])).toEqual([
      // No phone while logged out: an agent is on a device only between login and logout.
      [AGENT_STATE.LOGOUT, '1001', undefined, undefined, skillTargetId('1001')],
      [AGENT_STATE.LOGOUT, '1002', undefined, undefined, skillTargetId('1002')],
      [AGENT_STATE.LOGOUT, '1003', undefined, undefined, skillTargetId('1003')],
    ]);
  });

  it('finds the agent by any one of ICMAgentID, AgentExtension, AgentID and AgentInstrument', async () => {
    const sim = await simulator();
    const desk = await connect(sim, version);
    await desk.openAgent('3002');
    await desk.login('1002', '3002');
    const client = await monitor(sim, version);
    const namings = [
      { ICMAgentID: skillTargetId('1002') },
      { ICMAgentID: 0, AgentExtension: '7002' },
      { ICMAgentID: -1, AgentID: '1002' },
      { ICMAgentID: -1, AgentInstrument: '3002' },
    ];
    for (const naming of namings) {
      client.request('QUERY_AGENT_STATE_REQ', { PeripheralID: 5000, MRDID: VOICE_MRD, ...naming });
      expect(await client.next(), JSON.stringify(naming)).toMatchObject({
        MessageType: 'QUERY_AGENT_STATE_CONF', AgentState: AGENT_STATE.NOT_READY, AgentID: '1002', AgentExtension: '7002', AgentInstrument: '3002',
      });
    }
  });
});

describe('agent requests that name an agent nobody is, or a media routing domain the peripheral lacks', () => {
  it('refuses an unknown MRDID with FAILURE_CONF E_CTI_INVALID_MR_DOMAIN, as the guide’s status table has it', async () => {
    const sim = await simulator();
    const client = await monitor(sim);
    const invokeId = client.request('QUERY_AGENT_STATE_REQ', { PeripheralID: 5000, MRDID: 7, ICMAgentID: -1, AgentID: '1001' });
    expect(await client.next()).toMatchObject({ MessageType: 'FAILURE_CONF', InvokeID: invokeId, Status: STATUS.E_CTI_INVALID_MR_DOMAIN });
    // The session carries on.
    client.request('QUERY_AGENT_STATE_REQ', { PeripheralID: 5000, MRDID: VOICE_MRD, ICMAgentID: -1, AgentID: '1001' });
    expect(await client.next()).toMatchObject({ MessageType: 'QUERY_AGENT_STATE_CONF', AgentID: '1001' });
  });

  it.each([{ ICMAgentID: 999_999 }, { AgentExtension: '9999' }, { AgentID: '9999' }, { AgentInstrument: '9999' }])(
    'refuses %j with CONTROL_FAILURE_CONF INVALID_AGENT_ID_SPECIFIED, never answering for another agent',
    async (naming) => {
      const sim = await simulator();
      const desk = await connect(sim);
      await desk.openAgent('3001');
      // Bound to 1001: a name that names nobody must not fall back to the session's own agent.
      desk.request('QUERY_AGENT_STATE_REQ', { PeripheralID: 5000, MRDID: VOICE_MRD, ...naming });
      expect(await desk.next()).toMatchObject({ MessageType: 'CONTROL_FAILURE_CONF', FailureCode: CONTROL_FAILURE_CODE.INVALID_AGENT_ID_SPECIFIED });
    },
  );
});

describe('call control from a session bound to no agent', () => {
  it('acts on the agent its AgentInstrument names (hold, retrieve, release), as for answer and make call', async () => {
    const sim = await simulator();
    const desk = await connect(sim);
    await desk.openAgent('3001');
    await desk.login('1001', '3001');
    await desk.ready();
    const client = await monitor(sim);
    const response = await fetch(`${sim.controlUrl}/calls`, { method: 'POST', body: JSON.stringify({ ani: '5551234', dnis: '8005550100', agentId: '1001' }) });
    const { callId } = (await response.json()) as { callId: number };
    const connection = { PeripheralID: 5000, ConnectionCallID: callId, ConnectionDeviceIDType: 0, ConnectionDeviceID: '3001', AgentInstrument: '3001' };

    const controlled = async (request: () => number, conf: string) => {
      const invokeId = request();
      for (;;) {
        const m = await client.next();
        if (m.MessageType === conf || /FAILURE_CONF$/.test(m.MessageType)) return expect(m).toMatchObject({ MessageType: conf, InvokeID: invokeId });
      }
    };
    await controlled(() => client.request('ANSWER_CALL_REQ', connection), 'ANSWER_CALL_CONF');
    await controlled(() => client.request('HOLD_CALL_REQ', connection), 'HOLD_CALL_CONF');
    const { ConnectionCallID, ConnectionDeviceIDType, ConnectionDeviceID, ...rest } = connection;
    await controlled(
      () => client.request('RETRIEVE_CALL_REQ', { ...rest, HeldConnectionCallID: ConnectionCallID, HeldConnectionDeviceIDType: ConnectionDeviceIDType, HeldConnectionDeviceID: ConnectionDeviceID }),
      'RETRIEVE_CALL_CONF',
    );
    await controlled(() => client.request('CLEAR_CONNECTION_REQ', connection), 'CLEAR_CONNECTION_CONF');
    expect(sim.peripheral.calls.has(callId)).toBe(false);
  });
});

describe('AGENT_STATE_EVENT names the CTI client associated with the agent', () => {
  it('carries the desktop session’s SessionID and ClientSignature, as the guide’s fields say', async () => {
    const sim = await simulator();
    const client = await monitor(sim);
    const desks = [];
    for (const [agentId, instrument] of [['1001', '3001'], ['1002', '3002']] as const) {
      const desk = await connect(sim);
      await desk.openAgent(instrument, { ClientSignature: `desk-${agentId}` });
      await desk.login(agentId, instrument);
      desks.push(desk);
    }
    const events: Message<'AGENT_STATE_EVENT'>[] = [];
    while (events.length < 4) {
      const m = await client.next();
      if (m.MessageType === 'AGENT_STATE_EVENT') events.push(m);
    }
    expect(events.map((e) => [e.AgentID, e.CTIClientSignature])).toEqual([
      ['1001', 'desk-1001'], ['1001', 'desk-1001'], ['1002', 'desk-1002'], ['1002', 'desk-1002'],
    ]);
    const sessions = new Set(events.map((e) => e.SessionID));
    expect(sessions.size).toBe(2);
    expect(sessions.has(0)).toBe(false);
  });
});
