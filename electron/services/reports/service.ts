import type { Dashboard, DrillPerson, ReportSummary, ReportView } from '../../../shared/contract/reports';
import { addMonths, monthOf, type Month } from '../../../shared/domain/dates';
import { maskIdNumber } from '../../../shared/domain/mask';
import { defaultElderTiers, programs } from '../../../shared/domain/programs';
import {
  decodeDrill,
  EMPTY_REASON,
  monthsOf,
  periodProblem,
  personFits,
  reportForms,
  spansCounted,
  peopleCount,
  workSummary,
  type ReportFacts,
  type ReportName,
  type ReportPeriod,
} from '../../../shared/domain/reports';
import { AppError } from '../../errors';
import { rawQuery } from '../../db/raw';
import type { ReadableStore } from '../../db/store';
import { readMeta } from '../app/meta';
import { COMMITTED } from '../payouts/ledger';
import { cached, committedMonths, loadFacts, moneyByMonth, peopleFacts, townshipNames } from './facts';

export interface ReportScope {
  period: ReportPeriod;
  township?: string | undefined;
}

export interface Viewer {
  displayName: string;
  today: string;
}

/** The first month any program was paid in Welfare Desk: before it the register holds no money of record. */
function ledgerStart(store: ReadableStore): Month | null {
  return (
    store.first(
      rawQuery<{ m: Month | null }>(
        `SELECT min(period_from) AS m FROM payout_batches WHERE status NOT IN ('draft', 'voided')`,
      ),
    )?.m ?? null
  );
}

/** Refuses what cannot be reported (naming the field), and narrows the facts to a township when asked. */
export function factsFor(
  store: ReadableStore,
  scope: ReportScope,
  today: string,
  opts: { certificates: boolean } = { certificates: false },
): { facts: ReportFacts; scopeLabel: string } {
  const problem = periodProblem(scope.period, monthOf(today), ledgerStart(store));
  if (problem) throw new AppError('INVALID_INPUT', problem);
  let town: string | null = null;
  if (scope.township !== undefined) {
    const r = store.first(
      rawQuery<{ name: string; level: string }>(`SELECT name, level FROM regions WHERE code = ?`, scope.township),
    );
    if (!r || r.level !== 'township')
      throw new AppError('INVALID_INPUT', `乡镇：找不到区划代码为 ${scope.township} 的乡镇`);
    town = r.name;
  }
  const facts = loadFacts(store, scope.period, opts);
  if (town === null) return { facts, scopeLabel: '全县' };
  const only = <T extends { township: string }>(xs: T[]) => xs.filter((x) => x.township === town);
  return {
    facts: {
      ...facts,
      money: only(facts.money),
      people: only(facts.people),
      recoveries: only(facts.recoveries),
      townships: [town],
    },
    scopeLabel: town,
  };
}

function header(store: ReadableStore, scopeLabel: string, viewer: Viewer): ReportView['header'] {
  const meta = readMeta(store);
  return {
    office: meta.office_name ?? `${meta.county_name ?? ''}民政局`,
    scope: scopeLabel,
    preparedBy: viewer.displayName,
    reviewedBy: '',
    head: '',
    date: viewer.today,
  };
}

export function showReport(store: ReadableStore, name: ReportName, scope: ReportScope, viewer: Viewer): ReportView {
  const { facts, scopeLabel } = factsFor(store, scope, viewer.today, { certificates: name === 'disability' });
  const table = reportForms[name].build(facts, scope.period);
  if (scopeLabel !== '全县') table.title = `${table.title}（${scopeLabel}）`;
  return { table, header: header(store, scopeLabel, viewer) };
}

export function reportSummary(store: ReadableStore, scope: ReportScope, viewer: Viewer): ReportSummary {
  const { facts, scopeLabel } = factsFor(store, scope, viewer.today);
  const s = workSummary(facts, scope.period);
  const text = scopeLabel === '全县' ? s.text : s.text.replaceAll('全县', scopeLabel);
  const sentences =
    scopeLabel === '全县'
      ? s.sentences
      : s.sentences.map((x) => ({ ...x, text: x.text.replaceAll('全县', scopeLabel) }));
  return { ...s, text, sentences, header: header(store, scopeLabel, viewer) };
}

/** The people behind a count, each stay once, IDs masked unless the caller's lists show them in full. */
export function drillReport(
  store: ReadableStore,
  scope: ReportScope,
  drill: string,
  today: string,
  masked: boolean,
): { people: DrillPerson[]; idsMasked: boolean; total: number } {
  const spec = decodeDrill(drill, programs);
  if (!spec) throw new AppError('INVALID_INPUT', '明细：不是本系统报表中的数字');
  const { facts } = factsFor(store, scope, today);
  const people: DrillPerson[] = [];
  for (const f of facts.people) {
    if (!personFits(f, spec, scope.period)) continue;
    for (const s of spansCounted(f.spans, spec, scope.period))
      people.push({
        enrolmentId: f.enrolmentId,
        personId: f.personId,
        name: f.name,
        idNumber: masked ? maskIdNumber(f.idNumber) : f.idNumber,
        program: f.program,
        township: f.township,
        village: f.village,
        from: s.from,
        until: s.until,
        reason: s.until !== null && s.until <= scope.period.to ? s.reason : null,
      });
  }
  return { people, idsMasked: masked, total: people.length };
}

/**
 * The dashboard: money by program and month this year against last, persons by
 * township, elder tiers and care grades at the month's end, and open 待办预警.
 */
export function dashboard(store: ReadableStore, month: Month, openChecks: number): Dashboard {
  // The first page a manager opens, and opens again: drawn once per state of the database.
  return cached(store, `dashboard:${month}:${String(openChecks)}`, () => drawDashboard(store, month, openChecks));
}

function drawDashboard(store: ReadableStore, month: Month, openChecks: number): Dashboard {
  const year = Number(month.slice(0, 4));
  const p: ReportPeriod = { from: `${String(year)}-01`, to: month };
  // Persons from the register; money from one GROUP BY by program and month (the forms' cuts are not drawn here).
  const facts: ReportFacts = {
    money: [],
    people: peopleFacts(store),
    recoveries: [],
    townships: townshipNames(store),
    committedMonths: committedMonths(store),
  };
  const paid = new Map<string, number>();
  for (const r of moneyByMonth(store, { from: `${String(year - 1)}-01`, to: month }))
    paid.set(`${r.program}|${r.month}`, r.fen);
  const months = monthsOf(p);
  const monthly = (prog: (typeof programs)[number], shift: number) =>
    months.map((m) => paid.get(`${prog}|${addMonths(m, shift)}`) ?? 0);
  const closing = (extra: Parameters<typeof peopleCount>[2]) => peopleCount(facts, p, extra);
  const anyMoney = [...facts.committedMonths].some((m) => m >= p.from && m <= p.to);
  return {
    year,
    months,
    spending: programs.map((prog) => ({ program: prog, thisYear: monthly(prog, 0), lastYear: monthly(prog, -12) })),
    townships: facts.townships.map((name) => ({ name, persons: closing({ town: name, measure: 'closing' }) })),
    elderTiers: defaultElderTiers.map((t) => ({
      key: t.key,
      label: t.label,
      persons: closing({ programs: ['elderly'], sub: t.key, measure: 'closing' }),
    })),
    careGrades: [
      { key: 'grade-1', label: '一级' },
      { key: 'grade-2', label: '二级' },
      { key: 'grade-3-4-im', label: '三、四级智力/精神' },
    ].map((g) => ({ ...g, persons: closing({ programs: ['disability-care'], sub: g.key, measure: 'closing' }) })),
    openChecks,
    emptyReason: anyMoney ? null : EMPTY_REASON,
  };
}

/** Lines of record in a period: for a test or bench to hold the report's money against. */
export function committedLineTotal(store: ReadableStore, p: ReportPeriod): number {
  return (
    store.first(
      rawQuery<{ fen: number | null }>(
        `SELECT sum(l.amount_fen) AS fen FROM payout_lines l JOIN payout_batches b ON b.id = l.batch_id
         WHERE b.status IN ${COMMITTED} AND l.voided = 0 AND l.bank_status <> 'failed' AND b.period_from BETWEEN ? AND ?`,
        p.from,
        p.to,
      ),
    )?.fen ?? 0
  );
}
