import type { Migration } from './types';

/**
 * The lifecycle's own facts on an enrolment (who reviewed and approved it, when,
 * the 公示 period), and the county's rate tables and policy settings, each row
 * effective from a month so that history is kept rather than overwritten.
 */
export const m0004Lifecycle: Migration = {
  version: 4,
  name: 'lifecycle-standards-policy',
  up(db) {
    db.exec(`
      ALTER TABLE enrolments ADD COLUMN reviewed_on TEXT;
      ALTER TABLE enrolments ADD COLUMN reviewed_by TEXT;
      ALTER TABLE enrolments ADD COLUMN approved_on TEXT;
      ALTER TABLE enrolments ADD COLUMN approved_by TEXT;
      ALTER TABLE enrolments ADD COLUMN publicity_from TEXT;
      ALTER TABLE enrolments ADD COLUMN publicity_to TEXT;

      CREATE TABLE standards (
        id          INTEGER PRIMARY KEY,
        program     TEXT NOT NULL,
        category    TEXT NOT NULL,
        from_month  TEXT NOT NULL CHECK (from_month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
        amount_fen  INTEGER NOT NULL CHECK (amount_fen >= 0),
        created_at  TEXT NOT NULL,
        created_by  TEXT NOT NULL,
        UNIQUE (program, category, from_month)
      ) STRICT;

      CREATE TABLE policy_settings (
        id          INTEGER PRIMARY KEY,
        key         TEXT NOT NULL,
        value       TEXT NOT NULL CHECK (json_valid(value)),
        from_month  TEXT NOT NULL CHECK (from_month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
        created_at  TEXT NOT NULL,
        created_by  TEXT NOT NULL,
        UNIQUE (key, from_month)
      ) STRICT;
    `);
  },
};
