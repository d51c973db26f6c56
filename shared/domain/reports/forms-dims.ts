import { disabilityCategories, disabilityGrades } from '../certificate';
import { programLabels, programShortLabels, type Program } from '../programs';
import { childAgeBands, encodeDrill, type DrillSpec } from './drill';
import { sumMoney, type ReportFacts } from './facts';
import { emptyReasonOf, peopleCell, peopleCount, subKinds } from './forms';
import { periodLabel, type ReportPeriod } from './period';
import { count, money, type ReportCell, type ReportColumn, type ReportRow, type ReportTable } from './table';

const base = (name: string, title: string, p: ReportPeriod, facts: ReportFacts) => ({
  name,
  title,
  period: p,
  periodLabel: periodLabel(p),
  emptyReason: emptyReasonOf(facts, p),
});

const grades = [1, 2, 3, 4] as const;
const categories = [1, 2, 3, 4, 5, 6, 7] as const;

/** 两项补贴 by disability category (rows) and grade (columns): persons at the period's end and money paid. */
export function disabilityTable(facts: ReportFacts, p: ReportPeriod): ReportTable {
  const rows: ReportRow[] = [];
  const block = (prog: Program) => {
    rows.push({ key: prog, label: programLabels[prog], level: 0, role: 'heading', cells: [] });
    const line = (key: string, label: string, cat: number | undefined, role?: 'total') => {
      const cells: ReportCell[] = grades.map((g) =>
        peopleCell(facts, p, { programs: [prog], grade: g, measure: 'closing', ...(cat ? { cat } : {}) }),
      );
      const spec: DrillSpec = { programs: [prog], measure: 'closing', ...(cat ? { cat } : {}) };
      cells.push(
        count(peopleCount(facts, p, spec), encodeDrill(spec)),
        money(sumMoney(facts.money, p, (m) => m.program === prog && (cat === undefined || m.certCategory === cat)).fen),
      );
      rows.push({ key, label, level: cat ? 1 : 0, cells, ...(role ? { role } : {}) });
    };
    for (const c of categories) line(`${prog}:${String(c)}`, disabilityCategories[c], c);
    line(`${prog}:total`, '小计', undefined, 'total');
  };
  block('disability-living');
  block('disability-care');
  const columns: ReportColumn[] = grades.map((g) => ({
    key: `grade-${String(g)}`,
    label: disabilityGrades[g],
    unit: '人',
    group: '在册人数',
  }));
  columns.push(
    { key: 'persons', label: '合计', unit: '人', group: '在册人数' },
    { key: 'paid', label: '发放金额', unit: '元' },
  );
  for (const r of rows) if (r.role === 'heading') r.cells = columns.map(() => ({ kind: 'text', text: '' }));
  return {
    ...base('disability', '残疾人两项补贴分类别等级统计表', p, facts),
    unitNote: '单位：人、元',
    columns,
    rows,
    notes: ['在册人数的残疾类别、等级按人员现持残疾人证，发放金额按发放时所持残疾人证；在册人数为统计期末在册人次。'],
  };
}

/** Money of a program's sub-kind: elder tiers and child modes as the locked lines recorded their category. */
const subMoney = (facts: ReportFacts, p: ReportPeriod, prog: Program, sub: string) =>
  sumMoney(facts.money, p, (m) => m.program === prog && m.category === sub).fen;

/** 高龄津贴 by tier: persons at the period's end (tier by age then), 新增, 减少 and money by the lines' tier. */
export function elderlyTable(facts: ReportFacts, p: ReportPeriod): ReportTable {
  const measures = ['closing', 'added', 'removed'] as const;
  const row = (key: string, label: string, sub: string | undefined, role?: 'total'): ReportRow => ({
    key,
    label,
    level: 0,
    ...(role ? { role } : {}),
    cells: [
      ...measures.map((m) => peopleCell(facts, p, { programs: ['elderly'], measure: m, ...(sub ? { sub } : {}) })),
      money(
        sub === undefined
          ? sumMoney(facts.money, p, (m) => m.program === 'elderly').fen
          : subMoney(facts, p, 'elderly', sub),
      ),
    ],
  });
  const rows = subKinds.elderly.map((s) => row(s.key, s.label, s.key));
  rows.push(row('total', '合计', undefined, 'total'));
  return {
    ...base('elderly', '高龄津贴分年龄段统计表', p, facts),
    unitNote: '单位：人、元',
    columns: [
      { key: 'closing', label: '期末在册', unit: '人' },
      { key: 'added', label: '本期新增', unit: '人' },
      { key: 'removed', label: '本期减少', unit: '人' },
      { key: 'paid', label: '发放金额', unit: '元' },
    ],
    rows,
    notes: ['年龄段按统计期末年龄；发放金额按发放明细的年龄段标准统计。'],
  };
}

/** 孤儿 and 事实无人抚养儿童 by mode (rows) and age band (columns) at the period's end, with money. */
export function childrenTable(facts: ReportFacts, p: ReportPeriod): ReportTable {
  const rows: ReportRow[] = [];
  const line = (
    key: string,
    label: string,
    progs: Program[],
    sub: string | undefined,
    level: 0 | 1,
    role?: 'total',
  ) => {
    const spec = (extra: Partial<DrillSpec>): DrillSpec => ({
      programs: progs,
      measure: 'closing',
      ...(sub ? { sub } : {}),
      ...extra,
    });
    const fen = sumMoney(
      facts.money,
      p,
      (m) => progs.includes(m.program) && (sub === undefined || m.category === sub),
    ).fen;
    rows.push({
      key,
      label,
      level,
      ...(role ? { role } : {}),
      cells: [
        ...childAgeBands.map((b) => peopleCell(facts, p, spec({ age: b.key }))),
        peopleCell(facts, p, spec({})),
        money(fen),
      ],
    });
  };
  for (const prog of ['orphan', 'unattended-child'] as const) {
    line(prog, programShortLabels[prog], [prog], undefined, 0);
    if (prog === 'orphan') for (const s of subKinds[prog]) line(`${prog}:${s.key}`, s.label, [prog], s.key, 1);
  }
  line('total', '合计', ['orphan', 'unattended-child'], undefined, 0, 'total');
  return {
    ...base('children', '孤儿和事实无人抚养儿童保障统计表', p, facts),
    unitNote: '单位：人、元',
    columns: [
      ...childAgeBands.map((b) => ({ key: `age:${b.key}`, label: b.label, unit: '人' as const, group: '在册人数' })),
      { key: 'persons', label: '合计', unit: '人', group: '在册人数' },
      { key: 'paid', label: '发放金额', unit: '元' },
    ],
    rows,
    notes: ['年龄按统计期末计；孤儿养育方式按登记，发放金额按发放明细的标准类别统计。'],
  };
}
