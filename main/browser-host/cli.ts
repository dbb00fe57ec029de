import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { listenPort } from '../../command-line/port-arguments.js';
import { configuredOrEmbedded, ListenError, testCallPlacer, type CtiTarget } from '../../simulator/index.js';
import { embeddedSimulatorHint } from '../../contract/index.js';
import { parseEndpoint, type Endpoint, type SideEndpoints } from '../cti/endpoints.js';
import { OutboxUnavailableError } from '../cti/outbox.js';
import { loadLocalConfig, LocalConfigError } from '../core/local-config.js';
import { fileLogger } from '../core/logger.js';
import { SoftphoneCore } from '../core/softphone-core.js';
import { acquireUserDataLock } from '../core/user-data-lock.js';
import { defaultUserDataDir, logsDir } from '../core/user-data.js';
import { DeploymentPolicyError, loadDeploymentPolicy, policySettingsOptions, policySides, type LoadedPolicy } from '../settings/deployment-policy.js';
import { BrowserHost } from './browser-host.js';
import { openAppWindow } from './browser-launcher.js';

const RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));

function endpoint(value: string): Endpoint {
  const parsed = parseEndpoint(value);
  if ('error' in parsed) throw new InvalidArgumentError(`${parsed.error}.`);
  return parsed;
}

function loopback(value: string): string {
  if (value === 'localhost' || value === '::1' || /^127\.\d+\.\d+\.\d+$/.test(value)) return value;
  throw new InvalidArgumentError('the browser host listens on loopback only (127.0.0.1 or ::1); it is not a network server.');
}

const program = new Command('start:browser')
  .description('Serve the softphone to a browser on this machine, bridged to CTI Server over a loopback WebSocket')
  .option('--port <port>', 'port to listen on (0 picks a free one)', listenPort, 0)
  .option('--host <address>', 'loopback address to listen on', loopback, '127.0.0.1')
  .option('--no-open', 'do not open a browser window; just print the address')
  .option('--cti-a <host:port>', 'CTI Server side A', endpoint)
  .option('--cti-b <host:port>', 'CTI Server side B', endpoint)
  .option('--user-data <dir>', 'folder for settings, cache and logs')
  .option('--policy <file>', 'deployment policy file instead of the machine-wide one')
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(text.replace(/^error: /, 'start:browser: ')) });

interface Options {
  port: number;
  host: string;
  open: boolean;
  ctiA?: Endpoint;
  ctiB?: Endpoint;
  userData?: string;
  policy?: string;
}

function fail(message: string, code = 1): never {
  console.error(`start:browser: ${message}`);
  process.exit(code);
}

async function main(): Promise<void> {
  try {
    program.parse();
  } catch (error) {
    if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2);
    throw error;
  }
  const options = program.opts<Options>();
  // The policy first: IT's settings decide where everything else goes.
  let loaded: LoadedPolicy;
  try {
    loaded = await loadDeploymentPolicy(options.policy === undefined ? undefined : path.resolve(options.policy));
  } catch (error) {
    if (error instanceof DeploymentPolicyError) fail(error.message, 2);
    throw error;
  }
  const { policy } = loaded;
  const userData = path.resolve(options.userData ?? defaultUserDataDir());
  try {
    mkdirSync(userData, { recursive: true });
  } catch (error) {
    fail(`cannot use ${userData} for user data (${(error as Error).message}); pass another folder with --user-data`);
  }
  // Before anything reads or writes the folder: two processes on one outbox lose entries.
  const userDataLock = acquireUserDataLock(userData, 'start:browser');
  if (!userDataLock.acquired) fail(userDataLock.message, 2);
  if (userDataLock.tookOver) console.log(userDataLock.tookOver);
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    fail(`the renderer is not built (${RENDERER_DIR} has no index.html); run "npm run build" first`);
  }
  const log = fileLogger(path.join(logsDir(userData), 'browser-host.log'));
  if (userDataLock.tookOver) log.warn(userDataLock.tookOver);
  let config;
  try {
    config = await loadLocalConfig(userData);
  } catch (error) {
    if (error instanceof LocalConfigError) fail(error.message);
    throw error;
  }
  const user: SideEndpoints =
    options.ctiA || options.ctiB ? { ...(options.ctiA && { A: options.ctiA }), ...(options.ctiB && { B: options.ctiB }) } : { A: config.cti.sideA, B: config.cti.sideB };
  // The policy wins over the user (flags and config.json alike).
  const configured = policySides(policy, user);
  if (loaded.file) log.info(`deployment policy from ${loaded.file}`);
  if (configured !== user && (options.ctiA || options.ctiB)) console.log(`The deployment policy (${loaded.file}) names the CTI Servers; --cti-a/--cti-b are ignored.`);

  let target: CtiTarget;
  try {
    target = await configuredOrEmbedded(configured, log.info);
  } catch (error) {
    if (error instanceof ListenError) fail(`built-in simulator: ${error.message}`);
    throw error;
  }
  const { simulator } = target;
  let core: SoftphoneCore;
  try {
    core = await SoftphoneCore.start({
      config,
      sides: target.sides,
      log,
      userDataDir: userData,
      settings: {
        ...policySettingsOptions(policy, config.settingsSource, simulator?.controlUrl),
      },
      ...(simulator && { embeddedSimulator: embeddedSimulatorHint(simulator.siteAgents()), placeTestCall: testCallPlacer(simulator) }),
    });
  } catch (error) {
    await simulator?.stop();
    if (error instanceof OutboxUnavailableError) fail(error.message);
    throw error;
  }
  let host: BrowserHost;
  try {
    host = await BrowserHost.start({ core, rendererDir: RENDERER_DIR, host: options.host, port: options.port, log: log.info });
  } catch (error) {
    await core.stop();
    await simulator?.stop();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') fail(`port ${options.port} on ${options.host} is already in use; choose another with --port, or --port 0 for a free one`);
    if (code === 'EACCES') fail(`not allowed to listen on port ${options.port}; choose a port above 1023 or --port 0`);
    if (code === 'EADDRNOTAVAIL') fail(`${options.host} is not an address of this machine; use 127.0.0.1`);
    throw error;
  }

  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    void Promise.all([host.stop(), core.stop().then(() => simulator?.stop())]).then(() => process.exit(0));
  };
  // `on`, not `once`: Ctrl+C reaches npm and this process alike, so the same signal may
  // arrive twice; the second must not cut the clean shutdown short. Set before the lines
  // below: whoever acts on them may stop us at once, and the stop must be a clean one.
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  if (simulator) {
    const a = simulator.address('A');
    const b = simulator.address('B');
    console.log(
      `Built-in CTI Server simulator: side A ${a.host}:${a.port}, side B ${b.host}:${b.port}, control API ${simulator.controlUrl}`,
    );
  }
  console.log(`Listening on ${host.url}`);
  log.info(`browser host listening on ${options.host}; user data in ${userData}`);

  if (options.open) {
    const outcome = await openAppWindow(host.url, path.join(userData, 'browser-profile'));
    if (!outcome.opened && !stopping) {
      console.log(`Could not open a window (${outcome.reason}): open the address above in a browser on this machine.`);
    }
  }
}

void main();
