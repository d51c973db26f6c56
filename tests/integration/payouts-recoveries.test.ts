import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PayoutLine, Recovery } from '../../shared/contract';
import { PayoutCounty } from '../support/payout-county';
import { tempDir } from '../support/tmp';

/**
 * Recoveries through the real services, every figure by hand. 高龄 80–89 ¥50 and
 * 90–99 ¥100 from 2000-01. Four elders applied and approved on 2 January 2026, so
 * January is the ledger's first month and each is paid from it:
 * 张三 (80–89) is stopped late and reinstated, 李秀英 (90–99) is overpaid by a
 * lowered standard and then dies, 李四 (80–89) moves out on paper by mistake,
 * 周五 (80–89) re-applies while April is paid under the old enrolment.
 */
const lineSet = (lines: readonly PayoutLine[]) =>
  lines.map((l) => `${l.name} ${l.month} ${l.kind} ${String(l.amountFen)}`).sort();
const recSet = (rs: readonly Recovery[], name: string) =>
  rs
    .filter((r) => r.name === name)
    .map((r) => `${r.month} ${r.status} ${String(r.amountFen)}`)
    .sort();

describe('recoveries, to the fen', () => {
  const tmp = tempDir();
  const c = new PayoutCounty(tmp.dir);
  const p = { zhang: 0, li: 0, si: 0, zhou: 0 };
  const e = { zhang: 0, li: 0, si: 0, zhou: 0, zhou2: 0 };
  const recoveries = () => c.ok('li', 'payout.recoveries', {});

  beforeAll(async () => {
    await c.setup([
      ['elderly', '80-89', '2000-01', 5000],
      ['elderly', '90-99', '2000-01', 10000],
    ]);
    p.zhang = await c.person('42010219400315001', '张三', '6217000010000000001');
    p.li = await c.person('42010219350620002', '李秀英', '6217000010000000002');
    p.si = await c.person('42010219410505005', '李四', '6217000010000000005');
    p.zhou = await c.person('42010219420808006', '周五', '6217000010000000006');
    for (const k of ['zhang', 'li', 'si', 'zhou'] as const)
      e[k] = await c.enrol(p[k], 'elderly', '2026-01-02', '2026-01-02');
    // January to April paid and locked: ¥50 + ¥100 + ¥50 + ¥50 a month.
    for (const [date, month] of [
      ['2026-01-15', '2026-01'],
      ['2026-02-05', '2026-02'],
      ['2026-03-05', '2026-03'],
      ['2026-04-05', '2026-04'],
    ] as const) {
      await c.at(date);
      expect((await c.pay('elderly', month)).totalFen).toBe(25000);
    }
  }, 120_000);
  afterAll(() => {
    c.close();
    tmp.cleanup();
  });

  it('turns a stop recorded late into recoveries at once, as a death is', async () => {
    await c.at('2026-04-20');
    // Failed the annual review at the end of January: stopped from February, three months already paid.
    await c.ok('li', 'enrolment.transition', {
      id: e.zhang,
      action: 'stop',
      date: '2026-01-31',
      reason: '年度复核不合格',
    });
    const rs = await c.ok('li', 'payout.recoveries', { status: 'pending' });
    expect(rs.map((r) => [r.name, r.month, r.amountFen, r.reason])).toEqual([
      ['张三', '2026-02', 5000, '2026-02 已发 50.00 元，应发 0.00 元：自 2026-02 起停发'],
      ['张三', '2026-03', 5000, '2026-03 已发 50.00 元，应发 0.00 元：自 2026-02 起停发'],
      ['张三', '2026-04', 5000, '2026-04 已发 50.00 元，应发 0.00 元：自 2026-02 起停发'],
    ]);
    // The family pays the ¥150 back.
    expect(
      await c.ok('li', 'payout.resolveRecovery', {
        ids: rs.map((r) => r.id),
        status: 'recovered',
        note: '家属已退回 150 元',
      }),
    ).toEqual({ updated: 3 });
  });

  it('turns a move-out recorded late into recoveries at once', async () => {
    await c.at('2026-04-25');
    const si = (await c.ok('li', 'person.get', { id: p.si })).person;
    await c.ok('li', 'person.save', {
      id: si.id,
      idNumber: si.idNumber,
      name: si.name,
      villageCode: '420102001001',
      bankName: '农商银行',
      bankAccount: '6217000010000000005',
      movedOutDate: '2026-02-10',
    });
    // Paid through the month of moving out: March and April are owed back.
    expect(recSet(await recoveries(), '李四')).toEqual(['2026-03 pending 5000', '2026-04 pending 5000']);
  });

  it('pays an overturned stop again for the months whose money came back, and catches a re-application overlapping a paid month', async () => {
    // The stop is overturned on review (行政复议): 张三 is entitled from February again.
    await c.at('2026-05-03');
    await c.ok('li', 'enrolment.transition', {
      id: e.zhang,
      action: 'resume',
      date: '2026-05-03',
      effectiveMonth: '2026-02',
      reason: '行政复议撤销终止决定',
    });
    // 周五's enrolment stops from May; the re-application of 1 April overlaps April, which the old one paid.
    await c.ok('li', 'enrolment.transition', { id: e.zhou, action: 'stop', date: '2026-04-28', reason: '自愿退出' });
    e.zhou2 = await c.enrol(p.zhou, 'elderly', '2026-04-01', '2026-04-28');
    // 李秀英's 90–99 standard was entered too high: ¥90 from February, decided now.
    await c.ok('wang', 'standard.set', {
      program: 'elderly',
      category: '90-99',
      fromMonth: '2026-02',
      amountFen: 9000,
    });
    await c.at('2026-05-10');
    const may = await c.ok('li', 'payout.generate', { program: 'elderly', month: '2026-05' });
    // 张三: February to April back-paid (their ¥150 came back) and May; 李秀英 ¥90; 周五 May alone, under the new enrolment.
    expect(may).toMatchObject({
      lineCount: 6,
      totalFen: 34000,
      byKind: { regular: { lines: 3, fen: 19000 }, backpay: { lines: 3, fen: 15000 } },
      recoveriesFound: 3,
      heldOut: [],
    });
    const { lines } = await c.lines(may.id);
    expect(lineSet(lines)).toEqual([
      '周五 2026-05 regular 5000',
      '张三 2026-02 backpay 5000',
      '张三 2026-03 backpay 5000',
      '张三 2026-04 backpay 5000',
      '张三 2026-05 regular 5000',
      '李秀英 2026-05 regular 9000',
    ]);
    expect(lines.find((l) => l.name === '周五')?.enrolmentId).toBe(e.zhou2);
    // ¥10 of each month February to April is owed back by 李秀英.
    expect(recSet(await recoveries(), '李秀英')).toEqual([
      '2026-02 pending 1000',
      '2026-03 pending 1000',
      '2026-04 pending 1000',
    ]);
    await c.ok('zhao', 'payout.review', { batchId: may.id });
    await c.ok('wang', 'payout.lock', { batchId: may.id });
    // The database holds the rule too: April paid again to 周五 under the new enrolment is refused.
    const store = c.t.app.currentStore();
    const april = store?.raw
      .prepare(`SELECT * FROM payout_lines WHERE person_id = ? AND month = '2026-04' AND voided = 0`)
      .get(p.zhou) as Record<string, unknown>;
    expect(() =>
      store?.raw
        .prepare(
          `INSERT INTO payout_lines (batch_id, program, enrolment_id, person_id, month, kind, category, standard_from, standard_fen, amount_fen, name, id_number, bank_account)
           VALUES (?, 'elderly', ?, ?, '2026-04', 'backpay', '80-89', '2000-01', 5000, 5000, '周五', ?, ?)`,
        )
        .run(may.id, e.zhou2, p.zhou, april.id_number, april.bank_account),
    ).toThrow(/UNIQUE/);
  });

  it('makes a pending recovery follow a later change of the amount, never a recovered or waived one', async () => {
    await c.at('2026-05-15');
    const li = (await c.ok('li', 'payout.recoveries', { status: 'pending' })).filter((r) => r.name === '李秀英');
    // February's ¥10 came back; the head waived March's; April's is still pending.
    await c.ok('li', 'payout.resolveRecovery', { ids: [li[0]?.id ?? 0], status: 'recovered', note: '已退回' });
    await c.ok('wang', 'payout.resolveRecovery', { ids: [li[1]?.id ?? 0], status: 'waived', note: '金额较小' });
    await c.at('2026-05-20');
    // She died on 20 January: February onwards is owed back, less what came back or was waived.
    const death = await c.ok('li', 'person.recordDeath', {
      idNumber: (await c.ok('li', 'person.revealId', { id: p.li })).idNumber,
      date: '2026-01-20',
    });
    expect(death.recoveryCandidates).toEqual([
      { enrolmentId: e.li, month: '2026-02', amountFen: 9000 },
      { enrolmentId: e.li, month: '2026-03', amountFen: 9000 },
      { enrolmentId: e.li, month: '2026-04', amountFen: 10000 },
      { enrolmentId: e.li, month: '2026-05', amountFen: 9000 },
    ]);
    expect(recSet(await recoveries(), '李秀英')).toEqual([
      '2026-02 pending 9000',
      '2026-02 recovered 1000',
      '2026-03 pending 9000',
      '2026-03 waived 1000',
      '2026-04 pending 10000',
      '2026-05 pending 9000',
    ]);
    const audit = await c.ok('wang', 'audit.list', { entity: 'enrolment' });
    const update = audit.rows.filter((r) => r.action === 'recovery.update');
    expect(update).toHaveLength(1);
    expect(update[0]?.entityId).toBe(String(e.li));
    expect(JSON.parse(update[0]?.before ?? '{}')).toMatchObject({ month: '2026-04', amountFen: 1000 });
    expect(JSON.parse(update[0]?.after ?? '{}')).toMatchObject({ month: '2026-04', amountFen: 10000 });
  });

  it('cancels pending recoveries no longer owed, and pays the months again', async () => {
    await c.at('2026-05-25');
    // 李四 never moved: the date was entered on the wrong person.
    const si = (await c.ok('li', 'person.get', { id: p.si })).person;
    await c.ok('li', 'person.save', {
      id: si.id,
      idNumber: si.idNumber,
      name: si.name,
      villageCode: '420102001001',
      bankName: '农商银行',
      bankAccount: '6217000010000000005',
      movedOutDate: null,
    });
    expect(recSet(await recoveries(), '李四')).toEqual(['2026-03 cancelled 5000', '2026-04 cancelled 5000']);
    await c.at('2026-06-05');
    const june = await c.ok('li', 'payout.generate', { program: 'elderly', month: '2026-06' });
    // 张三 ¥50; 李四 May back-paid and June; 周五 ¥50; nothing for 李秀英, and nothing new to recover.
    expect(june).toMatchObject({ lineCount: 4, totalFen: 20000, recoveriesFound: 0 });
    expect(lineSet((await c.lines(june.id)).lines)).toEqual([
      '周五 2026-06 regular 5000',
      '张三 2026-06 regular 5000',
      '李四 2026-05 backpay 5000',
      '李四 2026-06 regular 5000',
    ]);
  });
});
