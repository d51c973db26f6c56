import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { z } from 'zod';
import { loginAuditActions, type AuditAction } from '../../../shared/contract/audit-labels';
import type { AuditInput } from '../../db/audit';
import { canonicalJson, GENESIS_HASH } from '../../db/audit';
import { readKeyring, writeKeyring } from '../../db/keyring';

/**
 * Failed-login bookkeeping. It must work before the database can be opened, so it
 * lives in the keyring, beside the key slots: deleting it deletes every way in.
 * Events since the last sign-in are hash-chained onto a checkpoint that each
 * successful sign-in MACs under a key derived from the database key (and whose
 * sequence the database keeps), so an edit, a rollback or a removal is found and
 * audited at the next sign-in; a record that does not verify before sign-in fails
 * closed (everyone locked for 15 minutes). Nobody without the key can write a
 * checkpoint; anyone who can write files can still recompute the unsigned tail,
 * which is why the README says what the lock does not protect against.
 */
export const MAX_FAILURES = 5;
export const FIRST_LOCK_MINUTES = 15;
/** Whose entry a failed-closed lock is, in events and the audit log. */
export const EVERYONE = '#all';

const userLockSchema = z.object({
  failures: z.number().int().min(0),
  lockedUntil: z.string().nullable(),
  lockouts: z.number().int().min(0),
});
type UserLock = z.infer<typeof userLockSchema>;

const eventSchema = z.object({
  seq: z.number().int().min(1),
  username: z.string(),
  action: z.enum(loginAuditActions),
  at: z.string(),
  detail: z.record(z.string(), z.unknown()),
});
export type LoginEvent = z.infer<typeof eventSchema>;

const baseSchema = z.object({
  seq: z.number().int().min(0),
  head: z.string().regex(/^[0-9a-f]{64}$/),
  users: z.record(z.string(), userLockSchema),
  /** Null for a record started before any sign-in (or rebuilt after a failed check). */
  mac: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
});
type Base = z.infer<typeof baseSchema>;

export const lockRecordSchema = z.object({
  base: baseSchema,
  events: z.array(eventSchema).max(5000),
  head: z.string().regex(/^[0-9a-f]{64}$/),
  lockAllUntil: z.string().nullable(),
});
type LockRecord = z.infer<typeof lockRecordSchema>;

export interface LoginState {
  base: Base;
  /** Derived: the checkpoint's counters with every event since replayed. */
  users: Record<string, UserLock>;
  pending: LoginEvent[];
  lockAllUntil: string | null;
  /** Why the stored record was not believed when read; audited at the next sign-in. */
  tampered: string | null;
}

function link(prev: string, e: LoginEvent): string {
  return createHash('sha256').update(prev).update('\n').update(canonicalJson(e)).digest('hex');
}

/** The chain starts from the whole checkpoint, so an edit of its counters breaks it too. */
function chain(base: Base, events: readonly LoginEvent[]): string {
  const start = createHash('sha256')
    .update(canonicalJson({ seq: base.seq, head: base.head, users: base.users, mac: base.mac }))
    .digest('hex');
  return events.reduce(link, start);
}

function apply(users: Record<string, UserLock>, e: LoginEvent): void {
  const entry = users[e.username] ?? { failures: 0, lockedUntil: null, lockouts: 0 };
  if (e.action === 'login.failed') entry.failures += 1;
  if (e.action === 'login.lockedOut') {
    const minutes = Number(e.detail.minutes ?? FIRST_LOCK_MINUTES);
    entry.lockedUntil = new Date(Date.parse(e.at) + minutes * 60_000).toISOString();
    entry.lockouts += 1;
    entry.failures = 0;
  }
  users[e.username] = entry;
}

function replay(base: Base, events: readonly LoginEvent[]): Record<string, UserLock> {
  const users = structuredClone(base.users);
  for (const e of events) apply(users, e);
  return users;
}

const FRESH_BASE: Base = { seq: 0, head: GENESIS_HASH, users: {}, mac: null };

function lastSeq(state: LoginState): number {
  return state.pending.at(-1)?.seq ?? state.base.seq;
}

function push(state: LoginState, e: Omit<LoginEvent, 'seq'>): void {
  const event = { ...e, seq: lastSeq(state) + 1 };
  state.pending.push(event);
  apply(state.users, event);
}

/** Why a stored record is not what this program wrote, or null. Checks what needs no key. */
function chainProblem(record: LockRecord): string | null {
  let expected = record.base.seq + 1;
  for (const e of record.events) {
    if (e.seq !== expected) return '登录失败记录的序号不连续（有记录被删除）';
    expected++;
  }
  return chain(record.base, record.events) === record.head ? null : '登录失败记录与其校验链不符（被改动）';
}

/** Events of the old plain file beside the database, taken over once. */
function legacyEvents(path: string): Array<Omit<LoginEvent, 'seq'>> {
  if (!existsSync(path)) return [];
  try {
    const parsed = z
      .object({ pending: z.array(eventSchema.omit({ seq: true })) })
      .safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data.pending : [];
  } catch {
    return [];
  }
}

export interface LoginPaths {
  keyFile: string;
  /** The plain file earlier versions kept; read once, then removed. */
  logins: string;
}

/** The counters as stored in the keyring; a record that does not verify fails closed. */
export function readLoginState(paths: LoginPaths, now: Date): LoginState {
  const ring = readKeyring(paths.keyFile);
  const state: LoginState = { base: FRESH_BASE, users: {}, pending: [], lockAllUntil: null, tampered: null };
  if (ring.lockout !== undefined) {
    const parsed = lockRecordSchema.safeParse(ring.lockout);
    const problem = parsed.success ? chainProblem(parsed.data) : '登录失败记录无法读取（格式被破坏）';
    if (parsed.success && !problem) {
      state.base = parsed.data.base;
      state.pending = parsed.data.events;
      state.users = replay(parsed.data.base, parsed.data.events);
      state.lockAllUntil = parsed.data.lockAllUntil;
    } else {
      const seq = parsed.success ? parsed.data.base.seq : 0;
      state.base = { ...FRESH_BASE, seq };
      state.tampered = problem;
      state.lockAllUntil = new Date(now.getTime() + FIRST_LOCK_MINUTES * 60_000).toISOString();
      push(state, {
        username: EVERYONE,
        action: 'login.recordTampered',
        at: now.toISOString(),
        detail: { reason: problem, minutes: FIRST_LOCK_MINUTES },
      });
      // What is left of the attempts is kept, marked: an edit must not erase them from the audit log.
      for (const e of parsed.success ? parsed.data.events : [])
        push(state, { username: e.username, action: e.action, at: e.at, detail: { ...e.detail, unverified: true } });
    }
  }
  for (const e of legacyEvents(paths.logins)) push(state, e);
  return state;
}

export function writeLoginState(paths: LoginPaths, state: LoginState): void {
  // Keep the record bounded even if nobody signs in for a long time: the oldest unsigned events go first.
  const ring = readKeyring(paths.keyFile);
  const record: LockRecord = {
    base: state.base,
    events: state.pending,
    head: chain(state.base, state.pending),
    lockAllUntil: state.lockAllUntil,
  };
  writeKeyring(paths.keyFile, { ...ring, lockout: record });
  rmSync(paths.logins, { force: true });
}

function macKey(dbKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dbKey, Buffer.alloc(0), Buffer.from('welfare-desk/lockout/v1'), 32));
}

function macOf(dbKey: Buffer, base: Omit<Base, 'mac'>): string {
  return createHmac('sha256', macKey(dbKey))
    .update(canonicalJson({ seq: base.seq, head: base.head, users: base.users }))
    .digest('hex');
}

/**
 * With the database key in hand: was the record edited, rolled back or removed
 * since the last sign-in? `knownSeq` is the checkpoint sequence the database kept.
 */
export function authenticatedProblem(state: LoginState, dbKey: Buffer, knownSeq: number): string | null {
  if (state.tampered) return state.tampered;
  const { base } = state;
  if (base.mac === null) return knownSeq > 0 ? '登录失败记录被删除或被替换' : null;
  const want = Buffer.from(macOf(dbKey, base), 'hex');
  const got = Buffer.from(base.mac, 'hex');
  if (want.length !== got.length || !timingSafeEqual(want, got)) return '登录失败记录的签名不符（被改动）';
  if (base.seq < knownSeq) return '登录失败记录被换回旧版本（部分失败记录被抹去）';
  return null;
}

/** A new authenticated checkpoint after a successful sign-in: counters of `clear` reset, events handed back. */
export function checkpoint(state: LoginState, dbKey: Buffer, clear: readonly string[], knownSeq = 0): AuditInput[] {
  const events = state.pending.map((p) => ({
    action: p.action as AuditAction,
    entity: 'session' as const,
    entityId: p.username,
    after: { ...p.detail, lockoutSeq: p.seq },
    at: p.at,
    username: p.username,
  }));
  for (const u of clear) delete state.users[u];
  // Never below what the database saw: a record put back or removed must not lower the mark.
  const seq = Math.max(lastSeq(state), knownSeq);
  const head = chain(state.base, state.pending);
  state.base = { seq, head, users: state.users, mac: macOf(dbKey, { seq, head, users: state.users }) };
  state.pending = [];
  state.lockAllUntil = null;
  state.tampered = null;
  return events;
}

/** Minutes left on a lock, or 0. A failed-closed record locks everyone. */
export function lockedMinutes(state: LoginState, username: string, now: Date): number {
  const untils = [state.users[username]?.lockedUntil, state.lockAllUntil].filter((u): u is string => Boolean(u));
  const ms = Math.max(0, ...untils.map((u) => Date.parse(u) - now.getTime()));
  return ms > 0 ? Math.ceil(ms / 60_000) : 0;
}

/** Counts a failure; the fifth in a row locks for 15 minutes, each later lock twice as long. */
export function recordFailure(state: LoginState, username: string, now: Date): { lockedForMinutes: number } {
  const failures = (state.users[username]?.failures ?? 0) + 1;
  push(state, { username, action: 'login.failed', at: now.toISOString(), detail: { failures } });
  const entry = state.users[username];
  if (!entry || entry.failures < MAX_FAILURES) return { lockedForMinutes: 0 };
  const lockedForMinutes = FIRST_LOCK_MINUTES * 2 ** entry.lockouts;
  push(state, { username, action: 'login.lockedOut', at: now.toISOString(), detail: { minutes: lockedForMinutes } });
  return { lockedForMinutes };
}

export function recordRefusedWhileLocked(state: LoginState, username: string, now: Date): void {
  push(state, { username, action: 'login.refusedLocked', at: now.toISOString(), detail: {} });
}
