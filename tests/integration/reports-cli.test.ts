import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportView } from '../../shared/contract';
import { cellNumber } from '../../shared/domain/reports';
import { runCliInProcess, spawnCli } from '../support/cli';
import { PASSWORD } from '../support/fixtures';
import { PayoutCounty } from '../support/payout-county';
import { tempDir } from '../support/tmp';

/**
 * A county built by hand through the dispatcher, then closed; the report CLI
 * opens the encrypted database as an office computer would. 高龄 80–89 ¥50
 * and 90–99 ¥100, 孤儿 社会散居 ¥1400; 张三 (80–89) and 李秀英 (90–99) in
 * 花桥街道, the orphan 孙小明 in 谌家矶街道; January to March 2026 paid and locked.
 * The CLI runs on the real clock, so every period here is in its past.
 */
const env = { WELFARE_DESK_PASSWORD: PASSWORD };
const Q1 = '2026-01..2026-03';
const ELDERLY_Q1 = 3 * (5000 + 10000);
const ORPHAN_Q1 = 3 * 140000;

const cell = (v: ReportView, row: string, col: string) => {
  const r = v.table.rows.find((x) => x.key === row);
  const i = v.table.columns.findIndex((c) => c.key === col);
  if (!r || i < 0) throw new Error(`no cell ${row}/${col}`);
  return r.cells[i];
};

describe('reports from the CLI', () => {
  const tmp = tempDir();
  const outs = tempDir('wd-out-');
  const cli = async (...args: string[]) => {
    const r = await runCliInProcess([...args, '--data', tmp.dir, '--user', 'wang', '--json'], env);
    return { code: r.code, body: JSON.parse(r.stdout) as Record<string, unknown> & { ok: boolean } };
  };

  beforeAll(async () => {
    const c = new PayoutCounty(tmp.dir);
    c.today = '2025-12-01';
    await c.setup([
      ['elderly', '80-89', '2000-01', 5000],
      ['elderly', '90-99', '2000-01', 10000],
      ['orphan', 'dispersed', '2000-01', 140000],
    ]);
    const zhang = await c.person('42010219400315001', '张三', '6217000010000000001');
    const li = await c.person('42010219300620002', '李秀英', '6217000010000000002');
    const sun = await c.person('42010220150101003', '孙小明', '6217000010000000003', { villageCode: '420102002003' });
    await c.enrol(sun, 'orphan', '2025-12-01', '2025-12-02', { childMode: 'dispersed', guardianName: '孙大伟' });
    await c.at('2026-01-02');
    await c.enrol(zhang, 'elderly', '2026-01-02', '2026-01-02');
    await c.enrol(li, 'elderly', '2026-01-02', '2026-01-02');
    for (const month of ['2026-01', '2026-02', '2026-03']) {
      await c.at(`${month}-05`);
      await c.pay('elderly', month);
      await c.pay('orphan', month);
    }
    c.close();
  }, 180_000);
  afterAll(() => {
    tmp.cleanup();
    outs.cleanup();
  });

  it('report list names every form', async () => {
    const { code, body } = await cli('report', 'list');
    expect(code).toBe(0);
    const reports = body.reports as { name: string; title: string }[];
    expect(reports.map((r) => r.name)).toEqual(
      expect.arrayContaining(['indicators', 'townships', 'changes', 'elderly', 'children']),
    );
    expect(reports.find((r) => r.name === 'townships')?.title).toBe('分乡镇补贴发放统计表');
  });

  it('report show gives the hand-counted cells in fen and yuan', async () => {
    const { code, body } = await cli('report', 'show', 'townships', '--period', Q1);
    expect(code).toBe(0);
    const v = body as unknown as ReportView;
    expect(v.table.periodLabel).toBe('2026年第一季度');
    expect(cell(v, 'town:花桥街道', 'elderly.paid')).toEqual({ kind: 'money', fen: ELDERLY_Q1, yuan: '450.00' });
    expect(cell(v, 'town:谌家矶街道', 'orphan.paid')).toEqual({ kind: 'money', fen: ORPHAN_Q1, yuan: '4200.00' });
    expect(cellNumber(cell(v, 'total', 'all.persons'))).toBe(3);
    expect(cellNumber(cell(v, 'total', 'all.paid'))).toBe(ELDERLY_Q1 + ORPHAN_Q1);
    const march = await cli('report', 'show', 'indicators', '--period', '2026-03..2026-03');
    const m = march.body as unknown as ReportView;
    expect([cellNumber(cell(m, 'elderly.paid', 'now')), cellNumber(cell(m, 'elderly.paid', 'ytd'))]).toEqual([
      15000,
      ELDERLY_Q1,
    ]);
    const town = await cli('report', 'show', 'indicators', '--period', Q1, '--township', '420102002000');
    expect((town.body as unknown as ReportView).header.scope).toBe('谌家矶街道');
    expect(cellNumber(cell(town.body as unknown as ReportView, 'all.paid', 'ytd'))).toBe(ORPHAN_Q1);
  });

  it('report export writes xlsx whose county total is the figure show gave', async () => {
    const shown = (await cli('report', 'show', 'townships', '--period', Q1)).body as unknown as ReportView;
    const out = join(outs.dir, '分乡镇.xlsx');
    const { code, body } = await cli('report', 'export', 'townships', '--period', Q1, '--out', out);
    expect(code, JSON.stringify(body)).toBe(0);
    expect(body).toMatchObject({ ok: true, report: 'townships', format: 'xlsx' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    expect(sheet.getCell('A1').value).toBe('分乡镇补贴发放统计表');
    let totalRow = 0;
    sheet.eachRow((row, i) => {
      if (row.getCell(1).value === '全县合计') totalRow = i;
    });
    expect(totalRow).toBeGreaterThan(0);
    const col = shown.table.columns.findIndex((c) => c.key === 'all.paid') + 2;
    const xl = sheet.getRow(totalRow).getCell(col);
    expect(xl.type).toBe(ExcelJS.ValueType.Number);
    expect(xl.value).toBe(cellNumber(cell(shown, 'total', 'all.paid')) / 100);
    const persons = sheet.getRow(totalRow).getCell(shown.table.columns.findIndex((c) => c.key === 'all.persons') + 2);
    expect(persons.value).toBe(3);
  });

  it('report export to PDF prints the form through the print engine', async () => {
    const out = join(outs.dir, '变动.pdf');
    const { code, body } = await cli('report', 'export', 'changes', '--period', Q1, '--out', out);
    expect(code, JSON.stringify(body)).toBe(0);
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
    expect(text).toContain('在册人员增减变动统计表');
    expect(text).toContain('2026年第一季度');
  }, 120_000);

  it('report summary drafts the paragraph and writes it as docx', async () => {
    const { code, body } = await cli('report', 'summary', '--period', Q1);
    expect(code).toBe(0);
    const text = String(body.text);
    expect(text).toContain('截至3月底，全县孤儿基本生活保障金在册1人，1—3月累计发放0.42万元');
    expect(text).toContain('截至3月底，全县高龄津贴在册2人，1—3月累计发放0.05万元');
    const plain = await runCliInProcess(['report', 'summary', '--period', Q1, '--data', tmp.dir, '--user', 'li'], env);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('全县高龄津贴在册2人');
    const out = join(outs.dir, '总结.docx');
    const written = await cli('report', 'summary', '--period', Q1, '--out', out);
    expect(written.code, JSON.stringify(written.body)).toBe(0);
    const xml = new TextDecoder().decode(unzipSync(readFileSync(out))['word/document.xml']);
    expect(xml).toContain('1—3月累计发放0.42万元');
  });

  it('refuses a bad period in Chinese, naming the field, exits nonzero and writes nothing', async () => {
    const before = readdirSync(outs.dir).length;
    for (const [period, pattern] of [
      ['2030-01..2030-01', /^统计期：2030-01 尚未到来/],
      ['2026-03..2026-01', /^统计期：起始月份 2026-03 晚于截止月份 2026-01/],
      // The ledger starts with the first batch paid (January), not with the first approval.
      ['2025-01..2025-06', /^统计期：2025-01..2025-06 早于台账起始月份 2026-01/],
      ['2026-13..2026-14', /^统计期/],
    ] as const) {
      const out = join(outs.dir, `bad-${period}.xlsx`);
      const r = await cli('report', 'export', 'indicators', '--period', period, '--out', out);
      expect(r.code, period).not.toBe(0);
      expect(r.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect((r.body.error as { message: string }).message).toMatch(pattern);
      expect(existsSync(out)).toBe(false);
    }
    const missing = await cli('report', 'show', 'indicators');
    expect([missing.code, (missing.body.error as { message: string }).message]).toEqual([
      2,
      expect.stringContaining('缺少 --period 统计期'),
    ]);
    // As a user runs it, in a process of its own: the exit status and the message on stderr.
    const own = spawnCli(
      ['report', 'show', 'indicators', '--period', '2026-03..2026-01', '--data', tmp.dir, '--user', 'wang'],
      env,
    );
    expect(own.code).toBe(1);
    expect(own.stderr).toContain('统计期：起始月份 2026-03 晚于截止月份 2026-01');
    expect(readdirSync(outs.dir).length).toBe(before);
  }, 120_000);
});
