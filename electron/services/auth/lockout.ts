import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { loginAuditActions } from '../../../shared/contract/audit-labels';
import type { AuditInput } from '../../db/audit';

/**
 * Failed-login bookkeeping. It must work before the database can be opened, so it
 * lives in a small plain file beside it; it holds no secrets. Events are copied
 * into the audit log at the next successful sign-in.
 */
export const MAX_FAILURES = 5;
export const FIRST_LOCK_MINUTES = 15;

const stateSchema = z.object({
  users: z.record(
    z.string(),
    z.object({ failures: z.number().int(), lockedUntil: z.string().nullable(), lockouts: z.number().int() }),
  ),
  pending: z.array(
    z.object({
      username: z.string(),
      action: z.enum(loginAuditActions),
      at: z.string(),
      detail: z.record(z.string(), z.unknown()),
    }),
  ),
});
export type LoginState = z.infer<typeof stateSchema>;

export function readLoginState(path: string): LoginState {
  if (!existsSync(path)) return { users: {}, pending: [] };
  try {
    const parsed = stateSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // A damaged counter file must not keep everyone out; it is rebuilt.
  }
  return { users: {}, pending: [] };
}

export function writeLoginState(path: string, state: LoginState): void {
  // Keep the record bounded even if nobody signs in for a long time.
  state.pending = state.pending.slice(-1000);
  writeFileSync(`${path}.tmp`, JSON.stringify(state), { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}

/** Minutes left on a lock, or 0. */
export function lockedMinutes(state: LoginState, username: string, now: Date): number {
  const until = state.users[username]?.lockedUntil;
  if (!until) return 0;
  const ms = Date.parse(until) - now.getTime();
  return ms > 0 ? Math.ceil(ms / 60_000) : 0;
}

/** Counts a failure; the fifth in a row locks for 15 minutes, each later lock twice as long. */
export function recordFailure(state: LoginState, username: string, now: Date): { lockedForMinutes: number } {
  const entry = state.users[username] ?? { failures: 0, lockedUntil: null, lockouts: 0 };
  entry.failures += 1;
  let lockedForMinutes = 0;
  state.pending.push({ username, action: 'login.failed', at: now.toISOString(), detail: { failures: entry.failures } });
  if (entry.failures >= MAX_FAILURES) {
    lockedForMinutes = FIRST_LOCK_MINUTES * 2 ** entry.lockouts;
    entry.lockedUntil = new Date(now.getTime() + lockedForMinutes * 60_000).toISOString();
    entry.lockouts += 1;
    entry.failures = 0;
    state.pending.push({
      username,
      action: 'login.lockedOut',
      at: now.toISOString(),
      detail: { minutes: lockedForMinutes },
    });
  }
  state.users[username] = entry;
  return { lockedForMinutes };
}

export function recordRefusedWhileLocked(state: LoginState, username: string, now: Date): void {
  state.pending.push({ username, action: 'login.refusedLocked', at: now.toISOString(), detail: {} });
}

/** A successful sign-in clears the counters and hands back the events to audit. */
export function takeForSuccess(state: LoginState, username: string): AuditInput[] {
  delete state.users[username];
  const events = state.pending.map((p) => ({
    action: p.action,
    entity: 'session' as const,
    entityId: p.username,
    after: p.detail,
    at: p.at,
    username: p.username,
  }));
  state.pending = [];
  return events;
}
