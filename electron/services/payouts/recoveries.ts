import type { Recovery } from '../../../shared/contract/payouts';
import { programs, type Program } from '../../../shared/domain/programs';
import { AppError } from '../../errors';
import type { Actor } from '../../db/audit';
import { rawQuery } from '../../db/raw';
import type { ReadableStore, Store } from '../../db/store';
import { clearRecoveredMonth } from './settle';

const isProgram = (v: string): v is Program => (programs as readonly string[]).includes(v);

export function listRecoveries(store: ReadableStore, status?: Recovery['status']): Recovery[] {
  return store
    .all(
      rawQuery<Omit<Recovery, 'program'> & { program: string }>(
        `SELECT r.id, r.enrolment_id AS enrolmentId, r.person_id AS personId, p.name, e.program, r.month, r.amount_fen AS amountFen, r.reason, r.status,
                r.found_at AS foundAt, r.resolved_by AS resolvedBy, r.resolved_note AS resolvedNote
         FROM payout_recoveries r JOIN persons p ON p.id = r.person_id JOIN enrolments e ON e.id = r.enrolment_id
         WHERE ? IS NULL OR r.status = ?
         ORDER BY r.status = 'pending' DESC, r.person_id, r.month, r.id`,
        status ?? null,
        status ?? null,
      ),
    )
    .flatMap((r) => (isProgram(r.program) ? [{ ...r, program: r.program }] : []));
}

/**
 * Marks pending recoveries as recovered (money returned) or waived (the head's
 * decision), with a note, audited. A month whose money came back in full is
 * unpaid again: its lines stop being live, so a later reinstatement pays it.
 */
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
      const cleared =
        input.status === 'recovered'
          ? clearRecoveredMonth(w, { id, personId: r.person_id, enrolmentId: r.enrolment_id, month: r.month })
          : 0;
      w.audit({
        action: `recovery.${input.status}`,
        entity: 'enrolment',
        entityId: r.enrolment_id,
        before: { status: 'pending' },
        after: {
          month: r.month,
          amountFen: r.amount_fen,
          status: input.status,
          note: input.note,
          ...(cleared ? { linesPaidBackInFull: cleared } : {}),
        },
      });
      updated++;
    }
    return { updated };
  });
}
