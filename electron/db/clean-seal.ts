import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';

/**
 * The clean-close seal: `welfare.db.clean`, written beside the database after the
 * app closed it cleanly (WAL checkpointed, file whole), naming the file's size,
 * inode and modification time to the nanosecond. An open that finds the seal and a
 * file it still describes skips the whole-file quick_check (about a second per
 * 70 MB of county, every page decrypted), because nothing has written the file
 * since it was last known good. The seal is removed at once on open, so a crash
 * while the app runs, a copied-in or restored file, or any other writer means the
 * next open checks every page again. SQLCipher still authenticates every page it
 * reads (a damaged page is DB_CORRUPT when read), and every backup runs
 * integrity_check on its copy.
 */
interface Seal {
  size: number;
  ino: string;
  mtimeNs: string;
}

export const sealPath = (dbPath: string): string => `${dbPath}.clean`;

function describe(dbPath: string): Seal {
  const s = statSync(dbPath, { bigint: true });
  return { size: Number(s.size), ino: String(s.ino), mtimeNs: String(s.mtimeNs) };
}

/** Whether the seal describes the file as it is now; the seal is consumed either way. */
export function takeSeal(dbPath: string): boolean {
  const path = sealPath(dbPath);
  if (!existsSync(path)) return false;
  let seal: Partial<Seal> | null;
  try {
    seal = JSON.parse(readFileSync(path, 'utf8')) as Partial<Seal>;
  } catch {
    seal = null;
  }
  rmSync(path, { force: true });
  // A WAL left behind holds writes the file itself does not show yet.
  if (!seal || existsSync(`${dbPath}-wal`)) return false;
  const now = describe(dbPath);
  return seal.size === now.size && seal.ino === now.ino && seal.mtimeNs === now.mtimeNs;
}

/** After a clean close: the seal, written whole (temporary name, fsync, rename) or not at all. */
export function writeSeal(dbPath: string): void {
  if (!existsSync(dbPath) || existsSync(`${dbPath}-wal`)) return;
  const path = sealPath(dbPath);
  const tmp = `${path}.tmp`;
  try {
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, JSON.stringify(describe(dbPath)));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch {
    // Without a seal the next open simply checks every page.
    rmSync(tmp, { force: true });
  }
}
