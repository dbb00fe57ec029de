import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { listenPort } from '../command-line/port-arguments.js';
import { MAX_PROTOCOL_VERSION, MIN_PROTOCOL_VERSION, NONE_UINT } from '../ged188/index.js';
import { CallGenerator } from './call-generator.js';
import { CtiSimulator, DEFAULT_MAX_CONNECTIONS_PER_SIDE, DEFAULT_OPEN_TIMEOUT_MS, ListenError } from './cti-simulator.js';
import { BadDesktopSettings, loadDesktopSettingsFile, type DesktopSettingsDocument } from './desktop-settings-document.js';
import { generatedSite, type Site } from './pg/site.js';
import { SiteFileError, loadSiteFile } from './site-file.js';

function wholeNumber(min: number, max: number, why = '') {
  return (value: string): number => {
    const number = Number(value);
    if (!/^\d+$/.test(value) || number < min || number > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}${why}.`);
    return number;
  };
}

function decimal(min: number, max: number, what: string) {
  return (value: string): number => {
    const number = Number(value);
    if (value.trim() === '' || !Number.isFinite(number) || number < min || number > max) throw new InvalidArgumentError(`${what} is a number from ${min} to ${max}.`);
    return number;
  };
}

// Generated numbering: agents 1001… and supervisors 2001… (moved up past a large team of agents).
const NUMBERING = ' (use --config for a bigger or differently numbered site)';

const program = new Command('simulator')
  .description('CTI Server simulator: sides A and B speaking GED-188, with an HTTP control API')
  .option('--port-a <port>', 'side A port (0 picks a free one)', listenPort, 42027)
  .option('--port-b <port>', 'side B port (0 picks a free one)', listenPort, 43027)
  .option('--control-port <port>', 'control API port (0 picks a free one)', listenPort, 42100)
  .option('--host <address>', 'address to listen on', '127.0.0.1')
  .option('--agents <n>', 'agents 1001… on instruments 3001…', wholeNumber(0, 5000, NUMBERING), 10)
  .option('--supervisors <n>', 'supervisors 2001… on instruments 4001… (default: one per team of 25 agents)', wholeNumber(0, 999, NUMBERING))
  .option('--skill-groups <n>', 'skill groups 100 "Sales", 101 "Support", …', wholeNumber(1, 100), 2)
  .option('--call-rate <r>', 'callers per second calling in on their own, Poisson arrivals (0: only POST /calls)', decimal(0, 1000, 'a call rate'), 0)
  .option('--talk-time <seconds>', 'callers hang up about this long after being answered', decimal(0.1, 86_400, 'a talk time'), 30)
  .option('--seed <s>', 'seed for the generated callers, for reproducible runs', wholeNumber(0, 0xffffffff), 1)
  .option('--peripheral-id <id>', 'the PeripheralID clients open with', wholeNumber(0, NONE_UINT - 1, ' (0xFFFFFFFF means no peripheral)'), 5000)
  .option('--open-timeout <seconds>', 'close a connection that has not opened a session this long after connecting', decimal(0.1, 3600, 'an open timeout'), DEFAULT_OPEN_TIMEOUT_MS / 1000)
  .option('--max-version <n>', `the newest protocol version the server takes, as an older UCCE release (newer opens get E_CTI_INVALID_VERSION)`, wholeNumber(MIN_PROTOCOL_VERSION, MAX_PROTOCOL_VERSION), MAX_PROTOCOL_VERSION)
  .option('--max-connections <n>', 'connections each side holds at most; more are refused and logged', wholeNumber(1, 100_000), DEFAULT_MAX_CONNECTIONS_PER_SIDE)
  .option('--config <file>', 'a JSON site description (agents, teams, skill groups, desk settings) instead of a generated site')
  .option('--settings <file>', 'the desktop settings document GET /desktop-settings serves (default: a realistic example)')
  .option('--quiet', 'do not log sessions and faults')
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(text.replace(/^error: /, 'simulator: ')) });

interface Options {
  portA: number;
  portB: number;
  controlPort: number;
  host: string;
  agents: number;
  supervisors?: number;
  skillGroups: number;
  callRate: number;
  talkTime: number;
  seed: number;
  peripheralId: number;
  openTimeout: number;
  maxVersion: number;
  maxConnections: number;
  config?: string;
  settings?: string;
  quiet?: boolean;
}

function usageError(message: string): never {
  process.stderr.write(`simulator: ${message}\n`);
  process.exit(2);
}

/** The site to play: the --config file, or one generated from --agents, --supervisors and --skill-groups. */
function siteFrom(options: Options): Site {
  const given = (name: string) => program.getOptionValueSource(name) === 'cli';
  if (options.config === undefined) {
    return generatedSite({ agents: options.agents, supervisors: options.supervisors, skillGroups: options.skillGroups, peripheralId: options.peripheralId });
  }
  const clash = ['agents', 'supervisors', 'skillGroups'].find(given);
  if (clash) usageError(`--config describes the site; leave out --${clash.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
  try {
    return loadSiteFile(options.config, given('peripheralId') ? { peripheralId: options.peripheralId } : {});
  } catch (error) {
    if (error instanceof SiteFileError) usageError(error.message);
    throw error;
  }
}

/** The --settings file, checked before anything listens. */
function desktopSettingsFrom(options: Options): DesktopSettingsDocument | undefined {
  if (options.settings === undefined) return undefined;
  try {
    return loadDesktopSettingsFile(options.settings);
  } catch (error) {
    if (error instanceof BadDesktopSettings) usageError(error.message);
    throw error;
  }
}

async function main(): Promise<void> {
  try {
    program.parse();
  } catch (error) {
    if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2);
    throw error;
  }
  const options = program.opts<Options>();
  const site = siteFrom(options);
  const desktopSettings = desktopSettingsFrom(options);
  const log = options.quiet ? undefined : (line: string) => console.log(line);
  let simulator: CtiSimulator;
  try {
    simulator = await CtiSimulator.start({
      host: options.host,
      ports: { A: options.portA, B: options.portB },
      controlPort: options.controlPort,
      site,
      log,
      openTimeoutMs: options.openTimeout * 1000,
      maxConnectionsPerSide: options.maxConnections,
      maxVersion: options.maxVersion,
      desktopSettings,
    });
  } catch (error) {
    if (error instanceof ListenError) {
      console.error(`simulator: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const callers = new CallGenerator(simulator.peripheral, {
    ratePerSecond: options.callRate,
    talkTimeSeconds: options.talkTime,
    seed: options.seed,
    accepting: () => simulator.isPeripheralOnline,
    log,
  });
  callers.start();
  log?.(
    `site: ${site.agents.length} agents and supervisors, ${site.skillGroups.length} skill groups, peripheral ${site.peripheralId}` +
      (options.callRate > 0 ? `; ${options.callRate} calls/s, talk time about ${options.talkTime} s, seed ${options.seed}` : ''),
  );
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    callers.stop();
    void simulator.stop().then(() => process.exit(0));
  };
  // `on`, not `once`: Ctrl+C reaches npm, tsx and this process alike, so the same
  // signal may arrive twice; the second must not cut the clean shutdown short.
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  // Ready only now: whoever acts on this line may stop us at once, and the stop must be a clean one.
  const a = simulator.address('A');
  const b = simulator.address('B');
  console.log(
    `Simulator ready: side A ${a.host}:${a.port} (active), side B ${b.host}:${b.port} (standby), control API ${simulator.controlUrl}`,
  );
}

void main();
