import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, session, type WebContents } from 'electron';
import { loadLocalConfig, LocalConfigError } from '../core/local-config.js';
import { fileLogger, type Logger } from '../core/logger.js';
import { SoftphoneCore } from '../core/softphone-core.js';
import { acquireUserDataLock } from '../core/user-data-lock.js';
import { logsDir, PRODUCT_NAME } from '../core/user-data.js';
import { configuredOrEmbedded, testCallPlacer, type CtiSimulator } from '../../simulator/index.js';
import { embeddedSimulatorHint } from '../../contract/index.js';
import { DeploymentPolicyError, loadDeploymentPolicy, policySettingsOptions, policySides } from '../settings/deployment-policy.js';
import { parseDesktopCommandLine } from './command-line.js';
import { electronSettingsStore } from './electron-settings-store.js';
import { bindIpc, type IpcBridge } from './ipc-bridge.js';
import { appUrlCheck, hardenSession, hardenWebContents, isTrustedSender } from './window-security.js';

// The Electron shell: window, IPC binding, lifecycle. The program itself is SoftphoneCore.

/** Built layout (electron.vite.config.ts): out/main/index.js next to out/preload and out/renderer. */
const OUT_DIR = path.resolve(import.meta.dirname, '..');
const PRELOAD_FILE = path.join(OUT_DIR, 'preload', 'index.cjs');
const RENDERER_INDEX = path.join(OUT_DIR, 'renderer', 'index.html');
const isAppUrl = appUrlCheck(RENDERER_INDEX);

interface Running {
  core?: SoftphoneCore;
  bridge?: IpcBridge;
  /** The built-in CTI Server, when none is configured. */
  simulator?: CtiSimulator;
}

const EXIT_STARTUP_FAILED = 1;
const EXIT_BAD_COMMAND_LINE = 2;
/** As start:browser's: another process (the browser host) holds the user-data folder. */
const EXIT_USER_DATA_IN_USE = 2;
const STOP_TIMEOUT_MS = 5_000;

/** Shows one sentence to the person starting the app (stderr on Linux before ready) and exits. */
function fail(message: string, exitCode: number): never {
  // showErrorBox itself writes to stderr on Linux before 'ready'; avoid saying it twice.
  if (process.platform !== 'linux' || app.isReady()) console.error(message);
  dialog.showErrorBox(PRODUCT_NAME, message);
  app.exit(exitCode);
  // app.exit ends the process asynchronously; nothing after a failure may run.
  return process.exit(exitCode);
}

const commandLine = parseDesktopCommandLine(process.argv.slice(1), process.cwd());
if (!commandLine.ok) fail(commandLine.error, EXIT_BAD_COMMAND_LINE);
const options = commandLine.options;

// Before the single-instance lock: Electron scopes that lock to the user-data
// folder, so a second start on the same folder focuses the first, and separate
// profiles (--user-data: tests, a second agent) are separate instances.
if (options.userDataDir) app.setPath('userData', options.userDataDir);

// Sandbox every renderer, including any we did not create ourselves.
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // The first instance gets 'second-instance' and comes to the front.
  app.quit();
} else {
  void run();
}

async function run(): Promise<void> {
  const userData = app.getPath('userData');
  // Electron's lock keeps out other desktop instances; this one keeps out the
  // browser host (start:browser), which shares the folder and its outbox.
  const userDataLock = acquireUserDataLock(userData, `${PRODUCT_NAME} desktop`);
  if (!userDataLock.acquired) fail(`${PRODUCT_NAME}: ${userDataLock.message}.`, EXIT_USER_DATA_IN_USE);
  app.once('will-quit', () => userDataLock.lock.release());
  const log = fileLogger(path.join(logsDir(userData), 'main.log'));
  log.info(`${PRODUCT_NAME} ${app.getVersion()} starting (Electron ${process.versions.electron}, user data ${userData})`);
  if (userDataLock.tookOver) log.warn(userDataLock.tookOver);

  const windows = new Set<BrowserWindow>();
  // Filled in as start-up proceeds; quitting may begin at any point before that.
  const running: Running = {};

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, isAppUrl, (text) => log.warn(text)));
  app.on('second-instance', () => {
    const [window] = windows;
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });
  installQuitHandling(running, log);

  await app.whenReady();
  hardenSession(session.defaultSession);

  let core: SoftphoneCore;
  try {
    const { policy, file: policyFile } = await loadDeploymentPolicy(options.policyFile);
    if (policyFile) log.info(`deployment policy from ${policyFile}`);
    const config = await loadLocalConfig(userData);
    // The policy wins over the user (flags and config.json alike).
    const target = await configuredOrEmbedded(policySides(policy, options.sides ?? { A: config.cti.sideA, B: config.cti.sideB }), log.info);
    running.simulator = target.simulator;
    core = await SoftphoneCore.start({
      config,
      sides: target.sides,
      log,
      userDataDir: userData,
      settings: {
        ...policySettingsOptions(policy, config.settingsSource, target.simulator?.controlUrl),
        store: electronSettingsStore,
      },
      ...(target.simulator && { embeddedSimulator: embeddedSimulatorHint(target.simulator.siteAgents()), placeTestCall: testCallPlacer(target.simulator) }),
    });
  } catch (error) {
    if (error instanceof DeploymentPolicyError) {
      log.error(error.message);
      fail(`${PRODUCT_NAME}: ${error.message}.`, EXIT_BAD_COMMAND_LINE);
    }
    if (error instanceof LocalConfigError) {
      log.error(error.message);
      fail(`${error.message}.`, EXIT_STARTUP_FAILED);
    }
    log.error(`start-up failed: ${(error as Error).stack ?? String(error)}`);
    fail(`${PRODUCT_NAME} could not start: ${(error as Error).message}. The log is in ${logsDir(userData)}.`, EXIT_STARTUP_FAILED);
  }

  const isOurWindow = (contents: WebContents) => [...windows].some((window) => window.webContents === contents);
  running.core = core;
  running.bridge = bindIpc({
    ipcMain,
    core,
    isTrustedSender: (event) => isTrustedSender(event, isOurWindow, isAppUrl),
    log,
  });

  const openWindow = () => {
    const window = createWindow(log);
    windows.add(window);
    window.on('closed', () => windows.delete(window));
  };
  openWindow();

  app.on('activate', () => {
    // macOS: clicking the dock icon with no window open brings the softphone back.
    if (windows.size === 0) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

function createWindow(log: Logger): BrowserWindow {
  const window = new BrowserWindow({
    title: PRODUCT_NAME,
    width: 480,
    height: 720,
    minWidth: 360,
    minHeight: 480,
    show: false,
    webPreferences: {
      preload: PRELOAD_FILE,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.on('render-process-gone', (_event, details) => {
    log.error(`renderer process gone (${details.reason}, exit code ${details.exitCode})`);
  });
  window.webContents.on('preload-error', (_event, file, error) => {
    log.error(`preload ${file} failed: ${error.stack ?? error.message}`);
  });
  void window.loadFile(RENDERER_INDEX).catch((error: unknown) => {
    log.error(`cannot load ${RENDERER_INDEX}: ${(error as Error).message}`);
  });
  return window;
}

/**
 * Quitting waits for core to stop (CTI session closed, embedded simulator down),
 * bounded so a hung peer cannot keep the app alive.
 */
function installQuitHandling(running: Running, log: Logger): void {
  let phase: 'running' | 'stopping' | 'stopped' = 'running';
  app.on('before-quit', (event) => {
    if (phase === 'stopped') return;
    event.preventDefault();
    if (phase === 'stopping') return;
    phase = 'stopping';
    log.info('quitting');
    running.bridge?.dispose();
    const stopped = (running.core ? running.core.stop() : Promise.resolve()).then(() => running.simulator?.stop());
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log.warn(`core did not stop within ${STOP_TIMEOUT_MS} ms; quitting anyway`);
        resolve();
      }, STOP_TIMEOUT_MS);
    });
    void Promise.race([stopped, timeout])
      .catch((error: unknown) => log.error(`stopping core failed: ${(error as Error).stack ?? String(error)}`))
      .finally(() => {
        clearTimeout(timer);
        phase = 'stopped';
        app.quit();
      });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    // Ctrl+C in the terminal that ran `npm start` should stop the CTI session cleanly too.
    process.once(signal, () => app.quit());
  }
}
