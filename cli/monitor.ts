/**
 * `cti monitor`: monitor mode on the command line, for wallboards, recorders and
 * support engineers. One JSON object per CTI OS event on stdout, the connection and
 * failover events included, until SIGINT or SIGTERM closes the session (CLOSE_REQ)
 * and exits 0. Failover is handled inside: the output shows it, nothing restarts.
 */
import { randomUUID } from 'node:crypto';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { MAX_PROTOCOL_VERSION, MIN_PROTOCOL_VERSION } from '../ged188/index.js';
import { LocalConfigSchema } from '../main/core/local-config.js';
import type { Endpoint } from '../main/cti/endpoints.js';
import { MessageFilterError, parseMessageFilter, type MessageFilter } from '../main/cti/monitor/message-filter.js';
import { MonitorSession } from '../main/cti/monitor/monitor-session.js';
import { InputError } from './hex.js';
import { endpoint, protocolVersion } from './arguments.js';

interface MonitorCommandOptions {
  readonly a?: Endpoint;
  readonly b?: Endpoint;
  readonly version?: number;
  readonly peripheralId?: number;
  readonly filter?: MessageFilter;
  readonly heartbeat?: number;
  readonly agents?: readonly string[];
}

function peripheralId(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number > 0xfffffffe) throw new InvalidArgumentError('a peripheral ID is a whole number from 0 to 4294967294.');
  return number;
}

/** Seconds, as a person types them; the session machine counts in milliseconds. */
function heartbeatSeconds(value: string): number {
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds < 0.25 || seconds > 600) {
    throw new InvalidArgumentError('the heartbeat interval is a number of seconds from 0.25 to 600.');
  }
  return seconds;
}

function filter(value: string): MessageFilter {
  try {
    return parseMessageFilter(value);
  } catch (error) {
    if (error instanceof MessageFilterError) throw new InvalidArgumentError(`${error.message}.`);
    throw error;
  }
}

function agentList(value: string): string[] {
  const ids = value.split(',').map((id) => id.trim());
  if (ids.some((id) => !/^[^\s,]{1,11}$/.test(id))) throw new InvalidArgumentError('list agent IDs separated by commas, e.g. 1001,1002.');
  return ids;
}

const print = (object: unknown) => process.stdout.write(`${JSON.stringify(object)}\n`);

/** Adds `monitor` to the `cti` program. */
export function addMonitorCommand(program: Command): void {
  const defaults = LocalConfigSchema.parse({}).cti;
  program
    .command('monitor')
    .description('monitor mode: print every CTI OS event (agents, calls, connection, failover) as one JSON line, until Ctrl-C')
    .addOption(new Option('--a <host:port>', 'CTI Server side A').argParser(endpoint))
    .addOption(new Option('--b <host:port>', 'CTI Server side B').argParser(endpoint))
    .addOption(new Option('--version <n>', `pin the protocol version (${MIN_PROTOCOL_VERSION}-${MAX_PROTOCOL_VERSION}; default: the newest the server takes, from ${MAX_PROTOCOL_VERSION} down)`).argParser(protocolVersion))
    .addOption(new Option('--peripheral-id <n>', 'the peripheral to watch (default: the one OPEN_CONF names)').argParser(peripheralId))
    .addOption(new Option('--filter <filter>', "CTI OS message filter, e.g. 'MessageID=30;AgentID=1001,1002' (default: every event)").argParser(filter))
    .addOption(new Option('--heartbeat <seconds>', `heartbeat interval (default ${defaults.heartbeatIntervalMs / 1000}; ${defaults.missedHeartbeatLimit} missed end the link)`).argParser(heartbeatSeconds))
    .addOption(new Option('--agents <ids>', 'agent IDs to snapshot from the start, besides those the server names (comma-separated)').argParser(agentList))
    .exitOverride()
    .action((options: MonitorCommandOptions) => runMonitor(options, defaults));
}

function runMonitor(options: MonitorCommandOptions, defaults: { heartbeatIntervalMs: number; missedHeartbeatLimit: number; clientId: string }): void {
  if (!options.a && !options.b) throw new InputError('give at least one side: --a HOST:PORT and/or --b HOST:PORT');
  const monitor = new MonitorSession(
    {
      sides: { ...(options.a ? { A: options.a } : {}), ...(options.b ? { B: options.b } : {}) },
      ...(options.version === undefined ? {} : { protocolVersion: options.version }),
      heartbeatIntervalMs: options.heartbeat === undefined ? defaults.heartbeatIntervalMs : Math.round(options.heartbeat * 1000),
      missedHeartbeatLimit: defaults.missedHeartbeatLimit,
      // A suffix per run: CTI Server tells sessions apart by ClientID.
      clientId: `cti-monitor-${randomUUID().slice(0, 8)}`,
      ...(options.peripheralId === undefined ? {} : { peripheralId: options.peripheralId }),
      ...(options.filter === undefined ? {} : { filter: options.filter }),
      ...(options.agents === undefined ? {} : { agents: options.agents }),
    },
    print,
    {
      // Connection trouble is already in the output as events; only what is not goes to stderr.
      info: () => {},
      warn: (text) => {
        if (text.startsWith('monitor')) process.stderr.write(`cti: ${text}\n`);
      },
    },
  );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void monitor.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  monitor.start();
}
