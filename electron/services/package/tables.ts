import {
  cellNumber,
  reportForms,
  reportNames,
  type ReportName,
  type ReportTable as FormTable,
} from '../../../shared/domain/reports';
import type { ReadableStore, Store } from '../../db/store';
import { factsFor } from '../reports/service';

/**
 * The figures a package carries: every form of the report engine (统计报表) for
 * the period, as keys + integer values so a city sums them cell by cell. Counts
 * are persons, money is fen (a `（分）` column, or a row marked `fen` where one
 * form mixes units per row, as the indicator table does). Percent columns are
 * left out: a city recomputes a change from its own sums, never adds percents.
 */

export interface ReportTable {
  readonly id: string;
  readonly title: string;
  readonly keyLabels: string[];
  readonly valueLabels: string[];
  readonly rows: Array<{
    readonly key: string[];
    /** null where the form has no figure (—), as 本年累计 of a stock. */
    readonly values: Array<number | null>;
    readonly code?: string;
    readonly fen?: boolean;
  }>;
  /** Rows are the county's own places (townships): a city totals only their 合计 row. */
  readonly localRows?: boolean;
}

export interface PeriodRange {
  readonly from: string;
  readonly to: string;
}

const FEN = '（分）';
const PERCENT_OR_TEXT = (c: FormTable['rows'][number]['cells'][number] | undefined) =>
  c !== undefined && (c.kind === 'percent' || (c.kind === 'text' && c.text !== '' && c.text !== '—'));

/** One engine form as a package table: heading rows become the first key of the rows under them. */
export function packageTableOf(id: ReportName, t: FormTable): ReportTable {
  const keep = t.columns.map((_, i) => !t.rows.some((r) => PERCENT_OR_TEXT(r.cells[i])));
  // A form whose kept columns carry no unit has its unit on each row (人 or 元).
  const mixed = t.columns.every((c, i) => !keep[i] || c.unit === '');
  const valueLabels = t.columns.flatMap((c, i) => {
    if (!keep[i]) return [];
    const label = c.group ? `${c.group}·${c.label}` : c.label;
    return [c.unit === '元' ? `${label}${FEN}` : c.unit && c.unit !== '%' ? `${label}（${c.unit}）` : label];
  });
  const headed = t.rows.some((r) => r.role === 'heading');
  const rows: Array<ReportTable['rows'][number]> = [];
  let heading = '';
  for (const r of t.rows) {
    if (r.role === 'heading') {
      heading = r.label;
      continue;
    }
    const label = mixed && r.unit ? `${r.label}（${r.unit}）` : r.label;
    rows.push({
      key: headed ? [heading, label] : [label],
      values: r.cells
        .filter((_, i) => keep[i])
        .map((c) => (c.kind === 'text' && c.text === '—' ? null : cellNumber(c))),
      code: r.key,
      ...(mixed && r.unit === '元' ? { fen: true } : {}),
    });
  }
  const local = id === 'townships';
  const keyLabels = headed ? ['项目', '指标'] : [local ? '乡镇（街道）' : '项目'];
  return { id, title: t.title, keyLabels, valueLabels, rows, ...(local ? { localRows: true } : {}) };
}

/** Every report form for the period, read from the same facts the 统计报表 page shows. */
export function periodTables(store: ReadableStore, period: PeriodRange, today: string): ReportTable[] {
  const scope = { period: { from: period.from, to: period.to } };
  return reportNames.map((name) => {
    const { facts } = factsFor(store, scope, today, { certificates: name === 'disability' });
    return packageTableOf(name, reportForms[name].build(facts, scope.period));
  });
}

/** The money a county paid in the period: the indicator table's 合计 发放金额, or an older package's money table. */
export function paidFen(tables: readonly ReportTable[]): number {
  const indicators = tables.find((t) => t.id === 'indicators');
  const row = indicators?.rows.find((r) => r.code === 'all.paid');
  if (row) return row.values[0] ?? 0;
  const money = tables.find((t) => t.id === 'money');
  return money ? money.rows.reduce((n, r) => n + (r.values[1] ?? 0), 0) : 0;
}

const PAID = `b.status IN ('locked', 'exported', 'returned') AND l.voided = 0 AND l.bank_status <> 'failed'
  AND l.recovered_by IS NULL AND l.month BETWEEN ? AND ?`;

export interface RosterRow {
  readonly name: string;
  readonly idNumber: string;
  readonly program: string;
  readonly township: string;
  readonly amountFen: number;
}

export function maskId(id: string): string {
  return id.length === 18 ? `${id.slice(0, 6)}********${id.slice(14)}` : '*'.repeat(id.length);
}

export function periodRoster(store: Store, period: PeriodRange, mode: 'masked' | 'full'): RosterRow[] {
  const rows = store.raw
    .prepare(
      `SELECT l.name AS name, l.id_number AS idNumber, b.program AS program, coalesce(l.township, '') AS township,
              sum(l.amount_fen) AS amountFen
       FROM payout_lines l JOIN payout_batches b ON b.id = l.batch_id
       WHERE ${PAID}
       GROUP BY l.person_id, b.program ORDER BY township, l.id_number, b.program`,
    )
    .all(period.from, period.to) as RosterRow[];
  return mode === 'full' ? rows : rows.map((r) => ({ ...r, idNumber: maskId(r.idNumber) }));
}

/**
 * Sums tables of one id over counties, cell by cell: each county's rows keyed by
 * the county first, and the city's 合计 rows. A county's own places (townships)
 * are not summed across counties; only their 合计 row is.
 */
export function consolidate(
  byCounty: ReadonlyArray<{ countyCode: string; countyName: string; tables: readonly ReportTable[] }>,
): ReportTable[] {
  type Row = ReportTable['rows'][number] & { values: Array<number | null> };
  const out = new Map<string, { t: ReportTable; rows: Map<string, Row> }>();
  for (const c of byCounty) {
    for (const t of c.tables) {
      let acc = out.get(t.id);
      if (!acc) {
        acc = { t: { ...t, keyLabels: ['县（区）', ...t.keyLabels], rows: [] }, rows: new Map() };
        out.set(t.id, acc);
      }
      for (const r of t.rows) {
        const keys = [[c.countyName, ...r.key]];
        if (!t.localRows) keys.push(['合计', ...r.key]);
        else if (r.code === 'total') keys.push(['合计', '全市合计']);
        for (const key of keys) {
          const k = JSON.stringify(key);
          const row: Row = acc.rows.get(k) ?? {
            key,
            values: r.values.map((v) => (v === null ? null : 0)),
            ...(r.code === undefined ? {} : { code: r.code }),
            ...(r.fen ? { fen: true } : {}),
          };
          r.values.forEach((v, i) => (row.values[i] = v === null ? (row.values[i] ?? null) : (row.values[i] ?? 0) + v));
          acc.rows.set(k, row);
        }
      }
    }
  }
  return [...out.values()].map(({ t, rows }) => ({ ...t, rows: [...rows.values()] }));
}
