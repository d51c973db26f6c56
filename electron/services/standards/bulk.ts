import type { Month } from '../../../shared/domain/dates';
import {
  entitlement,
  type EnrolmentFacts,
  type Entitlement,
  type PersonFacts,
  type StandardRow,
} from '../../../shared/domain/entitlement';
import type { CountyPolicy } from '../../../shared/domain/entitlement/policy-settings';
import { programs, type Program } from '../../../shared/domain/programs';
import { rawQuery } from '../../db/raw';
import type { ReadableStore } from '../../db/store';
import { pausesFrom, personFacts } from './facts';
import { readPolicyInForce } from './policy';
import { standardRows } from './service';

/** One enrolment with everything the engine needs, read once for many months. */
export interface EnrolmentCase {
  enrolmentId: number;
  personId: number;
  program: Program;
  status: string;
  person: PersonFacts;
  enrolment: EnrolmentFacts;
  /** The person's other enrolments (not rejected), for the rules on what cannot be combined. */
  others: EnrolmentFacts[];
  /** Who is paid, as the register says today (read with the facts: one query fewer for a batch). */
  payee: Payee;
}

export interface Payee {
  name: string;
  idNumber: string;
  bankName: string | null;
  bankAccount: string | null;
  holder: string | null;
  township: string | null;
  village: string | null;
}

export interface CaseScope {
  programs: readonly Program[];
  /** Only these enrolments (a grid page); all of the programs when absent. */
  enrolmentIds?: readonly number[];
}

interface EnrolmentRow {
  id: number;
  person_id: number;
  program: string;
  status: string;
  applied_on: string;
  approved_on: string | null;
  child_mode: string | null;
  school_proof_until: string | null;
  category: number | null;
  grade: number | null;
  expires_on: string | null;
}

type PersonRow = Parameters<typeof personFacts>[0] & {
  id: number;
  name: string;
  id_number: string;
  bank_name: string | null;
  bank_account: string | null;
  account_holder_name: string | null;
  village_code: string | null;
};

const isProgram = (v: string): v is Program => (programs as readonly string[]).includes(v);

// The scoped enrolments' persons: their other enrolments and facts are read with them.
const SCOPED_PERSONS = `
  SELECT person_id FROM enrolments
  WHERE status <> 'rejected' AND program IN (SELECT value FROM json_each(?))
    AND (? IS NULL OR id IN (SELECT value FROM json_each(?)))`;
// A few enrolments (a grid page, one person's stop or death): found by key, not by scanning the programs.
const LISTED_PERSONS = `
  SELECT person_id FROM enrolments
  WHERE id IN (SELECT value FROM json_each(?)) AND status <> 'rejected' AND program IN (SELECT value FROM json_each(?))`;

/**
 * The facts of many enrolments in five set queries instead of five per
 * enrolment: the same facts `entitlementOf` reads one by one, so a batch, a grid
 * page and the single-record answer agree.
 */
export function loadCases(store: ReadableStore, scope: CaseScope): EnrolmentCase[] {
  const ids = scope.enrolmentIds ? JSON.stringify(scope.enrolmentIds) : null;
  const listed = scope.enrolmentIds !== undefined && scope.enrolmentIds.length <= 1000;
  const scoped = listed ? LISTED_PERSONS : SCOPED_PERSONS;
  const params = listed ? [ids, JSON.stringify(scope.programs)] : [JSON.stringify(scope.programs), ids, ids];
  const rows = store.all(
    rawQuery<EnrolmentRow>(
      `SELECT e.id, e.person_id, e.program, e.status, e.applied_on, e.approved_on, e.child_mode, e.school_proof_until, c.category, c.grade, c.expires_on
       FROM enrolments e LEFT JOIN disability_certificates c ON c.id = e.certificate_id
       WHERE e.status <> 'rejected' AND e.person_id IN (${scoped})
       ORDER BY e.id`,
      ...params,
    ),
  );
  const regions = new Map(
    store
      .all(
        rawQuery<{ code: string; name: string; parent: string | null }>(
          'SELECT code, name, parent_code AS parent FROM regions',
        ),
      )
      .map((r) => [r.code, r]),
  );
  const persons = new Map(
    store
      .all(
        rawQuery<PersonRow>(
          `SELECT id, birth_date, death_date, moved_out_date, dibao, tekun, injury_care, name, id_number, bank_name, bank_account, account_holder_name, village_code
           FROM persons WHERE id IN (${scoped})`,
          ...params,
        ),
      )
      .map((p) => {
        const village = p.village_code ? regions.get(p.village_code) : undefined;
        const township = village?.parent ? regions.get(village.parent) : undefined;
        const payee: Payee = {
          name: p.name,
          idNumber: p.id_number,
          bankName: p.bank_name,
          bankAccount: p.bank_account,
          holder: p.account_holder_name,
          township: township?.name ?? null,
          village: village?.name ?? null,
        };
        return [p.id, { facts: personFacts(p), payee }] as const;
      }),
  );
  // Stops, suspensions and resumes are few: one scan of them beats joining every event to the scope.
  const wanted = new Set(rows.map((r) => r.id));
  const events = new Map<number, Array<{ kind: string; effectiveMonth: Month | null }>>();
  for (const ev of store.all(
    listed
      ? rawQuery<{ enrolment_id: number; kind: string; effective_month: string | null }>(
          `SELECT enrolment_id, kind, effective_month FROM enrolment_events
           WHERE enrolment_id IN (SELECT value FROM json_each(?)) AND kind IN ('stop', 'suspend', 'resume') ORDER BY enrolment_id, id`,
          JSON.stringify([...wanted]),
        )
      : rawQuery<{ enrolment_id: number; kind: string; effective_month: string | null }>(
          `SELECT enrolment_id, kind, effective_month FROM enrolment_events WHERE kind IN ('stop', 'suspend', 'resume') ORDER BY enrolment_id, id`,
        ),
  )) {
    if (!wanted.has(ev.enrolment_id)) continue;
    const list = events.get(ev.enrolment_id) ?? [];
    list.push({ kind: ev.kind, effectiveMonth: ev.effective_month });
    events.set(ev.enrolment_id, list);
  }
  const facts = new Map<number, EnrolmentFacts>();
  const byPerson = new Map<number, EnrolmentRow[]>();
  for (const r of rows) {
    if (!isProgram(r.program)) continue;
    facts.set(r.id, {
      program: r.program,
      appliedOn: r.applied_on,
      approvedOn: r.approved_on,
      pauses: pausesFrom(events.get(r.id) ?? []),
      certificate:
        r.category !== null && r.grade !== null
          ? { category: r.category, grade: r.grade, expiresOn: r.expires_on }
          : null,
      childMode: r.child_mode === 'institution' || r.child_mode === 'dispersed' ? r.child_mode : null,
      schoolProofUntil: r.school_proof_until,
    });
    const list = byPerson.get(r.person_id) ?? [];
    list.push(r);
    byPerson.set(r.person_id, list);
  }
  const wantedIds = scope.enrolmentIds ? new Set(scope.enrolmentIds) : null;
  const wantedPrograms = new Set<string>(scope.programs);
  const out: EnrolmentCase[] = [];
  for (const r of rows) {
    const enrolment = facts.get(r.id);
    const person = persons.get(r.person_id);
    if (
      !enrolment ||
      !person ||
      !isProgram(r.program) ||
      !wantedPrograms.has(r.program) ||
      (wantedIds && !wantedIds.has(r.id))
    )
      continue;
    const others = (byPerson.get(r.person_id) ?? []).flatMap((o) => (o.id === r.id ? [] : (facts.get(o.id) ?? [])));
    out.push({
      enrolmentId: r.id,
      personId: r.person_id,
      program: r.program,
      status: r.status,
      person: person.facts,
      enrolment,
      others,
      payee: person.payee,
    });
  }
  return out;
}

/** The standards and the policy of each month, read once and reused across cases and months. */
export class Rates {
  readonly standards: StandardRow[];
  private readonly policies = new Map<Month, CountyPolicy>();
  constructor(private readonly store: ReadableStore) {
    this.standards = standardRows(store);
  }
  policy(month: Month): CountyPolicy {
    let p = this.policies.get(month);
    if (!p) {
      p = readPolicyInForce(this.store, month);
      this.policies.set(month, p);
    }
    return p;
  }
  entitlement(c: EnrolmentCase, month: Month): Entitlement {
    return entitlement({
      person: c.person,
      enrolment: c.enrolment,
      others: c.others,
      standards: this.standards,
      policy: this.policy(month),
      month,
    });
  }
}
