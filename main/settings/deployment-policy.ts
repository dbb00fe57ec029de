import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { endpointText } from '../core/local-config.js';
import { PRODUCT_NAME } from '../core/user-data.js';
import type { SideEndpoints } from '../cti/endpoints.js';
import { settingsSourceText, simulatorSettingsSource, type SettingsSource } from './settings-source.js';

const jsonPointer = z.string().regex(/^(\/[^/]+)+$/, 'expected a JSON Pointer such as /screen/bringToFrontOnCall');

/**
 * The deployment configuration IT sets for every user of a machine (issue 10 item 5):
 * where the CTI Servers are, where the central desktop settings come from, the update
 * channel, values locked on this machine, and whether passwords may be remembered.
 * It wins over the user's own config.json and command-line flags.
 */
export const DeploymentPolicySchema = z
  .object({
    cti: z
      .object({
        sideA: endpointText.optional(),
        sideB: endpointText.optional(),
        /** Pins the GED-188 protocol version for every user; absent: the newest each side takes. */
        protocolVersion: z.number().int().min(13).max(25).optional(),
      })
      .strict()
      .prefault({}),
    settings: z
      .object({
        /** An http(s) URL or an absolute file path (a network share too). */
        source: settingsSourceText.optional(),
        /** How often an open session checks the source for a changed document; 0: only on each connect. */
        refreshIntervalMs: z.number().int().min(0).max(86_400_000).default(300_000),
        /** Values set and locked on this machine, over the central document's (JSON Pointer → value). */
        locked: z.record(jsonPointer, z.json()).default({}),
      })
      .strict()
      .prefault({}),
    updates: z.object({ channel: z.enum(['stable', 'beta', 'off']).default('stable') }).strict().prefault({}),
    rememberPasswords: z.boolean().default(false),
  })
  .strict();
export type DeploymentPolicy = z.output<typeof DeploymentPolicySchema>;

export const NO_POLICY: DeploymentPolicy = DeploymentPolicySchema.parse({});

export class DeploymentPolicyError extends Error {
  override readonly name = 'DeploymentPolicyError';
}

/** Where each platform keeps machine-wide configuration that users cannot change. */
export function machinePolicyFile(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return path.win32.join(env.ProgramData ?? 'C:\\ProgramData', PRODUCT_NAME, 'policy.json');
  if (platform === 'darwin') return path.posix.join('/Library/Application Support', PRODUCT_NAME, 'policy.json');
  return '/etc/ucce-softphone/policy.json';
}

export interface LoadedPolicy {
  readonly policy: DeploymentPolicy;
  /** The file it came from; undefined when there is none (no machine policy). */
  readonly file: string | undefined;
}

/**
 * Reads the policy: `explicitFile` (`--policy FILE`, which must exist), else the
 * machine-wide file, which may be absent. A policy that cannot be read or is not
 * valid is an error with one line naming the file, the setting and the problem.
 */
export async function loadDeploymentPolicy(explicitFile?: string, machineFile = machinePolicyFile()): Promise<LoadedPolicy> {
  const file = explicitFile ?? machineFile;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && explicitFile === undefined) return { policy: NO_POLICY, file: undefined };
    if (code === 'ENOENT') throw new DeploymentPolicyError(`the policy file ${file} does not exist; check the path given with --policy`);
    throw new DeploymentPolicyError(`cannot read the policy file ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DeploymentPolicyError(`the policy file ${file} is not valid JSON (${(error as Error).message}); ask IT to fix it`);
  }
  const result = DeploymentPolicySchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.join('.') || '(top level)';
    throw new DeploymentPolicyError(`the policy file ${file}: ${where}: ${issue?.message ?? 'invalid'}; ask IT to fix it`);
  }
  return { policy: result.data, file };
}

/** The CTI Server sides: the policy's when it names any, else the user's (flags, then config.json). */
export function policySides(policy: DeploymentPolicy, user: SideEndpoints): SideEndpoints {
  const { sideA, sideB } = policy.cti;
  return sideA || sideB ? { ...(sideA && { A: sideA }), ...(sideB && { B: sideB }) } : user;
}

/**
 * The settings source: the policy's, else the user's (config.json), else the built-in
 * simulator's when the desktop runs on it, else none.
 */
/**
 * What both shells give core about the desktop settings from the policy: the source
 * (policy's, the user's, or the built-in simulator's), how often to ask it, and the
 * values the policy locks.
 */
export function policySettingsOptions(
  policy: DeploymentPolicy,
  user: SettingsSource | undefined,
  embeddedSimulatorControlUrl: string | undefined,
): {
  readonly source: SettingsSource;
  readonly refreshIntervalMs: number;
  readonly policyLocked: Readonly<Record<string, unknown>>;
  readonly pinnedProtocolVersion?: number;
} {
  return {
    source: policySettingsSource(policy, user, embeddedSimulatorControlUrl),
    refreshIntervalMs: policy.settings.refreshIntervalMs,
    policyLocked: policy.settings.locked,
    // The connection profile's protocol version, locked by IT on this machine.
    ...(policy.cti.protocolVersion === undefined ? {} : { pinnedProtocolVersion: policy.cti.protocolVersion }),
  };
}

export function policySettingsSource(policy: DeploymentPolicy, user: SettingsSource | undefined, embeddedSimulatorControlUrl: string | undefined): SettingsSource {
  if (policy.settings.source) return policy.settings.source;
  if (user) return user;
  return embeddedSimulatorControlUrl ? simulatorSettingsSource(embeddedSimulatorControlUrl) : { kind: 'none' };
}
