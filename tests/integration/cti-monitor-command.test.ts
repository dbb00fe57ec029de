import { afterEach, describe, expect, it } from 'vitest';
import { AGENT_STATE, buildMessage } from '../../ged188/index.js';
import { CtiSimulator } from '../../simulator/index.js';
import { startProgram, type RunningProgram } from '../support/child-process.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function startSimulator(): Promise<CtiSimulator> {
  const simulator = await CtiSimulator.start({ host: '127.0.0.1' });
  cleanups.push(() => simulator.stop());
  const peripheral = simulator.peripheral;
  for (const id of ['1001', '1002', '1003']) {
    const agent = peripheral.agents.get(id)!;
    for (const state of [AGENT_STATE.LOGIN, AGENT_STATE.AVAILABLE]) {
      peripheral.setAgentState(agent, buildMessage('SET_AGENT_STATE_REQ', { PeripheralID: 5000, AgentState: state, AgentID: id, AgentPassword: 'x' }));
    }
  }
  peripheral.flush();
  return simulator;
}

function monitorCommand(args: string[]): RunningProgram {
  const program = startProgram('cli/cti.ts', ['monitor', ...args]);
  cleanups.push(() => program.stop('SIGKILL'));
  return program;
}

async function post(simulator: CtiSimulator, path: string, body: unknown = {}): Promise<{ callId: number }> {
  const response = await fetch(`${simulator.controlUrl}${path}`, { method: 'POST', body: JSON.stringify(body) });
  expect(response.status).toBe(200);
  return (await response.json()) as { callId: number };
}

type Line = Record<string, unknown> & { event: string };

/** Everything the program printed so far, one parsed JSON object per line. */
async function printed(program: RunningProgram): Promise<Line[]> {
  const [all] = await program.waitForLine(/^[\s\S]+$/);
  return all.trim().split('\n').map((line) => JSON.parse(line) as Line);
}

describe('cti monitor', () => {
  it('prints JSON events, survives side A dying with calls ending meanwhile, and exits 0 on SIGINT', async () => {
    const simulator = await startSimulator();
    const first = await post(simulator, '/calls', { ani: '5550001', dnis: '800' });
    const program = monitorCommand(['--a', `127.0.0.1:${simulator.address('A').port}`, '--b', `127.0.0.1:${simulator.address('B').port}`, '--heartbeat', '0.3']);
    await program.waitForLine(/"event":"OnMonitorModeEstablished"/);
    const second = await post(simulator, '/calls', { ani: '5550002', dnis: '800' });
    await program.waitForLine(new RegExp(`"event":"OnCallDelivered".*"connectionCallId":${second.callId}`));

    // Side A dies, side B takes over and dies too; a call ends while nobody listens; B comes back.
    await post(simulator, '/faults', { type: 'kill-side', side: 'A' });
    await post(simulator, '/faults', { type: 'kill-side', side: 'B' });
    await program.waitForLine(/"event":"OnConnectionFailure","failedServer":"B"/);
    await post(simulator, `/calls/${second.callId}/hangup`);
    await post(simulator, '/faults', { type: 'restore-side', side: 'B' });
    await program.waitForLine(/"event":"OnMonitorModeEstablished","recovered":true,"agents":3,"calls":1,"endedWhileDisconnected":1/, 10_000);

    const lines = await printed(program);
    for (const line of lines) expect(Date.parse(line.time as string)).not.toBeNaN();
    const events = lines.map((l) => l.event);
    const failure = events.indexOf('OnConnectionFailure');
    expect(lines[failure]).toMatchObject({ failedServer: 'A', reasonCode: 'eTransportError' });
    expect(lines.slice(failure).find((l) => l.event === 'OnConnection' && l.currentServer === 'B')).toMatchObject({ failover: true });
    const lastConnection = lines.map((l) => l.event === 'OnConnection').lastIndexOf(true);
    const resnapshotted = lines.slice(lastConnection).filter((l) => l.event === 'OnSnapshotCallConf').map((l) => l.connectionCallId);
    const server = ((await (await fetch(`${simulator.controlUrl}/calls`)).json()) as { callId: number }[]).map((c) => c.callId);
    expect(resnapshotted).toEqual(server);
    expect(server).toEqual([first.callId]);
    expect(lines.filter((l) => l.event === 'OnCallEnd' && l.connectionCallId === second.callId)).toHaveLength(1);

    program.child.kill('SIGINT');
    expect(await program.exited).toBe(0);
    expect((await printed(program)).at(-1)).toMatchObject({ event: 'OnConnectionClosed' });
    expect(program.stderr()).toBe('');
  });

  it('turns a bad filter into one line on stderr and exit code 2', async () => {
    const program = monitorCommand(['--a', '127.0.0.1:1', '--filter', 'AgentID=1001;Colour=blue']);
    expect(await program.exited).toBe(2);
    const stderr = program.stderr();
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^cti: .*unknown filter keyword "Colour"/);
    expect(stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it.each([
    [['--filter', 'AgentID=1'], /give at least one side/],
    [['--a', 'nowhere'], /"nowhere" is not HOST:PORT/],
    [['--a', '127.0.0.1:1', '--heartbeat', 'soon'], /heartbeat interval is a number of seconds/],
    [['--a', '127.0.0.1:1', '--version', '99'], /protocol version is a number/],
  ])('rejects %j with one line and exit code 2', async (args, text) => {
    const program = monitorCommand(args);
    expect(await program.exited).toBe(2);
    expect(program.stderr().trim().split('\n')).toHaveLength(1);
    expect(program.stderr()).toMatch(text);
  });
});
