import type { Recovery } from '../../../shared/contract/payouts';
import type { Month } from '../../../shared/domain/dates';
import { formatFen } from '../../../shared/domain/money';
import { programs, type Program } from '../../../shared/domain/programs';
import { AppError } from '../../errors';
import type { Actor } from '../../db/audit';
import { rawQuery } from '../../db/raw';
import type { ReadableStore, Store, WritableStore } from '../../db/store';

/** Batches whose money has gone (or is going) to the bank: only these can have overpaid anyone. */
export const COMMITTED = `('locked', 'exported', 'returned')`;

/**
 * A death recorded after months were paid: each month after the month of death
 * that a committed batch paid becomes a pending recovery (追缴), in the caller's
 * transaction. Returns the months found.
 */
export function recoverAfterDeath(
  w: WritableStore,
  actor: Actor,
  personId: number,
  deathDate: string,
  now: string,
): Array<{ enrolmentId: number; month: Month; amountFen: number }> {
  const deathMonth = deathDate.slice(0, 7);
  const paid = w.all(
    rawQuery<{ enrolmentId: number; month: Month; amountFen: number }>(
      `SELECT l.enrolment_id AS enrolmentId, l.month, sum(l.amount_fen) AS amountFen
       FROM payout_lines l JOIN payout_batches b ON b.id = l.batch_id
       WHERE l.person_id = ? AND l.voided = 0 AND l.bank_status <> 'failed' AND b.status IN ${COMMITTED} AND l.month > ?
       GROUP BY l.enrolment_id, l.month ORDER BY l.enrolment_id, l.month`,
      personId,
      deathMonth,
    ),
  );
  for (const p of paid) {
    const reason = `${p.month} 已发 ${formatFen(p.amountFen)} 元，应发 0.00 元：已于 ${deathDate} 死亡，次月起停发`;
    const r = w.run(
      rawQuery(
        `INSERT INTO payout_recoveries (enrolment_id, person_id, month, amount_fen, reason, found_at, found_by) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (enrolment_id, month) DO NOTHING`,
        p.enrolmentId,
        personId,
        p.month,
        p.amountFen,
        reason,
        now,
        actor.username,
      ),
    );
    if (r.changes > 0)
      w.audit({
        action: 'recovery.add',
        entity: 'enrolment',
        entityId: p.enrolmentId,
        after: { month: p.month, amountFen: p.amountFen, reason },
      });
  }
  return paid;
}

const isProgram = (v: string): v is Program => (programs as readonly string[]).includes(v);

export function listRecoveries(store: ReadableStore, status?: Recovery['status']): Recovery[] {
  return store
    .all(
      rawQuery<Omit<Recovery, 'program'> & { program: string }>(
        `SELECT r.id, r.enrolment_id AS enrolmentId, r.person_id AS personId, p.name, e.program, r.month, r.amount_fen AS amountFen, r.reason, r.status,
                r.found_at AS foundAt, r.resolved_by AS resolvedBy, r.resolved_note AS resolvedNote
         FROM payout_recoveries r JOIN persons p ON p.id = r.person_id JOIN enrolments e ON e.id = r.enrolment_id
         WHERE ? IS NULL OR r.status = ?
         ORDER BY r.status = 'pending' DESC, r.person_id, r.month`,
        status ?? null,
        status ?? null,
      ),
    )
    .flatMap((r) => (isProgram(r.program) ? [{ ...r, program: r.program }] : []));
}

/** Marks pending recoveries as recovered (money returned) or waived (the head's decision), with a note, audited. */
export function resolveRecoveries(
  store: Store,
  actor: Actor,
  input: { ids: number[]; status: 'recovered' | 'waived'; note: string },
  now: string,
): { updated: number } {
  return store.write(actor, (w) => {
    let updated = 0;
    for (const id of input.ids) {
      const r = w.first(w.kysely.selectFrom('payout_recoveries').selectAll().where('id', '=', id));
      if (!r) throw new AppError('INVALID_INPUT', `追缴记录 ${String(id)} 不存在`);
      if (r.status !== 'pending')
        throw new AppError('INVALID_INPUT', `追缴记录 ${String(id)}（${r.month}）已办结，不能重复办理`);
      w.run(
        w.kysely
          .updateTable('payout_recoveries')
          .set({ status: input.status, resolved_at: now, resolved_by: actor.username, resolved_note: input.note })
          .where('id', '=', id),
      );
      w.audit({
        action: `recovery.${input.status}`,
        entity: 'enrolment',
        entityId: r.enrolment_id,
        before: { status: 'pending' },
        after: { month: r.month, amountFen: r.amount_fen, status: input.status, note: input.note },
      });
      updated++;
    }
    return { updated };
  });
}
