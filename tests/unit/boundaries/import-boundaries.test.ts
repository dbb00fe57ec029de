import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The process and layer boundaries are lint rules (design.md). These cases prove
 * the rules bite: each forbidden import is reported, each allowed one is not.
 */
const eslint = new ESLint({
  cwd: path.resolve(import.meta.dirname, '../../..'),
  // The probes are not files of the TypeScript project, so the type-aware checks (which need one) are off here.
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/switch-exhaustiveness-check': 'off' },
  },
});

async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  // A probe that does not even parse would pass every "allows" case and fail "rejects" for the wrong reason.
  const fatal = result?.messages.find((m) => m.fatal);
  if (fatal) throw new Error(`${file} could not be linted: ${fatal.message}`);
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'layers/allowed-imports' || m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
    .map((m) => m.message);
}

describe('import boundaries', () => {
  // Loading the config, parsers and plugins takes seconds on a busy machine: once, before the cases.
  beforeAll(async () => {
    await eslint.lintText('export {};', { filePath: 'main/core/warm-up.ts' });
  }, 60_000);

  it.each([
    ['main/core/probe.ts', "import { app } from 'electron';\nexport const x = app;"],
    ['main/cti/probe.ts', "import { app } from 'electron';\nexport const x = app;"],
    ['main/settings/probe.ts', "import electron from 'electron';\nexport const x = electron;"],
    ['ged188/probe.ts', "import { app } from 'electron';\nexport const x = app;"],
    ['ged188/probe.ts', "import net from 'node:net';\nexport const x = net;"],
    ['ged188/probe.ts', "import { z } from '../contract/index.js';\nexport const x = z;"],
    ['ged188/layouts/probe.ts', "import { z } from '../../contract/index.js';\nexport const x = z;"],
    ['ged188/layouts/probe.ts', "import fs from 'node:fs';\nexport const x = fs;"],
    ['simulator/probe.ts', "import { app } from 'electron';\nexport const x = app;"],
    ['renderer/src/probe.ts', "import fs from 'fs';\nexport const x = fs;"],
    ['renderer/src/probe.ts', "import { readFile } from 'node:fs/promises';\nexport const x = readFile;"],
    ['renderer/src/probe.ts', "import { shell } from 'electron';\nexport const x = shell;"],
    ['renderer/src/probe.ts', "import { SoftphoneCore } from '../../main/core/softphone-core.js';\nexport const x = SoftphoneCore;"],
    ['main/app/probe.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;"],
    ['main/app/probe.ts', "import * as electron from 'electron';\nexport const x = electron.ipcRenderer;"],
    ['contract/probe.ts', "import net from 'node:net';\nexport const x = net;"],
    ['contract/probe.ts', "import { TAGS } from '../ged188/index.js';\nexport const x = TAGS;"],
    ['main/core/probe.ts', "import { CtiSimulator } from '../../simulator/index.js';\nexport const x = CtiSimulator;"],
    ['main/cti/agent/probe.ts', "export { CtiSimulator } from '../../../simulator/index.js';"],
    ['main/core/probe.ts', "import { bindIpc } from '../app/ipc-bridge.js';\nexport const x = bindIpc;"],
    ['main/core/probe.ts', "import { WebSocketServer } from 'ws';\nexport const x = WebSocketServer;"],
    ['preload/probe.ts', "import { SoftphoneCore } from '../main/core/softphone-core.js';\nexport const x = SoftphoneCore;"],
    ['preload/probe.ts', "import fs from 'node:fs';\nexport const x = fs;"],
    ['renderer/src/probe.ts', "import { WebSocket } from 'ws';\nexport const x = WebSocket;"],
    ['renderer/src/probe.ts', "const x = import('../../simulator/index.js');\nexport { x };"],
    ['simulator/probe.ts', "import { COMMANDS } from '../contract/index.js';\nexport const x = COMMANDS;"],
    ['cli/probe.ts', "import { bindIpc } from '../main/app/ipc-bridge.js';\nexport const x = bindIpc;"],
  ])('rejects %s: %s', async (file, code) => {
    expect(await boundaryErrors(file, code)).not.toEqual([]);
  });

  it.each([
    ['main/app/probe.ts', "import { app, ipcMain } from 'electron';\nexport const x = [app, ipcMain];"],
    ['preload/probe.ts', "import { contextBridge, ipcRenderer } from 'electron';\nexport const x = [contextBridge, ipcRenderer];"],
    ['main/core/probe.ts', "import net from 'node:net';\nexport const x = net;"],
    ['renderer/src/probe.ts', "import { COMMANDS } from '../../contract/index.js';\nexport const x = COMMANDS;"],
    ['ged188/probe.ts', "import { TAGS } from './tags.js';\nexport const x = TAGS;"],
    ['ged188/layouts/probe.ts', "import type { MessageTable } from '../message-def.js';\nexport type X = MessageTable;"],
    ['preload/probe.ts', "import { IPC_CHANNELS } from '../contract/softphone-api.js';\nexport const x = IPC_CHANNELS;"],
    ['main/browser-host/probe.ts', "import { CtiSimulator } from '../../simulator/index.js';\nexport const x = CtiSimulator;"],
    ['main/app/probe.ts', "import { configuredOrEmbedded } from '../../simulator/index.js';\nexport const x = configuredOrEmbedded;"],
    ['cli/probe.ts', "import { MonitorSession } from '../main/cti/monitor/monitor-session.js';\nexport const x = MonitorSession;"],
    ['tests/unit/probe.ts', "import { CtiSimulator } from '../../simulator/index.js';\nexport const x = CtiSimulator;"],
  ])('allows %s: %s', async (file, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });
});
