import { statSync } from 'node:fs';
import type { DbStatus, TableInfo } from '../../../shared/contract';
import { LATEST_SCHEMA_VERSION, schemaVersion } from '../../db/migrations';
import { tableLabels } from '../../db/schema';
import type { Store } from '../../db/store';

export function dbStatus(store: Store, dbPath: string): DbStatus {
  const db = store.raw;
  const integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
  return {
    schemaVersion: schemaVersion(db),
    latestSchemaVersion: LATEST_SCHEMA_VERSION,
    cipher: String(db.pragma('cipher', { simple: true })),
    pageSize: Number(db.pragma('page_size', { simple: true })),
    pageCount: Number(db.pragma('page_count', { simple: true })),
    fileBytes: statSync(dbPath).size,
    journalMode: String(db.pragma('journal_mode', { simple: true })),
    integrity,
  };
}

export function listTables(store: Store): TableInfo[] {
  const names = store.raw
    .prepare(
      `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`,
    )
    .pluck()
    .all() as string[];
  return names.map((name) => ({
    name,
    label: tableLabels[name] ?? name,
    // Names come from sqlite_schema, not from the caller; quoting guards odd characters.
    rows: Number(
      store.raw
        .prepare(`SELECT count(*) FROM "${name.replaceAll('"', '""')}"`)
        .pluck()
        .get(),
    ),
  }));
}
