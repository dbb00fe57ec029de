import { z } from 'zod';

/**
 * The desktop settings document (issue 10): what CTI OS kept in its server's registry
 * under `EnterpriseDesktopSettings\All Desktops` and `Server\Agent` (ctios.md §5) and
 * sent on RequestDesktopSettings, as one versioned JSON document that a contact centre
 * publishes centrally. Every desktop downloads it on connect, validates it against this
 * schema, caches it as last-known-good and lays itself out from it.
 *
 * Every section has defaults, so `{ "schemaVersion": 1 }` is a valid document; the
 * built-in defaults are this schema's defaults. `locked` lists JSON Pointers
 * (`/screen/bringToFrontOnCall`) of values the user may not override locally.
 * `extra` keeps what an import from CTI OS could not map, for an administrator to look at.
 */

export const CURRENT_SCHEMA_VERSION = 1;

const text = (max: number) => z.string().max(max);
const positiveMs = z.number().int().positive();

/** An ECC variable name as declared (without `user.`), as CTI Server carries it: at most 32 bytes. */
const eccName = z.string().min(1).max(32).regex(/^[^\s]+$/, 'an ECC name has no spaces');

/** ECC variables the site declares (ctios.md §5.2): scalars, and arrays with their size. */
export const EccDeclarationsSchema = z
  .object({
    scalars: z.array(eccName).default([]).describe('ECC scalar variables, by name without "user."'),
    arrays: z
      .array(z.object({ name: eccName, size: z.number().int().min(1).max(255).describe('Number of elements') }).strict())
      .default([])
      .describe('ECC array variables, by name without "user.", with their size'),
  })
  .strict();

/**
 * What a grid column shows (ctios.md §5.3): a call field, a call variable, an ECC
 * scalar or array element (by `name`), or — in the statistics grids — a statistic by its
 * CTI OS name (`statistic`).
 */
export const ColumnFieldSchema = z.enum([
  'CallID',
  'CallStatus',
  'DNIS',
  'ANI',
  'CED',
  'DialedNumber',
  'UserToUserInfo',
  'WrapUp',
  'Var1',
  'Var2',
  'Var3',
  'Var4',
  'Var5',
  'Var6',
  'Var7',
  'Var8',
  'Var9',
  'Var10',
  'ECC',
  'ECCArray',
  'CampaignID',
  'QueryRuleID',
  'Statistic',
]);
export type ColumnField = z.infer<typeof ColumnFieldSchema>;

/** How an ECCArray column names its element: `name[index]`. */
export const ECC_ARRAY_ELEMENT = /^[^\s[\]]+\[\d+\]$/;

export const GridColumnSchema = z
  .object({
    field: ColumnFieldSchema.describe('What the column shows: a call field, Var1-Var10, ECC, ECCArray, or (statistics grids) Statistic'),
    header: text(64).describe('Column heading'),
    name: text(64)
      .optional()
      .describe('Required for ECC (the variable name without "user."), ECCArray (name[index]) and Statistic (the CTI OS statistic name)'),
    width: z.number().int().min(16).max(2000).default(100).describe('Width in pixels'),
    maxChars: z.number().int().min(1).max(255).optional().describe('Most characters an agent may type in an editable column'),
    alignment: z.enum(['left', 'right', 'center']).default('left'),
    numericOnly: z.boolean().default(false).describe('Only digits may be typed'),
    editable: z.boolean().default(false).describe('The agent may edit the value during the call'),
  })
  .strict()
  .superRefine((column, ctx) => {
    const needsName = column.field === 'ECC' || column.field === 'ECCArray' || column.field === 'Statistic';
    if (needsName && !column.name) {
      ctx.addIssue({ code: 'custom', path: ['name'], message: `a column of field ${column.field} needs a name: the ${column.field === 'Statistic' ? 'statistic' : 'ECC variable'} it shows` });
    }
    if (column.field === 'ECCArray' && column.name && !ECC_ARRAY_ELEMENT.test(column.name)) {
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'an ECCArray column names its element as name[index]' });
    }
  });
export type GridColumn = z.infer<typeof GridColumnSchema>;

const columns = (defaults: GridColumn[]) => z.array(GridColumnSchema).max(64).default(defaults);

/** CTI OS's default call appearance (callappearance.default.reg.txt, ctios.md §5.3), in its order. */
const CALL_APPEARANCE_DEFAULT: GridColumn[] = [
  { field: 'CallID', header: 'Call ID', width: 80, alignment: 'left', numericOnly: false, editable: false },
  { field: 'CallStatus', header: 'Status', width: 90, alignment: 'left', numericOnly: false, editable: false },
  { field: 'DNIS', header: 'DNIS', width: 110, alignment: 'left', numericOnly: false, editable: false },
  { field: 'ANI', header: 'ANI', width: 110, alignment: 'left', numericOnly: false, editable: false },
  { field: 'CED', header: 'CED', width: 90, alignment: 'left', numericOnly: false, editable: false },
  { field: 'DialedNumber', header: 'Dialed Number', width: 110, alignment: 'left', numericOnly: false, editable: false },
  { field: 'UserToUserInfo', header: 'User To User Info', width: 140, maxChars: 129, alignment: 'left', numericOnly: false, editable: true },
  { field: 'WrapUp', header: 'Wrap Up', width: 140, maxChars: 40, alignment: 'left', numericOnly: false, editable: true },
  ...Array.from({ length: 10 }, (_, i): GridColumn => ({ field: `Var${i + 1}` as ColumnField, header: `Var ${i + 1}`, width: 90, maxChars: 40, alignment: 'left', numericOnly: false, editable: true })),
];

const statistic = (name: string, header: string): GridColumn => ({ field: 'Statistic', name, header, width: 110, alignment: 'right', numericOnly: true, editable: false });

export const GridsSchema = z
  .object({
    callAppearance: columns(CALL_APPEARANCE_DEFAULT),
    agentStatistics: columns([
      statistic('CallsHandledToday', 'Calls Handled'),
      statistic('AvgTalkTimeToday', 'Avg Talk Time'),
      statistic('TimeLoggedInToday', 'Logged In'),
      statistic('AvailTimeToday', 'Available Time'),
      statistic('NotReadyTimeToday', 'Not Ready Time'),
    ]),
    skillGroupStatistics: columns([
      statistic('SkillGroupNumber', 'Skill Group'),
      statistic('AgentsAvail', 'Available'),
      statistic('AgentsNotReady', 'Not Ready'),
      statistic('AgentsTalkingIn', 'Talking In'),
      statistic('CallsQNow', 'In Queue'),
      statistic('LongestCallQNow', 'Longest Wait'),
    ]),
  })
  .strict();

/** A CTI Server side as host and port. */
export const ServerAddressSchema = z
  .object({
    host: z.string().min(1).max(253),
    port: z.number().int().min(1).max(65535),
  })
  .strict();

/** Which login fields the login screen shows (CTI OS ShowFieldBitMask, ctios.md §5.4). */
export const LoginFieldsSchema = z
  .object({
    identity: z.enum(['agentId', 'loginName']).default('agentId').describe('Agents log in by agent ID or by login name'),
    password: z.boolean().default(true),
    instrument: z.boolean().default(true),
    position: z.boolean().default(false),
    workMode: z.boolean().default(false),
  })
  .strict();

/** One connection profile (CTI OS `Login\ConnectionProfiles\<name>`, ctios.md §5.4). */
export const ConnectionProfileSchema = z
  .object({
    name: z.string().min(1).max(64).describe('Profile name the login screen offers; unique'),
    sideA: ServerAddressSchema.optional().describe('CTI Server side A'),
    sideB: ServerAddressSchema.optional().describe('CTI Server side B'),
    peripheralId: z.number().int().nonnegative().max(0xfffffffe).default(5000),
    protocolVersion: z.number().int().min(13).max(25).optional().describe('Pins the GED-188 protocol version; absent: the newest the server takes (from 25 down)'),
    heartbeatIntervalMs: z
      .number()
      .int()
      .min(250)
      .max(600_000)
      .optional()
      .describe('Heartbeat interval, ms; absent: the desktop default (90 s). Below 5 s counts as 5 s, the guide\'s minimum'),
    missedHeartbeatLimit: z.number().int().min(1).max(10).default(3).describe('Missed heartbeats before the link counts as dead (CTI OS MaxHeartbeats)'),
    idleTimeoutMs: z.number().int().min(0).max(3_600_000).default(0).describe('Idle timeout CTI Server applies to the session (OPEN_REQ IdleTimeout), ms'),
    autoLogin: z.boolean().default(true).describe('Log in again after a failover (CTI OS AutoLogin)'),
    duplicateLogin: z
      .enum(['allow', 'warn', 'reject'])
      .default('warn')
      .describe('An agent already logged in elsewhere (CTI OS WarnIfAlreadyLoggedIn / RejectIfAlreadyLoggedIn)'),
    loginFields: LoginFieldsSchema.prefault({}).describe('Which fields the login screen shows (CTI OS ShowFieldBitMask)'),
    agentStatistics: z.boolean().default(true),
    skillGroupStatistics: z.boolean().default(true),
    silentMonitor: z.boolean().default(false),
  })
  .strict();
export type ConnectionProfile = z.infer<typeof ConnectionProfileSchema>;

export const ScreenPreferencesSchema = z
  .object({
    bringToFrontOnCall: z.boolean().default(true),
    flashOnCall: z.boolean().default(false),
    recordingEnabled: z.boolean().default(false).describe('Show the Record button (CTI OS RecordingEnabled)'),
    statisticsIntervalMs: positiveMs.min(1000).max(3_600_000).default(15_000).describe('Agent statistics refresh, ms'),
  })
  .strict();

const sound = z.object({ mute: z.boolean().default(false) }).strict().prefault({});
/** CTI OS SoundPreferences (ctios.md §5.2): each sound on or off; `all` mutes every one. */
export const SoundPreferencesSchema = z
  .object({ all: sound, ringIn: sound, dialTone: sound, dtmf: sound, originatingTone: sound })
  .strict();

/** A keyboard shortcut: modifiers then one key, as `Alt+A` or `Ctrl+Shift+F5`. */
export const ShortcutKeySchema = z
  .string()
  .regex(/^((Ctrl|Alt|Shift|Meta)\+)*([A-Z0-9]|F([1-9]|1[0-2])|Enter|Space|Escape|Home|End|PageUp|PageDown)$/, 'a key such as Alt+A or Ctrl+Shift+F5 (modifiers Ctrl, Alt, Shift, Meta)');

const shortcut = (key: string | null) => ShortcutKeySchema.nullable().default(key);

/**
 * Keyboard shortcuts for the agent's most used actions (null: none). A site may set
 * them centrally; each agent may change them (a user preference) unless locked.
 */
export const ShortcutsSchema = z
  .object({
    answer: shortcut('Alt+A'),
    release: shortcut('Alt+R'),
    holdRetrieve: shortcut('Alt+H'),
    ready: shortcut('Alt+Y'),
    notReady: shortcut('Alt+N'),
    makeCall: shortcut('Alt+M'),
    transfer: shortcut('Alt+T'),
    conference: shortcut('Alt+C'),
    wrapup: shortcut('Alt+W'),
  })
  .strict();
export type ShortcutAction = keyof z.infer<typeof ShortcutsSchema>;

/** Where the desktop window opens and how large (the user's own, kept locally; a site may set the size). */
export const WindowPreferencesSchema = z
  .object({
    x: z.number().int().min(-100_000).max(100_000).optional(),
    y: z.number().int().min(-100_000).max(100_000).optional(),
    width: z.number().int().min(320).max(10_000).default(1024),
    height: z.number().int().min(240).max(10_000).default(720),
  })
  .strict();

/** A reason code as the Select Reason dialog lists it (ctios.md §5.5): text at most 42 characters. */
export const ReasonCodeSchema = z.object({ code: z.number().int().min(1).max(65535), text: z.string().min(1).max(42) }).strict();
export type ReasonCode = z.infer<typeof ReasonCodeSchema>;

const reasonCodes = (defaults: ReasonCode[]) =>
  z
    .array(ReasonCodeSchema)
    .max(500)
    .default(defaults)
    .superRefine((codes, ctx) => {
      const seen = new Set<number>();
      codes.forEach((reason, i) => {
        if (seen.has(reason.code)) ctx.addIssue({ code: 'custom', path: [i, 'code'], message: `reason code ${reason.code} is listed twice` });
        seen.add(reason.code);
      });
    });

/** A wrap-up string: what GED-188's wrap-up field carries (39 bytes). */
const wrapupString = z.string().min(1).max(39);

/** The values CTI OS sent with the agent at login (`Server\Agent`, ctios.md §5.5), and ours beyond them. */
export const AgentValuesSchema = z
  .object({
    notReadyReasons: reasonCodes([]).describe('Not Ready reason codes offered to the agent; each code once'),
    logoutReasons: reasonCodes([]).describe('Logout reason codes offered to the agent; each code once'),
    notReadyReasonRequired: z.boolean().default(false),
    logoutReasonRequired: z.boolean().default(false),
    wrapupIncoming: z.array(wrapupString).max(500).default([]).describe('Wrap-up strings for incoming calls'),
    // Beyond CTI OS, which had wrap-up strings for incoming calls only.
    wrapupOutgoing: z.array(wrapupString).max(500).default([]).describe('Wrap-up strings for outgoing calls (transfers and conferences count as outgoing)'),
    wrapupDialog: z.boolean().default(true).describe('Show the wrap-up dialog when a call ends (CTI OS EnableWrapupDialog)'),
    wrapupDataRequired: z.boolean().default(false).describe('Wrap-up data is required (CTI OS WrapupDataRequired)'),
    // Beyond CTI OS, whose dialog offered the strings only; with no strings the agent may always type.
    wrapupFreeText: z.boolean().default(false).describe('Let the agent type wrap-up text of its own besides the wrap-up strings'),
    chatLevel: z.enum(['disabled', 'primary-supervisor', 'team-supervisors', 'team', 'unrestricted']).default('team-supervisors'),
    supervisorChatLevel: z.enum(['disabled', 'team', 'unrestricted']).default('unrestricted'),
  })
  .strict();

/** An agent the transfer dialog offers when CTI Server sends the session no team configuration. */
export const DirectoryEntrySchema = z
  .object({
    agentId: z.string().min(1).max(11).describe('The agent ID CTI Server knows the agent by'),
    name: z.string().min(1).max(64).describe('The name the transfer dialog shows'),
  })
  .strict();
export type DirectoryEntry = z.infer<typeof DirectoryEntrySchema>;

/** A JSON Pointer into the document (RFC 6901), e.g. `/screen/bringToFrontOnCall`. */
const jsonPointer = z.string().regex(/^(\/[^/]+)+$/, 'a JSON Pointer such as /screen/bringToFrontOnCall');

export const DesktopSettingsSchema = z
  .object({
    /** Lets an administrator's editor find the JSON Schema (resources/desktop-settings.schema.json); not used otherwise. */
    $schema: z.string().max(2048).optional().describe('Where the JSON Schema of this document is, for editors; ignored by the desktop'),
    schemaVersion: z.literal(CURRENT_SCHEMA_VERSION).describe('Version of this schema the document follows'),
    ecc: EccDeclarationsSchema.prefault({}).describe('Declared ECC variables (CTI OS ECC)'),
    grid: GridsSchema.prefault({}).describe('Columns of the call appearance and statistics grids (CTI OS Grid)'),
    connectionProfiles: z
      .array(ConnectionProfileSchema)
      .max(100)
      .default([])
      .superRefine((profiles, ctx) => {
        const seen = new Set<string>();
        profiles.forEach((profile, i) => {
          if (seen.has(profile.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `profile "${profile.name}" is listed twice` });
          seen.add(profile.name);
        });
      })
      .describe('Connection profiles (CTI OS Login\\ConnectionProfiles); names unique'),
    screen: ScreenPreferencesSchema.prefault({}).describe('CTI OS ScreenPreferences'),
    sounds: SoundPreferencesSchema.prefault({}).describe('CTI OS SoundPreferences: each sound muted or not'),
    shortcuts: ShortcutsSchema.prefault({}).describe('Keyboard shortcuts for the agent actions (null: none); users may change them unless locked'),
    window: WindowPreferencesSchema.prefault({}).describe('Window position and size; users keep their own unless locked'),
    agent: AgentValuesSchema.prefault({}).describe('Reason codes, wrap-up strings and flags (CTI OS Server\\Agent)'),
    transferDirectory: z
      .array(DirectoryEntrySchema)
      .max(500)
      .default([])
      .describe('Agents the transfer dialog offers, with their live states, when CTI Server sends no team configuration (agent sessions)'),
    locked: z.array(jsonPointer).max(1000).default([]).describe('JSON Pointers of values the user may not override, e.g. /screen/bringToFrontOnCall'),
    extra: z.record(z.string(), z.unknown()).optional().describe('Imported values with no place in this schema: kept for an administrator, never used'),
  })
  .strict();

export type DesktopSettings = z.output<typeof DesktopSettingsSchema>;
/** A document as an administrator writes it (defaults may be left out). */
export type DesktopSettingsInput = z.input<typeof DesktopSettingsSchema>;

/** The built-in defaults: every section's defaults, no profiles, no reason codes. */
export const DEFAULT_DESKTOP_SETTINGS: DesktopSettings = DesktopSettingsSchema.parse({ schemaVersion: CURRENT_SCHEMA_VERSION });

/** One problem with a document: where (a JSON Pointer) and what was expected. */
export const SettingsProblemSchema = z.object({ path: z.string(), message: z.string() });
export type SettingsProblem = z.infer<typeof SettingsProblemSchema>;

/**
 * Upgrade steps from older schema versions, one per version: step `n` turns a version
 * `n` document into version `n + 1`. Version 1 is the first, so there are none yet;
 * a new version adds its step here and never changes an old one.
 */
export const SCHEMA_UPGRADES: Readonly<Record<number, (document: Record<string, unknown>) => Record<string, unknown>>> = {};

export type ParsedSettings =
  | { readonly ok: true; readonly settings: DesktopSettings; readonly upgradedFrom?: number }
  | { readonly ok: false; readonly problems: readonly SettingsProblem[] };

/** Checks any JSON value as a settings document: upgraded to the current version, then validated. */
export function parseDesktopSettings(json: unknown): ParsedSettings {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, problems: [{ path: '', message: 'expected a JSON object with a schemaVersion' }] };
  }
  let document = json as Record<string, unknown>;
  const version = document.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, problems: [{ path: '/schemaVersion', message: `expected a schema version from 1 to ${CURRENT_SCHEMA_VERSION}` }] };
  }
  if (version > CURRENT_SCHEMA_VERSION) {
    return {
      ok: false,
      problems: [{ path: '/schemaVersion', message: `schema version ${version} is newer than this desktop understands (${CURRENT_SCHEMA_VERSION}); update the desktop` }],
    };
  }
  for (let from = version; from < CURRENT_SCHEMA_VERSION; from++) {
    const step = SCHEMA_UPGRADES[from];
    if (!step) return { ok: false, problems: [{ path: '/schemaVersion', message: `no upgrade from schema version ${from}` }] };
    document = { ...step(document), schemaVersion: from + 1 };
  }
  const parsed = DesktopSettingsSchema.safeParse(document);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => ({ path: jsonPointerOf(issue.path), message: issue.message })) };
  }
  return { ok: true, settings: parsed.data, ...(version < CURRENT_SCHEMA_VERSION ? { upgradedFrom: version } : {}) };
}

/** A zod issue path as a JSON Pointer (RFC 6901: `~` and `/` escaped). */
export function jsonPointerOf(path: readonly PropertyKey[]): string {
  return path.map((part) => `/${String(part).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}
