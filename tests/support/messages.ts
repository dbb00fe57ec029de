import { messageIdOf, type Message } from '../../ged188/index.js';

/** A message as decode returns it: with its MessageTypeId filled in from the table. */
export function asDecoded<M extends Message>(message: M): M {
  return { ...message, MessageTypeId: messageIdOf(message.MessageType) };
}
