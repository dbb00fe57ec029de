import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server on 127.0.0.1:0 that serves a settings document the way a web
 * server would: an ETag, 304 on If-None-Match, and routes for the awkward cases
 * (redirect chains, a server that never answers, a body larger than it should be).
 */
export class SettingsServer {
  /** The body `GET /settings.json` serves; change it to publish a new document. */
  body: string;
  /** Requests seen, with their If-None-Match, in order. */
  readonly requests: { readonly url: string; readonly ifNoneMatch: string | undefined }[] = [];
  private readonly hung = new Set<http.ServerResponse>();

  private constructor(
    private readonly server: http.Server,
    document: unknown,
  ) {
    this.body = JSON.stringify(document);
  }

  static async start(document: unknown): Promise<SettingsServer> {
    const server = http.createServer();
    const instance = new SettingsServer(server, document);
    server.on('request', (request, response) => instance.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return instance;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Publishes `document` (as JSON) or a raw body. */
  publish(document: unknown): void {
    this.body = typeof document === 'string' ? document : JSON.stringify(document);
  }

  get etag(): string {
    return `"${createHash('sha1').update(this.body).digest('hex')}"`;
  }

  private handle(request: http.IncomingMessage, response: http.ServerResponse): void {
    const url = new URL(request.url ?? '/', this.url);
    this.requests.push({ url: url.pathname, ifNoneMatch: request.headers['if-none-match'] });
    // /redirect/N: N more redirects, then the document.
    const redirect = /^\/redirect\/(\d+)$/.exec(url.pathname);
    if (redirect) {
      const left = Number(redirect[1]);
      response.writeHead(302, { location: left > 1 ? `/redirect/${left - 1}` : '/settings.json' }).end();
      return;
    }
    if (url.pathname === '/hang') {
      this.hung.add(response);
      return;
    }
    if (url.pathname === '/huge') {
      // No Content-Length: the limit must hold while reading, not only on the header.
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"schemaVersion":1,"extra":{"pad":"');
      response.end(`${'x'.repeat(2 * 1024 * 1024)}"}}`);
      return;
    }
    if (url.pathname === '/missing') {
      response.writeHead(404).end();
      return;
    }
    if (url.pathname !== '/settings.json') {
      response.writeHead(404).end();
      return;
    }
    const etag = this.etag;
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, { etag }).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json', etag }).end(this.body);
  }

  async stop(): Promise<void> {
    for (const response of this.hung) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
