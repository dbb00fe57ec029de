import { AGENT_STATE, SERVICE, STATUS, buildMessage, type Message, type MessageName } from '../ged188/index.js';
import { CALL_HANDLERS } from './call-handlers.js';
import { deskSettingsConf } from './pg/desk-settings-conf.js';
import { agentIdentityFields, agentTaskFields } from './pg/model.js';
import { Refusal } from './pg/refusals.js';
import { deskSettingsOf } from './pg/site.js';
import { ack, queriedAgent, reply, targetAgent, type Handler, type HandlerTable, type RequestContext, type RequestOutcome } from './request-context.js';
import { SUPERVISOR_HANDLERS } from './supervisor-handlers.js';

/** Which service a request needs (§2.4); AGENT_STATE_CONTROL_ONLY-style grants are not modelled. */
const NEEDS: Partial<Record<MessageName, number>> = {
  SET_CALL_DATA_REQ: SERVICE.CALL_DATA_UPDATE,
  RELEASE_CALL_REQ: SERVICE.CALL_DATA_UPDATE,
  MONITOR_START_REQ: SERVICE.PERIPHERAL_MONITOR,
  MONITOR_STOP_REQ: SERVICE.PERIPHERAL_MONITOR,
  CHANGE_MONITOR_MASK_REQ: SERVICE.PERIPHERAL_MONITOR,
};

function requiresControl(context: RequestContext): RequestOutcome | undefined {
  if (context.servicesGranted & (SERVICE.CLIENT_CONTROL | SERVICE.ALL_EVENTS)) return undefined;
  return { kind: 'status', status: STATUS.E_CTI_FUNCTION_NOT_AVAILABLE, detail: 'the session was not granted CLIENT_CONTROL' };
}

const AGENT_HANDLERS: HandlerTable = {
  SET_AGENT_STATE_REQ: (request, context) => {
    const agent = targetAgent(context, request);
    const bySupervisor = context.requester.agentId !== undefined && context.requester.agentId !== agent.config.id;
    context.peripheral.setAgentState(agent, request, { bySupervisor });
    return ack('SET_AGENT_STATE_CONF', request.InvokeID);
  },
  QUERY_AGENT_STATE_REQ: (request, context) => {
    const agent = queriedAgent(context, request);
    const groups = context.peripheral.site.skillGroups.filter((g) => agent.skillGroups.includes(g.number));
    return reply(
      buildMessage('QUERY_AGENT_STATE_CONF', {
        InvokeID: request.InvokeID,
        ...agentTaskFields(agent),
        // AgentID whatever the state: a client keys the answer by it, a logged-out agent's too.
        // The phone (AgentExtension, AgentInstrument) only while logged in: an agent is on a
        // device only between login and logout (the CCX edition of the guide says so in words).
        ...(agent.state === AGENT_STATE.LOGOUT ? { AgentID: agent.config.id } : agentIdentityFields(agent)),
        SkillGroupNumber: groups.map((g) => g.number),
        SkillGroupID: groups.map((g) => g.id),
        SkillGroupPriority: groups.map(() => 0),
        SkillGroupState: groups.map(() => agent.state),
      }),
    );
  },
  // Miscellaneous Service: the named agent's desk settings, else the session's agent's.
  AGENT_DESK_SETTINGS_REQ: (request, context) => {
    const { peripheral, requester } = context;
    const agentId = request.AgentID ?? requester.agentId;
    const agent = agentId === undefined ? undefined : peripheral.agents.get(agentId);
    if (!agent) {
      const detail = agentId === undefined ? 'the request names no agent and the session has none' : `there is no agent ${agentId}`;
      return { kind: 'status', status: STATUS.E_CTI_INVALID_AGENT_DATA, detail };
    }
    return reply(deskSettingsConf(request.InvokeID, peripheral.peripheralId, deskSettingsOf(peripheral.site, agent.config)));
  },
};

/** Every request the simulator serves, by message type: one table per area. */
const HANDLERS: HandlerTable = { ...AGENT_HANDLERS, ...CALL_HANDLERS, ...SUPERVISOR_HANDLERS };

const QUERIES: ReadonlySet<MessageName> = new Set([
  'QUERY_AGENT_STATE_REQ',
  'AGENT_DESK_SETTINGS_REQ',
  'QUERY_AGENT_STATISTICS_REQ',
  'QUERY_SKILL_GROUP_STATISTICS_REQ',
  'SNAPSHOT_CALL_REQ',
  'SNAPSHOT_DEVICE_REQ',
  // Monitors only watch; PERIPHERAL_MONITOR (NEEDS) is what they take.
  'MONITOR_START_REQ',
  'MONITOR_STOP_REQ',
  'CHANGE_MONITOR_MASK_REQ',
]);

/** Carries out one request; throws ControlFailure for requests that do not fit the state. */
export function handleRequest(request: Message, context: RequestContext): RequestOutcome {
  const handler = HANDLERS[request.MessageType] as Handler<MessageName> | undefined;
  if (!handler) {
    return { kind: 'status', status: STATUS.E_CTI_FUNCTION_NOT_AVAILABLE, detail: `${request.MessageType} is not a request this simulator serves` };
  }
  const peripheralId = (request as { PeripheralID?: unknown }).PeripheralID;
  if (typeof peripheralId === 'number' && peripheralId !== context.peripheral.peripheralId) {
    return { kind: 'status', status: STATUS.E_CTI_INVALID_PERIPHERAL_ID, detail: `the peripheral is ${context.peripheral.peripheralId}, not ${peripheralId}` };
  }
  const needed = NEEDS[request.MessageType];
  if (needed !== undefined && !(context.servicesGranted & needed)) {
    return { kind: 'status', status: STATUS.E_CTI_FUNCTION_NOT_AVAILABLE, detail: `${request.MessageType} needs a service this session was not granted` };
  }
  // Queries only read: a session with CLIENT_EVENTS alone may ask them.
  if (!QUERIES.has(request.MessageType)) {
    const refused = requiresControl(context);
    if (refused) return refused;
  }
  try {
    return handler(request as never, context);
  } catch (error) {
    // A request CTI Server itself refuses (§2.10) is answered with FAILURE_CONF; ControlFailures pass on.
    if (error instanceof Refusal) return { kind: 'status', status: error.status, detail: error.message };
    throw error;
  }
}
