import { expect } from 'vitest';
import type { AppState } from '../../contract/index.js';
import { agentStateName } from '../../main/cti/agent/agent-states.js';
import { connectionStateOf } from '../../main/cti/calls/call-identity.js';
import type { SoftphoneCore } from '../../main/core/softphone-core.js';
import type { CtiSimulator } from '../../simulator/index.js';

/**
 * Whether the desktop agrees with the simulator's own model (GET /agents, GET /calls):
 * the final-state check of the agent-mode fault matrix and call-control tests.
 */
export interface ServerParty {
  readonly device: string;
  readonly agentId?: string;
  readonly state: number;
}
export interface ServerCall {
  readonly callId: number;
  readonly parties: ServerParty[];
  readonly callVariables: Record<string, string>;
  readonly wrapup?: string;
}
export interface ServerAgent {
  readonly agentId: string;
  readonly state: number;
  readonly reasonCode: number;
}

export async function get<T>(sim: CtiSimulator, route: string): Promise<T> {
  return (await (await fetch(`${sim.controlUrl}${route}`)).json()) as T;
}

export const connected = (s: AppState) => s.connection.state === 'connected';
export const agentState = (s: AppState) => (s.agent.mode === 'agent' ? s.agent.state : undefined);
export const active = (s: AppState) => s.agent.mode === 'agent' && s.agent.phase === 'active' && connected(s);

type WaitFor = (core: SoftphoneCore, predicate: (s: AppState) => boolean, what: string) => Promise<AppState>;

export function serverAgreement(agent: { readonly agentId: string; readonly instrument: string }, waitFor: WaitFor) {
  /**
   * The desktop's view equals the simulator's model: the agent's state, and the
   * agent's calls (by call id) with this phone's connection state on each, and
   * nothing waiting in the outbox.
   */
  async function expectEqualToServer(sim: CtiSimulator, state: AppState): Promise<void> {
    const agents = await get<ServerAgent[]>(sim, '/agents');
    const calls = await get<ServerCall[]>(sim, '/calls');
    const server = agents.find((a) => a.agentId === agent.agentId)!;
    expect(agentState(state)).toBe(agentStateName(server.state));
    const mine = calls.filter((c) => c.parties.some((p) => p.device === agent.instrument));
    const serverView = mine
      .map((c) => ({ callId: c.callId, localState: connectionStateOf(c.parties.find((p) => p.device === agent.instrument)!.state) }))
      .sort((a, b) => a.callId - b.callId);
    const desktopView = state.calls
      .map((c) => ({ callId: c.call.connectionCallId, localState: c.localState }))
      .sort((a, b) => a.callId - b.callId);
    expect(desktopView).toEqual(serverView);
    expect(state.outbox.pending).toBe(0);
  }

  /** The desktop's state once the simulator and it agree (events may still be on the way). */
  async function settled(sim: CtiSimulator, core: SoftphoneCore, what: string): Promise<AppState> {
    const agents = await get<ServerAgent[]>(sim, '/agents');
    const calls = await get<ServerCall[]>(sim, '/calls');
    const serverState = agentStateName(agents.find((a) => a.agentId === agent.agentId)!.state);
    const serverCalls = calls.filter((c) => c.parties.some((p) => p.device === agent.instrument)).length;
    const state = await waitFor(core, (s) => active(s) && agentState(s) === serverState && s.calls.length === serverCalls && s.outbox.pending === 0, what);
    await expectEqualToServer(sim, state);
    return state;
  }

  return { expectEqualToServer, settled };
}
