import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep, win32 } from 'node:path';
import { AppError } from '../../errors';

/**
 * The data directory belongs to the program: the database, its WAL, the keyring,
 * the lockout record and the daily backups. No file the user asks for may land
 * there or on any of those files, however the path is spelled: relative, through a
 * symlink, `\\?\` long-path and `\\?\UNC\` forms, or in another case on Windows.
 */

/** `\\?\C:\x` → `C:\x`; `\\?\UNC\srv\share\x` → `\\srv\share\x`; anything else unchanged. */
export function stripWin32Prefix(p: string): string {
  const s = p.replaceAll('/', '\\');
  if (/^\\\\[?.]\\UNC\\/i.test(s)) return `\\\\${s.slice(8)}`;
  if (/^\\\\[?.]\\[a-z]:/i.test(s)) return s.slice(4);
  return s;
}

/** The real path of `p`: the longest existing ancestor resolved through symlinks, the rest appended. */
function realish(p: string): string {
  const pending: string[] = [];
  let cur = resolve(p);
  for (;;) {
    try {
      const real = realpathSync.native(cur);
      return pending.length === 0 ? real : join(real, ...pending.reverse());
    } catch {
      const parent = dirname(cur);
      if (parent === cur) return resolve(p);
      pending.push(basename(cur));
      cur = parent;
    }
  }
}

function inside(child: string, parent: string, sep: string, fold: boolean): boolean {
  const c = fold ? child.toLowerCase() : child;
  const p = (fold ? parent.toLowerCase() : parent).replace(/[\\/]+$/, '');
  return c === p || c.startsWith(p + sep);
}

/** Pure, for Windows paths (testable on any OS): case-insensitive, prefixes stripped, `..` resolved. */
export function win32Inside(target: string, dataDir: string): boolean {
  const t = win32.resolve(stripWin32Prefix(target));
  const d = win32.resolve(stripWin32Prefix(dataDir));
  return inside(t, d, '\\', true);
}

/** True when two paths name the same file (hard links, bind mounts, case folding). */
function sameFile(a: string, b: string): boolean {
  try {
    const x = statSync(a);
    const y = statSync(b);
    return x.dev === y.dev && x.ino === y.ino && x.ino !== 0;
  } catch {
    return false;
  }
}

/**
 * Refuses a target inside the data directory (or the same file as one of its
 * files) with TARGET_IN_DATA_DIR. `protectedFiles` are checked by identity too, so
 * a hard link elsewhere to the database is refused.
 */
export function assertOutsideDataDir(
  target: string,
  dataDir: string,
  protectedFiles: readonly string[] = [],
  platform: NodeJS.Platform = process.platform,
): void {
  const refuse = () => {
    throw new AppError('TARGET_IN_DATA_DIR');
  };
  if (platform === 'win32') {
    if (win32Inside(target, dataDir)) refuse();
  }
  const real = realish(platform === 'win32' ? stripWin32Prefix(target) : target);
  const dataReal = realish(dataDir);
  // macOS and Windows volumes fold case by default; a case-variant spelling is the same folder there.
  const fold = platform === 'win32' || platform === 'darwin';
  if (inside(real, dataReal, sep, fold)) refuse();
  if (existsSync(real)) for (const f of protectedFiles) if (sameFile(real, f)) refuse();
}
