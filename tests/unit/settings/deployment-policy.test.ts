import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeploymentPolicyError, loadDeploymentPolicy, machinePolicyFile, NO_POLICY, policySettingsSource, policySides } from '../../../main/settings/deployment-policy.js';

describe('the deployment policy', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'policy-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('lives in each platform\'s machine-wide place', () => {
    expect(machinePolicyFile('linux', {})).toBe('/etc/ucce-softphone/policy.json');
    expect(machinePolicyFile('win32', { ProgramData: 'D:\\ProgramData' })).toBe('D:\\ProgramData\\UCCE Softphone\\policy.json');
    expect(machinePolicyFile('darwin', {})).toBe('/Library/Application Support/UCCE Softphone/policy.json');
  });

  it('reads every setting of a full policy', async () => {
    const file = path.join(dir, 'policy.json');
    await writeFile(
      file,
      JSON.stringify({
        cti: { sideA: 'cti-a.example.org:42027', sideB: 'cti-b.example.org:43027' },
        settings: { source: 'https://settings.example.org/desktop-settings.json', refreshIntervalMs: 60000, locked: { '/screen/bringToFrontOnCall': true } },
        updates: { channel: 'beta' },
        rememberPasswords: true,
      }),
    );
    const { policy, file: from } = await loadDeploymentPolicy(file);
    expect(from).toBe(file);
    expect(policy).toEqual({
      cti: { sideA: { host: 'cti-a.example.org', port: 42027 }, sideB: { host: 'cti-b.example.org', port: 43027 } },
      settings: { source: { kind: 'url', url: 'https://settings.example.org/desktop-settings.json' }, refreshIntervalMs: 60000, locked: { '/screen/bringToFrontOnCall': true } },
      updates: { channel: 'beta' },
      rememberPasswords: true,
    });
  });

  it('is empty when the machine has none, and an error when --policy names a missing file', async () => {
    expect(await loadDeploymentPolicy(undefined, path.join(dir, 'none.json'))).toEqual({ policy: NO_POLICY, file: undefined });
    await expect(loadDeploymentPolicy(path.join(dir, 'none.json'))).rejects.toThrow(`the policy file ${path.join(dir, 'none.json')} does not exist; check the path given with --policy`);
  });

  it('says in one line what is wrong with a bad policy', async () => {
    const file = path.join(dir, 'policy.json');
    const cases: [string, string][] = [
      ['{ "cti": ', 'is not valid JSON'],
      ['{"cti":{"sideA":"nohost"}}', 'cti.sideA:'],
      ['{"settings":{"source":"relative/path.json"}}', 'settings.source: "relative/path.json" is neither an http(s) URL nor an absolute file path'],
      ['{"settings":{"source":"ftp://x/y"}}', 'only http:// and https:// URLs or file paths'],
      ['{"settings":{"locked":{"screen":true}}}', 'settings.locked.screen'],
      ['{"rememberPasswords":"yes"}', 'rememberPasswords'],
      ['{"unknown":1}', 'Unrecognized key'],
    ];
    for (const [text, message] of cases) {
      await writeFile(file, text);
      const error = await loadDeploymentPolicy(file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeploymentPolicyError);
      expect((error as Error).message).toContain(message);
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('wins over the user: its CTI Servers and settings source replace theirs', () => {
    const user = { A: { host: 'mine', port: 1 } };
    expect(policySides(NO_POLICY, user)).toBe(user);
    const policy = { ...NO_POLICY, cti: { sideB: { host: 'it', port: 2 } } };
    expect(policySides(policy, user)).toEqual({ B: { host: 'it', port: 2 } });
    expect(policySettingsSource(NO_POLICY, undefined, 'http://127.0.0.1:9/')).toEqual({ kind: 'simulator', url: 'http://127.0.0.1:9/desktop-settings' });
    expect(policySettingsSource(NO_POLICY, undefined, undefined)).toEqual({ kind: 'none' });
    expect(policySettingsSource(NO_POLICY, { kind: 'url', url: 'https://mine/' }, 'http://127.0.0.1:9')).toEqual({ kind: 'url', url: 'https://mine/' });
    const file = { ...NO_POLICY, settings: { ...NO_POLICY.settings, source: { kind: 'file' as const, path: '\\\\server\\share\\desktop.json' } } };
    expect(policySettingsSource(file, { kind: 'url', url: 'https://mine/' }, 'http://127.0.0.1:9')).toEqual({ kind: 'file', path: '\\\\server\\share\\desktop.json' });
  });
});
