import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCtiosSettings, type ImportResult } from '../../../cli/settings/ctios-import.js';
import { parseRegText, readRegFile } from '../../../cli/settings/reg-file.js';
import { parseDesktopSettings } from '../../../contract/desktop-settings.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/ctios');
const ROOT = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Cisco Systems, Inc.\\CTIOS\\CTIOS_test\\CTIOS1';
const DESKTOPS = `${ROOT}\\EnterpriseDesktopSettings\\All Desktops`;

/** Imports a version 5.00 export made of `lines`; the header is line 1, so `lines[i]` is line i + 2. */
function importLines(lines: string[], options = {}): ImportResult {
  const file = parseRegText(['Windows Registry Editor Version 5.00', ...lines].join('\r\n'));
  expect(file.problems).toEqual([]);
  return importCtiosSettings(file.root, options);
}

function ok(result: ImportResult) {
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.problems)}`);
  return result;
}

function problems(result: ImportResult) {
  if (result.ok) throw new Error('the import was expected to fail');
  return result.problems;
}

describe('importing the realistic CTI OS export (tests/fixtures/ctios/ctios-acme.reg)', () => {
  const result = ok(importCtiosSettings(readRegFile(readFileSync(path.join(FIXTURES, 'ctios-acme.reg'))).root));
  const { settings, document, warnings } = result;

  it('gives a document the schema accepts', () => expect(parseDesktopSettings(document).ok).toBe(true));

  it('maps both reason-code lists, text → code, with quotes and backslashes unescaped', () => {
    expect(settings.agent.notReadyReasons).toEqual([
      { code: 1, text: 'Break' },
      { code: 2, text: 'Lunch' },
      { code: 3, text: 'Coaching "1:1"' },
      { code: 4, text: 'Back Office \\ Email' },
    ]);
    expect(settings.agent.logoutReasons.map((reason) => reason.code)).toEqual([11, 12, 13, 14]);
    expect(settings.agent).toMatchObject({ notReadyReasonRequired: true, logoutReasonRequired: true, wrapupDialog: true, wrapupDataRequired: true });
  });

  it('maps incoming and outgoing wrap-up strings in String0..n order, and both chat levels', () => {
    expect(settings.agent.wrapupIncoming).toEqual(['Sale', 'No Sale', 'Call Back Requested', 'Complaint \\ Escalated']);
    expect(settings.agent.wrapupOutgoing).toEqual(['Left Voicemail', 'Reached Customer']);
    expect(settings.agent.chatLevel).toBe('team-supervisors');
    expect(settings.agent.supervisorChatLevel).toBe('unrestricted');
  });

  it('maps the 18 default call-appearance columns and three ECC columns, in position order', () => {
    const columns = settings.grid.callAppearance;
    expect(columns.map((column) => column.field)).toEqual([
      'CallID', 'CallStatus', 'DNIS', 'ANI', 'CED', 'DialedNumber', 'UserToUserInfo', 'WrapUp',
      'Var1', 'Var2', 'Var3', 'Var4', 'Var5', 'Var6', 'Var7', 'Var8', 'Var9', 'Var10',
      'ECC', 'ECCArray', 'ECC',
    ]);
    expect(columns[6]).toMatchObject({ header: 'User To User Info', maxChars: 129, editable: true });
    expect(columns[0]).toMatchObject({ header: 'Call ID', width: 80, editable: false });
    expect(columns[18]).toEqual({ field: 'ECC', name: 'CustomerID', header: 'Customer', width: 100, maxChars: 20, alignment: 'right', numericOnly: true, editable: false });
    expect(columns[19]).toMatchObject({ field: 'ECCArray', name: 'Orders[0]' });
    expect(columns[20]).toMatchObject({ field: 'ECC', name: 'BAResponse', alignment: 'center', editable: true });
  });

  it('maps the statistics grids: each Type is a statistic', () => {
    expect(settings.grid.agentStatistics.map((column) => [column.field, column.name, column.header])).toEqual([
      ['Statistic', 'CallsHandledToday', 'Calls Handled'],
      ['Statistic', 'AvgTalkTimeToday', 'Avg Talk'],
      ['Statistic', 'TimeLoggedInToday', 'Logged In'],
      ['Statistic', 'AvailTimeToday', 'Available'],
    ]);
    expect(settings.grid.skillGroupStatistics[0]).toMatchObject({ field: 'Statistic', name: 'SkillGroupNumber', width: 90 });
  });

  it('maps the declared ECC names: scalars, and arrays with their size', () => {
    expect(settings.ecc).toEqual({ scalars: ['CustomerID', 'AccountType', 'BAResponse'], arrays: [{ name: 'Orders', size: 3 }] });
  });

  it('maps both connection profiles (not the deleted one) and their login policy', () => {
    expect(settings.connectionProfiles.map((profile) => profile.name)).toEqual(['UCCE Inbound', 'Mobile Agents']);
    const [inbound, mobile] = settings.connectionProfiles;
    expect(inbound).toMatchObject({
      sideA: { host: 'ctios-a.acme.example', port: 42028 },
      sideB: { host: 'ctios-b.acme.example', port: 42028 },
      peripheralId: 5000,
      heartbeatIntervalMs: 5000,
      missedHeartbeatLimit: 3,
      autoLogin: true,
      duplicateLogin: 'warn',
      loginFields: { identity: 'agentId', instrument: true, password: true, workMode: false, position: false },
      agentStatistics: true,
      skillGroupStatistics: true,
      silentMonitor: true,
    });
    expect(mobile).toMatchObject({ peripheralId: 5001, heartbeatIntervalMs: 10_000, missedHeartbeatLimit: 5, duplicateLogin: 'reject', skillGroupStatistics: false, silentMonitor: false });
  });

  it('warns for each profile that its sides name CTI OS servers, to be pointed at CTI Server', () => {
    const profileWarnings = warnings.filter((warning) => warning.includes('point sides A and B'));
    expect(profileWarnings).toHaveLength(2);
    expect(profileWarnings[0]).toMatch(/^warning: .*\\ConnectionProfiles\\UCCE Inbound: CtiOsA\/CtiOsB \(ctios-a\.acme\.example:42028, ctios-b\.acme\.example:42028\) name CTI OS servers/);
  });

  it('maps screen and sound preferences; the statistics interval is the slower of desktop and server polling', () => {
    expect(settings.screen).toEqual({ bringToFrontOnCall: true, flashOnCall: true, recordingEnabled: true, statisticsIntervalMs: 15_000 });
    expect(settings.sounds).toEqual({ all: { mute: false }, ringIn: { mute: false }, dialTone: { mute: false }, dtmf: { mute: true }, originatingTone: { mute: true } });
  });

  it('keeps what it cannot map under extra, by registry path, each with a warning; deleted values are gone', () => {
    const extra = document.extra as Record<string, Record<string, unknown>>;
    expect(extra[`${ROOT.replace('CTIOS_test', 'CTIOS_acme')}\\EnterpriseDesktopSettings\\All Desktops\\IPCCSilentMonitor\\Settings`]).toMatchObject({ MediaTerminationPort: 4000, MonitoringIPPort: 39200 });
    const acme = ROOT.replace('CTIOS_test', 'CTIOS_acme');
    expect(extra[`${acme}\\Server\\Peers`]).toEqual({ PeerList: ['ctios-b.acme.example', 'ctios-c.acme.example'] });
    expect(extra[`${acme}\\EMS\\CurrentVersion\\Library\\Processes\\ctios`]).toEqual({ EMSTraceMask: 0x40000, EMSMaxFileSize: 5 * 1024 * 1024 });
    expect(extra[`${acme}\\EnterpriseDesktopSettings\\All Desktops\\SoundPreferences\\RingInTone`]).toEqual({ WaveFile: '%SystemRoot%\\Media\\Ring05.wav' });
    // Mobile Agents' TOS was deleted with "TOS"=-; its ShowFieldBitMask is mapped in part and kept.
    expect(extra[`${acme}\\EnterpriseDesktopSettings\\All Desktops\\Login\\ConnectionProfiles\\Mobile Agents`]).toEqual({ ShowFieldBitMask: 0xa3, RasCallMode: 1 });
    expect(warnings).toContain(`warning: ${acme}\\EnterpriseDesktopSettings\\All Desktops\\Login\\ConnectionProfiles\\Mobile Agents\\ShowFieldBitMask: bits 0x80 (MobileAgent) have no login field here; kept under extra`);
    expect(warnings).toContain(`warning: ${acme}\\Server\\Peers\\PeerList: not mapped; kept under extra`);
    const keptValues = Object.values(extra).reduce((count, values) => count + Object.keys(values).length, 0);
    expect(warnings.filter((warning) => warning.endsWith('kept under extra'))).toHaveLength(keptValues);
  });

  it('keeps nothing it maps under extra: reason codes, wrap-up strings, columns, ECC and profiles', () => {
    const paths = Object.keys(document.extra ?? {}).join('\n');
    expect(paths).not.toMatch(/ReasonCodes|WrapupStrings|\\ECC|Columns\\Number\\\d|MainScreen/);
  });
});

describe('importing the REGEDIT4 export of a 32-bit server (Wow6432Node, Windows-1252)', () => {
  const { settings } = ok(importCtiosSettings(readRegFile(readFileSync(path.join(FIXTURES, 'ctios-globex-regedit4.reg'))).root));

  it('finds the server under Wow6432Node and maps the column Type aliases', () => {
    expect(settings.grid.callAppearance.map((column) => [column.field, column.name])).toEqual([
      ['CallStatus', undefined],
      ['DialedNumber', undefined],
      ['ECC', 'PolicyNumber'],
      ['ECCArray', 'Claims[1]'],
    ]);
    expect(settings.grid.callAppearance[0]!.header).toBe('État');
  });

  it('maps accented reason texts and login by name', () => {
    expect(settings.agent.notReadyReasons).toEqual([
      { code: 0x15, text: 'Réunion' },
      { code: 0x16, text: 'Pause café' },
    ]);
    expect(settings.agent.wrapupIncoming).toEqual(['Renseignement', 'Réclamation']);
    expect(settings.connectionProfiles[0]).toMatchObject({ name: 'Globex', duplicateLogin: 'allow', loginFields: { identity: 'loginName' } });
    expect(settings.ecc.arrays).toEqual([{ name: 'Claims', size: 2 }]);
  });
});

describe('CTI OS mapping details', () => {
  const column = (n: number, ...values: string[]) => [`[${DESKTOPS}\\Grid\\CallAppearance\\Columns\\Number\\${n}]`, ...values];

  it('knows every column Type alias of ctios.md §5.3', () => {
    const aliases = ['CallStatus', 'Status', 'DialedNumber', 'DN', 'ECC', 'ECCVariable', 'ECCVar', 'NAMEDVARIABLE', 'eccname', 'ECCARRAY', 'NAMEDARRAY', 'CampaignID', 'QueryRuleID', 'UserToUserInfo', 'Var10'];
    const lines = aliases.flatMap((type, i) => column(i + 1, `"Type"="${type}"`, ...(/ecc|named/i.test(type) ? [`"Name"="${/array/i.test(type) ? 'arr[0]' : 'user.X'}"`] : [])));
    const { settings } = ok(importLines(lines));
    expect(settings.grid.callAppearance.map((c) => c.field)).toEqual([
      'CallStatus', 'CallStatus', 'DialedNumber', 'DialedNumber', 'ECC', 'ECC', 'ECC', 'ECC', 'ECC', 'ECCArray', 'ECCArray', 'CampaignID', 'QueryRuleID', 'UserToUserInfo', 'Var10',
    ]);
    expect(settings.grid.callAppearance[4]!.name).toBe('X');
    expect(settings.grid.callAppearance[0]!.header).toBe('CallStatus');
  });

  it('orders columns by position number, not by the order written', () => {
    const { settings } = ok(importLines([...column(10, '"Type"="ANI"'), ...column(2, '"Type"="DNIS"')]));
    expect(settings.grid.callAppearance.map((c) => c.field)).toEqual(['DNIS', 'ANI']);
  });

  it('reports an unknown column Type and a bad alignment at their lines', () => {
    const result = importLines([...column(1, '"Type"="Colour"'), ...column(2, '"Type"="ANI"', '"Alignment"="middle"')]);
    expect(problems(result)).toEqual([
      { line: 3, message: expect.stringMatching(/Columns\\Number\\1\\Type: unknown column type "Colour"; expected one of CallID, CallStatus/) },
      { line: 6, message: expect.stringMatching(/Alignment: "middle" is not left, right or centered/) },
    ]);
  });

  it('reports values out of range at the registry line they came from', () => {
    const long = 'A reason text far longer than forty-two characters';
    const result = importLines([
      `[${ROOT}\\Server\\Agent\\ReasonCodes\\NotReady]`,
      '"Break"=dword:00000001',
      `"${long}"=dword:00000002`,
      '"Too Big"=dword:00011170',
      '"Again"=dword:00000001',
      `[${DESKTOPS}\\Login\\ConnectionProfiles\\Main]`,
      '"Heartbeat"=dword:00000000',
      '"MaxHeartbeats"="many"',
    ]);
    expect(problems(result)).toEqual([
      { line: 4, message: expect.stringMatching(new RegExp(`ReasonCodes\\\\NotReady\\\\${long}: .*42.*\\(document /agent/notReadyReasons/1/text\\)`)) },
      { line: 5, message: expect.stringMatching(/ReasonCodes\\NotReady\\Too Big: .*65535.*\(document \/agent\/notReadyReasons\/2\/code\)/) },
      { line: 6, message: expect.stringMatching(/NotReady\\Again: reason code 1 is listed twice \(document \/agent\/notReadyReasons\/3\/code\)/) },
      { line: 8, message: expect.stringMatching(/ConnectionProfiles\\Main\\Heartbeat: .*250.*heartbeatIntervalMs/) },
      { line: 9, message: expect.stringMatching(/ConnectionProfiles\\Main\\MaxHeartbeats: expected a number \(dword:…\), not "many"/) },
    ]);
  });

  it('reads reason codes written the other way round too: the code as the name, the text as data', () => {
    const result = importLines([`[${ROOT}\\Server\\Agent\\ReasonCodes\\Logout]`, '"51"="End of shift"', '"Lunch"=dword:00000034']);
    expect(ok(result).settings.agent.logoutReasons).toEqual([
      { code: 51, text: 'End of shift' },
      { code: 52, text: 'Lunch' },
    ]);
  });

  it('reads ECC declarations listed as values of the ECC key too', () => {
    const result = ok(importLines([`[${DESKTOPS}\\ECC]`, '"user.CustomerID"=""', '"user.Orders[0]"=""', '"user.Orders[1]"=""']));
    expect(result.settings.ecc).toEqual({ scalars: ['CustomerID'], arrays: [{ name: 'Orders', size: 2 }] });
    expect(result.document.extra).toBeUndefined();
  });

  it('maps the duplicate-login values and the login fields bit mask', () => {
    const profile = (name: string, ...values: string[]) => [`[${DESKTOPS}\\Login\\ConnectionProfiles\\${name}]`, ...values];
    const { settings } = ok(
      importLines([
        ...profile('Reject', '"WarnIfAlreadyLoggedIn"=dword:1', '"RejectIfAlreadyLoggedIn"=dword:1', '"ShowFieldBitMask"=dword:0000002f'),
        ...profile('Allow', '"WarnIfAlreadyLoggedIn"=dword:0', '"ShowFieldBitMask"="0x42"'),
        ...profile('Default', '"CtiOsA"="ctios-a"', '"UCCESilentMonitorEnabled"=dword:1'),
      ]),
    );
    const [reject, allow, defaults] = settings.connectionProfiles;
    expect(reject).toMatchObject({ duplicateLogin: 'reject', loginFields: { identity: 'agentId', instrument: true, password: true, workMode: true, position: true } });
    expect(allow).toMatchObject({ duplicateLogin: 'allow', loginFields: { identity: 'loginName', instrument: false, password: true } });
    // No port: CTI OS's own default, which the warning tells the administrator to replace.
    expect(defaults).toMatchObject({ duplicateLogin: 'warn', sideA: { host: 'ctios-a', port: 42028 }, silentMonitor: true });
    expect(defaults!.sideB).toBeUndefined();
  });

  it('reads numbers and flags written as strings too', () => {
    const { settings } = ok(importLines([`[${DESKTOPS}\\ScreenPreferences\\MainScreen]`, '"FlashOnCall"="1"', '"BringToFrontOnCall"="false"', '"AgentStatisticsIntervalSec"="30"']));
    expect(settings.screen).toMatchObject({ flashOnCall: true, bringToFrontOnCall: false, statisticsIntervalMs: 30_000 });
  });

  it('takes the supervisor chat level from Server\\Supervisor or Server\\Agent\\Supervisor, and reports an unknown level', () => {
    expect(ok(importLines([`[${ROOT}\\Server\\Agent\\Supervisor]`, '"SupervisorChatLevel"="team"'])).settings.agent.supervisorChatLevel).toBe('team');
    expect(problems(importLines([`[${ROOT}\\Server\\Agent]`, '"AgentChatLevel"="Everyone"']))).toEqual([
      { line: 3, message: expect.stringMatching(/AgentChatLevel: "Everyone" is not one of disabled, primarysupervisor, teamsupervisors, team, unrestricted/) },
    ]);
  });

  it('keeps unmapped empty keys and keys outside CTI OS under extra; paths to mapped keys are never reported', () => {
    const result = ok(importLines([`[${DESKTOPS}]`, `[${DESKTOPS}\\Custom Screen]`, '[HKEY_CURRENT_USER\\Software\\Other]', '"X"=dword:1', `[${DESKTOPS}\\SoundPreferences\\All]`, '"Mute"=dword:1']));
    expect(result.document.extra).toEqual({ [`${DESKTOPS}\\Custom Screen`]: {}, 'HKEY_CURRENT_USER\\Software\\Other': { X: 1 } });
    expect(result.warnings).toEqual([`warning: ${DESKTOPS}\\Custom Screen: not mapped; kept under extra`, 'warning: HKEY_CURRENT_USER\\Software\\Other\\X: not mapped; kept under extra']);
  });

  it('asks which server when the export holds several, and imports the one chosen', () => {
    const other = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Cisco Systems, Inc.\\CTIOS\\CTIOS_test\\CTIOS2';
    const lines = [`[${ROOT}\\Server\\Agent]`, '"AgentChatLevel"="Team"', `[${other}\\Server\\Agent]`, '"AgentChatLevel"="Disabled"'];
    expect(problems(importLines(lines))).toEqual([{ message: expect.stringMatching(/2 CTI OS servers \(CTIOS_test\\CTIOS1, CTIOS_test\\CTIOS2\); choose one with --server/) }]);
    const chosen = ok(importLines(lines, { server: 'ctios_test\\ctios2' }));
    expect(chosen.settings.agent.chatLevel).toBe('disabled');
    expect(chosen.warnings).toEqual([expect.stringMatching(/CTIOS1: another CTI OS server's settings \(choose it with --server\); ignored/)]);
    expect(problems(importLines(lines, { server: 'X\\Y' }))).toEqual([{ message: expect.stringMatching(/no CTI OS server X\\Y in this export; it holds CTIOS_test\\CTIOS1, CTIOS_test\\CTIOS2/) }]);
  });

  it('says so when the export holds no CTI OS settings', () => {
    expect(problems(importLines(['[HKEY_CURRENT_USER\\Software\\Other]']))).toEqual([{ message: expect.stringMatching(/no CTI OS settings found/) }]);
  });
});
