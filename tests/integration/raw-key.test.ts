import { spawn } from 'node:child_process';
import { closeSync, existsSync, ftruncateSync, fstatSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readKeyring } from '../../electron/db/keyring';
import { rekeyConnection, type Keying } from '../../electron/db/keying';
import { openDatabase, readSalt } from '../../electron/db/open';
import { dataPaths } from '../../electron/db/paths';
import { Store } from '../../electron/db/store';
import { AppContext } from '../../electron/services/app/context';
import { backupIfDue } from '../../electron/services/backup/service';
import { AppError } from '../../electron/errors';
import { contentDigest } from '../support/db';
import { ADMIN, initialisedDir, invoke, newApp, PASSWORD, signIn, type TestApp } from '../support/fixtures';
import { makeLegacyKeyed, MOVER_ENV, slotKey } from '../support/legacy-key';
import { REPO_ROOT } from '../support/paths';
import { tempDir } from '../support/tmp';
import { smallDisk } from '../support/tmpfs';

function openCode(path: string, key: Buffer, keying: Keying): string {
  try {
    openDatabase({ path, key, keying }).close();
    return 'ok';
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
}

function digestWith(path: string, key: Buffer, keying: Keying): string {
  const db = openDatabase({ path, key, keying });
  try {
    return contentDigest(db, ['audit_log']);
  } finally {
    db.close();
  }
}

function digestOf(t: TestApp): string {
  const store = t.app.currentStore();
  if (!store) throw new Error('the database should be open');
  return contentDigest(store.raw, ['audit_log']);
}

async function rawKeyAudits(t: TestApp): Promise<number> {
  const log = await invoke(t, 'w', 'audit.list', { entity: 'keyring' });
  if (!log.ok) throw new Error(log.error.code);
  return log.value.rows.filter((r) => r.action === 'key.rawKey').length;
}

describe('the raw SQLCipher key (issue 17, point 4)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let data: string;
  beforeEach(() => {
    tmp = tempDir('wd-rawkey-');
    data = join(tmp.dir, 'data');
    initialisedDir(data, { users: [{ username: 'li', displayName: '李经办', roles: ['clerk'] }] });
  });
  afterEach(() => tmp.cleanup());

  it('a new database is keyed raw: the passphrase form of the same key is refused', () => {
    const paths = dataPaths(data);
    const key = slotKey(paths.keyFile, ADMIN.username, ADMIN.password);
    expect(readKeyring(paths.keyFile).dbKeying).toBe('raw');
    expect(openCode(paths.db, key, 'raw')).toBe('ok');
    expect(openCode(paths.db, key, 'passphrase')).toBe('DB_WRONG_KEY');
  });

  it('a database from before moves to the raw key at sign-in, with its rows, slots and signing key', async () => {
    const paths = dataPaths(data);
    const key = slotKey(paths.keyFile, ADMIN.username, ADMIN.password);
    makeLegacyKeyed(data, key);
    const before = digestWith(paths.db, key, 'passphrase');
    const ringBefore = readKeyring(paths.keyFile);
    expect(ringBefore.dbKeying).toBeUndefined();
    expect(openCode(paths.db, key, 'raw')).toBe('DB_WRONG_KEY');

    const t = newApp(data);
    await signIn(t, 'w');
    expect(digestOf(t)).toBe(before);
    expect(await rawKeyAudits(t)).toBe(1);
    const ring = readKeyring(paths.keyFile);
    expect(ring.dbKeying).toBe('raw');
    expect(ring.dbSalt).toBe(readSalt(paths.db));
    expect(ring.dbSalt).not.toBe(ringBefore.dbSalt);
    // The 32 bytes stay: slots and the signing key are not resealed.
    expect(ring.slots).toEqual(ringBefore.slots);
    expect(ring.signing).toEqual(ringBefore.signing);
    t.app.close();

    expect(openCode(paths.db, key, 'passphrase')).toBe('DB_WRONG_KEY');
    expect(openCode(paths.db, key, 'raw')).toBe('ok');
    const again = newApp(data);
    await signIn(again, 'w');
    await signIn(again, 'l', 'li', PASSWORD);
    expect(await rawKeyAudits(again)).toBe(1);
    expect(digestOf(again)).toBe(before);
    again.app.close();
  });

  it('a move that committed but died before the keyring said so still signs in, and the keyring is put right', async () => {
    const paths = dataPaths(data);
    const key = slotKey(paths.keyFile, ADMIN.username, ADMIN.password);
    makeLegacyKeyed(data, key);
    const before = digestWith(paths.db, key, 'passphrase');
    const db = openDatabase({ path: paths.db, key, keying: 'passphrase' });
    rekeyConnection(db, key, 'raw');
    db.close();
    expect(readKeyring(paths.keyFile).dbKeying).toBeUndefined();

    const t = newApp(data);
    await signIn(t, 'w');
    expect(digestOf(t)).toBe(before);
    expect(readKeyring(paths.keyFile)).toMatchObject({ dbKeying: 'raw', dbSalt: readSalt(paths.db) });
    expect(await rawKeyAudits(t)).toBe(1);
    t.app.close();
  });

  it('while another program holds the file the move waits: sign-in goes on under the old key', async () => {
    const paths = dataPaths(data);
    const key = slotKey(paths.keyFile, ADMIN.username, ADMIN.password);
    makeLegacyKeyed(data, key);
    const before = digestWith(paths.db, key, 'passphrase');
    const other = openDatabase({ path: paths.db, key, keying: 'passphrase' });
    try {
      const t = newApp(data);
      await signIn(t, 'w');
      expect(digestOf(t)).toBe(before);
      expect(readKeyring(paths.keyFile).dbKeying).toBeUndefined();
      expect(await rawKeyAudits(t)).toBe(0);
      // The other connection still reads: its file was not rewritten under it.
      expect(other.prepare('SELECT count(*) AS n FROM users').get()).toMatchObject({ n: 2 });
      t.app.close();
    } finally {
      other.close();
    }
    const again = newApp(data);
    await signIn(again, 'w');
    expect(readKeyring(paths.keyFile).dbKeying).toBe('raw');
    expect(await rawKeyAudits(again)).toBe(1);
    again.app.close();
  });

  it('a backup made before the move restores after it, and moves at the next sign-in', async () => {
    const paths = dataPaths(data);
    const key = slotKey(paths.keyFile, ADMIN.username, ADMIN.password);
    makeLegacyKeyed(data, key);
    // A backup written by the program as it was: the database open under the passphrase keying.
    const old = new AppContext({ dataDir: data, version: 'test' });
    old.attachStore(new Store(openDatabase({ path: paths.db, key, keying: 'passphrase' })), key);
    old.writeAnchor();
    const id = backupIfDue(old, 'daily')?.daily ?? '';
    old.close();
    expect(id).not.toBe('');
    const folder = join(paths.backups, id);
    expect(readKeyring(join(folder, 'welfare.keys.json')).dbKeying).toBeUndefined();
    expect(openCode(join(folder, 'welfare.db'), key, 'passphrase')).toBe('ok');
    const atBackup = digestWith(paths.db, key, 'passphrase');

    const t = newApp(data);
    await signIn(t, 'w');
    expect(readKeyring(paths.keyFile).dbKeying).toBe('raw');
    expect(
      (await invoke(t, 'w', 'user.add', { username: 'zhao', displayName: '赵', roles: ['clerk'], password: PASSWORD }))
        .ok,
    ).toBe(true);
    const r = await invoke(t, 'w', 'backup.restore', { id });
    if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
    expect(readKeyring(paths.keyFile).dbKeying).toBeUndefined();
    expect(openCode(paths.db, key, 'passphrase')).toBe('ok');

    await signIn(t, 'w');
    expect(digestOf(t)).toBe(atBackup);
    expect(readKeyring(paths.keyFile).dbKeying).toBe('raw');
    expect(openCode(paths.db, key, 'raw')).toBe('ok');
    t.app.close();
  });
});

describe('an interrupted move to the raw key', () => {
  const tmp = tempDir('wd-rawkey-kill-');
  const moverJs = join(tmp.dir, 'mover.cjs');
  beforeAll(async () => {
    const native = join(REPO_ROOT, 'node_modules', 'better-sqlite3-multiple-ciphers');
    await build({
      entryPoints: [join(REPO_ROOT, 'tests/support/legacy-key.ts')],
      outfile: moverJs,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node22',
      logLevel: 'silent',
      plugins: [
        {
          name: 'native-external',
          setup: (b) =>
            void b.onResolve({ filter: /^better-sqlite3-multiple-ciphers$/ }, () => ({ path: native, external: true })),
        },
      ],
    });
    return () => tmp.cleanup();
  });

  it('killed while SQLCipher rewrites the pages: the database opens under the old key and moves next time', async () => {
    const data = join(tmp.dir, 'data');
    initialisedDir(data);
    const paths = dataPaths(data);
    const key = slotKey(paths.keyFile, ADMIN.username, ADMIN.password);
    // Big enough that the rewrite lasts long after its journal appears.
    makeLegacyKeyed(data, key, 24);
    const before = digestWith(paths.db, key, 'passphrase');
    const journal = `${paths.db}-journal`;

    const outcome = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [moverJs], {
        env: { ...process.env, [MOVER_ENV.dir]: data, [MOVER_ENV.key]: key.toString('hex') },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
      child.stderr.setEncoding('utf8').on('data', (c: string) => (out += c));
      // The rollback journal exists only inside the rekey's transaction: that is mid-move.
      const poll = setInterval(() => {
        if (existsSync(journal)) {
          clearInterval(poll);
          child.kill('SIGKILL');
        }
      }, 1);
      child.on('error', reject);
      child.on('close', (_code, signal) => {
        clearInterval(poll);
        resolve(signal === 'SIGKILL' ? 'killed' : `ended by itself: ${out}`);
      });
    });
    expect(outcome).toBe('killed');
    expect(existsSync(journal)).toBe(true);
    expect(readKeyring(paths.keyFile).dbKeying).toBeUndefined();

    const t = newApp(data);
    await signIn(t, 'w');
    expect(digestOf(t)).toBe(before);
    expect(readKeyring(paths.keyFile).dbKeying).toBe('raw');
    const check = t.app.currentStore()?.raw.pragma('integrity_check', { simple: true });
    expect(check).toBe('ok');
    t.app.close();
    expect(existsSync(journal)).toBe(false);
    expect(openCode(paths.db, key, 'raw')).toBe('ok');
  }, 120_000);

  it('failing part way (the disk fills during the rewrite): sign-in goes on under the old key, and moves once there is room', async () => {
    const disk = smallDisk(40 * 1024);
    try {
      const data = join(disk.dir, 'data');
      initialisedDir(data);
      const paths = dataPaths(data);
      const key = slotKey(paths.keyFile, ADMIN.username, ADMIN.password);
      makeLegacyKeyed(data, key, 8);
      const before = digestWith(paths.db, key, 'passphrase');
      // Leave 2 MiB: room to sign in, not for a journal of the whole 8 MiB database.
      const filler = join(disk.dir, 'filler.bin');
      const fd = openSync(filler, 'w');
      try {
        const chunk = Buffer.alloc(1024 * 1024, 7);
        try {
          for (;;) writeSync(fd, chunk);
        } catch {
          // full
        }
        ftruncateSync(fd, Math.max(0, fstatSync(fd).size - 2 * 1024 * 1024));
      } finally {
        closeSync(fd);
      }

      const t = newApp(data);
      await signIn(t, 'w');
      expect(digestOf(t)).toBe(before);
      expect(readKeyring(paths.keyFile).dbKeying).toBeUndefined();
      expect(await rawKeyAudits(t)).toBe(0);
      t.app.close();
      expect(existsSync(`${paths.db}-journal`)).toBe(false);
      expect(openCode(paths.db, key, 'passphrase')).toBe('ok');

      const empty = openSync(filler, 'r+');
      ftruncateSync(empty, 0);
      closeSync(empty);
      const again = newApp(data);
      await signIn(again, 'w');
      expect(readKeyring(paths.keyFile).dbKeying).toBe('raw');
      expect(digestOf(again)).toBe(before);
      again.app.close();
    } finally {
      disk.cleanup();
    }
  }, 120_000);
});
