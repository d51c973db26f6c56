import { listsShowFullIds } from '../../../shared/domain/mask';
import { AppError } from '../../errors';
import { chooseTarget, safeFileName, saveUserFile } from '../files/save';
import type { CallContext, HandlerMap } from '../../ipc/types';
import { actorOf, requireSession, requireStore } from '../../ipc/types';
import { importReturn } from './bank-return';
import { listTemplates, saveTemplate } from './bank-file';
import { diffFromPrevious } from './diff';
import { renderBatch, savePdf } from './documents';
import { bankFileFor, writeBankFile } from './export';
import { generateBatch } from './generate';
import { batchLines, batchRow, batchView, heldOutOf } from './queries';
import { listRecoveries, resolveRecoveries } from './recoveries';
import { lockBatch, reviewBatch, voidBatch } from './states';

const now = (cx: CallContext) => cx.app.clock().toISOString();
const masked = (cx: CallContext) => !listsShowFullIds(requireSession(cx).user.roles);
const engine = (cx: CallContext) => {
  if (!cx.app.printing) throw new AppError('PRINT_UNAVAILABLE');
  return cx.app.printing;
};

type PayoutChannel =
  | 'payout.list'
  | 'payout.get'
  | 'payout.generate'
  | 'payout.review'
  | 'payout.lock'
  | 'payout.void'
  | 'payout.diff'
  | 'payout.exportBank'
  | 'payout.importReturn'
  | 'payout.recoveries'
  | 'payout.resolveRecovery'
  | 'bank.templates'
  | 'bank.saveTemplate'
  | 'print.preview'
  | 'print.savePdf'
  | 'print.toPrinter'
  | 'print.printers';

export const payoutHandlers = {
  'payout.list': (input, cx) => {
    const store = requireStore(cx);
    let q = store.kysely.selectFrom('payout_batches').selectAll().orderBy('period_from', 'desc').orderBy('id', 'desc');
    if (input.program) q = q.where('program', '=', input.program);
    return store.all(q).map((b) => batchView(store, b));
  },
  'payout.get': (input, cx) => {
    const store = requireStore(cx);
    const b = batchRow(store, input.batchId);
    return {
      batch: batchView(store, b),
      lines: batchLines(store, input.batchId, masked(cx)),
      heldOut: heldOutOf(b),
      idsMasked: masked(cx),
    };
  },
  'payout.generate': (input, cx) => generateBatch(requireStore(cx), actorOf(cx), input, now(cx), cx.job),
  'payout.review': (input, cx) => reviewBatch(requireStore(cx), requireSession(cx), input.batchId, now(cx)),
  'payout.lock': (input, cx) => lockBatch(requireStore(cx), requireSession(cx), input.batchId, now(cx)),
  'payout.void': (input, cx) => voidBatch(requireStore(cx), requireSession(cx), input.batchId, input.reason, now(cx)),
  'payout.diff': (input, cx) => diffFromPrevious(requireStore(cx), input.batchId),
  'payout.exportBank': async (input, cx) => {
    const store = requireStore(cx);
    const file = await bankFileFor(store, input.batchId, input.templateId);
    const ext = file.fileName.split('.').pop() ?? 'xlsx';
    const target = await chooseTarget(cx.app, '导出银行发放文件', file.fileName, ext);
    const written = await writeBankFile(
      store,
      actorOf(cx),
      input.batchId,
      input.templateId,
      file,
      (content) => saveUserFile(cx.app, target, content, { checkCancelled: () => cx.job.throwIfCancelled() }),
      now(cx),
    );
    return { fileName: written.fileName, lines: file.lines, totalFen: file.totalFen };
  },
  'payout.importReturn': (input, cx) =>
    importReturn(
      requireStore(cx),
      actorOf(cx),
      {
        batchId: input.batchId,
        fileName: input.fileName,
        content: Buffer.from(input.contentBase64, 'base64'),
        unlistedArePaid: input.unlistedArePaid,
      },
      now(cx),
    ),
  'payout.recoveries': (input, cx) => listRecoveries(requireStore(cx), input.status),
  'payout.resolveRecovery': (input, cx) => {
    // Giving up money owed is the head's decision; recording money returned is the clerk's work.
    if (input.status === 'waived' && !requireSession(cx).user.roles.includes('head'))
      throw new AppError('FORBIDDEN', '免予追缴须由负责人决定');
    return resolveRecoveries(requireStore(cx), actorOf(cx), input, now(cx));
  },
  'bank.templates': (_input, cx) => listTemplates(requireStore(cx)),
  'bank.saveTemplate': (input, cx) => saveTemplate(requireStore(cx), actorOf(cx), input, now(cx)),
  'print.preview': (input, cx) => {
    // Only what the contract names crosses: the page runs (with their shell function) stay in the worker.
    const r = renderBatch(requireStore(cx), input.batchId, input.document, masked(cx), cx.app.today());
    return { html: r.html, landscape: r.landscape, title: r.title };
  },
  'print.savePdf': async (input, cx) => {
    const store = requireStore(cx);
    const rendered = renderBatch(store, input.batchId, input.document, masked(cx), cx.app.today());
    const target = await chooseTarget(cx.app, '另存为 PDF', `${safeFileName(rendered.title)}.pdf`, 'pdf');
    return savePdf(
      store,
      actorOf(cx),
      engine(cx),
      rendered,
      { batchId: input.batchId, document: input.document },
      (content) => saveUserFile(cx.app, target, content, { checkCancelled: () => cx.job.throwIfCancelled() }),
      cx.job,
    );
  },
  'print.toPrinter': async (input, cx) => {
    const store = requireStore(cx);
    const e = engine(cx);
    if (!e.print) throw new AppError('PRINT_UNAVAILABLE');
    const r = renderBatch(store, input.batchId, input.document, masked(cx), cx.app.today());
    const out = await e.print(r.html, { landscape: r.landscape, ...(input.printer ? { printer: input.printer } : {}) });
    // A cancelled dialog printed nothing: it is told as such and leaves no trace of paper that does not exist.
    if (out.outcome === 'cancelled') return { printed: false, printer: null };
    const printer = out.printer ?? input.printer ?? null;
    store.write(actorOf(cx), (w) =>
      w.audit({
        action: 'print.paper',
        entity: 'payout_batch',
        entityId: input.batchId,
        after: { document: input.document, printer: printer ?? '（系统打印对话框中选择）' },
      }),
    );
    return { printed: true, printer };
  },
  'print.printers': async (_input, cx) => (cx.app.printing?.printers ? cx.app.printing.printers() : []),
} satisfies HandlerMap<PayoutChannel>;
