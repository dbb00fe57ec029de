import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'UCCE Softphone';

/**
 * Where settings, cache and logs live: the same folder Electron's
 * `app.getPath('userData')` gives, so both shells share one profile.
 */
export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
}

export function logsDir(userDataDir: string): string {
  return path.join(userDataDir, 'logs');
}
