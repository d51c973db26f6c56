import { sql } from 'kysely';
import type { ReadableStore, WritableStore } from '../../db/store';
import { AppError } from '../../errors';
import type { AppContext } from '../app/context';
import { authenticatedProblem, checkpoint, EVERYONE, writeLoginState, type LoginState } from './lockout';

/**
 * Inside a write with the database open: audits the sign-in events kept in the
 * keyring, reports a record edited since the last sign-in, and replaces the tail
 * with a checkpoint MAC'd under the database key, whose sequence the database keeps.
 * The keyring is written inside the transaction: a failed commit leaves it ahead
 * of the database, never behind.
 */
export function settleLoginRecord(
  ctx: AppContext,
  w: WritableStore,
  state: LoginState,
  clear: readonly string[],
  /** After a rekey: the record was judged under the old key, and is signed under this one. */
  rekeyed?: { key: Buffer; problem: string | null },
): void {
  const key = rekeyed?.key ?? ctx.currentKey();
  if (!key) throw new AppError('NOT_SIGNED_IN');
  const known = knownLockoutSeq(w);
  // A record that failed its check before sign-in already carries its own event.
  const problem = state.tampered ? null : rekeyed ? rekeyed.problem : authenticatedProblem(state, key, known);
  const events = checkpoint(state, key, clear, known);
  events.forEach((e) => w.audit(e));
  if (problem)
    w.audit({
      action: 'login.recordTampered',
      entity: 'session',
      entityId: EVERYONE,
      after: { reason: problem, checkpointSeq: known, lockoutSeq: state.base.seq },
    });
  writeLoginState(ctx.paths, state);
}

/**
 * The highest lockout sequence the audit log has absorbed: each sign-in event is
 * audited with its sequence, so a record put back below it was rolled back.
 */
export function knownLockoutSeq(store: ReadableStore): number {
  const row = store.first(
    store.kysely
      .selectFrom('audit_log')
      .select(sql<number>`json_extract(after_json, '$.lockoutSeq')`.as('s'))
      .where('entity', '=', 'session')
      .where(sql<boolean>`json_extract(after_json, '$.lockoutSeq') IS NOT NULL`)
      .orderBy('seq', 'desc')
      .limit(1),
  );
  return Number(row?.s ?? 0);
}

/** Saves a refusal: into the audit log at once when someone has the database open, else into the keyring. */
export function persistRefusal(ctx: AppContext, state: LoginState, username: string): void {
  const store = ctx.currentStore();
  if (store && ctx.currentKey()) {
    store.write({ username, channel: 'session.login' }, (w) => settleLoginRecord(ctx, w, state, []));
  } else {
    writeLoginState(ctx.paths, state);
  }
}
