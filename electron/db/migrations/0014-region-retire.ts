import type { Migration } from './types';

/**
 * A region once used by a person is retired, never deleted: `retired_at` hides
 * it from the pickers and from new entries while old rows keep their code. A
 * retired township retires its villages with it (the service does that).
 */
export const m0014RegionRetire: Migration = {
  version: 14,
  name: 'region-retire',
  up(db) {
    db.exec(`ALTER TABLE regions ADD COLUMN retired_at TEXT;`);
  },
};
