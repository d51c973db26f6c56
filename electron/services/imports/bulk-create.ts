import type { RegisterRecord } from '../../../shared/domain/import';
import type { Program } from '../../../shared/domain/programs';
import type { CountyPolicy } from '../../../shared/domain/entitlement/policy-settings';
import { AppError } from '../../errors';
import type { Actor } from '../../db/audit';
import { rowHash, type ImportTrailRow } from '../../db/import-trail';
import type { EnrolmentEventsTable, EnrolmentsTable, PersonsTable } from '../../db/schema';
import type { Store, WritableStore } from '../../db/store';
import { newEnrolment } from '../enrolments/service';
import { personValues } from '../persons/service';
import { readPolicyInForce } from '../standards/policy';
import type { Job } from '../jobs/runner';
import { enrolmentInput, personInput } from './register-inputs';

export interface NewRow {
  row: number;
  record: RegisterRecord;
}

const PERSON_COLUMNS = [
  'id_number',
  'id_number_original',
  'name',
  'name_pinyin',
  'name_initials',
  'sex',
  'birth_date',
  'ethnicity',
  'phone',
  'hukou_type',
  'village_code',
  'address',
  'dibao',
  'tekun',
  'injury_care',
  'bank_name',
  'bank_account',
  'account_holder_name',
  'account_holder_id',
  'death_date',
  'moved_out_date',
  'created_at',
  'created_by',
  'updated_at',
  'updated_by',
] as const satisfies ReadonlyArray<keyof PersonsTable>;

const ENROLMENT_COLUMNS = [
  'person_id',
  'program',
  'status',
  'applied_on',
  'certificate_id',
  'child_mode',
  'guardian_name',
  'guardian_id_number',
  'guardian_relation',
  'guardian_phone',
  'father_situation',
  'mother_situation',
  'situation_evidence',
  'school_proof_until',
  'note',
  'entered_by',
  'created_at',
  'updated_at',
] as const satisfies ReadonlyArray<keyof EnrolmentsTable>;

const EVENT_COLUMNS = [
  'enrolment_id',
  'at',
  'kind',
  'from_status',
  'to_status',
  'effective_month',
  'reason',
  'username',
  'changes_json',
] as const satisfies ReadonlyArray<keyof EnrolmentEventsTable>;

const insertSql = (table: string, columns: readonly string[]) =>
  `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;

const inOrder = <T extends object>(columns: readonly (keyof T)[], values: T): unknown[] =>
  columns.map((c) => values[c]);

/**
 * New people of a roster, each with its application, written in the caller's
 * transaction with statements prepared once. Every row goes through the same
 * checks as the forms (`personValues`, `newEnrolment`: ID, name, phone, account,
 * village, eligibility, overlap); only the per-row audit rows are left out: the
 * caller writes one `import.commit` row and this trail (what each row wrote, hashed).
 */
export function createInBulk(
  store: Store,
  w: WritableStore,
  actor: Actor,
  rows: readonly NewRow[],
  program: Program,
  now: string,
  today: string,
  progress: { job: Job; done: number; total: number },
): ImportTrailRow[] {
  const db = store.raw;
  const person = db.prepare(insertSql('persons', PERSON_COLUMNS));
  const enrolment = db.prepare(insertSql('enrolments', ENROLMENT_COLUMNS));
  const event = db.prepare(insertSql('enrolment_events', EVENT_COLUMNS));
  const villages = new Set(db.prepare(`SELECT code FROM regions WHERE level = 'village'`).pluck().all() as string[]);
  const policies = new Map<string, CountyPolicy>();
  const policyFor = (month: string): CountyPolicy => {
    let p = policies.get(month);
    if (!p) policies.set(month, (p = readPolicyInForce(w, month)));
    return p;
  };
  const trail: ImportTrailRow[] = [];
  for (const r of rows) {
    // A cancel throws here, inside the transaction: every row written so far is rolled back.
    if (progress.done++ % 256 === 0) progress.job.step(progress.done, progress.total, '写入数据库');
    try {
      const input = personInput(r.record, undefined);
      const values = personValues(w, input, actor, now, today, (code) => villages.has(code));
      const personRow = inOrder(PERSON_COLUMNS, { ...values, created_at: now, created_by: actor.username });
      let personId: number;
      try {
        personId = Number(person.run(personRow).lastInsertRowid);
      } catch (e) {
        if (e instanceof Error && /UNIQUE constraint failed: persons\.id_number/.test(e.message))
          throw new AppError('PERSON_EXISTS', `身份证号 ${values.id_number} 已登记或在本文件中重复`);
        throw e;
      }
      const application = newEnrolment(
        w,
        { ...values, id: personId },
        enrolmentInput(r.record, personId, program),
        actor,
        now,
        // Created a moment ago in this transaction, the person receives nothing yet.
        { policyFor, open: [] },
      );
      const enrolmentRow = inOrder(ENROLMENT_COLUMNS, {
        ...application.values,
        status: 'applied',
        entered_by: actor.username,
        created_at: now,
      });
      const enrolmentId = Number(enrolment.run(enrolmentRow).lastInsertRowid);
      const created = application.event(enrolmentId);
      event.run(inOrder(EVENT_COLUMNS, created));
      // What was written, column by column in the orders above: the same values always hash the same.
      const written = JSON.stringify([personId, personRow, enrolmentId, enrolmentRow, created.reason]);
      trail.push({ row: r.row, personId, enrolmentId, rowHash: rowHash(written) });
    } catch (e) {
      // One bad row undoes the whole import: say which row it was.
      if (e instanceof AppError)
        throw new AppError(e.code, `第 ${r.row} 行：${e.message}；整个文件均未导入`, e.details);
      throw e;
    }
  }
  return trail;
}
