import { timingSafeEqual } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { AppError, isAppError } from '../../errors';
import { openSlot, readKeyring, slotId, writeKeyring, type Keyring, type KeySlot } from '../../db/keyring';
import { openDatabase } from '../../db/open';
import { Store } from '../../db/store';
import type { AppContext } from '../app/context';
import { readSettings } from '../settings/service';

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

function openStoreWith(ctx: AppContext, ring: Keyring, key: Buffer): void {
  const db = openDatabase({ path: ctx.paths.db, key, expectedSalt: ring.dbSalt });
  const store = new Store(db, ctx.clock);
  ctx.attachStore(store, key);
  ctx.settings = readSettings(store);
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
      openStoreWith(ctx, ring, key);
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
      openStoreWith(ctx, next, nextKey);
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
