import { describe, expect, it } from 'vitest';
import { AGENT_STATE, type Message } from '../../../ged188/index.js';
import { appendChat } from '../../../main/cti/chat/chat.js';
import { EMPTY_TEAM, applyMemberState, applyTeamConfig, supervisorButtons, teamView } from '../../../main/cti/supervisor/team-state.js';

const config = (fields: Partial<Message<'AGENT_TEAM_CONFIG_EVENT'>> = {}): Message<'AGENT_TEAM_CONFIG_EVENT'> => ({
  MessageType: 'AGENT_TEAM_CONFIG_EVENT',
  PeripheralID: 5000,
  TeamID: 1,
  NumberOfAgents: 3,
  ConfigOperation: 0,
  DepartmentID: 0,
  AgentTeamName: 'Team 1',
  AtcAgentID: ['2001', '1001', '1002'],
  AgentFlags: [0x5, 0, 0],
  AtcAgentState: [AGENT_STATE.NOT_READY, AGENT_STATE.AVAILABLE, AGENT_STATE.LOGOUT],
  AtcStateDuration: [10, 60, 0],
  ...fields,
});

const stateEvent = (agentId: string, state: number, reasonCode = 0, duration = 0) =>
  ({ MessageType: 'AGENT_STATE_EVENT', AgentID: agentId, AgentState: state, EventReasonCode: reasonCode, StateDuration: duration }) as Message<'AGENT_STATE_EVENT'>;

const NOW = 1_000_000;

describe('team state', () => {
  it('learns members, flags and since from the team configuration', () => {
    const team = applyTeamConfig(EMPTY_TEAM, config(), NOW, true);
    expect(team.teams).toEqual([{ teamId: 1, name: 'Team 1' }]);
    expect(team.members).toEqual([
      { agentId: '2001', teamId: 1, supervisor: true, primarySupervisor: true, state: 'not-ready', reasonCode: 0, since: NOW - 10_000 },
      { agentId: '1001', teamId: 1, supervisor: false, primarySupervisor: false, state: 'available', reasonCode: 0, since: NOW - 60_000 },
      { agentId: '1002', teamId: 1, supervisor: false, primarySupervisor: false, state: 'logout', reasonCode: 0, since: NOW },
    ]);
  });

  it('replaces a restored team, adds and removes members, and keeps since when the state did not change', () => {
    let team = applyTeamConfig(EMPTY_TEAM, config(), NOW, true);
    team = applyTeamConfig(team, config({ AtcAgentID: ['1001'], AgentFlags: [0], AtcAgentState: [AGENT_STATE.AVAILABLE], AtcStateDuration: [0] }), NOW + 5000, true);
    expect(team.members).toEqual([expect.objectContaining({ agentId: '1001', since: NOW - 60_000 })]);
    team = applyTeamConfig(team, config({ ConfigOperation: 1, AtcAgentID: ['1003'], AgentFlags: [2], AtcAgentState: [AGENT_STATE.LOGOUT], AtcStateDuration: [0] }), NOW, false);
    expect(team.members.map((m) => m.agentId)).toEqual(['1001', '1003']);
    team = applyTeamConfig(team, config({ ConfigOperation: 2, AtcAgentID: ['1001'] }), NOW, false);
    expect(team.members.map((m) => m.agentId)).toEqual(['1003']);
  });

  it('follows members’ state events and ignores other agents', () => {
    const team = applyTeamConfig(EMPTY_TEAM, config(), NOW, true);
    expect(applyMemberState(team, stateEvent('1999', AGENT_STATE.AVAILABLE), NOW)).toBe(team);
    expect(applyMemberState(team, stateEvent('1001', AGENT_STATE.AVAILABLE), NOW)).toBe(team);
    const next = applyMemberState(team, stateEvent('1001', AGENT_STATE.NOT_READY, 7, 2), NOW + 1000);
    expect(next.members.find((m) => m.agentId === '1001')).toMatchObject({ state: 'not-ready', reasonCode: 7, since: NOW - 1000 });
    // The same state with another reason code: the reason changes, time in state does not restart.
    const again = applyMemberState(next, stateEvent('1001', AGENT_STATE.NOT_READY, 8), NOW + 9000);
    expect(again.members.find((m) => m.agentId === '1001')).toMatchObject({ reasonCode: 8, since: NOW - 1000 });
  });

  it('enables the supervisor buttons as ctios.md §4.3 and §7.2 describe', () => {
    const sup = { agentId: '2001', state: 'not-ready' as const, inService: true };
    expect(supervisorButtons({ agentId: '1001', state: 'not-ready' }, sup)).toEqual(['logoutAgent', 'makeAgentReady']);
    expect(supervisorButtons({ agentId: '1001', state: 'work-ready' }, sup)).toEqual(['logoutAgent', 'makeAgentReady']);
    expect(supervisorButtons({ agentId: '1001', state: 'available' }, sup)).toEqual(['logoutAgent']);
    expect(supervisorButtons({ agentId: '1001', state: 'talking' }, sup)).toEqual(['logoutAgent', 'bargeIn']);
    expect(supervisorButtons({ agentId: '1001', state: 'talking' }, { ...sup, state: 'talking' })).toEqual(['logoutAgent', 'intercept']);
    expect(supervisorButtons({ agentId: '1001', state: 'talking' }, { ...sup, state: 'available' })).toEqual(['logoutAgent']);
    expect(supervisorButtons({ agentId: '1001', state: 'logout' }, sup)).toEqual([]);
    expect(supervisorButtons({ agentId: '2001', state: 'not-ready' }, sup)).toEqual([]);
    expect(supervisorButtons({ agentId: '1001', state: 'not-ready' }, { ...sup, inService: false })).toEqual([]);
  });

  it('builds the view sorted by team and agent id', () => {
    const team = applyTeamConfig(EMPTY_TEAM, config(), NOW, true);
    expect(teamView(team, true, undefined).members.map((m) => [m.agentId, m.buttons])).toEqual([
      ['1001', []],
      ['1002', []],
      ['2001', []],
    ]);
  });
});

describe('chat', () => {
  it('keeps the newest messages within the bound', () => {
    let chat = { messages: [] as ReturnType<typeof appendChat>['messages'] };
    for (let i = 0; i < 5; i++) chat = appendChat(chat, { id: `${i}`, direction: 'in', from: '1001', to: 'me', text: `m${i}`, at: i }, 3);
    expect(chat.messages.map((m) => m.text)).toEqual(['m2', 'm3', 'm4']);
  });
});
