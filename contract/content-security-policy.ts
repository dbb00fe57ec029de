/**
 * The renderer's Content-Security-Policy, one definition for both shells: the
 * Electron shell sends it as a header, the browser host too, and
 * renderer/index.html carries the same text in a <meta> tag (file:// pages have no
 * headers); a unit test keeps the three in step. `connect-src 'self'` admits the
 * browser host's same-origin WebSocket.
 */
export const RENDERER_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
