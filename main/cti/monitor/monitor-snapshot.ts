import { AGENT_STATE, DEVICE_ID_TYPE, LOCAL_CONNECTION_STATE, type Message } from '../../../ged188/index.js';
import { callKey, connectionStateOf, type CallBook, type CallKey, type ConnectionIdentity } from '../calls/index.js';
import type { AgentDirectory } from './agent-directory.js';
import { queryAgentStateFields, snapshotCallFields } from './event-translation.js';
import { agentObjectId, type MonitorEventBody } from './monitor-events.js';

/**
 * The monitor's start-up snapshot, run after every OPEN_CONF (the first and each
 * failover alike): QUERY_AGENT_STATE per known agent, SNAPSHOT_DEVICE per logged-in
 * phone, SNAPSHOT_CALL per call, then the calls the server no longer has are ended.
 * This is the recovery CTI OS monitor mode lacks (ctios.md §1.7, §8 item 1).
 */

export interface SnapshotContext {
  readonly peripheralId: number;
  readonly directory: AgentDirectory;
  readonly book: CallBook;
  request(message: Message): Promise<Message>;
  /** False once the connection this snapshot runs on is gone; the snapshot then stops quietly. */
  stillCurrent(): boolean;
  emit(event: MonitorEventBody): void;
  /**
   * The server has answered for this agent or call: events about it that arrived
   * before the answer are already in it, and must not be applied again over it.
   */
  snapshotted(subject: SnapshotSubject): void;
}

export type SnapshotSubject = { readonly kind: 'agent'; readonly agentId: string } | { readonly kind: 'call'; readonly key: CallKey };

export interface SnapshotSummary {
  readonly agents: number;
  readonly calls: number;
  /** Calls known before that the server no longer has (each has been ended in the book). */
  readonly ended: number;
}

/** The connection went while the snapshot ran; the next OPEN_CONF starts a new one. */
export class SnapshotAbandoned extends Error {
  override readonly name = 'SnapshotAbandoned';
}

/**
 * The voice media routing domain. QUERY_AGENT_STATE_REQ needs one (ged188.md §4);
 * UCCE's default Cisco_Voice MRD is 1, which is also what the simulator uses.
 */
const VOICE_MRD_ID = 1;
/** ICMAgentID when the agent is named by AgentID instead: the guide does not say which "none" to send. */
const NO_ICM_AGENT_ID = -1;

export async function runSnapshot(context: SnapshotContext): Promise<SnapshotSummary> {
  // CTI Server sends an all-events session its greeting (SYSTEM_EVENT, then every
  // team's AGENT_TEAM_CONFIG_EVENT) right after OPEN_CONF. A heartbeat's answer comes
  // after all of it, so once it is here the directory holds every agent the greeting named.
  await ask(context, { MessageType: 'HEARTBEAT_REQ', InvokeID: 0 });
  const agents = await queryAgents(context);
  const { identities, keys } = await snapshotDevices(context);
  // Calls known before the snapshot are checked too: a queued call is on no agent's
  // phone, and a call that ended during the outage answers SNAPSHOT_CALL with a failure.
  for (const call of context.book.all()) {
    if (keys.has(call.key)) continue;
    const connection = call.connections[0];
    identities.push({
      peripheralId: call.peripheralId,
      connectionCallId: call.connectionCallId,
      connectionDeviceId: connection?.deviceId ?? '',
      connectionDeviceIdType: connection?.deviceIdType ?? 0,
    });
  }
  const alive = await snapshotCalls(context, identities);
  const ended = context.book.endAllExcept(alive);
  return { agents, calls: alive.size, ended: ended.length };
}

async function ask(context: SnapshotContext, message: Message): Promise<Message> {
  if (!context.stillCurrent()) throw new SnapshotAbandoned('the connection went during the snapshot');
  const reply = await context.request(message);
  if (!context.stillCurrent()) throw new SnapshotAbandoned('the connection went during the snapshot');
  return reply;
}

/**
 * Queries every agent in the directory. The directory may grow while this runs
 * (AGENT_TEAM_CONFIG_EVENTs follow OPEN_CONF), so it is read again until every
 * agent has been asked. Returns how many agents answered as logged in.
 */
async function queryAgents(context: SnapshotContext): Promise<number> {
  const asked = new Set<string>();
  let loggedIn = 0;
  for (let next = nextToAsk(context.directory, asked); next !== undefined; next = nextToAsk(context.directory, asked)) {
    asked.add(next);
    const known = context.directory.get(next)?.state;
    const reply = await ask(context, {
      MessageType: 'QUERY_AGENT_STATE_REQ',
      InvokeID: 0,
      PeripheralID: context.peripheralId,
      MRDID: VOICE_MRD_ID,
      ICMAgentID: NO_ICM_AGENT_ID,
      AgentID: next,
    });
    // An agent the peripheral does not know (a stale configured id) is skipped, not fatal.
    if (reply.MessageType !== 'QUERY_AGENT_STATE_CONF') continue;
    context.snapshotted({ kind: 'agent', agentId: next });
    context.directory.update(next, reply.AgentState, reply.AgentInstrument);
    const isLoggedIn = reply.AgentState !== AGENT_STATE.LOGOUT;
    if (isLoggedIn) loggedIn++;
    // CTI OS reports logged-in agents; one that logged out while we were away is reported too.
    if (isLoggedIn || (known !== undefined && known !== AGENT_STATE.LOGOUT)) {
      context.emit({ event: 'OnQueryAgentStateConf', ...queryAgentStateFields(reply, context.peripheralId, next) });
    }
  }
  return loggedIn;
}

function nextToAsk(directory: AgentDirectory, asked: ReadonlySet<string>): string | undefined {
  return directory.ids().find((id) => !asked.has(id));
}

async function snapshotDevices(context: SnapshotContext): Promise<{ identities: ConnectionIdentity[]; keys: Set<CallKey> }> {
  const identities: ConnectionIdentity[] = [];
  const keys = new Set<CallKey>();
  for (const agent of context.directory.loggedInWithPhone()) {
    const reply = await ask(context, {
      MessageType: 'SNAPSHOT_DEVICE_REQ',
      InvokeID: 0,
      PeripheralID: context.peripheralId,
      SnapshotDeviceType: DEVICE_ID_TYPE.AGENT_DEVICE,
      AgentInstrument: agent.instrument,
    });
    if (reply.MessageType !== 'SNAPSHOT_DEVICE_CONF') continue;
    const listed = context.book.applyDevice(context.peripheralId, reply);
    for (const identity of listed.listed) {
      const key = callKey(identity.peripheralId, identity.connectionCallId);
      // A call between two monitored agents is listed by both phones; snapshot it once.
      if (!keys.has(key)) identities.push(identity);
      keys.add(key);
    }
    context.emit({
      event: 'OnSnapshotDeviceConf',
      agentId: agent.agentId,
      agentInstrument: agent.instrument,
      uniqueObjectId: agentObjectId(context.peripheralId, agent.agentId),
      peripheralId: context.peripheralId,
      numCalls: listed.listed.length,
      calls: listed.listed.map((c, i) => ({
        connectionCallId: c.connectionCallId,
        connectionDeviceId: c.connectionDeviceId,
        callState: connectionStateOf(reply.CallState?.[i] ?? LOCAL_CONNECTION_STATE.NONE) ?? 'none',
      })),
    });
  }
  return { identities, keys };
}

/** SNAPSHOT_CALL per call; returns the keys of the calls the server still has. */
async function snapshotCalls(context: SnapshotContext, identities: readonly ConnectionIdentity[]): Promise<Set<CallKey>> {
  const alive = new Set<CallKey>();
  for (const identity of identities) {
    const reply = await ask(context, {
      MessageType: 'SNAPSHOT_CALL_REQ',
      InvokeID: 0,
      PeripheralID: identity.peripheralId,
      ConnectionCallID: identity.connectionCallId,
      ConnectionDeviceIDType: identity.connectionDeviceIdType,
      ConnectionDeviceID: identity.connectionDeviceId,
    });
    const key = callKey(identity.peripheralId, identity.connectionCallId);
    // Either answer covers every event about the call sent before it: "no such call"
    // (CONTROL_FAILURE_CONF or FAILURE_CONF) means the call is over, and its held
    // events must not bring it back.
    context.snapshotted({ kind: 'call', key });
    if (reply.MessageType !== 'SNAPSHOT_CALL_CONF') continue;
    context.book.applyCall(identity, reply);
    alive.add(key);
    context.emit({ event: 'OnSnapshotCallConf', ...snapshotCallFields(reply, identity.peripheralId, identity.connectionCallId) });
  }
  return alive;
}
