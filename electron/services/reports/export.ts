import type { ReportSummary, ReportView } from '../../../shared/contract/reports';
import { AppError } from '../../errors';
import type { Actor } from '../../db/audit';
import type { Store } from '../../db/store';
import { auditHead } from '../audit/service';
import type { WrittenFile } from '../files/output';
import type { PrintEngine } from '../print/engine';
import { renderPdf } from '../print/pdf';
import { NO_JOB, type Job } from '../jobs/runner';
import { summaryDocx } from './docx';
import { reportHtml, summaryHtml } from './html';
import { reportXlsx } from './xlsx';

export type ExportFormat = 'xlsx' | 'pdf' | 'docx';

export type Exportable = { kind: 'table'; view: ReportView } | { kind: 'summary'; summary: ReportSummary };

export const exportTitle = (e: Exportable) =>
  e.kind === 'table' ? `${e.view.table.title}（${e.view.table.periodLabel}）` : e.summary.title;

/**
 * One report or the summary as a file: xlsx for tables, docx for the summary,
 * PDF for either through the print engine with the audit chain head in the
 * footer. Written where the user chose, audited with the file's digest.
 */
export async function exportReport(
  store: Store,
  actor: Actor,
  what: Exportable,
  format: ExportFormat,
  engine: PrintEngine | null,
  save: (content: Buffer) => Promise<WrittenFile>,
  job: Job = NO_JOB,
): Promise<{ fileName: string; bytes: number }> {
  job.step(0, 2, '生成文件');
  let content: Buffer;
  if (format === 'xlsx') {
    if (what.kind !== 'table') throw new AppError('INVALID_INPUT', '格式：工作总结可导出为 docx 或 pdf');
    content = await reportXlsx(what.view);
  } else if (format === 'docx') {
    if (what.kind !== 'summary') throw new AppError('INVALID_INPUT', '格式：报表可导出为 xlsx 或 pdf');
    content = await summaryDocx(what.summary);
  } else {
    if (!engine) throw new AppError('PRINT_UNAVAILABLE');
    const head = auditHead(store).hash;
    const html = what.kind === 'table' ? reportHtml(what.view, head) : summaryHtml(what.summary, head);
    content = await renderPdf(engine, { html, landscape: what.kind === 'table' }, job);
  }
  job.throwIfCancelled();
  job.step(1, 2, '保存文件');
  const file = await save(content);
  store.write(actor, (w) =>
    w.audit({
      action: 'report.export',
      entity: 'report',
      after: {
        report: what.kind === 'table' ? what.view.table.name : 'summary',
        period: what.kind === 'table' ? what.view.table.period : what.summary.period,
        format,
        file: file.fileName,
        bytes: file.bytes,
        sha256: file.sha256,
      },
    }),
  );
  job.step(2, 2, '完成');
  return { fileName: file.fileName, bytes: file.bytes };
}
