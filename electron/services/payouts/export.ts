import type { Actor } from '../../db/audit';
import type { WrittenFile } from '../files/output';
import type { Store } from '../../db/store';
import { AppError } from '../../errors';
import { buildBankFile, fileName, templateById, type BankLine } from './bank-file';
import { batchLines, batchRow } from './queries';
import { markExported, requireStatus } from './states';

export interface BankFile {
  content: Buffer;
  fileName: string;
  lines: number;
  totalFen: number;
}

/** The bank file of a locked batch, built in memory; nothing is written or changed yet. */
export async function bankFileFor(store: Store, batchId: number, templateId: number): Promise<BankFile> {
  const b = batchRow(store, batchId);
  // After the bank's return the file would pay lines already paid: a failed line is paid again in a new batch.
  requireStatus(b, ['locked', 'exported'], '导出银行文件');
  const t = templateById(store, templateId);
  const lines: BankLine[] = batchLines(store, batchId, false).map((l) => ({
    id: l.id,
    name: l.name,
    idNumber: l.idNumber,
    account: l.bankAccount,
    holder: l.accountHolder,
    bankName: l.bankName,
    amountFen: l.amountFen,
    month: l.month,
    kind: l.kind,
    township: l.township,
    village: l.village,
    note: l.note,
  }));
  // A line without an account cannot be paid by the bank. Batches hold such payees out when generated;
  // a batch generated before that rule is refused whole, naming them, rather than sent with gaps.
  const missing = lines.flatMap((l, i) => (l.account ? [] : [`第 ${String(i + 1)} 行 ${l.name}（${l.month}）`]));
  if (missing.length > 0)
    throw new AppError(
      'BATCH_STATE',
      `银行文件：${String(missing.length)} 笔明细缺少银行账号，不能导出：${missing.slice(0, 10).join('、')}${missing.length > 10 ? '等' : ''}。请由负责人作废本批次，在人员信息中补录账号后重新生成：缺少账号的人员将暂缓发放，补录后由下一批次补发`,
      { missing: missing.length },
    );
  const totalFen = lines.reduce((s, l) => s + l.amountFen, 0);
  // The file pays what the head locked, to the fen, or it is not written.
  if (totalFen !== b.total_fen || lines.length !== b.line_count)
    throw new AppError('INTERNAL', '银行文件合计与批次不符');
  return {
    content: await buildBankFile(t, lines),
    fileName: fileName(t, { program: b.program, period: b.period_from, batchNo: b.batch_no }),
    lines: lines.length,
    totalFen,
  };
}

/**
 * Writes the file where the user (or the CLI's --out) chose, then records the
 * export: the first one moves the batch to 已导出; every one is audited with the
 * file's name, size and SHA-256.
 */
export async function writeBankFile(
  store: Store,
  actor: Actor,
  batchId: number,
  templateId: number,
  file: BankFile,
  save: (content: Buffer) => Promise<WrittenFile>,
  now: string,
): Promise<WrittenFile> {
  const written = await save(file.content);
  store.write(actor, (w) => {
    const b = batchRow(w, batchId);
    markExported(w, b, actor.username, now);
    w.audit({
      action: 'payout.exportBank',
      entity: 'payout_batch',
      entityId: batchId,
      before: { status: b.status },
      after: {
        templateId,
        file: written.fileName,
        bytes: written.bytes,
        sha256: written.sha256,
        lines: file.lines,
        totalFen: file.totalFen,
      },
    });
  });
  return written;
}
