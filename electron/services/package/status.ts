import type { ReadableStore } from '../../db/store';
import { consolidate, paidFen, type ReportTable } from './tables';

export interface CountyStatus {
  readonly countyCode: string;
  readonly countyName: string;
  readonly reported: boolean;
  readonly sequence: number | null;
  readonly importedAt: string | null;
  readonly moneyFen: number;
}

/** Per registered county: reported for this period or not, and the consolidated tables of the current packages. */
export function cityStatus(
  store: ReadableStore,
  period: { from: string; to: string },
): { counties: CountyStatus[]; totalFen: number; tables: ReportTable[] } {
  const counties = store.all(store.kysely.selectFrom('city_counties').selectAll().orderBy('code'));
  const current = store.all(
    store.kysely
      .selectFrom('city_packages')
      .select(['county_code', 'sequence', 'imported_at', 'tables_json'])
      .where('period_from', '=', period.from)
      .where('period_to', '=', period.to)
      .where('superseded_at', 'is', null),
  );
  const byCode = new Map(current.map((p) => [p.county_code, p]));
  const reported: Array<{ countyCode: string; countyName: string; tables: ReportTable[] }> = [];
  const rows = counties.map((c): CountyStatus => {
    const p = byCode.get(c.code);
    const tables = p ? (JSON.parse(p.tables_json) as ReportTable[]) : [];
    if (p) reported.push({ countyCode: c.code, countyName: c.name, tables });
    return {
      countyCode: c.code,
      countyName: c.name,
      reported: Boolean(p),
      sequence: p?.sequence ?? null,
      importedAt: p?.imported_at ?? null,
      moneyFen: paidFen(tables),
    };
  });
  return { counties: rows, totalFen: rows.reduce((n, r) => n + r.moneyFen, 0), tables: consolidate(reported) };
}
