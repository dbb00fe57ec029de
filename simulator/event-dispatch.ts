import { SERVICE } from '../ged188/index.js';
import type { SessionInterest } from './event-filter.js';
import type { Peripheral } from './pg/peripheral.js';
import type { PgEvent } from './pg/model.js';

/** A session that takes peripheral events; it still applies its own filter (`wants`). */
export interface EventReceiver {
  readonly interest: SessionInterest;
  deliver(event: PgEvent): void;
}

/**
 * Hands each peripheral event to the sessions that may want it. With thousands of
 * agent desktops, offering every event to every session costs O(sessions) per
 * event; instead a session that only watches its own agent's phone is indexed by
 * agent id and offered just the events naming that agent. Sessions that can see
 * more (all-events monitors, supervisors, peripheral monitors) and events that
 * name no agent go the long way, so `wants` keeps the last word on every delivery.
 */
export class EventDispatcher {
  private readonly everyone = new Set<EventReceiver>();
  private readonly broad = new Set<EventReceiver>();
  private readonly byAgent = new Map<string, Set<EventReceiver>>();

  constructor(peripheral: Peripheral) {
    peripheral.subscribe((event) => this.dispatch(event));
  }

  get size(): number {
    return this.everyone.size;
  }

  /** Starts delivering to `receiver`; the returned function stops it. */
  add(receiver: EventReceiver): () => void {
    const agentId = agentOnly(receiver.interest);
    this.everyone.add(receiver);
    if (agentId === undefined) {
      this.broad.add(receiver);
    } else {
      let set = this.byAgent.get(agentId);
      if (!set) this.byAgent.set(agentId, (set = new Set()));
      set.add(receiver);
    }
    return () => {
      this.everyone.delete(receiver);
      this.broad.delete(receiver);
      if (agentId === undefined) return;
      const set = this.byAgent.get(agentId);
      set?.delete(receiver);
      if (set?.size === 0) this.byAgent.delete(agentId);
    };
  }

  private dispatch(event: PgEvent): void {
    if (event.agents.length === 0) {
      for (const receiver of this.everyone) receiver.deliver(event);
      return;
    }
    for (const receiver of this.broad) receiver.deliver(event);
    // An event may name the same agent twice (two parties); deliver once.
    const agents = event.agents.length === 1 ? event.agents : [...new Set(event.agents)];
    for (const agentId of agents) {
      const set = this.byAgent.get(agentId);
      if (set) for (const receiver of set) receiver.deliver(event);
    }
  }
}

/** The agent a session is confined to, or undefined when it may see other agents' events. */
function agentOnly(interest: SessionInterest): string | undefined {
  const wider = SERVICE.ALL_EVENTS | SERVICE.SUPERVISOR | SERVICE.PERIPHERAL_MONITOR;
  return interest.servicesGranted & wider ? undefined : interest.agentId;
}
