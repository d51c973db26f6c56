import type { Output, ParsedInput } from '../../../shared/contract';
import { parseIdNumber } from '../../../shared/domain/id-number';
import { listsShowFullIds, maskIdNumber } from '../../../shared/domain/mask';
import { programLabels, type Program } from '../../../shared/domain/programs';
import { transitions } from '../../../shared/domain/lifecycle';
import { AppError, isAppError } from '../../errors';
import type { Store, WritableStore } from '../../db/store';
import type { Session } from '../app/context';
import type { Job } from '../jobs/runner';
import { stepEnrolment } from './lifecycle';

type BulkInput = ParsedInput<'enrolment.bulkTransition'>;
type BulkResult = Output<'enrolment.bulkTransition'>;
type Row = BulkResult['results'][number];

interface Target {
  row: number;
  enrolmentId: number | null;
  idNumber: string | null;
  name: string | null;
  /** Why there is no enrolment to act on (a CLI line naming nobody). */
  missing?: { code: string; message: string };
}

/** A line of the CLI's file: the person's open enrolment in the program, or the latest (a resume acts on a stopped one). */
function targetOfIdNumber(w: WritableStore, row: number, raw: string, program: Program): Target {
  const id = parseIdNumber(raw);
  if (!id.ok)
    return {
      row,
      enrolmentId: null,
      idNumber: raw,
      name: null,
      missing: { code: id.issue.code, message: `身份证号：${id.issue.message}` },
    };
  const person = w.first(w.kysely.selectFrom('persons').select(['id', 'name']).where('id_number', '=', id.value.id));
  if (!person)
    return {
      row,
      enrolmentId: null,
      idNumber: id.value.id,
      name: null,
      missing: { code: 'PERSON_NOT_FOUND', message: `身份证号 ${id.value.id} 未登记` },
    };
  const rows = w.all(
    w.kysely
      .selectFrom('enrolments')
      .select(['id', 'status'])
      .where('person_id', '=', person.id)
      .where('program', '=', program)
      .orderBy('id'),
  );
  const e = rows.find((r) => r.status !== 'stopped' && r.status !== 'rejected') ?? rows.at(-1);
  if (!e)
    return {
      row,
      enrolmentId: null,
      idNumber: id.value.id,
      name: person.name,
      missing: { code: 'ENROLMENT_NOT_FOUND', message: `该人员没有${programLabels[program]}记录` },
    };
  return { row, enrolmentId: e.id, idNumber: id.value.id, name: person.name };
}

function targetOfEnrolment(w: WritableStore, row: number, enrolmentId: number): Target {
  const p = w.first(
    w.kysely
      .selectFrom('enrolments')
      .innerJoin('persons', 'persons.id', 'enrolments.person_id')
      .select(['persons.name', 'persons.id_number'])
      .where('enrolments.id', '=', enrolmentId),
  );
  return { row, enrolmentId, idNumber: p?.id_number ?? null, name: p?.name ?? null };
}

/**
 * One lifecycle step on many enrolments as one action and one transaction. Each
 * row passes the same checks as a single step (status, role, the two-person
 * rule, reason, dates) inside its own savepoint: a refused row leaves nothing
 * and is listed with why; the others are applied together. Cancelling rolls
 * the whole action back.
 */
export function bulkTransition(store: Store, session: Session, input: BulkInput, now: string, job: Job): BulkResult {
  const actor = { username: session.user.username, channel: 'enrolment.bulkTransition' };
  const def = transitions[input.action];
  return store.write(actor, (w) => {
    const targets: Target[] = input.ids?.length
      ? input.ids.map((id, i) => targetOfEnrolment(w, i + 1, id))
      : (input.idNumbers ?? []).map((raw, i) => targetOfIdNumber(w, i + 1, raw, input.program ?? 'elderly'));
    const seen = new Set<number>();
    const results: Row[] = [];
    for (const [i, t] of targets.entries()) {
      if (i % 50 === 0) job.step(i, targets.length, `办理“${def.label}”`);
      const refuse = (code: string, message: string) => results.push({ ...base(t), ok: false, code, message });
      if (t.missing || t.enrolmentId === null) {
        refuse(t.missing?.code ?? 'ENROLMENT_NOT_FOUND', t.missing?.message ?? '找不到该待遇记录');
        continue;
      }
      if (seen.has(t.enrolmentId)) {
        refuse(
          'DUPLICATE_IN_FILE',
          `与第 ${targets.find((o) => o.enrolmentId === t.enrolmentId)?.row ?? 0} 行是同一条记录`,
        );
        continue;
      }
      seen.add(t.enrolmentId);
      const id = t.enrolmentId;
      try {
        // Nested: a savepoint, so a refusal found after a write still leaves this row untouched.
        store.write(actor, (row) =>
          stepEnrolment(
            row,
            session,
            actor,
            {
              id,
              action: input.action,
              date: input.date,
              ...(input.effectiveMonth ? { effectiveMonth: input.effectiveMonth } : {}),
              ...(input.reason ? { reason: input.reason } : {}),
              ...(input.publicityFrom ? { publicityFrom: input.publicityFrom } : {}),
            },
            now,
          ),
        );
        results.push({ ...base(t), ok: true, code: null, message: null });
      } catch (e) {
        if (!isAppError(e) || e.code === 'CANCELLED') throw e;
        refuse(e.code, e.message);
      }
    }
    job.step(targets.length, targets.length, '完成');
    const refused = results.filter((r) => !r.ok);
    if (results.length === 0) throw new AppError('INVALID_INPUT', '请至少选择一条记录');
    w.audit({
      action: 'enrolment.bulk',
      entity: 'enrolment',
      entityId: null,
      after: {
        action: input.action,
        date: input.date,
        applied: results.length - refused.length,
        refused: refused.map((r) => ({ row: r.row, enrolmentId: r.enrolmentId, code: r.code })),
      },
    });
    // The result is a list like the grid: masked where the grid masks.
    const masked = !listsShowFullIds(session.user.roles);
    const shown = masked ? results.map((r) => ({ ...r, idNumber: r.idNumber && maskIdNumber(r.idNumber) })) : results;
    return { applied: results.length - refused.length, refused: refused.length, results: shown };
  });
}

const base = (t: Target) => ({ row: t.row, enrolmentId: t.enrolmentId, idNumber: t.idNumber, name: t.name });
