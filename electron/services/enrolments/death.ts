import { addMonths, monthOf } from '../../../shared/domain/dates';
import { parseIdNumber } from '../../../shared/domain/id-number';
import { formatFen } from '../../../shared/domain/money';
import { programLabels, type Program } from '../../../shared/domain/programs';
import { AppError } from '../../errors';
import type { Actor } from '../../db/audit';
import type { WritableStore } from '../../db/store';
import { settlePerson } from '../payouts/settle';

export interface DeathResult {
  personId: number;
  name: string;
  deathDate: string;
  /** Enrolments stopped (from the month after the death) or applications rejected. */
  closed: Array<{ enrolmentId: number; program: Program; action: 'stop' | 'reject'; effectiveMonth: string }>;
  /** Months already paid after the month of death, now pending recoveries (追缴). */
  recoveryCandidates: Array<{ enrolmentId: number; month: string; amountFen: number }>;
}

/**
 * Records a death reported by 殡葬/公安 or a family: sets the date and closes the
 * person's open enrolments in the same transaction — stops from the month after
 * the death, pending applications rejected. Runs inside the caller's write.
 */
export function recordDeath(
  w: WritableStore,
  actor: Actor,
  rawId: string,
  deathDate: string,
  now: string,
  source: string,
): DeathResult {
  const parsed = parseIdNumber(rawId);
  if (!parsed.ok) throw new AppError('INVALID_INPUT', `身份证号：${parsed.issue.message}`, { code: parsed.issue.code });
  const person = w.first(w.kysely.selectFrom('persons').selectAll().where('id_number', '=', parsed.value.id));
  if (!person) throw new AppError('PERSON_NOT_FOUND', `身份证号 ${parsed.value.id} 不在人员库中`);
  if (deathDate < person.birth_date)
    throw new AppError('INVALID_INPUT', `死亡日期：${deathDate} 早于出生日期 ${person.birth_date}`);
  if (person.death_date !== deathDate) {
    w.run(
      w.kysely
        .updateTable('persons')
        .set({ death_date: deathDate, updated_at: now, updated_by: actor.username })
        .where('id', '=', person.id),
    );
    w.audit({
      action: 'person.death',
      entity: 'person',
      entityId: person.id,
      before: { death_date: person.death_date },
      after: { death_date: deathDate, source },
    });
  }
  const effective = addMonths(monthOf(deathDate), 1);
  const open = w.all(
    w.kysely
      .selectFrom('enrolments')
      .selectAll()
      .where('person_id', '=', person.id)
      .where('status', 'in', ['active', 'suspended', 'applied', 'reviewed']),
  );
  const closed: DeathResult['closed'] = [];
  for (const e of open) {
    const action = e.status === 'active' || e.status === 'suspended' ? 'stop' : 'reject';
    const to = action === 'stop' ? 'stopped' : 'rejected';
    const reason = `死亡（${deathDate}，${source}）`;
    w.run(w.kysely.updateTable('enrolments').set({ status: to, updated_at: now }).where('id', '=', e.id));
    w.run(
      w.kysely.insertInto('enrolment_events').values({
        enrolment_id: e.id,
        at: now,
        kind: action,
        from_status: e.status,
        to_status: to,
        effective_month: effective,
        reason,
        username: actor.username,
        changes_json: JSON.stringify({ date: deathDate }),
      }),
    );
    w.audit({
      action: `enrolment.${action}`,
      entity: 'enrolment',
      entityId: e.id,
      before: { status: e.status },
      after: { status: to, effectiveMonth: effective, reason },
    });
    closed.push({ enrolmentId: e.id, program: e.program as Program, action, effectiveMonth: effective });
  }
  // Paid months are settled against the engine at once: those after the month of death are owed back.
  const deathMonth = monthOf(deathDate);
  const recoveryCandidates = settlePerson(w, actor, person.id, now)
    .filter((r) => r.change !== 'cancelled' && r.month > deathMonth)
    .map((r) => ({ enrolmentId: r.enrolmentId, month: r.month, amountFen: r.amountFen }))
    .sort((a, b) => a.enrolmentId - b.enrolmentId || a.month.localeCompare(b.month));
  return { personId: person.id, name: person.name, deathDate, closed, recoveryCandidates };
}

export function describeDeath(r: DeathResult): string {
  const lines = r.closed.map(
    (c) => `${programLabels[c.program]}：${c.action === 'stop' ? `自 ${c.effectiveMonth} 起停发` : '申请不予批准'}`,
  );
  const paid = r.recoveryCandidates.reduce((s, c) => s + c.amountFen, 0);
  const recover = r.recoveryCandidates.length
    ? `；死亡当月之后已发 ${String(r.recoveryCandidates.length)} 个月共 ${formatFen(paid)} 元，已列入追缴`
    : '';
  return `${r.name} 死亡日期 ${r.deathDate}${lines.length ? `；${lines.join('；')}` : '；无在册待遇'}${recover}`;
}
