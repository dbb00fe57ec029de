import { CONTROL_FAILURE_CODE, SERVICE, buildMessage, type Message, type MessageName } from '../ged188/index.js';
import { identifyAgent, type AgentNaming } from './pg/agent-identification.js';
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
 * The agent a request acts on: the one it names (identifyAgent: a supervisor acting on a
 * member of its team, or a monitor acting on any agent), else the agent the session is
 * bound to. A request that names an agent acts on that agent or on none, never on the
 * caller by mistake.
 */
/**
 * The agent a query names, any agent of the peripheral: a query only reads, and an
 * agent's desktop asks about its colleagues (who is free to take a transfer). With no
 * agent named, the session's own.
 */
export function queriedAgent(context: RequestContext, naming: AgentNaming): AgentRuntime {
  const identified = identifyAgent(context.peripheral, naming);
  if (!identified.named) return targetAgent(context, naming);
  if (!identified.agent) throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_AGENT_ID_SPECIFIED, `no agent has ${identified.by}`);
  return identified.agent;
}

export function targetAgent(context: RequestContext, naming: AgentNaming): AgentRuntime {
  const { peripheral, requester } = context;
  const identified = identifyAgent(peripheral, naming);
  const agent = identified.named ? identified.agent : requester.agentId === undefined ? undefined : peripheral.agents.get(requester.agentId);
  if (!agent) {
    const why = identified.named ? `no agent has ${identified.by}` : 'the request names no agent and the session is bound to none';
    throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_AGENT_ID_SPECIFIED, why);
  }
  if (requester.agentId !== undefined && agent.config.id !== requester.agentId) {
    const supervised = peripheral.teamMembersOf(requester.agentId);
    if (!(context.servicesGranted & SERVICE.SUPERVISOR) || !supervised.has(agent.config.id)) {
      throw new ControlFailure(CONTROL_FAILURE_CODE.PRIVILEGE_VIOLATION_ON_SPECIFIED_DEVICE, `agent ${agent.config.id} is not this session's agent`);
    }
  }
  return agent;
}
