import { AGENT_STATE, type Message } from '../../../ged188/index.js';

/** What the monitor knows of one agent: enough to query it and to snapshot its phone. */
export interface KnownAgent {
  readonly agentId: string;
  /** AgentState as last reported; undefined until a query or an event says. */
  readonly state: number | undefined;
  readonly instrument: string | undefined;
}

/**
 * The agents a monitor snapshots after every (re)connect.
 *
 * CTI Server has no "list every agent" request, so an ALL_EVENTS client has to learn
 * them (ctios.md §8 item 13: monitor apps cannot discover them either). We take them
 * from three places: the configured list (the only complete source on a real PG),
 * AGENT_TEAM_CONFIG_EVENTs (the simulator sends every team's to an all-events session
 * that asks for them; a real PG sends them to sessions that monitor teams, which an
 * ALL_EVENTS session may or may not get — not verified on a lab system), and every
 * AGENT_STATE_EVENT seen. An agent that is on no team, is not configured, and has not
 * changed state since we started is therefore invisible until it does; the agents
 * learned are kept across failovers, so a recovery re-snapshots everyone seen so far.
 */
export class AgentDirectory {
  private readonly agents = new Map<string, KnownAgent>();

  constructor(configured: readonly string[] = []) {
    for (const agentId of configured) this.learn(agentId);
  }

  /** Adds an agent by id (no-op when known). */
  learn(agentId: string): void {
    if (agentId !== '' && !this.agents.has(agentId)) this.agents.set(agentId, { agentId, state: undefined, instrument: undefined });
  }

  /** Records what an AGENT_STATE_EVENT or QUERY_AGENT_STATE_CONF says; returns the state known before. */
  update(agentId: string, state: number, instrument: string | undefined): number | undefined {
    const before = this.agents.get(agentId);
    this.agents.set(agentId, { agentId, state, instrument: instrument ?? before?.instrument });
    return before?.state;
  }

  /** Learns the members of a team from AGENT_TEAM_CONFIG_EVENT. */
  learnTeam(event: Message<'AGENT_TEAM_CONFIG_EVENT'>): void {
    for (const agentId of event.AtcAgentID ?? []) this.learn(agentId);
  }

  get(agentId: string): KnownAgent | undefined {
    return this.agents.get(agentId);
  }

  ids(): string[] {
    return [...this.agents.keys()];
  }

  /** Agents logged in as last known, with a phone to snapshot. */
  loggedInWithPhone(): (KnownAgent & { readonly instrument: string })[] {
    return [...this.agents.values()].filter(
      (a): a is KnownAgent & { instrument: string } => a.instrument !== undefined && a.state !== undefined && a.state !== AGENT_STATE.LOGOUT,
    );
  }

  get size(): number {
    return this.agents.size;
  }
}
