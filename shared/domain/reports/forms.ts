import { payoutKindLabels, payoutKinds } from '../payouts';
import { programLabels, programShortLabels, programs, type Program } from '../programs';
import { changeCell } from './figures';
import { addMonths } from '../dates';
import { encodeDrill, personFits, type DrillSpec } from './drill';
import { sumMoney, sumRecoveries, type PersonFact, type ReportFacts } from './facts';
import { periodKind, periodLabel, previousYear, yearToDate, type ReportPeriod } from './period';
import { exitReasonLabels, exitReasons, onRegisterAt, spanRole, type ExitReason } from './register';
import { count, money, percent, text, type ReportCell, type ReportRow, type ReportTable } from './table';

export const EMPTY_REASON = '该期间没有已锁定的发放批次';

/** Why money is zero: no committed batch in any month of the period. */
export function emptyReasonOf(facts: ReportFacts, p: ReportPeriod): string | null {
  for (const m of facts.committedMonths) if (m >= p.from && m <= p.to) return null;
  return EMPTY_REASON;
}

/** How many register stays the spec counts in the period: the drill-down lists exactly these. */
export function peopleCount(facts: ReportFacts, p: ReportPeriod, spec: DrillSpec): number {
  return tallyOf(facts.people, p, spec)[spec.measure];
}

type Tally = Record<DrillSpec['measure'], number>;

/**
 * Every measure of one set of people in one period, from a single pass: a form
 * asks 期初, 新增, each 减少 and 期末 of the same people cell by cell. Each span
 * is counted as `spansCounted` lists it for the drill-down of that measure (a
 * property test holds the two together).
 */
const tallies = new WeakMap<readonly PersonFact[], Map<string, Tally>>();
function tallyOf(people: readonly PersonFact[], p: ReportPeriod, spec: DrillSpec): Tally {
  let memo = tallies.get(people);
  if (!memo) tallies.set(people, (memo = new Map()));
  const key = `${p.from}..${p.to}|${encodeDrill({ ...spec, measure: 'opening' })}`;
  const hit = memo.get(key);
  if (hit) return hit;
  const t = {
    opening: 0,
    added: 0,
    closing: 0,
    removed: 0,
    ...(Object.fromEntries(exitReasons.map((r) => [`removed:${r}`, 0])) as Record<`removed:${ExitReason}`, number>),
  } satisfies Tally;
  const before = addMonths(p.from, -1);
  for (const list of peopleIn(people, spec.programs))
    for (const f of narrowed(list, spec)) {
      if (!personFits(f, spec, p)) continue;
      for (const s of f.spans) {
        if (onRegisterAt(s, before)) t.opening++;
        if (onRegisterAt(s, p.to)) t.closing++;
        const role = spanRole(s, p.from, p.to);
        if (role.added) t.added++;
        if (role.removed !== null) {
          t.removed++;
          t[`removed:${role.removed}`]++;
        }
      }
    }
  memo.set(key, t);
  return t;
}

// A form counts a hundred cells or more, most of one program: each scans that program's people only.
const byProgram = new WeakMap<readonly PersonFact[], Map<Program, PersonFact[]>>();
function peopleIn(
  people: readonly PersonFact[],
  only: readonly Program[] | undefined,
): ReadonlyArray<readonly PersonFact[]> {
  if (!only) return [people];
  let index = byProgram.get(people);
  if (!index) {
    index = new Map();
    for (const f of people) {
      const list = index.get(f.program);
      if (list) list.push(f);
      else index.set(f.program, [f]);
    }
    byProgram.set(people, index);
  }
  const lists = index;
  return [...new Set(only)].map((prog) => lists.get(prog) ?? []);
}

/**
 * The people of one program list who can fit the spec's place and certificate: a
 * form of category × grade or of townships asks a cell per value, and each cell
 * then walks its own people, not the program's. `personFits` still decides.
 */
type Narrowing = Map<string, PersonFact[]>;
const narrowings = new WeakMap<readonly PersonFact[], Map<string, Narrowing>>();
function narrowed(list: readonly PersonFact[], spec: DrillSpec): readonly PersonFact[] {
  const dims = [spec.town !== undefined, spec.cat !== undefined, spec.grade !== undefined];
  if (!dims.some(Boolean)) return list;
  const shape = dims.map((d) => (d ? '1' : '0')).join('');
  const keyOf = (town: string, cat: number | null, grade: number | null) =>
    `${dims[0] ? town : ''}|${dims[1] ? String(cat) : ''}|${dims[2] ? String(grade) : ''}`;
  let byShape = narrowings.get(list);
  if (!byShape) narrowings.set(list, (byShape = new Map()));
  let groups = byShape.get(shape);
  if (!groups) {
    groups = new Map();
    for (const f of list) {
      const k = keyOf(f.township, f.certCategory, f.certGrade);
      const g = groups.get(k);
      if (g) g.push(f);
      else groups.set(k, [f]);
    }
    byShape.set(shape, groups);
  }
  return groups.get(keyOf(spec.town ?? '', spec.cat ?? null, spec.grade ?? null)) ?? [];
}

export const peopleCell = (facts: ReportFacts, p: ReportPeriod, spec: DrillSpec): ReportCell =>
  count(peopleCount(facts, p, spec), encodeDrill(spec));

const base = (name: string, title: string, p: ReportPeriod, facts: ReportFacts) => ({
  name,
  title,
  period: p,
  periodLabel: periodLabel(p),
  emptyReason: emptyReasonOf(facts, p),
});

/**
 * 民政事业统计月报-style indicators, one block per program and a total block:
 * 本期 (本月 for one month) | 本年累计 | 去年同期 (of 本年累计) | 增减%. Stocks
 * (在册) compare the period's end with the same month last year.
 */
export function indicatorTable(facts: ReportFacts, p: ReportPeriod): ReportTable {
  const ytd = yearToDate(p);
  const lastYtd = previousYear(ytd);
  const rows: ReportRow[] = [];
  const blank = [text(''), text(''), text(''), text('')];
  const flow = (key: string, label: string, unit: '人' | '元', level: 0 | 1, f: (q: ReportPeriod) => number) => {
    const [now, cum, last] = [f(p), f(ytd), f(lastYtd)];
    const cell = unit === '人' ? (v: number) => count(v) : money;
    rows.push({ key, label, level, unit, cells: [cell(now), cell(cum), cell(last), percent(changeCell(cum, last))] });
  };
  const block = (key: string, label: string, list: readonly Program[]) => {
    const inList = (x: { program: Program }) => list.includes(x.program);
    rows.push({ key, label, level: 0, role: 'heading', cells: blank });
    const closing = peopleCount(facts, p, { programs: [...list], measure: 'closing' });
    const lastClosing = peopleCount(facts, previousYear(p), { programs: [...list], measure: 'closing' });
    rows.push({
      key: `${key}.persons`,
      label: '在册人数',
      level: 0,
      unit: '人',
      cells: [
        count(closing, encodeDrill({ programs: [...list], measure: 'closing' })),
        text('—'),
        count(lastClosing),
        percent(changeCell(closing, lastClosing)),
      ],
    });
    flow(`${key}.added`, '新增人数', '人', 0, (q) => peopleCount(facts, q, { programs: [...list], measure: 'added' }));
    flow(`${key}.removed`, '减少人数', '人', 0, (q) =>
      peopleCount(facts, q, { programs: [...list], measure: 'removed' }),
    );
    flow(`${key}.paid`, '发放金额', '元', 0, (q) => sumMoney(facts.money, q, inList).fen);
    for (const k of payoutKinds)
      flow(
        `${key}.paid.${k}`,
        `其中：${payoutKindLabels[k]}`,
        '元',
        1,
        (q) => sumMoney(facts.money, q, inList).byKind[k],
      );
    flow(`${key}.failed`, '银行退回（发放失败）', '元', 0, (q) => sumMoney(facts.money, q, inList).failedFen);
    flow(`${key}.found`, '发现多发待追缴', '元', 0, (q) => sumRecoveries(facts.recoveries, q, inList).found);
    flow(`${key}.recovered`, '已追回', '元', 0, (q) => sumRecoveries(facts.recoveries, q, inList).recovered);
    flow(`${key}.waived`, '免予追缴', '元', 0, (q) => sumRecoveries(facts.recoveries, q, inList).waived);
  };
  for (const prog of programs) block(prog, programLabels[prog], [prog]);
  block('all', '合计', programs);
  const one = periodKind(p) === 'month';
  return {
    ...base('indicators', '民政补贴统计月报', p, facts),
    unitNote: '单位：人、元',
    columns: [
      { key: 'now', label: one ? '本月' : '本期', unit: '' },
      { key: 'ytd', label: '本年累计', unit: '' },
      { key: 'last', label: '去年同期', unit: '' },
      { key: 'change', label: '增减%', unit: '%' },
    ],
    rows,
    notes: [
      '发放金额为已锁定（含已导出、已回盘）且未作废批次的发放明细，按批次所属月份统计，不含银行退回失败的金额。',
      '在册人数为统计期末在册人次；去年同期为上年同月末在册人数；其余指标的去年同期为上年同期累计。',
    ],
  };
}

/** Persons on the register at the period's end and money paid in it, per township, with the county total. */
export function townshipTable(facts: ReportFacts, p: ReportPeriod): ReportTable {
  const townRows = [...facts.townships];
  if (facts.people.some((f) => f.township === '') || facts.money.some((m) => m.township === '')) townRows.push('');
  const rowOf = (key: string, label: string, town: string | undefined, role?: 'total'): ReportRow => {
    const cells: ReportCell[] = [];
    let persons = 0;
    let fen = 0;
    for (const prog of programs) {
      const spec: DrillSpec = { programs: [prog], measure: 'closing', ...(town === undefined ? {} : { town }) };
      const n = peopleCount(facts, p, spec);
      const paid = sumMoney(facts.money, p, (m) => m.program === prog && (town === undefined || m.township === town));
      persons += n;
      fen += paid.fen;
      cells.push(count(n, encodeDrill(spec)), money(paid.fen));
    }
    cells.push(count(persons), money(fen));
    return { key, label, level: 0, cells, ...(role ? { role } : {}) };
  };
  const rows = townRows.map((t) => rowOf(`town:${t}`, t || '未填乡镇', t));
  rows.push(rowOf('total', '全县合计', undefined, 'total'));
  const columns = programs.flatMap((prog) => [
    { key: `${prog}.persons`, label: '在册人数', unit: '人' as const, group: programShortLabels[prog] },
    { key: `${prog}.paid`, label: '发放金额', unit: '元' as const, group: programShortLabels[prog] },
  ]);
  columns.push(
    { key: 'all.persons', label: '在册人数', unit: '人', group: '合计' },
    { key: 'all.paid', label: '发放金额', unit: '元', group: '合计' },
  );
  return {
    ...base('townships', '分乡镇补贴发放统计表', p, facts),
    unitNote: '单位：人、元',
    columns,
    rows,
    notes: ['在册人数为统计期末在册人次，乡镇按人员现居住地；发放金额按发放明细锁定时记录的乡镇统计。'],
  };
}

/** Sub-kinds a program's rows split into in the changes table. */
export const subKinds: Record<Program, ReadonlyArray<{ key: string; label: string }>> = {
  'disability-living': [],
  'disability-care': [
    { key: 'grade-1', label: '一级' },
    { key: 'grade-2', label: '二级' },
    { key: 'grade-3-4-im', label: '三、四级智力/精神' },
  ],
  orphan: [
    { key: 'institution', label: '集中养育' },
    { key: 'dispersed', label: '社会散居' },
  ],
  'unattended-child': [
    { key: 'institution', label: '集中养育' },
    { key: 'dispersed', label: '社会散居' },
  ],
  elderly: [
    { key: '80-89', label: '80–89 岁' },
    { key: '90-99', label: '90–99 岁' },
    { key: '100+', label: '100 岁以上' },
  ],
};

const MEASURE_COLUMNS: ReadonlyArray<{ key: string; label: string; measure: DrillSpec['measure'] }> = [
  { key: 'opening', label: '期初', measure: 'opening' },
  { key: 'added', label: '新增', measure: 'added' },
  { key: 'removed', label: '减少合计', measure: 'removed' },
  ...exitReasons.map((r) => ({ key: `removed:${r}`, label: exitReasonLabels[r], measure: `removed:${r}` as const })),
  { key: 'closing', label: '期末', measure: 'closing' },
];

/** 期初 + 新增 − 减少 = 期末 per program and sub-kind, 减少 by reason; every count drills to its people. */
export function changesTable(facts: ReportFacts, p: ReportPeriod): ReportTable {
  const rows: ReportRow[] = [];
  const row = (key: string, label: string, level: 0 | 1, spec: Omit<DrillSpec, 'measure'>, role?: 'total') =>
    rows.push({
      key,
      label,
      level,
      ...(role ? { role } : {}),
      cells: MEASURE_COLUMNS.map((c) => peopleCell(facts, p, { ...spec, measure: c.measure })),
    });
  for (const prog of programs) {
    row(prog, programLabels[prog], 0, { programs: [prog] });
    for (const s of subKinds[prog]) row(`${prog}:${s.key}`, s.label, 1, { programs: [prog], sub: s.key });
  }
  row('total', '合计', 0, { programs: [...programs] }, 'total');
  return {
    ...base('changes', '在册人员增减变动统计表', p, facts),
    unitNote: '单位：人',
    columns: MEASURE_COLUMNS.map((c) => ({ key: c.key, label: c.label, unit: '人' as const })),
    rows,
    notes: [
      '期初为统计期前一月末在册人次，期末为统计期末在册人次；期初 + 新增 − 减少 = 期末。',
      '暂停发放的人员仍计入在册；终止自生效月份起减少（死亡、迁出为次月）。类别按统计期末的年龄、等级计。',
    ],
  };
}
