import { CtiSimulator } from './cti-simulator.js';
import { offerIncomingCall } from './control-api-calls.js';
import { generatedSite, type Site } from './pg/site.js';

/**
 * The built-in centre: the generated one, with Agent Desk Settings that agree with the
 * example desktop settings document it serves (Not Ready and Logout need a reason).
 * The desktop takes these from CTI Server and they win over the document, so a demo
 * whose server and document disagreed would not show the document's reason codes.
 */
function embeddedSite(): Site {
  const site = generatedSite({ agents: 10 });
  return { ...site, deskSettings: { ...site.deskSettings, notReadyReasonRequired: true, logoutReasonRequired: true } };
}

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
  const simulator = await CtiSimulator.start({ host: '127.0.0.1', site: embeddedSite(), log: (line) => log(`simulator: ${line}`) });
  log(`no CTI Server configured: using the built-in simulator (control API ${simulator.controlUrl})`);
  return { sides: { A: simulator.address('A'), B: simulator.address('B') }, simulator };
}

/** The number a training call is made to (any DNIS reaches the agent named; this one says what it is). */
export const TEST_CALL_DNIS = '8005550199';

/** A training call as the desktop asks for it (the shape of contract TestCall: the simulator does not import contract). */
export interface TestCallRequest {
  readonly agentId: string;
  readonly ani: string;
  /** CallVariable1–10 by the guide's names. */
  readonly callVariables: Readonly<Record<string, string | undefined>>;
}

/**
 * Training mode's test call (issue 11 item 9): the embedded simulator rings `agentId`
 * as the control API's POST /calls would. Rejects with the reason in words.
 */
export function testCallPlacer(simulator: CtiSimulator): (request: TestCallRequest) => Promise<void> {
  return (request) => {
    const callVariables = Object.fromEntries(
      Object.entries(request.callVariables).flatMap(([name, value]) => (value === undefined ? [] : [[name.replace(/^CallVariable/, ''), value]])),
    );
    try {
      offerIncomingCall(simulator, { ani: request.ani, dnis: TEST_CALL_DNIS, agentId: request.agentId, callVariables });
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };
}
