import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { listenOn, type CtiSimulator, type Side } from './cti-simulator.js';

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

type Fault = { readonly type: 'kill-side' | 'restore-side'; readonly side: Side };

function parseFault(body: unknown): Fault {
  if (typeof body !== 'object' || body === null) throw new HttpError(400, 'expected a JSON object like {"type":"kill-side","side":"A"}');
  const { type, side } = body as Record<string, unknown>;
  if (type !== 'kill-side' && type !== 'restore-side') {
    throw new HttpError(400, `unknown fault type ${JSON.stringify(type)}; known: "kill-side", "restore-side"`);
  }
  if (side !== 'A' && side !== 'B') throw new HttpError(400, `"side" must be "A" or "B", got ${JSON.stringify(side)}`);
  return { type, side };
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
      const fault = parseFault(await readJson(request));
      if (fault.type === 'kill-side') await simulator.killSide(fault.side);
      else await simulator.restoreSide(fault.side);
      return simulator.health();
    }
    throw new HttpError(404, `no such endpoint ${request.method} ${path}; try GET /health or POST /faults`);
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
