import type Database from 'better-sqlite3-multiple-ciphers';

/** Rows per multi-row INSERT: 64 rows of 26 columns stay far below SQLite's 32,766 bound parameters. */
export const INSERT_CHUNK = 64;

/**
 * Rows of one table written `INSERT_CHUNK` at a time with one multi-row statement
 * (prepared once for a full chunk, once for a single row): a bulk write of 50,000
 * people costs a statement per chunk, not per row. `flush()` writes what is
 * pending; when a chunk's statement fails (a UNIQUE index), its rows are written
 * one by one so the error names the row that caused it (`onRowError`).
 */
export class ChunkedInsert<K> {
  private readonly full: Database.Statement;
  private readonly one: Database.Statement;
  private pending: unknown[][] = [];
  private keys: K[] = [];

  constructor(
    db: Database.Database,
    table: string,
    private readonly columns: readonly string[],
    private readonly onRowError: (key: K, e: unknown) => never = (_key, e) => {
      throw e;
    },
  ) {
    const row = `(${columns.map(() => '?').join(', ')})`;
    const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
    this.full = db.prepare(head + Array.from({ length: INSERT_CHUNK }, () => row).join(', '));
    this.one = db.prepare(head + row);
  }

  /** Queues one row (values in the order of the columns); a full chunk is written at once. */
  add(key: K, values: unknown[]): void {
    this.pending.push(values);
    this.keys.push(key);
    if (this.pending.length === INSERT_CHUNK) this.flush();
  }

  get size(): number {
    return this.pending.length;
  }

  flush(): void {
    const rows = this.pending;
    const keys = this.keys;
    if (rows.length === 0) return;
    this.pending = [];
    this.keys = [];
    if (rows.length === INSERT_CHUNK) {
      try {
        this.full.run(rows.flat());
        return;
      } catch {
        // The failed statement wrote nothing of its chunk: the rows one by one find the cause.
      }
    }
    for (const [i, r] of rows.entries()) {
      try {
        this.one.run(r);
      } catch (e) {
        this.onRowError(keys[i] as K, e);
      }
    }
  }
}
