import type { CommandFailure } from '../../../contract/index.js';
import { RequestFailed } from '../cti-session.js';
import type { Message } from '../../../ged188/index.js';
import { describeControlFailure, describeStatusCode } from './control-failure-text.js';

/** A command that could not be carried out, with words for the person who asked. */
export class CommandError extends Error {
  override readonly name = 'CommandError';
  constructor(
    readonly code: CommandFailure['code'],
    message: string,
    /** What a view needs to say it in another language (failure codes, the field at fault). */
    readonly params?: NonNullable<CommandFailure['params']>,
  ) {
    super(message);
  }
}

/** The confirmation, or a CommandError naming the failure (CONTROL_FAILURE_CONF, FAILURE_CONF). */
export function confirmationOf(what: string, reply: Message): Message {
  if (reply.MessageType === 'CONTROL_FAILURE_CONF') {
    throw new CommandError('failed', `${what} failed: ${describeControlFailure(reply.FailureCode, reply.PeripheralErrorCode)}`, {
      failureCode: reply.FailureCode,
      peripheralErrorCode: reply.PeripheralErrorCode,
    });
  }
  if (reply.MessageType === 'FAILURE_CONF') throw new CommandError('failed', `${what} failed: ${describeStatusCode(reply.Status)}`, { status: reply.Status });
  return reply;
}

/** A request that got no answer, as a CommandError that says the link is the problem. */
export function unavailable(what: string, error: unknown): CommandError {
  if (error instanceof CommandError) return error;
  if (error instanceof RequestFailed) return new CommandError('unavailable', `${what}: CTI Server is out of service (${error.message}); try again when the link is back`);
  return new CommandError('failed', `${what}: ${(error as Error).message}`);
}

/** Why `reply` is not the confirmation `what` waited for, in words. */
export function refusalText(what: string, reply: Message): string {
  try {
    confirmationOf(what, reply);
    return `unexpected answer ${reply.MessageType}`;
  } catch (error) {
    return (error as Error).message;
  }
}
