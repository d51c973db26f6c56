import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, type Month } from '../../shared/domain/dates';
import type { Entitlement } from '../../shared/domain/entitlement';
import { batchNumber, monthsFrom, periodOf, planEnrolment, type PaidLine } from '../../shared/domain/payout';

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
        (amounts, paidRaw, periodIndex) => {
          // At most one live full payment per month, as the database guarantees.
          const seen = new Set<string>();
          const paid: PaidLine[] = [];
          paidRaw.forEach((p, i) => {
            if (!p.failed && seen.has(p.month)) return;
            if (!p.failed) seen.add(p.month);
            paid.push(line(i + 1, p.month, p.amount, { bankStatus: p.failed ? 'failed' : 'paid' }));
          });
          const periodFrom = addMonths('2026-01', periodIndex);
          const at = (m: Month) => amounts[monthsFrom('2026-01', m).length - 1] ?? 0;
          const plan = planEnrolment({
            ledgerStart: '2026-01',
            periodFrom,
            periodTo: periodFrom,
            entitled: (m) => entitled(at(m), m),
            paid,
            accountNow: '6217000010000000002',
          });
          for (const m of monthsFrom('2026-01', periodFrom)) {
            const before = paid
              .filter((l) => l.month === m && l.bankStatus !== 'failed')
              .reduce((s, l) => s + l.amountFen, 0);
            const added = plan.lines.filter((l) => l.month === m);
            const after = before + added.reduce((s, l) => s + l.amountFen, 0);
            const over = plan.overpaid.find((o) => o.month === m)?.amountFen ?? 0;
            expect(after - over).toBe(at(m));
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
