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
import { ChunkedInsert } from '../../db/chunked-insert';
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

const inOrder = <T extends object>(columns: readonly (keyof T)[], values: T): unknown[] =>
  columns.map((c) => values[c]);

const nextId = (db: Store['raw'], table: 'persons' | 'enrolments'): number =>
  Number(db.prepare(`SELECT coalesce(max(id), 0) + 1 AS n FROM ${table}`).pluck().get());

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
  const duplicate = (at: { row: number; id: string }, e: unknown): never => {
    if (e instanceof Error && /UNIQUE constraint failed: persons\.id_number/.test(e.message))
      throw new AppError(
        'PERSON_EXISTS',
        `第 ${String(at.row)} 行：身份证号 ${at.id} 已登记或在本文件中重复；整个文件均未导入`,
      );
    throw e;
  };
  // Ids given here, in the write transaction that holds the database: a chunk's people,
  // applications and events are written with one statement each and still refer to each other.
  const persons = new ChunkedInsert<{ row: number; id: string }>(db, 'persons', ['id', ...PERSON_COLUMNS], duplicate);
  const enrolments = new ChunkedInsert<null>(db, 'enrolments', ['id', ...ENROLMENT_COLUMNS]);
  const events = new ChunkedInsert<null>(db, 'enrolment_events', EVENT_COLUMNS);
  // A disability application files its certificate while its person still waits in the chunk:
  // the references are checked at commit (SQLite resets this at the transaction's end).
  db.pragma('defer_foreign_keys = ON');
  let personId = nextId(db, 'persons');
  let enrolmentId = nextId(db, 'enrolments');
  const flush = () => {
    persons.flush();
    enrolments.flush();
    events.flush();
  };
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
    let written: { person: unknown[]; enrolment: unknown[]; event: unknown[]; id: string; reason: string | null };
    try {
      const input = personInput(r.record, undefined);
      const values = personValues(w, input, actor, now, today, (code) => villages.has(code));
      const application = newEnrolment(
        w,
        { ...values, id: personId },
        enrolmentInput(r.record, personId, program),
        actor,
        now,
        // Created a moment ago in this transaction, the person receives nothing yet.
        { policyFor, open: [] },
      );
      const created = application.event(enrolmentId);
      written = {
        person: inOrder(PERSON_COLUMNS, { ...values, created_at: now, created_by: actor.username }),
        enrolment: inOrder(ENROLMENT_COLUMNS, {
          ...application.values,
          status: 'applied',
          entered_by: actor.username,
          created_at: now,
        }),
        event: inOrder(EVENT_COLUMNS, created),
        id: values.id_number,
        reason: created.reason,
      };
    } catch (e) {
      // One bad row undoes the whole import: say which row it was.
      if (e instanceof AppError)
        throw new AppError(e.code, `第 ${r.row} 行：${e.message}；整个文件均未导入`, e.details);
      throw e;
    }
    // In step, so a full chunk of persons is written before the applications and events that refer to it.
    persons.add({ row: r.row, id: written.id }, [personId, ...written.person]);
    enrolments.add(null, [enrolmentId, ...written.enrolment]);
    events.add(null, written.event);
    // What was written, column by column in the orders above: the same values always hash the same.
    const hashed = JSON.stringify([personId, written.person, enrolmentId, written.enrolment, written.reason]);
    trail.push({ row: r.row, personId, enrolmentId, rowHash: rowHash(hashed) });
    personId++;
    enrolmentId++;
  }
  flush();
  return trail;
}
