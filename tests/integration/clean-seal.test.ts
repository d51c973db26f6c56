import { closeSync, existsSync, openSync, statSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sealPath, writeSeal } from '../../electron/db/clean-seal';
import { openSlot, readKeyring } from '../../electron/db/keyring';
import { openDatabase } from '../../electron/db/open';
import { dataPaths } from '../../electron/db/paths';
import { AppError } from '../../electron/errors';
import { ADMIN, initialisedDir, newApp, signIn } from '../support/fixtures';
import { tempDir } from '../support/tmp';

/**
 * Issue 17.4: a database the app closed cleanly opens without the whole-file
 * quick_check; anything that may have written it since (a crash, another writer,
 * a restore) brings the full check back.
 */
describe('the clean-close seal', () => {
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
  const code = (fn: () => unknown): string => {
    try {
      fn();
    } catch (e) {
      if (e instanceof AppError) return e.code;
      throw e;
    }
    return 'ok';
  };
  /** A database with a later page that only a whole-file check reads, then that page damaged. */
  const damageLastPage = (path: string) => {
    const db = openDatabase({ path, key: key() });
    db.exec('CREATE TABLE filler (x TEXT)');
    const insert = db.prepare('INSERT INTO filler (x) VALUES (?)');
    for (let i = 0; i < 200; i++) insert.run('x'.repeat(200));
    db.close();
    const size = statSync(path).size;
    const fd = openSync(path, 'r+');
    writeSync(fd, randomBytes(512), 0, 512, size - 4096 + 200);
    closeSync(fd);
  };

  it('is left by a clean close of the app and consumed by the next open', async () => {
    const paths = dataPaths(tmp.dir);
    const t = newApp(tmp.dir);
    await signIn(t, ADMIN.username, ADMIN.username, ADMIN.password);
    // While the app runs there is no seal: a crash now means a full check next time.
    expect(existsSync(sealPath(paths.db))).toBe(false);
    t.app.close();
    expect(existsSync(sealPath(paths.db))).toBe(true);
    openDatabase({ path: paths.db, key: key(), trustSeal: true }).close();
    expect(existsSync(sealPath(paths.db))).toBe(false);
  });

  it('spares the quick_check only while it still describes the file', () => {
    const paths = dataPaths(tmp.dir);
    damageLastPage(paths.db);
    // Written after the damage, the seal vouches for the file: the open does not read the bad page.
    writeSeal(paths.db);
    expect(code(() => openDatabase({ path: paths.db, key: key(), trustSeal: true }).close())).toBe('ok');
    // Consumed: the next open checks every page and finds it.
    expect(code(() => openDatabase({ path: paths.db, key: key(), trustSeal: true }))).toBe('DB_CORRUPT');
  });

  it('does not vouch for a file written after the clean close', () => {
    const paths = dataPaths(tmp.dir);
    const t = newApp(tmp.dir);
    t.app.close();
    expect(existsSync(sealPath(paths.db))).toBe(true);
    damageLastPage(paths.db);
    writeSeal(paths.db);
    // Another writer after the seal: size or time no longer match.
    const fd = openSync(paths.db, 'r+');
    writeSync(fd, randomBytes(16), 0, 16, statSync(paths.db).size - 100);
    closeSync(fd);
    expect(code(() => openDatabase({ path: paths.db, key: key(), trustSeal: true }))).toBe('DB_CORRUPT');
  });

  it('is never trusted for a copy being checked', () => {
    const paths = dataPaths(tmp.dir);
    damageLastPage(paths.db);
    writeSeal(paths.db);
    expect(code(() => openDatabase({ path: paths.db, key: key() }))).toBe('DB_CORRUPT');
  });
});
