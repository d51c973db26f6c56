import type { Migration } from './types';

/**
 * A city keeps each imported package's roster deflated as a BLOB: a county's
 * full roster is some 8 MB of JSON, and writing it through SQLCipher as text cost
 * more than decrypting the package. Rows imported before keep their `roster_json`.
 */
export const m0018CityRosterDeflate: Migration = {
  version: 18,
  name: 'city-roster-deflate',
  up(db) {
    db.exec(`ALTER TABLE city_packages ADD COLUMN roster_deflate BLOB`);
  },
};
