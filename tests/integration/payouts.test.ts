import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PayoutLine } from '../../shared/contract';
import { invoke } from '../support/fixtures';
import { PayoutCounty } from '../support/payout-county';
import { tempDir } from '../support/tmp';

/**
 * One county through eight months, every figure computed by hand in the comments.
 * Standards: 高龄 80–89 ¥50 from 2000-01, ¥60 from 2026-03 (decided in January),
 * then raised in July to ¥70 from 2026-05 (retroactive); 90–99 ¥100; 孤儿散居 ¥1400.
 */
const lineSet = (lines: readonly PayoutLine[]) =>
  lines.map((l) => `${l.name} ${l.month} ${l.kind} ${String(l.amountFen)}`).sort();

describe('payout batches, to the fen', () => {
  const tmp = tempDir();
  const c = new PayoutCounty(tmp.dir);
  const ids = { a: 0, b: 0, cc: 0, d: 0, e: 0 };
  const batches: Record<string, number> = {};

  beforeAll(async () => {
    await c.setup([
      ['elderly', '80-89', '2000-01', 5000],
      ['elderly', '90-99', '2000-01', 10000],
      ['elderly', '100+', '2000-01', 50000],
      ['elderly', '80-89', '2026-03', 6000],
      ['orphan', 'dispersed', '2000-01', 140000],
    ]);
    const a = await c.person('42010219400315001', '张三', '6217000010000000001');
    const b = await c.person('42010219350620002', '李秀英', '6217000010000000002');
    const cc = await c.person('42010219380201003', '王建国', '6217000010000000003');
    const d = await c.person('42010219360710004', '赵桂兰', '6217000010000000004');
    const e = await c.person('42010220080620005', '孙小明', '6217000010000000005');
    ids.b = await c.enrol(b, 'elderly', '2025-12-01', '2026-01-02');
    ids.cc = await c.enrol(cc, 'elderly', '2025-12-01', '2026-01-02');
    ids.d = await c.enrol(d, 'elderly', '2025-12-01', '2026-01-02');
    ids.e = await c.enrol(e, 'orphan', '2025-11-01', '2025-12-15', { childMode: 'dispersed', guardianName: '孙大伟' });
    await c.at('2026-01-05');
    ids.a = await c.enrol(a, 'elderly', '2026-01-05');
  });
  afterAll(() => {
    c.close();
    tmp.cleanup();
  });

  it('pays January to April regularly, at the new standard from March', async () => {
    const jan = await c.pay('elderly', '2026-01');
    // 李秀英 is 90: ¥100; 王建国 and 赵桂兰 ¥50. They applied on 1 December and were approved on 2 January,
    // after the ledger began: December is owed from the application month, back-paid in the first batch.
    expect(jan).toMatchObject({
      batchNo: 'FF202601-GL-01',
      status: 'locked',
      lineCount: 6,
      totalFen: 40000,
      byKind: { regular: { lines: 3, fen: 20000 }, backpay: { lines: 3, fen: 20000 } },
    });
    batches.orphanJan = (await c.pay('orphan', '2026-01')).id;
    for (const [date, month] of [
      ['2026-02-05', '2026-02'],
      ['2026-03-05', '2026-03'],
      ['2026-04-05', '2026-04'],
    ] as const) {
      await c.at(date);
      const b = await c.pay('elderly', month);
      // ¥100 + 2 × ¥50 in February; ¥100 + 2 × ¥60 from March.
      expect(b.totalFen).toBe(month === '2026-02' ? 20000 : 22000);
    }
  });

  it('back-pays a late approval across the standard change: 50 + 50 + 60 + 60, and May at 60', async () => {
    await c.at('2026-04-20');
    await c.ok('li', 'enrolment.transition', { id: ids.a, action: 'review', date: '2026-04-20' });
    await c.ok('zhao', 'enrolment.transition', { id: ids.a, action: 'approve', date: '2026-04-20' });
    // Approved but still in 公示: not paid yet.
    await c.at('2026-04-22');
    const during = await c.ok('li', 'payout.generate', { program: 'elderly', month: '2026-05' });
    expect((await c.lines(during.id)).lines.some((l) => l.name === '张三')).toBe(false);
    await c.activate(ids.a, '2026-04-20');
    await c.at('2026-05-05');
    const may = await c.ok('li', 'payout.generate', { program: 'elderly', month: '2026-05' });
    batches.may = may.id;
    expect(may).toMatchObject({
      lineCount: 8,
      totalFen: 50000,
      byKind: {
        regular: { lines: 4, fen: 28000 },
        backpay: { lines: 4, fen: 22000 },
        difference: { lines: 0 },
        reissue: { lines: 0 },
      },
    });
    const { lines } = await c.lines(may.id);
    expect(lineSet(lines.filter((l) => l.name === '张三'))).toEqual([
      '张三 2026-01 backpay 5000',
      '张三 2026-02 backpay 5000',
      '张三 2026-03 backpay 6000',
      '张三 2026-04 backpay 6000',
      '张三 2026-05 regular 6000',
    ]);
    expect(lines.find((l) => l.kind === 'backpay' && l.month === '2026-03')).toMatchObject({
      standardFen: 6000,
      category: '80-89',
      note: '补发 2026-03',
    });
    // The generator may not review their own batch; the head locks only a reviewed one.
    expect(await invoke(c.t, 'li', 'payout.review', { batchId: may.id })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await invoke(c.t, 'wang', 'payout.lock', { batchId: may.id })).toMatchObject({
      ok: false,
      error: { code: 'BATCH_STATE' },
    });
    // Regenerating a draft gives the same lines, never twice.
    expect(await c.ok('li', 'payout.generate', { program: 'elderly', month: '2026-05' })).toMatchObject({
      id: may.id,
      lineCount: 8,
      totalFen: 50000,
    });
    await c.ok('zhao', 'payout.review', { batchId: may.id });
    await c.ok('wang', 'payout.lock', { batchId: may.id });
    expect(await invoke(c.t, 'li', 'payout.generate', { program: 'elderly', month: '2026-05' })).toMatchObject({
      ok: false,
      error: { code: 'BATCH_STATE' },
    });
  });

  it('exports the bank file with the batch total, and reads the bank return: one failure', async () => {
    const templates = await c.ok('li', 'bank.templates', {});
    const exported = await c.ok('li', 'payout.exportBank', {
      batchId: batches.may ?? 0,
      templateId: templates[0]?.id ?? 0,
    });
    expect(exported).toMatchObject({ lines: 8, totalFen: 50000 });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(c.saveTo) as unknown as ArrayBuffer);
    const rows = book.worksheets[0]?.getSheetValues().slice(2) ?? [];
    const sum = rows.reduce<number>((s, r) => s + Math.round(Number((r as unknown[])[6]) * 100), 0);
    expect(sum).toBe(50000);
    const wangLine = (await c.lines(batches.may ?? 0)).lines.find((l) => l.name === '王建国');
    const ret = new ExcelJS.Workbook();
    const sheet = ret.addWorksheet('回盘');
    sheet.addRow(['农商银行代发回盘']);
    sheet.addRow(['流水号', '户名', '账号', '金额', '处理结果', '失败原因']);
    sheet.addRow([
      `WD${String(wangLine?.id ?? 0).padStart(9, '0')}`,
      '王建国',
      '6217000010000000003',
      '60.00',
      '失败',
      '账户已销户',
    ]);
    // A row still in process: its line stays pending, not taken as paid with the unlisted ones.
    const zhang = (await c.lines(batches.may ?? 0)).lines.find((l) => l.name === '张三' && l.kind === 'regular');
    sheet.addRow([
      `WD${String(zhang?.id ?? 0).padStart(9, '0')}`,
      '张三',
      '6217000010000000001',
      '60.00',
      '处理中',
      '',
    ]);
    const file = Buffer.from(await ret.xlsx.writeBuffer());
    const r = await c.ok('li', 'payout.importReturn', {
      batchId: batches.may ?? 0,
      fileName: '回盘.xlsx',
      contentBase64: file.toString('base64'),
    });
    // The bank has not answered for 张三's line yet: the batch stays 已导出 until it has.
    expect(r).toMatchObject({
      paid: 6,
      failed: 1,
      pending: 1,
      unmatched: [{ row: 4, message: '第 4 行：银行仍在处理（处理中），该笔暂不标记' }],
      batch: { status: 'exported', paidLines: 6, failedLines: 1 },
    });
    expect((await c.lines(batches.may ?? 0)).lines.find((l) => l.id === zhang?.id)?.bankStatus).toBe('pending');
    const later = new ExcelJS.Workbook();
    later.addWorksheet('回盘').addRows([
      ['流水号', '户名', '金额', '处理结果'],
      [`WD${String(zhang?.id ?? 0).padStart(9, '0')}`, '张三', '60.00', '成功'],
    ]);
    expect(
      await c.ok('li', 'payout.importReturn', {
        batchId: batches.may ?? 0,
        fileName: '回盘2.xlsx',
        contentBase64: Buffer.from(await later.xlsx.writeBuffer()).toString('base64'),
        unlistedArePaid: false,
      }),
    ).toMatchObject({ paid: 1, failed: 0, pending: 0, batch: { status: 'returned', paidLines: 7, failedLines: 1 } });
    // A returned batch is not exported again: its file would pay lines already paid.
    expect(
      await invoke(c.t, 'li', 'payout.exportBank', { batchId: batches.may ?? 0, templateId: templates[0]?.id ?? 0 }),
    ).toMatchObject({ ok: false, error: { code: 'BATCH_STATE' } });
  });

  it('turns months paid after a death recorded late into recoveries', async () => {
    await c.at('2026-05-20');
    const li = (await c.lines(batches.may ?? 0)).lines.find((l) => l.name === '李秀英');
    const death = await c.ok('li', 'person.recordDeath', { idNumber: li?.idNumber ?? '', date: '2026-03-10' });
    // Paid through the month of death (March); April and May at ¥100 are owed back.
    expect(death.recoveryCandidates).toEqual([
      { enrolmentId: ids.b, month: '2026-04', amountFen: 10000 },
      { enrolmentId: ids.b, month: '2026-05', amountFen: 10000 },
    ]);
    const rec = await c.ok('li', 'payout.recoveries', { status: 'pending' });
    expect(rec.map((r) => [r.name, r.month, r.amountFen])).toEqual([
      ['李秀英', '2026-04', 10000],
      ['李秀英', '2026-05', 10000],
    ]);
    expect(
      await invoke(c.t, 'li', 'payout.resolveRecovery', { ids: [rec[0]?.id ?? 0], status: 'waived', note: '家属困难' }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(
      await c.ok('li', 'payout.resolveRecovery', { ids: [rec[0]?.id ?? 0], status: 'recovered', note: '家属已退回' }),
    ).toEqual({ updated: 1 });
  });

  it('holds a bank failure until the account is corrected, then reissues it once, never twice', async () => {
    await c.at('2026-06-05');
    const held = await c.ok('li', 'payout.generate', { program: 'elderly', month: '2026-06' });
    // 张三, 王建国, 赵桂兰 at ¥60; 王建国's failed May waits for a new account; nothing for 李秀英.
    expect(held).toMatchObject({ lineCount: 3, totalFen: 18000, held: 1, recoveriesFound: 0 });
    const wang = await c.ok('li', 'person.get', {
      id: (await c.lines(held.id)).lines.find((l) => l.name === '王建国')?.personId ?? 0,
    });
    await c.ok('li', 'person.save', {
      id: wang.person.id,
      idNumber: wang.person.idNumber,
      name: '王建国',
      villageCode: '420102001001',
      bankName: '农商银行',
      bankAccount: '6217000010000000099',
    });
    for (let i = 0; i < 2; i++) {
      const june = await c.ok('li', 'payout.generate', { program: 'elderly', month: '2026-06' });
      expect(june).toMatchObject({
        id: held.id,
        lineCount: 4,
        totalFen: 24000,
        held: 0,
        byKind: { reissue: { lines: 1, fen: 6000 } },
      });
    }
    const reissue = (await c.lines(held.id)).lines.find((l) => l.kind === 'reissue');
    expect(reissue).toMatchObject({
      name: '王建国',
      month: '2026-05',
      amountFen: 6000,
      bankAccount: '6217000010000000099',
    });
    await c.ok('zhao', 'payout.review', { batchId: held.id });
    await c.ok('wang', 'payout.lock', { batchId: held.id });
  });

  it('pays the difference of a retroactive rise for months already paid, and a tier change from the month after the birthday', async () => {
    await c.at('2026-07-05');
    await c.ok('wang', 'standard.set', {
      program: 'elderly',
      category: '80-89',
      fromMonth: '2026-05',
      amountFen: 7000,
    });
    const july = await c.ok('li', 'payout.generate', { program: 'elderly', month: '2026-07' });
    // Regular 3 × ¥70; differences of ¥10 for May and June of 张三, 王建国 (his May via the reissue) and 赵桂兰.
    expect(july).toMatchObject({
      lineCount: 9,
      totalFen: 27000,
      byKind: { regular: { lines: 3, fen: 21000 }, difference: { lines: 6, fen: 6000 } },
    });
    const diff = (await c.lines(july.id)).lines.find(
      (l) => l.kind === 'difference' && l.name === '王建国' && l.month === '2026-05',
    );
    expect(diff).toMatchObject({ amountFen: 1000, standardFen: 7000 });
    await c.ok('zhao', 'payout.review', { batchId: july.id });
    await c.ok('wang', 'payout.lock', { batchId: july.id });
    await c.at('2026-08-05');
    const aug = await c.ok('li', 'payout.generate', { program: 'elderly', month: '2026-08' });
    // 赵桂兰 turned 90 on 10 July: ¥100 from August; the others ¥70.
    expect(aug).toMatchObject({ lineCount: 3, totalFen: 24000 });
    const changes = await c.ok('li', 'payout.diff', { batchId: aug.id });
    expect(changes.changed).toEqual([
      expect.objectContaining({
        name: '赵桂兰',
        beforeFen: 7000,
        afterFen: 10000,
        reason: expect.stringContaining('90-99'),
      }),
    ]);
    expect(changes).toMatchObject({ previous: 'FF202607-GL-01', added: [], stopped: [] });
  });

  it('stops a child at the month of the 18th birthday: back-pay runs to June, nothing for July', async () => {
    await c.at('2026-07-05');
    const july = await c.ok('li', 'payout.generate', { program: 'orphan', month: '2026-07' });
    const { lines } = await c.lines(july.id);
    expect(lineSet(lines)).toEqual([
      '孙小明 2026-02 backpay 140000',
      '孙小明 2026-03 backpay 140000',
      '孙小明 2026-04 backpay 140000',
      '孙小明 2026-05 backpay 140000',
      '孙小明 2026-06 backpay 140000',
    ]);
    expect(july.totalFen).toBe(700000);
  });

  it('voids a locked batch only by the head with a reason, and its months become payable again', async () => {
    await c.at('2026-08-06');
    const aug = (await c.ok('li', 'payout.list', { program: 'elderly' })).find((b) => b.periodFrom === '2026-08');
    await c.ok('zhao', 'payout.review', { batchId: aug?.id ?? 0 });
    await c.ok('wang', 'payout.lock', { batchId: aug?.id ?? 0 });
    expect(await invoke(c.t, 'li', 'payout.void', { batchId: aug?.id ?? 0, reason: '标准有误' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await c.ok('wang', 'payout.void', { batchId: aug?.id ?? 0, reason: '标准有误' })).toMatchObject({
      status: 'voided',
      voidReason: '标准有误',
    });
    const again = await c.ok('li', 'payout.generate', { program: 'elderly', month: '2026-08' });
    expect(again).toMatchObject({ batchNo: 'FF202608-GL-02', lineCount: 3, totalFen: 24000 });
  });
});
