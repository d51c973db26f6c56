import type { Migration } from './types';

/**
 * The county's regions, the person index (one row per natural person, keyed by
 * the normalised ID number), disability certificates, and enrolments in the five
 * programs with their history.
 */
export const m0003Registers: Migration = {
  version: 3,
  name: 'registers',
  up(db) {
    db.exec(`
      CREATE TABLE regions (
        code        TEXT PRIMARY KEY NOT NULL CHECK (length(code) = 12 AND code NOT GLOB '*[^0-9]*'),
        name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
        level       TEXT NOT NULL CHECK (level IN ('township', 'village')),
        parent_code TEXT REFERENCES regions (code),
        sort        INTEGER NOT NULL DEFAULT 0,
        CHECK ((level = 'township') = (parent_code IS NULL))
      ) STRICT;
      CREATE INDEX regions_by_parent ON regions (parent_code, sort);

      CREATE TABLE persons (
        id                   INTEGER PRIMARY KEY,
        id_number            TEXT NOT NULL UNIQUE CHECK (length(id_number) = 18),
        id_number_original   TEXT,
        name                 TEXT NOT NULL,
        name_pinyin          TEXT NOT NULL,
        name_initials        TEXT NOT NULL,
        sex                  TEXT NOT NULL CHECK (sex IN ('M', 'F')),
        birth_date           TEXT NOT NULL,
        ethnicity            TEXT,
        phone                TEXT,
        hukou_type           TEXT CHECK (hukou_type IN ('urban', 'rural')),
        village_code         TEXT REFERENCES regions (code),
        address              TEXT,
        dibao                TEXT NOT NULL DEFAULT 'none' CHECK (dibao IN ('none', 'urban', 'rural', 'edge')),
        tekun                TEXT NOT NULL DEFAULT 'none' CHECK (tekun IN ('none', 'centralized', 'dispersed')),
        injury_care          INTEGER NOT NULL DEFAULT 0 CHECK (injury_care IN (0, 1)),
        bank_name            TEXT,
        bank_account         TEXT,
        account_holder_name  TEXT,
        account_holder_id    TEXT,
        death_date           TEXT,
        moved_out_date       TEXT,
        created_at           TEXT NOT NULL,
        created_by           TEXT NOT NULL,
        updated_at           TEXT NOT NULL,
        updated_by           TEXT NOT NULL
      ) STRICT;
      CREATE INDEX persons_by_village ON persons (village_code);
      CREATE INDEX persons_by_account ON persons (bank_account);

      CREATE TABLE disability_certificates (
        id         INTEGER PRIMARY KEY,
        person_id  INTEGER NOT NULL REFERENCES persons (id),
        number     TEXT NOT NULL UNIQUE CHECK (length(number) = 20),
        category   INTEGER NOT NULL CHECK (category BETWEEN 1 AND 7),
        grade      INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 4),
        issued_on  TEXT,
        expires_on TEXT
      ) STRICT;
      CREATE INDEX certificates_by_person ON disability_certificates (person_id);

      CREATE TABLE enrolments (
        id                 INTEGER PRIMARY KEY,
        person_id          INTEGER NOT NULL REFERENCES persons (id),
        program            TEXT NOT NULL CHECK (program IN ('disability-living', 'disability-care', 'orphan', 'unattended-child', 'elderly')),
        status             TEXT NOT NULL DEFAULT 'applied'
                           CHECK (status IN ('applied', 'reviewed', 'approved', 'publicized', 'active', 'suspended', 'stopped', 'rejected')),
        applied_on         TEXT NOT NULL,
        certificate_id     INTEGER REFERENCES disability_certificates (id),
        child_mode         TEXT CHECK (child_mode IN ('institution', 'dispersed')),
        guardian_name      TEXT,
        guardian_id_number TEXT,
        guardian_relation  TEXT,
        guardian_phone     TEXT,
        father_situation   TEXT,
        mother_situation   TEXT,
        situation_evidence TEXT,
        school_proof_until TEXT,
        note               TEXT,
        entered_by         TEXT NOT NULL,
        created_at         TEXT NOT NULL,
        updated_at         TEXT NOT NULL,
        CHECK (program NOT IN ('disability-living', 'disability-care') OR certificate_id IS NOT NULL),
        CHECK (program NOT IN ('orphan', 'unattended-child') OR child_mode IS NOT NULL)
      ) STRICT;
      CREATE INDEX enrolments_by_person ON enrolments (person_id);
      CREATE INDEX enrolments_by_program ON enrolments (program, status);
      -- One open enrolment per person and program; stopped and rejected ones stay as history.
      CREATE UNIQUE INDEX enrolments_one_open ON enrolments (person_id, program) WHERE status NOT IN ('stopped', 'rejected');

      CREATE TABLE enrolment_events (
        id            INTEGER PRIMARY KEY,
        enrolment_id  INTEGER NOT NULL REFERENCES enrolments (id),
        at            TEXT NOT NULL,
        kind          TEXT NOT NULL,
        from_status   TEXT,
        to_status     TEXT,
        effective_month TEXT,
        reason        TEXT,
        username      TEXT NOT NULL,
        changes_json  TEXT CHECK (changes_json IS NULL OR json_valid(changes_json))
      ) STRICT;
      CREATE INDEX enrolment_events_by_enrolment ON enrolment_events (enrolment_id, id);
    `);
  },
};
