import {
  CONNECTION_DEVICE_ID_TYPE,
  CONTROL_FAILURE_CODE,
  EVENT_CAUSE,
  LOCAL_CONNECTION_STATE as LCS,
  NONE_UINT,
  PERIPHERAL_TYPE,
  type Message,
} from '../../ged188/index.js';
import { callFields, lineType, skillGroupFields, connectedParties } from './call-fields.js';
import { agentsOn, isOutside, partyOf, type AgentRuntime, type Call, type Completion, type Party } from './model.js';
import type { Peripheral } from './peripheral.js';
import { ControlFailure } from './refusals.js';
import type { Destination } from './destination.js';

/** NumParties and NumCallDevices are at most 16 (§4). */
const MAX_PARTIES = 16;

/** A held call, its consultation call, and the consulting agent's connection on each. */
interface ConsultationPair {
  readonly primary: Call;
  readonly consult: Call;
  readonly held: Party;
  readonly active: Party;
}

/**
 * TRANSFER_CALL_REQ and CONFERENCE_CALL_REQ, consultative (a held call and its
 * consultation call merge) and single-step (a number joins the active call).
 */
export class Transfers {
  constructor(private readonly peripheral: Peripheral) {}

  /**
   * TRANSFER_CALL_REQ: the consulted parties join the held call and the transferring agent
   * leaves both. With HeldConnectionCallID 0xFFFFFFFF it is a single-step (blind) transfer
   * of the active call to DialedNumber. Returns the call that carries on.
   */
  transfer(agent: AgentRuntime, request: Message<'TRANSFER_CALL_REQ'>): Completion {
    // No held call (NONE_UINT) is the single-step form.
    if (request.HeldConnectionCallID === NONE_UINT) {
      return this.singleStepTransfer(agent, request.ActiveConnectionCallID, request.DialedNumber ?? request.HeldConnectionDeviceID);
    }
    const pair = this.consultationPair(agent, request.HeldConnectionCallID, request.ActiveConnectionCallID);
    const { primary, consult, held, active } = pair;
    const audience = [...new Set([...agentsOn(primary), ...agentsOn(consult)])];
    primary.parties.splice(primary.parties.indexOf(held), 1);
    const moved = this.mergeConsultation(pair);
    const transferredTo = moved[0] ?? active;
    this.peripheral.emit('CALL_TRANSFERRED_EVENT', {
      ...this.mergeFields(primary, consult, held.device),
      TransferringDeviceType: held.deviceType,
      TransferredDeviceType: transferredTo.deviceType,
      LocalConnectionState: LCS.CONNECT,
      EventCause: EVENT_CAUSE.TRANSFER,
      TransferringDeviceID: held.device,
      TransferredDeviceID: transferredTo.device,
    }, audience);
    this.finishMerge(primary, consult, moved, audience);
    this.peripheral.emit('END_CALL_EVENT', callFields(this.peripheral.site, primary, held), [agent.config.id]);
    this.peripheral.leaveCall(agent.config.id, consult, active.state);
    this.peripheral.leaveCall(agent.config.id, primary, held.state);
    this.peripheral.endIfAlone(primary, held.device);
    return { call: primary, device: transferredTo.device };
  }

  /**
   * CONFERENCE_CALL_REQ: the consulted parties join the held call and the conferencing agent
   * is back on it. With HeldConnectionCallID 0xFFFFFFFF it is a single-step conference:
   * DialedNumber is added to the active call.
   */
  conference(agent: AgentRuntime, request: Message<'CONFERENCE_CALL_REQ'>): Completion {
    if (request.HeldConnectionCallID === NONE_UINT) {
      return this.singleStepConference(agent, request.ActiveConnectionCallID, request.DialedNumber ?? request.HeldConnectionDeviceID);
    }
    const pair = this.consultationPair(agent, request.HeldConnectionCallID, request.ActiveConnectionCallID);
    const { primary, consult, held } = pair;
    if (primary.parties.length + consult.parties.length - 1 > MAX_PARTIES) {
      throw new ControlFailure(CONTROL_FAILURE_CODE.CONFERENCE_MEMBER_LIMIT_EXCEEDED, `a conference has at most ${MAX_PARTIES} parties`);
    }
    const audience = [...new Set([...agentsOn(primary), ...agentsOn(consult)])];
    held.state = LCS.CONNECT;
    const moved = this.mergeConsultation(pair);
    const added = moved[0] ?? held;
    this.peripheral.emit('CALL_CONFERENCED_EVENT', {
      ...this.mergeFields(primary, consult, held.device),
      ControllerDeviceType: held.deviceType,
      AddedPartyDeviceType: added.deviceType,
      LocalConnectionState: LCS.CONNECT,
      EventCause: EVENT_CAUSE.NONE,
      ControllerDeviceID: held.device,
      AddedPartyDeviceID: added.device,
    }, audience);
    this.finishMerge(primary, consult, moved, audience);
    agent.calls.delete(consult.id);
    this.peripheral.agentStates.syncPhoneState(agent);
    return { call: primary, device: held.device };
  }

  /** The held call and its consultation call, as a transfer or conference names them. */
  private consultationPair(agent: AgentRuntime, heldCallId: number, activeCallId: number): ConsultationPair {
    const primary = this.peripheral.calls.get(heldCallId);
    const held = primary && partyOf(primary, agent.config.id);
    if (!primary || !held) throw new ControlFailure(CONTROL_FAILURE_CODE.NO_CALL_TO_COMPLETE, `agent ${agent.config.id} has no call ${heldCallId} to complete`);
    if (held.state !== LCS.HOLD) throw new ControlFailure(CONTROL_FAILURE_CODE.NO_HELD_CALL, `call ${heldCallId} is not held`);
    const { call: consult, party: active } = this.peripheral.connected(agent, activeCallId, LCS.CONNECT, CONTROL_FAILURE_CODE.NO_ACTIVE_CALL);
    if (consult.consultOf !== primary.id) {
      throw new ControlFailure(CONTROL_FAILURE_CODE.ARBITRARY_CONF_OR_XFER_NOT_SUPPORTED, `call ${activeCallId} is not a consultation of call ${heldCallId}`);
    }
    return { primary, consult, held, active };
  }

  /**
   * Moves everyone but the consulting agent from the consultation call onto the held call.
   * Their connections take the held call's id (ConnectionCallID) and keep their devices.
   */
  private mergeConsultation({ primary, consult, active }: ConsultationPair): Party[] {
    const moved = consult.parties.filter((p) => p !== active);
    consult.parties.length = 0;
    primary.parties.push(...moved);
    for (const party of moved) {
      const agent = party.agentId === undefined ? undefined : this.peripheral.agents.get(party.agentId);
      agent?.calls.delete(consult.id);
      agent?.calls.add(primary.id);
    }
    return moved;
  }

  /** Fields CALL_TRANSFERRED_EVENT and CALL_CONFERENCED_EVENT share: the two calls and the parties now on the first. */
  private mergeFields(primary: Call, secondary: Call | undefined, device: string) {
    return {
      MonitorID: 0,
      PeripheralID: this.peripheral.peripheralId,
      PeripheralType: PERIPHERAL_TYPE.ENTERPRISE_AGENT,
      PrimaryDeviceIDType: CONNECTION_DEVICE_ID_TYPE.STATIC,
      PrimaryCallID: primary.id,
      PrimaryDeviceID: device,
      LineHandle: 0,
      LineType: lineType(primary),
      ...skillGroupFields(this.peripheral.site, primary),
      SecondaryDeviceIDType: secondary ? CONNECTION_DEVICE_ID_TYPE.STATIC : CONNECTION_DEVICE_ID_TYPE.NONE,
      SecondaryCallID: secondary?.id ?? NONE_UINT,
      ...(secondary ? { SecondaryDeviceID: device } : {}),
      ...connectedParties(primary),
    };
  }

  /** After a merge: the moved agents are now associated with the held call, and the consultation call is gone. */
  private finishMerge(primary: Call, consult: Call, moved: readonly Party[], audience: readonly string[]): void {
    for (const party of moved) this.peripheral.beginCall(primary, party);
    this.peripheral.retire(consult, audience);
  }

  private singleStepTransfer(agent: AgentRuntime, callId: number, dialed: string | undefined): Completion {
    const { call, party } = this.peripheral.connected(agent, callId, LCS.CONNECT, CONTROL_FAILURE_CODE.NO_ACTIVE_CALL);
    const destination = this.reachable(this.peripheral.dialling.destination(dialed, agent));
    const audience = agentsOn(call);
    call.parties.splice(call.parties.indexOf(party), 1);
    const target = this.addFarEnd(call, destination);
    this.peripheral.emit('CALL_TRANSFERRED_EVENT', {
      ...this.mergeFields(call, undefined, party.device),
      TransferringDeviceType: party.deviceType,
      TransferredDeviceType: target.deviceType,
      LocalConnectionState: LCS.CONNECT,
      EventCause: EVENT_CAUSE.TRANSFER,
      TransferringDeviceID: party.device,
      TransferredDeviceID: target.device,
    }, audience);
    this.peripheral.emit('END_CALL_EVENT', callFields(this.peripheral.site, call, party), [agent.config.id]);
    this.peripheral.leaveCall(agent.config.id, call, party.state);
    this.alertFarEnd(call, target);
    return { call, device: target.device };
  }

  private singleStepConference(agent: AgentRuntime, callId: number, dialed: string | undefined): Completion {
    const { call, party } = this.peripheral.connected(agent, callId, LCS.CONNECT, CONTROL_FAILURE_CODE.NO_ACTIVE_CALL);
    if (call.parties.length >= MAX_PARTIES) throw new ControlFailure(CONTROL_FAILURE_CODE.CONFERENCE_MEMBER_LIMIT_EXCEEDED, `a conference has at most ${MAX_PARTIES} parties`);
    const destination = this.reachable(this.peripheral.dialling.destination(dialed, agent));
    const audience = agentsOn(call);
    const target = this.addFarEnd(call, destination);
    this.peripheral.emit('CALL_CONFERENCED_EVENT', {
      ...this.mergeFields(call, undefined, party.device),
      ControllerDeviceType: party.deviceType,
      AddedPartyDeviceType: target.deviceType,
      LocalConnectionState: LCS.CONNECT,
      EventCause: EVENT_CAUSE.NONE,
      ControllerDeviceID: party.device,
      AddedPartyDeviceID: target.device,
    }, audience);
    this.alertFarEnd(call, target);
    return { call, device: party.device };
  }

  /** Single-step requests fail outright (the call stays as it was) when the number cannot be reached. */
  private reachable(destination: Destination): Exclude<Destination, { kind: 'unobtainable' }> {
    if (destination.kind !== 'unobtainable') return destination;
    const code = destination.cause === EVENT_CAUSE.BUSY ? CONTROL_FAILURE_CODE.RESOURCE_BUSY : CONTROL_FAILURE_CODE.INVALID_CALLED_DEVICE;
    throw new ControlFailure(code, `${destination.number} cannot be reached`);
  }

  /** The party a single-step request adds, ringing; announced by `alertFarEnd` once the request's own event is out. */
  private addFarEnd(call: Call, destination: Exclude<Destination, { kind: 'unobtainable' }>): Party {
    return destination.kind === 'agent' ? this.peripheral.addRingingParty(call, destination.agent) : this.peripheral.dialling.addOutsideParty(call, destination.number);
  }

  private alertFarEnd(call: Call, target: Party): void {
    if (isOutside(target)) this.peripheral.dialling.announceNetwork(call, target);
    else this.peripheral.announceRinging(call, target);
  }
}
