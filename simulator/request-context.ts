import { CONTROL_FAILURE_CODE, SERVICE, buildMessage, type Message, type MessageName } from '../ged188/index.js';
import type { AgentRuntime, Requester } from './pg/model.js';
import { type Peripheral } from './pg/peripheral.js';
import { ControlFailure } from './pg/refusals.js';

export interface RequestContext {
  readonly peripheral: Peripheral;
  readonly requester: Requester;
  readonly servicesGranted: number;
  readonly version: number;
}

export type RequestOutcome =
  | { readonly kind: 'reply'; readonly reply: Message }
  | { readonly kind: 'status'; readonly status: number; readonly detail: string };

export type Handler<N extends MessageName> = (request: Message<N>, context: RequestContext) => RequestOutcome;
export type HandlerTable = { [N in MessageName]?: Handler<N> };


export const reply = (r: Message): RequestOutcome => ({ kind: 'reply', reply: r });
export const ack = <N extends MessageName>(type: N, invokeId: number): RequestOutcome => reply(buildMessage(type, { InvokeID: invokeId } as never));

/**
 * The agent a request acts on: the one named in it (a supervisor acting on a
 * member of its team), else the agent the session is bound to.
 */
/**
 * The agent a query names, any agent of the peripheral: a query only reads, and an
 * agent's desktop asks about its colleagues (who is free to take a transfer). With no
 * agent named, the session's own.
 */
export function queriedAgent(context: RequestContext, named: { AgentID?: string; AgentInstrument?: string }): AgentRuntime {
  if (named.AgentID === undefined && named.AgentInstrument === undefined) return targetAgent(context, named);
  const agent = context.peripheral.agentByDevice({ agentId: named.AgentID, instrument: named.AgentInstrument });
  if (!agent) throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_AGENT_ID_SPECIFIED, 'the request names no known agent');
  return agent;
}

export function targetAgent(context: RequestContext, named: { AgentID?: string; AgentInstrument?: string }): AgentRuntime {
  const { peripheral, requester } = context;
  const namesAgent = named.AgentID !== undefined || named.AgentInstrument !== undefined;
  // A request that names an agent acts on that agent or on none: never on the caller by mistake.
  const agent = namesAgent
    ? peripheral.agentByDevice({ agentId: named.AgentID, instrument: named.AgentInstrument })
    : requester.agentId === undefined
      ? undefined
      : peripheral.agents.get(requester.agentId);
  if (!agent) throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_AGENT_ID_SPECIFIED, 'the request names no known agent');
  if (requester.agentId !== undefined && agent.config.id !== requester.agentId) {
    const supervised = peripheral.teamMembersOf(requester.agentId);
    if (!(context.servicesGranted & SERVICE.SUPERVISOR) || !supervised.has(agent.config.id)) {
      throw new ControlFailure(CONTROL_FAILURE_CODE.PRIVILEGE_VIOLATION_ON_SPECIFIED_DEVICE, `agent ${agent.config.id} is not this session's agent`);
    }
  }
  return agent;
}

