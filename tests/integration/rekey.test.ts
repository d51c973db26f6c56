import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSlot, readKeyring, resealSlot, writeKeyring } from '../../electron/db/keyring';
import { rekeyConnection } from '../../electron/db/keying';
import { openDatabase, readSalt } from '../../electron/db/open';
import { dataPaths } from '../../electron/db/paths';
import { AppError } from '../../electron/errors';
import { backupIfDue } from '../../electron/services/backup/service';
import { runCliInProcess } from '../support/cli';
import { contentDigest, sha256File } from '../support/db';
import { ADMIN, initialisedDir, invoke, newApp, PASSWORD, signIn, type TestApp } from '../support/fixtures';
import { tempDir } from '../support/tmp';

function slotKey(keyFile: string, username: string | null, secret: string): Buffer {
  const slot = readKeyring(keyFile).slots.find((s) =>
    username === null ? s.kind === 'recovery' : s.username === username,
  );
  const key = slot ? openSlot(slot, secret) : null;
  if (!key) throw new Error(`the slot of ${username ?? 'recovery'} should open`);
  return key;
}

function openCode(path: string, key: Buffer): string {
  try {
    openDatabase({ path, key }).close();
    return 'ok';
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
}

function digestOf(t: TestApp): string {
  const store = t.app.currentStore();
  if (!store) throw new Error('the database should be open');
  return contentDigest(store.raw, ['audit_log']);
}

describe('changing the database key', () => {
  let tmp: ReturnType<typeof tempDir>;
  let recoveryCode: string;
  beforeEach(() => {
    tmp = tempDir();
    ({ recoveryCode } = initialisedDir(tmp.dir, {
      users: [{ username: 'li', displayName: '李经办', roles: ['clerk'] }],
    }));
  });
  afterEach(() => tmp.cleanup());

  it('keeps every row, retires the old key, and every password (and the recovery code) still opens', async () => {
    const t = newApp(tmp.dir);
    await signIn(t, 'w');
    const oldKey = slotKey(t.paths.keyFile, ADMIN.username, ADMIN.password);
    const before = digestOf(t);
    // The failed attempt is counted in the keyring; its key slots must not change.
    const slotsOf = () => JSON.stringify(readKeyring(t.paths.keyFile).slots);
    const ringBefore = slotsOf();

    expect(await invoke(t, 'w', 'key.rekey', { password: 'not-my-password' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSWORD' },
    });
    expect(slotsOf()).toBe(ringBefore);
    await signIn(t, 'clerk', 'li', PASSWORD);
    expect(await invoke(t, 'clerk', 'key.rekey', { password: PASSWORD })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    const r = await invoke(t, 'w', 'key.rekey', { password: ADMIN.password });
    if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
    expect(r.value.slots).toBe(3);
    // Sessions carry on with the new key in memory.
    expect((await invoke(t, 'w', 'system.status', {})).ok).toBe(true);
    expect(t.app.currentKey()?.equals(oldKey)).toBe(false);
    expect(digestOf(t)).toBe(before);
    expect(existsSync(`${t.paths.keyFile}.next`)).toBe(false);
    const status = await invoke(t, 'w', 'system.status', {});
    expect(status.ok && status.value.journalMode).toBe('wal');
    const log = await invoke(t, 'w', 'audit.list', { entity: 'keyring' });
    expect(log.ok && log.value.rows.map((row) => [row.action, row.username])).toEqual([['key.rekey', ADMIN.username]]);
    const failed = await invoke(t, 'w', 'audit.list', { username: ADMIN.username });
    expect(failed.ok && failed.value.rows.some((row) => row.action === 'login.failed')).toBe(true);
    t.app.close();

    expect(openCode(t.paths.db, oldKey)).toBe('DB_WRONG_KEY');
    const newKey = slotKey(t.paths.keyFile, ADMIN.username, ADMIN.password);
    expect(newKey.equals(oldKey)).toBe(false);
    expect(slotKey(t.paths.keyFile, null, recoveryCode).equals(newKey)).toBe(true);
    expect(readKeyring(t.paths.keyFile).dbSalt).toBe(readSalt(t.paths.db));

    const again = newApp(tmp.dir);
    await signIn(again, 'a');
    await signIn(again, 'l', 'li', PASSWORD);
    expect(digestOf(again)).toBe(before);
    again.app.close();
  });

  it('an old backup still opens with its own keyring and the password of its day', async () => {
    const t = newApp(tmp.dir);
    await signIn(t, 'w');
    const at = digestOf(t);
    const id = backupIfDue(t.app, 'daily')?.daily ?? '';
    const folder = join(t.paths.backups, id);
    expect((await invoke(t, 'w', 'key.rekey', { password: ADMIN.password })).ok).toBe(true);
    const newPassword = 'admin-password-2';
    expect((await invoke(t, 'w', 'session.changePassword', { oldPassword: ADMIN.password, newPassword })).ok).toBe(
      true,
    );

    // The backup's keyring gives its key to the old password; the current key does not open it.
    const copy = join(tmp.dir, 'copy.db');
    copyFileSync(join(folder, 'welfare.db'), copy);
    const oldKey = slotKey(join(folder, 'welfare.keys.json'), ADMIN.username, ADMIN.password);
    expect(openCode(copy, slotKey(t.paths.keyFile, ADMIN.username, newPassword))).toBe('DB_WRONG_KEY');
    expect(openCode(copy, oldKey)).toBe('ok');

    expect(await invoke(t, 'w', 'backup.restore', { id })).toMatchObject({
      ok: false,
      error: { code: 'BACKUP_OTHER_KEY' },
    });
    expect(await invoke(t, 'w', 'backup.restore', { id, password: newPassword })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSWORD' },
    });
    const r = await invoke(t, 'w', 'backup.restore', { id, password: ADMIN.password });
    if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
    // Passwords are those of the backup's day again.
    expect(await invoke(t, 'x', 'session.login', { username: ADMIN.username, password: newPassword })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSWORD' },
    });
    await signIn(t, 'w', ADMIN.username, ADMIN.password);
    expect(digestOf(t)).toBe(at);
    expect(t.app.currentKey()?.equals(oldKey)).toBe(true);
    t.app.close();
  });

  it('signs in after a rekey interrupted between the database and the keyring', async () => {
    const paths = dataPaths(tmp.dir);
    const oldKey = slotKey(paths.keyFile, ADMIN.username, ADMIN.password);
    const newKey = randomBytes(32);
    const ring = readKeyring(paths.keyFile);
    const before = (() => {
      const db = openDatabase({ path: paths.db, key: oldKey });
      const d = contentDigest(db, ['audit_log']);
      // The steps of rekeyDatabase up to, not including, the rename.
      writeKeyring(`${paths.keyFile}.next`, {
        ...ring,
        dbSalt: null,
        dbKeying: 'raw',
        slots: ring.slots.map((s) => resealSlot(s, newKey)),
      });
      rekeyConnection(db, newKey, 'raw');
      db.close();
      return d;
    })();
    expect(openCode(paths.db, oldKey)).toBe('DB_WRONG_KEY');

    const t = newApp(tmp.dir);
    await signIn(t, 'w');
    expect(digestOf(t)).toBe(before);
    expect(existsSync(`${paths.keyFile}.next`)).toBe(false);
    expect(slotKey(paths.keyFile, 'li', PASSWORD).equals(newKey)).toBe(true);
    await signIn(t, 'clerk', 'li', PASSWORD);
    t.app.close();
  });

  it('rekeys from the CLI', async () => {
    const before = sha256File(join(tmp.dir, 'welfare.keys.json'));
    const r = await runCliInProcess(['rekey', '--data', tmp.dir, '--user', ADMIN.username, '--json'], {
      WELFARE_DESK_PASSWORD: ADMIN.password,
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, rekey: { slots: 3 } });
    expect(sha256File(join(tmp.dir, 'welfare.keys.json'))).not.toBe(before);
    const status = await runCliInProcess(['status', '--data', tmp.dir, '--user', ADMIN.username, '--json'], {
      WELFARE_DESK_PASSWORD: ADMIN.password,
    });
    expect(JSON.parse(status.stdout)).toMatchObject({ ok: true, integrity: 'ok', cipher: 'sqlcipher' });
    expect(readdirSync(tmp.dir).filter((f) => f.includes('.next') || f.includes('.tmp'))).toEqual([]);
  });
});
