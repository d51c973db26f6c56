import { randomBytes, scryptSync } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import type { AppInfo, Role } from '../../../shared/contract';
import { AppError } from '../../errors';
import { loadNationalRegions } from '../regions/service';
import {
  createSlot,
  newRecoveryCode,
  normalizeRecoveryCode,
  readKeyring,
  writeKeyring,
  type Keyring,
} from '../../db/keyring';
import { openDatabase, readSalt } from '../../db/open';
import { Store } from '../../db/store';
import type { AppContext, Caller, Session } from '../app/context';
import { readMeta, writeMeta } from '../app/meta';
import { findUser, toSessionUser } from '../users/queries';
import { createSigningEntry, ensureSigningKey } from '../keys/signing';
import { findSlot, openWithSecret, saveKeyring, withSlot } from './keys';
import { persistRefusal, settleLoginRecord } from './login-record';
import { lockedMinutes, readLoginState, recordFailure, recordRefusedWhileLocked, type LoginState } from './lockout';

function officeLevel(ctx: AppContext): 'county' | 'city' {
  const store = ctx.currentStore();
  return store && readMeta(store).level === 'city' ? 'city' : 'county';
}

export function appInfo(ctx: AppContext, caller: Caller): AppInfo {
  const session = ctx.session(caller.key);
  let profile: AppInfo['profile'] = null;
  if (ctx.isInitialized()) {
    try {
      profile = readKeyring(ctx.paths.keyFile).profile;
    } catch {
      profile = null;
    }
  }
  return {
    version: ctx.version,
    initialized: ctx.isInitialized(),
    profile,
    session: session
      ? {
          user: session.user,
          locked: session.locked || ctx.idleExpired(session),
          idleLockMinutes: ctx.settings.idleLockMinutes,
          level: officeLevel(ctx),
        }
      : null,
  };
}

export interface InitInput {
  countyCode: string;
  countyName: string;
  officeName: string;
  level?: 'county' | 'city';
  admin: { username: string; displayName: string; password: string; roles?: Role[] };
  /** 'national': load the county's townships and villages from the shipped national list. */
  regions?: 'national' | 'none';
}

/**
 * Creates the data directory: a random database key, the encrypted database with
 * its schema, county and first administrator, and the keyring holding the key in
 * the administrator's slot and the recovery slot. Leaves the database open for the
 * caller and returns the recovery code, which is never stored.
 */
export function initDataDir(ctx: AppContext, input: InitInput): string {
  if (ctx.isInitialized()) throw new AppError('ALREADY_INITIALIZED');
  mkdirSync(ctx.paths.dir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  const recoveryCode = newRecoveryCode();
  const roles: Role[] = [...new Set<Role>(['admin', ...(input.admin.roles ?? [])])];
  try {
    const store = new Store(openDatabase({ path: ctx.paths.db, key, create: true }), ctx.clock);
    try {
      const now = ctx.clock().toISOString();
      store.write({ username: input.admin.username, channel: 'app.init' }, (w) => {
        writeMeta(w, {
          county_code: input.countyCode,
          county_name: input.countyName,
          office_name: input.officeName,
          created_at: now,
          created_by_version: ctx.version,
          level: input.level ?? 'county',
        });
        w.run(
          w.kysely.insertInto('users').values({
            username: input.admin.username,
            display_name: input.admin.displayName,
            roles: JSON.stringify(roles),
            created_at: now,
            created_by: null,
            password_changed_at: now,
            disabled_at: null,
          }),
        );
        w.audit({
          action: 'app.init',
          entity: 'app',
          after: { countyCode: input.countyCode, countyName: input.countyName, officeName: input.officeName },
        });
        w.audit({
          action: 'user.add',
          entity: 'user',
          entityId: input.admin.username,
          after: { displayName: input.admin.displayName, roles },
        });
        if (input.regions === 'national') loadNationalRegions(w, input.countyCode);
      });
      // Checkpoint so the salt and schema are in the main file before the keyring names them.
      store.raw.pragma('wal_checkpoint(TRUNCATE)');
      const ring: Keyring = {
        format: 'welfare-desk-keyring',
        version: 2,
        profile: { countyCode: input.countyCode, countyName: input.countyName, officeName: input.officeName },
        dbSalt: readSalt(ctx.paths.db),
        dbKeying: 'raw',
        slots: [
          createSlot('user', input.admin.username, input.admin.password, key),
          createSlot('recovery', null, recoveryCode, key),
        ],
        signing: createSigningEntry(key, now),
      };
      writeKeyring(ctx.paths.keyFile, ring);
      ctx.attachStore(store, key);
      ctx.writeAnchor();
    } catch (e) {
      store.close();
      throw e;
    }
  } catch (e) {
    for (const p of [ctx.paths.db, ctx.paths.wal, ctx.paths.shm, ctx.paths.keyFile, ctx.paths.anchor])
      rmSync(p, { force: true });
    throw e;
  } finally {
    key.fill(0);
  }
  return recoveryCode;
}

/** Spends the same scrypt time when there is no slot, so timing does not reveal user names. */
function burnScrypt(secret: string): void {
  scryptSync(secret, 'welfare-desk/no-such-slot', 32, { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 });
}

function refuseIfLocked(ctx: AppContext, state: LoginState, lockKey: string): void {
  const minutes = lockedMinutes(state, lockKey, ctx.clock());
  if (minutes > 0) {
    recordRefusedWhileLocked(state, lockKey, ctx.clock());
    persistRefusal(ctx, state, lockKey);
    throw new AppError('USER_LOCKED', `该用户因多次密码错误已被锁定，请 ${minutes} 分钟后再试`, { minutes });
  }
}

function failLogin(
  ctx: AppContext,
  state: LoginState,
  lockKey: string,
  code: 'WRONG_PASSWORD' | 'WRONG_RECOVERY_CODE',
): never {
  const { lockedForMinutes } = recordFailure(state, lockKey, ctx.clock());
  persistRefusal(ctx, state, lockKey);
  if (lockedForMinutes > 0)
    throw new AppError('USER_LOCKED', `连续 5 次输入错误，该用户已锁定 ${lockedForMinutes} 分钟`, {
      minutes: lockedForMinutes,
    });
  throw new AppError(code);
}

function requireStoreOpen(ctx: AppContext): Store {
  const store = ctx.currentStore();
  if (!store) throw new AppError('INTERNAL', '数据库未打开');
  return store;
}

export function login(ctx: AppContext, caller: Caller, username: string, password: string): AppInfo {
  if (!ctx.isInitialized()) throw new AppError('NOT_INITIALIZED');
  const state = readLoginState(ctx.paths, ctx.clock());
  refuseIfLocked(ctx, state, username);
  const ring = readKeyring(ctx.paths.keyFile);
  if (!findSlot(ring, 'user', username)) {
    burnScrypt(password);
    failLogin(ctx, state, username, 'WRONG_PASSWORD');
  }
  if (!openWithSecret(ctx, 'user', username, password)) failLogin(ctx, state, username, 'WRONG_PASSWORD');
  const store = requireStoreOpen(ctx);
  const user = findUser(store, username);
  if (!user || user.disabled_at !== null) {
    store.write({ username, channel: 'session.login' }, (w) =>
      w.audit({ action: 'login.refusedDisabled', entity: 'session', entityId: username }),
    );
    if (ctx.allSessions().length === 0) ctx.detachStore();
    throw new AppError('USER_DISABLED');
  }
  store.write({ username, channel: 'session.login' }, (w) => {
    settleLoginRecord(ctx, w, state, [username]);
    w.audit({ action: 'login.succeeded', entity: 'session', entityId: username });
  });
  ctx.openSession(caller.key, toSessionUser(user));
  // A database from before signing keys gets its key pair from the first administrator or head.
  const roles = toSessionUser(user).roles;
  if (roles.includes('admin') || roles.includes('head')) ensureSigningKey(ctx, username, 'session.login');
  return appInfo(ctx, caller);
}

const RECOVERY_LOCK = '#recovery';

/** When every password is lost: the recovery code opens the database and sets a new password for one user. */
export function recover(ctx: AppContext, caller: Caller, code: string, username: string, newPassword: string): AppInfo {
  if (!ctx.isInitialized()) throw new AppError('NOT_INITIALIZED');
  const state = readLoginState(ctx.paths, ctx.clock());
  refuseIfLocked(ctx, state, RECOVERY_LOCK);
  if (!openWithSecret(ctx, 'recovery', null, normalizeRecoveryCode(code)))
    failLogin(ctx, state, RECOVERY_LOCK, 'WRONG_RECOVERY_CODE');
  const store = requireStoreOpen(ctx);
  const user = findUser(store, username);
  const key = ctx.currentKey();
  if (!user || user.disabled_at !== null || !key) {
    if (ctx.allSessions().length === 0) ctx.detachStore();
    throw new AppError(user ? 'USER_DISABLED' : 'USER_NOT_FOUND');
  }
  store.write({ username, channel: 'session.recover' }, (w) => {
    w.run(
      w.kysely
        .updateTable('users')
        .set({ password_changed_at: ctx.clock().toISOString() })
        .where('username', '=', username),
    );
    w.audit({ action: 'user.passwordRecovered', entity: 'user', entityId: username });
    saveKeyring(ctx, withSlot(readKeyring(ctx.paths.keyFile), createSlot('user', username, newPassword, key)));
    settleLoginRecord(ctx, w, state, [RECOVERY_LOCK, username]);
  });
  ctx.openSession(caller.key, toSessionUser(user));
  return appInfo(ctx, caller);
}

export function lockSession(ctx: AppContext, session: Session, reason: 'user' | 'idle'): void {
  if (!session.locked) {
    session.locked = true;
    ctx
      .currentStore()
      ?.write({ username: session.user.username, channel: 'session.lock' }, (w) =>
        w.audit({ action: 'session.locked', entity: 'session', entityId: session.user.username, after: { reason } }),
      );
  }
  ctx.emit({ type: 'session.locked', reason });
}

/** The idle lock asks for the same user's password again; the renderer keeps its unsaved state. */
export function unlockSession(ctx: AppContext, caller: Caller, session: Session, password: string): AppInfo {
  const username = session.user.username;
  const state = readLoginState(ctx.paths, ctx.clock());
  refuseIfLocked(ctx, state, username);
  if (!openWithSecret(ctx, 'user', username, password)) failLogin(ctx, state, username, 'WRONG_PASSWORD');
  requireStoreOpen(ctx).write({ username, channel: 'session.unlock' }, (w) => {
    settleLoginRecord(ctx, w, state, [username]);
    w.audit({ action: 'session.unlocked', entity: 'session', entityId: username });
  });
  session.locked = false;
  session.lastActivity = ctx.clock().getTime();
  return appInfo(ctx, caller);
}

export function logout(ctx: AppContext, session: Session): void {
  ctx
    .currentStore()
    ?.write({ username: session.user.username, channel: 'session.logout' }, (w) =>
      w.audit({ action: 'session.logout', entity: 'session', entityId: session.user.username }),
    );
  ctx.closeSession(session.callerKey);
  ctx.emit({ type: 'session.ended', reason: 'logout' });
}

export function changePassword(ctx: AppContext, session: Session, oldPassword: string, newPassword: string): void {
  const username = session.user.username;
  const state = readLoginState(ctx.paths, ctx.clock());
  refuseIfLocked(ctx, state, username);
  if (!openWithSecret(ctx, 'user', username, oldPassword)) failLogin(ctx, state, username, 'WRONG_PASSWORD');
  const key = ctx.currentKey();
  if (!key) throw new AppError('NOT_SIGNED_IN');
  const slot = createSlot('user', username, newPassword, key);
  requireStoreOpen(ctx).write({ username, channel: 'session.changePassword' }, (w) => {
    w.run(
      w.kysely
        .updateTable('users')
        .set({ password_changed_at: ctx.clock().toISOString() })
        .where('username', '=', username),
    );
    w.audit({ action: 'user.passwordChanged', entity: 'user', entityId: username });
    saveKeyring(ctx, withSlot(readKeyring(ctx.paths.keyFile), slot));
  });
}
