import { existsSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../errors';
import { migrate, schemaVersion, LATEST_SCHEMA_VERSION } from './migrations';
import { storageError } from './storage-errors';
import { cipherKey, type Keying } from './keying';
import { takeSeal } from './clean-seal';

export interface OpenOptions {
  path: string;
  /** 32 random bytes; the caller may wipe its copy once this returns. */
  key: Buffer;
  /** Create a new database. Opening never creates one: a failed open must not hide the real file. */
  create?: boolean;
  /** The salt recorded when the database was created, to tell a foreign key from a damaged file. */
  expectedSalt?: string | null;
  /** How the key is given to SQLCipher (electron/db/keying.ts); new databases and the default are `raw`. */
  keying?: Keying;
  /**
   * The register's own database, opened for use: a clean-close seal that still
   * describes the file (electron/db/clean-seal.ts) stands in for quick_check.
   * Copies being checked (backups, restores) always get the full check.
   */
  trustSeal?: boolean;
  /** Stop migrating at this version (tests of single migrations). */
  migrateTo?: number;
}

const SQLCIPHER_PAGE = 4096;

/** Hex of the first 16 bytes: the SQLCipher salt, or the plaintext header of an unencrypted file. */
export function readSalt(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(16);
    readSync(fd, buf, 0, 16, 0);
    return buf.toString('hex');
  } finally {
    closeSync(fd);
  }
}

function sqliteCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

function checkFileShape(path: string): void {
  if (!existsSync(path)) throw new AppError('DB_MISSING');
  const size = statSync(path).size;
  // A SQLCipher file is whole pages; anything else was cut short or appended to.
  if (size < SQLCIPHER_PAGE || size % SQLCIPHER_PAGE !== 0) {
    throw new AppError('DB_CORRUPT', `数据库文件不完整（${size} 字节），请从备份恢复`, { size });
  }
}

function applyCipher(db: Database.Database, key: Buffer, keying: Keying): void {
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  const bytes = cipherKey(key, keying);
  try {
    db.key(bytes);
  } finally {
    bytes.fill(0);
  }
}

function applyPragmas(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Every page read from disk is decrypted: with SQLite's default 2 MB cache a batch of a county re-decrypts the
  // persons and enrolments it has just read. Up to 128 MB of decrypted pages stay (allocated only as used).
  db.pragma('cache_size = -131072');
}

/**
 * Opens (or with `create`, creates) the encrypted database, checks it and brings
 * its schema up to date. Every failure closes the handle and throws an AppError
 * with a stable code; a wrong key leaves the file untouched.
 */
export function openDatabase(opts: OpenOptions): Database.Database {
  if (opts.create) {
    if (existsSync(opts.path)) throw new AppError('ALREADY_INITIALIZED');
  } else {
    checkFileShape(opts.path);
  }
  // Consumed before anything can write the file, so that only a clean close brings it back.
  const sealed = !opts.create && opts.trustSeal === true && takeSeal(opts.path);
  let db: Database.Database;
  try {
    db = new Database(opts.path, { fileMustExist: !opts.create });
  } catch (e) {
    throw sqliteCode(e) === 'SQLITE_BUSY'
      ? new AppError('DB_BUSY')
      : (storageError(e, opts.path) ?? new AppError('DB_CORRUPT', undefined, { cause: String(e) }));
  }
  try {
    applyCipher(db, opts.key, opts.keying ?? 'raw');
    try {
      // The first read decrypts page 1: this is where a wrong key shows.
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
    } catch (e) {
      const code = sqliteCode(e);
      if (code === 'SQLITE_NOTADB') {
        const saltMatches = opts.expectedSalt != null && readSalt(opts.path) === opts.expectedSalt;
        throw saltMatches ? new AppError('DB_CORRUPT') : new AppError('DB_WRONG_KEY');
      }
      if (code === 'SQLITE_BUSY') throw new AppError('DB_BUSY');
      throw storageError(e, opts.path) ?? new AppError('DB_CORRUPT', undefined, { cause: String(e) });
    }
    if (!opts.create) {
      const version = schemaVersion(db);
      if (version > LATEST_SCHEMA_VERSION) throw new AppError('DB_TOO_NEW', undefined, { schemaVersion: version });
    }
    applyPragmas(db);
    if (!opts.create && !sealed) {
      const problems = db.pragma('quick_check', { simple: false }) as Array<{ quick_check: string }>;
      const messages = problems.map((r) => r.quick_check);
      if (messages.length !== 1 || messages[0] !== 'ok')
        throw new AppError('DB_CORRUPT', undefined, { quickCheck: messages.slice(0, 20) });
    }
    migrate(db, opts.migrateTo);
    return db;
  } catch (e) {
    db.close();
    if (e instanceof AppError) throw e;
    const storage = storageError(e, opts.path);
    if (storage) throw storage;
    const code = sqliteCode(e);
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB')
      throw new AppError('DB_CORRUPT', undefined, { cause: String(e) });
    throw e;
  }
}
