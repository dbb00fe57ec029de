import { MESSAGES, type Message, type MessageDef, type MessageName } from './messages.js';
import { NONE_UINT, NONE_USHORT } from './wire-types.js';

/** The fields of a message worth naming; `buildMessage` fills in the rest. */
export type MessageFields<N extends MessageName> = Omit<Partial<Message<N>>, 'MessageType'>;

/** Ids that mean "none" as NONE_UINT (0xFFFFFFFF) in the guide's notes; other UINTs read 0 as "none". */
const NONE_UINT_FIELDS = /^(ServiceNumber|ServiceID|SkillGroupNumber|SkillGroupID|ConnectionCallID)$/;
/** Enumerations whose "none" is NONE_USHORT (DEVID_NONE, LINETYPE_NONE, CEC_NONE, LCS_NONE, NULL_CALLTYPE). */
const NONE_USHORT_FIELDS = /DeviceType$|DeviceIDType$|^LineHandle$|^LineType$|^EventCause$|^LocalConnectionState$|^CallType$/;
const FALSE_FIELDS = new Set(['PeripheralOnline', 'Priority', 'PostRoute']);

/** The value the guide uses for "not applicable" in a fixed field, by the field's name (from its notes). */
export function notApplicable(field: string): number | boolean {
  if (NONE_UINT_FIELDS.test(field)) return NONE_UINT;
  if (NONE_USHORT_FIELDS.test(field)) return NONE_USHORT;
  if (FALSE_FIELDS.has(field)) return false;
  return 0;
}

/**
 * A whole message from the fields that matter. The rest of the fixed part gets the
 * guide's "not applicable" value, and every counter is set from the entries it
 * counts, so a message can never disagree with itself.
 */
export function buildMessage<N extends MessageName>(type: N, fields: MessageFields<N>): Message<N> {
  const def: MessageDef = MESSAGES[type];
  const out: Record<string, unknown> = { MessageType: type };
  for (const field of def.fixed) out[field.name] = notApplicable(field.name);
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  for (const field of def.floating) {
    if (field.countedBy !== undefined) out[field.countedBy] = (out[field.name] as unknown[] | undefined)?.length ?? 0;
  }
  return out as Message<N>;
}
