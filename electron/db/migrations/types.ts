import type Database from 'better-sqlite3-multiple-ciphers';

export interface Migration {
  /** Equals the schema version (PRAGMA user_version) after it has run. */
  readonly version: number;
  readonly name: string;
  /** Runs inside the migrator's transaction; must not open its own. */
  up(db: Database.Database): void;
}
