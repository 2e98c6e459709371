import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where browser mode keeps its data: $WARDEN_DATA_DIR, else the platform's per-user data
 * directory (XDG on Linux). Electron mode uses app.getPath('userData') instead.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const override = env.WARDEN_DATA_DIR?.trim();
  if (override) return override;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Warden');
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Warden');
  const xdg = env.XDG_DATA_HOME?.trim();
  return join(xdg ? xdg : join(homedir(), '.local', 'share'), 'warden');
}
