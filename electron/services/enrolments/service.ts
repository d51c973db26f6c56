import type { Enrolment, EnrolmentInput } from '../../../shared/contract';
import { checkCertificate } from '../../../shared/domain/certificate';
import { monthOf, type Month } from '../../../shared/domain/dates';
import { eligibilityAtEntry, type EligibilityField } from '../../../shared/domain/eligibility';
import { parseIdNumber } from '../../../shared/domain/id-number';
import { overlapAtEntry } from '../../../shared/domain/overlap';
import { programLabels, programs, type Program } from '../../../shared/domain/programs';
import { AppError } from '../../errors';
import type { Actor } from '../../db/audit';
import type { Store, WritableStore } from '../../db/store';
import type { EnrolmentEventsTable, EnrolmentsTable } from '../../db/schema';
import type { CountyPolicy } from '../../../shared/domain/entitlement/policy-settings';
import { findPersonById, type PersonRecord } from '../persons/queries';
import { readPolicyInForce } from '../standards/policy';
import { enrolmentsOf } from './queries';

function fail(field: string, message: string, code: string): never {
  throw new AppError('INVALID_INPUT', `${field}：${message}`, { field, code });
}

interface CertificateChange {
  id: number;
  /** What changed on an existing certificate, for the enrolment's history and the audit row. */
  change: { before: Record<string, unknown>; after: Record<string, unknown> } | null;
}

function certificateId(
  w: WritableStore,
  personId: number,
  personIdNumber: string,
  input: NonNullable<EnrolmentInput['certificate']>,
): CertificateChange {
  const cert = checkCertificate(input.number, personIdNumber);
  if (!cert.ok) fail('残疾人证号', cert.issue.message, cert.issue.code);
  const existing = w.first(
    w.kysely.selectFrom('disability_certificates').selectAll().where('number', '=', cert.value.number),
  );
  const values = {
    person_id: personId,
    number: cert.value.number,
    category: cert.value.category,
    grade: cert.value.grade,
    issued_on: input.issuedOn ?? null,
    expires_on: input.expiresOn ?? null,
  };
  if (existing) {
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(values)) {
      if (existing[k as keyof typeof existing] !== v) {
        before[k] = existing[k as keyof typeof existing];
        after[k] = v;
      }
    }
    if (Object.keys(after).length === 0) return { id: existing.id, change: null };
    w.run(w.kysely.updateTable('disability_certificates').set(values).where('id', '=', existing.id));
    return { id: existing.id, change: { before, after } };
  }
  const id = w.run(w.kysely.insertInto('disability_certificates').values(values)).lastInsertRowid;
  return { id, change: { before: {}, after: { number: values.number } } };
}

const isProgram = (v: string): v is Program => (programs as readonly string[]).includes(v);

function openPrograms(w: WritableStore, personId: number): Program[] {
  return w
    .all(
      w.kysely
        .selectFrom('enrolments')
        .select('program')
        .where('person_id', '=', personId)
        .where('status', 'not in', ['stopped', 'rejected']),
    )
    .map((r) => r.program)
    .filter(isProgram);
}

/**
 * A new application is checked against what the person already receives: a
 * forbidden combination is refused, a 就高不就低 one is returned for the clerk to decide.
 */
function checkOverlap(
  w: WritableStore,
  person: {
    id: number;
    tekun: 'none' | 'centralized' | 'dispersed';
    dibao: 'none' | 'urban' | 'rural' | 'edge';
    injury_care: number;
  },
  program: Program,
  open: readonly Program[] = openPrograms(w, person.id),
): string[] {
  const verdict = overlapAtEntry(program, {
    tekun: person.tekun,
    dibao: person.dibao,
    injuryCare: person.injury_care !== 0,
    openPrograms: open,
  });
  if (verdict.refused)
    throw new AppError('OVERLAP_FORBIDDEN', verdict.refused.message, { field: '项目', code: verdict.refused.code });
  return verdict.decisions;
}

const eligibilityLabels: Record<EligibilityField, string> = {
  idNumber: '身份证号',
  grade: '残疾等级',
  dibao: '低保情况',
  schoolProofUntil: '在校证明有效期至',
};

/** The same rule as the import and the drawer's form, with the policy in force in the month of application. */
function checkEligibility(
  w: WritableStore,
  person: { birth_date: string; dibao: 'none' | 'urban' | 'rural' | 'edge' },
  input: EnrolmentInput,
  cert: { category: number; grade: number } | null,
  policyFor: PolicyFor = (month) => readPolicyInForce(w, month),
): void {
  const policy = policyFor(monthOf(input.appliedOn));
  const refused = eligibilityAtEntry(
    {
      program: input.program,
      birthDate: person.birth_date,
      appliedOn: input.appliedOn,
      certificate: cert,
      dibao: person.dibao,
      schoolProofUntil: input.schoolProofUntil ?? null,
    },
    policy,
  ).find((i) => i.severity === 'error');
  if (refused)
    throw new AppError('NOT_ELIGIBLE', `${eligibilityLabels[refused.field]}：${refused.message}`, {
      field: refused.field,
      code: refused.code,
    });
}

/** What the record form edits; review, approval and 公示 columns belong to the lifecycle. */
type EnrolmentValues = Omit<
  EnrolmentsTable,
  | 'id'
  | 'status'
  | 'entered_by'
  | 'created_at'
  | 'reviewed_on'
  | 'reviewed_by'
  | 'approved_on'
  | 'approved_by'
  | 'publicity_from'
  | 'publicity_to'
>;

type PolicyFor = (month: Month) => CountyPolicy;

type EnrolmentPerson = Pick<PersonRecord, 'id' | 'id_number' | 'birth_date' | 'dibao' | 'tekun' | 'injury_care'>;

/** The record's columns from the form's input, with the certificate saved: shared by a new record and an edit. */
function enrolmentValues(
  w: WritableStore,
  person: EnrolmentPerson,
  input: EnrolmentInput,
  now: string,
): { values: EnrolmentValues; cert: CertificateChange | null; facts: { category: number; grade: number } | null } {
  const isDisability = input.program === 'disability-living' || input.program === 'disability-care';
  const isChild = input.program === 'orphan' || input.program === 'unattended-child';
  const guardianId = input.guardianIdNumber ? parseIdNumber(input.guardianIdNumber) : null;
  if (guardianId && !guardianId.ok) fail('监护人身份证号', guardianId.issue.message, guardianId.issue.code);
  const cert =
    isDisability && input.certificate ? certificateId(w, person.id, person.id_number, input.certificate) : null;
  const values: EnrolmentValues = {
    person_id: person.id,
    program: input.program,
    applied_on: input.appliedOn,
    certificate_id: cert?.id ?? null,
    child_mode: isChild ? (input.childMode ?? null) : null,
    guardian_name: isChild ? (input.guardianName ?? null) : null,
    guardian_id_number: isChild && guardianId?.ok ? guardianId.value.id : null,
    guardian_relation: isChild ? (input.guardianRelation ?? null) : null,
    guardian_phone: isChild ? (input.guardianPhone ?? null) : null,
    father_situation: input.program === 'unattended-child' ? (input.fatherSituation ?? null) : null,
    mother_situation: input.program === 'unattended-child' ? (input.motherSituation ?? null) : null,
    situation_evidence: input.program === 'unattended-child' ? (input.situationEvidence ?? null) : null,
    school_proof_until: isChild ? (input.schoolProofUntil ?? null) : null,
    note: input.note ?? null,
    updated_at: now,
  };
  if (input.appliedOn < person.birth_date) fail('申请日期', `${input.appliedOn} 早于出生日期`, 'DATE_FORMAT');
  const certFacts =
    isDisability && input.certificate ? checkCertificate(input.certificate.number, person.id_number) : null;
  return { values, cert, facts: certFacts?.ok ? certFacts.value : null };
}

type EnrolmentEventValues = Omit<EnrolmentEventsTable, 'id'>;

function createdEvent(
  enrolmentId: number,
  values: EnrolmentValues,
  decisions: string[],
  actor: Actor,
  now: string,
): EnrolmentEventValues {
  return {
    enrolment_id: enrolmentId,
    at: now,
    kind: 'created',
    from_status: null,
    to_status: 'applied',
    effective_month: null,
    reason: decisions.join('；') || null,
    username: actor.username,
    changes_json: JSON.stringify(values),
  };
}

/**
 * A new application checked exactly as `saveEnrolment` checks it, for a caller
 * that writes the rows itself (the bulk import): the record's values, the
 * 就高不就低 decisions and the `created` event. `open` is what the person already
 * receives, when the caller knows it (a person created in the same transaction: nothing).
 */
export function newEnrolment(
  w: WritableStore,
  person: EnrolmentPerson,
  input: EnrolmentInput,
  actor: Actor,
  now: string,
  known: { policyFor?: PolicyFor; open?: readonly Program[] } = {},
): { values: EnrolmentValues; decisions: string[]; event: (enrolmentId: number) => EnrolmentEventValues } {
  const { values, facts } = enrolmentValues(w, person, input, now);
  checkEligibility(w, person, input, facts, known.policyFor);
  const decisions = checkOverlap(w, person, input.program, known.open);
  return { values, decisions, event: (id) => createdEvent(id, values, decisions, actor, now) };
}

/**
 * Creates or edits an enrolment record with its program facts. Status changes
 * (review, approval, stops) belong to the lifecycle, not to this form.
 */
export function saveEnrolment(
  store: Store,
  actor: Actor,
  input: EnrolmentInput,
  now: string,
): Enrolment & { decisions: string[] } {
  let decisions: string[] = [];
  const id = store.write(actor, (w) => {
    const person = findPersonById(w, input.personId);
    if (!person) throw new AppError('PERSON_NOT_FOUND');
    const { values, cert, facts } = enrolmentValues(w, person, input, now);
    if (input.id === undefined) checkEligibility(w, person, input, facts);
    try {
      if (input.id === undefined) {
        decisions = checkOverlap(w, person, input.program);
        const r = w.run(
          w.kysely
            .insertInto('enrolments')
            .values({ ...values, status: 'applied', entered_by: actor.username, created_at: now }),
        );
        w.run(
          w.kysely
            .insertInto('enrolment_events')
            .values(createdEvent(r.lastInsertRowid, values, decisions, actor, now)),
        );
        w.audit({
          action: 'enrolment.add',
          entity: 'enrolment',
          entityId: r.lastInsertRowid,
          after: { ...values, ...(decisions.length ? { decisions } : {}) },
        });
        return r.lastInsertRowid;
      }
      const existing = w.first(w.kysely.selectFrom('enrolments').selectAll().where('id', '=', input.id));
      if (!existing || existing.person_id !== person.id) throw new AppError('ENROLMENT_NOT_FOUND');
      if (existing.program !== input.program)
        fail('项目', '已有记录不能改为另一项目，请新增一条记录', 'PROGRAM_CHANGE');
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(values)) {
        if (k !== 'updated_at' && existing[k as keyof typeof existing] !== v) {
          before[k] = existing[k as keyof typeof existing];
          after[k] = v;
        }
      }
      if (cert?.change) {
        before.certificate = cert.change.before;
        after.certificate = cert.change.after;
      }
      if (Object.keys(after).length === 0) return existing.id;
      // An edit is checked again only when it touches what eligibility rests on: a note never refuses an old record.
      if (['applied_on', 'certificate_id', 'school_proof_until', 'certificate'].some((k) => k in after))
        checkEligibility(w, person, input, facts);
      w.run(w.kysely.updateTable('enrolments').set(values).where('id', '=', existing.id));
      w.run(
        w.kysely.insertInto('enrolment_events').values({
          enrolment_id: existing.id,
          at: now,
          kind: 'updated',
          from_status: existing.status,
          to_status: existing.status,
          effective_month: null,
          reason: null,
          username: actor.username,
          changes_json: JSON.stringify({ before, after }),
        }),
      );
      w.audit({ action: 'enrolment.update', entity: 'enrolment', entityId: existing.id, before, after });
      return existing.id;
    } catch (e) {
      if (e instanceof Error && /UNIQUE constraint failed: enrolments/.test(e.message)) {
        throw new AppError(
          'ENROLMENT_EXISTS',
          `该人员已有未终止的“${programLabels[input.program]}”记录，请在原记录上办理`,
        );
      }
      throw e;
    }
  });
  const saved = enrolmentsOf(store, input.personId, id)[0];
  if (!saved) throw new AppError('INTERNAL');
  return { ...saved, decisions };
}
