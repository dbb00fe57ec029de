import { AGENT_STATE, CONTROL_FAILURE_CODE, SERVICE, STATUS, type Message, type MessageName } from '../ged188/index.js';
import { message } from './pg/message-factory.js';
import type { AgentRuntime } from './pg/model.js';
import { ControlFailure, type Peripheral, type Requester } from './pg/peripheral.js';

export interface RequestContext {
  readonly peripheral: Peripheral;
  readonly requester: Requester;
  readonly servicesGranted: number;
  readonly version: number;
}

export type RequestOutcome =
  | { readonly kind: 'reply'; readonly reply: Message }
  | { readonly kind: 'status'; readonly status: number; readonly detail: string };

type Handler<N extends MessageName> = (request: Message<N>, context: RequestContext) => RequestOutcome;

/** Which service a request needs (§2.4); AGENT_STATE_CONTROL_ONLY-style grants are not modelled. */
const NEEDS: Partial<Record<MessageName, number>> = {
  SET_CALL_DATA_REQ: SERVICE.CALL_DATA_UPDATE,
  RELEASE_CALL_REQ: SERVICE.CALL_DATA_UPDATE,
};

const reply = (r: Message): RequestOutcome => ({ kind: 'reply', reply: r });
const ack = <N extends MessageName>(type: N, invokeId: number): RequestOutcome => reply(message(type, { InvokeID: invokeId } as never));

/**
 * The agent a request acts on: the one named in it (a supervisor acting on a
 * member of its team), else the agent the session is bound to.
 */
function targetAgent(context: RequestContext, named: { AgentID?: string; AgentInstrument?: string }): AgentRuntime {
  const { peripheral, requester } = context;
  const byRequest =
    named.AgentID !== undefined || named.AgentInstrument !== undefined
      ? peripheral.agentByDevice({ agentId: named.AgentID, instrument: named.AgentInstrument })
      : undefined;
  const agent = byRequest ?? (requester.agentId === undefined ? undefined : peripheral.agents.get(requester.agentId));
  if (!agent) throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_AGENT_ID_SPECIFIED, 'the request names no known agent');
  if (requester.agentId !== undefined && agent.config.id !== requester.agentId) {
    const supervised = peripheral.teamMembersOf(requester.agentId);
    if (!(context.servicesGranted & SERVICE.SUPERVISOR) || !supervised.has(agent.config.id)) {
      throw new ControlFailure(CONTROL_FAILURE_CODE.PRIVILEGE_VIOLATION_ON_SPECIFIED_DEVICE, `agent ${agent.config.id} is not this session's agent`);
    }
  }
  return agent;
}

function requiresControl(context: RequestContext): RequestOutcome | undefined {
  if (context.servicesGranted & (SERVICE.CLIENT_CONTROL | SERVICE.ALL_EVENTS)) return undefined;
  return { kind: 'status', status: STATUS.E_CTI_FUNCTION_NOT_AVAILABLE, detail: 'the session was not granted CLIENT_CONTROL' };
}

const HANDLERS: { [N in MessageName]?: Handler<N> } = {
  SET_AGENT_STATE_REQ: (request, context) => {
    const agent = targetAgent(context, request);
    context.peripheral.setAgentState(agent, request);
    return ack('SET_AGENT_STATE_CONF', request.InvokeID);
  },
  QUERY_AGENT_STATE_REQ: (request, context) => {
    const agent = targetAgent(context, request);
    const groups = context.peripheral.site.skillGroups.filter((g) => agent.skillGroups.includes(g.number));
    const loggedIn = agent.state !== AGENT_STATE.LOGOUT;
    return reply(
      message('QUERY_AGENT_STATE_CONF', {
        InvokeID: request.InvokeID,
        AgentState: agent.state,
        MRDID: 1,
        NumTasks: agent.calls.size,
        AgentMode: agent.state === AGENT_STATE.AVAILABLE ? 1 : 0,
        MaxTaskLimit: 1,
        ICMAgentID: 0,
        AgentAvailabilityStatus: agent.state === AGENT_STATE.AVAILABLE ? 1 : 0,
        DepartmentID: 0,
        ...(loggedIn
          ? { AgentID: agent.config.id, AgentExtension: agent.config.extension ?? agent.config.instrument, AgentInstrument: agent.config.instrument }
          : {}),
        SkillGroupNumber: groups.map((g) => g.number),
        SkillGroupID: groups.map((g) => g.id),
        SkillGroupPriority: groups.map(() => 0),
        SkillGroupState: groups.map(() => agent.state),
      }),
    );
  },
  ANSWER_CALL_REQ: (request, context) => {
    const agent = targetAgent(context, request);
    context.peripheral.answer(agent, request.ConnectionCallID);
    return ack('ANSWER_CALL_CONF', request.InvokeID);
  },
  HOLD_CALL_REQ: (request, context) => {
    context.peripheral.hold(targetAgent(context, {}), request.ConnectionCallID);
    return ack('HOLD_CALL_CONF', request.InvokeID);
  },
  RETRIEVE_CALL_REQ: (request, context) => {
    context.peripheral.retrieve(targetAgent(context, {}), request.HeldConnectionCallID);
    return ack('RETRIEVE_CALL_CONF', request.InvokeID);
  },
  CLEAR_CONNECTION_REQ: (request, context) => {
    context.peripheral.clearConnection(targetAgent(context, {}), request.ConnectionCallID);
    return ack('CLEAR_CONNECTION_CONF', request.InvokeID);
  },
  CLEAR_CALL_REQ: (request, context) => {
    context.peripheral.clearCall(targetAgent(context, {}), request.ConnectionCallID);
    return ack('CLEAR_CALL_CONF', request.InvokeID);
  },
  SET_CALL_DATA_REQ: (request, context) => {
    context.peripheral.setCallData(request, context.requester);
    return ack('SET_CALL_DATA_CONF', request.InvokeID);
  },
  RELEASE_CALL_REQ: (request, context) => {
    context.peripheral.releaseCall(request.ConnectionCallID);
    return ack('RELEASE_CALL_CONF', request.InvokeID);
  },
};

/** Carries out one request; throws ControlFailure for requests that do not fit the state. */
export function handleRequest(request: Message, context: RequestContext): RequestOutcome {
  const handler = HANDLERS[request.MessageType] as Handler<MessageName> | undefined;
  if (!handler) {
    return { kind: 'status', status: STATUS.E_CTI_FUNCTION_NOT_AVAILABLE, detail: `${request.MessageType} is not a request this simulator serves` };
  }
  const needed = NEEDS[request.MessageType];
  if (needed !== undefined && !(context.servicesGranted & needed)) {
    return { kind: 'status', status: STATUS.E_CTI_FUNCTION_NOT_AVAILABLE, detail: `${request.MessageType} needs a service this session was not granted` };
  }
  if (request.MessageType !== 'QUERY_AGENT_STATE_REQ') {
    const refused = requiresControl(context);
    if (refused) return refused;
  }
  return handler(request as never, context);
}
