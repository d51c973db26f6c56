import type { Batch } from '../../../shared/contract/payouts';
import { payoutStatusLabels, type PayoutStatus } from '../../../shared/domain/payouts';
import { AppError } from '../../errors';
import type { Store, WritableStore } from '../../db/store';
import type { Session } from '../app/context';
import { assertSecondPerson } from '../review/four-eyes';
import { rawQuery } from '../../db/raw';
import { sumBatchCells } from './cells';
import { batchRow, batchView, type BatchRow } from './queries';

/**
 * 草稿 → 已复核 (a reviewer other than who generated it) → 已锁定 (the head;
 * immutable from then on) → 已导出 → 已回盘. Voiding is the only way back, by the
 * head with a reason, and frees the batch's months to be paid again; a batch sent
 * to the bank is voided only after a return shows the bank paid none of it.
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
    sumBatchCells(w, b.id, now);
    return { status: 'locked', lines: b.line_count, totalFen: b.total_fen };
  });
}

/**
 * Whether the bank may have paid any of the batch: once its file was exported,
 * only the bank's return says what it paid. Until the return every line counts
 * as possibly paid; after it, a batch the bank paid any line of stays (a wrong
 * payment is a recovery, not a void) and one it paid nothing of may be voided.
 */
function refuseIfPaid(w: WritableStore, b: BatchRow): void {
  if (b.status === 'exported')
    throw new AppError(
      'BATCH_STATE',
      `批次 ${b.batch_no} 已导出银行文件，银行可能已经发放：须先导入银行回盘，确认银行实际发放的情况后才能处理；银行已发放的款项不能作废，多发的请办理追缴`,
    );
  if (b.status !== 'returned') return;
  const n = w.first(
    rawQuery<{ paid: number; pending: number }>(
      `SELECT total(bank_status = 'paid') AS paid, total(bank_status = 'pending') AS pending FROM payout_lines WHERE batch_id = ?`,
      b.id,
    ),
  );
  if ((n?.paid ?? 0) > 0 || (n?.pending ?? 0) > 0)
    throw new AppError(
      'BATCH_STATE',
      `批次 ${b.batch_no} 银行已发放 ${String(n?.paid ?? 0)} 笔${n?.pending ? `，另有 ${String(n.pending)} 笔尚未回盘` : ''}，不能作废；多发的款项请办理追缴`,
    );
}

export function voidBatch(store: Store, session: Session, batchId: number, reason: string, now: string): Batch {
  return step(store, session, 'payout.void', batchId, (w, b) => {
    requireStatus(b, ['draft', 'reviewed', 'locked', 'exported', 'returned'], '作废');
    refuseIfPaid(w, b);
    w.run(w.kysely.updateTable('payout_lines').set({ voided: 1 }).where('batch_id', '=', b.id));
    // Recoveries of months this batch paid, where nothing sent to the bank is left for the month, were never overpaid.
    const cancelled = w.run(
      rawQuery(
        `UPDATE payout_recoveries SET status = 'cancelled', resolved_at = ?, resolved_by = ?, resolved_note = ?
         WHERE status = 'pending' AND (person_id, month) IN (SELECT person_id, month FROM payout_lines WHERE batch_id = ?)
           AND enrolment_id IN (SELECT id FROM enrolments WHERE program = ?)
           AND NOT EXISTS (SELECT 1 FROM payout_lines l JOIN payout_batches x ON x.id = l.batch_id
                           WHERE l.person_id = payout_recoveries.person_id AND l.program = ? AND l.month = payout_recoveries.month
                             AND l.voided = 0 AND l.recovered_by IS NULL AND l.bank_status <> 'failed'
                             AND x.status IN ('locked', 'exported', 'returned'))`,
        now,
        session.user.username,
        `批次 ${b.batch_no} 已作废，该月未实际发放，无须追缴`,
        b.id,
        b.program,
        b.program,
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
