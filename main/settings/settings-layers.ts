import { DesktopSettingsSchema, jsonPointerOf, type DesktopSettings, type GridColumn, type SettingsProblem } from '../../contract/index.js';
import { isWithin, valueAt, withValueAt, type JsonPointer } from './json-pointer.js';

/**
 * The layers of the desktop settings (design.md principle 4), lowest first: the
 * built-in defaults (filled in by the schema wherever the central document says
 * nothing), the central document, the user's own preferences, and the values locked
 * centrally (the document's `locked`) or on this machine (the deployment policy's).
 */
export interface SettingsLayers {
  /** The central document, valid (defaults filled in), or the built-in defaults when there is none. */
  readonly central: DesktopSettings;
  /** Values IT set and locked on this machine (the deployment policy): JSON Pointer → value. */
  readonly policyLocked: Readonly<Record<JsonPointer, unknown>>;
  /** The user's own preferences: JSON Pointer → value. */
  readonly preferences: Readonly<Record<JsonPointer, unknown>>;
}

export interface LayeredSettings {
  readonly effective: DesktopSettings;
  /** Every locked pointer (document and policy), for the view to show a lock. */
  readonly locked: readonly JsonPointer[];
  /** Policy values and preferences that could not apply, each with its pointer. */
  readonly problems: readonly SettingsProblem[];
}

/**
 * What a user may change for themselves: the look of their grids (column order and
 * widths: a grid's columns as a whole, which must be the central columns reordered, or
 * one column's width), the sounds they hear, whether a call brings the window up, their
 * keyboard shortcuts and where the window is.
 */
const USER_PREFERENCES: readonly RegExp[] = [
  /^\/grid\/(callAppearance|agentStatistics|skillGroupStatistics)$/,
  /^\/grid\/(callAppearance|agentStatistics|skillGroupStatistics)\/\d+\/width$/,
  /^\/sounds\/(all|ringIn|dialTone|dtmf|originatingTone)\/mute$/,
  /^\/screen\/(bringToFrontOnCall|flashOnCall)$/,
  /^\/shortcuts\/\w+$/,
  /^\/window\/(x|y|width|height)$/,
];

export function isUserPreference(pointer: JsonPointer): boolean {
  return USER_PREFERENCES.some((pattern) => pattern.test(pointer));
}

export function isLocked(pointer: JsonPointer, locked: readonly JsonPointer[]): boolean {
  // A value is locked when it lies in a locked one; a preference over a wider part (a whole
  // grid around a locked column) applies, and the locked values are put back after it.
  return locked.some((lock) => isWithin(pointer, lock));
}

/** Why `value` cannot be the user's preference at `pointer` over `base`; undefined when it can. */
export function preferenceProblem(base: DesktopSettings, pointer: JsonPointer, value: unknown): string | undefined {
  if (!isUserPreference(pointer)) return 'not something a user may set (grid column order and widths, sound mutes, bring to front and flash on a call, keyboard shortcuts, window position and size)';
  const changed = withValueAt(base, pointer, value);
  if (changed === undefined) return 'no such value in the settings';
  const parsed = DesktopSettingsSchema.safeParse(changed);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `${jsonPointerOf(issue?.path ?? [])}: ${issue?.message ?? 'invalid'}`;
  }
  if (/^\/grid\/\w+$/.test(pointer) && !sameColumns(valueAt(base, pointer) as GridColumn[], valueAt(parsed.data, pointer) as GridColumn[])) {
    return 'a grid preference may reorder the columns and change their widths, not add, remove or change columns';
  }
  return undefined;
}

/** Whether `mine` is `theirs` reordered, with other widths at most. */
function sameColumns(theirs: readonly GridColumn[], mine: readonly GridColumn[]): boolean {
  const identity = (column: GridColumn) => JSON.stringify({ ...column, width: 0 });
  const left = theirs.map(identity).sort();
  const right = mine.map(identity).sort();
  return left.length === right.length && left.every((column, i) => column === right[i]);
}

/** The effective settings: each layer over the one below, locked values last. Pure. */
export function layerSettings(layers: SettingsLayers): LayeredSettings {
  const problems: SettingsProblem[] = [];
  let centralWithPolicy: DesktopSettings = layers.central;
  for (const [pointer, value] of Object.entries(layers.policyLocked)) {
    const changed = withValueAt(centralWithPolicy, pointer, value);
    const parsed = changed === undefined ? undefined : DesktopSettingsSchema.safeParse(changed);
    if (parsed?.success) centralWithPolicy = parsed.data;
    else problems.push({ path: pointer, message: `the deployment policy's locked value does not apply: ${parsed ? (parsed.error.issues[0]?.message ?? 'invalid') : 'no such value in the settings'}` });
  }
  const locked = [...new Set([...layers.central.locked, ...Object.keys(layers.policyLocked)])];

  let effective = centralWithPolicy;
  for (const [pointer, value] of Object.entries(layers.preferences)) {
    if (isLocked(pointer, locked)) continue;
    const problem = preferenceProblem(effective, pointer, value);
    if (problem) {
      problems.push({ path: pointer, message: `your preference does not apply: ${problem}` });
      continue;
    }
    effective = DesktopSettingsSchema.parse(withValueAt(effective, pointer, value));
  }

  // Locked values win over preferences set on a wider part.
  let relocked: unknown = effective;
  for (const pointer of locked) {
    const value = valueAt(centralWithPolicy, pointer);
    if (value !== undefined) relocked = withValueAt(relocked, pointer, value) ?? relocked;
  }
  const final = DesktopSettingsSchema.safeParse({ ...(relocked as DesktopSettings), locked });
  return { effective: final.success ? final.data : { ...centralWithPolicy, locked }, locked, problems };
}
