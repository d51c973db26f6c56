import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import type { AppInfo, SessionUser } from '../../../shared/contract';
import { AppError } from '../../errors';
import { readKeyFile, unwrapKey, wrapKey, writeKeyFile } from '../../db/keyfile';
import { openDatabase, readSalt } from '../../db/open';
import { Store } from '../../db/store';
import type { AppContext, Caller } from './context';
import { readMeta, writeMeta } from './meta';

/**
 * Until users and key slots exist, whoever knows the data directory's passphrase
 * works with every role.
 */
const PASSPHRASE_USER: SessionUser = {
  username: 'operator',
  displayName: '操作员',
  roles: ['clerk', 'reviewer', 'head', 'admin'],
};

export function appInfo(ctx: AppContext, caller: Caller): AppInfo {
  const session = ctx.session(caller.key);
  const store = session ? ctx.currentStore() : null;
  const meta = store ? readMeta(store) : {};
  return {
    version: ctx.version,
    initialized: ctx.isInitialized(),
    unlocked: session !== null,
    countyCode: meta.county_code ?? null,
    countyName: meta.county_name ?? null,
    user: session?.user ?? null,
  };
}

export interface InitInput {
  countyCode: string;
  countyName: string;
  passphrase: string;
}

/**
 * Creates the data directory: a random database key, the encrypted database with
 * its schema and county, and the key file wrapping the key. Nothing is left
 * behind if any step fails.
 */
export function initDataDir(ctx: AppContext, input: InitInput): void {
  if (ctx.isInitialized()) throw new AppError('ALREADY_INITIALIZED');
  if (input.passphrase.length < 8) throw new AppError('WEAK_PASSPHRASE');
  mkdirSync(ctx.paths.dir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  try {
    const db = openDatabase({ path: ctx.paths.db, key, create: true });
    const store = new Store(db);
    try {
      store.write((w) =>
        writeMeta(w, {
          county_code: input.countyCode,
          county_name: input.countyName,
          created_at: new Date().toISOString(),
          created_by_version: ctx.version,
        }),
      );
    } finally {
      // Closing checkpoints the WAL into the main file, so the salt is on disk.
      store.close();
    }
    writeKeyFile(ctx.paths.keyFile, wrapKey(key, input.passphrase, readSalt(ctx.paths.db)));
  } catch (e) {
    for (const p of [ctx.paths.db, ctx.paths.wal, ctx.paths.shm, ctx.paths.keyFile]) rmSync(p, { force: true });
    throw e;
  } finally {
    key.fill(0);
  }
}

/** Verifies the passphrase, opens the database if it is not open yet, and starts the caller's session. */
export function unlock(ctx: AppContext, caller: Caller, passphrase: string): AppInfo {
  if (!ctx.isInitialized()) throw new AppError('NOT_INITIALIZED');
  const keyFile = readKeyFile(ctx.paths.keyFile);
  const key = unwrapKey(keyFile, passphrase);
  try {
    if (!ctx.currentStore()) {
      ctx.attachStore(new Store(openDatabase({ path: ctx.paths.db, key, expectedSalt: keyFile.dbSalt })));
    }
  } finally {
    key.fill(0);
  }
  ctx.openSession({ callerKey: caller.key, user: PASSPHRASE_USER, openedAt: new Date().toISOString() });
  return appInfo(ctx, caller);
}

export function lock(ctx: AppContext, caller: Caller): void {
  ctx.closeSession(caller.key);
  ctx.emit({ type: 'session.locked', reason: 'user' });
}
