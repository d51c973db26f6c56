import type { Migration } from './types';

/**
 * The package upward to the city and the city's side of it.
 * - `package_keys`: the county's Ed25519 signing pair and a city's age identity,
 *   inside the encrypted database (so sealed with its key and rotated by rekey),
 *   never in a plain file.
 * - `package_exports`: every package a county wrote, for its sequence numbers.
 * - `city_counties`: the counties a city trusts, with their signing public key.
 * - `city_packages`: every imported package; a newer one for the same county and
 *   period supersedes the older, which is kept.
 */
export const m0013Package: Migration = {
  version: 13,
  name: 'package',
  up(db) {
    db.exec(`
      CREATE TABLE package_keys (
        kind        TEXT PRIMARY KEY NOT NULL CHECK (kind IN ('signing', 'city-identity')),
        public_key  TEXT NOT NULL,
        secret_key  TEXT NOT NULL,
        created_at  TEXT NOT NULL
      ) STRICT;

      CREATE TABLE package_exports (
        id          INTEGER PRIMARY KEY,
        period_from TEXT NOT NULL CHECK (period_from GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
        period_to   TEXT NOT NULL CHECK (period_to GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]' AND period_to >= period_from),
        sequence    INTEGER NOT NULL CHECK (sequence > 0),
        roster      TEXT NOT NULL CHECK (roster IN ('none', 'masked', 'full')),
        file_name   TEXT NOT NULL,
        sha256      TEXT NOT NULL,
        bytes       INTEGER NOT NULL,
        created_at  TEXT NOT NULL,
        created_by  TEXT NOT NULL,
        UNIQUE (period_from, period_to, sequence)
      ) STRICT;

      CREATE TABLE city_counties (
        code          TEXT PRIMARY KEY NOT NULL CHECK (length(code) = 6 AND code NOT GLOB '*[^0-9]*'),
        name          TEXT NOT NULL,
        signing_key   TEXT NOT NULL,
        registered_at TEXT NOT NULL,
        registered_by TEXT NOT NULL
      ) STRICT;

      CREATE TABLE city_packages (
        id            INTEGER PRIMARY KEY,
        county_code   TEXT NOT NULL REFERENCES city_counties (code),
        period_from   TEXT NOT NULL,
        period_to     TEXT NOT NULL,
        sequence      INTEGER NOT NULL CHECK (sequence > 0),
        sha256        TEXT NOT NULL UNIQUE,
        manifest_json TEXT NOT NULL CHECK (json_valid(manifest_json)),
        tables_json   TEXT NOT NULL CHECK (json_valid(tables_json)),
        roster_rows   INTEGER NOT NULL DEFAULT 0,
        roster_json   TEXT CHECK (roster_json IS NULL OR json_valid(roster_json)),
        imported_at   TEXT NOT NULL,
        imported_by   TEXT NOT NULL,
        superseded_at TEXT,
        superseded_by INTEGER REFERENCES city_packages (id),
        UNIQUE (county_code, period_from, period_to, sequence)
      ) STRICT;
      CREATE UNIQUE INDEX city_packages_current ON city_packages (county_code, period_from, period_to)
        WHERE superseded_at IS NULL;
    `);
  },
};
