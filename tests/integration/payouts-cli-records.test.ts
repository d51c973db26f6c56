import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/cli';
import { PASSWORD } from '../support/fixtures';
import { PayoutCounty } from '../support/payout-county';
import { withCheck } from '../support/seed';
import { tempDir } from '../support/tmp';

/**
 * Lines, recoveries and bank templates from the CLI. 高龄 80–89 ¥50, 90–99 ¥100;
 * 张三 (80–89), 李秀英 (90–99) and 孙无卡 (no account) approved on 2 January;
 * January and February paid; 李秀英's death on 20 January recorded late.
 */
describe('payout records from the CLI', () => {
  const tmp = tempDir();
  const outs = tempDir('wd-out-');
  const env = { WELFARE_DESK_PASSWORD: PASSWORD };
  let feb = 0;
  const cli = async (user: string, ...args: string[]) => {
    const r = await runCliInProcess([...args, '--data', tmp.dir, '--user', user, '--json'], env);
    return { code: r.code, out: JSON.parse(r.stdout) as Record<string, unknown> & { ok: boolean } };
  };

  beforeAll(async () => {
    const c = new PayoutCounty(tmp.dir);
    await c.setup([
      ['elderly', '80-89', '2000-01', 5000],
      ['elderly', '90-99', '2000-01', 10000],
    ]);
    for (const [id, name, account] of [
      ['42010219400315001', '张三', '6217000010000000001'],
      ['42010219350620002', '李秀英', '6217000010000000002'],
      ['42010219410505005', '孙无卡', ''],
    ] as const)
      await c.enrol(await c.person(id, name, account), 'elderly', '2026-01-02', '2026-01-02');
    await c.at('2026-01-15');
    await c.pay('elderly', '2026-01');
    await c.at('2026-02-05');
    feb = (await c.pay('elderly', '2026-02')).id;
    await c.ok('li', 'person.recordDeath', { idNumber: withCheck('42010219350620002'), date: '2026-01-20' });
    c.close();
  }, 120_000);
  afterAll(() => {
    outs.cleanup();
    tmp.cleanup();
  });

  it('payout lines: the batch in roster order, and who was held out for want of an account', async () => {
    const { code, out } = await cli('li', 'payout', 'lines', '--batch', String(feb));
    expect(code).toBe(0);
    expect(out).toMatchObject({
      ok: true,
      batchId: feb,
      status: 'locked',
      heldOut: [{ name: '孙无卡', months: ['2026-01', '2026-02'], amountFen: 10000, reason: '缺少银行账号' }],
    });
    expect(
      (out.lines as Array<{ name: string; month: string; amountFen: number }>).map((l) => [
        l.name,
        l.month,
        l.amountFen,
      ]),
    ).toEqual([
      ['李秀英', '2026-02', 10000],
      ['张三', '2026-02', 5000],
    ]);
    expect((await cli('li', 'payout', 'lines')).code).toBe(2);
    expect((await cli('li', 'payout', 'lines', '--batch', '999')).out).toMatchObject({
      ok: false,
      error: { code: 'BATCH_NOT_FOUND' },
    });
  });

  it('payout recoveries and resolve-recovery: listed, waived only by the head, with a note', async () => {
    const pending = await cli('li', 'payout', 'recoveries', '--status', 'pending');
    const list = pending.out.recoveries as Array<{ id: number; name: string; month: string; amountFen: number }>;
    expect(list.map((r) => [r.name, r.month, r.amountFen])).toEqual([['李秀英', '2026-02', 10000]]);
    const id = String(list[0]?.id ?? 0);
    expect((await cli('li', 'payout', 'recoveries', '--status', 'lost')).code).toBe(2);
    const args = [
      'payout',
      'resolve-recovery',
      '--ids',
      id,
      '--status',
      'waived',
      '--note',
      '家属困难，经集体研究免予追缴',
    ];
    expect((await cli('li', ...args)).out).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await cli('wang', ...args)).out).toEqual({ ok: true, updated: 1 });
    expect((await cli('wang', ...args)).out).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await cli('li', 'payout', 'resolve-recovery', '--ids', id, '--status', 'recovered')).code).toBe(2);
    expect((await cli('li', 'payout', 'recoveries')).out.recoveries).toMatchObject([
      { name: '李秀英', month: '2026-02', status: 'waived', resolvedNote: '家属困难，经集体研究免予追缴' },
    ]);
  });

  it('payout import-return --only-listed keeps the batch 已导出 while lines are not answered for', async () => {
    const xlsx = join(outs.dir, 'feb.xlsx');
    expect((await cli('li', 'payout', 'export-bank', '--batch', String(feb), '--out', xlsx)).out).toMatchObject({
      ok: true,
      status: 'exported',
      fileTotalFen: 15000,
    });
    const book = new ExcelJS.Workbook();
    book.addWorksheet('回盘').addRows([
      ['账号', '金额', '处理结果'],
      ['6217000010000000001', '50.00', '成功'],
    ]);
    const file = join(outs.dir, '回盘.xlsx');
    writeFileSync(file, Buffer.from(await book.xlsx.writeBuffer()));
    expect(
      (await cli('li', 'payout', 'import-return', '--batch', String(feb), '--file', file, '--only-listed')).out,
    ).toMatchObject({ ok: true, status: 'exported', paid: 1, failed: 0, pending: 1 });
  });

  it('bank template list and save: a template from a JSON file, refused with the reason when wrong', async () => {
    const before = (await cli('li', 'bank', 'template', 'list')).out.templates as Array<{ id: number; name: string }>;
    expect(before.map((t) => t.name)).toEqual(['一卡通（默认）']);
    const t = join(outs.dir, 'T.json');
    const template = {
      name: '建设银行（定长）',
      format: 'txt',
      encoding: 'gbk',
      headerRow: false,
      columns: [
        { field: 'account', header: '账号', width: 19 },
        { field: 'name', header: '户名', width: 20 },
        { field: 'amountFen', header: '金额（分）', width: 12 },
      ],
      fileNamePattern: '{batchNo}',
    };
    writeFileSync(t, JSON.stringify(template));
    expect((await cli('li', 'bank', 'template', 'save', '--file', t)).out).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const saved = await cli('wang', 'bank', 'template', 'save', '--file', t);
    expect(saved.out).toMatchObject({ ok: true, template: { ...template, id: expect.any(Number) } });
    expect(
      ((await cli('li', 'bank', 'template', 'list')).out.templates as Array<{ name: string }>).map((x) => x.name),
    ).toEqual(['一卡通（默认）', '建设银行（定长）']);
    // Fixed-width text needs every column's width; a file that is not JSON is a usage error.
    writeFileSync(t, JSON.stringify({ ...template, name: '无宽度', columns: [{ field: 'name', header: '户名' }] }));
    expect((await cli('wang', 'bank', 'template', 'save', '--file', t)).out).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('列宽') },
    });
    writeFileSync(t, '{ name: ');
    expect((await cli('wang', 'bank', 'template', 'save', '--file', t)).code).toBe(2);
    expect((await cli('wang', 'bank', 'template', 'remove')).code).toBe(2);
  });
});
