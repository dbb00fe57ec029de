import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CtiSimulator, type SimulatorOptions } from '../../simulator/index.js';
import { generatedSite } from '../../simulator/pg/site.js';
import { Ged188TestClient } from '../support/ged188-client.js';
import { MALFORMED_TARGETS } from '../support/hostile-input.js';
import { rawExchange, statusOf } from '../support/raw-socket.js';

/**
 * What a careless or hostile user of the simulator can send it: control API bodies
 * GED-188 cannot carry, and connections that never open a session.
 */

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function start(options: SimulatorOptions = {}): Promise<{ simulator: CtiSimulator; log: string[] }> {
  const log: string[] = [];
  const simulator = await CtiSimulator.start({ site: generatedSite({ agents: 2 }), log: (line) => log.push(line), ...options });
  cleanups.push(() => simulator.stop());
  return { simulator, log };
}

async function readyAgent(simulator: CtiSimulator): Promise<Ged188TestClient> {
  const client = await Ged188TestClient.connect(simulator.address('A').port);
  cleanups.push(() => client.close());
  await client.openAgent('3001');
  await client.login('1001', '3001');
  await client.ready();
  return client;
}

function postCall(simulator: CtiSimulator, body: unknown): Promise<Response> {
  return fetch(`${simulator.controlUrl}/calls`, { method: 'POST', body: JSON.stringify(body) });
}

async function calls(simulator: CtiSimulator): Promise<unknown[]> {
  return (await (await fetch(`${simulator.controlUrl}/calls`)).json()) as unknown[];
}

/** A raw TCP connection to a side; `closed` settles when the server ends it. */
async function rawConnection(port: number): Promise<{ socket: net.Socket; closed: Promise<void> }> {
  const socket = net.connect({ host: '127.0.0.1', port });
  socket.on('error', () => {}); // the server resets what it drops
  cleanups.push(() => void socket.destroy());
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  return { socket, closed };
}

describe('the control API survives any request line', () => {
  it.each(MALFORMED_TARGETS)('GET %s: refused (400, or 404 for a path that parses), and the simulator goes on serving', async (target) => {
    const { simulator } = await start();
    const port = Number(new URL(simulator.controlUrl!).port);
    const answer = await rawExchange(port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    expect([400, 404]).toContain(statusOf(answer));
    expect((await fetch(`${simulator.controlUrl}/health`)).status).toBe(200);
  });
});

describe('POST /calls refuses what GED-188 cannot carry, before anything changes', () => {
  const caller = { ani: '5551234', dnis: '8005550100' };
  const refused: [string, Record<string, unknown>, RegExp][] = [
    ['a NUL in the ANI', { ...caller, ani: '555\u00001234' }, /"ani" contains a NUL character/],
    ['a NUL in the DNIS', { ...caller, dnis: '800\u0000' }, /"dnis" contains a NUL character/],
    ['an ANI longer than its field', { ...caller, ani: '5'.repeat(40) }, /"ani" is 40 bytes; GED-188 carries at most 39/],
    ['a DNIS longer than its field', { ...caller, dnis: '8'.repeat(32) }, /"dnis" is 32 bytes; GED-188 carries at most 31/],
    ['a NUL in a call variable', { ...caller, callVariables: { '3': 'a\u0000b' } }, /"callVariables\.3" contains a NUL character/],
    ['a call variable too long', { ...caller, callVariables: { '10': 'é'.repeat(21) } }, /"callVariables\.10" is 42 bytes; GED-188 carries at most 40/],
    ['an ECC name too long', { ...caller, ecc: { ['n'.repeat(33)]: 'x' } }, /"ecc" name "n{33}" is 33 bytes; GED-188 carries at most 32/],
    ['a NUL in an ECC name', { ...caller, ecc: { 'user.\u0000': 'x' } }, /"ecc" name "user\.\\u0000" contains a NUL character/],
    ['a NUL in an ECC value', { ...caller, ecc: { 'user.a': 'x\u0000' } }, /"ecc\.user\.a" contains a NUL character/],
    ['an ECC value too long', { ...caller, ecc: { 'user.a': 'v'.repeat(211) } }, /"ecc\.user\.a" is 211 bytes; GED-188 carries at most 210/],
    [
      'more ECC than one message carries',
      { ...caller, ecc: Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`user.v${i}`, 'v'.repeat(200)])) },
      /"ecc": .* exceed the 2000-byte limit/,
    ],
  ];

  it.each(refused)('%s: 400 with the field named, no call, no event, and the simulator still works', async (_, body, why) => {
    const { simulator } = await start();
    const agent = await readyAgent(simulator);

    const response = await postCall(simulator, body);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: string };
    expect(error).toMatch(why);
    expect(error).not.toMatch(/\n/);
    expect(await calls(simulator)).toEqual([]);

    // The agent heard nothing of it: the next thing it hears is the next (good) call.
    const good = await postCall(simulator, caller);
    expect(good.status).toBe(200);
    const { callId } = (await good.json()) as { callId: number };
    expect(await agent.take(3)).toMatchObject([
      { MessageType: 'AGENT_STATE_EVENT' },
      { MessageType: 'BEGIN_CALL_EVENT', ConnectionCallID: callId, ANI: caller.ani },
      { MessageType: 'CALL_DELIVERED_EVENT', ConnectionCallID: callId },
    ]);
    const hangup = await fetch(`${simulator.controlUrl}/calls/${callId}/hangup`, { method: 'POST' });
    expect(hangup.status).toBe(200);
  });

  it('takes values that fill their fields exactly, multi-byte text included', async () => {
    const { simulator } = await start();
    const agent = await readyAgent(simulator);
    const body = {
      ani: '5'.repeat(39),
      dnis: '8'.repeat(31),
      callVariables: { '1': 'é'.repeat(20) },
      ecc: { ['n'.repeat(32)]: 'v'.repeat(210) },
    };
    const response = await postCall(simulator, body);
    expect(response.status).toBe(200);
    const begin = await agent.expect('BEGIN_CALL_EVENT');
    expect(begin).toMatchObject({ ANI: body.ani, DNIS: body.dnis, CallVariable1: body.callVariables['1'] });
    expect(begin.NamedVariable).toEqual([{ name: 'n'.repeat(32), value: 'v'.repeat(210) }]);
  });

  it('a hangup of a call that does not exist is a 404, not a 500', async () => {
    const { simulator } = await start();
    const response = await fetch(`${simulator.controlUrl}/calls/123/hangup`, { method: 'POST' });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toMatch(/there is no call 123/);
  });
});

describe('connections that never open a session', () => {
  it('are closed once the open time limit passes; an opened session is not', async () => {
    const { simulator, log } = await start({ openTimeoutMs: 200 });
    const opened = await Ged188TestClient.connect(simulator.address('A').port);
    cleanups.push(() => opened.close());
    await opened.openAgent('3001');

    const silent = await rawConnection(simulator.address('A').port);
    await silent.closed;
    expect(log.some((line) => /closing connection: no OPEN_REQ within 0\.2 s/.test(line))).toBe(true);

    // The opened session's deadline passed before the silent one's: it is still served.
    opened.request('HEARTBEAT_REQ', {});
    await expect(opened.expect('HEARTBEAT_CONF')).resolves.toMatchObject({ MessageType: 'HEARTBEAT_CONF' });
  });

  it('a side takes at most its limit of connections, says so in the log, and takes more once some close', async () => {
    const { simulator, log } = await start({ maxConnectionsPerSide: 2 });
    const port = simulator.address('A').port;
    const first = await rawConnection(port);
    await rawConnection(port);
    await vi.waitFor(() => expect(simulator.health().sides.A.connections).toBe(2), { timeout: 3000 });

    const third = await rawConnection(port);
    await third.closed;
    expect(log.find((line) => /refused/.test(line))).toMatch(
      /^side A: refused 1 connection\(s\) \(the latest from 127\.0\.0\.1:\d+\): 2 are open, the most this side takes \(maxConnectionsPerSide\)$/,
    );

    first.socket.destroy();
    await vi.waitFor(() => expect(simulator.health().sides.A.connections).toBe(1), { timeout: 3000 });
    const fourth = await Ged188TestClient.connect(port);
    cleanups.push(() => fourth.close());
    await expect(fourth.openAgent('3001')).resolves.toMatchObject({ MessageType: 'OPEN_CONF' });
  });
});
