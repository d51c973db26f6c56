import { timingSafeEqual } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import dayjs from 'dayjs';
import type { RestoreResult } from '../../../shared/contract';
import { AppError, isAppError } from '../../errors';
import { normalizeRecoveryCode, openSlot, readKeyring, ringKeying, writeKeyring, type Keyring } from '../../db/keyring';
import type { Keying } from '../../db/keying';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations';
import { anchorProblem, checkAnchor, type Anchor } from '../../db/anchor';
import { openDatabase, readSalt } from '../../db/open';
import { Store } from '../../db/store';
import type { AppContext } from '../app/context';
import { findSlot, nextRingPath } from '../auth/keys';
import { readSettings } from '../settings/service';
import { findUser, parseRoles } from '../users/queries';
import {
  BACKUP_DB,
  BACKUP_KEYRING,
  checkFolder,
  fsyncFile,
  integrityProblems,
  sha256Of,
  type Manifest,
} from './manifest';
import type { RestoreJournal } from './interrupted';
import { NO_JOB, type Job } from '../jobs/runner';
import { freshFolder, writeBackup } from './service';

/** Who restores: the signed-in admin, or (no database open) an admin of the backup proving it with their password there. */
export interface Restorer {
  username: string;
  /** Tried on the backup's own keyring when the key in memory does not open the backup. */
  password?: string | null;
  /** Instead of a password (nobody signed in): the recovery code opens the backup's recovery slot. */
  recoveryCode?: string | null;
  channel: string;
}

/** Fsynced before the first file moves: the next open must find it if the process dies mid-swap. */
function writeJournal(path: string, journal: RestoreJournal): void {
  writeFileSync(`${path}.tmp`, JSON.stringify(journal), { mode: 0o600 });
  fsyncFile(`${path}.tmp`);
  renameSync(`${path}.tmp`, path);
}

function removeSidecars(dbPath: string): void {
  // The clean-close seal described the file being replaced: the restored one is checked in full at its first open.
  for (const suffix of ['-wal', '-shm', '-journal', '.clean']) rmSync(`${dbPath}${suffix}`, { force: true });
}

function readBackupRing(folder: string): Keyring {
  try {
    return readKeyring(join(folder, BACKUP_KEYRING));
  } catch {
    throw new AppError('BACKUP_INVALID', '备份中的密钥文件已损坏');
  }
}

/** Opens the staged copy (bringing an older schema up to date), runs integrity_check, closes it. False: wrong key. */
function openStaged(
  staged: string,
  key: Buffer,
  keying: Keying,
  expectedSalt: string | null,
  offlineAdmin: string | null,
  anchor: Anchor | undefined,
): boolean {
  let db;
  try {
    db = openDatabase({ path: staged, key, keying, expectedSalt });
  } catch (e) {
    if (isAppError(e) && e.code === 'DB_WRONG_KEY') return false;
    if (isAppError(e) && e.code === 'DB_TOO_NEW') throw e;
    throw new AppError('BACKUP_INVALID', '备份中的数据库已损坏，无法打开', {
      cause: isAppError(e) ? e.code : String(e),
    });
  }
  try {
    const problems = integrityProblems(db);
    if (problems.length > 0)
      throw new AppError('BACKUP_INVALID', '备份中的数据库未通过完整性检查', { integrity: problems });
    // The manifest's anchor vouches for the copy's newest audit rows: a copy missing them is not this backup.
    const anchorIssue = anchor ? anchorProblem(checkAnchor(db, key, anchor)) : null;
    if (anchorIssue) throw new AppError('BACKUP_INVALID', `备份中的数据库与其清单不符：${anchorIssue}`);
    if (offlineAdmin !== null) {
      // Nobody is signed in to vouch for the caller: only an active admin of the backup may restore it.
      const user = findUser(new Store(db), offlineAdmin);
      if (!user || user.disabled_at !== null || !parseRoles(user.roles).includes('admin'))
        throw new AppError('FORBIDDEN', '只有该备份中的管理员可以恢复它');
    }
    return true;
  } finally {
    db.close();
    removeSidecars(staged);
  }
}

/** The key that opens the backup: the one in memory if it fits, else the restorer's slot in the backup's keyring. */
function keyForBackup(
  ctx: AppContext,
  staged: string,
  ring: Keyring,
  who: Restorer,
  anchor: Anchor | undefined,
): Buffer {
  const current = ctx.currentKey();
  const offline = current === null;
  if (current) {
    // The salt changes with every rekey: the same salt means the same key, so a refusal then means damage.
    // With another salt, "wrong key" must not read as "damaged".
    const sameGeneration = ring.dbSalt !== null && ring.dbSalt === currentSalt(ctx);
    if (openStaged(staged, current, ringKeying(ring), sameGeneration ? ring.dbSalt : null, null, anchor))
      return Buffer.from(current);
  }
  if (who.recoveryCode) return keyFromRecoveryCode(staged, ring, who.recoveryCode, anchor);
  if (!who.password) throw new AppError(offline ? 'WRONG_PASSWORD' : 'BACKUP_OTHER_KEY');
  const slot = findSlot(ring, 'user', who.username);
  let key: Buffer | null;
  try {
    key = slot ? openSlot(slot, who.password) : null;
  } catch {
    throw new AppError('BACKUP_INVALID', '备份中的密钥文件已损坏');
  }
  if (!key) throw new AppError('WRONG_PASSWORD', '该密码打不开备份中的密钥：请输入备份当时有效的密码');
  const opened =
    !(current && timingSafeEqual(current, key)) &&
    openStaged(staged, key, ringKeying(ring), ring.dbSalt, offline ? who.username : null, anchor);
  if (!opened) {
    key.fill(0);
    throw new AppError('BACKUP_INVALID', '备份中的密钥与数据库不符');
  }
  return key;
}

/** The recovery code vouches for its holder as the county's administrator would: no admin check in the copy. */
function keyFromRecoveryCode(staged: string, ring: Keyring, code: string, anchor: Anchor | undefined): Buffer {
  const slot = findSlot(ring, 'recovery', null);
  let key: Buffer | null;
  try {
    key = slot ? openSlot(slot, normalizeRecoveryCode(code)) : null;
  } catch {
    throw new AppError('BACKUP_INVALID', '备份中的密钥文件已损坏');
  }
  if (!key) throw new AppError('WRONG_RECOVERY_CODE', '恢复码打不开该备份：请核对初始设置时打印的恢复码');
  if (!openStaged(staged, key, ringKeying(ring), ring.dbSalt, null, anchor)) {
    key.fill(0);
    throw new AppError('BACKUP_INVALID', '备份中的密钥与数据库不符');
  }
  return key;
}

function currentCounty(ctx: AppContext): string | null {
  try {
    return existsSync(ctx.paths.keyFile) ? readKeyring(ctx.paths.keyFile).profile.countyCode : null;
  } catch {
    return null;
  }
}

function currentSalt(ctx: AppContext): string | null {
  try {
    return readKeyring(ctx.paths.keyFile).dbSalt;
  } catch {
    return null;
  }
}

/**
 * Keeps the database as it is now in DATA/backups/safety/. Normally a verified
 * backup of the open database; when it cannot be opened (that may be why we
 * restore), the raw files, which are evidence rather than a backup.
 */
function keepSafetyCopy(ctx: AppContext): string | null {
  const parent = join(ctx.paths.backups, 'safety');
  const stamp = dayjs(ctx.clock()).format('YYYYMMDD-HHmmss');
  if (ctx.currentStore()) {
    try {
      const written = writeBackup(ctx, freshFolder(parent, stamp), 'safety');
      return `safety/${written.name}`;
    } catch {
      // Fall through to the raw copy: a failing check must not block the way back to good data.
    }
  }
  if (!existsSync(ctx.paths.db) && !existsSync(ctx.paths.keyFile)) return null;
  const folder = freshFolder(parent, `${stamp}-raw`);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  for (const p of [ctx.paths.db, ctx.paths.wal, ctx.paths.shm, ctx.paths.keyFile]) {
    if (existsSync(p)) copyFileSync(p, join(folder, basename(p)));
  }
  return `safety/${basename(folder)}`;
}

/**
 * Leaving WAL needs the only connection to the file: it fails while another
 * program has the database open, whose writes a swapped file would swallow. It
 * also leaves the whole database in the main file, for the copy kept beside.
 */
function leaveWal(store: Store): void {
  let mode: string;
  try {
    store.raw.pragma('wal_checkpoint(TRUNCATE)');
    mode = String(store.raw.pragma('journal_mode = DELETE', { simple: true })).toLowerCase();
  } catch {
    mode = 'busy';
  }
  if (mode !== 'delete') {
    store.raw.pragma('journal_mode = WAL');
    throw new AppError('DB_BUSY', '数据库正被其他程序使用，无法恢复；请关闭其他程序后再试');
  }
}

/** Opens as the keyring in place says: a backup from before the raw key keeps its keying until the next sign-in moves it. */
function attach(ctx: AppContext, key: Buffer): Store {
  const ring = readKeyring(ctx.paths.keyFile);
  const store = new Store(
    openDatabase({ path: ctx.paths.db, key, keying: ringKeying(ring), expectedSalt: ring.dbSalt }),
    ctx.clock,
  );
  ctx.attachStore(store, key);
  ctx.settings = readSettings(store);
  return store;
}

/**
 * Puts the staged database and the backup's keyring in place. The keyring goes
 * through `.next`, so a crash between the two renames still signs in (see
 * openWithSecret); the old files stay beside until the restored one has opened,
 * and come back if anything fails on the way.
 */
function swapIn(ctx: AppContext, staged: string, ring: Keyring, key: Buffer, oldKey: Buffer | null): Store {
  const p = ctx.paths;
  const asideDb = `${p.db}.before-restore`;
  const asideRing = `${p.keyFile}.before-restore`;
  const done = { dbAside: false, ringAside: false, dbReplaced: false, ringReplaced: false };
  try {
    rmSync(asideDb, { force: true });
    rmSync(asideRing, { force: true });
    removeSidecars(p.db);
    if (existsSync(p.db)) {
      try {
        linkSync(p.db, asideDb);
      } catch {
        copyFileSync(p.db, asideDb);
      }
      done.dbAside = true;
    }
    if (existsSync(p.keyFile)) {
      copyFileSync(p.keyFile, asideRing);
      done.ringAside = true;
    }
    writeKeyring(nextRingPath(ctx), { ...ring, dbSalt: readSalt(staged) });
    renameSync(staged, p.db);
    done.dbReplaced = true;
    renameSync(nextRingPath(ctx), p.keyFile);
    done.ringReplaced = true;
    const store = attach(ctx, key);
    rmSync(asideDb, { force: true });
    rmSync(asideRing, { force: true });
    return store;
  } catch (e) {
    ctx.detachStore();
    rmSync(nextRingPath(ctx), { force: true });
    if (done.dbReplaced) {
      removeSidecars(p.db);
      if (done.dbAside) renameSync(asideDb, p.db);
      else rmSync(p.db, { force: true });
    }
    // Left over when the database was never replaced (a link to it, or a partial copy).
    rmSync(asideDb, { force: true });
    if (done.ringReplaced) {
      if (done.ringAside) renameSync(asideRing, p.keyFile);
      else rmSync(p.keyFile, { force: true });
    }
    rmSync(asideRing, { force: true });
    if (oldKey) attach(ctx, oldKey);
    throw new AppError('BACKUP_INVALID', '恢复后的数据库无法打开，已还原为恢复前的数据', {
      cause: isAppError(e) ? e.code : String(e),
    });
  }
}

/**
 * Replaces the database with a backup: checks the manifest and hashes, opens the
 * backup with its own key, keeps a safety copy of the present database, swaps the
 * files and reopens. The restore is audited in the restored database, then every
 * session ends: people sign in again with the passwords valid in the backup.
 */
export function restoreBackup(ctx: AppContext, folder: string, who: Restorer, job: Job = NO_JOB): RestoreResult {
  job.step(0, 4, '校验备份文件');
  const manifest: Manifest = checkFolder(folder);
  if (manifest.schemaVersion > LATEST_SCHEMA_VERSION)
    throw new AppError('DB_TOO_NEW', '该备份由更新版本的程序创建，请升级本程序后再恢复');
  const ring = readBackupRing(folder);
  const county = currentCounty(ctx);
  if (county !== null && county !== manifest.countyCode) {
    throw new AppError(
      'BACKUP_INVALID',
      `该备份属于另一个县区（${manifest.countyCode}），不能恢复到本县区（${county}）的数据目录`,
    );
  }
  mkdirSync(ctx.paths.dir, { recursive: true, mode: 0o700 });
  const staged = `${ctx.paths.db}.restoring`;
  rmSync(staged, { force: true });
  removeSidecars(staged);
  let key: Buffer | null = null;
  const currentKey = ctx.currentKey();
  const oldKey = currentKey ? Buffer.from(currentKey) : null;
  try {
    job.step(1, 4, '复制备份');
    copyFileSync(join(folder, BACKUP_DB), staged);
    // The copy on the database's disk is what gets renamed into place: it is the one that must match.
    if (sha256Of(staged) !== manifest.dbSha256)
      throw new AppError('BACKUP_INVALID', '复制备份时出错：副本与清单中的校验值不符');
    job.step(2, 4, '打开并校验备份');
    key = keyForBackup(ctx, staged, ring, who, manifest.anchor);
    // The last point to stop: from here the database is set aside and replaced, which is not left half done.
    job.step(3, 4, '替换数据库');
    const open = ctx.currentStore();
    if (open) leaveWal(open);
    let safetyId: string | null;
    try {
      safetyId = keepSafetyCopy(ctx);
    } catch (e) {
      open?.raw.pragma('journal_mode = WAL');
      throw e;
    }
    ctx.detachStore();
    writeJournal(ctx.paths.restoreJournal, {
      restoredFrom: basename(folder),
      createdAt: manifest.createdAt,
      kind: manifest.kind,
      schemaVersion: manifest.schemaVersion,
      safetyId,
      username: who.username,
    });
    let restored: Store;
    try {
      restored = swapIn(ctx, staged, ring, key, oldKey);
    } catch (e) {
      rmSync(ctx.paths.restoreJournal, { force: true });
      throw e;
    }
    restored.write({ username: who.username, channel: who.channel }, (w) =>
      w.audit({
        action: 'backup.restore',
        entity: 'backup',
        entityId: basename(folder),
        after: {
          createdAt: manifest.createdAt,
          kind: manifest.kind,
          schemaVersion: manifest.schemaVersion,
          auditHead: manifest.auditHead ?? null,
          safetyId,
        },
      }),
    );
    rmSync(ctx.paths.restoreJournal, { force: true });
    for (const s of ctx.allSessions()) ctx.closeSession(s.callerKey);
    ctx.detachStore();
    ctx.emit({ type: 'session.ended', reason: 'restored' });
    return {
      restoredFrom: basename(folder),
      createdAt: manifest.createdAt,
      schemaVersion: manifest.schemaVersion,
      safetyId,
    };
  } finally {
    key?.fill(0);
    oldKey?.fill(0);
    rmSync(staged, { force: true });
    removeSidecars(staged);
  }
}
