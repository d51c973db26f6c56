import { monthOf } from '../../../shared/domain/dates';
import { listsShowFullIds } from '../../../shared/domain/mask';
import { parsePeriod, reportForms, reportNames } from '../../../shared/domain/reports';
import { AppError } from '../../errors';
import type { CallContext, HandlerMap } from '../../ipc/types';
import { actorOf, requireSession, requireStore } from '../../ipc/types';
import { countChecks } from '../checks/service';
import { chooseTarget, safeFileName, saveUserFile } from '../files/save';
import { readPolicyInForce } from '../standards/policy';
import { exportReport, exportTitle, type Exportable } from './export';
import { cached } from './facts';
import { dashboard, drillReport, reportSummary, showReport, type Viewer } from './service';

type ReportChannel =
  'report.list' | 'report.show' | 'report.drill' | 'report.summary' | 'report.dashboard' | 'report.export';

const viewer = (cx: CallContext): Viewer => ({
  displayName: requireSession(cx).user.displayName,
  today: cx.app.today(),
});
const scope = (input: { period: string; township?: string | undefined }) => {
  const period = parsePeriod(input.period);
  if (!period)
    throw new AppError(
      'INVALID_INPUT',
      `统计期：“${input.period}”不是有效期间（格式 YYYY-MM..YYYY-MM，如 2026-01..2026-11）`,
    );
  return { period, township: input.township };
};

export const reportHandlers = {
  'report.list': () => ({ reports: reportNames.map((name) => ({ name, title: reportForms[name].title })) }),
  'report.show': (input, cx) => showReport(requireStore(cx), input.name, scope(input), viewer(cx)),
  'report.drill': (input, cx) =>
    drillReport(
      requireStore(cx),
      scope(input),
      input.drill,
      cx.app.today(),
      !listsShowFullIds(requireSession(cx).user.roles),
    ),
  'report.summary': (input, cx) => reportSummary(requireStore(cx), scope(input), viewer(cx)),
  'report.dashboard': (input, cx) => {
    const store = requireStore(cx);
    const today = cx.app.today();
    const month = input.month ?? monthOf(today);
    if (month > monthOf(today)) throw new AppError('INVALID_INPUT', `月份：${month} 尚未到来`);
    // The checks walk the whole register: counted once per day and state of the database, like the facts.
    const open = cached(store, `checks:${today}`, () =>
      countChecks(store, today, readPolicyInForce(store, monthOf(today))),
    ).total;
    return dashboard(store, month, open);
  },
  'report.export': async (input, cx) => {
    const store = requireStore(cx);
    const what: Exportable =
      input.name === 'summary'
        ? { kind: 'summary', summary: reportSummary(store, scope(input), viewer(cx)) }
        : { kind: 'table', view: showReport(store, input.name, scope(input), viewer(cx)) };
    if (input.format === 'xlsx' && what.kind === 'summary')
      throw new AppError('INVALID_INPUT', '格式：工作总结可导出为 docx 或 pdf');
    if (input.format === 'docx' && what.kind === 'table')
      throw new AppError('INVALID_INPUT', '格式：报表可导出为 xlsx 或 pdf');
    const target = await chooseTarget(
      cx.app,
      '导出报表',
      `${safeFileName(exportTitle(what))}.${input.format}`,
      input.format,
    );
    return exportReport(
      store,
      actorOf(cx),
      what,
      input.format,
      cx.app.printing ?? null,
      (content) => saveUserFile(cx.app, target, content, { checkCancelled: () => cx.job.throwIfCancelled() }),
      cx.job,
    );
  },
} satisfies HandlerMap<ReportChannel>;
