import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  BROWSER_SOCKET_PATH,
  BrowserRequestSchema,
  RENDERER_CONTENT_SECURITY_POLICY,
  type BrowserReply,
} from '../../contract/index.js';
import type { SoftphoneCore } from '../core/softphone-core.js';
import { readStaticFile } from './static-files.js';


const SECURITY_HEADERS = {
  'content-security-policy': RENDERER_CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
} as const;

const MAX_MESSAGE_BYTES = 64 * 1024;

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
    readonly url: string,
  ) {}

  static async start(options: BrowserHostOptions): Promise<BrowserHost> {
    const token = randomBytes(24).toString('base64url');
    const rendererDir = path.resolve(options.rendererDir);
    let origin = '';
    let allowedHosts = new Set<string>();

    const tokenMatches = (candidate: string | null) => {
      if (candidate === null) return false;
      const a = Buffer.from(candidate);
      const b = Buffer.from(token);
      return a.length === b.length && timingSafeEqual(a, b);
    };

    const server = http.createServer((request, response) => {
      void (async () => {
        if (!allowedHosts.has(request.headers.host ?? '')) return plain(response, 421, 'Unknown host.');
        if (request.method !== 'GET' && request.method !== 'HEAD') return plain(response, 405, 'Method not allowed.');
        const url = new URL(request.url ?? '/', origin);
        if ((url.pathname === '/' || url.pathname === '/index.html') && !tokenMatches(url.searchParams.get('token'))) {
          return plain(response, 403, 'This address needs the token printed by the softphone when it started.');
        }
        const file = await readStaticFile(rendererDir, url.pathname);
        if (!file) return plain(response, 404, 'Not found.');
        response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': file.contentType, 'content-length': file.body.length });
        response.end(request.method === 'HEAD' ? undefined : file.body);
      })();
    });

    const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
    server.on('upgrade', (request, socket, head) => {
      const url = new URL(request.url ?? '/', origin);
      const allowed =
        url.pathname === BROWSER_SOCKET_PATH &&
        allowedHosts.has(request.headers.host ?? '') &&
        request.headers.origin === `http://${request.headers.host ?? ''}` &&
        tokenMatches(url.searchParams.get('token'));
      if (!allowed) {
        options.log(`refused a WebSocket from origin ${request.headers.origin ?? '(none)'}`);
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
        return;
      }
      sockets.handleUpgrade(request, socket, head, (ws) => bridge(ws, options.core, options.log));
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
    origin = `http://${hostPart}:${port}`;
    // Only names of this very server: a DNS-rebinding page arrives under a foreign Host.
    allowedHosts = new Set([`${hostPart}:${port}`]);
    if (options.host === '127.0.0.1' || options.host === '::1') allowedHosts.add(`localhost:${port}`);
    return new BrowserHost(server, sockets, `${origin}/?token=${token}`);
  }

  async stop(): Promise<void> {
    for (const client of this.sockets.clients) client.terminate();
    this.sockets.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function plain(response: http.ServerResponse, status: number, text: string): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
  response.end(text);
}

/** One browser view: validated requests in, command results and the state stream out. */
function bridge(ws: WebSocket, core: SoftphoneCore, log: (line: string) => void): void {
  let unsubscribe: (() => void) | undefined;
  const send = (reply: BrowserReply) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(reply));
  };
  ws.on('message', (data, isBinary) => {
    let parsed;
    try {
      parsed = isBinary ? undefined : BrowserRequestSchema.safeParse(JSON.parse(data.toString()));
    } catch {
      parsed = undefined;
    }
    if (!parsed?.success) {
      log('closed a browser view that sent a message outside the contract');
      ws.close(1008, 'message outside the contract');
      return;
    }
    const request = parsed.data;
    if (request.kind === 'subscribe') {
      unsubscribe?.();
      unsubscribe = core.subscribe((event) => send({ kind: 'state', event }));
      return;
    }
    void core.execute(request.name, request.args).then((outcome) =>
      send(
        outcome.ok
          ? { kind: 'result', id: request.id, value: outcome.value }
          : { kind: 'failure', id: request.id, failure: outcome.failure },
      ),
    );
  });
  ws.on('close', () => unsubscribe?.());
}
