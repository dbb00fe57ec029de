import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultConflict, listenOn, type CtiSimulator } from './cti-simulator.js';
import { BadFault, applyFault, parseFault } from './faults.js';
import { ControlFailure, type IncomingCall } from './pg/peripheral.js';

export interface ControlApi {
  readonly url: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function parseIncomingCall(body: unknown, simulator: CtiSimulator): IncomingCall {
  if (typeof body !== 'object' || body === null) throw new HttpError(400, 'expected a JSON object like {"ani":"5551234","dnis":"8005550100"}');
  const { ani, dnis, skillGroup, agentId, callVariables, ecc, ...rest } = body as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) throw new HttpError(400, `unknown field "${unknown[0]}"; known: ani, dnis, skillGroup, agentId, callVariables, ecc`);
  if (typeof ani !== 'string' || ani === '') throw new HttpError(400, '"ani" (the caller\'s number) is required');
  if (typeof dnis !== 'string' || dnis === '') throw new HttpError(400, '"dnis" (the number called) is required');
  const site = simulator.peripheral.site;
  if (skillGroup !== undefined && !site.skillGroups.some((g) => g.number === skillGroup)) {
    throw new HttpError(400, `no skill group ${JSON.stringify(skillGroup)}; known: ${site.skillGroups.map((g) => g.number).join(', ')}`);
  }
  if (agentId !== undefined && (typeof agentId !== 'string' || !simulator.peripheral.agents.has(agentId))) {
    throw new HttpError(400, `no agent ${JSON.stringify(agentId)}`);
  }
  const strings = (value: unknown, what: string, key: (k: string) => boolean): Record<string, string> | undefined => {
    if (value === undefined) return undefined;
    if (typeof value !== 'object' || value === null) throw new HttpError(400, `"${what}" must be an object`);
    for (const [k, v] of Object.entries(value)) {
      if (!key(k)) throw new HttpError(400, `"${what}" has a bad key "${k}"`);
      if (typeof v !== 'string') throw new HttpError(400, `"${what}.${k}" must be text`);
    }
    return value as Record<string, string>;
  };
  return {
    ani,
    dnis,
    ...(typeof skillGroup === 'number' ? { skillGroup } : {}),
    ...(typeof agentId === 'string' ? { agentId } : {}),
    callVariables: strings(callVariables, 'callVariables', (k) => /^(10|[1-9])$/.test(k)),
    ecc: strings(ecc, 'ecc', (k) => k.length > 0 && k.length <= 32),
  };
}

async function readJson(request: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'request body is not valid JSON');
  }
}

/**
 * The simulator's HTTP control API, for tests and demos: JSON in, JSON out, and a
 * JSON `error` with a 4xx status for anything it cannot do.
 */
export async function startControlApi(simulator: CtiSimulator, host: string, port: number): Promise<ControlApi> {
  const route = async (request: http.IncomingMessage): Promise<unknown> => {
    const path = new URL(request.url ?? '/', 'http://simulator').pathname;
    if (path === '/health') {
      if (request.method !== 'GET') throw new HttpError(405, 'use GET /health');
      return simulator.health();
    }
    if (path === '/faults') {
      if (request.method !== 'POST') throw new HttpError(405, 'use POST /faults');
      const body = await readJson(request);
      try {
        return await applyFault(simulator, parseFault(body));
      } catch (error) {
        if (error instanceof BadFault) throw new HttpError(400, error.message);
        if (error instanceof FaultConflict) throw new HttpError(409, error.message);
        throw error;
      }
    }
    if (path === '/agents' && request.method === 'GET') return simulator.peripheral.describeAgents();
    if (path === '/calls' && request.method === 'GET') return simulator.peripheral.describeCalls();
    if (path === '/calls' && request.method === 'POST') {
      const incoming = parseIncomingCall(await readJson(request), simulator);
      if (!simulator.isPeripheralOnline) throw new HttpError(409, 'the peripheral is offline (fault pg-offline); POST /faults {"type":"pg-online"} first');
      const call = simulator.peripheral.offerCall(incoming);
      simulator.peripheral.flush();
      return { callId: call.id };
    }
    const hangup = /^\/calls\/(\d+)\/hangup$/.exec(path);
    if (hangup && request.method === 'POST') {
      try {
        simulator.peripheral.callerHangsUp(Number(hangup[1]));
      } catch (error) {
        if (error instanceof ControlFailure) throw new HttpError(404, error.message);
        throw error;
      }
      simulator.peripheral.flush();
      return { callId: Number(hangup[1]) };
    }
    throw new HttpError(404, `no such endpoint ${request.method} ${path}; see GET /health, GET /agents, GET /calls, POST /calls, POST /calls/{id}/hangup, POST /faults`);
  };

  const server = http.createServer((request, response) => {
    route(request).then(
      (body) => reply(response, 200, body),
      (error: unknown) => {
        const status = error instanceof HttpError ? error.status : 500;
        reply(response, status, { error: (error as Error).message });
      },
    );
  });
  await listenOn(server, host, port, 'control API');
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function reply(response: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}
