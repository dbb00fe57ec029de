import { AGENT_STATE } from '../../ged188/index.js';
import { AGENT_STATISTICS_COUNTERS } from '../../ged188/layouts/statistics.js';
import type { Fields } from './message-factory.js';
import type { Peripheral, PgEvent } from './peripheral.js';

/**
 * Agent and skill-group statistics (QUERY_AGENT_STATISTICS_CONF, QUERY_SKILL_GROUP_STATISTICS_CONF)
 * computed from what actually happened on the peripheral: a listener follows the published events
 * (agent states and calls) and adds up counts and times, as the PG's reporting does.
 *
 * How the counters are kept (ctios.md §2.4, §6.1):
 *  - State times: Avail (also ICMAvailable and Routable: a voice agent is routable exactly when Ready),
 *    NotReady and LoggedOn, added when a state ends and, for the state in progress, up to the moment
 *    of the query, so a Ready agent's AvailTime grows between two queries.
 *  - Calls are counted when the agent's part in them ends: HandledCalls for answered incoming calls,
 *    AgentOutCalls for outgoing ones, InternalCalls / InternalCallsRcvd for agent-to-agent calls.
 *    TalkTime runs from connection to the end and includes hold time, as UCCE's does; the after-call
 *    (Work) time that follows goes to HandledCallsAfterCallTime; ...Time is talk plus after-call.
 *    ...Held counts calls put on hold at least once, ...HeldTime the time they spent held.
 *  - Supervisor actions and emergency calls are counted by supervision.ts through `count`.
 *  - "Session" starts over at each login, "Today" at local midnight; a skill group's To5 / ToHalf /
 *    Today blocks add up its agents' contributions (state times to each group the agent is logged in
 *    to, a call's counts to the group it was routed through) in the current five minutes, half hour
 *    and day. Time is booked to the period in which it ends, so a state spanning a period boundary
 *    counts wholly in the later period: a simplification a real PG does not make.
 *  - Real-time skill-group counts are read off the agents' current states when asked. The simulator
 *    has one queue, standing for both the router queue (RouterCallsQNow) and the ACD queue
 *    (CallsQNow); the interval CallsQ / CallsQTime / LongestCallQ count calls queued to the group.
 */

type AgentCounter = (typeof AGENT_STATISTICS_COUNTERS)[number];
/** Counts, and times in milliseconds (converted to the guide's seconds when a reply is built). */
type Tally = Record<AgentCounter, number>;

interface QueueTally {
  calls: number;
  timeMs: number;
  longestMs: number;
}

interface GroupTally {
  readonly agents: Tally;
  readonly queue: QueueTally;
}

export type SupervisoryCounter = 'BargeInCalls' | 'InterceptCalls' | 'MonitorCalls' | 'WhisperCalls' | 'EmergencyCalls';

type CallKind = 'handled' | 'out' | 'internal' | 'internalReceived';

/** Which counters a call of each kind feeds. */
const KIND_COUNTERS: Readonly<
  Record<CallKind, { calls: AgentCounter; talk?: AgentCounter; time: AgentCounter; afterCall?: AgentCounter; held: AgentCounter; heldTime: AgentCounter }>
> = {
  handled: {
    calls: 'HandledCalls',
    talk: 'HandledCallsTalkTime',
    time: 'HandledCallsTime',
    afterCall: 'HandledCallsAfterCallTime',
    held: 'IncomingCallsHeld',
    heldTime: 'IncomingCallsHeldTime',
  },
  out: { calls: 'AgentOutCalls', talk: 'AgentOutCallsTalkTime', time: 'AgentOutCallsTime', held: 'AgentOutCallsHeld', heldTime: 'AgentOutCallsHeldTime' },
  internal: { calls: 'InternalCalls', time: 'InternalCallsTime', held: 'InternalCallsHeld', heldTime: 'InternalCallsHeldTime' },
  internalReceived: { calls: 'InternalCallsRcvd', time: 'InternalCallsRcvdTime', held: 'InternalCallsHeld', heldTime: 'InternalCallsHeldTime' },
};

/** The counters a skill group's interval blocks carry (the agent list without these four). */
const GROUP_COUNTERS = AGENT_STATISTICS_COUNTERS.filter(
  (c) => c !== 'ICMAvailableTime' && c !== 'RoutableTime' && c !== 'InternalCalls' && c !== 'InternalCallsTime',
);

const WORK_STATES = new Set<number>([AGENT_STATE.WORK_READY, AGENT_STATE.WORK_NOT_READY]);
const FIVE_MINUTES = 5 * 60_000;
const HALF_HOUR = 30 * 60_000;

interface CallRecord {
  readonly kind: CallKind;
  readonly skillGroup: number | undefined;
  connectedAt: number | undefined;
  heldSince: number | undefined;
  heldMs: number;
  wasHeld: boolean;
}

interface AgentRecord {
  session: Tally;
  today: Periodic<Tally>;
  /** The state as the events told it, and since when. */
  state: number;
  stateSince: number;
  /** Skill groups of the current (or last) login: the model forgets them at logout. */
  groups: number[];
  readonly calls: Map<number, CallRecord>;
  /** The call whose after-call work a Work state is. */
  lastCall: { kind: CallKind; skillGroup: number | undefined } | undefined;
}

function emptyTally(): Tally {
  return Object.fromEntries(AGENT_STATISTICS_COUNTERS.map((c) => [c, 0])) as Tally;
}

function emptyGroupTally(): GroupTally {
  return { agents: emptyTally(), queue: { calls: 0, timeMs: 0, longestMs: 0 } };
}

function startOfDay(now: number): number {
  const day = new Date(now);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}

/** A value that belongs to a period (a day, a half hour, five minutes) and starts afresh with the next. */
class Periodic<T> {
  private key = Number.NaN;
  private value: T;

  constructor(
    private readonly periodOf: (now: number) => number,
    private readonly fresh: () => T,
  ) {
    this.value = fresh();
  }

  at(now: number): T {
    const key = this.periodOf(now);
    if (key !== this.key) {
      this.key = key;
      this.value = this.fresh();
    }
    return this.value;
  }
}

class GroupRecord {
  readonly to5 = new Periodic((now) => Math.floor(now / FIVE_MINUTES), emptyGroupTally);
  readonly toHalf = new Periodic((now) => Math.floor(now / HALF_HOUR), emptyGroupTally);
  readonly today = new Periodic(startOfDay, emptyGroupTally);

  periods(now: number): GroupTally[] {
    return [this.to5.at(now), this.toHalf.at(now), this.today.at(now)];
  }
}

/** Seconds for time counters (their names end in "Time"), the count otherwise. */
function wireValue(counter: string, value: number): number {
  return counter.endsWith('Time') ? Math.floor(value / 1000) : value;
}

const statisticsByPeripheral = new WeakMap<Peripheral, Statistics>();

/** The statistics of a peripheral, started on first use (they count from then on). */
export function statisticsOf(peripheral: Peripheral): Statistics {
  let statistics = statisticsByPeripheral.get(peripheral);
  if (!statistics) statisticsByPeripheral.set(peripheral, (statistics = new Statistics(peripheral)));
  return statistics;
}

export class Statistics {
  private readonly agents = new Map<string, AgentRecord>();
  private readonly groups = new Map<number, GroupRecord>();
  /** Calls waiting in the queue, and since when, for the interval queue counters. */
  private readonly queued = new Map<number, { since: number; skillGroup: number | undefined }>();

  constructor(
    private readonly peripheral: Peripheral,
    // The peripheral's time, so durations here agree with the state and call times it keeps.
    private readonly clock: () => number = peripheral.clock,
  ) {
    peripheral.subscribe((event) => this.observe(event));
  }

  /** A supervisor action or emergency call, counted for the agent who made it. */
  count(agentId: string, counter: SupervisoryCounter): void {
    const record = this.record(agentId);
    this.add(record, counter, 1, record.groups.slice(0, 1));
  }

  /** QUERY_AGENT_STATISTICS_CONF's counters for an agent, in seconds. */
  agentStatistics(agentId: string): Fields<'QUERY_AGENT_STATISTICS_CONF'> {
    const now = this.clock();
    const record = this.record(agentId);
    const live = this.stateTime(record, now - record.stateSince);
    const fields: Record<string, number> = {};
    const today = record.today.at(now);
    for (const counter of AGENT_STATISTICS_COUNTERS) {
      const extra = live.get(counter) ?? 0;
      // A logged-out agent's Session values are those of its last login: nothing runs on.
      fields[`${counter}Session`] = wireValue(counter, record.session[counter] + (record.state === AGENT_STATE.LOGOUT ? 0 : extra));
      fields[`${counter}Today`] = wireValue(counter, today[counter] + extra);
    }
    return fields as Fields<'QUERY_AGENT_STATISTICS_CONF'>;
  }

  /** QUERY_SKILL_GROUP_STATISTICS_CONF's counters for a skill group, in seconds. */
  skillGroupStatistics(groupNumber: number): Fields<'QUERY_SKILL_GROUP_STATISTICS_CONF'> {
    const now = this.clock();
    const fields: Record<string, number> = { ...this.realTime(groupNumber, now) };
    const periods = this.group(groupNumber).periods(now);
    // What agents of the group have accumulated in their current state so far.
    const live = new Map<AgentCounter, number>();
    for (const record of this.agents.values()) {
      if (!record.groups.includes(groupNumber) || record.state === AGENT_STATE.LOGOUT) continue;
      for (const [counter, ms] of this.stateTime(record, now - record.stateSince)) live.set(counter, (live.get(counter) ?? 0) + ms);
    }
    const blocks = [
      { suffix: 'To5', queueSuffix: '5' },
      { suffix: 'ToHalf', queueSuffix: 'Half' },
      { suffix: 'Today', queueSuffix: 'Today' },
    ];
    blocks.forEach(({ suffix, queueSuffix }, i) => {
      const tally = periods[i]!;
      for (const counter of GROUP_COUNTERS) fields[`${counter}${suffix}`] = wireValue(counter, tally.agents[counter] + (live.get(counter) ?? 0));
      fields[`CallsQ${queueSuffix}`] = tally.queue.calls;
      fields[`CallsQTime${queueSuffix}`] = Math.floor(tally.queue.timeMs / 1000);
      fields[`LongestCallQ${queueSuffix}`] = Math.floor(tally.queue.longestMs / 1000);
    });
    return fields as Fields<'QUERY_SKILL_GROUP_STATISTICS_CONF'>;
  }

  /** The real-time block: agents of the group by their state now, and the calls queued for it. */
  private realTime(groupNumber: number, now: number): Record<string, number> {
    const counts = {
      AgentsLoggedOn: 0, AgentsAvail: 0, AgentsNotReady: 0, AgentsReady: 0, AgentsTalkingIn: 0, AgentsTalkingOut: 0,
      AgentsTalkingOther: 0, AgentsWorkNotReady: 0, AgentsWorkReady: 0, AgentsBusyOther: 0, AgentsReserved: 0, AgentsHold: 0,
      AgentsICMAvailable: 0, AgentsApplicationAvailable: 0, AgentsTalkingAutoOut: 0, AgentsTalkingPreview: 0, AgentsTalkingReservation: 0,
    };
    for (const agent of this.peripheral.agents.values()) {
      if (agent.state === AGENT_STATE.LOGOUT || !agent.skillGroups.includes(groupNumber)) continue;
      counts.AgentsLoggedOn++;
      // UCCE's "Ready" is every logged-on agent not in Not Ready.
      if (agent.state !== AGENT_STATE.NOT_READY) counts.AgentsReady++;
      switch (agent.state) {
        case AGENT_STATE.AVAILABLE:
          counts.AgentsAvail++;
          counts.AgentsICMAvailable++;
          break;
        case AGENT_STATE.NOT_READY:
          counts.AgentsNotReady++;
          break;
        case AGENT_STATE.TALKING:
          if (agent.lastCallDirection === 'outgoing') counts.AgentsTalkingOut++;
          else if (agent.lastCallDirection === 'incoming') counts.AgentsTalkingIn++;
          else counts.AgentsTalkingOther++;
          break;
        case AGENT_STATE.WORK_NOT_READY:
          counts.AgentsWorkNotReady++;
          break;
        case AGENT_STATE.WORK_READY:
          counts.AgentsWorkReady++;
          break;
        case AGENT_STATE.BUSY_OTHER:
          counts.AgentsBusyOther++;
          break;
        case AGENT_STATE.RESERVED:
          counts.AgentsReserved++;
          break;
        case AGENT_STATE.HOLD:
          counts.AgentsHold++;
          break;
      }
    }
    let waiting = 0;
    let totalMs = 0;
    let longestMs = 0;
    for (const call of this.peripheral.calls.values()) {
      if (call.queuedAt === undefined || call.skillGroup !== groupNumber) continue;
      const ms = now - call.queuedAt;
      waiting++;
      totalMs += ms;
      longestMs = Math.max(longestMs, ms);
    }
    const queue = { calls: waiting, time: Math.floor(totalMs / 1000), longest: Math.floor(longestMs / 1000) };
    return {
      ...counts,
      RouterCallsQNow: queue.calls,
      LongestRouterCallQNow: queue.longest,
      CallsQNow: queue.calls,
      CallsQTimeNow: queue.time,
      LongestCallQNow: queue.longest,
    };
  }

  // ------------------------------------------------------------------ following the events

  private observe(event: PgEvent): void {
    const now = this.clock();
    const { message } = event;
    switch (message.MessageType) {
      case 'AGENT_STATE_EVENT':
        if (message.AgentID !== undefined) this.stateChanged(message.AgentID, message.AgentState, now);
        return;
      case 'CALL_QUEUED_EVENT':
        this.queued.set(message.ConnectionCallID, { since: now, skillGroup: this.peripheral.calls.get(message.ConnectionCallID)?.skillGroup });
        for (const tally of this.groupTallies(this.queued.get(message.ConnectionCallID)!.skillGroup, now)) tally.queue.calls++;
        return;
      case 'CALL_DELIVERED_EVENT':
        this.leftQueue(message.ConnectionCallID, now);
        this.joined(event, message.ConnectionCallID);
        return;
      case 'CALL_ESTABLISHED_EVENT':
        this.joined(event, message.ConnectionCallID);
        this.connected(event, message.ConnectionCallID, now);
        return;
      case 'CALL_HELD_EVENT':
        this.held(message.HoldingDeviceID, message.ConnectionCallID, now);
        return;
      case 'CALL_RETRIEVED_EVENT':
        this.retrieved(message.RetrievingDeviceID, message.ConnectionCallID, now);
        return;
      case 'CALL_CONNECTION_CLEARED_EVENT': {
        const agent = this.peripheral.agentByDevice({ instrument: message.ReleasingDeviceID });
        if (agent) this.finished(this.record(agent.config.id), message.ConnectionCallID, now);
        return;
      }
      case 'CALL_CLEARED_EVENT':
      case 'END_CALL_EVENT':
        this.leftQueue(message.ConnectionCallID, now);
        for (const agentId of event.agents) this.finished(this.record(agentId), message.ConnectionCallID, now);
        return;
      default:
        if ('ConnectionCallID' in message && typeof message.ConnectionCallID === 'number') this.joined(event, message.ConnectionCallID);
    }
  }

  private stateChanged(agentId: string, state: number, now: number): void {
    const record = this.record(agentId);
    if (record.state !== AGENT_STATE.LOGOUT) {
      for (const [counter, ms] of this.stateTime(record, now - record.stateSince)) this.add(record, counter, ms, this.groupsFor(record, counter));
    }
    if (state === AGENT_STATE.LOGIN) {
      record.session = emptyTally();
      record.calls.clear();
      record.lastCall = undefined;
    }
    const groups = this.peripheral.agents.get(agentId)?.skillGroups ?? [];
    if (groups.length > 0) record.groups = [...groups];
    record.state = state;
    record.stateSince = now;
    // A state with no call left means every call of the agent is over, whatever events it missed.
    if (this.peripheral.agents.get(agentId)?.calls.size === 0) for (const callId of [...record.calls.keys()]) this.finished(record, callId, now);
  }

  /** The time counters a stretch of `ms` in the record's current state feeds. */
  private stateTime(record: AgentRecord, ms: number): Map<AgentCounter, number> {
    const out = new Map<AgentCounter, number>();
    if (record.state === AGENT_STATE.LOGOUT || ms <= 0) return out;
    out.set('LoggedOnTime', ms);
    if (record.state === AGENT_STATE.AVAILABLE) {
      out.set('AvailTime', ms);
      out.set('ICMAvailableTime', ms);
      out.set('RoutableTime', ms);
    } else if (record.state === AGENT_STATE.NOT_READY) {
      out.set('NotReadyTime', ms);
    } else if (WORK_STATES.has(record.state) && record.lastCall) {
      const counters = KIND_COUNTERS[record.lastCall.kind];
      if (counters.afterCall) out.set(counters.afterCall, ms);
      out.set(counters.time, ms);
    }
    return out;
  }

  /** A call counter goes to the call's skill group; times in a state to every group of the login. */
  private groupsFor(record: AgentRecord, counter: AgentCounter): number[] {
    if (counter === 'LoggedOnTime' || counter === 'AvailTime' || counter === 'NotReadyTime') return record.groups;
    const group = record.lastCall?.skillGroup;
    return group !== undefined && record.groups.includes(group) ? [group] : record.groups.slice(0, 1);
  }

  /** Agents named by a call event who have no record of the call yet take part in it from now. */
  private joined(event: PgEvent, callId: number): void {
    const call = this.peripheral.callOrEnded(callId);
    if (!call) return;
    for (const agentId of event.agents) {
      const record = this.record(agentId);
      if (record.calls.has(callId)) continue;
      const device = this.peripheral.agents.get(agentId)?.config.instrument;
      let kind: CallKind;
      if (call.direction === 'incoming') kind = 'handled';
      else if (call.direction === 'outgoing') kind = 'out';
      // An agent-to-agent call's ANI is the dialling agent's instrument.
      else kind = device === call.ani ? 'internal' : 'internalReceived';
      record.calls.set(callId, { kind, skillGroup: call.skillGroup, connectedAt: undefined, heldSince: undefined, heldMs: 0, wasHeld: false });
    }
  }

  /** CALL_ESTABLISHED: talk time starts for every agent party now connected. */
  private connected(event: PgEvent, callId: number, now: number): void {
    for (const agentId of event.agents) {
      const call = this.record(agentId).calls.get(callId);
      if (call && call.connectedAt === undefined) call.connectedAt = now;
    }
  }

  private held(device: string | undefined, callId: number, now: number): void {
    const agent = device === undefined ? undefined : this.peripheral.agentByDevice({ instrument: device });
    const call = agent && this.record(agent.config.id).calls.get(callId);
    if (!call || call.heldSince !== undefined) return;
    call.heldSince = now;
    call.wasHeld = true;
  }

  private retrieved(device: string | undefined, callId: number, now: number): void {
    const agent = device === undefined ? undefined : this.peripheral.agentByDevice({ instrument: device });
    const call = agent && this.record(agent.config.id).calls.get(callId);
    if (!call || call.heldSince === undefined) return;
    call.heldMs += now - call.heldSince;
    call.heldSince = undefined;
  }

  /** The agent's part in a call is over: count it. A call that rang and was never answered is not. */
  private finished(record: AgentRecord, callId: number, now: number): void {
    const call = record.calls.get(callId);
    if (!call) return;
    record.calls.delete(callId);
    if (call.heldSince !== undefined) call.heldMs += now - call.heldSince;
    if (call.connectedAt === undefined && call.kind !== 'out') return;
    const counters = KIND_COUNTERS[call.kind];
    const talkMs = call.connectedAt === undefined ? 0 : now - call.connectedAt;
    record.lastCall = { kind: call.kind, skillGroup: call.skillGroup };
    const groups = this.groupsFor(record, counters.calls);
    this.add(record, counters.calls, 1, groups);
    if (counters.talk) this.add(record, counters.talk, talkMs, groups);
    this.add(record, counters.time, talkMs, groups);
    if (call.wasHeld) {
      this.add(record, counters.held, 1, groups);
      this.add(record, counters.heldTime, call.heldMs, groups);
    }
  }

  private leftQueue(callId: number, now: number): void {
    const entry = this.queued.get(callId);
    if (!entry) return;
    this.queued.delete(callId);
    const ms = now - entry.since;
    for (const tally of this.groupTallies(entry.skillGroup, now)) {
      tally.queue.timeMs += ms;
      tally.queue.longestMs = Math.max(tally.queue.longestMs, ms);
    }
  }

  // ------------------------------------------------------------------ bookkeeping

  private add(record: AgentRecord, counter: AgentCounter, amount: number, groups: readonly number[]): void {
    const now = this.clock();
    record.session[counter] += amount;
    record.today.at(now)[counter] += amount;
    for (const group of groups) for (const tally of this.groupTallies(group, now)) tally.agents[counter] += amount;
  }

  private groupTallies(groupNumber: number | undefined, now: number): GroupTally[] {
    return groupNumber === undefined ? [] : this.group(groupNumber).periods(now);
  }

  private group(groupNumber: number): GroupRecord {
    let group = this.groups.get(groupNumber);
    if (!group) this.groups.set(groupNumber, (group = new GroupRecord()));
    return group;
  }

  private record(agentId: string): AgentRecord {
    let record = this.agents.get(agentId);
    if (!record) {
      const agent = this.peripheral.agents.get(agentId);
      record = {
        session: emptyTally(),
        today: new Periodic(startOfDay, emptyTally),
        // An agent already logged in when counting began counts from now.
        state: agent?.state ?? AGENT_STATE.LOGOUT,
        stateSince: this.clock(),
        groups: agent ? [...agent.skillGroups] : [],
        calls: new Map(),
        lastCall: undefined,
      };
      this.agents.set(agentId, record);
    }
    return record;
  }
}
