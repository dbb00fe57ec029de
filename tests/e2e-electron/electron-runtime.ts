import { probeElectronRuntime, type ElectronRuntime } from '../../scripts/electron-runtime.js';

export { REPO_ROOT } from '../../scripts/electron-runtime.js';
export type { ElectronRuntime };

let probe: Promise<ElectronRuntime> | undefined;

/**
 * The Electron binary for `_electron.launch`, or why there is none. Probed once per
 * worker, the same way `npm start` decides, with a shorter limit so a stalled
 * download skips the suite instead of hanging it.
 */
export function electronRuntime(): Promise<ElectronRuntime> {
  probe ??= probeElectronRuntime({ timeoutMs: 120_000 });
  return probe;
}
