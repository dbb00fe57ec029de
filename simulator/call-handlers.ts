import { CONNECTION_DEVICE_ID_TYPE, CONTROL_FAILURE_CODE, LINE_TYPE, buildMessage, type Message, type MessageFields } from '../ged188/index.js';
import { identifyAgent } from './pg/agent-identification.js';
import { callData, connectedParties } from './pg/call-fields.js';
import type { AgentRuntime, Call, Completion } from './pg/model.js';
import type { Peripheral } from './pg/peripheral.js';
import { ControlFailure } from './pg/refusals.js';
import { ack, reply, targetAgent, type HandlerTable, type RequestContext, type RequestOutcome } from './request-context.js';

/** Call control, call data and snapshots (ged188.md §4 call control requests). */
export const CALL_HANDLERS: HandlerTable = {
  ANSWER_CALL_REQ: (request, context) => {
    const agent = targetAgent(context, request);
    context.peripheral.answer(agent, request.ConnectionCallID);
    return ack('ANSWER_CALL_CONF', request.InvokeID);
  },
  HOLD_CALL_REQ: (request, context) => {
    context.peripheral.hold(targetAgent(context, request), request.ConnectionCallID);
    return ack('HOLD_CALL_CONF', request.InvokeID);
  },
  RETRIEVE_CALL_REQ: (request, context) => {
    context.peripheral.retrieve(targetAgent(context, request), request.HeldConnectionCallID);
    return ack('RETRIEVE_CALL_CONF', request.InvokeID);
  },
  CLEAR_CONNECTION_REQ: (request, context) => {
    context.peripheral.clearConnection(targetAgent(context, request), request.ConnectionCallID);
    return ack('CLEAR_CONNECTION_CONF', request.InvokeID);
  },
  CLEAR_CALL_REQ: (request, context) => {
    context.peripheral.clearCall(targetAgent(context, request), request.ConnectionCallID);
    return ack('CLEAR_CALL_CONF', request.InvokeID);
  },
  SET_CALL_DATA_REQ: (request, context) => {
    context.peripheral.setCallData(request, context.requester);
    return ack('SET_CALL_DATA_CONF', request.InvokeID);
  },
  RELEASE_CALL_REQ: (request, context) => {
    context.peripheral.releaseCall(request.ConnectionCallID);
    return ack('RELEASE_CALL_CONF', request.InvokeID);
  },
  MAKE_CALL_REQ: (request, context) => {
    const agent = targetAgent(context, request);
    const call = context.peripheral.makeCall(agent, request);
    return reply(buildMessage('MAKE_CALL_CONF', newConnection(request.InvokeID, call, agent)));
  },
  CONSULTATION_CALL_REQ: (request, context) => {
    const agent = targetAgent(context, request);
    const call = context.peripheral.consult(agent, request);
    return reply(buildMessage('CONSULTATION_CALL_CONF', newConnection(request.InvokeID, call, agent)));
  },
  TRANSFER_CALL_REQ: (request, context) => {
    const completion = context.peripheral.transfer(targetAgent(context, request), request);
    return reply(buildMessage('TRANSFER_CALL_CONF', completed(request.InvokeID, completion)));
  },
  CONFERENCE_CALL_REQ: (request, context) => {
    const completion = context.peripheral.conference(targetAgent(context, request), request);
    return reply(buildMessage('CONFERENCE_CALL_CONF', completed(request.InvokeID, completion)));
  },
  ALTERNATE_CALL_REQ: (request, context) => {
    context.peripheral.alternate(targetAgent(context, request), request.ActiveConnectionCallID, request.OtherConnectionCallID);
    return ack('ALTERNATE_CALL_CONF', request.InvokeID);
  },
  RECONNECT_CALL_REQ: (request, context) => {
    context.peripheral.reconnect(targetAgent(context, request), request.ActiveConnectionCallID, request.HeldConnectionCallID);
    return ack('RECONNECT_CALL_CONF', request.InvokeID);
  },
  SEND_DTMF_SIGNAL_REQ: (request, context) => {
    context.peripheral.sendDtmf(targetAgent(context, request), request.ConnectionCallID, request.DTMFString);
    return ack('SEND_DTMF_SIGNAL_CONF', request.InvokeID);
  },
  SNAPSHOT_CALL_REQ: (request, context) => snapshotCall(request, context.peripheral),
  SNAPSHOT_DEVICE_REQ: (request, context) => snapshotDevice(request, context),
};

/** MAKE_CALL_CONF / CONSULTATION_CALL_CONF: the calling phone's connection on the new call. */
function newConnection(invokeId: number, call: Call, agent: AgentRuntime): MessageFields<'MAKE_CALL_CONF'> {
  return {
    InvokeID: invokeId,
    NewConnectionCallID: call.id,
    NewConnectionDeviceIDType: CONNECTION_DEVICE_ID_TYPE.STATIC,
    LineHandle: 0,
    LineType: call.direction === 'outgoing' ? LINE_TYPE.OUTBOUND_ACD : LINE_TYPE.INSIDE,
    NewConnectionDeviceID: agent.config.instrument,
  };
}

/** TRANSFER_CALL_CONF / CONFERENCE_CALL_CONF: the call that carries on and every connection on it. */
function completed(invokeId: number, { call, device }: Completion): MessageFields<'TRANSFER_CALL_CONF'> {
  return {
    InvokeID: invokeId,
    NewConnectionCallID: call.id,
    NewConnectionDeviceIDType: CONNECTION_DEVICE_ID_TYPE.STATIC,
    LineHandle: 0,
    LineType: LINE_TYPE.NONE,
    NewConnectionDeviceID: device,
    ...connectedParties(call),
  };
}

/** SNAPSHOT_CALL_CONF from the model: call data, ECC and each device with its connection state. */
function snapshotCall(request: Message<'SNAPSHOT_CALL_REQ'>, peripheral: Peripheral): RequestOutcome {
  const call = peripheral.calls.get(request.ConnectionCallID);
  if (!call) throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_CSTA_CALL_IDENTIFIER, `there is no call ${request.ConnectionCallID}`);
  const parties = call.parties;
  return reply(
    buildMessage('SNAPSHOT_CALL_CONF', {
      InvokeID: request.InvokeID,
      CallType: call.callType,
      CalledPartyDisposition: 0,
      ...callData(call),
      CallConnectionCallID: parties.map(() => call.id),
      CallConnectionDeviceIDType: parties.map(() => CONNECTION_DEVICE_ID_TYPE.STATIC),
      CallConnectionDeviceID: parties.map((p) => p.device),
      CallDeviceType: parties.map((p) => p.deviceType),
      CallDeviceID: parties.map((p) => p.device),
      CallDeviceConnectionState: parties.map((p) => p.state),
    } as MessageFields<'SNAPSHOT_CALL_CONF'>),
  );
}

/**
 * SNAPSHOT_DEVICE_CONF: the calls on an agent's phone (the one named by AgentInstrument,
 * else the session's), each with the phone's connection and its state.
 */
function snapshotDevice(request: Message<'SNAPSHOT_DEVICE_REQ'>, context: RequestContext): RequestOutcome {
  const { peripheral, requester } = context;
  // A query: any session may look at any agent's phone, so no privilege check (targetAgent).
  const identified = identifyAgent(peripheral, request);
  const agent = identified.named ? identified.agent : requester.agentId === undefined ? undefined : peripheral.agents.get(requester.agentId);
  if (!agent) throw new ControlFailure(CONTROL_FAILURE_CODE.INVALID_CSTA_DEVICE_IDENTIFIER, `no agent phone ${request.AgentInstrument ?? ''}`);
  const connections = [...agent.calls].flatMap((id) => {
    const party = peripheral.calls.get(id)?.parties.find((p) => p.agentId === agent.config.id);
    return party ? [{ callId: id, party }] : [];
  });
  return reply(
    buildMessage('SNAPSHOT_DEVICE_CONF', {
      InvokeID: request.InvokeID,
      CallConnectionCallID: connections.map((c) => c.callId),
      CallConnectionDeviceIDType: connections.map(() => CONNECTION_DEVICE_ID_TYPE.STATIC),
      CallConnectionDeviceID: connections.map((c) => c.party.device),
      CallState: connections.map((c) => c.party.state),
      SilentMonitorStatus: connections.map(() => 0),
    }),
  );
}
