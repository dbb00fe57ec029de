import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { CtiSimulator, ListenError } from './cti-simulator.js';

function port(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number > 65535) throw new InvalidArgumentError('a port is a number from 0 to 65535 (0 picks a free one).');
  return number;
}

const program = new Command('simulator')
  .description('CTI Server simulator: sides A and B speaking GED-188, with an HTTP control API')
  .option('--port-a <port>', 'side A port (0 picks a free one)', port, 42027)
  .option('--port-b <port>', 'side B port (0 picks a free one)', port, 43027)
  .option('--control-port <port>', 'control API port (0 picks a free one)', port, 42100)
  .option('--host <address>', 'address to listen on', '127.0.0.1')
  .option('--quiet', 'do not log sessions and faults')
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(text.replace(/^error: /, 'simulator: ')) });

async function main(): Promise<void> {
  try {
    program.parse();
  } catch (error) {
    if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2);
    throw error;
  }
  const options = program.opts<{ portA: number; portB: number; controlPort: number; host: string; quiet?: boolean }>();
  let simulator: CtiSimulator;
  try {
    simulator = await CtiSimulator.start({
      host: options.host,
      ports: { A: options.portA, B: options.portB },
      controlPort: options.controlPort,
      log: options.quiet ? undefined : (line) => console.log(line),
    });
  } catch (error) {
    if (error instanceof ListenError) {
      console.error(`simulator: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const a = simulator.address('A');
  const b = simulator.address('B');
  console.log(
    `Simulator ready: side A ${a.host}:${a.port} (active), side B ${b.host}:${b.port} (standby), control API ${simulator.controlUrl}`,
  );
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    void simulator.stop().then(() => process.exit(0));
  };
  // `on`, not `once`: Ctrl+C reaches npm, tsx and this process alike, so the same
  // signal may arrive twice; the second must not cut the clean shutdown short.
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

void main();
