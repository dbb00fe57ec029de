import { MESSAGES, type Message, type MessageDef, type MessageName } from '../../ged188/index.js';

/**
 * Builds whole messages from the fields that matter. The rest of the fixed part
 * gets the value the guide uses for "not applicable" (by field, from its notes),
 * and every counter is set from the entries it counts, so an event can never
 * disagree with itself.
 */
function notApplicable(field: string): number | boolean {
  if (/^(ServiceNumber|ServiceID|SkillGroupNumber|SkillGroupID|ConnectionCallID)$/.test(field)) return 0xffffffff;
  if (/DeviceType$|DeviceIDType$|^LineHandle$|^LineType$|^EventCause$|^LocalConnectionState$|^CallType$/.test(field)) return 0xffff;
  if (field === 'PeripheralOnline' || field === 'Priority' || field === 'PostRoute') return false;
  return 0;
}

export type Fields<N extends MessageName> = Omit<Partial<Message<N>>, 'MessageType'>;

export function message<N extends MessageName>(type: N, fields: Fields<N>): Message<N> {
  const def: MessageDef = MESSAGES[type];
  const out: Record<string, unknown> = { MessageType: type };
  for (const field of def.fixed) out[field.name] = notApplicable(field.name);
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  for (const field of def.floating) {
    if (field.countedBy !== undefined) out[field.countedBy] = (out[field.name] as unknown[] | undefined)?.length ?? 0;
  }
  return out as Message<N>;
}
