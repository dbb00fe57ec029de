import { AGENT_STATE, AGENT_STATE_MASK, CALL_MSG_MASK, SERVICE, enumName, type Message } from '../ged188/index.js';
import type { PgEvent } from './pg/model.js';

/** What a session asked for and is entitled to, fixed when it opens. */
export interface SessionInterest {
  readonly sessionId: number;
  readonly servicesGranted: number;
  readonly callMsgMask: number;
  readonly agentStateMask: number;
  /** The agent whose phone a CLIENT_EVENTS session watches. */
  readonly agentId: string | undefined;
  /** Agents a SUPERVISOR session oversees. */
  readonly teamMembers: ReadonlySet<string>;
  /** Members of the teams the session monitors (MONITOR_AGENT_TEAM_START), as they stand now. */
  readonly monitoredTeamMembers?: () => ReadonlySet<string>;
  /** Device monitors the session started (MONITOR_START_REQ), as they stand now. */
  readonly deviceMonitors?: () => readonly DeviceMonitorInterest[];
}

/** One device monitor: the agent whose instrument it watches, and its own masks. */
export interface DeviceMonitorInterest {
  readonly monitorId: number;
  readonly agentId: string;
  readonly callMsgMask: number;
  readonly agentStateMask: number;
}

/** AgentStateMask bit of an agent state (§2.6: the bit for 9, UNKNOWN, is skipped). */
export function agentStateBit(state: number): number {
  const name = enumName(AGENT_STATE, state);
  return name !== undefined && name in AGENT_STATE_MASK ? AGENT_STATE_MASK[name as keyof typeof AGENT_STATE_MASK] : 0;
}

/** CallMsgMask bit of a call event, by its name without `_EVENT` (§2.5). */
export function callMessageBit(message: Message): number | undefined {
  const key = message.MessageType.replace(/_EVENT$/, '');
  return key in CALL_MSG_MASK ? CALL_MSG_MASK[key as keyof typeof CALL_MSG_MASK] : undefined;
}

/**
 * Whether a session gets an event, as CTI Server decides it: an all-events monitor
 * sees the whole peripheral, a client-events session its agent's phone and state,
 * a supervisor also its team members' states; and only the events its masks ask for.
 */
export function wants(interest: SessionInterest, event: PgEvent): boolean {
  if (event.excludeSession === interest.sessionId) return false;
  if (monitorFor(interest, event) !== undefined) return true;
  return wantedBySession(interest, event);
}

/** Whether an event passes the masks (call events by CallMsgMask, agent states by AgentStateMask). */
function passesMasks(message: Message, callMsgMask: number, agentStateMask: number): boolean {
  if (message.MessageType === 'AGENT_STATE_EVENT') return (agentStateMask & agentStateBit((message as Message<'AGENT_STATE_EVENT'>).AgentState)) !== 0;
  const bit = callMessageBit(message);
  return bit === undefined || (callMsgMask & bit) !== 0;
}

/**
 * The id of the session's device monitor an event comes through: the event names the
 * monitored agent and passes the monitor's masks. Undefined when no monitor matches.
 */
export function monitorFor(interest: SessionInterest, event: PgEvent): number | undefined {
  if (event.excludeSession === interest.sessionId || !interest.deviceMonitors) return undefined;
  if (!('MonitorID' in event.message)) return undefined;
  for (const monitor of interest.deviceMonitors()) {
    if (event.agents.includes(monitor.agentId) && passesMasks(event.message, monitor.callMsgMask, monitor.agentStateMask)) return monitor.monitorId;
  }
  return undefined;
}

function wantedBySession(interest: SessionInterest, event: PgEvent): boolean {
  const { message } = event;
  const allEvents = (interest.servicesGranted & SERVICE.ALL_EVENTS) !== 0;
  const own = interest.agentId !== undefined && event.agents.includes(interest.agentId);
  const isAgentState = message.MessageType === 'AGENT_STATE_EVENT';
  const team =
    isAgentState &&
    (interest.servicesGranted & SERVICE.SUPERVISOR) !== 0 &&
    event.agents.some((a) => interest.teamMembers.has(a) || interest.monitoredTeamMembers?.().has(a));
  if (!allEvents && !own && !team) return false;
  return passesMasks(message, interest.callMsgMask, interest.agentStateMask);
}
