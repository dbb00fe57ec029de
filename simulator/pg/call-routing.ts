import {
  AGENT_STATE,
  CALL_TYPE,
  DEVICE_ID_TYPE,
  EVENT_CAUSE,
  LOCAL_CONNECTION_STATE as LCS,
} from '../../ged188/index.js';
import { callFields } from './call-fields.js';
import { type AgentRuntime, type Call, type IncomingCall } from './model.js';
import type { Peripheral } from './peripheral.js';


/** Calls from outside: routed to the longest-available Ready agent of the skill group, or queued. */
export class CallRouting {
  /** Queued calls, oldest first. */
  private readonly queue: number[] = [];

  constructor(private readonly peripheral: Peripheral) {}

  /** A caller calls in: routed to the longest-available Ready agent, or queued. */
  offerCall(incoming: IncomingCall): Call {
    const call = this.peripheral.createCall({
      callType: CALL_TYPE.ACD_IN,
      direction: 'incoming',
      ani: incoming.ani,
      dnis: incoming.dnis,
      skillGroup: incoming.skillGroup ?? (incoming.agentId === undefined ? this.peripheral.site.skillGroups[0]?.number : undefined),
      targetAgent: incoming.agentId,
    });
    for (const [key, value] of Object.entries(incoming.callVariables ?? {})) call.variables[Number(key) - 1] = value;
    for (const [name, value] of Object.entries(incoming.ecc ?? {})) call.ecc.set(name, value);
    call.parties.push({ device: incoming.ani, deviceType: DEVICE_ID_TYPE.EXTERNAL, state: LCS.CONNECT, agentId: undefined });
    const agent = this.pickAgent(call);
    if (agent) this.deliver(call, agent);
    else this.enqueue(call);
    return call;
  }

  private eligible(call: Call, agent: AgentRuntime): boolean {
    // A Ready agent with a call on its phone (dialling, or a direct call ringing) is not free.
    if (agent.state !== AGENT_STATE.AVAILABLE || agent.calls.size > 0) return false;
    if (call.targetAgent !== undefined) return agent.config.id === call.targetAgent;
    return call.skillGroup === undefined || agent.skillGroups.includes(call.skillGroup);
  }

  private pickAgent(call: Call): AgentRuntime | undefined {
    let best: AgentRuntime | undefined;
    for (const agent of this.peripheral.agents.values()) {
      if (this.eligible(call, agent) && (best === undefined || agent.availableSince < best.availableSince)) best = agent;
    }
    return best;
  }

  private enqueue(call: Call): void {
    call.queuedAt = this.peripheral.clock();
    this.queue.push(call.id);
    const group = this.peripheral.site.skillGroups.find((g) => g.number === call.skillGroup);
    this.peripheral.emit('CALL_QUEUED_EVENT', {
      ...callFields(this.peripheral.site, call, call.parties[0]),
      QueueDeviceType: DEVICE_ID_TYPE.QUEUE,
      CallingDeviceType: DEVICE_ID_TYPE.EXTERNAL,
      NumQueued: this.queue.length,
      LocalConnectionState: LCS.QUEUED,
      EventCause: EVENT_CAUSE.NONE,
      QueueDeviceID: String(call.skillGroup ?? call.targetAgent ?? ''),
      CallingDeviceID: call.ani,
      CalledDeviceID: call.dnis,
      ...(group ? { SkillGroupNumber: [group.number], SkillGroupID: [group.id], SkillGroupPriority: [0] } : {}),
    }, []);
  }

  /** A newly Available agent takes the oldest queued call it can handle. */
  routeQueuedTo(agent: AgentRuntime): void {
    const index = this.queue.findIndex((id) => {
      const call = this.peripheral.calls.get(id);
      return call !== undefined && this.eligible(call, agent);
    });
    if (index === -1) return;
    const [callId] = this.queue.splice(index, 1);
    const call = this.peripheral.calls.get(callId!)!;
    call.queuedAt = undefined;
    this.deliver(call, agent);
  }

  /** A routed call: the agent is Reserved for it, then it rings (§4.1 Inbound ACD call). */
  private deliver(call: Call, agent: AgentRuntime): void {
    const party = this.peripheral.addRingingParty(call, agent);
    this.peripheral.agentStates.setState(agent, AGENT_STATE.RESERVED);
    this.peripheral.announceRinging(call, party);
  }

  /** The call leaves the queue (it ended while waiting). */
  dequeue(call: Call): void {
    const index = this.queue.indexOf(call.id);
    if (index !== -1) this.queue.splice(index, 1);
  }
}
