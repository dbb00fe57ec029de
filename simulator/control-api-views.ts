import { AGENT_STATE, LOCAL_CONNECTION_STATE as LCS } from '../ged188/index.js';
import type { Call } from './pg/model.js';
import type { Peripheral } from './pg/peripheral.js';

/** The control API's GET /agents and GET /calls: the model as JSON, for tests and demos. */

/** GET /agents: every agent and supervisor of the site, logged in or not. */
export function describeAgents(peripheral: Peripheral): object[] {
  return [...peripheral.agents.values()].map((agent) => ({
    agentId: agent.config.id,
    instrument: agent.config.instrument,
    extension: agent.config.extension ?? agent.config.instrument,
    supervisor: agent.config.supervisor,
    state: agent.state,
    reasonCode: agent.reasonCode,
    skillGroups: agent.state === AGENT_STATE.LOGOUT ? agent.config.skillGroups : agent.skillGroups,
    teams: peripheral.teamsOf(agent.config.id),
    calls: [...agent.calls],
    since: new Date(agent.stateSince).toISOString(),
  }));
}

/** GET /calls: the calls in progress (queued, ringing or connected). */
export function describeCalls(peripheral: Peripheral): object[] {
  return [...peripheral.calls.values()].map(describeCall);
}

/** One call as GET /calls and GET /calls/{id} show it. */
export function describeCall(call: Call): object {
  return {
    callId: call.id,
    state: describeCallState(call),
    direction: call.direction,
    callType: call.callType,
    consultOf: call.consultOf,
    ani: call.ani,
    dnis: call.dnis,
    skillGroup: call.skillGroup,
    parties: call.parties.map((p) => ({ device: p.device, agentId: p.agentId, state: p.state })),
    callVariables: Object.fromEntries(call.variables.flatMap((v, i) => (v === undefined ? [] : [[String(i + 1), v]]))),
    ecc: Object.fromEntries(call.ecc),
    wrapup: call.wrapup,
    dtmf: call.dtmfReceived ?? '',
    callDataSets: call.callDataSets ?? 0,
    ended: call.endedAt !== undefined,
  };
}

/** A call's state as GET /calls shows it, from its parties' connections. */
function describeCallState(call: Call): string {
  if (call.queuedAt !== undefined) return 'queued';
  if (call.parties.some((p) => p.state === LCS.ALERTING)) return 'alerting';
  // An agent holding the call puts everyone else on it on hold too.
  return call.parties.some((p) => p.state === LCS.HOLD) ? 'held' : 'connected';
}
