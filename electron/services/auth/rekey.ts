import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { RekeyResult } from '../../../shared/contract';
import { AppError, isAppError } from '../../errors';
import { readKeyring, resealSlot, ringKeying, writeKeyring, type Keyring } from '../../db/keyring';
import { rekeyConnection, type Keying } from '../../db/keying';
import { openDatabase, readSalt } from '../../db/open';
import { Store } from '../../db/store';
import type { AppContext, Session } from '../app/context';
import { readSettings } from '../settings/service';
import { resealSigningEntry } from '../keys/signing';
import { nextRingPath, openWithSecret } from './keys';
import {
  authenticatedProblem,
  lockedMinutes,
  readLoginState,
  recordFailure,
  recordRefusedWhileLocked,
} from './lockout';
import { knownLockoutSeq, settleLoginRecord } from './login-record';

/**
 * Asks the signed-in user for their password again, counted like a sign-in: five
 * wrong answers lock the user, and each attempt lands in the audit log.
 */
export function confirmPassword(
  ctx: AppContext,
  store: Store,
  username: string,
  password: string,
  channel: string,
): void {
  const state = readLoginState(ctx.paths, ctx.clock());
  const now = ctx.clock();
  let refusal: AppError | null = null;
  const minutes = lockedMinutes(state, username, now);
  if (minutes > 0) {
    recordRefusedWhileLocked(state, username, now);
    refusal = new AppError('USER_LOCKED', `该用户因多次密码错误已被锁定，请 ${minutes} 分钟后再试`, { minutes });
  } else if (!openWithSecret(ctx, 'user', username, password)) {
    const { lockedForMinutes } = recordFailure(state, username, now);
    refusal =
      lockedForMinutes > 0
        ? new AppError('USER_LOCKED', `连续 5 次输入错误，该用户已锁定 ${lockedForMinutes} 分钟`, {
            minutes: lockedForMinutes,
          })
        : new AppError('WRONG_PASSWORD', '密码不正确');
  }
  if (!refusal) return;
  store.write({ username, channel }, (w) => settleLoginRecord(ctx, w, state, []));
  throw refusal;
}

/** A second, independent connection with the new key: the proof before the old key is let go. */
function proveKey(path: string, key: Buffer, keying: Keying): void {
  openDatabase({ path, key, keying }).close();
}

/**
 * Replaces the database key. The keyring resealed to the new key is written as
 * `welfare.keys.json.next` before the database changes, and renamed over the
 * keyring only once a second connection has opened the database with the new
 * key. An interruption at any point leaves a pair that opens: old ring and old
 * database, or `.next` and the rekeyed database (openWithSecret takes `.next`).
 * Backups keep the keyring of their day, so they still open with old passwords.
 * Sessions stay open: the context holds the new key.
 */
export function rekeyDatabase(ctx: AppContext, session: Session, password: string, channel: string): RekeyResult {
  const username = session.user.username;
  const store = ctx.currentStore();
  const oldKeyHeld = ctx.currentKey();
  if (!store || !oldKeyHeld) throw new AppError('NOT_SIGNED_IN');
  confirmPassword(ctx, store, username, password, channel);
  const oldKey = Buffer.from(oldKeyHeld);
  const newKey = randomBytes(32);
  // The lockout checkpoint is MAC'd under the database key: judged under the old one, re-signed under the new.
  const logins = readLoginState(ctx.paths, ctx.clock());
  const loginProblem = authenticatedProblem(logins, oldKey, knownLockoutSeq(store));
  const nextPath = nextRingPath(ctx);
  try {
    const ring = readKeyring(ctx.paths.keyFile);
    const oldKeying = ringKeying(ring);
    // The salt changes with the rekey; it is filled in once known. The new key is always a raw one.
    const next: Keyring = {
      ...ring,
      dbSalt: null,
      dbKeying: 'raw',
      slots: ring.slots.map((s) => resealSlot(s, newKey)),
      signing: ring.signing && resealSigningEntry(ring.signing, oldKey, newKey),
    };
    writeKeyring(nextPath, next);
    try {
      rekeyConnection(store.raw, newKey, 'raw');
    } catch (e) {
      rmSync(nextPath, { force: true });
      if (isAppError(e)) throw e;
      throw new AppError('REKEY_FAILED', undefined, { cause: String(e) });
    }
    try {
      proveKey(ctx.paths.db, newKey, 'raw');
    } catch (e) {
      revert(store.raw, oldKey, oldKeying, ctx.paths.db, nextPath);
      throw new AppError('REKEY_FAILED', undefined, { cause: isAppError(e) ? e.code : String(e) });
    }
    writeKeyring(nextPath, { ...next, dbSalt: readSalt(ctx.paths.db) });
    renameSync(nextPath, ctx.paths.keyFile);
    ctx.detachStore();
    const reopened = new Store(
      openDatabase({
        path: ctx.paths.db,
        key: newKey,
        keying: 'raw',
        expectedSalt: readKeyring(ctx.paths.keyFile).dbSalt,
      }),
      ctx.clock,
    );
    ctx.attachStore(reopened, newKey);
    ctx.settings = readSettings(reopened);
    const rekeyedAt = ctx.clock().toISOString();
    reopened.write({ username, channel }, (w) => {
      w.audit({
        action: 'key.rekey',
        entity: 'keyring',
        after: { slots: next.slots.length, dbSalt: readSalt(ctx.paths.db) },
      });
      settleLoginRecord(ctx, w, logins, [], { key: newKey, problem: loginProblem });
    });
    return { rekeyedAt, slots: next.slots.length };
  } finally {
    newKey.fill(0);
    oldKey.fill(0);
  }
}

/** The new key did not prove itself: go back to the old one while this connection still can. */
function revert(db: Database.Database, oldKey: Buffer, oldKeying: Keying, path: string, nextPath: string): void {
  try {
    rekeyConnection(db, oldKey, oldKeying);
    proveKey(path, oldKey, oldKeying);
    rmSync(nextPath, { force: true });
  } catch {
    // `.next` holds the key the file now has; openWithSecret will find it at the next sign-in.
    if (!existsSync(nextPath)) throw new AppError('INTERNAL', '更换密钥失败且无法恢复原密钥');
  }
}
