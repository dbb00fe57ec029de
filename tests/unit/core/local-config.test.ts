import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadLocalConfig } from '../../../main/core/local-config.js';

describe('config.json and the desktop settings document', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'local-config-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('says where a setting that moved to the document now lives', async () => {
    await writeFile(path.join(dir, 'config.json'), JSON.stringify({ desk: { notReadyReasonRequired: true } }));
    await expect(loadLocalConfig(dir)).rejects.toThrow('desk.notReadyReasonRequired: moved to the desktop settings document (agent.notReadyReasonRequired); remove it from config.json and set it there');
    await writeFile(path.join(dir, 'config.json'), JSON.stringify({ statistics: { intervalMs: 5000 } }));
    await expect(loadLocalConfig(dir)).rejects.toThrow('statistics.intervalMs: moved to the desktop settings document (screen.statisticsIntervalMs)');
  });

  it('keeps the wrap-up modes and takes the user\'s settings source', async () => {
    await writeFile(path.join(dir, 'config.json'), JSON.stringify({ desk: { wrapupIncoming: 'required' }, settingsSource: 'https://intranet.example/desktop.json' }));
    const config = await loadLocalConfig(dir);
    expect(config.desk).toEqual({ wrapupIncoming: 'required', wrapupOutgoing: 'optional' });
    expect(config.settingsSource).toEqual({ kind: 'url', url: 'https://intranet.example/desktop.json' });
  });
});
