import { STATUS } from './constants.js';
import { MESSAGES, type Message, type MessageDef } from './messages.js';

export interface ValidationProblem {
  readonly field: string;
  /** The status code CTI Server answers with in FAILURE_CONF. */
  readonly status: number;
  readonly detail: string;
}

/**
 * Checks what decoding deliberately lets through, the way CTI Server checks a
 * request before acting on it: required floating fields present, reserved fields 0.
 * Counter/entry agreement joins here as messages with counters are added.
 */
export function validate(message: Message): ValidationProblem[] {
  const def: MessageDef = MESSAGES[message.MessageType];
  const bag = message as unknown as Record<string, unknown>;
  const problems: ValidationProblem[] = [];
  for (const field of def.floating) {
    if (field.required && bag[field.name] === undefined) {
      problems.push({ field: field.name, status: STATUS.E_CTI_REQUIRED_DATA_MISSING, detail: 'required field is missing' });
    }
  }
  for (const field of def.fixed) {
    if (field.name.startsWith('Reserved') && bag[field.name] !== 0) {
      problems.push({ field: field.name, status: STATUS.E_CTI_INVALID_RESERVED_FIELD, detail: 'reserved field must be 0' });
    }
  }
  return problems;
}
