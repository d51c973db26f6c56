import type Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect, type Compilable } from 'kysely';
import type { DB } from './schema';

/**
 * Reads may happen anywhere; writes only inside `Store.write`, which runs one
 * synchronous IMMEDIATE transaction that commits when the callback returns and
 * rolls back when it throws. Kysely builds the SQL; better-sqlite3 runs it
 * synchronously, so no await can split a transaction.
 */
export interface ReadableStore {
  readonly kysely: Kysely<DB>;
  all<R>(query: Compilable<R>): R[];
  first<R>(query: Compilable<R>): R | undefined;
}

export interface WritableStore extends ReadableStore {
  readonly canWrite: true;
  run(query: Compilable<unknown>): { changes: number };
}

export class Store implements ReadableStore {
  readonly kysely: Kysely<DB>;
  private readonly writable: WritableStore;

  constructor(readonly raw: Database.Database) {
    this.kysely = new Kysely<DB>({ dialect: new SqliteDialect({ database: raw }) });
    this.writable = {
      canWrite: true,
      kysely: this.kysely,
      all: (q) => this.all(q),
      first: (q) => this.first(q),
      run: (q) => {
        const c = q.compile();
        const info = this.raw.prepare(c.sql).run(...(c.parameters as unknown[]));
        return { changes: info.changes };
      },
    };
  }

  all<R>(query: Compilable<R>): R[] {
    const c = query.compile();
    return this.raw.prepare(c.sql).all(...(c.parameters as unknown[])) as R[];
  }

  first<R>(query: Compilable<R>): R | undefined {
    const c = query.compile();
    return this.raw.prepare(c.sql).get(...(c.parameters as unknown[])) as R | undefined;
  }

  write<T>(fn: (w: WritableStore) => T): T {
    return this.raw.transaction(() => fn(this.writable)).immediate();
  }

  close(): void {
    if (this.raw.open) this.raw.close();
  }
}
