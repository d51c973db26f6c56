import type { Migration } from './types';

/**
 * Numbered documents (notices, certificates) and the printing calibration.
 * - `document_counters` hands out the next number per series and year inside the
 *   writer's IMMEDIATE transaction, so two processes never get the same one; a
 *   number once given is never given again, even if its document is never printed.
 * - `documents` keeps each issued document once per subject (the enrolment, the
 *   decision event): a reprint finds it, keeps its number and counts `reprints`.
 * - `print_calibrations` holds 套打 offsets per workstation, template and printer.
 */
export const m0012Documents: Migration = {
  version: 12,
  name: 'documents',
  up(db) {
    db.exec(`
      CREATE TABLE document_counters (
        series  TEXT NOT NULL,
        year    INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2999),
        last    INTEGER NOT NULL CHECK (last >= 0),
        PRIMARY KEY (series, year)
      ) STRICT;
      CREATE TABLE documents (
        id            INTEGER PRIMARY KEY,
        kind          TEXT NOT NULL CHECK (kind IN ('decision-notice', 'stop-notice', 'change-notice', 'certificate')),
        subject       TEXT NOT NULL,
        series        TEXT NOT NULL,
        year          INTEGER NOT NULL,
        seq           INTEGER NOT NULL CHECK (seq > 0),
        number        TEXT NOT NULL UNIQUE,
        person_id     INTEGER NOT NULL REFERENCES persons (id),
        enrolment_id  INTEGER REFERENCES enrolments (id),
        program       TEXT NOT NULL,
        code          TEXT,
        issued_at     TEXT NOT NULL,
        issued_by     TEXT NOT NULL,
        reprints      INTEGER NOT NULL DEFAULT 0 CHECK (reprints >= 0),
        last_printed_at TEXT NOT NULL,
        UNIQUE (kind, subject),
        UNIQUE (series, year, seq)
      ) STRICT;
      CREATE INDEX documents_person ON documents (person_id);
      CREATE TABLE print_calibrations (
        workstation TEXT NOT NULL,
        template    TEXT NOT NULL,
        printer     TEXT NOT NULL,
        dx_mm       REAL NOT NULL CHECK (dx_mm BETWEEN -30 AND 30),
        dy_mm       REAL NOT NULL CHECK (dy_mm BETWEEN -30 AND 30),
        updated_at  TEXT NOT NULL,
        updated_by  TEXT NOT NULL,
        PRIMARY KEY (workstation, template, printer)
      ) STRICT;
    `);
  },
};
