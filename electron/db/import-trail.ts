import { createHash } from 'node:crypto';
import { ChunkedInsert } from './chunked-insert';
import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * The per-row trail of a bulk import (table `audit_import_rows`): instead of two
 * chained audit rows per person created, one `import.commit` row whose
 * `createdRows` holds the count and the digest of these rows. The chain covers
 * the digest, so `audit verify` proves every row here by recomputing it.
 */
export interface ImportTrailRow {
  /** The spreadsheet row number. */
  row: number;
  personId: number;
  enrolmentId: number | null;
  /** SHA-256 of what the row wrote (person and application values, in column order). */
  rowHash: string;
}

/** What the audit row says about its trail. */
export interface ImportTrailClaim {
  count: number;
  sha256: string;
}

export function rowHash(written: string): string {
  return createHash('sha256').update(written).digest('hex');
}

/** The digest in row order, one line per row: the same rows always give the same digest. */
export function trailDigest(rows: Iterable<ImportTrailRow>): ImportTrailClaim {
  const h = createHash('sha256');
  let count = 0;
  for (const r of rows) {
    h.update(`${r.row}\t${r.personId}\t${r.enrolmentId ?? ''}\t${r.rowHash}\n`);
    count++;
  }
  return { count, sha256: h.digest('hex') };
}

/** Writes the trail under its audit row; inside the caller's transaction. */
export function appendTrail(db: Database.Database, auditSeq: number, rows: readonly ImportTrailRow[]): void {
  const insert = new ChunkedInsert<null>(db, 'audit_import_rows', [
    'audit_seq',
    'row',
    'person_id',
    'enrolment_id',
    'row_hash',
  ]);
  for (const r of rows) insert.add(null, [auditSeq, r.row, r.personId, r.enrolmentId, r.rowHash]);
  insert.flush();
}

/** The trail of one audit row as stored, in row order (the order the digest is taken in). */
export function readTrail(db: Database.Database, auditSeq: number): IterableIterator<ImportTrailRow> {
  return db
    .prepare(
      `SELECT row, person_id AS personId, enrolment_id AS enrolmentId, row_hash AS rowHash
         FROM audit_import_rows WHERE audit_seq = ? ORDER BY row`,
    )
    .iterate(auditSeq) as IterableIterator<ImportTrailRow>;
}
