/**
 * `npm run --silent bench -- NAME [...]`: runs benchmarks, one JSON line each.
 *   codec   decode/encode messages per second against JSON.parse/JSON.stringify
 *   fuzz    1,000,000 mutated frames; counts of each outcome (`--cases N` to change)
 */
import { runCodecBenchmark } from './codec.js';
import { runFuzzBenchmark } from './fuzz.js';

const BENCHMARKS: Record<string, (args: string[]) => Record<string, unknown>> = {
  codec: () => runCodecBenchmark(),
  fuzz: (args) => {
    const at = args.indexOf('--cases');
    const cases = at === -1 ? 1_000_000 : Number(args[at + 1]);
    if (!Number.isInteger(cases) || cases < 1) throw new Error('--cases takes a positive whole number');
    return runFuzzBenchmark(cases);
  },
};

const [name, ...rest] = process.argv.slice(2);
const benchmark = name === undefined ? undefined : BENCHMARKS[name];
if (!benchmark) {
  process.stderr.write(`bench: name one of: ${Object.keys(BENCHMARKS).join(', ')}\n`);
  process.exit(2);
}
try {
  const result = benchmark(rest);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  if (result.untypedErrors) process.exitCode = 1;
} catch (error) {
  process.stderr.write(`bench: ${(error as Error).message}\n`);
  process.exit(2);
}
