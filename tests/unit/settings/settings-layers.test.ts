import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DESKTOP_SETTINGS, DesktopSettingsSchema, type DesktopSettings } from '../../../contract/index.js';
import { valueAt } from '../../../main/settings/json-pointer.js';
import { isLocked, layerSettings } from '../../../main/settings/settings-layers.js';

const central = (input: object): DesktopSettings => DesktopSettingsSchema.parse({ schemaVersion: 1, ...input });
const none = {};

describe('the settings layers: defaults < central < preferences < locked', () => {
  it('uses the built-in defaults where the central document says nothing', () => {
    const { effective, locked, problems } = layerSettings({ central: central({ screen: { flashOnCall: true } }), policyLocked: none, preferences: none });
    expect(effective.screen).toEqual({ ...DEFAULT_DESKTOP_SETTINGS.screen, flashOnCall: true });
    expect(effective.grid).toEqual(DEFAULT_DESKTOP_SETTINGS.grid);
    expect(locked).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('a preference wins over the central value, a lock wins over the preference', () => {
    const preferences = { '/sounds/ringIn/mute': true, '/screen/bringToFrontOnCall': false };
    const open = layerSettings({ central: central({}), policyLocked: none, preferences });
    expect(open.effective.sounds.ringIn.mute).toBe(true);
    expect(open.effective.screen.bringToFrontOnCall).toBe(false);
    const lockedDoc = central({ screen: { bringToFrontOnCall: true }, locked: ['/screen/bringToFrontOnCall'] });
    const locked = layerSettings({ central: lockedDoc, policyLocked: none, preferences });
    expect(locked.effective.screen.bringToFrontOnCall).toBe(true);
    expect(locked.effective.sounds.ringIn.mute).toBe(true);
    expect(locked.locked).toEqual(['/screen/bringToFrontOnCall']);
    expect(locked.effective.locked).toEqual(['/screen/bringToFrontOnCall']);
  });

  it('locks a whole part, and puts locked values back under a preference over a wider part', () => {
    const columns = DEFAULT_DESKTOP_SETTINGS.grid.callAppearance;
    const reordered = [columns[1]!, columns[0]!, ...columns.slice(2)].map((c, i) => (i === 0 ? { ...c, width: 300 } : c));
    const doc = central({ locked: ['/grid/callAppearance/0/width', '/sounds'] });
    const { effective } = layerSettings({ central: doc, policyLocked: none, preferences: { '/grid/callAppearance': reordered, '/sounds/dtmf/mute': true } });
    expect(effective.grid.callAppearance.map((c) => c.field).slice(0, 2)).toEqual(['CallStatus', 'CallID']);
    // Column 0's width is locked at the central value, whatever column the user put first.
    expect(effective.grid.callAppearance[0]!.width).toBe(columns[0]!.width);
    expect(effective.sounds.dtmf.mute).toBe(false);
  });

  it('the deployment policy sets and locks values over the central document', () => {
    const { effective, locked } = layerSettings({
      central: central({ agent: { notReadyReasonRequired: false }, locked: ['/screen/flashOnCall'] }),
      policyLocked: { '/agent/notReadyReasonRequired': true, '/sounds/all/mute': true },
      preferences: { '/sounds/all/mute': false },
    });
    expect(effective.agent.notReadyReasonRequired).toBe(true);
    expect(effective.sounds.all.mute).toBe(true);
    expect(locked).toEqual(['/screen/flashOnCall', '/agent/notReadyReasonRequired', '/sounds/all/mute']);
  });

  it('reports preferences and policy values that cannot apply, and applies the rest', () => {
    const { effective, problems } = layerSettings({
      central: central({}),
      policyLocked: { '/screen/nothing/here': 1, '/screen/statisticsIntervalMs': 5 },
      preferences: {
        '/agent/notReadyReasonRequired': false,
        '/grid/callAppearance/0/width': 5,
        '/grid/callAppearance': [{ field: 'ANI', header: 'ANI' }],
        '/sounds/dtmf/mute': true,
      },
    });
    expect(problems.map((p) => p.path)).toEqual(['/screen/nothing/here', '/screen/statisticsIntervalMs', '/agent/notReadyReasonRequired', '/grid/callAppearance/0/width', '/grid/callAppearance']);
    expect(problems[2]!.message).toContain('not something a user may set');
    expect(problems[4]!.message).toContain('reorder the columns');
    expect(effective.sounds.dtmf.mute).toBe(true);
    expect(effective.grid.callAppearance).toEqual(DEFAULT_DESKTOP_SETTINGS.grid.callAppearance);
  });

  it('property: every locked value is the central one, and every applicable unlocked preference shows', () => {
    const soundPointers = ['all', 'ringIn', 'dialTone', 'dtmf', 'originatingTone'].map((s) => `/sounds/${s}/mute`);
    const pointers = [...soundPointers, '/screen/bringToFrontOnCall', '/screen/flashOnCall'];
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...pointers), fc.boolean()),
        fc.dictionary(fc.constantFrom(...pointers), fc.boolean()),
        fc.subarray([...pointers, '/sounds', '/screen']),
        fc.dictionary(fc.constantFrom(...pointers), fc.boolean(), { maxKeys: 2 }),
        (centralValues, preferences, lockedPointers, policyLocked) => {
          let doc: Record<string, unknown> = { schemaVersion: 1, locked: lockedPointers };
          for (const [pointer, value] of Object.entries(centralValues)) {
            const [, part, key, leaf] = pointer.split('/');
            const section = (doc[part!] ?? {}) as Record<string, unknown>;
            doc = { ...doc, [part!]: { ...section, [key!]: leaf ? { [leaf]: value } : value } };
          }
          const parsed = central(doc);
          const { effective, locked } = layerSettings({ central: parsed, policyLocked, preferences });
          for (const pointer of pointers) {
            const expected = pointer in policyLocked ? policyLocked[pointer] : isLocked(pointer, locked) ? valueAt(parsed, pointer) : pointer in preferences ? preferences[pointer] : valueAt(parsed, pointer);
            expect(valueAt(effective, pointer)).toBe(expected);
          }
        },
      ),
    );
  });
});
