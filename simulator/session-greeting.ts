import {
  AGENT_FLAGS,
  AGENT_TEAM_CONFIG_OPERATION,
  CALL_MSG_MASK,
  DEVICE_ID_TYPE,
  LIMITS,
  SERVICE,
  SYSTEM_EVENT_ID,
  type Message,
} from '../ged188/index.js';
import type { SessionInterest } from './event-filter.js';
import { message } from './pg/message-factory.js';
import type { Peripheral } from './pg/peripheral.js';
import type { TeamConfig } from './pg/site.js';
import { statisticsOf } from './pg/statistics.js';

/**
 * What a session receives right after OPEN_CONF, before any other event: one SYSTEM_EVENT per
 * peripheral for an all-events monitor (the peripheral's status, §2.3), then, when the session's
 * CallMsgMask asks for AGENT_TEAM_CONFIG, the configuration of the teams it may see: a supervisor's
 * own teams, or every team for an all-events monitor.
 *
 * `pgStatus` is the PGStatusCode the session's OPEN_CONF carried (0: all up).
 */
export function greetingEvents(peripheral: Peripheral, interest: SessionInterest, pgStatus = 0): Message[] {
  // Statistics count from the first session on, before any agent can log in.
  statisticsOf(peripheral);
  const allEvents = (interest.servicesGranted & SERVICE.ALL_EVENTS) !== 0;
  const events: Message[] = [];
  if (allEvents) events.push(peripheralStatus(peripheral, pgStatus));
  if (interest.callMsgMask & CALL_MSG_MASK.AGENT_TEAM_CONFIG) {
    for (const team of visibleTeams(peripheral, interest, allEvents)) events.push(...teamConfigEvents(peripheral, team));
  }
  return events;
}

function peripheralStatus(peripheral: Peripheral, pgStatus: number): Message<'SYSTEM_EVENT'> {
  return message('SYSTEM_EVENT', {
    PGStatus: pgStatus,
    ICMCentralControllerTime: Math.floor(Date.now() / 1000),
    SystemEventID: pgStatus === 0 ? SYSTEM_EVENT_ID.PERIPHERAL_ONLINE : SYSTEM_EVENT_ID.PERIPHERAL_OFFLINE,
    SystemEventArg1: peripheral.peripheralId,
    EventDeviceType: DEVICE_ID_TYPE.NONE,
  });
}

function visibleTeams(peripheral: Peripheral, interest: SessionInterest, allEvents: boolean): TeamConfig[] {
  if (allEvents) return peripheral.site.teams;
  const supervisor = interest.agentId;
  if (supervisor === undefined || !(interest.servicesGranted & SERVICE.SUPERVISOR)) return [];
  return peripheral.site.teams.filter((t) => t.supervisors.includes(supervisor));
}

/**
 * A team's whole configuration (ConfigOperation "restore permanent"): members and supervisors with
 * their current state, in events of at most 64 entries.
 */
export function teamConfigEvents(peripheral: Peripheral, team: TeamConfig): Message<'AGENT_TEAM_CONFIG_EVENT'>[] {
  const now = peripheral.clock();
  const entries = [
    ...team.supervisors.map((id, i) => ({ id, flags: AGENT_FLAGS.SUPERVISOR | (i === 0 ? AGENT_FLAGS.PRIMARY_SUPERVISOR : 0) })),
    ...team.members.filter((id) => !team.supervisors.includes(id)).map((id) => ({ id, flags: 0 })),
  ];
  const events: Message<'AGENT_TEAM_CONFIG_EVENT'>[] = [];
  for (let start = 0; start === 0 || start < entries.length; start += LIMITS.MAX_AGENT_TEAM_CONFIG_MEMBERS) {
    const chunk = entries.slice(start, start + LIMITS.MAX_AGENT_TEAM_CONFIG_MEMBERS);
    const agents = chunk.map((e) => peripheral.agents.get(e.id));
    events.push(
      message('AGENT_TEAM_CONFIG_EVENT', {
        PeripheralID: peripheral.peripheralId,
        TeamID: team.id,
        ConfigOperation: AGENT_TEAM_CONFIG_OPERATION.RESTORE_PERMANENT,
        DepartmentID: 0,
        AgentTeamName: team.name,
        AtcAgentID: chunk.map((e) => e.id),
        AgentFlags: chunk.map((e) => e.flags),
        AtcAgentState: agents.map((a) => a?.state ?? 0),
        AtcStateDuration: agents.map((a) => (a ? Math.max(0, Math.floor((now - a.stateSince) / 1000)) : 0)),
      }),
    );
  }
  return events;
}
