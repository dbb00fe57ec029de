import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDesktopCommandLine } from '../../../main/app/command-line.js';

describe('the Electron shell\'s --policy', () => {
  it('names a policy file relative to the working folder, in either spelling', () => {
    expect(parseDesktopCommandLine(['.', '--policy', 'it/policy.json'], '/work')).toEqual({ ok: true, options: { policyFile: path.resolve('/work', 'it/policy.json') } });
    expect(parseDesktopCommandLine(['--policy=/etc/p.json', '--no-sandbox'], '/work')).toEqual({ ok: true, options: { policyFile: '/etc/p.json' } });
  });

  it('needs a value', () => {
    expect(parseDesktopCommandLine(['--policy'], '/work')).toEqual({ ok: false, error: 'The command-line option --policy needs a value (a policy file).' });
  });
});
