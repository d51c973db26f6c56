import type { Migration } from './types';

/**
 * User accounts (their key slots live in the keyring file, not here), the
 * append-only hash-chained audit log, and settings.
 */
export const m0002UsersAudit: Migration = {
  version: 2,
  name: 'users-audit-settings',
  up(db) {
    db.exec(`
      CREATE TABLE users (
        id                  INTEGER PRIMARY KEY,
        username            TEXT NOT NULL UNIQUE CHECK (length(username) BETWEEN 2 AND 32),
        display_name        TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 40),
        roles               TEXT NOT NULL CHECK (json_valid(roles) AND json_type(roles) = 'array'),
        disabled_at         TEXT,
        created_at          TEXT NOT NULL,
        created_by          TEXT,
        password_changed_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE audit_log (
        seq         INTEGER PRIMARY KEY,
        at          TEXT NOT NULL,
        username    TEXT NOT NULL,
        channel     TEXT NOT NULL,
        action      TEXT NOT NULL,
        entity      TEXT NOT NULL,
        entity_id   TEXT,
        before_json TEXT,
        after_json  TEXT,
        prev_hash   TEXT NOT NULL,
        hash        TEXT NOT NULL UNIQUE
      ) STRICT;
      CREATE INDEX audit_log_by_user ON audit_log (username, at);
      CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id);
      CREATE INDEX audit_log_by_time ON audit_log (at);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

      CREATE TABLE settings (
        key   TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL CHECK (json_valid(value))
      ) STRICT;
    `);
  },
};
