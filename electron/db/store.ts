import { writeSeal } from './clean-seal';
import type Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect, type Compilable } from 'kysely';
import { AppError } from '../errors';
import { appendAudit, type Actor, type AuditInput } from './audit';
import { storageError } from './storage-errors';
import type { DB } from './schema';

/**
 * Reads may happen anywhere; writes only inside `Store.write`, which runs one
 * synchronous IMMEDIATE transaction that commits when the callback returns and
 * rolls back when it throws. Kysely builds the SQL; better-sqlite3 runs it
 * synchronously, so no await can split a transaction. A write that changes rows
 * but records no audit row is rolled back: nothing changes without a trace.
 */
export interface ReadableStore {
  readonly kysely: Kysely<DB>;
  all<R>(query: Compilable<R>): R[];
  first<R>(query: Compilable<R>): R | undefined;
}

export interface WritableStore extends ReadableStore {
  readonly canWrite: true;
  run(query: Compilable<unknown>): { changes: number; lastInsertRowid: number };
  /** Adds a hash-chained audit row in this transaction; its number and hash. */
  audit(entry: AuditInput): { seq: number; hash: string };
}

export class Store implements ReadableStore {
  readonly kysely: Kysely<DB>;
  private readonly statements = new Map<string, Database.Statement>();
  /** Called after a commit that added audit rows (the audit anchor beside the database follows the head). */
  afterAudit: (() => void) | null = null;
  private auditedInside = false;
  /** Prepared once: every write reads it twice. */
  private totalChanges: Database.Statement | null = null;

  constructor(
    readonly raw: Database.Database,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.kysely = new Kysely<DB>({ dialect: new SqliteDialect({ database: raw }) });
  }

  private prepared(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.raw.prepare(sql);
      if (this.statements.size > 500) this.statements.clear();
      this.statements.set(sql, s);
    }
    return s;
  }

  all<R>(query: Compilable<R>): R[] {
    const c = query.compile();
    return this.prepared(c.sql).all(...(c.parameters as unknown[])) as R[];
  }

  first<R>(query: Compilable<R>): R | undefined {
    const c = query.compile();
    return this.prepared(c.sql).get(...(c.parameters as unknown[])) as R | undefined;
  }

  write<T>(actor: Actor, fn: (w: WritableStore) => T): T {
    let audited = 0;
    const w: WritableStore = {
      canWrite: true,
      kysely: this.kysely,
      all: (q) => this.all(q),
      first: (q) => this.first(q),
      run: (q) => {
        const c = q.compile();
        const info = this.prepared(c.sql).run(...(c.parameters as unknown[]));
        return { changes: info.changes, lastInsertRowid: Number(info.lastInsertRowid) };
      },
      audit: (entry) => {
        const appended = appendAudit(this.raw, actor, entry, this.clock());
        audited++;
        return appended;
      },
    };
    const changes = (this.totalChanges ??= this.raw.prepare('SELECT total_changes()').pluck());
    // Nested inside another write, "commit" only releases a savepoint: the anchor waits for the real commit.
    const outermost = !this.raw.inTransaction;
    try {
      const result = this.raw
        .transaction(() => {
          const before = Number(changes.get());
          const r = fn(w);
          // A save that changed nothing needs no trace; a change without one is refused.
          if (audited === 0 && Number(changes.get()) !== before)
            throw new AppError('INTERNAL', `write through ${actor.channel} recorded no audit row`);
          return r;
        })
        .immediate();
      if (!outermost) {
        if (audited > 0) this.auditedInside = true;
      } else if (audited > 0 || this.auditedInside) {
        this.auditedInside = false;
        this.afterAudit?.();
      }
      return result;
    } catch (e) {
      if (outermost) this.auditedInside = false;
      throw storageError(e, this.raw.name) ?? e;
    }
  }

  /** Set on the register's own database: a clean close leaves the seal that spares the next open its quick_check. */
  sealOnClose = false;

  close(): void {
    this.statements.clear();
    if (!this.raw.open) return;
    const path = this.raw.name;
    this.raw.close();
    if (this.sealOnClose) writeSeal(path);
  }
}
