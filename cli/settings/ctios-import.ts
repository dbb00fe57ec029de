/**
 * A CTI OS server's registry settings (ctios.md §5) as our desktop settings document.
 * CTI OS kept them under
 *   HKLM\SOFTWARE\[Wow6432Node\]Cisco Systems, Inc.\CTIOS\<Instance>\<Server>\
 *     EnterpriseDesktopSettings\All Desktops\{ECC, Grid, Login, ScreenPreferences, SoundPreferences}
 *     Server\Agent\{ReasonCodes, WrapupStrings, …}
 * and sent them to every desktop on RequestDesktopSettings and at login. This maps what
 * has a place in the document; every other key and value is kept under `extra` (by its
 * registry path, for an administrator to look at) and named in a warning. Values out
 * of range are found by the document's own schema and reported at the registry line
 * they came from.
 */
import {
  CURRENT_SCHEMA_VERSION,
  parseDesktopSettings,
  type ColumnField,
  type DesktopSettings,
  type DesktopSettingsInput,
} from '../../contract/desktop-settings.js';
import type { RegData, RegKey, RegValue } from './reg-file.js';

export interface ImportProblem {
  /** The registry line the problem comes from; absent for the export as a whole. */
  readonly line?: number;
  readonly message: string;
}

export type ImportResult =
  | { readonly ok: true; readonly document: DesktopSettingsInput; readonly settings: DesktopSettings; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly problems: readonly ImportProblem[]; readonly warnings: readonly string[] };

export interface ImportOptions {
  /** `Instance\Server`, for an export that holds more than one CTI OS server. */
  readonly server?: string;
}

/** The port CTI OS servers listen on by default (ctios.md §5.4: 0xa42c). */
const CTIOS_DEFAULT_PORT = 42028;

const CTIOS_ROOT = /^HKEY_LOCAL_MACHINE\\SOFTWARE\\(?:Wow6432Node\\)?Cisco Systems, Inc\.\\CTIOS$/i;

interface ServerKey {
  /** `Instance\Server` as written. */
  readonly id: string;
  readonly key: RegKey;
}

/** Imports the CTI OS server in `root` (the tree of a `.reg` file). */
export function importCtiosSettings(root: RegKey, options: ImportOptions = {}): ImportResult {
  const servers = findServers(root);
  if (servers.length === 0) {
    return {
      ok: false,
      warnings: [],
      problems: [{ message: 'no CTI OS settings found: expected keys under [HKEY_LOCAL_MACHINE\\SOFTWARE\\Cisco Systems, Inc.\\CTIOS\\<Instance>\\<Server>\\…]' }],
    };
  }
  let server: ServerKey | undefined;
  if (options.server !== undefined) {
    server = servers.find((candidate) => candidate.id.toLowerCase() === options.server!.toLowerCase());
    if (!server) return { ok: false, warnings: [], problems: [{ message: `no CTI OS server ${options.server} in this export; it holds ${servers.map((s) => s.id).join(', ')}` }] };
  } else if (servers.length > 1) {
    return {
      ok: false,
      warnings: [],
      problems: [{ message: `the export holds the settings of ${servers.length} CTI OS servers (${servers.map((s) => s.id).join(', ')}); choose one with --server INSTANCE\\SERVER` }],
    };
  } else {
    server = servers[0]!;
  }

  const mapping = new Mapping();
  const document = mapping.document(server.key);
  const warnings = [...mapping.warnings];
  const extra: Record<string, Record<string, unknown>> = {};
  collectUnmapped(root, mapping, servers, server, extra, warnings);
  const output: DesktopSettingsInput = Object.keys(extra).length > 0 ? { ...document, extra } : document;

  const parsed = parseDesktopSettings(output);
  const problems: ImportProblem[] = [...mapping.problems];
  if (!parsed.ok) {
    for (const problem of parsed.problems) {
      const origin = mapping.originOf(problem.path);
      problems.push(
        origin
          ? { line: origin.line, message: `${origin.where}: ${problem.message} (document ${problem.path})` }
          : { message: `${problem.path}: ${problem.message}` },
      );
    }
  }
  if (!parsed.ok || problems.length > 0) return { ok: false, problems: problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)), warnings };
  return { ok: true, document: output, settings: parsed.settings, warnings };
}

/** Every `CTIOS\<Instance>\<Server>` key holding anything, under any instance and server name. */
function findServers(root: RegKey): ServerKey[] {
  const servers: ServerKey[] = [];
  walk(root, (key) => {
    if (!CTIOS_ROOT.test(key.path)) return;
    for (const instance of key.subkeys.values()) {
      for (const server of instance.subkeys.values()) servers.push({ id: `${instance.name}\\${server.name}`, key: server });
    }
  });
  return servers;
}

function walk(key: RegKey, visit: (key: RegKey) => void): void {
  visit(key);
  for (const subkey of key.subkeys.values()) walk(subkey, visit);
}

/**
 * Puts every value the mapping did not use under `extra[keyPath][valueName]`, and every
 * empty leaf key it did not use under `extra[keyPath]` as `{}`, each with a warning.
 * Keys with subkeys and no values are only the path to something: never reported.
 */
function collectUnmapped(
  root: RegKey,
  mapping: Mapping,
  servers: readonly ServerKey[],
  chosen: ServerKey,
  extra: Record<string, Record<string, unknown>>,
  warnings: string[],
): void {
  const others = new Set(servers.filter((server) => server !== chosen).map((server) => server.key));
  const visit = (key: RegKey): void => {
    if (others.has(key)) {
      warnings.push(`warning: ${key.path}: another CTI OS server's settings (choose it with --server); ignored`);
      return;
    }
    const unmapped = [...key.values.values()].filter((value) => !mapping.used.has(value) || mapping.partlyMapped.has(value));
    if (unmapped.length > 0) {
      extra[key.path] = Object.fromEntries(unmapped.map((value) => [value.name === '' ? '@' : value.name, jsonOf(value.data)]));
      for (const value of unmapped) {
        warnings.push(`warning: ${key.path}\\${value.name === '' ? '@' : value.name}: ${mapping.partlyMapped.get(value) ?? 'not mapped'}; kept under extra`);
      }
    } else if (key.declared && key.values.size === 0 && key.subkeys.size === 0 && !mapping.usedKeys.has(key)) {
      extra[key.path] = {};
      warnings.push(`warning: ${key.path}: not mapped; kept under extra`);
    }
    for (const subkey of key.subkeys.values()) visit(subkey);
  };
  visit(root);
}

/** Registry data as JSON: strings and numbers as they are, bytes as regedit's hex. */
function jsonOf(data: RegData): unknown {
  switch (data.type) {
    case 'REG_SZ':
    case 'REG_EXPAND_SZ':
    case 'REG_MULTI_SZ':
    case 'REG_DWORD':
      return data.value;
    case 'REG_QWORD':
      return data.value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(data.value) : data.value.toString();
    case 'REG_BINARY':
      return `hex:${hexList(data.bytes)}`;
    case 'REG_OTHER':
      return `hex(${data.kind.toString(16)}):${hexList(data.bytes)}`;
  }
}

const hexList = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join(',');

/** Where a document value came from: the registry line and a readable path. */
interface Origin {
  readonly line: number;
  readonly where: string;
}

/** CTI OS column Types (ctios.md §5.3) with their aliases, by lower case. */
const CALL_COLUMN_TYPES: ReadonlyMap<string, ColumnField> = new Map<string, ColumnField>([
  ['callid', 'CallID'],
  ['callstatus', 'CallStatus'],
  ['status', 'CallStatus'],
  ['dnis', 'DNIS'],
  ['ani', 'ANI'],
  ['ced', 'CED'],
  ['dialednumber', 'DialedNumber'],
  ['dn', 'DialedNumber'],
  ['usertouserinfo', 'UserToUserInfo'],
  ['wrapup', 'WrapUp'],
  ...Array.from({ length: 10 }, (_, i): [string, ColumnField] => [`var${i + 1}`, `Var${i + 1}` as ColumnField]),
  ['ecc', 'ECC'],
  ['eccvariable', 'ECC'],
  ['eccvar', 'ECC'],
  ['namedvariable', 'ECC'],
  ['eccname', 'ECC'],
  ['eccarray', 'ECCArray'],
  ['namedarray', 'ECCArray'],
  ['campaignid', 'CampaignID'],
  ['queryruleid', 'QueryRuleID'],
]);

const GRIDS = [
  ['CallAppearance', 'callAppearance'],
  ['AgentStatistics', 'agentStatistics'],
  ['SkillGroupStatistics', 'skillGroupStatistics'],
] as const;

const SOUNDS = [
  ['All', 'all'],
  ['RingInTone', 'ringIn'],
  ['DialTone', 'dialTone'],
  ['DTMF', 'dtmf'],
  ['OriginatingTone', 'originatingTone'],
] as const;

const CHAT_LEVELS = {
  disabled: 'disabled',
  primarysupervisor: 'primary-supervisor',
  teamsupervisors: 'team-supervisors',
  team: 'team',
  unrestricted: 'unrestricted',
} as const;
const SUPERVISOR_CHAT_LEVELS = { disabled: 'disabled', team: 'team', unrestricted: 'unrestricted' } as const;

/** ShowFieldBitMask bits (ctios.md §5.4) the login screen has no field for. */
const UNMAPPED_LOGIN_FIELDS = [
  [0x10, 'SkillGroup'],
  [0x80, 'MobileAgent'],
] as const;

type Json = Record<string, unknown>;

/** One import: the registry keys and values it used, where each document value came from, what went wrong. */
class Mapping {
  readonly used = new Set<RegValue>();
  readonly usedKeys = new Set<RegKey>();
  /** Values used but not wholly: kept under extra too, with why. */
  readonly partlyMapped = new Map<RegValue, string>();
  readonly problems: ImportProblem[] = [];
  readonly warnings: string[] = [];
  private readonly origins = new Map<string, Origin>();

  /** The origin recorded for `pointer` or the nearest of its parents. */
  originOf(pointer: string): Origin | undefined {
    for (let path = pointer; path !== ''; path = path.slice(0, path.lastIndexOf('/'))) {
      const origin = this.origins.get(path);
      if (origin) return origin;
    }
    return undefined;
  }

  document(server: RegKey): DesktopSettingsInput {
    const desktops = child(server, 'EnterpriseDesktopSettings', 'All Desktops');
    const agentKey = child(server, 'Server', 'Agent');
    const document: Json = { schemaVersion: CURRENT_SCHEMA_VERSION };
    const ecc = desktops && this.ecc(child(desktops, 'ECC'));
    if (ecc) document.ecc = ecc;
    const grid = desktops && this.grids(child(desktops, 'Grid'));
    if (grid) document.grid = grid;
    const profiles = desktops && this.profiles(child(desktops, 'Login', 'ConnectionProfiles'));
    if (profiles) document.connectionProfiles = profiles;
    const screen = this.screen(desktops && child(desktops, 'ScreenPreferences', 'MainScreen'), agentKey);
    if (screen) document.screen = screen;
    const sounds = desktops && this.sounds(child(desktops, 'SoundPreferences'));
    if (sounds) document.sounds = sounds;
    const supervisor = child(server, 'Server', 'Supervisor') ?? (agentKey && child(agentKey, 'Supervisor'));
    const agent = this.agent(agentKey, supervisor);
    if (agent) document.agent = agent;
    return document as DesktopSettingsInput;
  }

  // ── ECC ──────────────────────────────────────────────────────────────────────

  /** Declared names are empty keys `user.<name>` and `user.<array>[<index>]`; an array's size is its highest index + 1. */
  /**
   * Declared ECC variables: CTI OS keeps one key per name under `ECC` (`user.CustomerID`,
   * `user.Orders[0]`, …; ctios.md §5.2). An export that lists them as values of the
   * `ECC` key instead (`"user.CustomerID"=""`) is read as well.
   */
  private ecc(key: RegKey | undefined): Json | undefined {
    if (!key) return undefined;
    const scalars: string[] = [];
    const arrays = new Map<string, { name: string; size: number; key: RegKey; line: number }>();
    const declare = (declaredName: string, origin: RegKey, line: number) => {
      const match = /^(?:user\.)?(.+?)(?:\[(\d+)\])?$/i.exec(declaredName)!;
      const name = match[1]!;
      if (match[2] === undefined) {
        if (scalars.some((known) => known.toLowerCase() === name.toLowerCase())) return;
        this.origin(`/ecc/scalars/${scalars.length}`, origin, declaredName, line);
        scalars.push(name);
      } else {
        const array = arrays.get(name.toLowerCase()) ?? { name, size: 0, key: origin, line };
        array.size = Math.max(array.size, Number(match[2]) + 1);
        arrays.set(name.toLowerCase(), array);
      }
    };
    for (const declared of key.subkeys.values()) {
      declare(declared.name, declared, declared.line);
      if (declared.subkeys.size === 0) this.usedKeys.add(declared);
    }
    for (const value of key.values.values()) {
      if (!/^user\./i.test(value.name)) continue;
      this.take(key, value.name);
      declare(value.name, key, value.line);
    }
    [...arrays.values()].forEach((array, i) => this.origin(`/ecc/arrays/${i}`, array.key, array.key.name, array.line));
    this.usedKeys.add(key);
    return { scalars, arrays: [...arrays.values()].map(({ name, size }) => ({ name, size })) };
  }

  // ── Grid ─────────────────────────────────────────────────────────────────────

  private grids(key: RegKey | undefined): Json | undefined {
    if (!key) return undefined;
    const grids: Json = {};
    for (const [registryName, field] of GRIDS) {
      const number = child(key, registryName, 'Columns', 'Number');
      if (!number) continue;
      const positions = [...number.subkeys.values()]
        .filter((column) => /^\d+$/.test(column.name))
        .sort((a, b) => Number(a.name) - Number(b.name));
      grids[field] = positions.map((column, i) => this.column(column, field, `/grid/${field}/${i}`));
    }
    return Object.keys(grids).length > 0 ? grids : undefined;
  }

  private column(key: RegKey, grid: (typeof GRIDS)[number][1], pointer: string): Json {
    this.usedKeys.add(key);
    this.origin(pointer, key, `${relative(key)}`);
    const type = this.string(key, 'Type');
    const column: Json = {};
    if (grid === 'callAppearance') {
      const field = type === undefined ? undefined : CALL_COLUMN_TYPES.get(type.toLowerCase());
      if (type === undefined) this.problems.push({ line: key.line, message: `${relative(key)}: a column needs a Type (${[...CALL_COLUMN_TYPES.values()].filter(unique).join(', ')})` });
      else if (field === undefined) {
        this.problems.push({ line: key.values.get('type')!.line, message: `${relative(key)}\\Type: unknown column type "${type}"; expected one of ${[...CALL_COLUMN_TYPES.values()].filter(unique).join(', ')} (or an alias such as Status, DN, NAMEDVARIABLE, NAMEDARRAY)` });
      }
      // A column with a bad Type is already a problem (no document is printed); the
      // placeholder only lets the rest of the column be checked too.
      column.field = field ?? 'CallID';
      const name = this.string(key, 'Name', pointer + '/name');
      if (name !== undefined) column.name = name.replace(/^user\./i, '');
    } else {
      // Statistics grids: the Type is the statistic's CTI OS name.
      if (type === undefined) this.problems.push({ line: key.line, message: `${relative(key)}: a statistics column needs a Type: the statistic it shows, e.g. CallsHandledToday` });
      column.field = 'Statistic';
      column.name = type ?? '';
      this.origin(pointer + '/name', key, `${relative(key)}\\Type`);
    }
    column.header = this.string(key, 'Header', pointer + '/header') ?? type ?? '';
    const width = this.number(key, 'Width', pointer + '/width');
    if (width !== undefined) column.width = width;
    const maxChars = this.number(key, 'MaxChars', pointer + '/maxChars');
    if (maxChars !== undefined) column.maxChars = maxChars;
    const alignment = this.string(key, 'Alignment', pointer + '/alignment');
    if (alignment !== undefined) {
      const aligned = { left: 'left', right: 'right', center: 'center', centered: 'center', centre: 'center' }[alignment.toLowerCase()];
      if (aligned) column.alignment = aligned;
      else this.problems.push({ line: key.values.get('alignment')!.line, message: `${relative(key)}\\Alignment: "${alignment}" is not left, right or centered` });
    }
    const numericOnly = this.boolean(key, 'NumericOnly', pointer + '/numericOnly');
    if (numericOnly !== undefined) column.numericOnly = numericOnly;
    const editable = this.boolean(key, 'editable', pointer + '/editable');
    if (editable !== undefined) column.editable = editable;
    return column;
  }

  // ── Login\ConnectionProfiles ────────────────────────────────────────────────

  private profiles(key: RegKey | undefined): Json[] | undefined {
    if (!key) return undefined;
    this.usedKeys.add(key);
    return [...key.subkeys.values()].map((profile, i) => this.profile(profile, `/connectionProfiles/${i}`));
  }

  private profile(key: RegKey, pointer: string): Json {
    this.usedKeys.add(key);
    this.origin(pointer, key, relative(key));
    const profile: Json = { name: key.name };
    // CTI OS profiles name CTI OS servers (CtiOsA/B); our desktop talks to CTI Server
    // itself, so they become sides A and B, and the administrator must point them at
    // CTI Server's hosts and port before deploying the document (warned below).
    const sides: string[] = [];
    for (const side of ['A', 'B'] as const) {
      const host = this.string(key, `CtiOs${side}`, `${pointer}/side${side}/host`);
      if (host === undefined || host.trim() === '') continue;
      const port = this.number(key, `Port${side}`, `${pointer}/side${side}/port`) ?? CTIOS_DEFAULT_PORT;
      profile[`side${side}`] = { host: host.trim(), port };
      sides.push(`${host.trim()}:${port}`);
    }
    this.warnings.push(
      `warning: ${key.path}: CtiOsA/CtiOsB${sides.length > 0 ? ` (${sides.join(', ')})` : ''} name CTI OS servers; point sides A and B of profile "${key.name}" at CTI Server (host and port, usually 42027) before deploying`,
    );
    const peripheralId = this.number(key, 'PeripheralID', `${pointer}/peripheralId`);
    if (peripheralId !== undefined) profile.peripheralId = peripheralId;
    const heartbeat = this.number(key, 'Heartbeat', `${pointer}/heartbeatIntervalMs`);
    if (heartbeat !== undefined) profile.heartbeatIntervalMs = heartbeat * 1000;
    const maxHeartbeats = this.number(key, 'MaxHeartbeats', `${pointer}/missedHeartbeatLimit`);
    if (maxHeartbeats !== undefined) profile.missedHeartbeatLimit = maxHeartbeats;
    const autoLogin = this.boolean(key, 'AutoLogin', `${pointer}/autoLogin`);
    if (autoLogin !== undefined) profile.autoLogin = autoLogin;
    const warn = this.boolean(key, 'WarnIfAlreadyLoggedIn', `${pointer}/duplicateLogin`);
    const reject = this.boolean(key, 'RejectIfAlreadyLoggedIn', `${pointer}/duplicateLogin`);
    if (reject) profile.duplicateLogin = 'reject';
    else if (warn !== undefined) profile.duplicateLogin = warn ? 'warn' : 'allow';
    const mask = this.number(key, 'ShowFieldBitMask', `${pointer}/loginFields`);
    if (mask !== undefined) {
      profile.loginFields = {
        identity: mask & 0x20 || !(mask & 0x40) ? 'agentId' : 'loginName',
        instrument: Boolean(mask & 0x01),
        password: Boolean(mask & 0x02),
        workMode: Boolean(mask & 0x04),
        position: Boolean(mask & 0x08),
      };
      const unmapped = UNMAPPED_LOGIN_FIELDS.filter(([bit]) => mask & bit).map(([bit, name]) => `0x${bit.toString(16)} (${name})`);
      if (unmapped.length > 0) {
        // Mapped in part: the whole value also stays under extra, its warning naming the bits.
        this.partlyMapped.set(key.values.get('showfieldbitmask')!, `bits ${unmapped.join(', ')} have no login field here`);
      }
    }
    const agentStatistics = this.boolean(key, 'DisableAgentStatistics', `${pointer}/agentStatistics`);
    if (agentStatistics !== undefined) profile.agentStatistics = !agentStatistics;
    const skillGroupStatistics = this.boolean(key, 'DisableSkillGroupStatistics', `${pointer}/skillGroupStatistics`);
    if (skillGroupStatistics !== undefined) profile.skillGroupStatistics = !skillGroupStatistics;
    const silentMonitor = this.boolean(key, 'IPCCSilentMonitorEnabled', `${pointer}/silentMonitor`) ?? this.boolean(key, 'UCCESilentMonitorEnabled', `${pointer}/silentMonitor`);
    if (silentMonitor !== undefined) profile.silentMonitor = silentMonitor;
    return profile;
  }

  // ── ScreenPreferences, SoundPreferences ─────────────────────────────────────

  private screen(main: RegKey | undefined, agent: RegKey | undefined): Json | undefined {
    const screen: Json = {};
    if (main) {
      this.usedKeys.add(main);
      for (const [name, field] of [
        ['BringToFrontOnCall', 'bringToFrontOnCall'],
        ['FlashOnCall', 'flashOnCall'],
        ['RecordingEnabled', 'recordingEnabled'],
      ] as const) {
        const value = this.boolean(main, name, `/screen/${field}`);
        if (value !== undefined) screen[field] = value;
      }
    }
    // Agent statistics refresh: the desktop asked every AgentStatisticsIntervalSec, the
    // CTI OS server polled CTI Server every PollingIntervalSec; the figures changed at
    // the slower of the two, and that is the one interval our desktop polls at.
    const intervals = [
      [main, 'AgentStatisticsIntervalSec'],
      [agent, 'PollingIntervalSec'],
    ] as const;
    let slowest: { seconds: number; key: RegKey; value: RegValue } | undefined;
    for (const [key, name] of intervals) {
      if (!key) continue;
      const seconds = this.number(key, name);
      if (seconds !== undefined && (slowest === undefined || seconds > slowest.seconds)) slowest = { seconds, key, value: key.values.get(name.toLowerCase())! };
    }
    if (slowest) {
      this.origin('/screen/statisticsIntervalMs', slowest.key, `${relative(slowest.key)}\\${slowest.value.name}`, slowest.value.line);
      screen.statisticsIntervalMs = slowest.seconds * 1000;
    }
    return Object.keys(screen).length > 0 ? screen : undefined;
  }

  private sounds(key: RegKey | undefined): Json | undefined {
    if (!key) return undefined;
    const sounds: Json = {};
    for (const [name, field] of SOUNDS) {
      const sound = child(key, name);
      if (!sound) continue;
      this.usedKeys.add(sound);
      const mute = this.boolean(sound, 'Mute', `/sounds/${field}/mute`);
      sounds[field] = mute === undefined ? {} : { mute };
    }
    return Object.keys(sounds).length > 0 ? sounds : undefined;
  }

  // ── Server\Agent ────────────────────────────────────────────────────────────

  private agent(key: RegKey | undefined, supervisor: RegKey | undefined): Json | undefined {
    const agent: Json = {};
    if (key) {
      const reasons = child(key, 'ReasonCodes');
      for (const [name, field] of [
        ['NotReady', 'notReadyReasons'],
        ['Logout', 'logoutReasons'],
      ] as const) {
        const list = reasons && child(reasons, name);
        if (list) agent[field] = this.reasonCodes(list, `/agent/${field}`);
      }
      for (const [name, field] of [
        ['NotReadyReasonRequired', 'notReadyReasonRequired'],
        ['LogoutReasonRequired', 'logoutReasonRequired'],
        ['EnableWrapupDialog', 'wrapupDialog'],
        ['WrapupDataRequired', 'wrapupDataRequired'],
      ] as const) {
        const value = this.boolean(key, name, `/agent/${field}`);
        if (value !== undefined) agent[field] = value;
      }
      const strings = child(key, 'WrapupStrings');
      for (const [name, field] of [
        ['Incoming', 'wrapupIncoming'],
        ['Outgoing', 'wrapupOutgoing'],
      ] as const) {
        const list = strings && child(strings, name);
        if (list) agent[field] = this.wrapupStrings(list, `/agent/${field}`);
      }
      const chatLevel = this.choice(key, 'AgentChatLevel', CHAT_LEVELS, '/agent/chatLevel');
      if (chatLevel !== undefined) agent.chatLevel = chatLevel;
    }
    const supervisorChatLevel = supervisor && this.choice(supervisor, 'SupervisorChatLevel', SUPERVISOR_CHAT_LEVELS, '/agent/supervisorChatLevel');
    if (supervisorChatLevel !== undefined) agent.supervisorChatLevel = supervisorChatLevel;
    return Object.keys(agent).length > 0 ? agent : undefined;
  }

  /**
   * Each value is one reason: its name the text the agent picks, its data the code
   * (ctios.md §5.5). An export written the other way round — the code as the name, the
   * text as string data (`"12"="Lunch"`) — is read as well.
   */
  private reasonCodes(key: RegKey, pointer: string): Json[] {
    this.usedKeys.add(key);
    const reasons: Json[] = [];
    for (const value of key.values.values()) {
      if (value.name === '') continue; // a default value is no reason; it stays under extra
      if (/^\d+$/.test(value.name) && value.data.type === 'REG_SZ' && !/^\s*(\d+|0x[0-9a-f]+)\s*$/i.test(value.data.value)) {
        const text = this.string(key, value.name, `${pointer}/${reasons.length}/text`);
        if (text === undefined) continue;
        this.origin(`${pointer}/${reasons.length}`, key, `${relative(key)}\\${value.name}`, value.line);
        reasons.push({ code: Number(value.name), text });
        continue;
      }
      const code = this.number(key, value.name, `${pointer}/${reasons.length}/code`);
      if (code === undefined) continue;
      this.origin(`${pointer}/${reasons.length}`, key, `${relative(key)}\\${value.name}`, value.line);
      reasons.push({ code, text: value.name });
    }
    return reasons;
  }

  /** `String0`, `String1`, … in number order. */
  private wrapupStrings(key: RegKey, pointer: string): string[] {
    this.usedKeys.add(key);
    const numbered = [...key.values.values()]
      .map((value) => ({ value, index: /^String(\d+)$/i.exec(value.name)?.[1] }))
      .filter((entry): entry is { value: RegValue; index: string } => entry.index !== undefined)
      .sort((a, b) => Number(a.index) - Number(b.index));
    const strings: string[] = [];
    for (const { value } of numbered) {
      const text = this.string(key, value.name, `${pointer}/${strings.length}`);
      if (text !== undefined) strings.push(text);
    }
    return strings;
  }

  // ── Reading values ──────────────────────────────────────────────────────────

  private origin(pointer: string, key: RegKey, where: string, line = key.line): void {
    this.origins.set(pointer, { line, where });
  }

  /** Looks a value up (the registry ignores case), marks it used and records where `pointer` came from. */
  private take(key: RegKey, name: string, pointer?: string): RegValue | undefined {
    const value = key.values.get(name.toLowerCase());
    if (!value) return undefined;
    this.used.add(value);
    if (pointer !== undefined) this.origin(pointer, key, `${relative(key)}\\${value.name}`, value.line);
    return value;
  }

  private string(key: RegKey, name: string, pointer?: string): string | undefined {
    const value = this.take(key, name, pointer);
    if (!value) return undefined;
    switch (value.data.type) {
      case 'REG_SZ':
      case 'REG_EXPAND_SZ':
        return value.data.value;
      case 'REG_DWORD':
        return String(value.data.value);
      default:
        this.problems.push({ line: value.line, message: `${relative(key)}\\${value.name}: expected a string, not ${value.data.type}` });
        return undefined;
    }
  }

  /** A dword (or qword), or a string holding a decimal or 0x-hex number, as regedit users write either. */
  private number(key: RegKey, name: string, pointer?: string): number | undefined {
    const value = this.take(key, name, pointer);
    if (!value) return undefined;
    const data = value.data;
    if (data.type === 'REG_DWORD') return data.value;
    if (data.type === 'REG_QWORD' && data.value <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(data.value);
    if (data.type === 'REG_SZ' && /^\s*(\d+|0x[0-9a-f]+)\s*$/i.test(data.value)) return Number(data.value.trim());
    const shown = data.type === 'REG_SZ' ? `"${data.value}"` : data.type;
    this.problems.push({ line: value.line, message: `${relative(key)}\\${value.name}: expected a number (dword:…), not ${shown}` });
    return undefined;
  }

  private boolean(key: RegKey, name: string, pointer?: string): boolean | undefined {
    const value = key.values.get(name.toLowerCase());
    if (value?.data.type === 'REG_SZ' && /^\s*(true|false|yes|no)\s*$/i.test(value.data.value)) {
      this.take(key, name, pointer);
      return /^\s*(true|yes)\s*$/i.test(value.data.value);
    }
    const number = this.number(key, name, pointer);
    return number === undefined ? undefined : number !== 0;
  }

  private choice<T extends string>(key: RegKey, name: string, choices: Readonly<Record<string, T>>, pointer: string): T | undefined {
    const text = this.string(key, name, pointer);
    if (text === undefined) return undefined;
    const choice = choices[text.trim().toLowerCase()];
    if (choice === undefined) {
      const value = key.values.get(name.toLowerCase())!;
      this.problems.push({ line: value.line, message: `${relative(key)}\\${value.name}: "${text}" is not one of ${Object.keys(choices).join(', ')} (any case)` });
    }
    return choice;
  }
}

const unique = <T>(item: T, index: number, list: readonly T[]) => list.indexOf(item) === index;

/** A subkey by path, ignoring case as the registry does. */
function child(key: RegKey, ...names: string[]): RegKey | undefined {
  let current: RegKey | undefined = key;
  for (const name of names) current = current?.subkeys.get(name.toLowerCase());
  return current;
}

/** A key's path from the CTI OS server down (`Server\Agent\ReasonCodes\NotReady`), for messages. */
function relative(key: RegKey): string {
  const match = /^HKEY_LOCAL_MACHINE\\SOFTWARE\\(?:Wow6432Node\\)?Cisco Systems, Inc\.\\CTIOS\\[^\\]+\\[^\\]+\\(.*)$/i.exec(key.path);
  return match ? match[1]! : key.path;
}
