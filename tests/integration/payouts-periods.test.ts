import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../support/fixtures';
import { PayoutCounty } from '../support/payout-county';
import { tempDir } from '../support/tmp';

/** 高龄 80–89 ¥50; 张三 applied and was approved on 2 January 2026. */
async function county(dir: string): Promise<{ c: PayoutCounty; enrolment: number }> {
  const c = new PayoutCounty(dir);
  await c.setup([['elderly', '80-89', '2000-01', 5000]]);
  const a = await c.person('42010219400315001', '张三', '6217000010000000001');
  return { c, enrolment: await c.enrol(a, 'elderly', '2026-01-02', '2026-01-02') };
}

describe('empty periods and where the ledger starts', () => {
  const tmp = tempDir();
  let c: PayoutCounty;
  let enrolment = 0;
  const live = async (month: string) =>
    (await c.ok('li', 'payout.list', { program: 'elderly' })).filter(
      (b) => b.periodFrom === month && b.status !== 'voided',
    );
  beforeAll(async () => ({ c, enrolment } = await county(tmp.dir)), 60_000);
  afterAll(() => {
    c.close();
    tmp.cleanup();
  });

  it('does not start the ledger at a draft: a mistyped June leaves January open', async () => {
    await c.at('2026-01-15');
    const june = await c.ok('li', 'payout.generate', { program: 'elderly', month: '2026-06' });
    expect(june).toMatchObject({ batchNo: 'FF202606-GL-01', status: 'draft', lineCount: 1 });
    const jan = await c.pay('elderly', '2026-01');
    expect(jan).toMatchObject({ batchNo: 'FF202601-GL-01', lineCount: 1, totalFen: 5000 });
    await c.ok('wang', 'payout.void', { batchId: june.id, reason: '月份录入有误' });
    // January is locked: it is where the ledger starts now.
    await c.at('2026-01-20');
    expect(await invoke(c.t, 'li', 'payout.generate', { program: 'elderly', month: '2025-12' })).toMatchObject({
      ok: false,
      error: { code: 'BATCH_STATE', message: expect.stringContaining('已从 2026-01 起在本系统发放') },
    });
  });

  it('says so when a period has nothing to pay, and leaves no draft', async () => {
    await c.at('2026-02-05');
    const feb = await c.ok('li', 'payout.generate', { program: 'elderly', month: '2026-02' });
    expect(feb).toMatchObject({ batchNo: 'FF202602-GL-01', lineCount: 1, totalFen: 5000 });
    // Withdrew on 20 January: nothing from February. The draft that would pay February goes.
    await c.ok('li', 'enrolment.transition', { id: enrolment, action: 'stop', date: '2026-01-20', reason: '自愿退出' });
    expect(await invoke(c.t, 'li', 'payout.generate', { program: 'elderly', month: '2026-02' })).toMatchObject({
      ok: false,
      error: {
        code: 'BATCH_EMPTY',
        message: '高龄津贴 2026-02 没有应发放的款项，未生成批次；原草稿批次 FF202602-GL-01 已删除',
      },
    });
    expect(await live('2026-02')).toEqual([]);
    await c.at('2026-03-05');
    expect(await invoke(c.t, 'li', 'payout.generate', { program: 'elderly', month: '2026-03' })).toMatchObject({
      ok: false,
      error: { code: 'BATCH_EMPTY', message: '高龄津贴 2026-03 没有应发放的款项，未生成批次' },
    });
    expect(await live('2026-03')).toEqual([]);
  });
});

describe('switching the payment frequency in the middle of a quarter', () => {
  const tmp = tempDir();
  let c: PayoutCounty;
  const frequency = (value: string, fromMonth: string) =>
    c.ok('wang', 'policy.set', { key: 'paymentFrequency', value, fromMonth });
  beforeAll(async () => {
    ({ c } = await county(tmp.dir));
    await frequency('quarterly', '2026-01');
  }, 60_000);
  afterAll(() => {
    c.close();
    tmp.cleanup();
  });

  it('cuts a quarterly draft at the switch to monthly, and names the months another batch holds', async () => {
    await c.at('2026-01-20');
    const q1 = await c.ok('li', 'payout.generate', { program: 'elderly', month: '2026-01' });
    expect(q1).toMatchObject({ periodFrom: '2026-01', periodTo: '2026-03', lineCount: 3, totalFen: 15000 });
    // The county pays monthly from February.
    await frequency('monthly', '2026-02');
    expect(await invoke(c.t, 'li', 'payout.generate', { program: 'elderly', month: '2026-02' })).toMatchObject({
      ok: false,
      error: {
        code: 'BATCH_STATE',
        message: expect.stringContaining(
          '高龄津贴 2026-02 已在批次 FF202601-GL-01（2026-01 至 2026-03，草稿）中，不能再生成 2026-02 的批次',
        ),
      },
    });
    // Regenerated, the draft pays January alone and says so in its period.
    expect(await c.ok('li', 'payout.generate', { program: 'elderly', month: '2026-01' })).toMatchObject({
      id: q1.id,
      periodFrom: '2026-01',
      periodTo: '2026-01',
      lineCount: 1,
      totalFen: 5000,
    });
    await c.ok('zhao', 'payout.review', { batchId: q1.id });
    await c.ok('wang', 'payout.lock', { batchId: q1.id });
    await c.at('2026-02-05');
    expect(await c.pay('elderly', '2026-02')).toMatchObject({
      batchNo: 'FF202602-GL-01',
      periodFrom: '2026-02',
      periodTo: '2026-02',
      totalFen: 5000,
    });
  });

  it('starts a quarter at the switch back to quarterly, and refuses months a locked batch holds', async () => {
    // Quarterly again from May, in the middle of the second quarter: March and April alone, then May and June.
    await frequency('quarterly', '2026-05');
    await c.at('2026-03-05');
    expect(await c.pay('elderly', '2026-03')).toMatchObject({ periodFrom: '2026-03', periodTo: '2026-03' });
    await c.at('2026-04-05');
    expect(await c.pay('elderly', '2026-04')).toMatchObject({ periodFrom: '2026-04', periodTo: '2026-04' });
    await c.at('2026-05-05');
    const mayJune = await c.pay('elderly', '2026-06');
    expect(mayJune).toMatchObject({
      batchNo: 'FF202605-GL-01',
      periodFrom: '2026-05',
      periodTo: '2026-06',
      lineCount: 2,
      totalFen: 10000,
    });
    // Monthly again from June, decided after May and June were locked: June is not paid twice.
    await frequency('monthly', '2026-06');
    expect(await invoke(c.t, 'li', 'payout.generate', { program: 'elderly', month: '2026-06' })).toMatchObject({
      ok: false,
      error: {
        code: 'BATCH_STATE',
        message: expect.stringContaining('2026-06 已在批次 FF202605-GL-01（2026-05 至 2026-06，已锁定）中'),
      },
    });
  });
});
