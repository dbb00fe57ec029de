import type http from 'node:http';
import { HttpError, readBody, reply } from './control-api-http.js';
import type { CtiSimulator } from './cti-simulator.js';
import { BadDesktopSettings, DesktopSettingsDocument, MAX_DESKTOP_SETTINGS_BYTES } from './desktop-settings-document.js';

/**
 * `GET /desktop-settings`: the document with its ETag, or 304 when `If-None-Match`
 * names it. `PUT /desktop-settings`: replaces it, so tests and trainers can change the
 * settings while desktops are connected; answers the new ETag. `no-cache` makes any
 * cache in between ask again each time, as a desktop does on every connect.
 */
export async function serveDesktopSettings(simulator: CtiSimulator, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  if (request.method === 'GET' || request.method === 'HEAD') {
    const document = simulator.desktopSettings;
    const headers = { etag: document.etag, 'cache-control': 'no-cache' };
    if (document.isNamedBy(request.headers['if-none-match'])) {
      response.writeHead(304, headers);
      response.end();
      return;
    }
    response.writeHead(200, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': document.bytes.length });
    response.end(request.method === 'HEAD' ? undefined : document.bytes);
    return;
  }
  if (request.method === 'PUT') {
    const body = await readBody(request, MAX_DESKTOP_SETTINGS_BYTES);
    let document: DesktopSettingsDocument;
    try {
      document = DesktopSettingsDocument.fromBytes(body);
    } catch (error) {
      if (error instanceof BadDesktopSettings) throw new HttpError(400, `request body: ${error.message}`);
      throw error;
    }
    simulator.replaceDesktopSettings(document);
    reply(response, 200, { etag: document.etag }, { etag: document.etag });
    return;
  }
  throw new HttpError(405, 'use GET or PUT /desktop-settings');
}
