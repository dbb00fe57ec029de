import { CtiSimulator } from './cti-simulator.js';

interface Address {
  readonly host: string;
  readonly port: number;
}
type Sides = Readonly<{ A?: Address; B?: Address }>;

/** Where the desktop's CTI session goes, and the simulator behind it when it is the built-in one. */
export interface CtiTarget {
  readonly sides: Sides;
  /** Started here because no CTI Server was configured; whoever started it stops it. */
  readonly simulator: CtiSimulator | undefined;
}

/**
 * The shells' default (design.md "Two shells, one program"): the configured CTI
 * Server sides, or, when none is configured, a simulator started in-process on
 * loopback so a first run has something to talk to. Core never starts one itself.
 */
export async function configuredOrEmbedded(configured: Sides, log: (line: string) => void): Promise<CtiTarget> {
  if (configured.A || configured.B) return { sides: configured, simulator: undefined };
  const simulator = await CtiSimulator.start({ host: '127.0.0.1', log: (line) => log(`simulator: ${line}`) });
  log(`no CTI Server configured: using the built-in simulator (control API ${simulator.controlUrl})`);
  return { sides: { A: simulator.address('A'), B: simulator.address('B') }, simulator };
}
