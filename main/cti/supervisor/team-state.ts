import { AGENT_FLAGS, AGENT_TEAM_CONFIG_OPERATION, type Message } from '../../../ged188/index.js';
import { compareTeamMembers, type AgentStateName, type SupervisorButton, type Team, type TeamMember, type TeamView } from '../../../contract/index.js';
import { agentStateName } from '../agent/agent-states.js';

/**
 * The supervisor's team as a pure reduction of AGENT_TEAM_CONFIG_EVENT and the team
 * members' AGENT_STATE_EVENTs. Members are keyed by agent id and team (an agent may
 * be in several of the supervisor's teams). `since` comes from the event's duration
 * and the local clock; nothing here ticks.
 */

export interface TeamState {
  readonly teams: readonly Team[];
  /** Members without buttons; `buttons` is worked out when the view is built. */
  readonly members: readonly Omit<TeamMember, 'buttons'>[];
  /** Where each agent's rows stand in `members` (one per team it is in): a state event touches only those. */
  readonly positions: ReadonlyMap<string, readonly number[]>;
}

export const EMPTY_TEAM: TeamState = { teams: [], members: [], positions: new Map() };

/** The state with `positions` worked out again (after the configuration changed who is in the team). */
function indexed(teams: readonly Team[], members: readonly Omit<TeamMember, 'buttons'>[]): TeamState {
  const positions = new Map<string, number[]>();
  members.forEach((member, i) => {
    const at = positions.get(member.agentId);
    if (at) at.push(i);
    else positions.set(member.agentId, [i]);
  });
  return { teams, members, positions };
}

/**
 * Applies one AGENT_TEAM_CONFIG_EVENT. RESTORE_PERMANENT replaces the team's members
 * with the event's list, except that the first chunk of a team restored after a
 * (re)open replaces and later chunks (more than 64 members) add: `replacing` says
 * whether this event starts the team afresh.
 */
export function applyTeamConfig(state: TeamState, event: Message<'AGENT_TEAM_CONFIG_EVENT'>, now: number, replacing: boolean): TeamState {
  const teamId = event.TeamID;
  const name = event.AgentTeamName ?? `Team ${teamId}`;
  const teams = state.teams.some((t) => t.teamId === teamId) ? state.teams.map((t) => (t.teamId === teamId ? { teamId, name } : t)) : [...state.teams, { teamId, name }];
  const ids = event.AtcAgentID ?? [];
  const listed = ids.map((agentId, i) => {
    const flags = event.AgentFlags?.[i] ?? 0;
    const previous = state.members.find((m) => m.teamId === teamId && m.agentId === agentId);
    const stateName = agentStateName(event.AtcAgentState?.[i] ?? 0);
    const duration = event.AtcStateDuration?.[i] ?? 0;
    return {
      agentId,
      teamId,
      ...(previous?.name !== undefined ? { name: previous.name } : {}),
      supervisor: (flags & AGENT_FLAGS.SUPERVISOR) !== 0 || (flags & AGENT_FLAGS.PRIMARY_SUPERVISOR) !== 0,
      primarySupervisor: (flags & AGENT_FLAGS.PRIMARY_SUPERVISOR) !== 0,
      state: stateName,
      // The configuration carries no reason code: keep the one known if the state is the same.
      reasonCode: previous && previous.state === stateName ? previous.reasonCode : 0,
      since: previous && previous.state === stateName ? previous.since : Math.max(0, now - duration * 1000),
    };
  });
  const isListed = (m: { agentId: string; teamId: number }) => m.teamId === teamId && ids.includes(m.agentId);
  switch (event.ConfigOperation) {
    case AGENT_TEAM_CONFIG_OPERATION.REMOVE_AGENT:
      return indexed(teams, state.members.filter((m) => !isListed(m)));
    case AGENT_TEAM_CONFIG_OPERATION.ADD_AGENT:
      return indexed(teams, [...state.members.filter((m) => !isListed(m)), ...listed]);
    default: {
      const kept = replacing ? state.members.filter((m) => m.teamId !== teamId) : state.members.filter((m) => !isListed(m));
      return indexed(teams, [...kept, ...listed]);
    }
  }
}

/** Applies a team member's AGENT_STATE_EVENT (every team it is in); others are ignored. */
export function applyMemberState(state: TeamState, event: Message<'AGENT_STATE_EVENT'>, now: number): TeamState {
  const at = event.AgentID === undefined ? undefined : state.positions.get(event.AgentID);
  if (!at) return state;
  const name: AgentStateName = agentStateName(event.AgentState);
  const since = Math.max(0, now - event.StateDuration * 1000);
  let members: Omit<TeamMember, 'buttons'>[] | undefined;
  for (const i of at) {
    const m = state.members[i]!;
    if (m.state === name && m.reasonCode === event.EventReasonCode) continue;
    members ??= [...state.members];
    members[i] = { ...m, state: name, reasonCode: event.EventReasonCode, since: m.state === name ? m.since : since };
  }
  return members ? { ...state, members } : state;
}

const READY_FROM: ReadonlySet<AgentStateName> = new Set(['not-ready', 'work-not-ready', 'work-ready']);
const ON_CALL: ReadonlySet<AgentStateName> = new Set(['talking', 'hold']);

/**
 * The supervisor buttons (ctios.md §4.3, §7.2) for a member, given the supervisor's
 * own state: Logout while logged in, Make Ready from Not Ready or wrap-up, Barge-In on
 * a talking agent from Not Ready, Intercept while the supervisor is on a call (after
 * its barge-in). A supervisor does not act on itself.
 */
export function supervisorButtons(member: Pick<TeamMember, 'agentId' | 'state'>, supervisor: { agentId: string; state: AgentStateName; inService: boolean }): SupervisorButton[] {
  if (!supervisor.inService || member.agentId === supervisor.agentId) return [];
  const buttons: SupervisorButton[] = [];
  if (member.state !== 'logout' && member.state !== 'unknown') buttons.push('logoutAgent');
  if (READY_FROM.has(member.state)) buttons.push('makeAgentReady');
  if (ON_CALL.has(member.state) && supervisor.state === 'not-ready') buttons.push('bargeIn');
  if (ON_CALL.has(member.state) && supervisor.state === 'talking') buttons.push('intercept');
  return buttons;
}

export type SupervisorInput = { agentId: string; state: AgentStateName; inService: boolean } | undefined;

/** One member row as a view shows it: the member with the supervisor's buttons for it. */
export function memberView(member: TeamState['members'][number], supervisor: SupervisorInput): TeamMember {
  return { ...member, buttons: supervisor ? supervisorButtons(member, supervisor) : [] };
}

/** The view: teams, and members with their buttons, sorted by team and agent id (as the state stream keeps them). */
export function teamView(state: TeamState, enabled: boolean, supervisor: SupervisorInput): TeamView {
  const members = [...state.members].sort(compareTeamMembers).map((m) => memberView(m, supervisor));
  return { enabled, teams: [...state.teams], members };
}
