import { existsSync, readFileSync, statfsSync } from 'node:fs';
import { dirname, posix, win32 } from 'node:path';
import { AppError } from '../../errors';

/**
 * Where a workstation keeps its data. Not the roaming profile (a domain logon
 * would copy an encrypted database around the network and a roaming sync could
 * tear its WAL): under %LOCALAPPDATA% on Windows, $XDG_DATA_HOME on Linux. An
 * unpackaged run (npm start on a developer's machine) has its own folder so it
 * never opens an office's data.
 */
export const APP_FOLDER = 'WelfareDesk';
export const LINUX_FOLDER = 'welfare-desk';

export interface LocationFacts {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  home: string;
  packaged: boolean;
}

/** The folder that holds everything the app keeps on this workstation (data, location pointer, Chromium's own). */
export function appRoot(f: LocationFacts): string {
  const suffix = f.packaged ? '' : '-dev';
  if (f.platform === 'win32') {
    const local = f.env.LOCALAPPDATA || win32.join(f.home, 'AppData', 'Local');
    return win32.join(local, `${APP_FOLDER}${suffix}`);
  }
  if (f.platform === 'darwin') return posix.join(f.home, 'Library', 'Application Support', `${APP_FOLDER}${suffix}`);
  const xdg =
    f.env.XDG_DATA_HOME && f.env.XDG_DATA_HOME.startsWith('/')
      ? f.env.XDG_DATA_HOME
      : posix.join(f.home, '.local', 'share');
  return posix.join(xdg, `${LINUX_FOLDER}${suffix}`);
}

export function defaultDataDir(f: LocationFacts): string {
  return (f.platform === 'win32' ? win32 : posix).join(appRoot(f), 'data');
}

/** The administrator's choice, kept beside the default folder (never in the roaming profile). */
export function pointerFile(f: LocationFacts): string {
  return (f.platform === 'win32' ? win32 : posix).join(appRoot(f), 'location.json');
}

export function readDataDir(f: LocationFacts): string {
  const p = pointerFile(f);
  if (existsSync(p)) {
    try {
      const v = JSON.parse(readFileSync(p, 'utf8')) as { dataDir?: unknown };
      if (typeof v.dataDir === 'string' && v.dataDir.length > 0) return v.dataDir;
    } catch {
      // An unreadable pointer falls back to the default folder, which never holds another office's data.
    }
  }
  return defaultDataDir(f);
}

/** statfs magic numbers of network file systems (Linux). */
const NETWORK_FS = new Set([
  0x6969, // NFS
  0x517b, // SMB
  0xff534d42, // CIFS
  0xfe534d42, // SMB2
  0x5346414f, // AFS
  0x00c36400, // Ceph
  0x01161970, // GFS2
  0x65735546, // FUSE (sshfs and the like)
]);

/** True for a UNC path or a folder on a network file system (as far as the platform lets us see). */
export function isNetworkFolder(dir: string, platform: NodeJS.Platform = process.platform): boolean {
  if (platform === 'win32') {
    const s = dir.replaceAll('/', '\\');
    if (/^\\\\\?\\UNC\\/i.test(s)) return true;
    if (/^\\\\[^?.\\]/.test(s)) return true;
    return false;
  }
  let probe = dir;
  while (!existsSync(probe) && dirname(probe) !== probe) probe = dirname(probe);
  try {
    return NETWORK_FS.has(Number(statfsSync(probe).type) >>> 0);
  } catch {
    return false;
  }
}

/** SQLite's WAL needs shared memory on one machine: a database on a network drive would corrupt. */
export function assertLocalFolder(dir: string, platform: NodeJS.Platform = process.platform): void {
  if (isNetworkFolder(dir, platform)) {
    throw new AppError(
      'DATA_ON_NETWORK',
      `数据目录“${dir}”位于网络驱动器上：加密数据库只能保存在本机磁盘（如 D:\\民政数据），多人共用请使用联网（办公室）模式`,
    );
  }
}
