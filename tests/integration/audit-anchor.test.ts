import { copyFileSync, existsSync, linkSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSlot, readKeyring, writeKeyring } from '../../electron/db/keyring';
import { openDatabase, readSalt } from '../../electron/db/open';
import { backupIfDue } from '../../electron/services/backup/service';
import { runCliInProcess } from '../support/cli';
import { contentDigest } from '../support/db';
import { ADMIN, initialisedDir, invoke, newApp, signIn, type TestApp } from '../support/fixtures';
import { tempDir } from '../support/tmp';

function adminKey(keyFile: string): Buffer {
  const slot = readKeyring(keyFile).slots.find((s) => s.username === ADMIN.username);
  const key = slot ? openSlot(slot, ADMIN.password) : null;
  if (!key) throw new Error('the admin slot should open');
  return key;
}

async function addUsers(t: TestApp, n: number, prefix: string): Promise<void> {
  for (let i = 0; i < n; i++) {
    const r = await invoke(t, 'w', 'user.add', {
      username: `${prefix}${String(i)}`,
      displayName: `用户${String(i)}`,
      roles: ['clerk'],
      password: 'user-password-1',
    });
    if (!r.ok) throw new Error(r.error.message);
  }
}

function anchorSeq(t: TestApp): number {
  return (JSON.parse(readFileSync(t.paths.anchor, 'utf8')) as { seq: number }).seq;
}

describe('the audit anchor beside the database', () => {
  let tmp: ReturnType<typeof tempDir>;
  let data: string;
  beforeEach(() => {
    tmp = tempDir();
    data = join(tmp.dir, 'data');
    initialisedDir(data);
  });
  afterEach(() => tmp.cleanup());

  it('follows the audit head after every audited commit and is MAC’d under the database key', async () => {
    const t = newApp(data);
    await signIn(t, 'w');
    await addUsers(t, 2, 'a');
    const head = t.app.currentStore()?.raw.prepare('SELECT max(seq) AS s FROM audit_log').get() as { s: number };
    expect(anchorSeq(t)).toBe(head.s);
    t.app.close();
    // A forged anchor (seq raised, MAC kept) is not believed: it is rebuilt and that is audited.
    const forged = JSON.parse(readFileSync(t.paths.anchor, 'utf8')) as { seq: number };
    writeFileSync(t.paths.anchor, JSON.stringify({ ...forged, seq: forged.seq + 50 }));
    const again = newApp(data);
    await signIn(again, 'w');
    const rows = again.app.currentStore()?.raw.prepare(`SELECT action, after_json FROM audit_log`).all() as Array<{
      action: string;
      after_json: string;
    }>;
    expect(rows.filter((r) => r.action === 'audit.anchorReset').map((r) => JSON.parse(r.after_json))).toEqual([
      { reason: 'invalid' },
    ]);
    again.app.close();
  });

  it('a write nested in another moves the anchor only when the outer one commits', async () => {
    const t = newApp(data);
    await signIn(t, 'w');
    const store = t.app.currentStore();
    if (!store) throw new Error('open');
    const before = anchorSeq(t);
    const actor = { username: ADMIN.username, channel: 'settings.update' };
    expect(() =>
      store.write(actor, (w) => {
        w.audit({ action: 'settings.update', entity: 'settings', entityId: 'outer' });
        store.write(actor, (inner) =>
          inner.audit({ action: 'settings.update', entity: 'settings', entityId: 'inner' }),
        );
        // The inner write has "committed" its savepoint; the outer one now fails and takes both back.
        expect(anchorSeq(t)).toBe(before);
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    expect(anchorSeq(t)).toBe(before);
    store.write(actor, (w) => {
      store.write(actor, (inner) => inner.audit({ action: 'settings.update', entity: 'settings', entityId: 'inner' }));
      w.audit({ action: 'settings.update', entity: 'settings', entityId: 'outer' });
    });
    expect(anchorSeq(t)).toBe(before + 2);
    t.app.close();
  });

  it('a lost WAL is reported as 最近 N 条操作记录缺失 at sign-in and in audit verify, never as ok', async () => {
    const t = newApp(data);
    await signIn(t, 'w');
    t.app.currentStore()?.raw.pragma('wal_checkpoint(TRUNCATE)');
    const snapshot = join(tmp.dir, 'snapshot.db');
    copyFileSync(t.paths.db, snapshot);
    const snapHead = (openHead(snapshot, t) as { s: number }).s;
    await addUsers(t, 3, 'b');
    const anchored = anchorSeq(t);
    t.app.close();
    // The newest commits lived only in the WAL, and the WAL is gone.
    copyFileSync(snapshot, t.paths.db);
    rmSync(t.paths.wal, { force: true });
    rmSync(t.paths.shm, { force: true });
    const missing = anchored - snapHead;
    expect(missing).toBeGreaterThanOrEqual(3);
    const later = newApp(data);
    const r = await invoke(later, 'x', 'session.login', { username: ADMIN.username, password: ADMIN.password });
    expect(r).toMatchObject({ ok: false, error: { code: 'AUDIT_BEHIND' } });
    expect(!r.ok && r.error.message).toContain(`最近 ${String(missing)} 条操作记录缺失`);
    expect(!r.ok && r.error.message).toContain('请从备份恢复');
    later.app.close();
    const cli = await runCliInProcess(['audit', 'verify', '--data', data, '--user', ADMIN.username, '--json'], {
      WELFARE_DESK_PASSWORD: ADMIN.password,
    });
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`最近 ${String(missing)} 条操作记录缺失`);
  });

  it('deleted newest audit rows are reported as missing records', async () => {
    const t = newApp(data);
    await signIn(t, 'w');
    await addUsers(t, 2, 'c');
    t.app.close();
    const key = adminKey(t.paths.keyFile);
    const db = openDatabase({ path: t.paths.db, key });
    db.exec('DROP TRIGGER audit_log_no_delete');
    const max = (db.prepare('SELECT max(seq) AS s FROM audit_log').get() as { s: number }).s;
    db.prepare('DELETE FROM audit_log WHERE seq > ?').run(max - 2);
    db.close();
    const later = newApp(data);
    const r = await invoke(later, 'x', 'session.login', { username: ADMIN.username, password: ADMIN.password });
    expect(!r.ok && [r.error.code, r.error.message.includes('最近 2 条操作记录缺失')]).toEqual(['AUDIT_BEHIND', true]);
    later.app.close();
  });

  it('an audit verify run while the anchor is ahead of the open database names the missing rows', async () => {
    const t = newApp(data);
    await signIn(t, 'w');
    const seq = anchorSeq(t);
    const anchor = JSON.parse(readFileSync(t.paths.anchor, 'utf8')) as Record<string, unknown>;
    // Another process wrote the anchor further on (its rows were then lost): rebuilt by the MAC of the real key.
    const { makeAnchor } = await import('../../electron/db/anchor');
    const key = t.app.currentKey();
    if (!key) throw new Error('open');
    writeFileSync(t.paths.anchor, JSON.stringify(makeAnchor(key, { seq: seq + 4, hash: String(anchor.hash) })));
    const v = await invoke(t, 'w', 'audit.verify', {});
    expect(v.ok && v.value.ok).toBe(false);
    expect(v.ok && v.value.firstBroken?.reason).toContain('最近 4 条操作记录缺失');
    t.app.close();
  });

  it('every backup manifest carries the anchor of its copy', async () => {
    const t = newApp(data);
    await signIn(t, 'w');
    const r = backupIfDue(t.app, 'daily');
    const manifest = JSON.parse(readFileSync(join(data, 'backups', String(r?.daily), 'manifest.json'), 'utf8')) as {
      anchor: { seq: number; mac: string };
      auditHead: { seq: number };
    };
    expect(manifest.anchor.seq).toBe(manifest.auditHead.seq);
    expect(manifest.anchor.mac).toMatch(/^[0-9a-f]{64}$/);
    t.app.close();
  });

  function openHead(path: string, t: TestApp): unknown {
    const db = openDatabase({ path, key: adminKey(t.paths.keyFile) });
    try {
      return db.prepare('SELECT max(seq) AS s FROM audit_log').get();
    } finally {
      db.close();
    }
  }
});

describe('a restore killed half-way is settled at the next open', () => {
  let tmp: ReturnType<typeof tempDir>;
  let data: string;
  beforeEach(() => {
    tmp = tempDir();
    data = join(tmp.dir, 'data');
    initialisedDir(data);
  });
  afterEach(() => tmp.cleanup());

  async function withBackup(): Promise<{ t: TestApp; folder: string }> {
    const t = newApp(data);
    await signIn(t, 'w');
    const r = backupIfDue(t.app, 'daily');
    await addUsers(t, 2, 'd');
    t.app.close();
    return { t, folder: join(data, 'backups', String(r?.daily)) };
  }

  function journal(t: TestApp): void {
    writeFileSync(
      t.paths.restoreJournal,
      JSON.stringify({
        restoredFrom: 'x',
        createdAt: new Date().toISOString(),
        kind: 'daily',
        schemaVersion: 1,
        safetyId: null,
        username: ADMIN.username,
      }),
    );
  }

  function digest(t: TestApp): string {
    const db = openDatabase({ path: t.paths.db, key: adminKey(t.paths.keyFile) });
    try {
      return contentDigest(db, ['audit_log']);
    } finally {
      db.close();
    }
  }

  it('killed before the database was swapped: rolled back, audited, leftovers removed', async () => {
    const { t, folder } = await withBackup();
    const before = digest(t);
    copyFileSync(join(folder, 'welfare.db'), `${t.paths.db}.restoring`);
    linkSync(t.paths.db, `${t.paths.db}.before-restore`);
    copyFileSync(t.paths.keyFile, `${t.paths.keyFile}.before-restore`);
    writeKeyring(`${t.paths.keyFile}.next`, readKeyring(join(folder, 'welfare.keys.json')));
    journal(t);
    const later = newApp(data);
    await signIn(later, 'w');
    const actions = later.app.currentStore()?.raw.prepare('SELECT action FROM audit_log').pluck().all();
    expect(actions).toContain('backup.restoreRolledBack');
    later.app.close();
    expect(digest(t)).toBe(before);
    for (const leftover of ['.restoring', '.before-restore'])
      expect(existsSync(`${t.paths.db}${leftover}`), leftover).toBe(false);
    expect(existsSync(`${t.paths.keyFile}.next`)).toBe(false);
    expect(existsSync(t.paths.restoreJournal)).toBe(false);
  });

  it('killed while writing the backup’s keyring: rolled back and its temporary file removed (found by npm run torture)', async () => {
    const { t, folder } = await withBackup();
    const before = digest(t);
    copyFileSync(join(folder, 'welfare.db'), `${t.paths.db}.restoring`);
    linkSync(t.paths.db, `${t.paths.db}.before-restore`);
    copyFileSync(t.paths.keyFile, `${t.paths.keyFile}.before-restore`);
    const ring = readFileSync(join(folder, 'welfare.keys.json'));
    writeFileSync(`${t.paths.keyFile}.next.tmp`, ring.subarray(0, ring.length >> 1));
    journal(t);
    const later = newApp(data);
    await signIn(later, 'w');
    const actions = later.app.currentStore()?.raw.prepare('SELECT action FROM audit_log').pluck().all();
    expect(actions).toContain('backup.restoreRolledBack');
    later.app.close();
    expect(digest(t)).toBe(before);
    expect(readdirSync(data).filter((n) => /\.(tmp|next|restoring|before-restore)$/.test(n))).toEqual([]);
  });

  it('killed while writing the restore journal: the cut journal file removed, the database untouched (found by npm run torture)', async () => {
    const { t } = await withBackup();
    const before = digest(t);
    writeFileSync(`${t.paths.restoreJournal}.tmp`, '{"stage":');
    const later = newApp(data);
    await signIn(later, 'w');
    later.app.close();
    expect(digest(t)).toBe(before);
    expect(readdirSync(data).filter((n) => /\.tmp$/.test(n))).toEqual([]);
  });

  it('killed after the database was swapped: completed with the backup’s keyring, audited, not reported behind', async () => {
    const { t, folder } = await withBackup();
    linkSync(t.paths.db, `${t.paths.db}.before-restore`);
    copyFileSync(t.paths.keyFile, `${t.paths.keyFile}.before-restore`);
    const staged = `${t.paths.db}.restoring`;
    copyFileSync(join(folder, 'welfare.db'), staged);
    writeKeyring(`${t.paths.keyFile}.next`, {
      ...readKeyring(join(folder, 'welfare.keys.json')),
      dbSalt: readSalt(staged),
    });
    journal(t);
    rmSync(t.paths.db);
    rmSync(t.paths.wal, { force: true });
    rmSync(t.paths.shm, { force: true });
    copyFileSync(staged, t.paths.db);
    rmSync(staged);
    const later = newApp(data);
    await signIn(later, 'w');
    const users = later.app.currentStore()?.raw.prepare('SELECT username FROM users').pluck().all();
    expect(users).not.toContain('d0');
    const actions = later.app.currentStore()?.raw.prepare('SELECT action FROM audit_log').pluck().all();
    expect(actions).toContain('backup.restoreCompleted');
    later.app.close();
    for (const leftover of [
      `${t.paths.db}.before-restore`,
      `${t.paths.keyFile}.before-restore`,
      t.paths.restoreJournal,
    ])
      expect(existsSync(leftover), leftover).toBe(false);
    // And the next sign-in is an ordinary one: the anchor follows the restored database.
    const third = newApp(data);
    await signIn(third, 'w');
    third.app.close();
  });
});
