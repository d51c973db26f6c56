import { rawQuery as query } from '../../db/raw';
import type { ReadableStore } from '../../db/store';

const OPEN = `status NOT IN ('stopped', 'rejected')`;

export interface GoneRow {
  enrolmentId: number;
  program: string;
  status: string;
  personId: number;
  name: string;
  deathDate: string | null;
  movedOutDate: string | null;
}

/** Open enrolments of persons recorded as dead or moved out (few persons: a scan of persons, then the person index). */
export function goneButOpen(store: ReadableStore): GoneRow[] {
  return store.all(
    query<GoneRow>(`
      SELECT e.id AS enrolmentId, e.program, e.status, p.id AS personId, p.name, p.death_date AS deathDate, p.moved_out_date AS movedOutDate
      FROM persons p JOIN enrolments e ON e.person_id = p.id AND e.${OPEN}
      WHERE p.death_date IS NOT NULL OR p.moved_out_date IS NOT NULL
      ORDER BY e.id`),
  );
}

export interface CertificateRow {
  enrolmentId: number;
  program: string;
  status: string;
  personId: number;
  name: string;
  expiresOn: string;
}

export function expiredCertificates(store: ReadableStore, today: string): CertificateRow[] {
  return store.all(
    query<CertificateRow>(
      `
      SELECT e.id AS enrolmentId, e.program, e.status, p.id AS personId, p.name, c.expires_on AS expiresOn
      FROM enrolments e
      JOIN disability_certificates c ON c.id = e.certificate_id
      JOIN persons p ON p.id = e.person_id
      WHERE e.program IN ('disability-living', 'disability-care') AND e.${OPEN} AND c.expires_on < ?
      ORDER BY e.id`,
      today,
    ),
  );
}

export interface ChildRow {
  enrolmentId: number;
  program: string;
  status: string;
  personId: number;
  name: string;
  birthDate: string;
  schoolProofUntil: string | null;
  dibao: string;
  tekun: string;
  /** Comma-separated open disability subsidies of the same person, or null. */
  others: string | null;
}

/** Open child allowances (a few hundred in a county) with what decides age-out and top-up. */
export function openChildren(store: ReadableStore): ChildRow[] {
  return store.all(
    query<ChildRow>(`
      SELECT e.id AS enrolmentId, e.program, e.status, p.id AS personId, p.name, p.birth_date AS birthDate,
             e.school_proof_until AS schoolProofUntil, p.dibao, p.tekun,
             (SELECT group_concat(o.program) FROM enrolments o
               WHERE o.person_id = e.person_id AND o.program IN ('disability-living', 'disability-care') AND o.${OPEN}) AS others
      FROM enrolments e JOIN persons p ON p.id = e.person_id
      WHERE e.program IN ('orphan', 'unattended-child') AND e.${OPEN}
      ORDER BY e.id`),
  );
}

export interface ElderRow {
  enrolmentId: number;
  personId: number;
  name: string;
  birthDate: string;
}

/** Active old-age allowances of elders with a birthday in calendar month `mm` (a twelfth of them). */
export function eldersBornInMonth(store: ReadableStore, mm: string): ElderRow[] {
  return store.all(
    query<ElderRow>(
      `
      SELECT e.id AS enrolmentId, p.id AS personId, p.name, p.birth_date AS birthDate
      FROM enrolments e JOIN persons p ON p.id = e.person_id
      WHERE e.program = 'elderly' AND e.status = 'active' AND substr(p.birth_date, 6, 2) = ?
      ORDER BY e.id`,
      mm,
    ),
  );
}

export interface DisabilityOverlapRow {
  enrolmentId: number;
  program: string;
  personId: number;
  name: string;
  tekun: string;
  injuryCare: number;
  /** The open child allowance of the same person, if any. */
  childProgram: string | null;
}

/** Open disability subsidies of persons in 特困 support, with 工伤 care, or with a child allowance. */
export function disabilityOverlaps(store: ReadableStore): DisabilityOverlapRow[] {
  return store.all(
    query<DisabilityOverlapRow>(`
      SELECT e.id AS enrolmentId, e.program, p.id AS personId, p.name, p.tekun, p.injury_care AS injuryCare,
             (SELECT min(c.program) FROM enrolments c
               WHERE c.person_id = e.person_id AND c.program IN ('orphan', 'unattended-child') AND c.${OPEN}) AS childProgram
      FROM enrolments e JOIN persons p ON p.id = e.person_id
      WHERE e.program IN ('disability-living', 'disability-care') AND e.${OPEN}
        AND (p.tekun <> 'none' OR p.injury_care = 1
             OR EXISTS (SELECT 1 FROM enrolments c WHERE c.person_id = e.person_id AND c.program IN ('orphan', 'unattended-child') AND c.${OPEN}))
      ORDER BY e.id`),
  );
}

export interface DuplicateRow {
  personId: number;
  name: string;
  program: string;
  /** Comma-separated enrolment ids. */
  ids: string;
}

/** The partial unique index forbids this; imported or repaired data might still hold it. */
export function duplicateOpen(store: ReadableStore): DuplicateRow[] {
  return store.all(
    query<DuplicateRow>(`
      SELECT d.person_id AS personId, p.name, d.program, d.ids
      FROM (SELECT person_id, program, group_concat(id) AS ids FROM enrolments WHERE ${OPEN} GROUP BY person_id, program HAVING count(*) > 1) d
      JOIN persons p ON p.id = d.person_id
      ORDER BY d.person_id`),
  );
}

export interface AccountRow {
  personId: number;
  name: string;
  account: string | null;
  holderName: string | null;
  /** Comma-separated open programs. */
  programs: string;
}

/** Every person with an open enrolment and their account: one pass decides missing, Luhn and shared. */
export function enrolledAccounts(store: ReadableStore): AccountRow[] {
  return store.all(
    query<AccountRow>(`
      SELECT p.id AS personId, p.name, p.bank_account AS account, p.account_holder_name AS holderName, o.programs
      FROM (SELECT person_id, group_concat(DISTINCT program) AS programs FROM enrolments WHERE ${OPEN} GROUP BY person_id) o
      JOIN persons p ON p.id = o.person_id`),
  );
}

export interface ReviewRow {
  enrolmentId: number;
  personId: number;
  name: string;
  program: string;
  approvedOn: string;
  lastReview: string | null;
}

/** Active enrolments approved before `yearStart` and not reviewed since (the review date is the step's own date). */
export function unreviewedSince(store: ReadableStore, yearStart: string): ReviewRow[] {
  return store.all(
    query<ReviewRow>(
      `
      SELECT e.id AS enrolmentId, p.id AS personId, p.name, e.program, coalesce(e.approved_on, e.applied_on) AS approvedOn, r.lastReview
      FROM enrolments e JOIN persons p ON p.id = e.person_id
      LEFT JOIN (SELECT enrolment_id, max(json_extract(changes_json, '$.date')) AS lastReview FROM enrolment_events WHERE kind = 'annualReview' GROUP BY enrolment_id) r
        ON r.enrolment_id = e.id
      WHERE e.status = 'active' AND coalesce(e.approved_on, e.applied_on) < ? AND (r.lastReview IS NULL OR r.lastReview < ?)`,
      yearStart,
      yearStart,
    ),
  );
}

export interface PlaceRow {
  personId: number;
  township: string | null;
  village: string | null;
}

export function placesOf(store: ReadableStore, personIds: readonly number[]): PlaceRow[] {
  if (personIds.length === 0) return [];
  return store.all(
    query<PlaceRow>(
      `
      SELECT p.id AS personId, t.name AS township, v.name AS village
      FROM persons p LEFT JOIN regions v ON v.code = p.village_code LEFT JOIN regions t ON t.code = v.parent_code
      WHERE p.id IN (SELECT value FROM json_each(?))`,
      JSON.stringify([...new Set(personIds)]),
    ),
  );
}
