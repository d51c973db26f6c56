import type { Selectable } from 'kysely';
import type { EntitlementResult } from '../../../shared/contract/standards';
import { programSchema } from '../../../shared/contract';
import type { Month } from '../../../shared/domain/dates';
import { entitlement, type EnrolmentFacts, type PersonFacts } from '../../../shared/domain/entitlement';
import { AppError } from '../../errors';
import type { ReadableStore } from '../../db/store';
import type { EnrolmentsTable, PersonsTable } from '../../db/schema';
import { readPolicyInForce } from './policy';
import { standardRows } from './service';

export function personFacts(
  p: Pick<Selectable<PersonsTable>, 'birth_date' | 'death_date' | 'moved_out_date' | 'dibao' | 'tekun' | 'injury_care'>,
): PersonFacts {
  return {
    birthDate: p.birth_date,
    deathDate: p.death_date,
    movedOutDate: p.moved_out_date,
    dibao: p.dibao,
    tekun: p.tekun,
    injuryCare: p.injury_care !== 0,
  };
}

/** A history event as the pause rule needs it. */
export interface PauseEvent {
  kind: string;
  effectiveMonth: Month | null;
}

/**
 * Stops and suspensions as the engine's pauses: each stop or suspend opens a
 * pause from its effective month (already the month after the event), a resume
 * closes it at its own effective month. A stop that follows a suspension
 * continues the same pause. Events without an effective month predate it and
 * are skipped.
 */
export function pausesFrom(events: readonly PauseEvent[]): EnrolmentFacts['pauses'] {
  const pauses: Array<{ fromMonth: Month; untilMonth: Month | null }> = [];
  let open: { fromMonth: Month; untilMonth: Month | null } | null = null;
  for (const ev of events) {
    if (!ev.effectiveMonth) continue;
    if ((ev.kind === 'stop' || ev.kind === 'suspend') && !open) {
      open = { fromMonth: ev.effectiveMonth, untilMonth: null };
      pauses.push(open);
    } else if (ev.kind === 'resume' && open) {
      open.untilMonth = ev.effectiveMonth;
      open = null;
    }
  }
  return pauses;
}

function enrolmentFacts(store: ReadableStore, e: Selectable<EnrolmentsTable>): EnrolmentFacts {
  const cert = e.certificate_id
    ? store.first(
        store.kysely
          .selectFrom('disability_certificates')
          .select(['category', 'grade', 'expires_on'])
          .where('id', '=', e.certificate_id),
      )
    : undefined;
  const events = store.all(
    store.kysely
      .selectFrom('enrolment_events')
      .select(['kind', 'effective_month'])
      .where('enrolment_id', '=', e.id)
      .orderBy('id'),
  );
  return {
    program: programSchema.parse(e.program),
    appliedOn: e.applied_on,
    approvedOn: e.approved_on,
    pauses: pausesFrom(events.map((ev) => ({ kind: ev.kind, effectiveMonth: ev.effective_month }))),
    certificate: cert ? { category: cert.category, grade: cert.grade, expiresOn: cert.expires_on } : null,
    childMode: e.child_mode === 'institution' || e.child_mode === 'dispersed' ? e.child_mode : null,
    schoolProofUntil: e.school_proof_until,
  };
}

/**
 * What one enrolment is entitled to in one month, from the stored standards and
 * the policy in force that month: the engine's answer, with the facts read from
 * the database in one place so every caller (screen, CLI, payout) agrees.
 */
export function entitlementOf(store: ReadableStore, enrolmentId: number, month: Month): EntitlementResult {
  const e = store.first(store.kysely.selectFrom('enrolments').selectAll().where('id', '=', enrolmentId));
  if (!e) throw new AppError('ENROLMENT_NOT_FOUND');
  const person = store.first(store.kysely.selectFrom('persons').selectAll().where('id', '=', e.person_id));
  if (!person) throw new AppError('PERSON_NOT_FOUND');
  const others = store
    .all(
      store.kysely
        .selectFrom('enrolments')
        .selectAll()
        .where('person_id', '=', e.person_id)
        .where('id', '!=', e.id)
        .where('status', '!=', 'rejected')
        .orderBy('id'),
    )
    .map((o) => enrolmentFacts(store, o));
  const r = entitlement({
    person: personFacts(person),
    enrolment: enrolmentFacts(store, e),
    others,
    standards: standardRows(store),
    policy: readPolicyInForce(store, month),
    month,
  });
  return {
    enrolmentId,
    month,
    amountFen: r.amountFen,
    code: r.code,
    reason: r.reason,
    category: r.category,
    standardFromMonth: r.standard?.fromMonth ?? null,
  };
}
