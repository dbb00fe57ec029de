import { ack, targetAgent, type HandlerTable } from './request-context.js';

/** Call control, call data and snapshots (ged188.md §4 call control requests). */
export const CALL_HANDLERS: HandlerTable = {
  ANSWER_CALL_REQ: (request, context) => {
    const agent = targetAgent(context, request);
    context.peripheral.answer(agent, request.ConnectionCallID);
    return ack('ANSWER_CALL_CONF', request.InvokeID);
  },
  HOLD_CALL_REQ: (request, context) => {
    context.peripheral.hold(targetAgent(context, {}), request.ConnectionCallID);
    return ack('HOLD_CALL_CONF', request.InvokeID);
  },
  RETRIEVE_CALL_REQ: (request, context) => {
    context.peripheral.retrieve(targetAgent(context, {}), request.HeldConnectionCallID);
    return ack('RETRIEVE_CALL_CONF', request.InvokeID);
  },
  CLEAR_CONNECTION_REQ: (request, context) => {
    context.peripheral.clearConnection(targetAgent(context, {}), request.ConnectionCallID);
    return ack('CLEAR_CONNECTION_CONF', request.InvokeID);
  },
  CLEAR_CALL_REQ: (request, context) => {
    context.peripheral.clearCall(targetAgent(context, {}), request.ConnectionCallID);
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
};
