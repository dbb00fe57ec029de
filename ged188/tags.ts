import type { FloatingType } from './wire-types.js';

export interface TagSpec {
  readonly tag: number;
  readonly type: FloatingType;
  /** Maximum data bytes; for STRING this includes the terminating NUL. */
  readonly max: number;
}

/**
 * Floating field tags (ged188.md §3.2), keyed by the guide's tag name without the
 * `_TAG` suffix. This is the subset the session layer uses; the rest of the table
 * joins it as the messages that carry those tags are added.
 */
export const TAGS = {
  CLIENT_ID: { tag: 1, type: 'STRING', max: 64 },
  CLIENT_PASSWORD: { tag: 2, type: 'UNSPEC', max: 64 },
  CLIENT_SIGNATURE: { tag: 3, type: 'STRING', max: 64 },
  AGENT_EXTENSION: { tag: 4, type: 'STRING', max: 16 },
  AGENT_ID: { tag: 5, type: 'STRING', max: 12 },
  AGENT_INSTRUMENT: { tag: 6, type: 'STRING', max: 64 },
  TEXT: { tag: 7, type: 'STRING', max: 255 },
  APPLICATION_PATH_ID: { tag: 97, type: 'INT', max: 4 },
  CTIOS_CIL_CLIENT_ID: { tag: 217, type: 'STRING', max: 64 },
  PERIPHERAL_ID_V11: { tag: 208, type: 'UINT', max: 4 },
  MULTI_LINE_AGENT_CONTROL: { tag: 224, type: 'USHORT', max: 2 },
  NUM_PERIPHERALS: { tag: 228, type: 'USHORT', max: 2 },
} as const satisfies Record<string, TagSpec>;

export type TagName = keyof typeof TAGS;

const TAG_NAMES_BY_NUMBER: ReadonlyMap<number, TagName> = new Map(
  (Object.entries(TAGS) as [TagName, TagSpec][]).map(([name, spec]) => [spec.tag, name]),
);

/** The guide's name for a tag number, or undefined when the tag is not in the table. */
export function tagName(tag: number): TagName | undefined {
  return TAG_NAMES_BY_NUMBER.get(tag);
}
