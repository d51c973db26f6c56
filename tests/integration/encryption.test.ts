import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSlot, readKeyring } from '../../electron/db/keyring';
import { openDatabase } from '../../electron/db/open';
import { dataPaths } from '../../electron/db/paths';
import { AppError } from '../../electron/errors';
import { spawnCli } from '../support/cli';
import { sha256File } from '../support/db';
import { ADMIN, initialisedDir } from '../support/fixtures';
import { tempDir } from '../support/tmp';

function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('the encrypted database at rest', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
    initialisedDir(tmp.dir);
  });
  afterEach(() => tmp.cleanup());

  const key = () => {
    const slot = readKeyring(dataPaths(tmp.dir).keyFile).slots.find((x) => x.username === ADMIN.username);
    const k = slot ? openSlot(slot, ADMIN.password) : null;
    if (!k) throw new Error('admin slot should open');
    return k;
  };

  it('has no plaintext header and no canary in the .db or the -wal file', () => {
    const paths = dataPaths(tmp.dir);
    const canary = `CANARY-${randomBytes(8).toString('hex')}-金丝雀`;
    const db = openDatabase({ path: paths.db, key: key() });
    db.pragma('wal_autocheckpoint = 0');
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('canary', canary.repeat(50));
    // While open, the canary sits in the WAL; after close it is checkpointed into the .db.
    expect(existsSync(paths.wal)).toBe(true);
    for (const file of [paths.db, paths.wal]) {
      const bytes = readFileSync(file);
      expect(bytes.includes('SQLite format 3')).toBe(false);
      expect(bytes.includes(canary.slice(0, 20))).toBe(false);
      expect(bytes.includes(Buffer.from('金丝雀'))).toBe(false);
      expect(bytes.length).toBeGreaterThan(0);
    }
    db.close();
    const closed = readFileSync(paths.db);
    expect(closed.includes('SQLite format 3')).toBe(false);
    expect(closed.includes(canary.slice(0, 20))).toBe(false);
    // And the canary really is in there, readable with the key.
    const again = openDatabase({ path: paths.db, key: key() });
    expect(again.prepare(`SELECT value FROM meta WHERE key = 'canary'`).pluck().get()).toBe(canary.repeat(50));
    expect(again.pragma('cipher', { simple: true })).toBe('sqlcipher');
    expect(again.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(again.pragma('synchronous', { simple: true })).toBe(2);
    expect(again.pragma('foreign_keys', { simple: true })).toBe(1);
    again.close();
  });

  it('refuses a wrong key with DB_WRONG_KEY and leaves the file byte-identical, creating nothing', () => {
    const paths = dataPaths(tmp.dir);
    const before = sha256File(paths.db);
    const filesBefore = readdirSync(tmp.dir).sort();
    expect(errorCode(() => openDatabase({ path: paths.db, key: randomBytes(32) }))).toBe('DB_WRONG_KEY');
    expect(sha256File(paths.db)).toBe(before);
    expect(readdirSync(tmp.dir).sort()).toEqual(filesBefore);
  });

  it('the CLI refuses a wrong password with exit 1, a Chinese message and an untouched file', () => {
    const paths = dataPaths(tmp.dir);
    const before = sha256File(paths.db);
    const ringWithoutLockout = () => {
      const { lockout: _attempts, ...rest } = JSON.parse(readFileSync(paths.keyFile, 'utf8')) as Record<
        string,
        unknown
      >;
      return rest;
    };
    const keysBefore = ringWithoutLockout();
    const r = spawnCli(['status', '--data', tmp.dir, '--user', ADMIN.username], {
      WELFARE_DESK_PASSWORD: 'not the password',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('WRONG_PASSWORD');
    expect(r.stderr).toContain('用户名或密码不正确');
    expect(sha256File(paths.db)).toBe(before);
    // The failed attempt is kept beside the key slots (lockout evidence); the slots themselves are untouched.
    expect(ringWithoutLockout()).toEqual(keysBefore);
    expect(existsSync(paths.wal)).toBe(false);
  });

  it('reports a truncated file as DB_CORRUPT and creates nothing', () => {
    const paths = dataPaths(tmp.dir);
    truncateSync(paths.db, statSync(paths.db).size - 1000);
    const before = sha256File(paths.db);
    expect(errorCode(() => openDatabase({ path: paths.db, key: key() }))).toBe('DB_CORRUPT');
    expect(sha256File(paths.db)).toBe(before);
    expect(existsSync(paths.wal)).toBe(false);
  });

  it('reports an emptied file as DB_CORRUPT', () => {
    const paths = dataPaths(tmp.dir);
    writeFileSync(paths.db, '');
    expect(errorCode(() => openDatabase({ path: paths.db, key: key() }))).toBe('DB_CORRUPT');
    expect(statSync(paths.db).size).toBe(0);
  });

  it('reports a damaged page 1 as DB_CORRUPT when the key is known to belong to the file', () => {
    const paths = dataPaths(tmp.dir);
    const kf = readKeyring(paths.keyFile);
    const fd = openSync(paths.db, 'r+');
    writeSync(fd, randomBytes(64), 0, 64, 100);
    closeSync(fd);
    expect(errorCode(() => openDatabase({ path: paths.db, key: key(), expectedSalt: kf.dbSalt }))).toBe('DB_CORRUPT');
  });

  it('reports a damaged later page as DB_CORRUPT', () => {
    const paths = dataPaths(tmp.dir);
    // Grow the file so it has more than one page holding table data, then damage the last page.
    const db = openDatabase({ path: paths.db, key: key() });
    const insert = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    for (let i = 0; i < 200; i++) insert.run(`k${i}`, 'x'.repeat(200));
    db.close();
    const size = statSync(paths.db).size;
    const fd = openSync(paths.db, 'r+');
    writeSync(fd, randomBytes(512), 0, 512, size - 4096 + 200);
    closeSync(fd);
    expect(errorCode(() => openDatabase({ path: paths.db, key: key() }))).toBe('DB_CORRUPT');
  });

  it('never creates a database when the file is missing', () => {
    const paths = dataPaths(tmp.dir);
    // The key file stays, the database is gone: opening must refuse, not start afresh.
    renameSync(paths.db, join(tmp.dir, 'moved-away.db'));
    const r = spawnCli(['status', '--data', tmp.dir, '--user', ADMIN.username, '--json'], {
      WELFARE_DESK_PASSWORD: ADMIN.password,
    });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { code: 'DB_MISSING' } });
    expect(existsSync(paths.db)).toBe(false);
    expect(existsSync(paths.wal)).toBe(false);
  });

  it('refuses a database from a newer schema with DB_TOO_NEW', () => {
    const paths = dataPaths(tmp.dir);
    const db = openDatabase({ path: paths.db, key: key() });
    db.pragma('user_version = 999');
    db.close();
    const before = sha256File(paths.db);
    expect(errorCode(() => openDatabase({ path: paths.db, key: key() }))).toBe('DB_TOO_NEW');
    expect(sha256File(paths.db)).toBe(before);
  });
});
