import type { Selectable } from 'kysely';
import { z } from 'zod';
import { heldPayeeSchema, type Batch, type HeldPayee, type PayoutLine } from '../../../shared/contract/payouts';
import { maskIdNumber } from '../../../shared/domain/mask';
import type { PayoutKind } from '../../../shared/domain/payouts';
import { inRosterOrder } from '../../../shared/domain/roster-order';
import { AppError } from '../../errors';
import { rawQuery } from '../../db/raw';
import type { ReadableStore } from '../../db/store';
import type { PayoutBatchesTable } from '../../db/schema';

export type BatchRow = Selectable<PayoutBatchesTable>;

export function batchRow(store: ReadableStore, id: number): BatchRow {
  const b = store.first(store.kysely.selectFrom('payout_batches').selectAll().where('id', '=', id));
  if (!b) throw new AppError('BATCH_NOT_FOUND');
  return b;
}

/** Lines of the program the bank returned as failed whose month no live line has paid again yet (waiting for corrected account details). */
function heldLines(store: ReadableStore, program: string): number {
  return Number(
    store.first(
      rawQuery<{ n: number }>(
        `SELECT count(*) AS n FROM payout_lines l
         WHERE l.bank_status = 'failed' AND l.voided = 0 AND l.program = ?
           AND NOT EXISTS (SELECT 1 FROM payout_lines r WHERE r.person_id = l.person_id AND r.month = l.month AND r.program = l.program
                             AND r.voided = 0 AND r.recovered_by IS NULL AND r.bank_status <> 'failed'
                             AND (r.kind = 'difference') = (l.kind = 'difference'))`,
        program,
      ),
    )?.n ?? 0,
  );
}

function displayName(store: ReadableStore, username: string | null): string | null {
  if (!username) return null;
  return (
    store.first(store.kysely.selectFrom('users').select('display_name').where('username', '=', username))
      ?.display_name ?? username
  );
}

/** The batch as the contract shows it, with totals per kind and the bank's marks counted from its lines. */
export function batchView(store: ReadableStore, b: BatchRow): Batch {
  const kinds = store.all(
    rawQuery<{ kind: PayoutKind; lines: number; fen: number; paid: number; failed: number }>(
      `SELECT kind, count(*) AS lines, total(amount_fen) AS fen, sum(bank_status = 'paid') AS paid, sum(bank_status = 'failed') AS failed
       FROM payout_lines WHERE batch_id = ? GROUP BY kind`,
      b.id,
    ),
  );
  const byKind = {
    regular: { lines: 0, fen: 0 },
    backpay: { lines: 0, fen: 0 },
    difference: { lines: 0, fen: 0 },
    reissue: { lines: 0, fen: 0 },
  };
  for (const k of kinds) byKind[k.kind] = { lines: k.lines, fen: Math.round(k.fen) };
  return {
    id: b.id,
    batchNo: b.batch_no,
    program: b.program,
    periodFrom: b.period_from,
    periodTo: b.period_to,
    status: b.status,
    lineCount: b.line_count,
    totalFen: b.total_fen,
    byKind,
    generatedAt: b.generated_at,
    generatedBy: b.generated_by,
    reviewedBy: b.reviewed_by,
    lockedBy: b.locked_by,
    names: {
      generatedBy: displayName(store, b.generated_by) ?? b.generated_by,
      reviewedBy: displayName(store, b.reviewed_by),
      lockedBy: displayName(store, b.locked_by),
    },
    exportedAt: b.exported_at,
    returnedAt: b.returned_at,
    voidedAt: b.voided_at,
    voidReason: b.void_reason,
    held: heldLines(store, b.program),
    withoutAccount: heldOutOf(b).length,
    paidLines: kinds.reduce((s, k) => s + k.paid, 0),
    failedLines: kinds.reduce((s, k) => s + k.failed, 0),
  };
}

/** The payees a batch held out for want of a bank account, as generation recorded them. */
export function heldOutOf(b: BatchRow): HeldPayee[] {
  const parsed = z.array(heldPayeeSchema).safeParse(JSON.parse(b.held_json));
  return parsed.success ? parsed.data : [];
}

/** A batch's lines in the one roster order (township, village, name, …) that the printed roster and the bank file share. */
export function batchLines(store: ReadableStore, batchId: number, maskIds: boolean): PayoutLine[] {
  return inRosterOrder(
    store.all(
      rawQuery<Omit<PayoutLine, 'bankStatus'> & { bankStatus: PayoutLine['bankStatus'] }>(
        `SELECT id, enrolment_id AS enrolmentId, person_id AS personId, month, kind, category, standard_fen AS standardFen, amount_fen AS amountFen,
                name, id_number AS idNumber, bank_name AS bankName, bank_account AS bankAccount, account_holder AS accountHolder, township, village, note,
                bank_status AS bankStatus, bank_reason AS bankReason
         FROM payout_lines WHERE batch_id = ?`,
        batchId,
      ),
    ),
  ).map((l) => (maskIds ? { ...l, idNumber: maskIdNumber(l.idNumber) } : l));
}
