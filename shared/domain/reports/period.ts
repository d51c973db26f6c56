import { addMonths, parseMonth, type Month } from '../dates';

/** A statistical period: whole months from `from` to `to`, both included. */
export interface ReportPeriod {
  from: Month;
  to: Month;
}

export type PeriodKind = 'month' | 'quarter' | 'half' | 'year' | 'cumulative' | 'range';

const QUARTERS = ['一', '二', '三', '四'] as const;
const year = (m: Month) => Number(m.slice(0, 4));
const mon = (m: Month) => Number(m.slice(5, 7));

/** "2026-01..2026-11" (one month is "2026-11..2026-11"); a lone "2026-11" is accepted as that month. */
export function parsePeriod(text: string): ReportPeriod | null {
  const t = text.trim();
  const [from, to] = t.includes('..') ? t.split('..') : [t, t];
  if (from === undefined || to === undefined || !parseMonth(from) || !parseMonth(to)) return null;
  return { from, to };
}

export const periodText = (p: ReportPeriod) => `${p.from}..${p.to}`;

export function monthsOf(p: ReportPeriod): Month[] {
  const out: Month[] = [];
  for (let m = p.from; m <= p.to; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** The kind a county office would name the period by. */
export function periodKind(p: ReportPeriod): PeriodKind {
  if (p.from === p.to) return 'month';
  if (year(p.from) !== year(p.to)) return 'range';
  const [a, b] = [mon(p.from), mon(p.to)];
  if (a === 1 && b === 12) return 'year';
  if ((a === 1 && b === 6) || (a === 7 && b === 12)) return 'half';
  if (b - a === 2 && a % 3 === 1) return 'quarter';
  if (a === 1) return 'cumulative';
  return 'range';
}

/** 统计期 as printed: 2026年11月, 2026年第一季度, 2026年上半年, 2026年, 2026年1—11月. */
export function periodLabel(p: ReportPeriod): string {
  const y = String(year(p.from));
  const [a, b] = [mon(p.from), mon(p.to)];
  switch (periodKind(p)) {
    case 'month':
      return `${y}年${String(a)}月`;
    case 'quarter':
      return `${y}年第${QUARTERS[(a - 1) / 3] ?? ''}季度`;
    case 'half':
      return `${y}年${a === 1 ? '上' : '下'}半年`;
    case 'year':
      return `${y}年`;
    case 'cumulative':
    case 'range':
      if (year(p.from) === year(p.to)) return `${y}年${String(a)}—${String(b)}月`;
      return `${y}年${String(a)}月至${String(year(p.to))}年${String(b)}月`;
  }
}

/** The same months a year earlier. */
export const previousYear = (p: ReportPeriod): ReportPeriod => ({
  from: addMonths(p.from, -12),
  to: addMonths(p.to, -12),
});

/** 1–N月累计: January of the period's last year to its last month. */
export const yearToDate = (p: ReportPeriod): ReportPeriod => ({ from: `${p.to.slice(0, 4)}-01`, to: p.to });

/** "截至11月底" for a summary sentence. */
export const asOfLabel = (p: ReportPeriod) => `截至${String(mon(p.to))}月底`;

/** "1—11月" ("1月" in January): the span a summary's 累计 covers. */
export function ytdLabel(p: ReportPeriod): string {
  const b = mon(p.to);
  return b === 1 ? '1月' : `1—${String(b)}月`;
}

/**
 * Why a period cannot be reported, naming the field (统计期); null when it can.
 * `ledgerStart` is the first month any program was paid in Welfare Desk (null: none yet).
 */
export function periodProblem(p: ReportPeriod, thisMonth: Month, ledgerStart: Month | null): string | null {
  if (p.from > p.to) return `统计期：起始月份 ${p.from} 晚于截止月份 ${p.to}`;
  if (p.to > thisMonth) return `统计期：${p.to} 尚未到来（本月为 ${thisMonth}）`;
  if (ledgerStart && p.to < ledgerStart)
    return `统计期：${periodText(p)} 早于台账起始月份 ${ledgerStart}，本系统没有该期间的发放记录`;
  if (monthsOf(p).length > 120) return '统计期：跨度不能超过 10 年';
  return null;
}
