import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startNpmScript, startProgram, type RunningProgram } from '../support/child-process.js';

const running: RunningProgram[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.stop()));
});

function run(entry: string, args: string[]): RunningProgram {
  const program = startProgram(entry, args);
  running.push(program);
  return program;
}

/** Occupies a free loopback port for the duration of a test. */
async function occupiedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  running.push({ stop: () => new Promise((resolve) => server.close(() => resolve(0))) } as RunningProgram);
  return (server.address() as net.AddressInfo).port;
}

/** Bad input gets one line on stderr that says what is wrong — no stack trace. */
function expectOneLine(stderr: string, ...fragments: string[]): void {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  for (const fragment of fragments) expect(lines[0]).toContain(fragment);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('command-line errors', () => {
  it('start:browser: a bad --cti-a value', async () => {
    const program = run('main/browser-host/cli.ts', ['--no-open', '--cti-a', 'cti-server-a']);
    expect(await program.exited).toBe(2);
    expectOneLine(program.stderr(), '--cti-a', '"cti-server-a" is not HOST:PORT');
  });

  it('start:browser: a port out of range and a non-loopback host', async () => {
    const port = run('main/browser-host/cli.ts', ['--no-open', '--cti-a', 'localhost:70000']);
    expect(await port.exited).toBe(2);
    expectOneLine(port.stderr(), 'a port is a number from 1 to 65535');
    const host = run('main/browser-host/cli.ts', ['--no-open', '--host', '0.0.0.0']);
    expect(await host.exited).toBe(2);
    expectOneLine(host.stderr(), 'loopback only');
  });

  it('simulator: a port in use', async () => {
    const busy = await occupiedPort();
    const program = run('simulator/cli.ts', ['--port-a', String(busy), '--port-b', '0', '--control-port', '0']);
    expect(await program.exited).toBe(1);
    expectOneLine(program.stderr(), `port ${busy} on 127.0.0.1 is already in use`);
  });

  it('simulator: starts, reports ready with its addresses, and exits 0 on SIGINT', async () => {
    const program = run('simulator/cli.ts', ['--port-a', '0', '--port-b', '0', '--control-port', '0', '--quiet']);
    const [, controlUrl] = await program.waitForLine(/^Simulator ready: .* control API (\S+)$/m);
    const health = await (await fetch(`${controlUrl}/health`)).json();
    expect(health.sides.A.state).toBe('active');
    expect(await program.stop('SIGINT')).toBe(0);
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('npm run simulator: exits 0 when npm itself gets %s, leaving nothing behind', async (signal) => {
    const program = startNpmScript('simulator', ['--port-a', '0', '--port-b', '0', '--control-port', '0', '--quiet']);
    running.push(program);
    const [, controlUrl] = await program.waitForLine(/^Simulator ready: .* control API (\S+)$/m);
    expect(await program.stop(signal)).toBe(0);
    await expect(fetch(`${controlUrl}/health`)).rejects.toThrow();
  });
});
