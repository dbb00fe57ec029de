import {
  AGENT_STATE,
  CALL_TYPE,
  CONSULT_TYPE,
  CONTROL_FAILURE_CODE,
  DEVICE_ID_TYPE,
  EVENT_CAUSE,
  LOCAL_CONNECTION_STATE as LCS,
  type Message,
} from '../../ged188/index.js';
import { callFields, lineType, skillGroupFields } from './call-fields.js';
import { agentsOn, partyOf, type AgentRuntime, type Call, type Party } from './model.js';
import type { Peripheral } from './peripheral.js';
import { ControlFailure } from './refusals.js';
import type { Destination } from './destination.js';

const DIALABLE = /^\+?[0-9*#]+$/;
const CONSULT_TYPES = new Set<number>(Object.values(CONSULT_TYPE));

/** Calls an agent places (MAKE_CALL, CONSULTATION_CALL): where a number leads, and the far end. */
export class Dialling {
  /** Dialled numbers up to this long are internal extensions (the site's longest instrument). */
  private readonly internalNumberLength: number;

  constructor(private readonly peripheral: Peripheral) {
    const site = peripheral.site;
    this.internalNumberLength = Math.max(0, ...site.agents.flatMap((a) => [a.instrument.length, a.extension?.length ?? 0]));
  }

  /** MAKE_CALL_REQ: the agent dials another agent's phone or an outside number (§4.1 Outbound). */
  makeCall(agent: AgentRuntime, request: Message<'MAKE_CALL_REQ'>): Call {
    this.requireLoggedIn(agent);
    if (this.busyPhone(agent)) throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_OBJECT_STATE, `${agent.config.instrument} already has a call that is not held`);
    const destination = this.destination(request.DialedNumber, agent);
    const group = this.peripheral.site.skillGroups.find((g) => g.number === request.SkillGroupNumber);
    const call = this.peripheral.createCall({
      callType: destination.kind === 'outside' ? CALL_TYPE.AGENT_OUT : CALL_TYPE.AGENT_INSIDE,
      direction: destination.kind === 'outside' ? 'outgoing' : 'internal',
      ani: agent.config.instrument,
      dnis: destination.number,
      skillGroup: group?.number,
    });
    this.peripheral.applyCallData(call, request);
    agent.lastCallDirection = 'outgoing';
    this.originate(call, agent, destination);
    return call;
  }

  /**
   * CONSULTATION_CALL_REQ: the active call is held and a consultation call dialled from the
   * same phone, carrying the held call's data (the request may override it).
   */
  consult(agent: AgentRuntime, request: Message<'CONSULTATION_CALL_REQ'>): Call {
    const { call: original, party } = this.peripheral.connected(agent, request.ActiveConnectionCallID, LCS.CONNECT, CONTROL_FAILURE_CODE.NO_ACTIVE_CALL);
    if (original.answeredAt === undefined) throw new ControlFailure(CONTROL_FAILURE_CODE.NO_ACTIVE_CALL, `call ${original.id} has not been answered`);
    if (!CONSULT_TYPES.has(request.ConsultType)) throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_CONSULT_TYPE, `ConsultType ${request.ConsultType}`);
    if (this.consultationOf(original)) throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_OBJECT_STATE, `call ${original.id} already has a consultation call`);
    // Everything is checked before the hold, so a refused consultation leaves the call as it was.
    const destination = this.destination(request.DialedNumber, agent);
    this.peripheral.holdParty(original, party);
    // CTI Server reports the hold before CONSULTATION_CALL_CONF (§4.1), so it goes out now.
    this.peripheral.flush();
    const consult = this.peripheral.createCall({
      callType: request.ConsultType === CONSULT_TYPE.CONFERENCE ? CALL_TYPE.CONSULT_CONFERENCE : CALL_TYPE.CONSULT,
      direction: destination.kind === 'outside' ? 'outgoing' : 'internal',
      ani: agent.config.instrument,
      dnis: destination.number,
      skillGroup: original.skillGroup,
      consultOf: original.id,
    });
    this.peripheral.copyCallData(original, consult);
    this.peripheral.applyCallData(consult, request);
    this.originate(consult, agent, destination);
    return consult;
  }

  private requireLoggedIn(agent: AgentRuntime): void {
    if (agent.state === AGENT_STATE.LOGOUT) throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_AGENT_ID_SPECIFIED, `agent ${agent.config.id} is not logged in`);
  }

  /** Whether the agent's phone has a call that is ringing, dialling or talking. */
  private busyPhone(agent: AgentRuntime): boolean {
    return [...agent.calls].some((id) => {
      const call = this.peripheral.calls.get(id);
      const party = call && partyOf(call, agent.config.id);
      return party !== undefined && party.state !== LCS.HOLD;
    });
  }

  private consultationOf(call: Call): Call | undefined {
    for (const other of this.peripheral.calls.values()) if (other.consultOf === call.id) return other;
    return undefined;
  }

  /**
   * Where a dialled number leads. Numbers no longer than the site's extensions are the
   * internal dial plan: an agent's instrument or extension, else unobtainable; longer ones
   * go out to the network. Refusals the PG can decide up front are ControlFailures.
   */
  destination(dialed: string | undefined, caller: AgentRuntime): Destination {
    if (!dialed) throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_DESTINATION, 'no DialedNumber');
    const agent = this.peripheral.agentByDevice({ instrument: dialed, extension: dialed });
    if (agent) {
      if (agent === caller) throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_CALLED_DEVICE, `${dialed} is the calling phone`);
      if (agent.state === AGENT_STATE.LOGOUT) throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_CALLED_DEVICE, `agent ${agent.config.id} on ${dialed} is not logged in`);
      if (agent.calls.size > 0) return { kind: 'unobtainable', number: dialed, cause: EVENT_CAUSE.BUSY };
      return { kind: 'agent', number: dialed, agent };
    }
    if (!DIALABLE.test(dialed)) throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_DESTINATION, `"${dialed}" is not a number`);
    if (dialed.length <= this.internalNumberLength) return { kind: 'unobtainable', number: dialed, cause: EVENT_CAUSE.DEST_NOT_OBTAINABLE };
    return { kind: 'outside', number: dialed };
  }

  /** The calling agent's side of a new call, then its far end (§4.1 Outbound). */
  private originate(call: Call, agent: AgentRuntime, destination: Destination): void {
    const caller: Party = { device: agent.config.instrument, deviceType: DEVICE_ID_TYPE.DEVICE_IDENTIFIER, state: LCS.INITIATE, agentId: agent.config.id };
    call.parties.push(caller);
    agent.calls.add(call.id);
    this.peripheral.beginCall(call, caller);
    this.peripheral.emit('CALL_SERVICE_INITIATED_EVENT', {
      ...callFields(this.peripheral.site, call, caller),
      LineHandle: 0,
      LineType: lineType(call),
      ...skillGroupFields(this.peripheral.site, call),
      CallingDeviceType: caller.deviceType,
      LocalConnectionState: LCS.INITIATE,
      EventCause: EVENT_CAUSE.NONE,
      CallingDeviceID: caller.device,
    }, [agent.config.id]);
    caller.state = LCS.CONNECT;
    this.peripheral.emit('CALL_ORIGINATED_EVENT', {
      ...callFields(this.peripheral.site, call, caller),
      LineHandle: 0,
      LineType: lineType(call),
      ...skillGroupFields(this.peripheral.site, call),
      CallingDeviceType: caller.deviceType,
      CalledDeviceType: destination.kind === 'outside' ? DEVICE_ID_TYPE.EXTERNAL : DEVICE_ID_TYPE.DEVICE_IDENTIFIER,
      LocalConnectionState: LCS.CONNECT,
      EventCause: EVENT_CAUSE.NONE,
      CallingDeviceID: caller.device,
      CalledDeviceID: destination.number,
    }, [agent.config.id]);
    this.peripheral.agentStates.syncPhoneState(agent);
    this.reach(call, destination, caller);
  }

  /** The far end of a call: it rings at an agent, goes out to the network, or fails. */
  private reach(call: Call, destination: Destination, caller: Party): void {
    switch (destination.kind) {
      case 'agent':
        return this.peripheral.ring(call, destination.agent);
      case 'outside':
        return this.announceNetwork(call, this.addOutsideParty(call, destination.number));
      case 'unobtainable':
        return this.failCall(call, caller, destination);
    }
  }

  addOutsideParty(call: Call, number: string): Party {
    const far: Party = { device: number, deviceType: DEVICE_ID_TYPE.EXTERNAL, state: LCS.ALERTING, agentId: undefined };
    call.parties.push(far);
    return far;
  }

  /** The network takes the call; the far end rings and answers after `outsideAnswerMs`. */
  announceNetwork(call: Call, far: Party): void {
    this.peripheral.emit('CALL_REACHED_NETWORK_EVENT', {
      ...callFields(this.peripheral.site, call, far),
      LineHandle: 0,
      LineType: lineType(call),
      TrunkUsedDeviceType: DEVICE_ID_TYPE.NONE,
      CalledDeviceType: DEVICE_ID_TYPE.EXTERNAL,
      LocalConnectionState: LCS.CONNECT,
      EventCause: EVENT_CAUSE.NONE,
      CalledDeviceID: far.device,
    }, agentsOn(call));
    this.peripheral.announceRinging(call, far);
    if (this.peripheral.outsideAnswerMs <= 0) return this.peripheral.connect(call, far);
    const timer = setTimeout(() => {
      // A transfer or conference may have moved the ringing party onto another call meanwhile.
      const now = this.callWith(far);
      if (!now || far.state !== LCS.ALERTING) return;
      this.peripheral.connect(now, far);
      // Nothing else will deliver what a timer changed.
      this.peripheral.flush();
    }, this.peripheral.outsideAnswerMs);
    timer.unref();
  }

  private callWith(party: Party): Call | undefined {
    for (const call of this.peripheral.calls.values()) if (call.parties.includes(party)) return call;
    return undefined;
  }

  /** The number cannot be reached (unknown extension, busy): CALL_FAILED, then the call clears. */
  private failCall(call: Call, caller: Party, destination: Destination): void {
    const deviceType = destination.number.length <= this.internalNumberLength ? DEVICE_ID_TYPE.DEVICE_IDENTIFIER : DEVICE_ID_TYPE.EXTERNAL;
    caller.state = LCS.FAIL;
    this.peripheral.emit('CALL_FAILED_EVENT', {
      ...callFields(this.peripheral.site, call, caller),
      FailingDeviceType: deviceType,
      CalledDeviceType: deviceType,
      LocalConnectionState: LCS.FAIL,
      EventCause: destination.kind === 'unobtainable' ? destination.cause : EVENT_CAUSE.NONE,
      FailingDeviceID: destination.number,
      CalledDeviceID: destination.number,
    }, agentsOn(call));
    this.peripheral.endCall(call, destination.number);
  }
}
