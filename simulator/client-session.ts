import type { Socket } from 'node:net';
import {
  AGENT_STATE,
  CONTROL_FAILURE_CODE,
  FrameReader,
  MAX_PROTOCOL_VERSION,
  MIN_PROTOCOL_VERSION,
  NONE_UINT,
  PERIPHERAL_TYPE,
  PG_STATUS,
  SERVICE,
  SESSION_TYPE,
  STATUS,
  adaptToVersion,
  assistEventForVersion,
  decode,
  encode,
  statusName,
  validate,
  type Message,
} from '../ged188/index.js';
import type { EventDispatcher } from './event-dispatch.js';
import { monitorFor, wants, type SessionInterest } from './event-filter.js';
import { type AgentClient, type Peripheral } from './pg/peripheral.js';
import { ControlFailure } from './pg/refusals.js';
import { ASSIST_BODY_VERSION } from './pg/supervision.js';
import { handleRequest } from './request-handlers.js';
import { greetingEvents } from './session-greeting.js';
import { callStateForPromotion } from './promotion-call-state.js';
import type { AgentRuntime, PgEvent } from './pg/model.js';

/** Whether the side a session was opened on serves it, waits as standby, or is handing over. */
export type SessionRole = 'active' | 'standby' | 'draining';

/** What a client session needs from the side and server it belongs to. */
export interface ServerView {
  /** The role a new session opened now would get, or the FAILURE_CONF status refusing it. */
  roleForOpen(version: number, servicesRequested: number): SessionRole | { readonly refuse: number; readonly why: string };
  /** Whether this server takes active/standby sessions (v24 `CTI_SERVICE_ACTIVE_STANDBY`); a site may not. */
  readonly offersActiveStandby: boolean;
  /** A stalled side neither answers nor sends: a half-open link (fault `stall-side`). */
  isStalled(): boolean;
  /** How long a connection may stay without an open session before it is closed. */
  readonly openTimeoutMs: number;
  /** The newest protocol version this side takes (a server of an older UCCE release, `--max-version`). */
  readonly maxVersion: number;
  /** Counts a HEARTBEAT_REQ received: the load desktops put on CTI Server (`bench -- simulator --desktops`). */
  heartbeatReceived(): void;
  readonly peripheral: Peripheral;
  readonly events: EventDispatcher;
  readonly log: (line: string) => void;
  /** Sessions open on this side bound to `agentId`, for device-in-use checks. */
  sessionsBoundTo(agentId: string): ClientSession[];
  nextSessionId(): number;
  /** PGStatusCode bits for OPEN_CONF (§5.3); 0 when all is well. */
  pgStatus(): number;
  /** The failure code a fault injection set for the next request of this type, used up by asking. */
  takeInjectedFailure(type: string): number | undefined;
  /** ACTIVE_MAINTENANCE_RESP_MSG and STOPPING_REQUESTS_TO_THIS_SIDE_IND go to the hand-over in progress. */
  maintenanceMessage(session: ClientSession, message: Message): void;
}

/** Services this simulator grants; the rest of the mask is dropped from ServicesGranted. */
const SUPPORTED_SERVICES =
  SERVICE.CLIENT_EVENTS | SERVICE.CALL_DATA_UPDATE | SERVICE.CLIENT_CONTROL | SERVICE.ALL_EVENTS |
  SERVICE.PERIPHERAL_MONITOR | SERVICE.SUPERVISOR | SERVICE.ACTIVE_STANDBY;

const OPEN_REQ_ID = 3;

interface OpenSession {
  readonly version: number;
  readonly clientId: string;
  readonly clientSignature: string | undefined;
  readonly interest: SessionInterest;
  readonly agent: AgentRuntime | undefined;
  role: SessionRole;
  /** Stops event delivery; undefined while the session gets no events (standby, draining). */
  unsubscribe: (() => void) | undefined;
}

/** Requests a peripheral that is offline still answers from what it knows. */
const ANSWERED_WHILE_OFFLINE = /^(QUERY_|SNAPSHOT_)/;

/**
 * One client connection to one side: frames in, session rules applied, requests
 * handed to the peripheral, replies and events out. A malformed frame closes this
 * client only.
 */
export class ClientSession {
  private readonly reader = new FrameReader();
  private open: OpenSession | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private idleTimeoutMs: number | undefined;
  /** Runs until the first session opens: a connection that never opens is not held forever. */
  private openDeadline: NodeJS.Timeout | undefined;

  constructor(
    private readonly socket: Socket,
    private readonly server: ServerView,
    private readonly label: string,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.closed());
    this.openDeadline = setTimeout(() => {
      this.openDeadline = undefined;
      // A stalled side times nobody out; restoring it drops its connections anyway.
      if (!this.open && !this.server.isStalled()) this.drop(`no OPEN_REQ within ${server.openTimeoutMs / 1000} s`);
    }, server.openTimeoutMs);
    this.openDeadline.unref();
  }

  get isOpen(): boolean {
    return this.open !== undefined;
  }

  get agentId(): string | undefined {
    return this.open?.agent?.config.id;
  }

  get clientId(): string | undefined {
    return this.open?.clientId;
  }

  /** The CTI client this session is, as AGENT_STATE_EVENT names it (undefined until open). */
  get client(): AgentClient | undefined {
    const open = this.open;
    return open && { sessionId: open.interest.sessionId, signature: open.clientSignature };
  }

  get role(): SessionRole | undefined {
    return this.open?.role;
  }

  get version(): number | undefined {
    return this.open?.version;
  }

  get interest(): SessionInterest {
    if (!this.open) throw new Error('the session is not open');
    return this.open.interest;
  }

  /** Whether the client opened for the v24 active/standby protocol (§2.11). */
  get speaksActiveStandby(): boolean {
    return this.open !== undefined && this.open.version >= 24 && (this.open.interest.servicesGranted & SERVICE.ACTIVE_STANDBY) !== 0;
  }

  /**
   * The standby side became active: a standby session hears STANDBY_ACTIVE_EVENT_MSG
   * and from then on gets events and may make requests (§2.11).
   */
  promote(): void {
    const open = this.open;
    if (!open || open.role !== 'standby') return;
    open.role = 'active';
    this.send({ MessageType: 'STANDBY_ACTIVE_EVENT_MSG' });
    open.unsubscribe = this.server.events.add(this);
    for (const event of greetingEvents(this.server.peripheral, open.interest, this.server.pgStatus())) this.send(event);
    // Call state for the calls in progress, as a real peer re-sends it (§2.11 rule 3).
    for (const event of callStateForPromotion(this.server.peripheral)) this.deliver(event);
    this.server.log(`${this.label}: session ${open.interest.sessionId} is active`);
  }

  /** The side is handing over for maintenance: no more events, only the hand-over messages. */
  drain(): void {
    const open = this.open;
    if (!open) return;
    open.role = 'draining';
    open.unsubscribe?.();
    open.unsubscribe = undefined;
  }

  /** Sends a message outside any request (fault injection, maintenance, SYSTEM_EVENT). */
  notify(message: Message): void {
    this.send(message);
  }

  /** Writes bytes as they are, framing or not (fault `garbage`). */
  sendRaw(bytes: Uint8Array): void {
    if (!this.socket.destroyed) this.socket.write(bytes);
  }

  /** Ends the connection in order (FIN), as the old side does after STOPPING_REQUESTS_TO_THIS_SIDE_IND. */
  end(): void {
    this.closed();
    this.socket.end();
  }

  /** Ends the connection abruptly, as a failed CTI Server does. */
  kill(): void {
    this.closed();
    // A socket already ended (FIN sent) is destroyed plainly: resetting it leaves its
    // handle open on Node 20, which keeps the process alive after stop().
    if (this.socket.writableEnded) this.socket.destroy();
    else this.socket.resetAndDestroy();
  }

  /** Ends the session with an unsolicited FAILURE_EVENT, then closes the connection. */
  fail(status: number): void {
    this.send({ MessageType: 'FAILURE_EVENT', Status: status });
    this.closed();
    this.socket.end();
  }

  private closed(): void {
    this.clearIdleTimer();
    clearTimeout(this.openDeadline);
    this.openDeadline = undefined;
    const open = this.open;
    this.open = undefined;
    open?.unsubscribe?.();
    // Monitors the session started end with it.
    if (open) this.server.peripheral.supervision.forgetSession(open.interest.sessionId);
    if (open) this.server.peripheral.deviceMonitors.forget(open.interest.sessionId);
  }

  private receive(chunk: Buffer): void {
    // A stalled side hears nothing: no reply, and no idle timer to notice the silence.
    if (this.server.isStalled()) return this.clearIdleTimer();
    this.touch();
    let frames: Uint8Array[];
    try {
      frames = this.reader.push(chunk);
    } catch (error) {
      this.drop(`framing error: ${(error as Error).message}`);
      return;
    }
    for (const frame of frames) {
      if (this.socket.destroyed) return;
      this.handleFrame(frame);
    }
  }

  private handleFrame(frame: Uint8Array): void {
    const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
    const typeId = view.getUint32(4);
    // Before the session is open only OPEN_REQ can say which version (and so which
    // TLV header size) to read with; VersionNumber is its second fixed field.
    const version = this.open?.version ?? (typeId === OPEN_REQ_ID && frame.length >= 16 ? view.getUint32(12) : 24);
    let message;
    try {
      message = decode(frame, { version: clampVersion(version) });
    } catch (error) {
      this.drop(`malformed frame: ${(error as Error).message}`);
      return;
    }
    if (message.MessageType === 'UNKNOWN') {
      const invokeId = frame.length >= 12 ? view.getUint32(8) : 0;
      // Status 2 is E_CTI_INVALID_MESSAGE_LENGTH in v25, INVALID_MESSAGE_TYPE in older headers (§7 #2).
      this.refuse(invokeId, STATUS.E_CTI_INVALID_MESSAGE_LENGTH, `unknown message type ${typeId}`);
      return;
    }
    this.handleMessage(message);
  }

  private handleMessage(message: Message): void {
    const invokeId = 'InvokeID' in message ? message.InvokeID : 0;
    // What decoding let through is checked before acting, as CTI Server does (counters,
    // reserved fields, required data); the version check of OPEN_REQ comes first.
    if (message.MessageType !== 'OPEN_REQ') {
      const problem = validate(message)[0];
      if (problem) return this.refuse(invokeId, problem.status, `${problem.field}: ${problem.detail}`);
    }
    switch (message.MessageType) {
      case 'OPEN_REQ':
        return this.openSession(message);
      case 'HEARTBEAT_REQ':
        this.server.heartbeatReceived();
        if (!this.open) return this.refuse(message.InvokeID, STATUS.E_CTI_SESSION_NOT_OPEN);
        return this.send({ MessageType: 'HEARTBEAT_CONF', InvokeID: message.InvokeID });
      case 'CLOSE_REQ':
        this.send({ MessageType: 'CLOSE_CONF', InvokeID: message.InvokeID });
        this.closed();
        this.socket.end();
        return;
      case 'ACTIVE_MAINTENANCE_RESP_MSG':
      case 'STOPPING_REQUESTS_TO_THIS_SIDE_IND':
        if (!this.open) return this.refuse(invokeId, STATUS.E_CTI_SESSION_NOT_OPEN);
        return this.server.maintenanceMessage(this, message);
      default:
        // On a standby (or handing-over) side only OPEN, HEARTBEAT and CLOSE are served (§2.11).
        if (this.open && this.open.role !== 'active') {
          return this.refuse(invokeId, STATUS.E_CTI_FUNCTION_NOT_AVAILABLE, `${message.MessageType} on a ${this.open.role} session`);
        }
        return this.request(message, invokeId);
    }
  }

  private request(message: Message, invokeId: number): void {
    const open = this.open;
    if (!open) return this.refuse(invokeId, STATUS.E_CTI_SESSION_NOT_OPEN);
    const peripheral = this.server.peripheral;
    const injected = this.server.takeInjectedFailure(message.MessageType);
    if (injected !== undefined) {
      this.server.log(`${this.label}: ${message.MessageType} failed by fault injection`);
      return this.send({ MessageType: 'CONTROL_FAILURE_CONF', InvokeID: invokeId, FailureCode: injected, PeripheralErrorCode: 0 });
    }
    if (!this.peripheralOnline() && !ANSWERED_WHILE_OFFLINE.test(message.MessageType)) {
      return this.send({
        MessageType: 'CONTROL_FAILURE_CONF',
        InvokeID: invokeId,
        FailureCode: CONTROL_FAILURE_CODE.RESOURCE_OUT_OF_SERVICE,
        PeripheralErrorCode: 0,
      });
    }
    try {
      const outcome = handleRequest(message, {
        peripheral,
        requester: { sessionId: open.interest.sessionId, agentId: open.agent?.config.id },
        servicesGranted: open.interest.servicesGranted,
        version: open.version,
      });
      if (outcome.kind === 'status') return this.refuse(invokeId, outcome.status, outcome.detail);
      this.send(outcome.reply);
    } catch (error) {
      if (!(error instanceof ControlFailure)) throw error;
      this.server.log(`${this.label}: ${message.MessageType} failed: ${error.message}`);
      this.send({ MessageType: 'CONTROL_FAILURE_CONF', InvokeID: invokeId, FailureCode: error.code, PeripheralErrorCode: 0 });
    }
    // Events go out after the reply to the request that caused them (§4.1).
    peripheral.flush();
  }

  private openSession(request: Message<'OPEN_REQ'>): void {
    const { InvokeID } = request;
    if (this.open) return this.refuse(InvokeID, STATUS.E_CTI_SESSION_ALREADY_OPEN);
    // A newer version than the server's is refused before anything else is read, and the
    // connection stays: the guide has the client reset it and open again (Session Initialization).
    if (request.VersionNumber < MIN_PROTOCOL_VERSION || request.VersionNumber > this.server.maxVersion) {
      return this.refuse(InvokeID, STATUS.E_CTI_INVALID_VERSION, `versions ${MIN_PROTOCOL_VERSION}-${this.server.maxVersion} are supported`);
    }
    const problem = validate(request)[0];
    if (problem) return this.refuse(InvokeID, problem.status, `${problem.field}: ${problem.detail}`);
    // IdleTimeout NONE_UINT: the client sends no heartbeats, and is not timed out (§2.7).
    if (request.IdleTimeout < 20 && request.IdleTimeout !== NONE_UINT) {
      return this.refuse(InvokeID, STATUS.E_CTI_INVALID_TIMEOUT, 'IdleTimeout must be at least 20 seconds');
    }
    const role = this.server.roleForOpen(request.VersionNumber, request.ServicesRequested);
    if (typeof role === 'object') return this.refuse(InvokeID, role.refuse, role.why);

    const peripheral = this.server.peripheral;
    const maskProblem = invalidMasks(request);
    if (maskProblem) return this.refuse(InvokeID, maskProblem.status, maskProblem.detail);
    const granted = request.ServicesRequested & SUPPORTED_SERVICES & (this.server.offersActiveStandby ? ~0 : ~SERVICE.ACTIVE_STANDBY);
    let agent: AgentRuntime | undefined;
    if (granted & SERVICE.CLIENT_EVENTS) {
      if (request.PeripheralID !== peripheral.peripheralId) {
        return this.refuse(InvokeID, STATUS.E_CTI_INVALID_PERIPHERAL_ID, `the peripheral is ${peripheral.peripheralId}`);
      }
      // Each identity the client gave must name the same known agent (§2.3).
      const given: (AgentRuntime | undefined)[] = [];
      if (request.AgentID) given.push(peripheral.agentByDevice({ agentId: request.AgentID }));
      if (request.AgentInstrument) given.push(peripheral.agentByDevice({ instrument: request.AgentInstrument }));
      if (request.AgentExtension) given.push(peripheral.agentByDevice({ extension: request.AgentExtension }));
      if (given.length === 0) return this.refuse(InvokeID, STATUS.E_CTI_REQUIRED_DATA_MISSING, 'CLIENT_EVENTS needs an agent id, instrument or extension');
      if (given.includes(undefined)) return this.refuse(InvokeID, STATUS.E_CTI_INVALID_AGENT_DATA, 'no such agent, instrument or extension');
      if (new Set(given).size > 1) return this.refuse(InvokeID, STATUS.E_CTI_INCONSISTENT_AGENT_DATA, 'agent id, instrument and extension name different agents');
      agent = given[0]!;
      for (const other of this.server.sessionsBoundTo(agent.config.id)) {
        if (other.clientId !== (request.ClientID ?? '')) {
          return this.refuse(InvokeID, STATUS.E_CTI_DEVICE_IN_USE, `${agent.config.instrument} is in use by another client`);
        }
        // The same client opening again for the same device replaces its old session (§2.3).
        other.fail(STATUS.E_CTI_NEW_SESSION_OPENED);
      }
    }

    const version = request.VersionNumber;
    const sessionId = this.server.nextSessionId();
    const interest: SessionInterest = {
      sessionId,
      servicesGranted: granted,
      callMsgMask: request.CallMsgMask,
      agentStateMask: request.AgentStateMask,
      agentId: agent?.config.id,
      teamMembers: agent && granted & SERVICE.SUPERVISOR ? peripheral.teamMembersOf(agent.config.id) : new Set(),
      monitoredTeamMembers: () => peripheral.supervision.teamMonitorMembers(sessionId),
      deviceMonitors: () => peripheral.deviceMonitors.of(sessionId),
    };
    this.open = { version, clientId: request.ClientID ?? '', clientSignature: request.ClientSignature || undefined, interest, agent, role, unsubscribe: undefined };
    clearTimeout(this.openDeadline);
    this.openDeadline = undefined;
    this.idleTimeoutMs = request.IdleTimeout === NONE_UINT ? undefined : request.IdleTimeout * 1000;
    this.touch();
    const loggedIn = agent !== undefined && agent.state !== AGENT_STATE.LOGOUT;
    this.send({
      MessageType: 'OPEN_CONF',
      InvokeID,
      ServicesGranted: granted,
      MonitorID: 0,
      PGStatus: this.server.pgStatus(),
      ICMCentralControllerTime: Math.floor(this.server.peripheral.clock() / 1000),
      PeripheralOnline: this.peripheralOnline(),
      PeripheralType: PERIPHERAL_TYPE.ENTERPRISE_AGENT,
      AgentState: agent ? agent.state : AGENT_STATE.UNKNOWN,
      DepartmentID: 0,
      SessionType: role === 'active' ? SESSION_TYPE.ACTIVE : SESSION_TYPE.STANDBY,
      ...(loggedIn && agent
        ? { AgentExtension: agent.config.extension ?? agent.config.instrument, AgentID: agent.config.id, AgentInstrument: agent.config.instrument }
        : {}),
      // "0 if PeripheralID was given in OPEN_REQ" (§2.3); otherwise the one peripheral.
      ...(request.PeripheralID !== NONE_UINT
        ? { NumPeripherals: 0 }
        : { NumPeripherals: 1, FltPeripheralID: [peripheral.peripheralId], MultilineAgentControl: [0] }),
    });
    // A standby session gets no events until its side becomes active (§2.11).
    if (role === 'active') {
      this.open.unsubscribe = this.server.events.add(this);
      for (const event of greetingEvents(peripheral, interest, this.server.pgStatus())) this.send(event);
    }
    this.server.log(
      `${this.label}: ${role} session ${sessionId} open (version ${version}, client ${request.ClientID ?? '?'}${agent ? `, agent ${agent.config.id}` : ''})`,
    );
  }

  /** An event from the peripheral, sent when this session's services and masks ask for it. */
  deliver(event: PgEvent): void {
    const open = this.open;
    if (open?.role !== 'active' || !wants(open.interest, event)) return;
    // An event that comes through a device monitor carries that monitor's id.
    const monitorId = monitorFor(open.interest, event);
    this.send(monitorId === undefined ? event.message : ({ ...event.message, MonitorID: monitorId } as Message));
  }

  private peripheralOnline(): boolean {
    return (this.server.pgStatus() & PG_STATUS.PERIPHERAL_OFFLINE) === 0;
  }

  /**
   * FAILURE_CONF as UCCE sends it: InvokeID and Status only. The explanation goes to
   * the simulator's log, since the Text field is the CCX dialect's, not UCCE's.
   */
  private refuse(invokeId: number, status: number, explanation?: string): void {
    this.server.log(`${this.label}: FAILURE_CONF ${statusName(status)}${explanation ? `: ${explanation}` : ''}`);
    this.send({ MessageType: 'FAILURE_CONF', InvokeID: invokeId, Status: status });
  }

  private send(message: Message): void {
    if (this.socket.destroyed || this.server.isStalled()) return;
    const version = clampVersion(this.open?.version ?? 24);
    const forSession = message.MessageType === 'SUPERVISOR_ASSIST_EVENT' ? assistEventForVersion(message, ASSIST_BODY_VERSION, version) : message;
    this.socket.write(encode(adaptToVersion(forSession, version), { version }));
  }

  private drop(reason: string): void {
    this.server.log(`${this.label}: closing connection: ${reason}`);
    this.kill();
  }

  /** The server resets a connection it hears nothing on for IdleTimeout (§2.7). */
  private touch(): void {
    this.clearIdleTimer();
    if (this.idleTimeoutMs === undefined) return;
    // A stalled side does not notice the silence either: the link just hangs.
    this.idleTimer = setTimeout(() => {
      if (this.server.isStalled()) return;
      // The server says why before it resets the connection (§2.7: E_CTI_TIMEOUT).
      this.send({ MessageType: 'FAILURE_EVENT', Status: STATUS.E_CTI_TIMEOUT });
      this.drop('idle timeout');
    }, this.idleTimeoutMs);
    this.idleTimer.unref();
  }

  private clearIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }
}

function clampVersion(version: number): number {
  return Math.min(MAX_PROTOCOL_VERSION, Math.max(MIN_PROTOCOL_VERSION, version));
}

const KNOWN_SERVICES = Object.values(SERVICE).reduce((all, bit) => all | bit, 0) >>> 0;
const KNOWN_AGENT_STATES = 0x3fff;

/** CallMsgMask bits a version knows: the greeting bit came with v15, recording bits with v23 (§2.5). */
function knownCallMessages(version: number): number {
  if (version >= 23) return 0xffffffff;
  return version >= 15 ? 0x0fffffff : 0x07ffffff;
}

/**
 * Unused bits in OPEN_REQ's masks are refused, not ignored (§2.2): a client asking
 * for something the server does not know would otherwise think it had it.
 */
function invalidMasks(request: Message<'OPEN_REQ'>): { status: number; detail: string } | undefined {
  const unknownServices = (request.ServicesRequested & ~KNOWN_SERVICES) >>> 0;
  if (unknownServices) return { status: STATUS.E_CTI_INVALID_SERVICE_MASK, detail: `unknown service bits 0x${unknownServices.toString(16)}` };
  const unknownCalls = (request.CallMsgMask & ~knownCallMessages(request.VersionNumber)) >>> 0;
  if (unknownCalls) return { status: STATUS.E_CTI_INVALID_CALL_MSG_MASK, detail: `CallMsgMask bits 0x${unknownCalls.toString(16)} are unknown to version ${request.VersionNumber}` };
  const unknownStates = (request.AgentStateMask & ~KNOWN_AGENT_STATES) >>> 0;
  if (unknownStates) return { status: STATUS.E_CTI_INVALID_AGENT_STATE_MASK, detail: `unknown agent state bits 0x${unknownStates.toString(16)}` };
  return undefined;
}
