import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultConflict, listenOn, type CtiSimulator } from './cti-simulator.js';
import { BadFault, applyFault, parseFault } from './faults.js';
import { BadCallBody, offerIncomingCall, PeripheralOffline } from './control-api-calls.js';
import { HttpError, readJson, reply } from './control-api-http.js';
import { serveDesktopSettings } from './control-api-settings.js';
import { describeAgents, describeCall, describeCalls } from './control-api-views.js';
import { ControlFailure } from './pg/refusals.js';
import { AgentDeskSettingsSchema, deskSettingsOf } from './pg/site.js';

export interface ControlApi {
  readonly url: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024;

/**
 * The simulator's HTTP control API, for tests and demos: JSON in, JSON out, and a
 * JSON `error` with a 4xx status for anything it cannot do. The desktop settings
 * document is the one answer served as stored bytes, with an ETag.
 */
/** The path of a request target, or a 400 for one that is not a URL path (`//[`, `http://a:99999/`). */
function requestPath(target: string | undefined): string {
  try {
    return new URL(target ?? '/', 'http://simulator').pathname;
  } catch {
    throw new HttpError(400, `"${String(target).slice(0, 100)}" is not a request path`);
  }
}

export async function startControlApi(simulator: CtiSimulator, host: string, port: number): Promise<ControlApi> {
  const route = async (request: http.IncomingMessage, path: string): Promise<unknown> => {
    if (path === '/health') {
      if (request.method !== 'GET') throw new HttpError(405, 'use GET /health');
      return simulator.health();
    }
    if (path === '/faults') {
      if (request.method !== 'POST') throw new HttpError(405, 'use POST /faults');
      const body = await readJson(request, MAX_BODY_BYTES);
      try {
        return await applyFault(simulator, parseFault(body));
      } catch (error) {
        if (error instanceof BadFault) throw new HttpError(400, error.message);
        if (error instanceof FaultConflict) throw new HttpError(409, error.message);
        throw error;
      }
    }
    if (path === '/agents' && request.method === 'GET') return describeAgents(simulator.peripheral);
    if (path === '/calls' && request.method === 'GET') return describeCalls(simulator.peripheral);
    if (path === '/calls' && request.method === 'POST') {
      const body = await readJson(request, MAX_BODY_BYTES);
      try {
        return { callId: offerIncomingCall(simulator, body).id };
      } catch (error) {
        if (error instanceof BadCallBody) throw new HttpError(400, error.message);
        if (error instanceof PeripheralOffline) throw new HttpError(409, error.message);
        throw error;
      }
    }
    // One call, also after it ended (kept until the desktop releases it): wrap-up lands there.
    const one = /^\/calls\/(\d+)$/.exec(path);
    if (one && request.method === 'GET') {
      const call = simulator.peripheral.callOrEnded(Number(one[1]));
      if (!call) throw new HttpError(404, `there is no call ${one[1]} in progress or recently ended`);
      return describeCall(call);
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
    // An agent's own Agent Desk Settings, as an administrator changes them in UCCE's
    // configuration: the desktop reads them with AGENT_DESK_SETTINGS_REQ at its next login.
    const desk = /^\/agents\/([^/]+)\/desk-settings$/.exec(path);
    if (desk && request.method === 'PUT') {
      const agent = simulator.peripheral.agents.get(decodeURIComponent(desk[1]!));
      if (!agent) throw new HttpError(404, `there is no agent ${desk[1]}`);
      const parsed = AgentDeskSettingsSchema.safeParse(await readJson(request, MAX_BODY_BYTES));
      if (!parsed.success) throw new HttpError(400, `desk settings: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ')}`);
      agent.config = { ...agent.config, deskSettings: { ...agent.config.deskSettings, ...parsed.data } };
      return deskSettingsOf(simulator.peripheral.site, agent.config);
    }
    throw new HttpError(
      404,
      `no such endpoint ${request.method} ${path}; see GET /health, GET /agents, GET /calls, GET /calls/{id}, POST /calls, POST /calls/{id}/hangup, PUT /agents/{id}/desk-settings, POST /faults, GET and PUT /desktop-settings`,
    );
  };

  const server = http.createServer((request, response) => {
    // Everything, the parse of the request target included, answers through the one catch:
    // no request line, however malformed, may end the process the simulator runs in
    // (the shells run it in theirs when no CTI Server is configured).
    const answered = (async () => {
      const path = requestPath(request.url);
      // The settings document is not a JSON answer built here but bytes served as they are, with an ETag.
      if (path === '/desktop-settings') return serveDesktopSettings(simulator, request, response);
      return reply(response, 200, await route(request, path));
    })();
    answered.catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (response.headersSent) response.destroy();
      else reply(response, status, { error: (error as Error).message });
    });
  });
  // A client that resets its connection mid-request must not become an unhandled 'error'.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
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
