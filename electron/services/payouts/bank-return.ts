import { createHash } from 'node:crypto';
import type { Batch } from '../../../shared/contract/payouts';
import { normalizeHeader } from '../../../shared/domain/import/header';
import { parseYuan } from '../../../shared/domain/money';
import { AppError } from '../../errors';
import type { Actor } from '../../db/audit';
import type { Store } from '../../db/store';
import { findHeader, readTable } from '../imports/reader';
import { referenceLineId } from './bank-file';
import { sumBatchCells } from './cells';
import { batchRow, batchView } from './queries';
import { requireStatus } from './states';

type Field = 'reference' | 'account' | 'name' | 'amount' | 'status' | 'reason';
const aliases: Record<Field, readonly string[]> = {
  reference: ['流水号', '交易流水号', '业务流水号', '参考号', '序列号', '明细流水号'],
  account: ['一卡通账号', '账号', '卡号', '银行账号', '收款账号', '社保卡号', '银行卡号'],
  name: ['姓名', '户名', '收款人', '收款人姓名', '账户名称'],
  amount: ['金额', '发放金额', '交易金额', '金额(元)', '实发金额'],
  status: ['状态', '处理结果', '结果', '交易状态', '处理状态', '入账状态', '发放结果'],
  reason: ['失败原因', '原因', '备注', '错误信息', '失败说明', '返回信息', '说明'],
};
const normalised = Object.fromEntries(
  Object.entries(aliases).map(([k, v]) => [k, v.map(normalizeHeader)]),
) as unknown as Record<Field, readonly string[]>;

const PAID = /成功|已入账|已发放|已到账|正常|^是$/;
const FAILED = /失败|退回|退票|拒绝|错误|销户|不符|冻结|异常|挂失|未|不成功|非正常|^否$/;
// Neither paid nor failed yet: the line stays pending.
const PENDING = /处理中|待处理|在途|未处理/;

export interface ReturnResult {
  paid: number;
  failed: number;
  /** Lines the bank has not answered for yet, after this file. */
  pending: number;
  unmatched: Array<{ row: number; message: string }>;
  batch: Batch;
}

/**
 * The bank's return file for an exported batch: each row marks one line paid or
 * failed (with the bank's reason), matched by the reference we sent, else by
 * account and amount. Rows without a status column are failures (banks often
 * return only those); lines the file does not list are paid when
 * `unlistedArePaid`. The batch becomes 已回盘 once no line is left pending (only
 * listed rows, a row still in process): until then it stays 已导出 and the next
 * return file marks the rest. One transaction; the file's name, size and SHA-256
 * are audited.
 */
export async function importReturn(
  store: Store,
  actor: Actor,
  input: { batchId: number; fileName: string; content: Buffer; unlistedArePaid: boolean },
  now: string,
): Promise<ReturnResult> {
  const table = await readTable(input.content, input.fileName);
  const header = findHeader(table, normalised);
  if (!header || !header.columns.some((c) => c.field === 'reference' || c.field === 'account')) {
    throw new AppError('INVALID_INPUT', '文件：找不到“流水号”或“账号”列，请确认这是银行的回盘文件');
  }
  const col = (f: Field) => header.columns.find((c) => c.field === f)?.index ?? -1;
  const at = (cells: string[], f: Field) => (col(f) >= 0 ? (cells[col(f)] ?? '').trim() : '');
  return store.write(actor, (w) => {
    const b = batchRow(w, input.batchId);
    requireStatus(b, ['exported', 'returned'], '导入回盘');
    const lines = w.all(
      w.kysely
        .selectFrom('payout_lines')
        .select(['id', 'bank_account', 'amount_fen', 'name', 'bank_status'])
        .where('batch_id', '=', b.id),
    );
    const byId = new Map(lines.map((l) => [l.id, l]));
    const marked = new Map<number, { status: 'paid' | 'failed'; reason: string | null }>();
    const unmatched: ReturnResult['unmatched'] = [];
    // A line some row named stays as that row says, or pending: never "paid" because the row could not be read.
    const named = new Set<number>();
    for (const r of table.rows.slice(header.dataStart)) {
      if (r.cells.every((c) => !c.trim())) continue;
      const ref = referenceLineId(at(r.cells, 'reference'));
      const account = at(r.cells, 'account');
      const amount = parseYuan(at(r.cells, 'amount'));
      let line = ref !== null ? byId.get(ref) : undefined;
      if (!line && account) {
        line = lines.find(
          (l) => l.bank_account === account && !marked.has(l.id) && (amount === null || l.amount_fen === amount),
        );
      }
      if (!line) {
        if (/合计|小计|总计/.test(r.cells.join(''))) continue;
        unmatched.push({
          row: r.row,
          message: `第 ${String(r.row)} 行：在本批次中找不到${ref !== null ? `流水号 ${at(r.cells, 'reference')}` : `账号 ${account || '（空）'}`}的明细`,
        });
        continue;
      }
      named.add(line.id);
      if (amount !== null && amount !== line.amount_fen) {
        unmatched.push({
          row: r.row,
          message: `第 ${String(r.row)} 行：金额 ${at(r.cells, 'amount')} 与本批次明细不符`,
        });
        continue;
      }
      const statusText = at(r.cells, 'status');
      const reason = at(r.cells, 'reason');
      const status =
        col('status') < 0
          ? 'failed'
          : PENDING.test(statusText)
            ? null
            : FAILED.test(statusText)
              ? 'failed'
              : PAID.test(statusText)
                ? 'paid'
                : null;
      if (!status) {
        unmatched.push({
          row: r.row,
          message: PENDING.test(statusText)
            ? `第 ${String(r.row)} 行：银行仍在处理（${statusText}），该笔暂不标记`
            : `第 ${String(r.row)} 行：无法识别的处理结果“${statusText}”，该笔暂不标记`,
        });
        continue;
      }
      marked.set(line.id, { status, reason: status === 'failed' ? reason || statusText || '银行退回' : null });
    }
    if (unmatched.length > 0 && marked.size === 0)
      throw new AppError('INVALID_INPUT', `文件：没有一行能与本批次对应（${unmatched[0]?.message ?? ''}）`);
    let paid = 0;
    let failed = 0;
    let pending = 0;
    for (const l of lines) {
      const m =
        marked.get(l.id) ??
        (input.unlistedArePaid && l.bank_status === 'pending' && !named.has(l.id)
          ? { status: 'paid' as const, reason: null }
          : null);
      if (!m) {
        if (l.bank_status === 'pending') pending++;
        continue;
      }
      w.run(
        w.kysely
          .updateTable('payout_lines')
          .set({ bank_status: m.status, bank_reason: m.reason })
          .where('id', '=', l.id),
      );
      if (m.status === 'paid') paid++;
      else failed++;
    }
    // The bank has answered for every line only when none is pending: then, and not before, 已回盘.
    if (pending === 0 && b.status !== 'returned')
      w.run(
        w.kysely
          .updateTable('payout_batches')
          .set({ status: 'returned', returned_at: now, returned_by: actor.username })
          .where('id', '=', b.id),
      );
    if (paid + failed > 0) sumBatchCells(w, b.id, now);
    w.audit({
      action: 'payout.importReturn',
      entity: 'payout_batch',
      entityId: b.id,
      before: { status: b.status },
      after: {
        file: input.fileName,
        size: input.content.length,
        sha256: createHash('sha256').update(input.content).digest('hex'),
        paid,
        failed,
        pending,
        unlistedArePaid: input.unlistedArePaid,
        unmatched: unmatched.length,
      },
    });
    return { paid, failed, pending, unmatched, batch: batchView(w, batchRow(w, b.id)) };
  });
}
