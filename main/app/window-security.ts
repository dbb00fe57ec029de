import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RENDERER_CONTENT_SECURITY_POLICY } from '../../contract/content-security-policy.js';
import type { IpcMainEvent, IpcMainInvokeEvent, Session, WebContents } from 'electron';


/** True for exactly one URL: the built renderer's index.html (query and fragment ignored). */
export type AppUrlCheck = (url: string) => boolean;

export function appUrlCheck(rendererIndexFile: string, platform: NodeJS.Platform = process.platform): AppUrlCheck {
  // Windows paths compare case-insensitively, and file URLs may spell the drive either way.
  const normalise = (file: string) => (platform === 'win32' ? path.resolve(file).toLowerCase() : path.resolve(file));
  const expected = normalise(rendererIndexFile);
  return (url) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.protocol !== 'file:' || (parsed.host !== '' && parsed.host !== 'localhost')) return false;
    try {
      return normalise(fileURLToPath(parsed)) === expected;
    } catch {
      return false;
    }
  };
}

/**
 * Session-wide defences: the CSP header on every response, and no permission
 * (camera, microphone, notifications, clipboard, HID, serial, ...) for any page.
 * A softphone's audio lives in the agent's phone, not in this window.
 */
export function hardenSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
    );
    callback({ responseHeaders: { ...responseHeaders, 'Content-Security-Policy': [RENDERER_CONTENT_SECURITY_POLICY] } });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/**
 * Per-page defences, applied to every web contents the app ever creates (not just
 * our window), so a page that somehow appears cannot navigate, open windows or
 * embed a <webview>.
 */
export function hardenWebContents(contents: WebContents, isAppUrl: AppUrlCheck, log: (text: string) => void): void {
  const denyUnlessApp = (event: { preventDefault(): void }, url: string, what: string) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    log(`denied ${what} to ${url}`);
  };
  contents.on('will-navigate', (event) => denyUnlessApp(event, event.url, 'navigation'));
  contents.on('will-frame-navigate', (event) => {
    // The main frame is already covered by will-navigate; this catches subframes.
    if (!event.isMainFrame) denyUnlessApp(event, event.url, 'frame navigation');
  });
  contents.on('will-redirect', (event) => denyUnlessApp(event, event.url, 'redirect'));
  contents.setWindowOpenHandler(({ url }) => {
    log(`denied a new window for ${url}`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('denied a <webview>');
  });
}

/**
 * Whether an IPC message comes from the main frame of one of our windows while it
 * shows our renderer. Anything else (a subframe, a page navigated elsewhere, a
 * frame already gone) is refused before its arguments are even looked at.
 */
export function isTrustedSender(
  event: IpcMainEvent | IpcMainInvokeEvent,
  isOurWindow: (contents: WebContents) => boolean,
  isAppUrl: AppUrlCheck,
): boolean {
  try {
    const frame = event.senderFrame;
    if (!frame || frame.detached || frame.parent !== null) return false;
    const contents = event.sender;
    if (contents.isDestroyed() || !isOurWindow(contents)) return false;
    if (frame.frameTreeNodeId !== contents.mainFrame.frameTreeNodeId) return false;
    return isAppUrl(frame.url);
  } catch {
    // Electron throws when a frame is disposed while we look at it: not a sender we trust.
    return false;
  }
}
