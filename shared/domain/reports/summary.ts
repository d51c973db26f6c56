import { formatFen } from '../money';
import { programLabels, programs } from '../programs';
import { changeSentence, wanYuan } from './figures';
import type { ReportFacts } from './facts';
import { indicatorTable } from './forms';
import { asOfLabel, periodLabel, periodText, previousYear, yearToDate, ytdLabel, type ReportPeriod } from './period';
import { cellNumber, type ReportTable } from './table';

/** Where a number of the summary comes from: a cell of the indicator table of a period. */
export interface SummaryRef {
  table: 'indicators';
  period: string;
  row: string;
  column: string;
  value: number;
}

export interface SummarySentence {
  text: string;
  refs: SummaryRef[];
}

export interface WorkSummary {
  period: ReportPeriod;
  title: string;
  text: string;
  sentences: SummarySentence[];
}

const COLUMN = ['now', 'ytd', 'last', 'change'] as const;

/**
 * The figures paragraph of a work summary ("截至11月底，全县高龄津贴在册12002人，
 * 1—11月累计发放596.20万元，较去年同期增长9.8%"), one sentence per program and
 * one for the whole, each number read from a cell of the indicator table.
 */
export function workSummary(facts: ReportFacts, p: ReportPeriod): WorkSummary {
  const ytd = yearToDate(p);
  const cumulative = ytd.from === p.from;
  // A period from January reads 本年累计 against its 去年同期; any other compares the period with last year's.
  const now = indicatorTable(facts, p);
  const last = cumulative ? null : indicatorTable(facts, previousYear(p));
  const read = (t: ReportTable, period: ReportPeriod, row: string, column: (typeof COLUMN)[number]) => {
    const r = t.rows.find((x) => x.key === row);
    const value = cellNumber(r?.cells[COLUMN.indexOf(column)]);
    return { value, ref: { table: 'indicators' as const, period: periodText(period), row, column, value } };
  };
  const paidOf = (key: string) => {
    if (cumulative) {
      const a = read(now, p, `${key}.paid`, 'ytd');
      const b = read(now, p, `${key}.paid`, 'last');
      return { now: a, last: b };
    }
    const a = read(now, p, `${key}.paid`, 'now');
    const b = read(last ?? now, previousYear(p), `${key}.paid`, 'now');
    return { now: a, last: b };
  };
  const lead = cumulative ? asOfLabel(p) : periodLabel(p);
  const span = cumulative ? `${ytdLabel(p)}累计发放` : '发放';
  const yoy = (a: number, b: number) => {
    const s = changeSentence(a, b);
    return s === '—' ? '（去年同期无发放记录）' : `，${s}`;
  };
  const sentences: SummarySentence[] = [];
  for (const prog of programs) {
    const persons = read(now, p, `${prog}.persons`, 'now');
    const paid = paidOf(prog);
    if (persons.value === 0 && paid.now.value === 0 && paid.last.value === 0) continue;
    sentences.push({
      text: `${lead}，全县${programLabels[prog]}在册${String(persons.value)}人，${span}${wanYuan(paid.now.value)}万元${yoy(paid.now.value, paid.last.value)}。`,
      refs: [persons.ref, paid.now.ref, paid.last.ref],
    });
  }
  const total = paidOf('all');
  const kinds = (['backpay', 'difference', 'reissue'] as const).map((k) =>
    read(now, p, `all.paid.${k}`, cumulative ? 'ytd' : 'now'),
  );
  const failed = read(now, p, 'all.failed', cumulative ? 'ytd' : 'now');
  const found = read(now, p, 'all.found', cumulative ? 'ytd' : 'now');
  const recovered = read(now, p, 'all.recovered', cumulative ? 'ytd' : 'now');
  const parts = [
    `${lead}，全县各项补贴${span}${wanYuan(total.now.value)}万元${yoy(total.now.value, total.last.value)}`,
  ];
  const extra = kinds
    .map((k, i) => (k.value > 0 ? `${['补发', '补发差额', '重发'][i] ?? ''}${formatFen(k.value)}元` : ''))
    .filter(Boolean);
  if (extra.length) parts.push(`其中${extra.join('、')}`);
  if (failed.value > 0) parts.push(`银行退回发放失败${formatFen(failed.value)}元`);
  if (found.value > 0 || recovered.value > 0)
    parts.push(`发现多发待追缴${formatFen(found.value)}元，已追回${formatFen(recovered.value)}元`);
  sentences.push({
    text: `${parts.join('；')}。`,
    refs: [total.now.ref, total.last.ref, ...kinds.map((k) => k.ref), failed.ref, found.ref, recovered.ref],
  });
  return {
    period: p,
    title: `${periodLabel(p)}补贴发放工作总结（数据部分）`,
    text: sentences.map((s) => s.text).join(''),
    sentences,
  };
}
