import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type Database from 'better-sqlite3-multiple-ciphers';

export function sha256File(path: string): string | null {
  return existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : null;
}

/** A digest of every row of every table and the schema version: "the database is unchanged". */
export function contentDigest(db: Database.Database, except: readonly string[] = []): string {
  const h = createHash('sha256');
  h.update(String(db.pragma('user_version', { simple: true })));
  const tables = db.prepare(`SELECT name, sql FROM sqlite_schema ORDER BY name`).all() as Array<{
    name: string;
    sql: string | null;
  }>;
  for (const t of tables) {
    h.update(`${t.name}\n${t.sql ?? ''}\n`);
    if (t.sql?.startsWith('CREATE TABLE') && !except.includes(t.name)) {
      for (const row of db.prepare(`SELECT * FROM "${t.name}" ORDER BY rowid`).all()) h.update(JSON.stringify(row));
    }
  }
  return h.digest('hex');
}
