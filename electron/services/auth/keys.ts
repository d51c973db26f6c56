import { timingSafeEqual } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { AppError, isAppError } from '../../errors';
import { openSlot, readKeyring, slotId, writeKeyring, type Keyring, type KeySlot } from '../../db/keyring';
import { readSalt } from '../../db/open';
import { Store } from '../../db/store';
import type { AppContext } from '../app/context';
import { readSettings } from '../settings/service';
import { anchorProblem, checkAnchor, readAnchor } from '../../db/anchor';
import { openKeyed } from './raw-key';
import {
  finishSettled,
  removeBackupLeftovers,
  settleInterruptedRestore,
  type SettledRestore,
} from '../backup/interrupted';

/** The keyring written by an unfinished rekey: valid only once the database opens with it. */
export function nextRingPath(ctx: AppContext): string {
  return `${ctx.paths.keyFile}.next`;
}

export function findSlot(ring: Keyring, kind: KeySlot['kind'], username: string | null): KeySlot | undefined {
  return ring.slots.find((s) => s.id === slotId(kind, username));
}

/** Replaces (or adds) one slot and removes none but `removeId`. */
export function withSlot(ring: Keyring, slot: KeySlot | null, removeId?: string): Keyring {
  const drop = new Set([slot?.id, removeId].filter(Boolean));
  return { ...ring, slots: [...ring.slots.filter((s) => !drop.has(s.id)), ...(slot ? [slot] : [])] };
}

function openStoreWith(ctx: AppContext, ringPath: string, key: Buffer, settled: SettledRestore | null): void {
  const { db, movedToRaw } = openKeyed(ctx.paths.db, ringPath, key);
  const store = new Store(db, ctx.clock);
  // A completed restore put an older database in place on purpose: its anchor starts again.
  const check = settled?.outcome === 'completed' ? null : checkAnchor(db, key, readAnchor(ctx.paths.anchor));
  const problem = check ? anchorProblem(check) : null;
  if (check && problem) {
    store.close();
    throw new AppError('AUDIT_BEHIND', problem, check);
  }
  ctx.attachStore(store, key);
  ctx.settings = readSettings(store);
  if (settled) finishSettled(ctx, store, settled);
  if (movedToRaw)
    store.write({ username: 'system', channel: 'session.login' }, (w) =>
      w.audit({ action: 'key.rawKey', entity: 'keyring', after: { dbSalt: readSalt(ctx.paths.db) } }),
    );
  if (check && (check.state === 'missing' || check.state === 'invalid'))
    store.write({ username: 'system', channel: 'session.login' }, (w) =>
      w.audit({ action: 'audit.anchorReset', entity: 'audit', after: { reason: check.state } }),
    );
  ctx.writeAnchor();
  removeBackupLeftovers(ctx);
}

/**
 * Opens the database with the key from `secret`'s slot, unless it is open already
 * (then the key must match). An interrupted rekey left `.next`: the old ring is
 * tried first, the new one when the database no longer takes the old key.
 * Returns false when the secret opens no slot.
 */
export function openWithSecret(
  ctx: AppContext,
  kind: KeySlot['kind'],
  username: string | null,
  secret: string,
): boolean {
  // Only before the database is open: an interrupted restore decides which files are the real ones.
  const settled = ctx.currentKey() ? null : settleInterruptedRestore(ctx);
  const ring = readKeyring(ctx.paths.keyFile);
  const slot = findSlot(ring, kind, username);
  const key = slot ? openSlot(slot, secret) : null;
  if (!key) return false;
  try {
    const open = ctx.currentKey();
    if (open) {
      if (!timingSafeEqual(open, key)) throw new AppError('DB_WRONG_KEY');
      return true;
    }
    try {
      openStoreWith(ctx, ctx.paths.keyFile, key, settled);
      if (existsSync(nextRingPath(ctx))) rmSync(nextRingPath(ctx));
      return true;
    } catch (e) {
      if (!(isAppError(e) && e.code === 'DB_WRONG_KEY' && existsSync(nextRingPath(ctx)))) throw e;
    }
    const next = readKeyring(nextRingPath(ctx));
    const nextSlot = findSlot(next, kind, username);
    const nextKey = nextSlot ? openSlot(nextSlot, secret) : null;
    if (!nextKey) throw new AppError('DB_WRONG_KEY');
    try {
      openStoreWith(ctx, nextRingPath(ctx), nextKey, settled);
    } finally {
      nextKey.fill(0);
    }
    renameSync(nextRingPath(ctx), ctx.paths.keyFile);
    return true;
  } finally {
    key.fill(0);
  }
}

/** Keyring changes that belong to a database write run inside its transaction: a failed write rolls the row back. */
export function saveKeyring(ctx: AppContext, ring: Keyring): void {
  writeKeyring(ctx.paths.keyFile, ring);
}

/**
 * Opens with a key already in hand, exactly as a sign-in would after its slot
 * opened: an interrupted restore settled, the anchor checked, leftovers removed.
 * For the torture run and tools that hold the key; sign-in goes through openWithSecret.
 */
export function openWithKey(ctx: AppContext, key: Buffer): void {
  const settled = settleInterruptedRestore(ctx);
  openStoreWith(ctx, ctx.paths.keyFile, key, settled);
}
