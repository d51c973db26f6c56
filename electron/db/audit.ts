import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { AuditAction, AuditEntity } from '../../shared/contract/audit-labels';
import type { AuditLogTable } from './schema';

/** Who is writing, through which channel. Every write carries one. */
export interface Actor {
  readonly username: string;
  readonly channel: string;
}

export interface AuditInput {
  /** What happened, e.g. `user.add`, `login.failed`: only actions with a Chinese label (shared/contract/audit-labels.ts). */
  action: AuditAction;
  /** The kind of record touched, e.g. `user`, `session`. */
  entity: AuditEntity;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  /** When it happened, if not now (login failures recorded before the database was open). */
  at?: string;
  /** Whose attempt it was, when recorded later on their behalf (failed sign-ins). */
  username?: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted, so the same value always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

/** The hashed part of an audit row: everything but the two hashes themselves. */
export type ChainFields = Omit<AuditLogTable, 'prev_hash' | 'hash'>;

/** SHA-256 over the previous hash and the row in a fixed field order. */
export function chainHash(prevHash: string, row: ChainFields): string {
  const canonical = JSON.stringify([
    row.seq,
    row.at,
    row.username,
    row.channel,
    row.action,
    row.entity,
    row.entity_id,
    row.before_json,
    row.after_json,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/**
 * The two statements of an append, prepared once per connection: a bulk import
 * appends tens of thousands of rows, and a statement prepared per row is native
 * memory the garbage collector does not see until long after.
 */
const statements = new WeakMap<Database.Database, { last: Database.Statement; insert: Database.Statement }>();

function auditStatements(db: Database.Database): { last: Database.Statement; insert: Database.Statement } {
  let s = statements.get(db);
  if (!s) {
    s = {
      last: db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1'),
      insert: db.prepare(
        `INSERT INTO audit_log (seq, at, username, channel, action, entity, entity_id, before_json, after_json, prev_hash, hash)
     VALUES (@seq, @at, @username, @channel, @action, @entity, @entity_id, @before_json, @after_json, @prev_hash, @hash)`,
      ),
    };
    statements.set(db, s);
  }
  return s;
}

/** Appends one chained row. Must run inside the caller's transaction. */
export function appendAudit(
  db: Database.Database,
  actor: Actor,
  entry: AuditInput,
  now: Date,
): { seq: number; hash: string } {
  const st = auditStatements(db);
  const last = st.last.get() as { seq: number; hash: string } | undefined;
  const row: ChainFields = {
    seq: (last?.seq ?? 0) + 1,
    at: entry.at ?? now.toISOString(),
    username: entry.username ?? actor.username,
    channel: actor.channel,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId == null ? null : String(entry.entityId),
    before_json: entry.before === undefined ? null : canonicalJson(entry.before),
    after_json: entry.after === undefined ? null : canonicalJson(entry.after),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = chainHash(prevHash, row);
  st.insert.run({ ...row, prev_hash: prevHash, hash });
  return { seq: row.seq, hash };
}
