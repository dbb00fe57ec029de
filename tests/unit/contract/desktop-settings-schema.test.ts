import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import {
  CURRENT_SCHEMA_VERSION,
  DEFAULT_DESKTOP_SETTINGS,
  parseDesktopSettings,
  type DesktopSettings,
  type SettingsProblem,
} from '../../../contract/desktop-settings.js';
import {
  DEFAULT_FILE,
  EXAMPLE_FILE,
  REGENERATE,
  SCHEMA_FILE,
  desktopSettingsJsonSchema,
  publishedSettingsFiles,
} from '../../../scripts/settings-schema-files.js';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
const readResource = (file: string) => readFileSync(path.join(REPO_ROOT, file), 'utf8');
const example = () => JSON.parse(readResource(EXAMPLE_FILE)) as Record<string, unknown>;

function settingsOf(json: unknown): DesktopSettings {
  const parsed = parseDesktopSettings(json);
  if (!parsed.ok) expect.fail(`expected a valid document, got ${JSON.stringify(parsed.problems)}`);
  return parsed.settings;
}

function problemsOf(json: unknown): readonly SettingsProblem[] {
  const parsed = parseDesktopSettings(json);
  if (parsed.ok) expect.fail(`expected problems with ${JSON.stringify(json)}`);
  return parsed.problems;
}

/** A document of the current version with `section` replaced. */
const withSection = (section: string, value: unknown) => ({ schemaVersion: CURRENT_SCHEMA_VERSION, [section]: value });

/** The value a JSON Pointer names in `document`, or undefined. */
function resolvePointer(document: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), document);
}

/** The fields of CTI OS's callappearance.default.reg.txt, in its order (ctios.md §5.3). */
const CTI_OS_CALL_APPEARANCE = ['CallID', 'CallStatus', 'DNIS', 'ANI', 'CED', 'DialedNumber', 'UserToUserInfo', 'WrapUp', ...Array.from({ length: 10 }, (_, i) => `Var${i + 1}`)];

describe('the published files in resources/ are current', () => {
  it.each(publishedSettingsFiles().map((file) => [file.path, file.text] as const))('%s', (file, generated) => {
    let committed: string | undefined;
    try {
      committed = readResource(file);
    } catch {
      committed = undefined;
    }
    // One line that says what to do, not a 1,000-line diff.
    if (committed !== generated) expect.fail(`${file} is not current with contract/desktop-settings.ts: run ${REGENERATE} and commit the result`);
  });
});

describe('defaults', () => {
  it('a document with only schemaVersion is the built-in defaults, and so is the published default file', () => {
    expect(settingsOf({ schemaVersion: CURRENT_SCHEMA_VERSION })).toEqual(DEFAULT_DESKTOP_SETTINGS);
    expect(settingsOf(JSON.parse(readResource(DEFAULT_FILE)))).toEqual(DEFAULT_DESKTOP_SETTINGS);
  });

  it("the call appearance grid defaults to CTI OS's 18 columns", () => {
    const columns = DEFAULT_DESKTOP_SETTINGS.grid.callAppearance;
    expect(columns.map((c) => c.field).sort()).toEqual([...CTI_OS_CALL_APPEARANCE].sort());
    expect(columns.find((c) => c.field === 'UserToUserInfo')).toMatchObject({ maxChars: 129, editable: true });
    expect(columns.filter((c) => c.field.startsWith('Var')).every((c) => c.maxChars === 40 && c.editable)).toBe(true);
  });

  it('a section given in part keeps the defaults of the rest', () => {
    const settings = settingsOf({ schemaVersion: 1, screen: { flashOnCall: true }, connectionProfiles: [{ name: 'Lab' }] });
    expect(settings.screen).toEqual({ ...DEFAULT_DESKTOP_SETTINGS.screen, flashOnCall: true });
    expect(settings.connectionProfiles[0]).toMatchObject({ name: 'Lab', peripheralId: 5000, duplicateLogin: 'warn', loginFields: { identity: 'agentId', password: true } });
  });
});

describe('each section reports its problems with a JSON Pointer to the value', () => {
  const cases: [string, unknown, string, RegExp][] = [
    ['an ECC name with a space', withSection('ecc', { scalars: ['Customer ID'] }), '/ecc/scalars/0', /no spaces/],
    ['an ECC array of size 0', withSection('ecc', { arrays: [{ name: 'Lines', size: 0 }] }), '/ecc/arrays/0/size', />=1/],
    ['a column too narrow', withSection('grid', { callAppearance: [{ field: 'ANI', header: 'ANI', width: 3 }] }), '/grid/callAppearance/0/width', />=16/],
    ['a column of an unknown field', withSection('grid', { agentStatistics: [{ field: 'Nope', header: 'x' }] }), '/grid/agentStatistics/0/field', /CallID/],
    ['a port out of range', withSection('connectionProfiles', [{ name: 'P', sideA: { host: 'cti-a', port: 70000 } }]), '/connectionProfiles/0/sideA/port', /<=65535/],
    ['an unknown login field', withSection('connectionProfiles', [{ name: 'P', loginFields: { mobileAgent: true } }]), '/connectionProfiles/0/loginFields', /mobileAgent/],
    ['a statistics interval under a second', withSection('screen', { statisticsIntervalMs: 10 }), '/screen/statisticsIntervalMs', />=1000/],
    ['a sound that is not a boolean', withSection('sounds', { ringIn: { mute: 'yes' } }), '/sounds/ringIn/mute', /boolean/],
    ['a reason text over 42 characters', withSection('agent', { notReadyReasons: [{ code: 1, text: 'x'.repeat(43) }] }), '/agent/notReadyReasons/0/text', /<=42/],
    ['a reason code of 0', withSection('agent', { logoutReasons: [{ code: 0, text: 'Gone' }] }), '/agent/logoutReasons/0/code', />=1/],
    ['a wrap-up string over 39 characters', withSection('agent', { wrapupOutgoing: ['ok', 'y'.repeat(40)] }), '/agent/wrapupOutgoing/1', /<=39/],
    ['an unknown chat level', withSection('agent', { chatLevel: 'everyone' }), '/agent/chatLevel', /team-supervisors/],
    ['a lock that is not a JSON Pointer', withSection('locked', ['screen.flashOnCall']), '/locked/0', /JSON Pointer/],
    ['an unknown top-level key', withSection('colours', {}), '', /colours/],
  ];
  it.each(cases)('%s', (_what, document, pointer, message) => {
    expect(problemsOf(document)).toContainEqual({ path: pointer, message: expect.stringMatching(message) });
  });

  it('every problem of a document is reported, not only the first', () => {
    const problems = problemsOf({ schemaVersion: 1, screen: { flashOnCall: 1 }, agent: { wrapupIncoming: [''] } });
    expect(problems.map((p) => p.path).sort()).toEqual(['/agent/wrapupIncoming/0', '/screen/flashOnCall']);
  });
});

describe('duplicates', () => {
  it('a reason code listed twice is reported at its second place, in either list', () => {
    const reasons = [{ code: 2, text: 'Break' }, { code: 3, text: 'Meeting' }, { code: 2, text: 'Coffee' }];
    expect(problemsOf(withSection('agent', { notReadyReasons: reasons }))).toEqual([{ path: '/agent/notReadyReasons/2/code', message: 'reason code 2 is listed twice' }]);
    expect(problemsOf(withSection('agent', { logoutReasons: reasons }))).toEqual([{ path: '/agent/logoutReasons/2/code', message: 'reason code 2 is listed twice' }]);
  });

  it('the same code may be a Not Ready and a Logout reason', () => {
    settingsOf(withSection('agent', { notReadyReasons: [{ code: 1, text: 'Lunch' }], logoutReasons: [{ code: 1, text: 'Lunch' }] }));
  });

  it('a profile name listed twice', () => {
    expect(problemsOf(withSection('connectionProfiles', [{ name: 'Main' }, { name: 'Main' }]))).toEqual([
      { path: '/connectionProfiles/1/name', message: 'profile "Main" is listed twice' },
    ]);
  });
});

describe('ECC and statistic columns', () => {
  const grid = (column: Record<string, unknown>) => withSection('grid', { callAppearance: [{ header: 'H', ...column }] });

  it('an ECC column names its variable', () => {
    expect(problemsOf(grid({ field: 'ECC' }))).toEqual([{ path: '/grid/callAppearance/0/name', message: expect.stringContaining('needs a name: the ECC variable') }]);
    settingsOf(grid({ field: 'ECC', name: 'CustomerID' }));
  });

  it('an ECCArray column names its element as name[index]', () => {
    for (const name of ['OrderLines', 'OrderLines[]', 'OrderLines[x]', 'Order Lines[0]']) {
      expect(problemsOf(grid({ field: 'ECCArray', name }))).toEqual([{ path: '/grid/callAppearance/0/name', message: 'an ECCArray column names its element as name[index]' }]);
    }
    settingsOf(grid({ field: 'ECCArray', name: 'OrderLines[4]' }));
  });

  it('a statistic column names its statistic', () => {
    expect(problemsOf(withSection('grid', { agentStatistics: [{ field: 'Statistic', header: 'Calls' }] }))).toEqual([
      { path: '/grid/agentStatistics/0/name', message: expect.stringContaining('needs a name: the statistic') },
    ]);
  });
});

describe('schemaVersion', () => {
  it('a newer version asks for a desktop update', () => {
    expect(problemsOf({ schemaVersion: CURRENT_SCHEMA_VERSION + 1 })).toEqual([
      { path: '/schemaVersion', message: expect.stringMatching(/newer than this desktop understands.*update the desktop/) },
    ]);
  });

  it.each([
    ['missing', {}],
    ['older than the first', { schemaVersion: 0 }],
    ['not a whole number', { schemaVersion: 1.5 }],
    ['a string', { schemaVersion: '1' }],
  ])('%s', (_what, document) => {
    expect(problemsOf(document)).toEqual([{ path: '/schemaVersion', message: `expected a schema version from 1 to ${CURRENT_SCHEMA_VERSION}` }]);
  });

  it.each([
    ['an array', []],
    ['null', null],
    ['a string', 'settings'],
  ])('a document that is %s', (_what, json) => {
    expect(problemsOf(json)).toEqual([{ path: '', message: 'expected a JSON object with a schemaVersion' }]);
  });
});

describe('the example', () => {
  it('validates, with the values an administrator looks for', () => {
    const settings = settingsOf(example());
    expect(settings.agent.notReadyReasons.map((r) => r.text)).toEqual(expect.arrayContaining(['Lunch', 'Break', 'Meeting', 'Training']));
    expect(settings.agent.logoutReasons.map((r) => r.text)).toContain('End of shift');
    expect(settings.agent.wrapupIncoming.length).toBeGreaterThan(2);
    expect(settings.agent.wrapupOutgoing.length).toBeGreaterThan(2);
    expect(settings.connectionProfiles).toHaveLength(2);
    // CTI OS's 18 default columns come first, as CTI OS's default file defines them.
    const fields = settings.grid.callAppearance.map((c) => c.field);
    expect(fields.slice(0, 18)).toEqual(CTI_OS_CALL_APPEARANCE);
  });

  it('its ECC columns show declared ECC variables', () => {
    const settings = settingsOf(example());
    const eccColumns = settings.grid.callAppearance.filter((c) => c.field === 'ECC' || c.field === 'ECCArray');
    expect(eccColumns.length).toBeGreaterThan(1);
    for (const column of eccColumns) {
      if (column.field === 'ECC') expect(settings.ecc.scalars).toContain(column.name);
      else {
        const [, name, index] = /^(.+)\[(\d+)\]$/.exec(column.name!)!;
        const array = settings.ecc.arrays.find((a) => a.name === name);
        expect(array, `${column.name} is declared`).toBeDefined();
        expect(Number(index)).toBeLessThan(array!.size);
      }
    }
  });

  it('locks values that exist', () => {
    const settings = settingsOf(example());
    expect(settings.locked.length).toBeGreaterThan(1);
    for (const pointer of settings.locked) expect(resolvePointer(settings, pointer), pointer).toBeTypeOf('boolean');
  });
});

describe('the JSON Schema for administrators', () => {
  // Strict: an unknown keyword is an error. strictRequired (ajv's own lint, not the spec)
  // would refuse the column rules' `then: { required: ['name'] }`, whose `name` is declared
  // beside the `allOf`, not inside it.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  const validate = ajv.compile(JSON.parse(readResource(SCHEMA_FILE)) as object);
  const errorsOf = (document: unknown) => (validate(document) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));

  it('is a 2020-12 schema with an id and a title', () => {
    expect(desktopSettingsJsonSchema()).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', $id: expect.any(String), title: expect.any(String) });
  });

  it('accepts the example, the defaults and the smallest document', () => {
    expect(errorsOf(example())).toEqual([]);
    expect(errorsOf(JSON.parse(readResource(DEFAULT_FILE)))).toEqual([]);
    expect(errorsOf({ schemaVersion: CURRENT_SCHEMA_VERSION })).toEqual([]);
  });

  it('rejects a broken document where the desktop would, at the same JSON Pointer', () => {
    const broken = example();
    delete broken.schemaVersion;
    (broken.screen as Record<string, unknown>).flashOnCall = 'yes';
    (broken.agent as { notReadyReasons: { text: string }[] }).notReadyReasons[0]!.text = 'x'.repeat(43);
    const errors = errorsOf(broken);
    expect(errors).toEqual(expect.arrayContaining([expect.stringMatching(/^ must have required property 'schemaVersion'/), '/screen/flashOnCall must be boolean', '/agent/notReadyReasons/0/text must NOT have more than 42 characters']));
    const problems = problemsOf({ ...broken, schemaVersion: CURRENT_SCHEMA_VERSION }).map((p) => p.path);
    expect(problems).toEqual(['/screen/flashOnCall', '/agent/notReadyReasons/0/text']);
  });

  it.each([
    ['an unknown key', { schemaVersion: 1, colours: {} }],
    ['a newer schemaVersion', { schemaVersion: CURRENT_SCHEMA_VERSION + 1 }],
    ['an ECC column without a name', withSection('grid', { callAppearance: [{ field: 'ECC', header: 'Customer' }] })],
    ['a statistic column without a name', withSection('grid', { skillGroupStatistics: [{ field: 'Statistic', header: 'Avail' }] })],
    ['an ECCArray column not naming an element', withSection('grid', { callAppearance: [{ field: 'ECCArray', header: 'Lines', name: 'OrderLines' }] })],
  ])('rejects %s, as the desktop does', (_what, document) => {
    expect(errorsOf(document)).not.toEqual([]);
    expect(parseDesktopSettings(document).ok).toBe(false);
  });
});
