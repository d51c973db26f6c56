import type { Batch } from '../../../shared/contract/payouts';
import { payoutStatusLabels, type PayoutStatus } from '../../../shared/domain/payout';
import { AppError } from '../../errors';
import type { Store, WritableStore } from '../../db/store';
import type { Session } from '../app/context';
import { assertSecondPerson } from '../review/four-eyes';
import { rawQuery } from '../../db/raw';
import { batchRow, batchView, type BatchRow } from './queries';

/**
 * 草稿 → 已复核 (a reviewer other than who generated it) → 已锁定 (the head;
 * immutable from then on) → 已导出 → 已回盘. Voiding is the only way back, by the
 * head with a reason, and frees the batch's months to be paid again.
 */
export function requireStatus(b: BatchRow, allowed: readonly PayoutStatus[], doing: string): void {
  if (!allowed.includes(b.status)) {
    throw new AppError(
      'BATCH_STATE',
      `批次 ${b.batch_no} 当前为“${payoutStatusLabels[b.status]}”，不能${doing}（须为：${allowed.map((s) => payoutStatusLabels[s]).join('、')}）`,
    );
  }
}

function step(
  store: Store,
  session: Session,
  channel: 'payout.review' | 'payout.lock' | 'payout.void',
  batchId: number,
  fn: (w: WritableStore, b: BatchRow) => Record<string, unknown>,
): Batch {
  const actor = { username: session.user.username, channel };
  return store.write(actor, (w) => {
    const b = batchRow(w, batchId);
    const after = fn(w, b);
    w.audit({
      action: channel,
      entity: 'payout_batch',
      entityId: b.id,
      before: { status: b.status },
      after: { batchNo: b.batch_no, ...after },
    });
    return batchView(w, batchRow(w, batchId));
  });
}

export function reviewBatch(store: Store, session: Session, batchId: number, now: string): Batch {
  return step(store, session, 'payout.review', batchId, (w, b) => {
    requireStatus(b, ['draft'], '复核');
    assertSecondPerson(b.generated_by, session, '发放批次');
    if (b.line_count === 0) throw new AppError('BATCH_STATE', `批次 ${b.batch_no} 没有发放明细，无需复核`);
    w.run(
      w.kysely
        .updateTable('payout_batches')
        .set({ status: 'reviewed', reviewed_at: now, reviewed_by: session.user.username })
        .where('id', '=', b.id),
    );
    return { status: 'reviewed', lines: b.line_count, totalFen: b.total_fen };
  });
}

export function lockBatch(store: Store, session: Session, batchId: number, now: string): Batch {
  return step(store, session, 'payout.lock', batchId, (w, b) => {
    requireStatus(b, ['reviewed'], '锁定');
    // The roster carries three signatures: whoever locks must be neither who generated nor who reviewed it.
    assertSecondPerson(b.generated_by, session, '发放批次');
    if (b.reviewed_by === session.user.username)
      throw new AppError('SELF_APPROVAL', '不能锁定自己复核的发放批次，须由另一名负责人锁定');
    // The totals stored on the batch are what the head signs: they must be the sum of its lines.
    const sum = w.first(
      w.kysely
        .selectFrom('payout_lines')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('amount_fen').as('fen')])
        .where('batch_id', '=', b.id),
    );
    if (Number(sum?.n ?? 0) !== b.line_count || Number(sum?.fen ?? 0) !== b.total_fen)
      throw new AppError('INTERNAL', '批次合计与明细不符，请重新生成');
    w.run(
      w.kysely
        .updateTable('payout_batches')
        .set({ status: 'locked', locked_at: now, locked_by: session.user.username })
        .where('id', '=', b.id),
    );
    return { status: 'locked', lines: b.line_count, totalFen: b.total_fen };
  });
}

export function voidBatch(store: Store, session: Session, batchId: number, reason: string, now: string): Batch {
  return step(store, session, 'payout.void', batchId, (w, b) => {
    requireStatus(b, ['draft', 'reviewed', 'locked', 'exported'], '作废');
    // Once the bank has paid, the money is out: a wrong payment is a recovery, not a void.
    w.run(w.kysely.updateTable('payout_lines').set({ voided: 1 }).where('batch_id', '=', b.id));
    // Recoveries of months this batch paid, where nothing sent to the bank is left for the month, were never overpaid.
    const cancelled = w.run(
      rawQuery(
        `UPDATE payout_recoveries SET status = 'waived', resolved_at = ?, resolved_by = ?, resolved_note = ?
         WHERE status = 'pending' AND (enrolment_id, month) IN (SELECT enrolment_id, month FROM payout_lines WHERE batch_id = ?)
           AND NOT EXISTS (SELECT 1 FROM payout_lines l JOIN payout_batches x ON x.id = l.batch_id
                           WHERE l.enrolment_id = payout_recoveries.enrolment_id AND l.month = payout_recoveries.month AND l.voided = 0
                             AND l.bank_status <> 'failed' AND x.status IN ('locked', 'exported', 'returned'))`,
        now,
        session.user.username,
        `批次 ${b.batch_no} 已作废，该月未实际发放，无须追缴`,
        b.id,
      ),
    ).changes;
    w.run(
      w.kysely
        .updateTable('payout_batches')
        .set({ status: 'voided', voided_at: now, voided_by: session.user.username, void_reason: reason })
        .where('id', '=', b.id),
    );
    return { status: 'voided', reason, lines: b.line_count, totalFen: b.total_fen, recoveriesCancelled: cancelled };
  });
}

/** After a bank file was written: the first export moves a locked batch on; re-exports are audited only. */
export function markExported(w: WritableStore, b: BatchRow, username: string, now: string): void {
  requireStatus(b, ['locked', 'exported'], '导出银行文件');
  if (b.status === 'locked')
    w.run(
      w.kysely
        .updateTable('payout_batches')
        .set({ status: 'exported', exported_at: now, exported_by: username })
        .where('id', '=', b.id),
    );
}
