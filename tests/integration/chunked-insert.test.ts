import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { ChunkedInsert, INSERT_CHUNK } from '../../electron/db/chunked-insert';

const table = () => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, n INTEGER NOT NULL) STRICT');
  return db;
};

describe('chunked insert', () => {
  it('writes full chunks and the rest, in order, with the ids given', () => {
    const db = table();
    const ins = new ChunkedInsert<number>(db, 't', ['id', 'code', 'n']);
    const total = INSERT_CHUNK * 2 + 7;
    for (let i = 1; i <= total; i++) ins.add(i, [i * 10, `c${String(i)}`, i]);
    // Two full chunks are written as they fill; the last seven wait for flush().
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(INSERT_CHUNK * 2);
    expect(ins.size).toBe(7);
    ins.flush();
    const rows = db.prepare('SELECT id, code, n FROM t ORDER BY id').all() as Array<{ id: number; n: number }>;
    expect(rows).toHaveLength(total);
    expect(rows.every((r) => r.id === r.n * 10)).toBe(true);
  });

  it('names the row of a chunk that a unique index refuses, and writes nothing of the chunk past it', () => {
    const db = table();
    db.prepare(`INSERT INTO t (id, code, n) VALUES (1, 'taken', 0)`).run();
    const seen: number[] = [];
    const ins = new ChunkedInsert<number>(db, 't', ['id', 'code', 'n'], (row, e) => {
      seen.push(row);
      throw new Error(`row ${String(row)}: ${(e as Error).message}`);
    });
    const add = (i: number) => ins.add(i, [100 + i, i === 40 ? 'taken' : `c${String(i)}`, i]);
    expect(() => {
      for (let i = 1; i <= INSERT_CHUNK; i++) add(i);
    }).toThrow(/row 40: UNIQUE constraint failed: t\.code/);
    expect(seen).toEqual([40]);
    // The failed chunk statement wrote nothing; the one-by-one search stopped at row 40.
    expect(db.prepare('SELECT max(n) FROM t').pluck().get()).toBe(39);
  });
});
