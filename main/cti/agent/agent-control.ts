import type { Message } from '../../../ged188/index.js';
import type { AgentIdentity, CallKey } from '../../../contract/index.js';
import { callKey, type CallBook, type ConnectionIdentity } from '../calls/index.js';
import { RequestFailed } from '../cti-session.js';
import * as requests from './agent-requests.js';
import { CommandError, confirmationOf, unavailable } from './command-error.js';
import { refusedForUnknownCall } from './model-agreement.js';
import { heldOnPhone, otherCallOnPhone, ownConnection } from './phone-calls.js';
import type { WrapupCalls } from './wrapup-calls.js';

/** What agent and call control needs of the CTI session (CtiSession fits). */
export interface AgentControlPort {
  request(message: Message): Promise<Message>;
}

export interface AgentControlHost {
  /** The agent a command acts for; throws a CommandError saying why no command can run now. */
  agentFor(what: string): AgentIdentity;
  /** The model and the server may disagree (unanswered, or refused for a call the server does not have). */
  suspect(): void;
}

/**
 * Agent and call control (CTI OS Agent and Call methods, ctios.md §2, §3): each
 * command becomes the request for this phone's connection on the call it names, and
 * resolves on the server's confirmation or fails with its refusal in words.
 */
export class AgentControl {
  constructor(
    private readonly port: AgentControlPort,
    private readonly book: CallBook,
    private readonly wrapup: WrapupCalls,
    private readonly host: AgentControlHost,
  ) {}

  async requestState(what: string, state: number, options: Omit<requests.StateChange, 'state'> = {}): Promise<void> {
    const agent = this.host.agentFor(what);
    await this.send(what, requests.setAgentState(agent, { state, ...options }));
  }

  async makeCall(dialedNumber: string): Promise<{ callId: CallKey }> {
    const agent = this.host.agentFor('make call');
    const conf = await this.send('make call', requests.makeCall(agent, dialedNumber));
    if (conf.MessageType !== 'MAKE_CALL_CONF') throw new CommandError('failed', 'make call: unexpected answer');
    return { callId: callKey(agent.peripheralId, conf.NewConnectionCallID) };
  }

  async callAction(action: requests.SingleCallAction, key: CallKey): Promise<void> {
    const call = this.connectionOn(key, action);
    await this.send(action, requests.singleCallRequest(action, call, call.connectionDeviceId));
  }

  /** Alternate / Reconnect on either call: the request names the active one and the held one. */
  async twoCallAction(action: 'alternate' | 'reconnect', key: CallKey): Promise<void> {
    const [held, active] = this.heldAndActive(key, action);
    await this.send(action, requests.twoCallRequest(action, active, held, active.connectionDeviceId));
  }

  async consult(key: CallKey, dialedNumber: string, kind: 'transfer' | 'conference'): Promise<{ callId: CallKey }> {
    const call = this.connectionOn(key, `consult ${kind}`);
    const conf = await this.send(`consult ${kind}`, requests.consult(call, dialedNumber, kind, call.connectionDeviceId));
    if (conf.MessageType !== 'CONSULTATION_CALL_CONF') throw new CommandError('failed', 'consult: unexpected answer');
    return { callId: callKey(call.peripheralId, conf.NewConnectionCallID) };
  }

  async complete(key: CallKey, kind: 'transfer' | 'conference'): Promise<void> {
    const [held, active] = this.heldAndActive(key, `complete ${kind}`);
    await this.send(`complete ${kind}`, requests.complete(kind, active, held, active.connectionDeviceId));
  }

  async singleStep(key: CallKey, dialedNumber: string, kind: 'transfer' | 'conference'): Promise<void> {
    const call = this.connectionOn(key, `single-step ${kind}`);
    await this.send(`single-step ${kind}`, requests.complete(kind, call, undefined, call.connectionDeviceId, dialedNumber));
  }

  async sendDtmf(key: CallKey, digits: string): Promise<void> {
    const call = this.connectionOn(key, 'send DTMF');
    await this.send('send DTMF', requests.sendDtmf(call, digits, call.connectionDeviceId));
  }

  /** This phone's connection on a known call (live, or ended and kept for wrap-up); an unknown call is refused here. */
  private connectionOn(key: CallKey, what: string): ConnectionIdentity {
    const agent = this.host.agentFor(what);
    const call = this.book.get(key) ?? this.wrapup.get(key);
    if (!call) throw new CommandError('failed', `${what}: there is no call ${key} on this phone`);
    return ownConnection(call, agent.instrument);
  }

  /** The call `key` and the phone's other call, the held one first. */
  private heldAndActive(key: CallKey, what: string): [ConnectionIdentity, ConnectionIdentity] {
    const call = this.connectionOn(key, what);
    const instrument = call.connectionDeviceId;
    const other = otherCallOnPhone(this.book.all(), key, instrument);
    if (!other) throw new CommandError('failed', `${what}: there is no second call on this phone`);
    const second = this.connectionOn(other.key, what);
    return heldOnPhone(this.book.get(key), instrument) ? [call, second] : [second, call];
  }

  private async send(what: string, message: Message): Promise<Message> {
    try {
      const reply = await this.port.request(message);
      // A refusal that says the server does not have the call as the desktop knew it: re-read the calls.
      if (refusedForUnknownCall(reply)) this.host.suspect();
      return confirmationOf(what, reply);
    } catch (error) {
      if (error instanceof RequestFailed && error.reason === 'timeout') this.host.suspect();
      throw unavailable(what, error);
    }
  }
}
