import { messageIdOf, type Message } from '../../ged188/index.js';

/** A message as decode returns it: with its MessageTypeId filled in from the table. */
export function asDecoded<M extends Message>(message: M): M {
  return { ...message, MessageTypeId: messageIdOf(message.MessageType) };
}

/** A plain v24 OPEN_CONF for an active session with no agent (what a connection-only open gets). */
export function activeOpenConf(invokeId: number): Message<'OPEN_CONF'> {
  return {
    MessageType: 'OPEN_CONF',
    InvokeID: invokeId,
    ServicesGranted: 0,
    MonitorID: 0,
    PGStatus: 0,
    ICMCentralControllerTime: 0,
    PeripheralOnline: true,
    PeripheralType: 17,
    AgentState: 9,
    DepartmentID: 0,
    SessionType: 1,
  };
}
