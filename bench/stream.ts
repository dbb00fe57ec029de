/**
 * The state stream's cost for one team member's state change: a supervisor's core
 * state with a team of N members (AGENT_TEAM_CONFIG_EVENT in chunks of 64, as CTI
 * Server sends them), then AGENT_STATE_EVENTs for one member after another, each
 * published as its own patch. Prints, for each team size, the patch's JSON bytes (as
 * the browser host sends it), the time from the event to the published patch, and
 * for comparison the bytes of the whole team (what a patch that replaces the team
 * part would cost).
 */
import { performance } from 'node:perf_hooks';
import { AGENT_STATE, type Message } from '../ged188/index.js';
import { initialAppState, type StateEvent } from '../contract/index.js';
import { StateStore } from '../main/core/state-store.js';
import { SupervisorMode } from '../main/cti/supervisor/supervisor-mode.js';

const CHUNK = 64;
const PERIPHERAL_ID = 5000;

export interface StreamBenchOptions {
  readonly sizes: readonly number[];
  readonly changes: number;
}

interface SizeResult {
  readonly members: number;
  readonly patchBytes: number;
  readonly wholeTeamBytes: number;
  readonly microsPerPatch: number;
  readonly opsPerPatch: number;
}

function agentId(i: number): string {
  return String(10_000 + i);
}

function teamConfig(from: number, to: number): Message<'AGENT_TEAM_CONFIG_EVENT'> {
  const ids = Array.from({ length: to - from }, (_, k) => agentId(from + k));
  return {
    MessageType: 'AGENT_TEAM_CONFIG_EVENT',
    PeripheralID: PERIPHERAL_ID,
    TeamID: 1,
    NumberOfAgents: ids.length,
    ConfigOperation: 0,
    DepartmentID: 0,
    AgentTeamName: 'Team 1',
    AtcAgentID: ids,
    AgentFlags: ids.map(() => 0),
    AtcAgentState: ids.map(() => AGENT_STATE.AVAILABLE),
    AtcStateDuration: ids.map(() => 30),
  } as Message<'AGENT_TEAM_CONFIG_EVENT'>;
}

function stateEvent(id: string, state: number): Message<'AGENT_STATE_EVENT'> {
  return { MessageType: 'AGENT_STATE_EVENT', PeripheralID: PERIPHERAL_ID, AgentID: id, AgentState: state, EventReasonCode: 0, StateDuration: 0 } as Message<'AGENT_STATE_EVENT'>;
}

async function measure(members: number, changes: number): Promise<SizeResult> {
  // frameMs 0: every change after a quiet period is published at once, as the first after a pause is.
  const store = new StateStore(initialAppState({ state: 'stopped', since: 0 }), { frameMs: 0 });
  const supervisor = new SupervisorMode(
    { request: () => Promise.reject(new Error('not used')) },
    () => ({ identity: { agentId: '2001', instrument: '4001', peripheralId: PERIPHERAL_ID }, state: 'not-ready', inService: true }),
    store,
    () => {},
  );
  supervisor.opened({ MessageType: 'OPEN_CONF', ServicesGranted: 0x10 } as Message<'OPEN_CONF'>);
  for (let from = 0; from < members; from += CHUNK) supervisor.message(teamConfig(from, Math.min(members, from + CHUNK)));
  store.flush();

  let patchBytes = 0;
  let ops = 0;
  let patches = 0;
  let published: () => void = () => {};
  store.subscribe((event: StateEvent) => {
    if (event.kind !== 'patch') return;
    patchBytes += JSON.stringify({ kind: 'state', event }).length;
    ops += event.ops.length;
    patches++;
    published();
  });
  const wholeTeamBytes = JSON.stringify(store.current.team).length;

  // The first pass warms the JIT up; only the second is timed.
  let elapsed = 0;
  for (let i = 0; i < 2 * changes; i++) {
    if (i === changes) {
      elapsed = 0;
      patchBytes = 0;
      ops = 0;
      patches = 0;
    }
    const id = agentId(i % members);
    const done = new Promise<void>((resolve) => (published = resolve));
    const start = performance.now();
    // Each pass over the team flips every member: talking, then available again.
    supervisor.message(stateEvent(id, Math.floor(i / members) % 2 === 0 ? AGENT_STATE.TALKING : AGENT_STATE.AVAILABLE));
    await done;
    elapsed += performance.now() - start;
  }
  if (patches !== changes) throw new Error(`expected ${changes} patches, got ${patches}`);
  return {
    members,
    patchBytes: Math.round(patchBytes / patches),
    wholeTeamBytes,
    microsPerPatch: Math.round((elapsed / patches) * 1000 * 10) / 10,
    opsPerPatch: ops / patches,
  };
}

export async function runStreamBenchmark(options: StreamBenchOptions): Promise<Record<string, unknown>> {
  const results: SizeResult[] = [];
  for (const size of options.sizes) results.push(await measure(size, options.changes));
  return { benchmark: 'stream', changesPerSize: options.changes, results };
}
