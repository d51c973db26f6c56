import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../errors';

function codeOf(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : '';
}

/**
 * A full disk or a failing device is not a damaged database: the file is intact
 * and restoring a backup would only lose the day's work. These get their own
 * codes and tell the user to free space or check the disk. Null for any other error.
 */
export function storageError(e: unknown, dbPath?: string): AppError | null {
  if (e instanceof AppError) return null;
  const code = codeOf(e);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG')
    return new AppError('DB_DISK_FULL', undefined, { cause: code });
  // SHMSIZE is what a full disk gives when SQLite maps the WAL index of a database it opens.
  if (code === 'SQLITE_IOERR' || code.startsWith('SQLITE_IOERR_') || code === 'EIO' || code === 'SQLITE_CANTOPEN') {
    if (code === 'SQLITE_CANTOPEN' && !dbPath) return null;
    if (dbPath && freeBytes(dirname(dbPath)) < LOW_SPACE)
      return new AppError('DB_DISK_FULL', undefined, { cause: code });
    return code === 'SQLITE_CANTOPEN' ? null : new AppError('DB_IO_ERROR', undefined, { cause: code });
  }
  return null;
}

/** Below this an I/O error on open is a full disk: the WAL and its index cannot be created. */
const LOW_SPACE = 1024 * 1024;

function freeBytes(dir: string): number {
  try {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
