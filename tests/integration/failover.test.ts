import { applyStateEvent } from '../../contract/index.js';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppState, ConnectionStatus } from '../../contract/index.js';
import { FrameReader, decode, encode, type Message } from '../../ged188/index.js';
import { LocalConfigSchema } from '../../main/core/local-config.js';
import { silentLogger } from '../../main/core/logger.js';
import { SoftphoneCore } from '../../main/core/softphone-core.js';
import { CtiSimulator } from '../../simulator/index.js';
import { sampleMessage, seededRandom } from '../support/guide-frames.js';
import { activeOpenConf } from '../support/messages.js';
import { withHeartbeat } from '../support/core-harness.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/** Each test's own user-data folder, removed afterwards. */
function temporaryUserData(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'softphone-failover-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function startSimulator(): Promise<CtiSimulator> {
  const simulator = await CtiSimulator.start({ host: '127.0.0.1' });
  cleanups.push(() => simulator.stop());
  return simulator;
}

async function startCore(simulator: CtiSimulator): Promise<SoftphoneCore> {
  const config = LocalConfigSchema.parse({});
  const core = await SoftphoneCore.start({
    config,
    sides: { A: simulator.address('A'), B: simulator.address('B') },
    log: silentLogger,
    userDataDir: temporaryUserData(),
  });
  cleanups.push(() => core.stop());
  return core;
}

/** Resolves with the first connection status that satisfies `predicate`. */
function waitForConnection(core: SoftphoneCore, predicate: (s: ConnectionStatus) => boolean, ms = 5000): Promise<ConnectionStatus> {
  return new Promise((resolve, reject) => {
    let state: AppState | undefined;
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out; last status ${JSON.stringify(state?.connection)}`));
    }, ms);
    // The first state may already match, before subscribe returns.
    let unsubscribe = () => {};
    unsubscribe = core.subscribe((event) => {
      state = applyStateEvent(state, event)!;
      if (predicate(state.connection)) {
        clearTimeout(timer);
        queueMicrotask(unsubscribe);
        resolve(state.connection);
      }
    });
  });
}

async function postFault(simulator: CtiSimulator, body: unknown): Promise<Response> {
  return fetch(`${simulator.controlUrl}/faults`, { method: 'POST', body: JSON.stringify(body) });
}

/** A bare GED-188 client over TCP, for checking the simulator's answers byte by byte. */
async function rawClient(port: number) {
  const socket = net.connect({ host: '127.0.0.1', port });
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const reader = new FrameReader();
  const inbox: Message[] = [];
  let waiter: (() => void) | undefined;
  socket.on('data', (chunk) => {
    for (const frame of reader.push(chunk)) inbox.push(decode(frame) as Message);
    waiter?.();
  });
  // The simulator resets connections it drops; the close is what the tests watch.
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  cleanups.push(async () => void socket.destroy());
  return {
    socket,
    closed,
    send: (message: Message) => socket.write(encode(message)),
    async next(): Promise<Message> {
      while (inbox.length === 0) await new Promise<void>((resolve) => (waiter = resolve));
      return inbox.shift()!;
    },
  };
}

const openRequest: Message<'OPEN_REQ'> = {
  MessageType: 'OPEN_REQ',
  InvokeID: 1,
  VersionNumber: 24,
  IdleTimeout: 20,
  PeripheralID: 0xffffffff,
  ServicesRequested: 0,
  CallMsgMask: 0,
  AgentStateMask: 0,
  ConfigMsgMask: 0,
  Reserved1: 0,
  Reserved2: 0,
  Reserved3: 0,
  ClientID: 'raw',
  ClientPassword: new Uint8Array(0),
};

describe('failover between sides A and B over real TCP', () => {
  it('connects to side A, then to side B once side A is killed through the control API', async () => {
    const simulator = await startSimulator();
    const core = await startCore(simulator);
    // The working session on A, and (v24) the standby session on B.
    const onA = await waitForConnection(core, (s) => s.state === 'connected' && s.standby?.state === 'open');
    expect(onA).toMatchObject({ state: 'connected', side: 'A', endpoint: `127.0.0.1:${simulator.address('A').port}`, standby: { state: 'open', side: 'B' } });

    const health = await (await fetch(`${simulator.controlUrl}/health`)).json();
    expect(health.sides.A).toMatchObject({ state: 'active', sessions: 1 });
    expect(health.sides.B).toMatchObject({ state: 'standby', sessions: 1 });

    const started = Date.now();
    const killed = await postFault(simulator, { type: 'kill-side', side: 'A' });
    expect(killed.status).toBe(200);
    const onB = await waitForConnection(core, (s) => s.state === 'connected' && s.side === 'B', 2000);
    expect(onB).toMatchObject({ endpoint: `127.0.0.1:${simulator.address('B').port}` });
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await (await fetch(`${simulator.controlUrl}/health`)).json()).sides).toMatchObject({
      A: { state: 'down' },
      B: { state: 'active', sessions: 1 },
    });
  });

  it('comes back to a restored side A only when side B fails in turn', async () => {
    const simulator = await startSimulator();
    const core = await startCore(simulator);
    await waitForConnection(core, (s) => s.state === 'connected' && s.side === 'A');
    await postFault(simulator, { type: 'kill-side', side: 'A' });
    await waitForConnection(core, (s) => s.state === 'connected' && s.side === 'B');
    const restored = await (await postFault(simulator, { type: 'restore-side', side: 'A' })).json();
    expect(restored.sides.A.state).toBe('standby');
    await postFault(simulator, { type: 'kill-side', side: 'B' });
    await waitForConnection(core, (s) => s.state === 'connected' && s.side === 'A', 4000);
  });

  it('shows out of service, naming the side it retries, while both sides are down', async () => {
    const simulator = await startSimulator();
    const core = await startCore(simulator);
    await waitForConnection(core, (s) => s.state === 'connected');
    await postFault(simulator, { type: 'kill-side', side: 'B' });
    await postFault(simulator, { type: 'kill-side', side: 'A' });
    const down = await waitForConnection(core, (s) => s.state === 'out-of-service' && s.attempt >= 3);
    expect(down).toMatchObject({ state: 'out-of-service', side: expect.stringMatching(/^[AB]$/) });
    expect(down.state === 'out-of-service' && down.reason).toMatch(/refused the connection/);
    await postFault(simulator, { type: 'restore-side', side: 'B' });
    const outcome = await core.execute('reconnect', {});
    expect(outcome.ok).toBe(true);
    await waitForConnection(core, (s) => s.state === 'connected' && s.side === 'B', 12000);
  });

  it('detects a silent side by missed heartbeats', async () => {
    // A TCP server that accepts and answers OPEN_REQ, then never speaks again.
    const silent = net.createServer((socket) => {
      socket.on('error', () => {}); // the desktop resets the link it gives up on
      const reader = new FrameReader();
      socket.on('data', (chunk) => {
        for (const frame of reader.push(chunk)) {
          const message = decode(frame);
          if (message.MessageType === 'OPEN_REQ') {
            socket.write(encode(activeOpenConf(message.InvokeID)));
          }
        }
      });
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => silent.close(() => resolve())));
    const simulator = await startSimulator();
    await postFault(simulator, { type: 'kill-side', side: 'A' });
    // A test about heartbeats: an interval under the guide's minimum, set explicitly, and
    // version 20, so no standby session on B (which is active) takes over before they count.
    const heartbeats = withHeartbeat(LocalConfigSchema.parse({}), 250);
    const config = { ...heartbeats, cti: { ...heartbeats.cti, protocolVersion: 20 } };
    const core = await SoftphoneCore.start({
      config,
      sides: { A: { host: '127.0.0.1', port: (silent.address() as net.AddressInfo).port }, B: simulator.address('B') },
      log: silentLogger,
      userDataDir: temporaryUserData(),
    });
    cleanups.push(() => core.stop());
    await waitForConnection(core, (s) => s.state === 'connected' && s.side === 'A');
    const started = Date.now();
    await waitForConnection(core, (s) => s.state === 'connected' && s.side === 'B', 3000);
    // Three silent heartbeat intervals of 250 ms (timers may fire a millisecond early).
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
  });
});

describe('simulator sessions', () => {
  it('answers OPEN_REQ, HEARTBEAT_REQ and CLOSE_REQ on the active side', async () => {
    const simulator = await startSimulator();
    const client = await rawClient(simulator.address('A').port);
    client.send(openRequest);
    expect(await client.next()).toMatchObject({ MessageType: 'OPEN_CONF', InvokeID: 1, PeripheralType: 17, SessionType: 1 });
    client.send({ MessageType: 'HEARTBEAT_REQ', InvokeID: 2 });
    expect(await client.next()).toEqual({ MessageType: 'HEARTBEAT_CONF', MessageTypeId: expect.any(Number), InvokeID: 2 });
    client.send({ MessageType: 'CLOSE_REQ', InvokeID: 3, Status: 0 });
    expect(await client.next()).toEqual({ MessageType: 'CLOSE_CONF', MessageTypeId: expect.any(Number), InvokeID: 3 });
    await client.closed;
  });

  it('refuses opens on the standby side with E_CTI_CTI_SERVER_OFFLINE and bad versions with E_CTI_INVALID_VERSION', async () => {
    const simulator = await startSimulator();
    const standby = await rawClient(simulator.address('B').port);
    standby.send(openRequest);
    expect(await standby.next()).toEqual({ MessageType: 'FAILURE_CONF', MessageTypeId: expect.any(Number), InvokeID: 1, Status: 15 });
    const active = await rawClient(simulator.address('A').port);
    active.send({ ...openRequest, VersionNumber: 99 });
    expect(await active.next()).toEqual({ MessageType: 'FAILURE_CONF', MessageTypeId: expect.any(Number), InvokeID: 1, Status: 1 });
    active.send({ ...openRequest, InvokeID: 2, IdleTimeout: 5 });
    expect(await active.next()).toEqual({ MessageType: 'FAILURE_CONF', MessageTypeId: expect.any(Number), InvokeID: 2, Status: 18 });
    const { ClientID: _c, ...noClientId } = openRequest;
    active.send({ ...noClientId, InvokeID: 3 } as Message<'OPEN_REQ'>);
    expect(await active.next()).toEqual({ MessageType: 'FAILURE_CONF', MessageTypeId: expect.any(Number), InvokeID: 3, Status: 6 });
  });

  it('refuses unknown bits in the OPEN_REQ masks with 19, 20 and 21', async () => {
    const simulator = await startSimulator();
    const client = await rawClient(simulator.address('A').port);
    client.send({ ...openRequest, InvokeID: 1, ServicesRequested: 0x4000 });
    expect(await client.next()).toMatchObject({ MessageType: 'FAILURE_CONF', InvokeID: 1, Status: 19 });
    client.send({ ...openRequest, InvokeID: 2, VersionNumber: 24, AgentStateMask: 0x10000 });
    expect(await client.next()).toMatchObject({ MessageType: 'FAILURE_CONF', InvokeID: 2, Status: 21 });
    const v19 = await rawClient(simulator.address('A').port);
    v19.socket.write(encode({ ...openRequest, InvokeID: 3, VersionNumber: 19, CallMsgMask: 0x10000000 }, { version: 19 }));
    expect(await v19.next()).toMatchObject({ MessageType: 'FAILURE_CONF', InvokeID: 3, Status: 20 });
  });

  it('checks requests with validate: a counter that disagrees with its entries is refused with its status', async () => {
    const simulator = await startSimulator();
    const client = await rawClient(simulator.address('A').port);
    client.send(openRequest);
    await client.next();
    const request = sampleMessage('SET_CALL_DATA_REQ', seededRandom(4), { version: 24 }) as Message<'SET_CALL_DATA_REQ'>;
    client.send({ ...request, InvokeID: 77, NumNamedVariables: (request.NamedVariable?.length ?? 0) + 1 });
    expect(await client.next()).toEqual({ MessageType: 'FAILURE_CONF', MessageTypeId: 1, InvokeID: 77, Status: 77 });
  });

  it('closes a client that sends a malformed frame and keeps serving the others', async () => {
    const simulator = await startSimulator();
    const good = await rawClient(simulator.address('A').port);
    good.send(openRequest);
    await good.next();
    const bad = await rawClient(simulator.address('A').port);
    // HEARTBEAT_REQ whose declared length leaves no room for its InvokeID.
    bad.socket.write(Uint8Array.of(0, 0, 0, 2, 0, 0, 0, 5, 0, 0));
    await bad.closed;
    const oversize = await rawClient(simulator.address('A').port);
    oversize.socket.write(Uint8Array.of(0x7f, 0, 0, 0, 0, 0, 0, 5));
    await oversize.closed;
    good.send({ MessageType: 'HEARTBEAT_REQ', InvokeID: 9 });
    expect(await good.next()).toEqual({ MessageType: 'HEARTBEAT_CONF', MessageTypeId: expect.any(Number), InvokeID: 9 });
  });

  it('answers bad control requests with a 4xx and a JSON error', async () => {
    const simulator = await startSimulator();
    const bad = await postFault(simulator, { type: 'explode', side: 'A' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/unknown fault type/);
    const notJson = await fetch(`${simulator.controlUrl}/faults`, { method: 'POST', body: '{' });
    expect(notJson.status).toBe(400);
    const missing = await fetch(`${simulator.controlUrl}/nowhere`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toMatch(/GET \/health/);
  });
});
