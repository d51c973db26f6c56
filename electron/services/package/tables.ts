import type { Store } from '../../db/store';

/**
 * The figures a package carries. Until the report engine of the 统计报表 issue is
 * plugged in, two honest tables from the ledger itself: money actually paid
 * (live lines of locked, exported or returned batches, months in the period) by
 * program and township, and persons in the register by program.
 * Every table is keys + integer values, so a city sums them cell by cell.
 */

export interface ReportTable {
  readonly id: string;
  readonly title: string;
  readonly keyLabels: string[];
  readonly valueLabels: string[];
  readonly rows: Array<{ readonly key: string[]; readonly values: number[] }>;
}

export interface PeriodRange {
  readonly from: string;
  readonly to: string;
}

const PAID = `b.status IN ('locked', 'exported', 'returned') AND l.voided = 0 AND l.bank_status <> 'failed'
  AND l.recovered_by IS NULL AND l.month BETWEEN ? AND ?`;

export function periodTables(store: Store, period: PeriodRange): ReportTable[] {
  const money = store.raw
    .prepare(
      `SELECT b.program AS program, coalesce(l.township, '') AS township,
              count(DISTINCT l.person_id) AS persons, sum(l.amount_fen) AS fen
       FROM payout_lines l JOIN payout_batches b ON b.id = l.batch_id
       WHERE ${PAID}
       GROUP BY b.program, coalesce(l.township, '') ORDER BY b.program, township`,
    )
    .all(period.from, period.to) as Array<{ program: string; township: string; persons: number; fen: number }>;
  const register = store.raw
    .prepare(
      `SELECT program, count(DISTINCT person_id) AS persons FROM enrolments
       WHERE status IN ('active', 'suspended') GROUP BY program ORDER BY program`,
    )
    .all() as Array<{ program: string; persons: number }>;
  return [
    {
      id: 'money',
      title: '补贴资金发放（按项目、乡镇）',
      keyLabels: ['项目', '乡镇'],
      valueLabels: ['发放人数', '发放金额（分）'],
      rows: money.map((r) => ({ key: [r.program, r.township], values: [r.persons, r.fen] })),
    },
    {
      id: 'register',
      title: '在册人数（按项目）',
      keyLabels: ['项目'],
      valueLabels: ['在册人数'],
      rows: register.map((r) => ({ key: [r.program], values: [r.persons] })),
    },
  ];
}

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

/** Sums tables of one id over counties, cell by cell, keyed by county first. */
export function consolidate(
  byCounty: ReadonlyArray<{ countyCode: string; countyName: string; tables: readonly ReportTable[] }>,
): ReportTable[] {
  const out = new Map<string, { t: ReportTable; rows: Map<string, { key: string[]; values: number[] }> }>();
  for (const c of byCounty) {
    for (const t of c.tables) {
      let acc = out.get(t.id);
      if (!acc) {
        acc = { t: { ...t, keyLabels: ['县（区）', ...t.keyLabels], rows: [] }, rows: new Map() };
        out.set(t.id, acc);
      }
      for (const r of t.rows) {
        for (const key of [
          [c.countyName, ...r.key],
          ['合计', ...r.key],
        ]) {
          const k = JSON.stringify(key);
          const row = acc.rows.get(k) ?? { key, values: r.values.map(() => 0) };
          r.values.forEach((v, i) => (row.values[i] = (row.values[i] ?? 0) + v));
          acc.rows.set(k, row);
        }
      }
    }
  }
  return [...out.values()].map(({ t, rows }) => ({ ...t, rows: [...rows.values()] }));
}
