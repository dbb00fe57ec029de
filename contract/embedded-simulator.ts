import { z } from 'zod';

/** How many agents the hint names at most: enough to pick from, short enough to read. */
export const EMBEDDED_SIMULATOR_AGENT_SAMPLE = 10;

/**
 * What the login screen tells a first-time user when the desktop runs on the built-in
 * simulator (issue 11): which agents and instruments exist and whether any password
 * works. The shells know they started it and pass these facts in; null otherwise.
 */
export const EmbeddedSimulatorSchema = z.object({
  /** The first agents (not supervisors) in the simulated centre, each with its instrument. */
  agents: z.array(z.object({ agentId: z.string().min(1).max(11), instrument: z.string().min(1).max(63) })).max(EMBEDDED_SIMULATOR_AGENT_SAMPLE),
  /** How many agents the centre has in all. */
  agentCount: z.number().int().nonnegative(),
  /** No agent has a password, so the simulator accepts any. */
  anyPassword: z.boolean(),
});
export type EmbeddedSimulator = z.infer<typeof EmbeddedSimulatorSchema>;

/** The facts about simulated agents the hint is built from (the simulator's site agents have this shape). */
export interface SimulatedAgent {
  readonly id: string;
  readonly instrument: string;
  readonly password?: string | undefined;
  readonly supervisor: boolean;
}

/** The hint for a centre of `agents`, in the centre's order. */
export function embeddedSimulatorHint(agents: Iterable<SimulatedAgent>): EmbeddedSimulator {
  const plain = [...agents].filter((agent) => !agent.supervisor);
  return {
    agents: plain.slice(0, EMBEDDED_SIMULATOR_AGENT_SAMPLE).map((agent) => ({ agentId: agent.id, instrument: agent.instrument })),
    agentCount: plain.length,
    anyPassword: plain.every((agent) => !agent.password),
  };
}
