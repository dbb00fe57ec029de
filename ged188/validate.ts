import { STATUS } from './constants.js';
import { MESSAGES, type Message, type MessageDef } from './messages.js';
import { ECC_NAME_MAX, ECC_VALUE_MAX, type NamedArrayElement, type NamedVariable } from './wire-types.js';

export interface ValidationProblem {
  readonly field: string;
  /** The status code CTI Server answers with in FAILURE_CONF. */
  readonly status: number;
  readonly detail: string;
  /** For a problem in one ECC variable or array element (field `NamedVariable.name`, `….value`), its name. */
  readonly entry?: string;
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
    const tooLong = values.map((v) => overLength(v, field.max)).find((detail) => detail !== undefined);
    if (tooLong) problems.push({ field: field.name, status: STATUS.E_CTI_INVALID_FIELD_LENGTH, detail: tooLong });
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

/**
 * What is wrong with `value` as text for a field of `maxBytes` (its NUL included),
 * or undefined when it fits: encode() refuses a NUL inside text (it would end the
 * field early on the far side) and text longer than the field.
 */
export function textProblem(value: string, maxBytes: number): string | undefined {
  if (value.includes('\0')) return 'contains a NUL character, which GED-188 text cannot carry';
  return overLength(value, maxBytes);
}

/** Why a text (NUL-terminated within `max`) or bytes value does not fit its field, or undefined. */
function overLength(value: unknown, max: number): string | undefined {
  const [bytes, room] = typeof value === 'string' ? [utf8.encode(value).length, max - 1] : value instanceof Uint8Array ? [value.length, max] : [0, 0];
  return bytes > room ? `is ${bytes} bytes; GED-188 carries at most ${room}` : undefined;
}

/**
 * `validate` for a message about to be sent: also what encode() would refuse — a
 * NUL inside text, and ECC names and values longer than theirs. A message with no
 * problems goes on the wire exactly as given.
 */
export function validateOutgoing(message: Message): ValidationProblem[] {
  const problems = validate(message);
  const def: MessageDef = MESSAGES[message.MessageType];
  const bag = message as unknown as Record<string, unknown>;
  for (const field of def.floating) {
    const values = field.repeated ? ((bag[field.name] as unknown[] | undefined) ?? []) : [bag[field.name]];
    for (const value of values) {
      if (field.type === 'STRING' && typeof value === 'string' && value.includes('\0')) {
        problems.push({ field: field.name, status: STATUS.E_CTI_BAD_MESSAGE_FORMAT, detail: textProblem(value, field.max)! });
      }
      if ((field.type === 'NAMEDVAR' || field.type === 'NAMEDARRAY') && typeof value === 'object' && value !== null) {
        const { name, value: text } = value as { name?: unknown; value?: unknown };
        const nameProblem = typeof name === 'string' ? textProblem(name, ECC_NAME_MAX) : 'is not text';
        const entry = typeof name === 'string' ? { entry: name } : {};
        if (nameProblem) problems.push({ field: `${field.name}.name`, status: STATUS.E_CTI_INVALID_FIELD_LENGTH, detail: nameProblem, ...entry });
        const valueProblem = typeof text === 'string' ? textProblem(text, ECC_VALUE_MAX) : 'is not text';
        if (valueProblem) problems.push({ field: `${field.name}.value`, status: STATUS.E_CTI_INVALID_FIELD_LENGTH, detail: valueProblem, ...entry });
      }
    }
  }
  return problems;
}
