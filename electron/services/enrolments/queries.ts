import type { Enrolment } from '../../../shared/contract';
import { enrolmentStatusSchema, programSchema } from '../../../shared/contract';
import { maskIdNumber, maskIdsInText } from '../../../shared/domain/mask';
import type { ReadableStore } from '../../db/store';

/** A certificate number is the holder's ID plus two digits: masked like the ID where IDs are masked. */
export function certificatesOf(store: ReadableStore, personId: number, masked = false) {
  return store
    .all(store.kysely.selectFrom('disability_certificates').selectAll().where('person_id', '=', personId).orderBy('id'))
    .map((c) => ({
      id: c.id,
      number: masked ? maskIdNumber(c.number.slice(0, 18)) + c.number.slice(18) : c.number,
      category: c.category,
      grade: c.grade,
      issuedOn: c.issued_on,
      expiresOn: c.expires_on,
    }));
}

export function enrolmentsOf(store: ReadableStore, personId: number, only?: number, masked = false): Enrolment[] {
  let q = store.kysely.selectFrom('enrolments').selectAll().where('person_id', '=', personId);
  if (only !== undefined) q = q.where('id', '=', only);
  const rows = store.all(q.orderBy('id'));
  const certs = new Map(certificatesOf(store, personId, masked).map((c) => [c.id, c]));
  return rows.map((e) => ({
    id: e.id,
    personId: e.person_id,
    program: programSchema.parse(e.program),
    status: enrolmentStatusSchema.parse(e.status),
    appliedOn: e.applied_on,
    certificate: e.certificate_id ? (certs.get(e.certificate_id) ?? null) : null,
    childMode: e.child_mode === 'institution' || e.child_mode === 'dispersed' ? e.child_mode : null,
    guardianName: e.guardian_name,
    guardianIdNumber: masked && e.guardian_id_number ? maskIdNumber(e.guardian_id_number) : e.guardian_id_number,
    guardianRelation: e.guardian_relation,
    guardianPhone: e.guardian_phone,
    fatherSituation: e.father_situation,
    motherSituation: e.mother_situation,
    situationEvidence: e.situation_evidence,
    schoolProofUntil: e.school_proof_until,
    note: e.note,
    enteredBy: e.entered_by,
    events: store
      .all(store.kysely.selectFrom('enrolment_events').selectAll().where('enrolment_id', '=', e.id).orderBy('id'))
      .map((ev) => ({
        at: ev.at,
        kind: ev.kind,
        fromStatus: ev.from_status,
        toStatus: ev.to_status,
        reason: ev.reason,
        username: ev.username,
        changes: masked && ev.changes_json ? maskIdsInText(ev.changes_json) : ev.changes_json,
      })),
  }));
}
