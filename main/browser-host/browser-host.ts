import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  BROWSER_SOCKET_PATH,
  RENDERER_CONTENT_SECURITY_POLICY,
} from '../../contract/index.js';
import { printable } from '../core/log-text.js';
import { LogThrottle } from '../core/log-throttle.js';
import type { SoftphoneCore } from '../core/softphone-core.js';
import { bindView } from '../core/view-binder.js';
import { parseRequestTarget, type RequestTarget } from './request-target.js';
import { findStaticFile, listPublicAssets } from './static-files.js';

const SECURITY_HEADERS = {
  'content-security-policy': RENDERER_CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
} as const;

const MAX_MESSAGE_BYTES = 64 * 1024;

/** Per kind of noise any local process can make at will: a few lines, then a count. */
const NOISE_LIMIT = { limit: 10, intervalMs: 10_000 } as const;

export interface BrowserHostOptions {
  readonly core: SoftphoneCore;
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  readonly host: string;
  readonly port: number;
  readonly log: (line: string) => void;
}

/**
 * Serves the renderer on loopback and bridges the contract over a WebSocket. Every
 * run has a fresh token: the page needs it in its URL and the socket in its query,
 * and the Host and Origin headers must name this server, so neither another user's
 * process nor a web page the agent happens to open can drive the softphone.
 */
export class BrowserHost {
  private constructor(
    private readonly server: http.Server,
    private readonly sockets: WebSocketServer,
    private readonly throttles: readonly LogThrottle[],
    readonly url: string,
  ) {}

  static async start(options: BrowserHostOptions): Promise<BrowserHost> {
    const token = randomBytes(24).toString('base64url');
    const rendererDir = path.resolve(options.rendererDir);
    const publicAssets = await listPublicAssets(rendererDir);
    let allowedHosts = new Set<string>();

    const refusedUpgrades = new LogThrottle(options.log, {
      ...NOISE_LIMIT,
      summary: (count, seconds) => `refused ${count} more WebSocket upgrades in the last ${seconds}s`,
    });
    const failures = new LogThrottle(options.log, {
      ...NOISE_LIMIT,
      summary: (count, seconds) => `${count} more failed requests or sockets in the last ${seconds}s`,
    });

    const tokenMatches = (candidate: string | null) => {
      if (candidate === null) return false;
      const a = Buffer.from(candidate);
      const b = Buffer.from(token);
      return a.length === b.length && timingSafeEqual(a, b);
    };
    // The absolute form's authority outranks the Host header (RFC 9112 §3.2.2); either way
    // it must name this very server: a DNS-rebinding page arrives under a foreign name.
    const addressedName = (target: RequestTarget, request: http.IncomingMessage) => target.authority ?? request.headers.host ?? '';
    const addressedToUs = (target: RequestTarget, request: http.IncomingMessage) => allowedHosts.has(addressedName(target, request));

    const serve = async (request: http.IncomingMessage, response: http.ServerResponse) => {
      const parsed = parseRequestTarget(request.url ?? '');
      if (!parsed.ok) return plain(response, 400, `Bad request: ${parsed.problem}.`);
      const { target } = parsed;
      if (!addressedToUs(target, request)) return plain(response, 421, 'Unknown host.');
      if (request.method !== 'GET' && request.method !== 'HEAD') return plain(response, 405, 'Method not allowed.');
      const file = await findStaticFile(rendererDir, target.path);
      if (!file) return plain(response, 404, 'Not found.');
      // Without the token only the assets listed at start, by their exact names; anything
      // else needs it, however the disk would read the name (`/INDEX.HTML` is index.html
      // on macOS and Windows). Which files exist is no secret: the build is open source.
      if (!publicAssets.has(target.path) && !tokenMatches(target.query.get('token'))) {
        return plain(response, 403, 'This address needs the token printed by the softphone when it started.');
      }
      const body = await file.read();
      response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': file.contentType, 'content-length': body.length });
      response.end(request.method === 'HEAD' ? undefined : body);
    };

    const server = http.createServer((request, response) => {
      // The catch-all: whatever a request does, it costs at most its own response.
      serve(request, response).catch((error: unknown) => {
        failures.log(`request ${printable(request.url ?? '')} failed: ${printable(describe(error))}`);
        if (response.headersSent) response.destroy();
        else plain(response, 500, 'Internal error.');
      });
    });

    const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
    const refuse = (socket: Socket, status: '400 Bad Request' | '403 Forbidden', why: string) => {
      refusedUpgrades.log(`refused a WebSocket upgrade: ${why}`);
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const upgrade = (request: http.IncomingMessage, socket: Socket, head: Buffer) => {
      const parsed = parseRequestTarget(request.url ?? '');
      if (!parsed.ok) return refuse(socket, '400 Bad Request', parsed.problem);
      const { target } = parsed;
      // The log says which check failed, not merely that one did.
      const failed =
        target.path !== BROWSER_SOCKET_PATH
          ? `path ${printable(target.path)}`
          : !addressedToUs(target, request)
            ? `host ${printable(request.headers.host ?? '(none)')}`
            : request.headers.origin !== `http://${addressedName(target, request)}`
              ? `origin ${printable(request.headers.origin ?? '(none)')}`
              : !tokenMatches(target.query.get('token'))
                ? 'a missing or wrong token'
                : undefined;
      if (failed) return refuse(socket, '403 Forbidden', failed);
      sockets.handleUpgrade(request, socket, head, (ws) => bridge(ws, options.core, options.log, failures));
    };
    server.on('upgrade', (request: http.IncomingMessage, socket: Socket, head: Buffer) => {
      // Node hands over an upgrading socket without its error listener: a peer that
      // resets it would otherwise throw from the socket, with nobody to catch it.
      socket.on('error', () => socket.destroy());
      try {
        upgrade(request, socket, head);
      } catch (error) {
        failures.log(`upgrade ${printable(request.url ?? '')} failed: ${printable(describe(error))}`);
        socket.destroy();
      }
    });

    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    const hostPart = options.host.includes(':') ? `[${options.host}]` : options.host;
    allowedHosts = new Set([`${hostPart}:${port}`]);
    if (options.host === '127.0.0.1' || options.host === '::1') allowedHosts.add(`localhost:${port}`);
    return new BrowserHost(server, sockets, [refusedUpgrades, failures], `http://${hostPart}:${port}/?token=${token}`);
  }

  async stop(): Promise<void> {
    for (const client of this.sockets.clients) client.terminate();
    this.sockets.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const throttle of this.throttles) throttle.flush();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function plain(response: http.ServerResponse, status: number, text: string): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
  response.end(text);
}

let nextView = 1;

/** The WebSocket as a transport for the view binder: JSON text in and out; the binder does the rest. */
function bridge(ws: WebSocket, core: SoftphoneCore, log: (line: string) => void, failures: LogThrottle): void {
  const view = bindView(
    core,
    {
      name: `browser view ${nextView++}`,
      send: (reply) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(reply));
      },
      close: (code, reason) => ws.close(code, reason),
    },
    { warn: log, error: log },
  );
  ws.on('message', (data, isBinary) => {
    let request: unknown;
    try {
      // Binary frames and text that is not JSON are outside the contract: the binder closes the view for them.
      request = isBinary ? undefined : JSON.parse(data.toString());
    } catch {
      request = undefined;
    }
    view.receive(request);
  });
  // A protocol error (oversize message, invalid UTF-8, an unmasked frame, a reserved
  // opcode or bit, a bad close code) closes this socket with the code ws chose (1009,
  // 1007, 1002); without a listener the same error would be thrown and end the host.
  ws.on('error', (error) => failures.log(`closed a browser view after a WebSocket error: ${printable(error.message)}`));
  ws.on('close', () => view.closed());
}
