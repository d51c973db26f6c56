import { hkdfSync } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { AppError, isAppError } from '../errors';

/**
 * How the 32 random bytes of the keyring become SQLCipher's key.
 * - `passphrase`: the bytes as a passphrase, stretched by SQLCipher's PBKDF2 (256 000 rounds, ~0.2 s per open).
 *   Databases made before the raw key; moved to `raw` at their next sign-in.
 * - `raw`: a key derived once with HKDF and given as SQLCipher's raw key `x'…'`: no KDF on open. The bytes are
 *   random already, so stretching them bought nothing; HKDF only keeps this use apart from the other keys
 *   derived from the same bytes (the signing key's seal, the anchor and lockout MACs).
 */
export type Keying = 'passphrase' | 'raw';

const RAW_INFO = Buffer.from('welfare-desk/sqlcipher-raw/v1');

/** The bytes handed to sqlite3_key / sqlite3_rekey; the caller wipes them after use. */
export function cipherKey(key: Buffer, keying: Keying): Buffer {
  if (keying === 'passphrase') return Buffer.from(key);
  const raw = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), RAW_INFO, 32));
  try {
    return Buffer.from(`x'${raw.toString('hex')}'`);
  } finally {
    raw.fill(0);
  }
}

export function otherKeying(keying: Keying): Keying {
  return keying === 'raw' ? 'passphrase' : 'raw';
}

/** Leaving WAL needs the only connection to the file: it fails while another program has the database open. */
function setJournal(db: Database.Database, mode: 'delete' | 'wal'): void {
  let now: string;
  try {
    now = String(db.pragma(`journal_mode = ${mode}`, { simple: true })).toLowerCase();
  } catch {
    now = 'busy';
  }
  if (now !== mode) throw new AppError('DB_BUSY', '数据库正被其他程序使用，无法更换密钥；请关闭其他程序后再试');
}

/**
 * SQLCipher rewrites every page under the new key in one transaction. It needs the
 * rollback journal, not WAL: the log is emptied into the file first, then the mode
 * switched back. The journal keeps the pages under the old key, so a crash before
 * the commit rolls back at the next open with the old key (and the new one is refused).
 */
export function rekeyConnection(db: Database.Database, key: Buffer, keying: Keying): void {
  const [cp] = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
  if (cp && cp.busy !== 0) throw new AppError('DB_BUSY', '数据库正被其他程序使用，无法更换密钥');
  setJournal(db, 'delete');
  const bytes = cipherKey(key, keying);
  try {
    db.rekey(bytes);
  } finally {
    bytes.fill(0);
    setJournal(db, 'wal');
  }
}

/**
 * Opens with the keying the keyring records, and with the other one when that key is
 * refused: a move to the raw key that committed but died before the keyring said so
 * leaves a raw database under a `passphrase` ring. A refusal under both is the first
 * refusal; other failures (damage, busy, too new) are not retried.
 */
export function openEitherKeying<T>(keying: Keying, open: (keying: Keying) => T): { value: T; keying: Keying } {
  try {
    return { value: open(keying), keying };
  } catch (e) {
    if (!(isAppError(e) && e.code === 'DB_WRONG_KEY')) throw e;
    const other = otherKeying(keying);
    try {
      return { value: open(other), keying: other };
    } catch (again) {
      if (isAppError(again) && again.code === 'DB_WRONG_KEY') throw e;
      throw again;
    }
  }
}
