import type { Migration } from './types';

/** Facts about this data directory itself: county, creation time, program version. */
export const m0001Meta: Migration = {
  version: 1,
  name: 'meta',
  up(db) {
    db.exec(`
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY NOT NULL CHECK (length(key) BETWEEN 1 AND 64),
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
