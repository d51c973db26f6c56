import type { Migration } from './types';

/**
 * Findings of the rule checks are computed on every run, never stored: fixing
 * the record makes one disappear. What is stored is a clerk's decision that a
 * finding is not a problem (a passbook account that fails the card check, two
 * siblings sharing their guardian's account), with the reason, so the same
 * finding stays quiet on later runs and the decision can be reviewed.
 */
export const m0005CheckDismissals: Migration = {
  version: 5,
  name: 'check-dismissals',
  up(db) {
    db.exec(`
      CREATE TABLE check_dismissals (
        id           INTEGER PRIMARY KEY,
        kind         TEXT NOT NULL,
        subject      TEXT NOT NULL,
        reason       TEXT NOT NULL CHECK (length(reason) BETWEEN 2 AND 200),
        dismissed_at TEXT NOT NULL,
        dismissed_by TEXT NOT NULL,
        UNIQUE (kind, subject)
      ) STRICT;
    `);
  },
};
