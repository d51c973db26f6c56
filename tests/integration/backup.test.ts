import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../shared/contract';
import type { AuditLogTable } from '../../electron/db/schema';
import { openSlot, readKeyring } from '../../electron/db/keyring';
import { LATEST_SCHEMA_VERSION } from '../../electron/db/migrations';
import { openDatabase } from '../../electron/db/open';
import { countRows } from '../../electron/services/backup/manifest';
import { backupIfDue } from '../../electron/services/backup/service';
import { runCliInProcess } from '../support/cli';
import { contentDigest, sha256File } from '../support/db';
import { ADMIN, initialisedDir, invoke, newApp, PASSWORD, signIn, type TestApp } from '../support/fixtures';
import { tempDir } from '../support/tmp';

const asAdmin = { WELFARE_DESK_PASSWORD: ADMIN.password };

function slotKey(keyFile: string, username: string, password: string): Buffer {
  const slot = readKeyring(keyFile).slots.find((s) => s.username === username);
  const key = slot ? openSlot(slot, password) : null;
  if (!key) throw new Error(`the slot of ${username} should open`);
  return key;
}

function store(t: TestApp) {
  const s = t.app.currentStore();
  if (!s) throw new Error('the database should be open');
  return s;
}

function auditRows(t: TestApp, upTo = Number.MAX_SAFE_INTEGER): AuditLogTable[] {
  return store(t).raw.prepare('SELECT * FROM audit_log WHERE seq <= ? ORDER BY seq').all(upTo) as AuditLogTable[];
}

function flipByte(path: string, offset: number): void {
  const fd = openSync(path, 'r+');
  const b = Buffer.alloc(1);
  readSync(fd, b, 0, 1, offset);
  b[0] = (b[0] ?? 0) ^ 0xff;
  writeSync(fd, b, 0, 1, offset);
  closeSync(fd);
}

function manifestOf(folder: string) {
  return JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'));
}

describe('backups', () => {
  let tmp: ReturnType<typeof tempDir>;
  let data: string;
  let out: string;
  beforeEach(() => {
    tmp = tempDir();
    data = join(tmp.dir, 'data');
    out = join(tmp.dir, 'usb');
    mkdirSync(out);
    initialisedDir(data, { users: [{ username: 'li', displayName: '李经办', roles: ['clerk'] }] });
  });
  afterEach(() => tmp.cleanup());

  const withDialog = (folder: string | null) =>
    newApp(data, { dialogs: { chooseFolder: async () => folder, chooseSaveFile: async () => null } });

  it('writes an encrypted copy (no plaintext header) with its keyring and manifest, and audits a manual backup', async () => {
    const t = withDialog(out);
    await signIn(t, 'w');
    const canary = 'CANARY-备份-金丝雀';
    store(t).write({ username: ADMIN.username, channel: 'test' }, (w) => {
      w.run(w.kysely.insertInto('meta').values({ key: 'canary', value: canary.repeat(20) }));
      w.audit({ action: 'settings.update', entity: 'settings', entityId: 'canary' });
    });
    const counts = countRows(store(t).raw);
    const r = await invoke(t, 'w', 'backup.create', {});
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.path.startsWith(out)).toBe(true);
    expect(r.value.name).toMatch(/^welfare-backup-\d{8}-\d{6}$/);
    const folder = r.value.path;
    expect(readdirSync(folder).sort()).toEqual(['manifest.json', 'welfare.db', 'welfare.keys.json']);
    const bytes = readFileSync(join(folder, 'welfare.db'));
    expect(bytes.includes('SQLite format 3')).toBe(false);
    expect(bytes.includes('CANARY')).toBe(false);
    expect(bytes.includes(Buffer.from('金丝雀'))).toBe(false);
    expect(bytes.length % 4096).toBe(0);
    expect(readFileSync(join(folder, 'welfare.keys.json'))).toEqual(readFileSync(t.paths.keyFile));

    const m = manifestOf(folder);
    expect(m).toMatchObject({
      format: 'welfare-desk-backup',
      version: 1,
      kind: 'manual',
      schemaVersion: LATEST_SCHEMA_VERSION,
      appVersion: 'test',
      countyCode: '420102',
    });
    expect(m.rowCounts).toEqual(counts);
    expect(m.rowCounts).toMatchObject({ users: 2 });
    expect(m.dbSha256).toBe(sha256File(join(folder, 'welfare.db')));
    expect(m.keyringSha256).toBe(sha256File(join(folder, 'welfare.keys.json')));

    // Readable with the same key, and it is the same data.
    const copy = openDatabase({
      path: join(folder, 'welfare.db'),
      key: slotKey(t.paths.keyFile, ADMIN.username, ADMIN.password),
    });
    expect(copy.prepare(`SELECT value FROM meta WHERE key = 'canary'`).pluck().get()).toBe(canary.repeat(20));
    copy.close();

    const log = await invoke(t, 'w', 'audit.list', { entity: 'backup' });
    expect(log.ok && log.value.rows.map((row) => [row.action, row.entityId])).toEqual([
      ['backup.create', r.value.name],
    ]);
    t.app.close();
  });

  it('asks for a folder and stops with CANCELLED when none is chosen; the renderer cannot name a path', async () => {
    const t = withDialog(null);
    await signIn(t, 'w');
    expect(await invoke(t, 'w', 'backup.create', {})).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(await t.dispatch({ key: 'w' }, 'backup.create', { folder: out })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await t.dispatch({ key: 'w' }, 'backup.restore', { id: 'daily/../../etc' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await invoke(t, 'w', 'backup.restore', { id: 'daily/2020-01-01' })).toMatchObject({
      ok: false,
      error: { code: 'BACKUP_NOT_FOUND' },
    });
    expect(await invoke(t, 'w', 'backup.restore', { choose: true })).toMatchObject({
      ok: false,
      error: { code: 'CANCELLED' },
    });
    await signIn(t, 'clerk', 'li', PASSWORD);
    expect(await invoke(t, 'clerk', 'backup.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(readdirSync(out)).toEqual([]);
    t.app.close();
  });

  it('restores to identical contents, keeps a safety copy and ends every session', async () => {
    const t = withDialog(out);
    await signIn(t, 'w');
    await signIn(t, 'clerk', 'li', PASSWORD);
    expect((await invoke(t, 'w', 'settings.update', { idleLockMinutes: 20 })).ok).toBe(true);
    const daily = backupIfDue(t.app, 'daily');
    expect(daily?.daily).toMatch(/^daily\/\d{4}-\d{2}-\d{2}$/);
    expect(daily?.monthly).toMatch(/^monthly\/\d{4}-\d{2}$/);
    const atBackup = contentDigest(store(t).raw, ['audit_log']);
    const head = manifestOf(join(t.paths.backups, daily?.daily ?? '')).auditHead.seq;
    const auditAtBackup = auditRows(t, head);

    expect(
      (
        await invoke(t, 'w', 'user.add', {
          username: 'zhang',
          displayName: '张审核',
          roles: ['reviewer'],
          password: PASSWORD,
        })
      ).ok,
    ).toBe(true);
    expect((await invoke(t, 'w', 'settings.update', { idleLockMinutes: 30 })).ok).toBe(true);
    const beforeRestore = contentDigest(store(t).raw, ['audit_log']);
    expect(beforeRestore).not.toBe(atBackup);

    const list = await invoke(t, 'w', 'backup.list', {});
    if (!list.ok) throw new Error(list.error.message);
    expect(list.value.map((b) => b.id).sort()).toEqual([daily?.daily, daily?.monthly].sort());
    expect(list.value.find((b) => b.id === daily?.daily)).toMatchObject({
      group: 'daily',
      kind: 'daily',
      schemaVersion: LATEST_SCHEMA_VERSION,
      readable: true,
      countyCode: '420102',
    });

    const events: AppEvent[] = [];
    t.app.onEvent((e) => events.push(e));
    const r = await invoke(t, 'w', 'backup.restore', { id: daily?.daily ?? '' });
    if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
    expect(r.value.safetyId).toMatch(/^safety\/\d{8}-\d{6}$/);
    // Besides the restore job's progress, one event: every session ended.
    expect(events.filter((e) => e.type !== 'job')).toEqual([{ type: 'session.ended', reason: 'restored' }]);
    expect(t.app.allSessions()).toEqual([]);
    expect(t.app.currentStore()).toBeNull();
    expect(await invoke(t, 'clerk', 'settings.get', {})).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });

    // The user added after the backup has no slot in the restored keyring.
    expect(await invoke(t, 'z', 'session.login', { username: 'zhang', password: PASSWORD })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSWORD' },
    });
    await signIn(t, 'w');
    expect(contentDigest(store(t).raw, ['audit_log'])).toBe(atBackup);
    expect(auditRows(t, head)).toEqual(auditAtBackup);
    const after = auditRows(t).filter((row) => row.seq > head);
    expect(after.map((row) => row.action)).toContain('backup.restore');
    expect(after.find((row) => row.action === 'backup.restore')).toMatchObject({
      username: ADMIN.username,
      channel: 'backup.restore',
    });
    expect(await invoke(t, 'w', 'audit.verify', {})).toMatchObject({ ok: true, value: { ok: true } });
    expect(t.app.settings.idleLockMinutes).toBe(20);

    // The safety copy is the database as it was just before the restore.
    const safety = join(t.paths.backups, r.value.safetyId ?? '');
    expect(manifestOf(safety).kind).toBe('safety');
    const copy = openDatabase({
      path: join(safety, 'welfare.db'),
      key: slotKey(join(safety, 'welfare.keys.json'), ADMIN.username, ADMIN.password),
    });
    expect(contentDigest(copy, ['audit_log'])).toBe(beforeRestore);
    copy.close();
    const listed = await invoke(t, 'w', 'backup.list', {});
    expect(listed.ok && listed.value.find((b) => b.id === r.value.safetyId)).toMatchObject({
      group: 'safety',
      kind: 'safety',
      readable: true,
    });
    expect(
      readdirSync(data).filter((f) => f.includes('restoring') || f.includes('before-restore') || f.endsWith('.next')),
    ).toEqual([]);
    t.app.close();
  });

  it('refuses a tampered backup with BACKUP_INVALID and leaves the current database untouched', async () => {
    const t = withDialog(out);
    await signIn(t, 'w');
    const id = backupIfDue(t.app, 'daily')?.daily ?? '';
    const folder = join(t.paths.backups, id);
    const dbFile = join(folder, 'welfare.db');
    flipByte(dbFile, Math.floor(statSync(dbFile).size / 2) + 100);
    const before = {
      db: sha256File(t.paths.db),
      keys: sha256File(t.paths.keyFile),
      digest: contentDigest(store(t).raw),
    };
    const refused = await invoke(t, 'w', 'backup.restore', { id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'BACKUP_INVALID' } });
    expect(!refused.ok && refused.error.message).toContain('与清单中的校验值不符');

    // A forger who also fixes the manifest's hash still meets SQLCipher's page authentication.
    const m = manifestOf(folder);
    writeFileSync(join(folder, 'manifest.json'), JSON.stringify({ ...m, dbSha256: sha256File(dbFile) }));
    const forged = await invoke(t, 'w', 'backup.restore', { id });
    expect(forged).toMatchObject({ ok: false, error: { code: 'BACKUP_INVALID' } });
    expect(!forged.ok && forged.error.message).toContain('备份中的数据库已损坏');

    // Damage on page 1 too, and a cut-short file.
    flipByte(dbFile, 40);
    writeFileSync(join(folder, 'manifest.json'), JSON.stringify({ ...m, dbSha256: sha256File(dbFile) }));
    expect(await invoke(t, 'w', 'backup.restore', { id })).toMatchObject({
      ok: false,
      error: { code: 'BACKUP_INVALID' },
    });
    truncateSync(dbFile, 4096);
    expect(await invoke(t, 'w', 'backup.restore', { id })).toMatchObject({
      ok: false,
      error: { code: 'BACKUP_INVALID' },
    });

    expect(sha256File(t.paths.db)).toBe(before.db);
    expect(sha256File(t.paths.keyFile)).toBe(before.keys);
    expect(contentDigest(store(t).raw)).toBe(before.digest);
    expect(existsSync(join(t.paths.backups, 'safety'))).toBe(false);
    expect((await invoke(t, 'w', 'system.status', {})).ok).toBe(true);
    t.app.close();
  });

  it('refuses to restore or rekey while another program has the database open', async () => {
    const t = withDialog(out);
    await signIn(t, 'w');
    const id = backupIfDue(t.app, 'daily')?.daily ?? '';
    const other = openDatabase({ path: t.paths.db, key: slotKey(t.paths.keyFile, ADMIN.username, ADMIN.password) });
    other.pragma('busy_timeout = 0');
    other.prepare('SELECT count(*) FROM users').get();
    // A checkpoint may move pages from the log into the file, so contents are compared, not file bytes.
    const before = { digest: contentDigest(store(t).raw), keys: sha256File(t.paths.keyFile) };
    expect(await invoke(t, 'w', 'backup.restore', { id })).toMatchObject({ ok: false, error: { code: 'DB_BUSY' } });
    expect(await invoke(t, 'w', 'key.rekey', { password: ADMIN.password })).toMatchObject({
      ok: false,
      error: { code: 'DB_BUSY' },
    });
    expect({ digest: contentDigest(store(t).raw), keys: sha256File(t.paths.keyFile) }).toEqual(before);
    expect(existsSync(`${t.paths.keyFile}.next`)).toBe(false);
    expect(existsSync(join(t.paths.backups, 'safety'))).toBe(false);
    expect(other.prepare('SELECT count(*) FROM users').pluck().get()).toBe(2);
    other.close();
    const status = await invoke(t, 'w', 'system.status', {});
    expect(status.ok && status.value.journalMode).toBe('wal');
    expect((await invoke(t, 'w', 'backup.restore', { id })).ok).toBe(true);
    t.app.close();
  });

  it('keeps the newest 30 daily and 12 monthly backups, and refreshes today’s on exit', async () => {
    let now = new Date(2025, 0, 1, 9, 0, 0);
    const t = newApp(data, { clock: () => now });
    await signIn(t, 'w');
    const day = (d: Date) => d.toISOString().slice(0, 10);
    // One backup a month for 11 months, then 31 days in a row across two more months:
    // 42 daily folders over 13 months, each opened and checked (~0.25 s apiece).
    for (let month = 0; month < 11; month++) {
      now = new Date(2025, 3 + month, 10, 9, 0, 0);
      expect(backupIfDue(t.app, 'daily')?.monthly).toBe(
        `monthly/${day(new Date(Date.UTC(2025, 3 + month, 1))).slice(0, 7)}`,
      );
    }
    for (let i = 0; i < 31; i++) {
      now = new Date(2026, 2, 15 + i, 9, 0, 0);
      const r = backupIfDue(t.app, 'daily');
      expect(r?.daily).toBe(`daily/${day(new Date(Date.UTC(2026, 2, 15 + i)))}`);
    }
    const names = (group: string) => readdirSync(join(t.paths.backups, group)).sort();
    const daily = names('daily');
    expect(daily).toHaveLength(30);
    expect(daily[0]).toBe('2026-03-16');
    expect(daily.at(-1)).toBe('2026-04-14');
    const monthly = names('monthly');
    expect(monthly).toHaveLength(12);
    expect(monthly[0]).toBe('2025-05');
    expect(monthly.at(-1)).toBe('2026-04');
    expect(manifestOf(join(t.paths.backups, 'monthly', '2026-04')).kind).toBe('monthly');

    // Once a day; on exit the day's backup is written again with the day's work.
    expect(backupIfDue(t.app, 'daily')).toEqual({ daily: null, monthly: null, pruned: [] });
    now = new Date(2026, 3, 14, 18, 30, 0);
    expect(backupIfDue(t.app, 'exit')?.daily).toBe('daily/2026-04-14');
    expect(manifestOf(join(t.paths.backups, 'daily', '2026-04-14'))).toMatchObject({
      kind: 'exit',
      createdAt: now.toISOString(),
    });

    await signIn(t, 'w'); // the fake year has long passed the idle lock
    expect((await invoke(t, 'w', 'settings.update', { backupKeepDaily: 3, backupKeepMonthly: 2 })).ok).toBe(true);
    now = new Date(2026, 3, 15, 9, 0, 0);
    backupIfDue(t.app, 'daily');
    expect(names('daily')).toEqual(['2026-04-13', '2026-04-14', '2026-04-15']);
    expect(names('monthly')).toEqual(['2026-03', '2026-04']);
    t.app.close();
    // Nobody signed in: nothing to back up.
    expect(backupIfDue(t.app, 'exit')).toBeNull();
  });

  it('backs up and restores from the CLI, also when the database is damaged', async () => {
    const backup = await runCliInProcess(['backup', '--data', data, '--user', ADMIN.username, '--json'], asAdmin);
    expect(backup.code).toBe(0);
    const made = JSON.parse(backup.stdout);
    expect(made).toMatchObject({ ok: true, backup: { kind: 'manual' } });
    expect(made.backup.path.startsWith(join(data, 'backups', 'manual'))).toBe(true);
    const toUsb = await runCliInProcess(['backup', '--data', data, '--user', ADMIN.username, '--out', out], asAdmin);
    expect(toUsb.code).toBe(0);
    expect(toUsb.stdout).toContain('已备份到');
    expect(readdirSync(out)).toHaveLength(1);

    const clerk = await runCliInProcess(['backup', '--data', data, '--user', 'li', '--json'], {
      WELFARE_DESK_PASSWORD: PASSWORD,
    });
    expect(clerk.code).toBe(1);
    expect(JSON.parse(clerk.stdout).error.code).toBe('FORBIDDEN');

    const restored = await runCliInProcess(
      ['restore', '--data', data, '--user', ADMIN.username, '--from', made.backup.path, '--json'],
      asAdmin,
    );
    expect(restored.code).toBe(0);
    expect(JSON.parse(restored.stdout)).toMatchObject({ ok: true, restore: { restoredFrom: made.backup.name } });

    // A damaged database cannot be signed into; the backup's own keyring lets an admin of the backup restore it.
    const size = statSync(join(data, 'welfare.db')).size;
    truncateSync(join(data, 'welfare.db'), size - 1000);
    const broken = await runCliInProcess(['status', '--data', data, '--user', ADMIN.username, '--json'], asAdmin);
    expect(JSON.parse(broken.stdout).error.code).toBe('DB_CORRUPT');
    const wrong = await runCliInProcess(
      ['restore', '--data', data, '--user', ADMIN.username, '--from', made.backup.path, '--json'],
      { WELFARE_DESK_PASSWORD: 'not-the-password' },
    );
    expect(JSON.parse(wrong.stdout).error.code).toBe('WRONG_PASSWORD');
    const notAdmin = await runCliInProcess(
      ['restore', '--data', data, '--user', 'li', '--from', made.backup.path, '--json'],
      { WELFARE_DESK_PASSWORD: PASSWORD },
    );
    expect(JSON.parse(notAdmin.stdout).error.code).toBe('FORBIDDEN');
    const rescue = await runCliInProcess(
      ['restore', '--data', data, '--user', ADMIN.username, '--from', made.backup.path, '--json'],
      asAdmin,
    );
    expect(rescue.code).toBe(0);
    const safetyId = JSON.parse(rescue.stdout).restore.safetyId;
    expect(safetyId).toMatch(/^safety\/\d{8}-\d{6}-raw$/);
    expect(statSync(join(data, 'backups', safetyId, 'welfare.db')).size).toBe(size - 1000);
    const status = await runCliInProcess(['status', '--data', data, '--user', ADMIN.username, '--json'], asAdmin);
    expect(JSON.parse(status.stdout)).toMatchObject({ ok: true, integrity: 'ok' });

    // A new computer: an empty data folder takes the backup whole.
    const fresh = join(tmp.dir, 'new-pc');
    const moved = await runCliInProcess(
      ['restore', '--data', fresh, '--user', ADMIN.username, '--from', made.backup.path, '--json'],
      asAdmin,
    );
    expect(moved.code).toBe(0);
    expect(JSON.parse(moved.stdout).restore.safetyId).toBeNull();
    const there = await runCliInProcess(['status', '--data', fresh, '--user', 'li', '--json'], {
      WELFARE_DESK_PASSWORD: PASSWORD,
    });
    expect(JSON.parse(there.stdout).error.code).toBe('FORBIDDEN');
  });
});
