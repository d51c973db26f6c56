import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../support/fixtures';
import { PayoutCounty } from '../support/payout-county';
import { tempDir } from '../support/tmp';

/**
 * The bank side of a batch, every figure by hand. 高龄 80–89 ¥50, 90–99 ¥100.
 * Five elders applied on 1 December 2025 and were approved on 2 January 2026:
 * January's batch back-pays December. 王建国 and 赵桂兰 live in 光华村 of
 * 谌家矶街道; 张三 in 花桥社区 and 李秀英 (90–99) in 永清社区 of 花桥街道;
 * 孙无卡 (花桥社区) has no bank account yet. By pinyin 谌 (chén) comes before
 * 花 (huā), by code point after: the roster and the bank file must agree anyway.
 */
const ref = (id: number) => `WD${String(id).padStart(9, '0')}`;

async function returnFile(rows: Array<[number, string, string]>): Promise<string> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('回盘').addRows([['流水号', '处理结果', '失败原因'], ...rows.map(([id, s, r]) => [ref(id), s, r])]);
  return Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
}

/** The roster's data rows as 序号, 姓名, 月份, read from the HTML the printer gets. */
function rosterRows(html: string): string[] {
  return [...html.matchAll(/<tr class="r(?: grp)?">(.*?)<\/tr>/g)].map((m) => {
    const cells = [...(m[1] ?? '').matchAll(/<td[^>]*>(?:<div class="wrap2">)?([^<]*)/g)].map((c) => c[1] ?? '');
    return `${cells[0] ?? ''} ${cells[3] ?? ''} ${cells[8] ?? ''}`;
  });
}

describe('bank files and returns, to the fen', () => {
  const tmp = tempDir();
  const c = new PayoutCounty(tmp.dir);
  const p: Record<string, number> = {};
  let jan = 0;
  let csv = 0;

  beforeAll(async () => {
    await c.setup([
      ['elderly', '80-89', '2000-01', 5000],
      ['elderly', '90-99', '2000-01', 10000],
    ]);
    const people = [
      ['张三', '42010219400315001', '420102001001', '6217000010000000001'],
      ['李秀英', '42010219350620002', '420102001002', '6217000010000000002'],
      ['王建国', '42010219380201003', '420102002003', '6217000010000000003'],
      ['赵桂兰', '42010219440710004', '420102002003', '6217000010000000004'],
      ['孙无卡', '42010219410505005', '420102001001', ''],
    ] as const;
    for (const [name, id, village, account] of people) {
      p[name] = await c.person(id, name, account, { villageCode: village });
      await c.enrol(p[name] ?? 0, 'elderly', '2025-12-01', '2026-01-02');
    }
    const t = (await c.ok('li', 'bank.templates', {}))[0];
    csv = (
      await c.ok('wang', 'bank.saveTemplate', {
        name: '农商银行（CSV）',
        format: 'csv',
        encoding: 'utf8',
        headerRow: true,
        columns: [
          { field: 'seq', header: '序号' },
          { field: 'reference', header: '流水号' },
          { field: 'name', header: '姓名' },
          { field: 'account', header: '账号' },
          { field: 'month', header: '月份' },
          { field: 'amountYuan', header: '金额' },
        ],
        fileNamePattern: t?.fileNamePattern ?? '{program}-{period}',
      })
    ).id;
    await c.at('2026-01-15');
  }, 120_000);
  afterAll(() => {
    c.close();
    tmp.cleanup();
  });

  it('holds a payee without a bank account out of the batch and lists them', async () => {
    const b = await c.ok('li', 'payout.generate', { program: 'elderly', month: '2026-01' });
    // December and January: 3 × (¥50 + ¥50) + (¥100 + ¥100) = ¥500; 孙无卡's ¥100 waits for an account.
    expect(b).toMatchObject({ lineCount: 8, totalFen: 50000, withoutAccount: 1 });
    const held = [
      {
        personId: p['孙无卡'],
        name: '孙无卡',
        township: '花桥街道',
        village: '花桥社区',
        months: ['2025-12', '2026-01'],
        amountFen: 10000,
        reason: '缺少银行账号',
      },
    ];
    expect(b.heldOut).toMatchObject(held);
    const got = await c.lines(b.id);
    expect(got.heldOut).toMatchObject(held);
    expect(got.lines.every((l) => l.name !== '孙无卡' && l.bankAccount)).toBe(true);
    jan = b.id;
    await c.ok('zhao', 'payout.review', { batchId: jan });
    await c.ok('wang', 'payout.lock', { batchId: jan });
  });

  it('numbers the roster and the bank file alike: line i of each is the same payee', async () => {
    const roster = rosterRows((await c.ok('li', 'print.preview', { batchId: jan, document: 'roster' })).html);
    expect(await c.ok('li', 'payout.exportBank', { batchId: jan, templateId: csv })).toMatchObject({
      lines: 8,
      totalFen: 50000,
    });
    const bank = readFileSync(c.saveTo, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .slice(1)
      .map((r) => r.split(','));
    expect(bank.map((r) => `${r[0] ?? ''} ${r[2] ?? ''} ${r[4] ?? ''}`)).toEqual(roster);
    expect(roster).toEqual([
      '1 王建国 2025-12',
      '2 王建国 2026-01',
      '3 赵桂兰 2025-12',
      '4 赵桂兰 2026-01',
      '5 张三 2025-12',
      '6 张三 2026-01',
      '7 李秀英 2025-12',
      '8 李秀英 2026-01',
    ]);
    // The grid shows them in the same order.
    expect((await c.lines(jan)).lines.map((l) => l.name)).toEqual(roster.map((r) => r.split(' ')[1]));
    expect(bank.reduce((s, r) => s + Math.round(Number(r[5]) * 100), 0)).toBe(50000);
  });

  it('keeps a batch 已导出, and not voidable, until the bank has answered for every line', async () => {
    const voidIt = () => invoke(c.t, 'wang', 'payout.void', { batchId: jan, reason: '银行文件有误' });
    expect(await voidIt()).toMatchObject({
      ok: false,
      error: { code: 'BATCH_STATE', message: expect.stringContaining('须先导入银行回盘') },
    });
    const lines = (await c.lines(jan)).lines;
    const of = (name: string, month: string) => lines.find((l) => l.name === name && l.month === month)?.id ?? 0;
    // The bank lists only some rows; the rest are not answered for yet.
    const first = await c.ok('li', 'payout.importReturn', {
      batchId: jan,
      fileName: '回盘1.xlsx',
      contentBase64: await returnFile([
        [of('王建国', '2025-12'), '成功', ''],
        [of('王建国', '2026-01'), '成功', ''],
        [of('李秀英', '2026-01'), '失败', '账户冻结'],
      ]),
      unlistedArePaid: false,
    });
    expect(first).toMatchObject({
      paid: 2,
      failed: 1,
      pending: 5,
      batch: { status: 'exported', paidLines: 2, failedLines: 1 },
    });
    expect(await voidIt()).toMatchObject({ ok: false, error: { code: 'BATCH_STATE' } });
    // The rest: one row listed, the others paid as unlisted.
    const second = await c.ok('li', 'payout.importReturn', {
      batchId: jan,
      fileName: '回盘2.xlsx',
      contentBase64: await returnFile([[of('张三', '2026-01'), '成功', '']]),
      unlistedArePaid: true,
    });
    expect(second).toMatchObject({ paid: 5, failed: 0, pending: 0, batch: { status: 'returned', paidLines: 7 } });
    // The bank paid seven lines: the money is out, a wrong payment is a recovery.
    expect(await voidIt()).toMatchObject({
      ok: false,
      error: { code: 'BATCH_STATE', message: expect.stringContaining('银行已发放 7 笔，不能作废') },
    });
  });

  it('pays the held payee once the account is entered, and voids a batch the bank paid none of', async () => {
    await c.at('2026-02-05');
    const sun = (await c.ok('li', 'person.get', { id: p['孙无卡'] ?? 0 })).person;
    await c.ok('li', 'person.save', {
      id: sun.id,
      idNumber: sun.idNumber,
      name: sun.name,
      villageCode: '420102001001',
      bankName: '农商银行',
      bankAccount: '6217000010000000005',
    });
    const feb = await c.ok('li', 'payout.generate', { program: 'elderly', month: '2026-02' });
    // 孙无卡: December and January back-paid, February; the others' February; 李秀英's failed January waits.
    expect(feb).toMatchObject({
      lineCount: 7,
      totalFen: 40000,
      held: 1,
      withoutAccount: 0,
      heldOut: [],
      byKind: { regular: { lines: 5, fen: 30000 }, backpay: { lines: 2, fen: 10000 } },
    });
    expect((await c.lines(feb.id)).lines.filter((l) => l.name === '孙无卡').map((l) => `${l.month} ${l.kind}`)).toEqual(
      ['2025-12 backpay', '2026-01 backpay', '2026-02 regular'],
    );
    await c.ok('zhao', 'payout.review', { batchId: feb.id });
    await c.ok('wang', 'payout.lock', { batchId: feb.id });
    // A batch generated before accounts were required may hold a line without one: the export refuses it, naming it.
    const store = c.t.app.currentStore();
    const sunLine = (await c.lines(feb.id)).lines.find((l) => l.name === '孙无卡' && l.month === '2026-02');
    store?.raw.prepare('UPDATE payout_lines SET bank_account = NULL WHERE id = ?').run(sunLine?.id);
    expect(await invoke(c.t, 'li', 'payout.exportBank', { batchId: feb.id, templateId: csv })).toMatchObject({
      ok: false,
      error: { code: 'BATCH_STATE', message: expect.stringContaining('第 5 行 孙无卡（2026-02）') },
    });
    expect((await c.lines(feb.id)).batch.status).toBe('locked');
    store?.raw.prepare('UPDATE payout_lines SET bank_account = ? WHERE id = ?').run('6217000010000000005', sunLine?.id);
    await c.ok('li', 'payout.exportBank', { batchId: feb.id, templateId: csv });
    // The bank's system failed the whole file: nothing was paid, so the batch may be voided and its months paid again.
    const all = (await c.lines(feb.id)).lines.map((l): [number, string, string] => [l.id, '失败', '系统故障']);
    expect(
      await c.ok('li', 'payout.importReturn', {
        batchId: feb.id,
        fileName: '回盘.xlsx',
        contentBase64: await returnFile(all),
        unlistedArePaid: false,
      }),
    ).toMatchObject({ paid: 0, failed: 7, pending: 0, batch: { status: 'returned' } });
    expect(await c.ok('wang', 'payout.void', { batchId: feb.id, reason: '银行系统故障，整批未发放' })).toMatchObject({
      status: 'voided',
    });
    expect(await c.ok('li', 'payout.generate', { program: 'elderly', month: '2026-02' })).toMatchObject({
      batchNo: 'FF202602-GL-02',
      lineCount: 7,
      totalFen: 40000,
    });
  });
});
