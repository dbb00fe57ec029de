import { z } from 'zod';
import type { JSONSchema } from 'zod/v4/core';
import {
  CURRENT_SCHEMA_VERSION,
  DEFAULT_DESKTOP_SETTINGS,
  DesktopSettingsSchema,
  ECC_ARRAY_ELEMENT,
  GridColumnSchema,
  parseDesktopSettings,
} from '../contract/desktop-settings.js';
import { EXAMPLE_DESKTOP_SETTINGS } from '../simulator/desktop-settings-example.js';

/**
 * The desktop settings files published in resources/ for administrators (issue 10 item 1),
 * all derived from code: the JSON Schema from the zod schema, the defaults from its
 * defaults, the example from the document the simulator serves. `npm run settings:schema`
 * writes them; a unit test regenerates them in memory and fails when the committed ones
 * differ, so they cannot drift from the schema the desktop enforces.
 */

export interface PublishedFile {
  /** Relative to the repository. */
  readonly path: string;
  readonly text: string;
}

export const SCHEMA_FILE = 'resources/desktop-settings.schema.json';
export const DEFAULT_FILE = 'resources/desktop-settings.default.json';
export const EXAMPLE_FILE = 'resources/desktop-settings.example.json';
export const REGENERATE = 'npm run settings:schema';

/** A column whose `field` is `value`. */
const fieldIs = (value: string): JSONSchema.JSONSchema => ({ properties: { field: { const: value } }, required: ['field'] });

/**
 * The column rules zod checks in a refinement, which `toJSONSchema` cannot see, written out
 * as JSON Schema so an administrator's editor flags them too. Uniqueness of reason codes and
 * profile names has no JSON Schema form; `cti settings validate` checks it.
 */
const COLUMN_RULES: JSONSchema.JSONSchema[] = [
  { if: fieldIs('ECC'), then: { required: ['name'] } },
  { if: fieldIs('Statistic'), then: { required: ['name'] } },
  { if: fieldIs('ECCArray'), then: { required: ['name'], properties: { name: { type: 'string', pattern: ECC_ARRAY_ELEMENT.source } } } },
];

/** The document as an administrator writes it: the input side, where defaults make fields optional. */
export function desktopSettingsJsonSchema(): Record<string, unknown> {
  const { $schema, ...generated } = z.toJSONSchema(DesktopSettingsSchema, {
    io: 'input',
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema === GridColumnSchema) jsonSchema.allOf = COLUMN_RULES;
    },
  });
  return {
    $schema,
    $id: `urn:ucce-softphone:desktop-settings:${CURRENT_SCHEMA_VERSION}`,
    title: 'UCCE Softphone desktop settings',
    description:
      'The desktop settings document every desktop downloads on connect (CTI OS EnterpriseDesktopSettings and Server\\Agent values). ' +
      'Only schemaVersion is required; every other value has a default. Check a document with `cti settings validate FILE`.',
    ...generated,
  };
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export function publishedSettingsFiles(): PublishedFile[] {
  const example = parseDesktopSettings(EXAMPLE_DESKTOP_SETTINGS);
  if (!example.ok) {
    const problems = example.problems.map((p) => `${p.path || '/'}: ${p.message}`).join('; ');
    throw new Error(`simulator/desktop-settings-example.ts is not a valid settings document: ${problems}`);
  }
  return [
    { path: SCHEMA_FILE, text: json(desktopSettingsJsonSchema()) },
    { path: DEFAULT_FILE, text: json(DEFAULT_DESKTOP_SETTINGS) },
    { path: EXAMPLE_FILE, text: json(EXAMPLE_DESKTOP_SETTINGS) },
  ];
}
