import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths } from '../../../shared/domain/dates';
import { payoutKinds } from '../../../shared/domain/payouts';
import { programs } from '../../../shared/domain/programs';
import {
  cellNumber,
  changeCell,
  changeSentence,
  changesTable,
  childrenTable,
  disabilityTable,
  elderlyTable,
  decodeDrill,
  encodeDrill,
  exitReasonOf,
  exitReasons,
  indicatorTable,
  parsePeriod,
  personFits,
  spansCounted,
  periodLabel,
  periodProblem,
  registerSpans,
  townshipTable,
  wanYuan,
  workSummary,
  type MoneyFact,
  type PersonFact,
  type ReportFacts,
  type RegisterSpan,
} from '../../../shared/domain/reports';

describe('periods and figures', () => {
  it('names periods as an office does', () => {
    const label = (t: string) => periodLabel(parsePeriod(t) ?? { from: '', to: '' });
    expect(label('2026-11..2026-11')).toBe('2026年11月');
    expect(label('2026-07..2026-09')).toBe('2026年第三季度');
    expect(label('2026-01..2026-06')).toBe('2026年上半年');
    expect(label('2026-07..2026-12')).toBe('2026年下半年');
    expect(label('2026-01..2026-12')).toBe('2026年');
    expect(label('2026-01..2026-11')).toBe('2026年1—11月');
    expect(label('2026-03..2026-05')).toBe('2026年3—5月');
    expect(label('2025-11..2026-02')).toBe('2025年11月至2026年2月');
    expect(parsePeriod('2026-13..2026-12')).toBeNull();
    expect(parsePeriod('2026-11')).toEqual({ from: '2026-11', to: '2026-11' });
  });

  it('says the change against last year with one decimal', () => {
    expect(changeSentence(10980, 10000)).toBe('较去年同期增长9.8%');
    expect(changeSentence(9690, 10000)).toBe('较去年同期下降3.1%');
    expect(changeSentence(100, 100)).toBe('与去年同期持平');
    expect(changeSentence(100, 0)).toBe('—');
    expect(changeCell(100, 0)).toBe('—');
    // 0.05% rounds away from zero, in integers.
    expect(changeCell(20010, 20000)).toBe('0.1');
    expect(changeCell(19990, 20000)).toBe('-0.1');
    expect(changeCell(20009, 20000)).toBe('0.0');
    expect(changeCell(1, 3)).toBe('-66.7');
  });

  it('turns fen into 万元 with two decimals', () => {
    expect(wanYuan(388098_12345)).toBe('38809.81');
    expect(wanYuan(3880981234)).toBe('3880.98');
    expect(wanYuan(584_0000_00)).toBe('584.00');
    expect(wanYuan(5000)).toBe('0.01');
    expect(wanYuan(4999)).toBe('0.00');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e13 }), (fen) => {
        expect(Math.abs(Number(wanYuan(fen)) * 1e6 - fen)).toBeLessThanOrEqual(5000.5);
      }),
    );
  });

  it('refuses future, inverted and pre-ledger periods naming the field', () => {
    expect(periodProblem({ from: '2026-12', to: '2026-12' }, '2026-11', '2025-01')).toMatch(/^统计期：.*尚未到来/);
    expect(periodProblem({ from: '2026-05', to: '2026-03' }, '2026-11', '2025-01')).toMatch(/^统计期：起始月份/);
    expect(periodProblem({ from: '2024-01', to: '2024-12' }, '2026-11', '2025-01')).toMatch(/^统计期：.*台账起始/);
    expect(periodProblem({ from: '2024-06', to: '2025-02' }, '2026-11', '2025-01')).toBeNull();
  });
});

describe('register spans', () => {
  const ev = (
    kind: string,
    effectiveMonth: string | null,
    reason: string | null = null,
    toStatus: string | null = null,
  ) => ({
    kind,
    toStatus,
    effectiveMonth,
    reason,
    date: null,
    at: '2026-01-01T00:00:00Z',
  });
  const h = {
    appliedOn: '2025-01-05',
    approvedOn: '2025-01-20',
    updatedAt: '2026-01-01',
    deathDate: null,
    movedOutDate: null,
  };

  it('enters on 纳入在册 and 恢复, leaves on 终止 with its reason', () => {
    expect(
      registerSpans({
        ...h,
        status: 'active',
        events: [
          ev('created', null, null, 'applied'),
          ev('activate', '2025-02'),
          ev('suspend', '2025-05'),
          ev('stop', '2025-07', '年度复核不合格'),
          ev('resume', '2025-09'),
        ],
      }),
    ).toEqual([
      { from: '2025-02', until: '2025-07', reason: 'review' },
      { from: '2025-09', until: null, reason: null },
    ]);
  });

  it('reads bulk-entered records from their approval, and a stop without its event from the death', () => {
    expect(
      registerSpans({
        ...h,
        status: 'stopped',
        deathDate: '2025-06-10',
        events: [ev('created', null, null, 'stopped')],
      }),
    ).toEqual([{ from: '2025-01', until: '2025-07', reason: 'death' }]);
  });

  it('classifies stop reasons', () => {
    expect(exitReasonOf('死亡（2026-03-01，殡葬）')).toBe('death');
    expect(exitReasonOf('户籍迁出本县')).toBe('moved');
    expect(exitReasonOf('年满18周岁')).toBe('aged');
    expect(exitReasonOf('年度复核不合格')).toBe('review');
    expect(exitReasonOf('本人自愿退出')).toBe('voluntary');
    expect(exitReasonOf('其他原因')).toBe('other');
  });

  it('round-trips drill keys and refuses strange ones', () => {
    const spec = { programs: ['elderly' as const], sub: '90-99', town: '城关镇', measure: 'removed:death' as const };
    expect(decodeDrill(encodeDrill(spec), programs)).toEqual(spec);
    expect(decodeDrill('m=everything', programs)).toBeNull();
    expect(decodeDrill('m=closing&p=lottery', programs)).toBeNull();
  });
});

const months = Array.from({ length: 24 }, (_, i) => addMonths('2025-01', i));
const towns = ['城关镇', '河口乡', '东山镇'];

const spanArb: fc.Arbitrary<RegisterSpan> = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.option(fc.integer({ min: 1, max: 24 })), fc.constantFrom(...exitReasons))
  .map(([a, len, reason]) => {
    const from = addMonths('2024-12', a);
    return len === null ? { from, until: null, reason: null } : { from, until: addMonths(from, len), reason };
  });

const personArb = fc.record({
  program: fc.constantFrom(...programs),
  township: fc.constantFrom(...towns, ''),
  birth: fc.integer({ min: 1920, max: 2020 }),
  grade: fc.integer({ min: 1, max: 4 }),
  category: fc.integer({ min: 1, max: 7 }),
  mode: fc.constantFrom('institution' as const, 'dispersed' as const),
  spans: fc.array(spanArb, { maxLength: 2 }),
});

const moneyArb = fc.record({
  program: fc.constantFrom(...programs),
  month: fc.constantFrom(...months),
  kind: fc.constantFrom(...payoutKinds),
  failed: fc.boolean(),
  township: fc.constantFrom(...towns, ''),
  category: fc.constantFrom('all', 'grade-1', 'institution', '80-89'),
  lines: fc.integer({ min: 1, max: 50 }),
  fen: fc.integer({ min: 1, max: 5_000_000 }),
});

const countyArb: fc.Arbitrary<ReportFacts> = fc
  .tuple(fc.array(personArb, { maxLength: 40 }), fc.array(moneyArb, { maxLength: 60 }))
  .map(([people, money]) => ({
    townships: towns,
    committedMonths: new Set(money.map((m) => m.month)),
    recoveries: [],
    money: money.map((m): MoneyFact => ({ ...m, certCategory: null, certGrade: null })),
    people: people.map((p, i): PersonFact => ({
      enrolmentId: i + 1,
      personId: i + 1,
      program: p.program,
      name: `人${String(i)}`,
      idNumber: '110101199001011234',
      township: p.township,
      village: '',
      sex: 'M',
      birthDate: `${String(p.birth)}-06-15`,
      certCategory: p.category,
      certGrade: p.grade,
      childMode: p.mode,
      spans: p.spans,
    })),
  }));

const periodArb = fc
  .tuple(fc.integer({ min: 12, max: 23 }), fc.integer({ min: 0, max: 11 }))
  .map(([end, len]) => ({ from: months[Math.max(12, end - len)] ?? '2026-01', to: months[end] ?? '2026-12' }));

describe('report properties over random counties', () => {
  it('the township table sums to the county total, column by column', () => {
    fc.assert(
      fc.property(countyArb, periodArb, (facts, p) => {
        const t = townshipTable(facts, p);
        const total = t.rows.find((r) => r.role === 'total');
        const body = t.rows.filter((r) => r.role !== 'total');
        t.columns.forEach((_c, i) =>
          expect(body.reduce((s, r) => s + cellNumber(r.cells[i]), 0)).toBe(cellNumber(total?.cells[i])),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('month cells sum to the 本年累计 of money and movements', () => {
    fc.assert(
      fc.property(countyArb, fc.integer({ min: 12, max: 23 }), (facts, end) => {
        const to = months[end] ?? '2026-12';
        const cum = indicatorTable(facts, { from: '2026-01', to });
        const sums = new Map<string, number>();
        for (let m = '2026-01'; m <= to; m = addMonths(m, 1))
          for (const r of indicatorTable(facts, { from: m, to: m }).rows)
            sums.set(r.key, (sums.get(r.key) ?? 0) + cellNumber(r.cells[0]));
        for (const r of cum.rows)
          if (!r.key.endsWith('.persons') && r.role !== 'heading')
            expect(sums.get(r.key) ?? 0, r.key).toBe(cellNumber(r.cells[1]));
      }),
      { numRuns: 30 },
    );
  });

  it('期初 + 新增 − 减少 = 期末 in every row, and the reasons add up to 减少', () => {
    fc.assert(
      fc.property(countyArb, periodArb, (facts, p) => {
        const t = changesTable(facts, p);
        const at = (key: string) => t.columns.findIndex((c) => c.key === key);
        for (const r of t.rows) {
          const v = (key: string) => cellNumber(r.cells[at(key)]);
          expect(v('opening') + v('added') - v('removed'), r.key).toBe(v('closing'));
          expect(exitReasons.reduce((s, x) => s + v(`removed:${x}`), 0)).toBe(v('removed'));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('every count of the changes table is the number of stays its drill-down lists', () => {
    fc.assert(
      fc.property(countyArb, periodArb, (facts, p) => {
        for (const r of changesTable(facts, p).rows)
          for (const c of r.cells) {
            const drill = c.kind === 'count' ? c.drill : undefined;
            const spec = drill === undefined ? null : decodeDrill(drill, programs);
            if (!spec) throw new Error(`no drill in ${r.key}`);
            const listed = facts.people
              .filter((f) => personFits(f, spec, p))
              .reduce((n, f) => n + spansCounted(f.spans, spec, p).length, 0);
            expect(cellNumber(c), `${r.key} ${drill ?? ''}`).toBe(listed);
          }
      }),
      { numRuns: 60 },
    );
  });

  it('every count with a drill-down in the township, category × grade, tier and children forms is what it lists', () => {
    // The forms count cell by cell from people narrowed by place and certificate; the drill-down filters them all.
    fc.assert(
      fc.property(countyArb, periodArb, (facts, p) => {
        for (const t of [townshipTable, disabilityTable, elderlyTable, childrenTable].map((f) => f(facts, p)))
          for (const r of t.rows)
            for (const c of r.cells) {
              const spec = c.kind === 'count' && c.drill !== undefined ? decodeDrill(c.drill, programs) : null;
              if (!spec) continue;
              const listed = facts.people
                .filter((f) => personFits(f, spec, p))
                .reduce((n, f) => n + spansCounted(f.spans, spec, p).length, 0);
              expect(cellNumber(c), `${t.name} ${r.key}`).toBe(listed);
            }
      }),
      { numRuns: 60 },
    );
  });

  it('every figure of the summary is a cell of the indicator table', () => {
    fc.assert(
      fc.property(countyArb, periodArb, (facts, p) => {
        const s = workSummary(facts, p);
        for (const sentence of s.sentences)
          for (const ref of sentence.refs) {
            const period = parsePeriod(ref.period);
            if (!period) throw new Error(ref.period);
            const row = indicatorTable(facts, period).rows.find((r) => r.key === ref.row);
            expect(cellNumber(row?.cells[['now', 'ytd', 'last', 'change'].indexOf(ref.column)])).toBe(ref.value);
          }
      }),
      { numRuns: 20 },
    );
  });
});
