import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PayoutCounty } from '../support/payout-county';
import { tempDir } from '../support/tmp';

/** A county that pays 高龄津贴 by the quarter: one batch holds the quarter's three months. */
describe('payouts by the quarter', () => {
  const tmp = tempDir();
  const c = new PayoutCounty(tmp.dir);
  beforeAll(async () => {
    await c.setup([
      ['elderly', '80-89', '2000-01', 5000],
      ['elderly', '80-89', '2026-05', 6000],
    ]);
    await c.ok('wang', 'policy.set', { key: 'paymentFrequency', value: 'quarterly', fromMonth: '2026-01' });
    const a = await c.person('42010219400315001', '张三', '6217000010000000001');
    await c.enrol(a, 'elderly', '2026-01-10', '2026-01-20');
    await c.at('2026-04-02');
  });
  afterAll(() => {
    c.close();
    tmp.cleanup();
  });

  it('generates the quarter containing the month, each month at its own standard, and back-pays the quarter before only once', async () => {
    const q1 = await c.pay('elderly', '2026-02');
    expect(q1).toMatchObject({
      batchNo: 'FF202601-GL-01',
      periodFrom: '2026-01',
      periodTo: '2026-03',
      lineCount: 3,
      totalFen: 15000,
      byKind: { regular: { lines: 3 } },
    });
    const q2 = await c.ok('li', 'payout.generate', { program: 'elderly', month: '2026-06' });
    // April at ¥50, May and June at ¥60.
    expect(q2).toMatchObject({ periodFrom: '2026-04', periodTo: '2026-06', lineCount: 3, totalFen: 17000 });
    expect((await c.lines(q2.id)).lines.map((l) => `${l.month} ${String(l.amountFen)}`)).toEqual([
      '2026-04 5000',
      '2026-05 6000',
      '2026-06 6000',
    ]);
    // Asking for another month of the same quarter regenerates the same draft.
    expect(await c.ok('li', 'payout.generate', { program: 'elderly', month: '2026-04' })).toMatchObject({
      id: q2.id,
      lineCount: 3,
    });
  });
});
