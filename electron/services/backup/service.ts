import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import dayjs from 'dayjs';
import {
  backupGroups,
  backupIdSchema,
  type BackupCreated,
  type BackupEntry,
  type BackupKind,
} from '../../../shared/contract';
import { AppError, isAppError } from '../../errors';
import type { Actor } from '../../db/audit';
import { makeAnchor } from '../../db/anchor';
import { readKeyring, ringKeying } from '../../db/keyring';
import type { Keying } from '../../db/keying';
import { schemaVersion } from '../../db/migrations';
import { openDatabase } from '../../db/open';
import type { Store } from '../../db/store';
import type { AppContext } from '../app/context';
import { readMeta } from '../app/meta';
import { auditHead } from '../audit/service';
import { readSettings } from '../settings/service';
import {
  BACKUP_DB,
  BACKUP_KEYRING,
  checkFolder,
  countRows,
  folderBytes,
  fsyncFile,
  integrityProblems,
  readManifest,
  sameCounts,
  sha256Of,
  writeManifest,
  type Manifest,
} from './manifest';
import { pruneBackups, tidyGroup } from './retention';
import { fileError } from '../files/errors';
import { assertOutsideDataDir } from '../files/guard';
import { NO_JOB, type Job } from '../jobs/runner';

export interface WrittenBackup {
  path: string;
  name: string;
  manifest: Manifest;
  bytes: number;
}

function openStoreAndKey(ctx: AppContext): { store: Store; key: Buffer } {
  const store = ctx.currentStore();
  const key = ctx.currentKey();
  if (!store || !key) throw new AppError('NOT_SIGNED_IN');
  return { store, key };
}

function removeSidecars(dbPath: string): void {
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${dbPath}${suffix}`, { force: true });
}

/** Opens the fresh copy the way the program would open it and proves it whole and complete. */
function verifyCopy(path: string, key: Buffer, keying: Keying, expected: Record<string, number>): void {
  let db;
  try {
    db = openDatabase({ path, key, keying });
  } catch (e) {
    throw new AppError('BACKUP_INVALID', '新写入的备份无法用当前密钥打开，已删除', {
      cause: isAppError(e) ? e.code : String(e),
    });
  }
  try {
    const problems = integrityProblems(db);
    if (problems.length > 0)
      throw new AppError('BACKUP_INVALID', '新写入的备份未通过完整性检查，已删除', { integrity: problems });
    const counts = countRows(db);
    if (!sameCounts(counts, expected))
      throw new AppError('BACKUP_INVALID', '新写入的备份与数据库的行数不符，已删除', { expected, counts });
  } finally {
    db.close();
    removeSidecars(path);
  }
}

/** Swaps a finished `.partial` folder into place; an existing folder is replaced only when asked. */
function landFolder(partial: string, target: string, replace: boolean): void {
  if (!existsSync(target)) {
    renameSync(partial, target);
    return;
  }
  if (!replace) throw new AppError('BACKUP_FAILED', '同名的备份文件夹已存在');
  const old = `${target}.old`;
  rmSync(old, { recursive: true, force: true });
  renameSync(target, old);
  renameSync(partial, target);
  rmSync(old, { recursive: true, force: true });
}

/**
 * Writes a verified backup of the open database into `target`: `VACUUM INTO` on the
 * encrypted connection (the copy is encrypted with the same key and salt), the
 * keyring of this moment, and the manifest. The copy is opened and checked before
 * it counts as a backup; a copy that fails is deleted and BACKUP_INVALID thrown.
 */
export function writeBackup(
  ctx: AppContext,
  target: string,
  kind: BackupKind,
  opts: { replace?: boolean; job?: Job } = {},
): WrittenBackup {
  const { store, key } = openStoreAndKey(ctx);
  const job = opts.job ?? NO_JOB;
  const partial = `${target}.partial`;
  try {
    job.step(0, 4, '复制数据库');
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true, mode: 0o700 });
    const db = store.raw;
    // All synchronous: no write of ours can fall between the counts and the copy.
    const rowCounts = countRows(db);
    const version = schemaVersion(db);
    const head = auditHead(store);
    const dbCopy = join(partial, BACKUP_DB);
    db.prepare('VACUUM INTO ?').run(dbCopy);
    const ringCopy = join(partial, BACKUP_KEYRING);
    copyFileSync(ctx.paths.keyFile, ringCopy);
    // The copy has the keying of the open database, which the keyring copied with it names.
    const keying = ringKeying(readKeyring(ringCopy));
    job.step(1, 4, '校验备份');
    verifyCopy(dbCopy, key, keying, rowCounts);
    job.step(2, 4, '写入磁盘');
    fsyncFile(dbCopy);
    fsyncFile(ringCopy);
    const manifest: Manifest = {
      format: 'welfare-desk-backup',
      version: 1,
      createdAt: ctx.clock().toISOString(),
      kind,
      schemaVersion: version,
      rowCounts,
      dbSha256: sha256Of(dbCopy),
      keyringSha256: sha256Of(ringCopy),
      appVersion: ctx.version,
      countyCode: readMeta(store).county_code ?? '',
      auditHead: head,
      anchor: makeAnchor(key, head),
    };
    writeManifest(partial, manifest);
    // The last point to stop: after the rename the backup is whole and stands.
    job.step(3, 4, '完成备份');
    landFolder(partial, target, opts.replace ?? false);
    return { path: target, name: target.split(/[\\/]/).pop() ?? target, manifest, bytes: folderBytes(target) };
  } catch (e) {
    rmSync(partial, { recursive: true, force: true });
    if (isAppError(e) && (e.code === 'BACKUP_INVALID' || e.code === 'BACKUP_FAILED' || e.code === 'CANCELLED')) throw e;
    throw backupFailure(e, target);
  }
}

/** A full disk or a pulled stick says so, in its own words; anything else is a failed backup. */
function backupFailure(e: unknown, target: string): AppError {
  const sqlite = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
  if (sqlite === 'SQLITE_FULL') return fileError(Object.assign(new Error(sqlite), { code: 'ENOSPC' }), target);
  if (sqlite === 'SQLITE_IOERR' || sqlite.startsWith('SQLITE_IOERR_'))
    return fileError(Object.assign(new Error(sqlite), { code: 'EIO' }), target);
  if (sqlite === 'SQLITE_CANTOPEN') return fileError(Object.assign(new Error(sqlite), { code: 'ENOENT' }), target);
  if (!isAppError(e) && sqlite.startsWith('E')) return fileError(e, target);
  return new AppError('BACKUP_FAILED', undefined, { cause: isAppError(e) ? e.code : String(e) });
}

/** A second copy of a verified backup (the month's first daily becomes the monthly one). */
function copyBackup(source: string, target: string, kind: BackupKind): void {
  const manifest = checkFolder(source);
  const partial = `${target}.partial`;
  try {
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true, mode: 0o700 });
    for (const file of [BACKUP_DB, BACKUP_KEYRING]) {
      copyFileSync(join(source, file), join(partial, file));
      fsyncFile(join(partial, file));
    }
    writeManifest(partial, { ...manifest, kind });
    checkFolder(partial);
    landFolder(partial, target, false);
  } catch (e) {
    rmSync(partial, { recursive: true, force: true });
    throw e;
  }
}

export interface AutoBackupResult {
  /** `daily/YYYY-MM-DD` when written now, null when today's already existed. */
  daily: string | null;
  monthly: string | null;
  pruned: string[];
}

/**
 * The automatic backup, due once a day: DATA/backups/daily/YYYY-MM-DD, and on the
 * first of a month also monthly/YYYY-MM; then old ones are pruned to the settings.
 * On exit today's backup is refreshed so it holds the day's work. Returns null
 * when no database is open. Throws AppError; callers log it and carry on.
 */
export function backupIfDue(ctx: AppContext, reason: 'daily' | 'exit'): AutoBackupResult | null {
  const store = ctx.currentStore();
  if (!store || !ctx.currentKey()) return null;
  const now = dayjs(ctx.clock());
  const backups = ctx.paths.backups;
  tidyGroup(join(backups, 'daily'));
  tidyGroup(join(backups, 'monthly'));
  const dayName = now.format('YYYY-MM-DD');
  const dayFolder = join(backups, 'daily', dayName);
  let daily: string | null = null;
  if (reason === 'exit' || !existsSync(dayFolder)) {
    writeBackup(ctx, dayFolder, reason, { replace: true });
    daily = `daily/${dayName}`;
  }
  const settings = readSettings(store);
  let monthly: string | null = null;
  const monthName = now.format('YYYY-MM');
  const monthFolder = join(backups, 'monthly', monthName);
  if (settings.backupKeepMonthly > 0 && !existsSync(monthFolder)) {
    mkdirSync(join(backups, 'monthly'), { recursive: true, mode: 0o700 });
    copyBackup(dayFolder, monthFolder, 'monthly');
    monthly = `monthly/${monthName}`;
  }
  const pruned = pruneBackups(backups, { daily: settings.backupKeepDaily, monthly: settings.backupKeepMonthly });
  return { daily, monthly, pruned };
}

/** A folder that does not exist yet: `base`, or `base-2`, `base-3`… when two land in the same second. */
export function freshFolder(parent: string, base: string): string {
  let name = base;
  for (let n = 2; existsSync(join(parent, name)) || existsSync(join(parent, `${name}.partial`)); n++)
    name = `${base}-${n}`;
  return join(parent, name);
}

/**
 * A manual backup into `<parent>/welfare-backup-YYYYMMDD-HHmmss/` (a folder the
 * user chose, or DATA/backups/manual from the CLI). A whole copy of the data
 * leaving for a USB stick is worth a line in the audit log.
 */
export function createManualBackup(
  ctx: AppContext,
  actor: Actor,
  parent: string,
  opts: { chosenByUser: boolean; job?: Job } = { chosenByUser: true },
): BackupCreated {
  const { store } = openStoreAndKey(ctx);
  // A folder the user chose inside the data directory would go with the disk it is meant to survive.
  if (opts.chosenByUser) assertOutsideDataDir(parent, ctx.paths.dir);
  try {
    mkdirSync(parent, { recursive: true });
  } catch (e) {
    throw fileError(e, parent);
  }
  const target = freshFolder(parent, `welfare-backup-${dayjs(ctx.clock()).format('YYYYMMDD-HHmmss')}`);
  const written = writeBackup(ctx, target, 'manual', opts.job ? { job: opts.job } : {});
  const m = written.manifest;
  store.write(actor, (w) =>
    w.audit({
      action: 'backup.create',
      entity: 'backup',
      entityId: written.name,
      after: { path: target, kind: m.kind, dbSha256: m.dbSha256, auditHead: m.auditHead },
    }),
  );
  return {
    path: target,
    name: written.name,
    kind: m.kind,
    createdAt: m.createdAt,
    bytes: written.bytes,
    rowCounts: m.rowCounts,
  };
}

/** The folder a `backup.list` id names; ids are checked against the pattern, so they cannot leave DATA/backups. */
export function resolveBackupId(ctx: AppContext, id: string): string {
  if (!backupIdSchema.safeParse(id).success) throw new AppError('BACKUP_NOT_FOUND');
  const [group, name] = id.split('/');
  const folder = join(ctx.paths.backups, group ?? '', name ?? '');
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new AppError('BACKUP_NOT_FOUND');
  return folder;
}

/** Every backup under DATA/backups, newest first. Folders chosen elsewhere are not known here. */
export function listBackups(ctx: AppContext): BackupEntry[] {
  const entries: BackupEntry[] = [];
  for (const group of backupGroups) {
    const dir = join(ctx.paths.backups, group);
    if (!existsSync(dir)) continue;
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      const id = `${group}/${d.name}`;
      if (
        !d.isDirectory() ||
        d.name.endsWith('.partial') ||
        d.name.endsWith('.old') ||
        !backupIdSchema.safeParse(id).success
      )
        continue;
      const folder = join(dir, d.name);
      const m = readManifest(folder);
      entries.push({
        id,
        group,
        kind: m?.kind ?? null,
        createdAt: m?.createdAt ?? null,
        schemaVersion: m?.schemaVersion ?? null,
        appVersion: m?.appVersion ?? null,
        countyCode: m?.countyCode ?? null,
        rows: m ? Object.values(m.rowCounts).reduce((a, b) => a + b, 0) : null,
        bytes: folderBytes(folder),
        readable: m !== null,
      });
    }
  }
  return entries.sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '') || a.id.localeCompare(b.id));
}
