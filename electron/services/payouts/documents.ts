import type { PrintDocument } from '../../../shared/contract/payouts';
import { standardCategoryLabel } from '../../../shared/domain/entitlement/categories';
import { maskIdNumber } from '../../../shared/domain/mask';
import { payoutKindLabels, payoutStatusLabels } from '../../../shared/domain/payouts';
import { programLabels } from '../../../shared/domain/programs';
import { AppError } from '../../errors';
import type { Actor } from '../../db/audit';
import type { WrittenFile } from '../files/output';
import { NO_JOB, type Job } from '../jobs/runner';
import type { ReadableStore, Store } from '../../db/store';
import { readMeta } from '../app/meta';
import { auditHead } from '../audit/service';
import { DOCUMENT_TITLES, renderDocument } from '../print/documents';
import type { PrintEngine } from '../print/engine';
import { renderPdf } from '../print/pdf';
import type { BatchDoc, RenderedDocument } from '../print/types';
import { batchLines, batchRow, batchView, type BatchRow } from './queries';

const periodLabel = (b: BatchRow) => {
  const [y, m] = [b.period_from.slice(0, 4), Number(b.period_from.slice(5, 7))];
  if (b.period_to === b.period_from) return `${y}年${String(m)}月`;
  return `${y}年${String(m)}月至${String(Number(b.period_to.slice(5, 7)))}月`;
};

/** A batch as the printed documents need it; IDs masked as the caller's lists are. */
export function batchDoc(store: ReadableStore, batchId: number, maskIds: boolean, today: string): BatchDoc {
  const b = batchRow(store, batchId);
  const names = batchView(store, b).names;
  const meta = readMeta(store);
  const lines = batchLines(store, batchId, false);
  return {
    county: meta.office_name ?? `${meta.county_name ?? ''}民政局`,
    programLabel: programLabels[b.program],
    periodLabel: periodLabel(b),
    batchNo: b.batch_no,
    status: payoutStatusLabels[b.status],
    lines: lines.map((l, i) => ({
      seq: i + 1,
      township: l.township ?? '',
      village: l.village ?? '',
      name: l.name,
      idNumber: maskIds ? maskIdNumber(l.idNumber) : l.idNumber,
      category: standardCategoryLabel(b.program, l.category),
      account: l.bankAccount ?? '',
      bankName: l.bankName ?? '',
      month: l.month,
      kind: payoutKindLabels[l.kind],
      standardFen: l.standardFen,
      amountFen: l.amountFen,
      note: l.note,
    })),
    totalFen: b.total_fen,
    preparedBy: names.generatedBy,
    reviewedBy: names.reviewedBy ?? '',
    approvedBy: names.lockedBy ?? '',
    printedOn: today,
    auditHead: auditHead(store).hash,
  };
}

export function renderBatch(
  store: ReadableStore,
  batchId: number,
  document: PrintDocument,
  maskIds: boolean,
  today: string,
): RenderedDocument & { title: string } {
  const doc = batchDoc(store, batchId, maskIds, today);
  return { ...renderDocument(document, doc), title: `${DOCUMENT_TITLES[document]}（${doc.batchNo}）` };
}

/** PDF pages, counted from the page objects: enough to tell the clerk how much paper it takes. */
export const pdfPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;

/** Renders to PDF with the engine and writes it where the user chose; audited with the file's digest. */
export async function savePdf(
  store: Store,
  actor: Actor,
  engine: PrintEngine,
  r: RenderedDocument,
  input: { batchId: number; document: PrintDocument },
  save: (content: Buffer) => Promise<WrittenFile>,
  job: Job = NO_JOB,
): Promise<{ fileName: string; pages: number }> {
  const pdf = await renderPdf(engine, r, job);
  if (pdf.length === 0) throw new AppError('INTERNAL', '生成 PDF 失败');
  job.step(1, 1, '保存文件');
  const file = await save(pdf);
  store.write(actor, (w) =>
    w.audit({
      action: 'print.pdf',
      entity: 'payout_batch',
      entityId: input.batchId,
      after: { document: input.document, file: file.fileName, bytes: file.bytes, sha256: file.sha256 },
    }),
  );
  return { fileName: file.fileName, pages: pdfPages(pdf) };
}
