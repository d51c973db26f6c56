import type Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../errors';
import { readKeyring, ringKeying, writeKeyring } from '../../db/keyring';
import { openEitherKeying, rekeyConnection, type Keying } from '../../db/keying';
import { openDatabase, readSalt } from '../../db/open';

export interface KeyedOpen {
  db: Database.Database;
  /** The keyring said passphrase when this open began and says raw now. */
  movedToRaw: boolean;
}

/**
 * The keyring at `ringPath` names `keying` and the file's present salt; the lockout record there is kept.
 * When it cannot be written the open fails and `db` is closed; the next open finds the keying by trying.
 */
function recordKeying(db: Database.Database, ringPath: string, dbPath: string, keying: Keying): void {
  try {
    writeKeyring(ringPath, { ...readKeyring(ringPath), dbKeying: keying, dbSalt: readSalt(dbPath) });
  } catch (e) {
    db.close();
    throw e;
  }
}

/**
 * Moves a database opened under the passphrase keying to the raw key. The 32 bytes
 * stay the same, so the key slots, the signing key's seal and the MACs keyed from
 * them stay valid; only how SQLCipher takes them changes. Order: rekey (one
 * transaction: a crash before its commit rolls back under the old keying), prove
 * the raw key on a second connection, then record `raw` in the keyring. A crash
 * after the commit and before the keyring leaves a raw file under a `passphrase`
 * ring, which openEitherKeying still opens. Any failure keeps the old keying: the
 * open goes on, slower, and the move is tried again at the next sign-in.
 */
function moveToRawKey(db: Database.Database, dbPath: string, ringPath: string, key: Buffer): KeyedOpen {
  try {
    rekeyConnection(db, key, 'raw');
  } catch {
    // Busy (another program has the file) or failed part way (disk full): the transaction rolled back, or its
    // journal rolls back at the next open. This connection's state is not trusted; a fresh one finds out.
    db.close();
    return { db: openRecorded(dbPath, ringPath, key).db, movedToRaw: false };
  }
  try {
    openDatabase({ path: dbPath, key, keying: 'raw' }).close();
  } catch {
    try {
      rekeyConnection(db, key, 'passphrase');
      openDatabase({ path: dbPath, key, keying: 'passphrase' }).close();
      return { db, movedToRaw: false };
    } catch {
      db.close();
      throw new AppError('INTERNAL', '数据库改用直接密钥失败且无法恢复原密钥');
    }
  }
  recordKeying(db, ringPath, dbPath, 'raw');
  return { db, movedToRaw: true };
}

/** Whichever keying the file has, tried as the keyring says first; the keyring then records it. */
function openRecorded(dbPath: string, ringPath: string, key: Buffer): { db: Database.Database; keying: Keying } {
  const ring = readKeyring(ringPath);
  const opened = openEitherKeying(ringKeying(ring), (keying) =>
    openDatabase({ path: dbPath, key, keying, expectedSalt: ring.dbSalt, trustSeal: true }),
  );
  if (opened.keying !== ringKeying(ring)) recordKeying(opened.value, ringPath, dbPath, opened.keying);
  return { db: opened.value, keying: opened.keying };
}

/**
 * Opens the database as the keyring at `ringPath` says, repairs the keyring when
 * the file turned out to have the other keying, and moves a passphrase-keyed
 * database to the raw key (electron/db/keying.ts).
 */
export function openKeyed(dbPath: string, ringPath: string, key: Buffer): KeyedOpen {
  const recorded = ringKeying(readKeyring(ringPath));
  const { db, keying } = openRecorded(dbPath, ringPath, key);
  // A move that committed before a crash is finished here: the keyring now says raw.
  if (keying === 'raw') return { db, movedToRaw: recorded === 'passphrase' };
  return moveToRawKey(db, dbPath, ringPath, key);
}
