import type { Socket } from 'node:net';
import {
  AGENT_STATE,
  FrameReader,
  MAX_PROTOCOL_VERSION,
  MIN_PROTOCOL_VERSION,
  PERIPHERAL_TYPE,
  SESSION_TYPE,
  STATUS,
  SERVICE,
  decode,
  encode,
  statusName,
  validate,
  type Message,
} from '../ged188/index.js';

/** What a client session needs to know about the server it is talking to. */
export interface ServerView {
  /** Whether this side currently serves sessions (only one side does, pre active/standby). */
  isActive(): boolean;
  readonly peripheralId: number;
  readonly log: (line: string) => void;
}

/** Services this simulator grants; the rest of the mask is dropped from ServicesGranted. */
const SUPPORTED_SERVICES =
  SERVICE.CLIENT_EVENTS | SERVICE.CALL_DATA_UPDATE | SERVICE.CLIENT_CONTROL | SERVICE.ALL_EVENTS |
  SERVICE.PERIPHERAL_MONITOR | SERVICE.SUPERVISOR | SERVICE.ACTIVE_STANDBY;

const NO_HEARTBEATS = 0xffffffff;
const OPEN_REQ_ID = 3;

/**
 * One client connection to one side: frames in, session rules applied, frames out.
 * A malformed frame closes this client only.
 */
export class ClientSession {
  private readonly reader = new FrameReader();
  private version: number | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private idleTimeoutMs: number | undefined;

  constructor(
    private readonly socket: Socket,
    private readonly server: ServerView,
    private readonly label: string,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.clearIdleTimer());
  }

  get isOpen(): boolean {
    return this.version !== undefined;
  }

  /** Ends the connection abruptly, as a failed CTI Server does. */
  kill(): void {
    this.clearIdleTimer();
    this.socket.resetAndDestroy();
  }

  private receive(chunk: Buffer): void {
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
    const version = this.version ?? (typeId === OPEN_REQ_ID && frame.length >= 16 ? view.getUint32(12) : 24);
    let message;
    try {
      message = decode(frame, { version: clampVersion(version) });
    } catch (error) {
      this.drop(`malformed frame: ${(error as Error).message}`);
      return;
    }
    if (message.MessageType === 'UNKNOWN') {
      const InvokeID = frame.length >= 12 ? view.getUint32(8) : 0;
      this.server.log(`${this.label}: unknown message type ${typeId}`);
      // Status 2 is E_CTI_INVALID_MESSAGE_LENGTH in v25, INVALID_MESSAGE_TYPE in older headers (§7 #2).
      this.send({ MessageType: 'FAILURE_CONF', InvokeID, Status: STATUS.E_CTI_INVALID_MESSAGE_LENGTH });
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
        this.open(message);
        return;
      case 'HEARTBEAT_REQ':
        if (!this.isOpen) return this.refuse(message.InvokeID, STATUS.E_CTI_SESSION_NOT_OPEN);
        this.send({ MessageType: 'HEARTBEAT_CONF', InvokeID: message.InvokeID });
        return;
      case 'CLOSE_REQ':
        this.send({ MessageType: 'CLOSE_CONF', InvokeID: message.InvokeID });
        this.socket.end();
        return;
      default:
        this.refuse(invokeId, this.isOpen ? STATUS.E_CTI_FUNCTION_NOT_AVAILABLE : STATUS.E_CTI_SESSION_NOT_OPEN);
    }
  }

  private open(request: Message<'OPEN_REQ'>): void {
    const { InvokeID } = request;
    if (this.isOpen) return this.refuse(InvokeID, STATUS.E_CTI_SESSION_ALREADY_OPEN);
    if (request.VersionNumber < MIN_PROTOCOL_VERSION || request.VersionNumber > MAX_PROTOCOL_VERSION) {
      return this.refuse(InvokeID, STATUS.E_CTI_INVALID_VERSION, `versions ${MIN_PROTOCOL_VERSION}-${MAX_PROTOCOL_VERSION} are supported`);
    }
    const problem = validate(request)[0];
    if (problem) return this.refuse(InvokeID, problem.status, `${problem.field}: ${problem.detail}`);
    if (request.IdleTimeout < 20 && request.IdleTimeout !== NO_HEARTBEATS) {
      return this.refuse(InvokeID, STATUS.E_CTI_INVALID_TIMEOUT, 'IdleTimeout must be at least 20 seconds');
    }
    if (!this.server.isActive()) {
      return this.refuse(InvokeID, STATUS.E_CTI_CTI_SERVER_OFFLINE, 'this side is not active');
    }
    const version = request.VersionNumber;
    this.version = version;
    this.idleTimeoutMs = request.IdleTimeout === NO_HEARTBEATS ? undefined : request.IdleTimeout * 1000;
    this.touch();
    const conf: Message<'OPEN_CONF'> = {
      MessageType: 'OPEN_CONF',
      InvokeID,
      ServicesGranted: request.ServicesRequested & SUPPORTED_SERVICES,
      MonitorID: 0,
      PGStatus: 0,
      ICMCentralControllerTime: Math.floor(Date.now() / 1000),
      PeripheralOnline: true,
      PeripheralType: PERIPHERAL_TYPE.ENTERPRISE_AGENT,
      AgentState: AGENT_STATE.UNKNOWN,
      ...(version >= 19 ? { DepartmentID: 0 } : {}),
      ...(version >= 24 ? { SessionType: SESSION_TYPE.ACTIVE } : {}),
      ...(version >= 14
        ? { NumPeripherals: 1, FltPeripheralID: [this.server.peripheralId], MultilineAgentControl: [0] }
        : {}),
    };
    this.send(conf);
    this.server.log(`${this.label}: session open (version ${version}, client ${request.ClientID ?? '?'})`);
  }

  /**
   * FAILURE_CONF as UCCE sends it: InvokeID and Status only. The explanation goes to
   * the simulator's log, since the Text field is the CCX dialect's, not UCCE's.
   */
  private refuse(InvokeID: number, Status: number, explanation?: string): void {
    this.server.log(`${this.label}: FAILURE_CONF ${statusName(Status)}${explanation ? `: ${explanation}` : ''}`);
    this.send({ MessageType: 'FAILURE_CONF', InvokeID, Status });
  }

  private send(message: Message): void {
    if (this.socket.destroyed) return;
    this.socket.write(encode(message, { version: clampVersion(this.version ?? 24) }));
  }

  private drop(reason: string): void {
    this.server.log(`${this.label}: closing connection: ${reason}`);
    this.kill();
  }

  /** The server resets a connection it hears nothing on for IdleTimeout (§2.7). */
  private touch(): void {
    this.clearIdleTimer();
    if (this.idleTimeoutMs === undefined) return;
    this.idleTimer = setTimeout(() => this.drop('idle timeout'), this.idleTimeoutMs);
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
