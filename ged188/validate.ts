import { STATUS } from './constants.js';
import { MESSAGES, type Message, type MessageDef } from './messages.js';
import type { NamedArrayElement, NamedVariable } from './wire-types.js';

export interface ValidationProblem {
  readonly field: string;
  /** The status code CTI Server answers with in FAILURE_CONF. */
  readonly status: number;
  readonly detail: string;
}

/** Which status a wrong counter earns, per counter (§2.10); others are a bad message format. */
const COUNTER_STATUS: Readonly<Record<string, number>> = {
  NumNamedVariables: 77, // E_CTI_INVALID_NUM_NAMED_VARIABLES
  NumNamedArrays: 78, // E_CTI_INVALID_NUM_NAMED_ARRAYS
  NumSkillGroups: 39, // E_CTI_INVALID_NUM_SKILL_GROUPS
  NumFltSkillGroups: 39,
  NumParties: 30, // E_CTI_INVALID_NUM_PARTIES
  NumLines: 40, // E_CTI_INVALID_NUM_LINES
};

/** ECC carried in one message is capped at 2000 bytes (§1.4, E_CTI_TOO_MUCH_DATA). */
const MAX_ECC_BYTES = 2000;

const utf8 = new TextEncoder();

function eccBytes(message: Record<string, unknown>): number {
  const variables = (message.NamedVariable as NamedVariable[] | undefined) ?? [];
  const arrays = (message.NamedArray as NamedArrayElement[] | undefined) ?? [];
  const text = (s: string) => utf8.encode(s).length + 1;
  return (
    variables.reduce((sum, v) => sum + text(v.name) + text(v.value), 0) +
    arrays.reduce((sum, a) => sum + 1 + text(a.name) + text(a.value), 0)
  );
}

/**
 * Checks what decoding deliberately lets through, the way CTI Server checks a
 * request before acting on it: required fields present, reserved fields 0, every
 * counter equal to the entries it counts, ECC within its size limit.
 */
export function validate(message: Message): ValidationProblem[] {
  const def: MessageDef = MESSAGES[message.MessageType];
  const bag = message as unknown as Record<string, unknown>;
  const problems: ValidationProblem[] = [];
  for (const field of def.fixed) {
    if (/^Reserved\d*$/.test(field.name) && bag[field.name] !== undefined && bag[field.name] !== 0) {
      problems.push({ field: field.name, status: STATUS.E_CTI_INVALID_RESERVED_FIELD, detail: 'reserved field must be 0' });
    }
  }
  for (const field of def.floating) {
    // Decoding accepts over-long fields; a server refuses them (E_CTI_INVALID_FIELD_LENGTH).
    const values = field.repeated ? ((bag[field.name] as unknown[] | undefined) ?? []) : [bag[field.name]];
    const tooLong = values.some(
      (v) => (typeof v === 'string' && utf8.encode(v).length > field.max - 1) || (v instanceof Uint8Array && v.length > field.max),
    );
    if (tooLong) {
      problems.push({ field: field.name, status: STATUS.E_CTI_INVALID_FIELD_LENGTH, detail: `longer than its maximum of ${field.max} bytes` });
    }
    if (field.required && bag[field.name] === undefined) {
      problems.push({ field: field.name, status: STATUS.E_CTI_REQUIRED_DATA_MISSING, detail: 'required field is missing' });
    }
    if (field.countedBy !== undefined) {
      const declared = bag[field.countedBy];
      const present = (bag[field.name] as unknown[] | undefined)?.length ?? 0;
      if (typeof declared === 'number' && declared !== present) {
        problems.push({
          field: field.countedBy,
          status: COUNTER_STATUS[field.countedBy] ?? STATUS.E_CTI_BAD_MESSAGE_FORMAT,
          detail: `says ${declared} but ${present} ${field.name} field(s) are present`,
        });
      }
    }
  }
  const ecc = eccBytes(bag);
  if (ecc > MAX_ECC_BYTES) {
    problems.push({ field: 'NamedVariable', status: 73, detail: `${ecc} bytes of ECC data exceed the ${MAX_ECC_BYTES}-byte limit` });
  }
  return problems;
}
