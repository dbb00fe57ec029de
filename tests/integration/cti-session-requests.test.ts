import { afterEach, describe, expect, it } from 'vitest';
import { AGENT_STATE, SERVICE, buildMessage, type Message } from '../../ged188/index.js';
import { CtiSession, RequestFailed } from '../../main/cti/cti-session.js';
import { CONNECTION_ONLY, type SessionSettings } from '../../main/cti/session-machine.js';
import { CtiSimulator } from '../../simulator/index.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

const quiet = { info: () => {}, warn: () => {} };

function settings(simulator: CtiSimulator, open = CONNECTION_ONLY): SessionSettings {
  return {
    sides: { A: simulator.address('A'), B: simulator.address('B') },
    protocolVersion: 24,
    heartbeatIntervalMs: 300,
    missedHeartbeatLimit: 3,
    connectTimeoutMs: 2000,
    openTimeoutMs: 2000,
    closeTimeoutMs: 1000,
    retry: { initialMs: 100, maxMs: 500, jitter: 0 },
    clientId: 'requests-test',
    clientPassword: new Uint8Array(0),
    open,
  };
}

async function openSession(simulator: CtiSimulator, open = CONNECTION_ONLY, protocolVersion = 24): Promise<{ session: CtiSession; conf: Message<'OPEN_CONF'> }> {
  let opened: (conf: Message<'OPEN_CONF'>) => void = () => {};
  const confirmed = new Promise<Message<'OPEN_CONF'>>((resolve) => (opened = resolve));
  const session = new CtiSession({ ...settings(simulator, open), protocolVersion, protocolVersionPinned: true }, { opened: (_side, conf) => opened(conf) }, quiet);
  session.start();
  cleanups.push(() => session.stop());
  return { session, conf: await confirmed };
}

describe('CtiSession requests', () => {
  it('opens as an agent phone and answers a request with its confirmation', async () => {
    const simulator = await CtiSimulator.start();
    cleanups.push(() => simulator.stop());
    const { session, conf } = await openSession(simulator, {
      servicesRequested: SERVICE.CLIENT_EVENTS | SERVICE.CALL_DATA_UPDATE | SERVICE.CLIENT_CONTROL,
      peripheralId: 5000,
      callMsgMask: 0xffff,
      agentStateMask: 0x3fff,
      agentInstrument: '3001',
    });
    expect(conf).toMatchObject({ ServicesGranted: 7 | SERVICE.ACTIVE_STANDBY, AgentState: AGENT_STATE.LOGOUT });
    const reply = await session.request(
      buildMessage('SET_AGENT_STATE_REQ', { PeripheralID: 5000, AgentState: AGENT_STATE.LOGIN, AgentID: '1001', AgentPassword: 'x', AgentInstrument: '3001' }),
    );
    expect(reply.MessageType).toBe('SET_AGENT_STATE_CONF');
    const failure = await session.request(buildMessage('ANSWER_CALL_REQ', { PeripheralID: 5000, ConnectionCallID: 1, ConnectionDeviceID: '3001' }));
    expect(failure).toMatchObject({ MessageType: 'CONTROL_FAILURE_CONF', FailureCode: 28 });
  });

  it('fails a request in flight when its connection goes, and refuses requests while not connected', async () => {
    const simulator = await CtiSimulator.start();
    cleanups.push(() => simulator.stop());
    // Version 20, one session: a stalled side keeps the request in flight (from v24 the standby would take over first).
    const { session } = await openSession(simulator, CONNECTION_ONLY, 20);
    await fetch(`${simulator.controlUrl}/faults`, { method: 'POST', body: JSON.stringify({ type: 'stall-side', side: 'A' }) });
    // Caught at once: the rejection comes while the test is still busy killing the side.
    const outcome = session.request(buildMessage('QUERY_AGENT_STATE_REQ', { PeripheralID: 5000, AgentInstrument: '3001' })).catch((error: unknown) => error);
    await fetch(`${simulator.controlUrl}/faults`, { method: 'POST', body: JSON.stringify({ type: 'kill-side', side: 'A' }) });
    expect(await outcome).toMatchObject({ name: 'RequestFailed', reason: 'connection-lost' });
    await session.stop();
    const refused = session.request(buildMessage('QUERY_AGENT_STATE_REQ', { PeripheralID: 5000 }));
    await expect(refused).rejects.toBeInstanceOf(RequestFailed);
    await expect(refused).rejects.toMatchObject({ reason: 'not-connected' });
  });
});
