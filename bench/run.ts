/**
 * `npm run --silent bench -- NAME [...]`: runs benchmarks, one JSON line each.
 *   codec   decode/encode messages per second against JSON.parse/JSON.stringify
 *   fuzz    1,000,000 mutated frames; counts of each outcome (`--cases N` to change)
 *   failover   monitor mode: side A killed / stalled, time to open and reconciled on side B, 20 trials each (`--trials N`)
 *   stream     the state stream's patch for one team member's state change, teams of 20 and 2,000 (`--changes N`)
 *   simulator  2,000 agents over 2,000 sessions plus a monitor, 50 calls/s for 60 s (`--seconds N`);
 *              with `--desktops N`: N desktops, each with an active session on side A and a standby
 *              session on side B, heartbeating every `--heartbeat-ms` (90,000); heartbeats/s at the server
 *              over one standby interval, 4 × the working one (`--seconds N` to change)
 *   startup    process start to the login form interactive in Chromium, and Login to Ready enabled; medians over 5 runs (`--runs N`)
 */
import { STANDBY_HEARTBEAT_FACTOR } from '../main/cti/active-standby.js';
import { runCodecBenchmark } from './codec.js';
import { runFailoverBenchmark } from './failover.js';
import { runFuzzBenchmark } from './fuzz.js';
import { runSimulatorBenchmark } from './simulator.js';
import { runDesktopsBenchmark } from './simulator-desktops.js';
import { runStartupBenchmark } from './startup.js';
import { runStreamBenchmark } from './stream.js';

type Result = Record<string, unknown>;

/** The value after `flag` as a positive whole number, or `fallback` when the flag is absent. */
function count(args: string[], flag: string, fallback: number): number {
  const at = args.indexOf(flag);
  const value = at === -1 ? fallback : Number(args[at + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${flag} takes a positive whole number`);
  return value;
}

const BENCHMARKS: Record<string, (args: string[]) => Result | Promise<Result>> = {
  codec: () => runCodecBenchmark(),
  fuzz: (args) => {
    const at = args.indexOf('--cases');
    const cases = at === -1 ? 1_000_000 : Number(args[at + 1]);
    if (!Number.isInteger(cases) || cases < 1) throw new Error('--cases takes a positive whole number');
    return runFuzzBenchmark(cases);
  },
  stream: (args) => runStreamBenchmark({ sizes: [20, 2000], changes: count(args, '--changes', 2000) }),
  failover: (args) => runFailoverBenchmark({ trials: count(args, '--trials', 20) }),
  simulator: (args) => {
    if (args.includes('--desktops')) {
      const heartbeatIntervalMs = count(args, '--heartbeat-ms', 90_000);
      return runDesktopsBenchmark({
        desktops: count(args, '--desktops', 2000),
        heartbeatIntervalMs,
        // One standby interval: every session's heartbeat phase counted whole.
        seconds: count(args, '--seconds', Math.ceil((STANDBY_HEARTBEAT_FACTOR * heartbeatIntervalMs) / 1000)),
      });
    }
    return runSimulatorBenchmark({
      agents: count(args, '--agents', 2000),
      callsPerSecond: count(args, '--rate', 50),
      seconds: count(args, '--seconds', 60),
      talkMs: count(args, '--talk-ms', 2000),
    });
  },
  startup: (args) => runStartupBenchmark({ runs: count(args, '--runs', 5) }),
};

const [name, ...rest] = process.argv.slice(2);
const benchmark = name === undefined ? undefined : BENCHMARKS[name];
if (!benchmark) {
  process.stderr.write(`bench: name one of: ${Object.keys(BENCHMARKS).join(', ')}\n`);
  process.exit(2);
}
try {
  const result = await benchmark(rest);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  if (result.untypedErrors) process.exitCode = 1;
} catch (error) {
  process.stderr.write(`bench: ${(error as Error).message}\n`);
  process.exit(2);
}
