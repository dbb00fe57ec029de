import { CONNECTION_DEVICE_ID_TYPE, LIMITS, NONE_UINT, SERVICE, STATUS, buildMessage, type Message } from '../ged188/index.js';
import { identifyAgent } from './pg/agent-identification.js';
import type { AgentRuntime } from './pg/model.js';
import { Refusal } from './pg/refusals.js';
import { ack, reply, targetAgent, type HandlerTable, type RequestContext } from './request-context.js';

/** A request naming another peripheral is refused before anything else (§2.10). */
function checkPeripheral(context: RequestContext, peripheralId: number): void {
  if (peripheralId !== context.peripheral.peripheralId) {
    throw new Refusal(STATUS.E_CTI_INVALID_PERIPHERAL_ID, `the peripheral is ${context.peripheral.peripheralId}, not ${peripheralId}`);
  }
}

/** The supervisor a SUPERVISE_CALL acts for: the session's own agent, or SupervisorInstrument for a monitor. */
function requestingSupervisor(context: RequestContext, request: Message<'SUPERVISE_CALL_REQ'>): AgentRuntime {
  const { peripheral, requester, servicesGranted } = context;
  if (requester.agentId !== undefined) {
    if (!(servicesGranted & SERVICE.SUPERVISOR)) throw new Refusal(STATUS.E_CTI_FUNCTION_NOT_AVAILABLE, 'the session was not granted SUPERVISOR');
    const own = peripheral.agents.get(requester.agentId);
    if (!own?.config.supervisor) throw new Refusal(STATUS.E_CTI_SUPERVISOR_NOT_FOUND, `agent ${requester.agentId} is not a supervisor`);
    return own;
  }
  if (request.SupervisorInstrument === undefined) throw new Refusal(STATUS.E_CTI_REQUIRED_DATA_MISSING, 'a monitor session must name SupervisorInstrument');
  const supervisor = peripheral.agentByDevice({ instrument: request.SupervisorInstrument });
  if (!supervisor?.config.supervisor) throw new Refusal(STATUS.E_CTI_SUPERVISOR_NOT_FOUND, `${request.SupervisorInstrument} is no supervisor's instrument`);
  return supervisor;
}

/** The supervised agent: named by the request's agent fields, or by the instrument of its connection. */
function supervisedAgent(context: RequestContext, request: Message<'SUPERVISE_CALL_REQ'>): AgentRuntime {
  const identified = identifyAgent(context.peripheral, request);
  const named = identified.named
    ? identified.agent
    : request.AgentConnectionDeviceID === undefined
      ? undefined
      : context.peripheral.agentByDevice({ instrument: request.AgentConnectionDeviceID });
  if (!named) throw new Refusal(STATUS.E_CTI_INVALID_AGENT_DATA, 'the request names no known agent');
  return named;
}

/** User messages, supervisor assist, emergency calls, supervisor actions, teams and statistics. */
export const SUPERVISOR_HANDLERS: HandlerTable = {
  USER_MESSAGE_REQ: (request, context) => {
    const unbound = context.requester.agentId === undefined;
    const { named } = identifyAgent(context.peripheral, request);
    if (unbound && request.Distribution !== 0 && request.Distribution !== 3) checkPeripheral(context, request.PeripheralID);
    const sender = named || !unbound ? targetAgent(context, request) : undefined;
    context.peripheral.supervision.sendUserMessage(context.requester, {
      distribution: request.Distribution,
      sender,
      clientId: request.ClientID,
      text: request.Text ?? '',
    });
    return ack('USER_MESSAGE_CONF', request.InvokeID);
  },

  SUPERVISOR_ASSIST_REQ: (request, context) => {
    checkPeripheral(context, request.PeripheralID);
    const related = context.peripheral.supervision.callForHelp(context.requester, 'SUPERVISOR_ASSIST_EVENT', targetAgent(context, request), request.ConnectionCallID);
    return reply(buildMessage('SUPERVISOR_ASSIST_CONF', helpConf(request.InvokeID, related)));
  },

  EMERGENCY_CALL_REQ: (request, context) => {
    checkPeripheral(context, request.PeripheralID);
    const related = context.peripheral.supervision.callForHelp(context.requester, 'EMERGENCY_CALL_EVENT', targetAgent(context, request), request.ConnectionCallID);
    return reply(buildMessage('EMERGENCY_CALL_CONF', helpConf(request.InvokeID, related)));
  },

  SUPERVISE_CALL_REQ: (request, context) => {
    checkPeripheral(context, request.PeripheralID);
    const supervisor = requestingSupervisor(context, request);
    const connection = context.peripheral.supervision.superviseCall({
      supervisor,
      agent: supervisedAgent(context, request),
      agentCallId: request.AgentConnectionCallID,
      action: request.SupervisoryAction,
    });
    return reply(
      buildMessage('SUPERVISE_CALL_CONF', {
        InvokeID: request.InvokeID,
        ConnectionCallID: connection.callId,
        ConnectionDeviceIDType: 0,
        ConnectionDeviceID: connection.device,
      }),
    );
  },

  // One CONF answers: the simulator lists at most 64 teams per supervisor (More = 0).
  LIST_AGENT_TEAM_REQ: (request, context) => {
    const teams = context.peripheral.supervision.teamsSupervisedBy(request.SupervisorID).slice(0, LIMITS.MAX_LIST_AGENT_TEAMS);
    return reply(buildMessage('LIST_AGENT_TEAM_CONF', { InvokeID: request.InvokeID, SegmentNumber: 1, More: 0, TeamID: teams }));
  },

  MONITOR_AGENT_TEAM_START_REQ: (request, context) => {
    const monitorId = context.peripheral.supervision.startTeamMonitor(context.requester.sessionId, request.TeamID);
    return reply(buildMessage('MONITOR_AGENT_TEAM_START_CONF', { InvokeID: request.InvokeID, MonitorID: monitorId }));
  },

  MONITOR_AGENT_TEAM_STOP_REQ: (request, context) => {
    context.peripheral.supervision.stopTeamMonitor(context.requester.sessionId, request.MonitorID);
    return ack('MONITOR_AGENT_TEAM_STOP_CONF', request.InvokeID);
  },

  // Device monitors only (MonitoredDeviceID); call monitors (ConnectionCallID) are not modelled.
  MONITOR_START_REQ: (request, context) => {
    checkPeripheral(context, request.PeripheralID);
    const monitorId = context.peripheral.deviceMonitors.start(context.requester.sessionId, {
      instrument: request.MonitoredDeviceID,
      callMsgMask: request.CallMsgMask,
      agentStateMask: request.AgentStateMask,
    });
    return reply(buildMessage('MONITOR_START_CONF', { InvokeID: request.InvokeID, MonitorID: monitorId }));
  },

  MONITOR_STOP_REQ: (request, context) => {
    context.peripheral.deviceMonitors.stop(context.requester.sessionId, request.MonitorID);
    return ack('MONITOR_STOP_CONF', request.InvokeID);
  },

  CHANGE_MONITOR_MASK_REQ: (request, context) => {
    context.peripheral.deviceMonitors.changeMask(context.requester.sessionId, request.MonitorID, request.CallMsgMask, request.AgentStateMask);
    return ack('CHANGE_MONITOR_MASK_CONF', request.InvokeID);
  },

  QUERY_AGENT_STATISTICS_REQ: (request, context) => {
    checkPeripheral(context, request.PeripheralID);
    const agent = targetAgent(context, request);
    return reply(
      buildMessage('QUERY_AGENT_STATISTICS_CONF', {
        InvokeID: request.InvokeID,
        PeripheralID: context.peripheral.peripheralId,
        ...context.peripheral.statistics.agentStatistics(agent.config.id),
        AgentExtension: agent.config.extension ?? agent.config.instrument,
        AgentID: agent.config.id,
        AgentInstrument: agent.config.instrument,
      }),
    );
  },

  QUERY_SKILL_GROUP_STATISTICS_REQ: (request, context) => {
    checkPeripheral(context, request.PeripheralID);
    const { SkillGroupNumber: number, SkillGroupID: id } = request;
    const group = context.peripheral.site.skillGroups.find((g) => (number !== NONE_UINT ? g.number === number : g.id === id));
    if (!group) throw new Refusal(STATUS.E_CTI_INVALID_SKILL_GROUP, `there is no skill group ${number !== NONE_UINT ? number : `with id ${id}`}`);
    return reply(
      buildMessage('QUERY_SKILL_GROUP_STATISTICS_CONF', {
        ...context.peripheral.statistics.skillGroupStatistics(group.number),
        InvokeID: request.InvokeID,
        PeripheralID: context.peripheral.peripheralId,
        SkillGroupNumber: group.number,
        SkillGroupID: group.id,
      }),
    );
  },
};

function helpConf(invokeId: number, related: { callId: number; device: string } | undefined) {
  return {
    InvokeID: invokeId,
    ConnectionCallID: related?.callId ?? NONE_UINT,
    ConnectionDeviceIDType: related ? CONNECTION_DEVICE_ID_TYPE.STATIC : CONNECTION_DEVICE_ID_TYPE.NONE,
    LineHandle: 0,
    LineType: 0,
    ...(related ? { ConnectionDeviceID: related.device } : {}),
  };
}
