import type { Migration } from './types';

/**
 * The trail of a bulk import: one chained `import.commit` audit row names the
 * file, and one row here per person it created (row number, person, the
 * SHA-256 of what was written). The audit row's `createdRows.sha256` is the
 * digest of these rows, so the chain proves them; append-only like the log.
 */
export const m0015AuditImportRows: Migration = {
  version: 15,
  name: 'audit-import-rows',
  up(db) {
    db.exec(`
      CREATE TABLE audit_import_rows (
        audit_seq    INTEGER NOT NULL REFERENCES audit_log (seq),
        row          INTEGER NOT NULL,
        person_id    INTEGER NOT NULL REFERENCES persons (id),
        enrolment_id INTEGER REFERENCES enrolments (id),
        row_hash     TEXT NOT NULL CHECK (length(row_hash) = 64),
        UNIQUE (audit_seq, row)
      ) STRICT;
      CREATE INDEX audit_import_rows_by_person ON audit_import_rows (person_id);
      CREATE TRIGGER audit_import_rows_no_update BEFORE UPDATE ON audit_import_rows
        BEGIN SELECT RAISE(ABORT, 'audit_import_rows is append-only'); END;
      CREATE TRIGGER audit_import_rows_no_delete BEFORE DELETE ON audit_import_rows
        BEGIN SELECT RAISE(ABORT, 'audit_import_rows is append-only'); END;
    `);
  },
};
