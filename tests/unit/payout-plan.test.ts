import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, type Month } from '../../shared/domain/dates';
import type { Entitlement } from '../../shared/domain/entitlement';
import { batchNumber, monthsFrom, periodAt, periodOf, planEnrolment, type PaidLine } from '../../shared/domain/payouts';

const entitled = (fen: number, month: Month, from = '2000-01'): Entitlement =>
  fen > 0
    ? {
        month,
        amountFen: fen,
        code: 'ENTITLED',
        reason: '在册',
        category: '80-89',
        standard: { program: 'elderly', category: '80-89', fromMonth: from, amountFen: fen },
      }
    : { month, amountFen: 0, code: 'DECEASED', reason: '已死亡', category: null, standard: null };

const line = (id: number, month: Month, amountFen: number, over: Partial<PaidLine> = {}): PaidLine => ({
  id,
  month,
  kind: 'regular',
  amountFen,
  bankStatus: 'paid',
  account: '6217000010000000001',
  reissueOf: null,
  committed: true,
  ...over,
});

describe('payout planning', () => {
  it('finds the period of a month by the payment frequency', () => {
    expect(periodOf('2026-11', 'monthly')).toEqual({ from: '2026-11', to: '2026-11' });
    expect(periodOf('2026-11', 'quarterly')).toEqual({ from: '2026-10', to: '2026-12' });
    expect(periodOf('2026-05', 'half-yearly')).toEqual({ from: '2026-01', to: '2026-06' });
    expect(batchNumber('disability-care', '2026-11', 3)).toBe('FF202611-HL-03');
  });

  it('after planning, every month is paid exactly what it is entitled to, or the excess is a recovery', () => {
    const month = fc.integer({ min: 0, max: 11 }).map((n) => addMonths('2026-01', n));
    fc.assert(
      fc.property(
        fc.array(
          fc.integer({ min: 0, max: 3 }).map((n) => [0, 5000, 6000, 10000][n] ?? 0),
          { minLength: 12, maxLength: 12 },
        ),
        fc.array(fc.record({ month, amount: fc.constantFrom(5000, 6000), failed: fc.boolean() }), { maxLength: 12 }),
        fc.integer({ min: 0, max: 11 }),
        // Per month: part of what was paid came back (a recovery recorded as recovered), part was waived by the head.
        fc.array(fc.record({ month, back: fc.constantFrom(0, 1000, 5000), waived: fc.constantFrom(0, 1000) })),
        (amounts, paidRaw, periodIndex, resolved) => {
          // At most one live full payment per month, as the database guarantees.
          const seen = new Set<string>();
          const paid: PaidLine[] = [];
          paidRaw.forEach((p, i) => {
            if (!p.failed && seen.has(p.month)) return;
            if (!p.failed) seen.add(p.month);
            paid.push(line(i + 1, p.month, p.amount, { bankStatus: p.failed ? 'failed' : 'paid' }));
          });
          const liveFen = (m: Month) =>
            paid.filter((l) => l.month === m && l.bankStatus !== 'failed').reduce((s, l) => s + l.amountFen, 0);
          const returned = new Map<Month, number>();
          const waived = new Map<Month, number>();
          for (const r of resolved) {
            // Less came back than was paid: a month whose money came back in full has its lines out of `paid`.
            if (r.back > 0 && r.back < liveFen(r.month)) returned.set(r.month, r.back);
            if (r.waived > 0) waived.set(r.month, r.waived);
          }
          const periodFrom = addMonths('2026-01', periodIndex);
          const at = (m: Month) => amounts[monthsFrom('2026-01', m).length - 1] ?? 0;
          const plan = planEnrolment({
            ledgerStart: '2026-01',
            periodFrom,
            periodTo: periodFrom,
            entitled: (m) => entitled(at(m), m),
            paid,
            accountNow: '6217000010000000002',
            returned,
            waived,
          });
          for (const m of monthsFrom('2026-01', periodFrom)) {
            const before = liveFen(m);
            const added = plan.lines.filter((l) => l.month === m);
            const addedFen = added.reduce((s, l) => s + l.amountFen, 0);
            // What the payee holds once this batch is paid, and what they must give back beyond what was waived.
            const holds = before - (returned.get(m) ?? 0) + addedFen;
            const over = plan.overpaid.filter((o) => o.month === m).reduce((s, o) => s + o.amountFen, 0);
            expect(holds).toBeGreaterThanOrEqual(at(m));
            if (addedFen > 0) expect(holds).toBe(at(m));
            expect(over).toBe(Math.max(0, holds - (waived.get(m) ?? 0) - at(m)));
            expect(added.filter((l) => l.kind !== 'difference').length).toBeLessThanOrEqual(before > 0 ? 0 : 1);
            for (const l of added) {
              expect(Number.isInteger(l.amountFen) && l.amountFen > 0).toBe(true);
              expect(l.kind).toBe(
                before > 0
                  ? 'difference'
                  : paid.some((p) => p.month === m && p.bankStatus === 'failed')
                    ? 'reissue'
                    : m < periodFrom
                      ? 'backpay'
                      : 'regular',
              );
            }
          }
        },
      ),
    );
  });

  it('holds everything back for a payee without a bank account: nothing in the batch, nothing recovered for it', () => {
    const plan = planEnrolment({
      ledgerStart: '2026-01',
      periodFrom: '2026-03',
      periodTo: '2026-03',
      entitled: (m) => entitled(5000, m),
      paid: [line(1, '2026-01', 5000)],
      accountNow: '|||',
      hasAccount: false,
    });
    expect(plan.lines).toEqual([]);
    expect(plan.waiting.map((l) => `${l.month} ${l.kind} ${String(l.amountFen)}`)).toEqual([
      '2026-02 backpay 5000',
      '2026-03 regular 5000',
    ]);
    expect(plan.overpaid).toEqual([]);
  });

  it('owes back what a later event leaves overpaid, less what came back and what was waived', () => {
    const base = {
      ledgerStart: '2026-03',
      periodFrom: '2026-06',
      periodTo: '2026-06',
      paid: [line(1, '2026-03', 5000), line(2, '2026-04', 5000), line(3, '2026-05', 5000)],
      accountNow: 'x',
    };
    // Standard lowered to ¥40: ¥10 a month owed back.
    const lowered = planEnrolment({ ...base, entitled: (m) => entitled(4000, m) });
    expect(lowered.overpaid.map((o) => [o.month, o.amountFen])).toEqual([
      ['2026-03', 1000],
      ['2026-04', 1000],
      ['2026-05', 1000],
    ]);
    // March's ¥10 came back, May's was waived; then a death in February: the rest of each month is owed.
    const dead = planEnrolment({
      ...base,
      entitled: (m) => entitled(0, m),
      returned: new Map([['2026-03', 1000]]),
      waived: new Map([['2026-05', 1000]]),
    });
    expect(dead.overpaid.map((o) => [o.month, o.amountFen])).toEqual([
      ['2026-03', 4000],
      ['2026-04', 5000],
      ['2026-05', 4000],
    ]);
    expect(dead.overpaid[2]?.reason).toBe('2026-05 已发 50.00 元（其中 10.00 元已免予追缴），应发 0.00 元：已死亡');
    // Reinstated at ¥50 after March's ¥10 came back: only that ¥10 is paid again.
    const back = planEnrolment({ ...base, entitled: (m) => entitled(5000, m), returned: new Map([['2026-03', 1000]]) });
    expect(back.lines.map((l) => `${l.month} ${l.kind} ${String(l.amountFen)}`)).toEqual([
      '2026-03 difference 1000',
      '2026-06 regular 5000',
    ]);
  });

  it('cuts a period where the payment frequency changes in the middle of a quarter', () => {
    const quarterlyUntilJan = (m: Month) => (m < '2026-02' ? 'quarterly' : 'monthly');
    expect(periodAt('2026-01', quarterlyUntilJan)).toEqual({ from: '2026-01', to: '2026-01' });
    expect(periodAt('2026-03', quarterlyUntilJan)).toEqual({ from: '2026-03', to: '2026-03' });
    const quarterlyFromFeb = (m: Month) => (m < '2026-02' ? 'monthly' : 'quarterly');
    expect(periodAt('2026-03', quarterlyFromFeb)).toEqual({ from: '2026-02', to: '2026-03' });
    expect(periodAt('2026-05', quarterlyFromFeb)).toEqual({ from: '2026-04', to: '2026-06' });
    expect(periodAt('2026-05', () => 'half-yearly')).toEqual(periodOf('2026-05', 'half-yearly'));
  });

  it('holds a failed line while the account is the same, and reissues it once the account changed', () => {
    const failed = [line(7, '2026-05', 6000, { bankStatus: 'failed', account: 'A' })];
    const base = {
      ledgerStart: '2026-05',
      periodFrom: '2026-06',
      periodTo: '2026-06',
      entitled: (m: Month) => entitled(6000, m),
      paid: failed,
    };
    const held = planEnrolment({ ...base, accountNow: 'A' });
    expect(held.held).toEqual([{ lineId: 7, month: '2026-05' }]);
    expect(held.lines.map((l) => `${l.month} ${l.kind}`)).toEqual(['2026-06 regular']);
    const fixed = planEnrolment({ ...base, accountNow: 'B' });
    expect(fixed.lines.map((l) => `${l.month} ${l.kind} ${String(l.reissueOf)}`)).toEqual([
      '2026-05 reissue 7',
      '2026-06 regular null',
    ]);
    // The reissue itself in a batch: the month is paid, nothing more is planned.
    const again = planEnrolment({
      ...base,
      paid: [
        ...failed,
        line(8, '2026-05', 6000, { kind: 'reissue', reissueOf: 7, bankStatus: 'pending', account: 'B' }),
      ],
      accountNow: 'B',
    });
    expect(again.lines.map((l) => l.month)).toEqual(['2026-06']);
  });

  it('does not recover what an unlocked batch paid: that batch is regenerated instead', () => {
    const plan = planEnrolment({
      ledgerStart: '2026-05',
      periodFrom: '2026-07',
      periodTo: '2026-07',
      entitled: (m) => entitled(0, m),
      paid: [line(1, '2026-05', 5000), line(2, '2026-06', 5000, { committed: false })],
      accountNow: 'x',
    });
    expect(plan.overpaid.map((o) => [o.month, o.amountFen])).toEqual([['2026-05', 5000]]);
    expect(plan.overpaid[0]?.reason).toBe('2026-05 已发 50.00 元，应发 0.00 元：已死亡');
  });
});
