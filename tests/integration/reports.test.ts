import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Input, ReportView } from '../../shared/contract';
import { maskIdNumber } from '../../shared/domain/mask';
import { cellNumber } from '../../shared/domain/reports';
import { ChromiumPrintEngine } from '../../electron/services/print/chromium';
import { auditHead } from '../../electron/services/audit/service';
import { committedLineTotal } from '../../electron/services/reports/service';
import { invoke } from '../support/fixtures';
import { withCheck } from '../support/seed';
import { PayoutCounty } from '../support/payout-county';
import { tempDir } from '../support/tmp';

/**
 * A hand-built county, every figure counted by hand. 高龄 80–89 ¥50, 90–99 ¥100;
 * 孤儿 社会散居 ¥1400. From January 2025 every month is paid and locked:
 * 张三 (80–89) and 李秀英 (90–99) in 花桥街道 from 2025-01, the orphan 孙小明 in
 * 谌家矶街道 from 2025-01 (approved in December 2024), 王五 (80–89) from 2026-01.
 * June 2025's elderly batch is locked, voided and paid again. 李秀英 dies on
 * 2026-01-20, recorded on 2026-03-10 after March is paid: February and March
 * become recoveries, the money paid stays.
 */
const cell = (v: ReportView, row: string, col: string) => {
  const r = v.table.rows.find((x) => x.key === row);
  const i = v.table.columns.findIndex((c) => c.key === col);
  if (!r || i < 0) throw new Error(`no cell ${row}/${col}`);
  return r.cells[i];
};
const n = (v: ReportView, row: string, col: string) => cellNumber(cell(v, row, col));

describe('reports on a hand-built county', () => {
  const tmp = tempDir();
  const engine = new ChromiumPrintEngine();
  const c = new PayoutCounty(tmp.dir, engine);
  const Q1 = '2026-01..2026-03';
  let emptyBefore: ReportView | null = null;

  beforeAll(async () => {
    c.today = '2024-12-01';
    await c.setup([
      ['elderly', '80-89', '2000-01', 5000],
      ['elderly', '90-99', '2000-01', 10000],
      ['orphan', 'dispersed', '2000-01', 140000],
    ]);
    // A township named like a formula: the spreadsheet must keep it as text.
    await c.ok('admin', 'region.save', { code: '420102003000', name: '=HYPERLINK("x")' });
    rmSync(c.saveTo, { force: true });
    const zhang = await c.person('42010219400315001', '张三', '6217000010000000001');
    const li = await c.person('42010219300620002', '李秀英', '6217000010000000002');
    const sun = await c.person('42010220150101003', '孙小明', '6217000010000000003', { villageCode: '420102002003' });
    const wang = await c.person('42010219440505004', '王五', '6217000010000000004');
    await c.enrol(sun, 'orphan', '2024-12-01', '2024-12-02', { childMode: 'dispersed', guardianName: '孙大伟' });
    await c.at('2025-01-02');
    await c.enrol(zhang, 'elderly', '2025-01-02', '2025-01-02');
    await c.enrol(li, 'elderly', '2025-01-02', '2025-01-02');
    const before = await invoke(c.t, 'wang', 'report.show', { name: 'indicators', period: '2025-01..2025-01' });
    if (before.ok) emptyBefore = before.value;
    for (let i = 0; i < 15; i++) {
      const month = `${String(2025 + Math.floor(i / 12))}-${String((i % 12) + 1).padStart(2, '0')}`;
      await c.at(`${month}-05`);
      if (month === '2026-01') await c.enrol(wang, 'elderly', '2026-01-05', '2026-01-05');
      if (month === '2025-06') {
        const b = await c.pay('elderly', month);
        await c.ok('wang', 'payout.void', { batchId: b.id, reason: '核对有误，重新生成' });
      }
      await c.pay('elderly', month);
      await c.pay('orphan', month);
    }
    await c.at('2026-03-10');
    await c.ok('li', 'person.recordDeath', { idNumber: withCheck('42010219300620002'), date: '2026-01-20' });
    await c.at('2026-03-20');
  }, 300_000);
  afterAll(async () => {
    c.close();
    await engine.close();
    tmp.cleanup();
  });

  const store = () => {
    const s = c.t.app.currentStore();
    if (!s) throw new Error('no store');
    return s;
  };
  const show = (name: Input<'report.show'>['name'], period: string, who = 'wang') =>
    c.ok(who, 'report.show', { name, period });

  it('before any batch: zeros, and why', () => {
    expect(emptyBefore?.table.emptyReason).toBe('该期间没有已锁定的发放批次');
    expect(n(emptyBefore as ReportView, 'all.paid', 'now')).toBe(0);
  });

  it('the indicator table, cell by cell', async () => {
    const v = await show('indicators', '2026-03..2026-03');
    expect(v.table.columns.map((x) => x.label)).toEqual(['本月', '本年累计', '去年同期', '增减%']);
    const row = (key: string) =>
      v.table.rows.find((r) => r.key === key)?.cells.map((x) => ('fen' in x ? x.fen : 'value' in x ? x.value : x.text));
    expect(row('elderly.persons')).toEqual([2, '—', 2, '0.0']);
    expect(row('elderly.added')).toEqual([0, 1, 2, '-50.0']);
    expect(row('elderly.removed')).toEqual([0, 1, 0, '—']);
    expect(row('elderly.paid')).toEqual([20000, 60000, 45000, '33.3']);
    expect(row('elderly.paid.regular')).toEqual([20000, 60000, 45000, '33.3']);
    expect(row('elderly.paid.backpay')).toEqual([0, 0, 0, '—']);
    expect(row('elderly.failed')).toEqual([0, 0, 0, '—']);
    // The death recorded late is a recovery found in March, not less money paid.
    expect(row('elderly.found')).toEqual([20000, 20000, 0, '—']);
    expect(row('elderly.recovered')).toEqual([0, 0, 0, '—']);
    expect(row('orphan.persons')).toEqual([1, '—', 1, '0.0']);
    expect(row('orphan.paid')).toEqual([140000, 420000, 420000, '0.0']);
    expect(row('disability-care.paid')).toEqual([0, 0, 0, '—']);
    expect(row('all.persons')).toEqual([3, '—', 3, '0.0']);
    expect(row('all.paid')).toEqual([160000, 480000, 465000, '3.2']);
    expect(v.table.emptyReason).toBeNull();
    expect(v.header).toMatchObject({ scope: '全县', preparedBy: '王负责', date: '2026-03-20' });
    const feb = await show('indicators', '2026-02..2026-02');
    expect(n(feb, 'elderly.paid', 'now')).toBe(20000);
  });

  it('a voided batch vanishes from the money, and the money is the sum of the locked lines', async () => {
    expect(n(await show('indicators', '2025-06..2025-06'), 'elderly.paid', 'now')).toBe(15000);
    const all = await show('townships', '2025-01..2026-03');
    expect(n(all, 'total', 'all.paid')).toBe(180000 + 60000 + 1680000 + 420000);
    expect(n(all, 'total', 'all.paid')).toBe(committedLineTotal(store(), { from: '2025-01', to: '2026-03' }));
  });

  it('the township table, cell by cell, sums to the county', async () => {
    const v = await show('townships', Q1);
    expect(v.table.rows.map((r) => r.label)).toEqual(['花桥街道', '谌家矶街道', '=HYPERLINK("x")', '全县合计']);
    expect([n(v, 'town:花桥街道', 'elderly.persons'), n(v, 'town:花桥街道', 'elderly.paid')]).toEqual([2, 60000]);
    expect([n(v, 'town:谌家矶街道', 'orphan.persons'), n(v, 'town:谌家矶街道', 'orphan.paid')]).toEqual([1, 420000]);
    expect(n(v, 'town:花桥街道', 'orphan.paid')).toBe(0);
    expect([n(v, 'total', 'all.persons'), n(v, 'total', 'all.paid')]).toEqual([3, 480000]);
    for (const col of v.table.columns.map((x) => x.key))
      expect(v.table.rows.filter((r) => r.role !== 'total').reduce((s, r) => s + n(v, r.key, col), 0)).toBe(
        n(v, 'total', col),
      );
  });

  it('the changes table, cell by cell: 期初 + 新增 − 减少 = 期末', async () => {
    const v = await show('changes', Q1);
    const row = (key: string) =>
      ['opening', 'added', 'removed', 'removed:death', 'removed:moved', 'closing'].map((col) => n(v, key, col));
    expect(row('elderly')).toEqual([2, 1, 1, 1, 0, 2]);
    expect(row('elderly:80-89')).toEqual([1, 1, 0, 0, 0, 2]);
    expect(row('elderly:90-99')).toEqual([1, 0, 1, 1, 0, 0]);
    expect(row('orphan')).toEqual([1, 0, 0, 0, 0, 1]);
    expect(row('orphan:dispersed')).toEqual([1, 0, 0, 0, 0, 1]);
    expect(row('total')).toEqual([3, 1, 1, 1, 0, 3]);
    for (const r of v.table.rows)
      expect(n(v, r.key, 'opening') + n(v, r.key, 'added') - n(v, r.key, 'removed')).toBe(n(v, r.key, 'closing'));
  });

  it('the tier and children tables', async () => {
    const e = await show('elderly', Q1);
    expect(['closing', 'added', 'removed', 'paid'].map((k) => n(e, '80-89', k))).toEqual([2, 1, 0, 30000]);
    expect(['closing', 'added', 'removed', 'paid'].map((k) => n(e, '90-99', k))).toEqual([0, 0, 1, 30000]);
    const ch = await show('children', Q1);
    expect([n(ch, 'orphan', 'age:6-11'), n(ch, 'orphan', 'persons'), n(ch, 'orphan', 'paid')]).toEqual([1, 1, 420000]);
  });

  it('drills a number down to its people, IDs masked as the register masks them', async () => {
    const v = await show('changes', Q1);
    const death = cell(v, 'elderly', 'removed:death');
    if (death?.kind !== 'count' || !death.drill) throw new Error('no drill');
    const head = await c.ok('wang', 'report.drill', { period: Q1, drill: death.drill });
    expect(head.people.map((p) => [p.name, p.idNumber, p.reason, p.until])).toEqual([
      ['李秀英', maskIdNumber(withCheck('42010219300620002')), 'death', '2026-02'],
    ]);
    expect(head.idsMasked).toBe(true);
    const clerk = await c.ok('li', 'report.drill', { period: Q1, drill: death.drill });
    expect(clerk.people[0]?.idNumber).toBe(withCheck('42010219300620002'));
    const bad = await invoke(c.t, 'li', 'report.drill', { period: Q1, drill: 'm=everyone' });
    expect(bad.ok ? null : bad.error.code).toBe('INVALID_INPUT');
  });

  it('drafts the summary from the cells', async () => {
    const s = await c.ok('wang', 'report.summary', { period: Q1 });
    expect(s.sentences.map((x) => x.text)).toEqual([
      '截至3月底，全县孤儿基本生活保障金在册1人，1—3月累计发放0.42万元，与去年同期持平。',
      '截至3月底，全县高龄津贴在册2人，1—3月累计发放0.06万元，较去年同期增长33.3%。',
      '截至3月底，全县各项补贴1—3月累计发放0.48万元，较去年同期增长3.2%；发现多发待追缴200.00元，已追回0.00元。',
    ]);
  });

  it('refuses bad periods and townships naming the field, and writes nothing', async () => {
    const head = auditHead(store());
    for (const [period, pattern] of [
      ['2026-04..2026-04', /统计期：.*尚未到来/],
      ['2026-03..2026-01', /统计期：起始月份/],
      ['2024-01..2024-12', /统计期：.*台账起始月份 2025-01/],
      ['2026-13..2026-14', /统计期/],
    ] as const) {
      const r = await invoke(c.t, 'wang', 'report.export', { name: 'indicators', format: 'xlsx', period });
      expect(r.ok ? 'ok' : `${r.error.code} ${r.error.message}`).toMatch(
        new RegExp(`^INVALID_INPUT ${pattern.source}`),
      );
    }
    const town = await invoke(c.t, 'wang', 'report.show', { name: 'townships', period: Q1, township: '420102009000' });
    expect(town.ok ? '' : town.error.message).toBe('乡镇：找不到区划代码为 420102009000 的乡镇');
    expect(existsSync(c.saveTo)).toBe(false);
    expect(auditHead(store())).toEqual(head);
  });

  it('narrows to a township', async () => {
    const r = await c.ok('wang', 'report.show', { name: 'indicators', period: Q1, township: '420102002000' });
    expect([n(r, 'all.paid', 'now'), n(r, 'elderly.paid', 'now'), r.header.scope]).toEqual([420000, 0, '谌家矶街道']);
  });

  it('exports xlsx with the same figures, numbers as numbers and text as text', async () => {
    await c.ok('wang', 'report.export', { name: 'townships', format: 'xlsx', period: Q1 });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(c.saveTo) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    expect(sheet.getCell('A1').value).toBe('分乡镇补贴发放统计表');
    expect(sheet.getCell('A1').isMerged).toBe(true);
    let total = 0;
    let formulaLike = 0;
    sheet.eachRow((row, i) => {
      if (row.getCell(1).value === '全县合计') total = i;
      if (row.getCell(1).value === '=HYPERLINK("x")') formulaLike = i;
    });
    expect(total).toBeGreaterThan(0);
    expect(sheet.getRow(formulaLike).getCell(1).type).toBe(ExcelJS.ValueType.String);
    const last = sheet.getRow(total).getCell(sheet.getRow(4).cellCount);
    expect([last.value, last.type, last.numFmt]).toEqual([4800, ExcelJS.ValueType.Number, '#,##0.00']);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 4 });
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape' });
  });

  it('exports PDF through the print engine with the audit head, and the summary as docx', async () => {
    await c.ok('wang', 'report.export', { name: 'changes', format: 'pdf', period: Q1 });
    const text = execFileSync('pdftotext', ['-layout', c.saveTo, '-'], { encoding: 'utf8' });
    expect(text).toContain('在册人员增减变动统计表');
    expect(text).toContain('2026年第一季度');
    expect(text).toMatch(/审计链 [0-9a-f]{64}/);
    await c.ok('wang', 'report.export', { name: 'summary', format: 'docx', period: Q1 });
    const docx = unzipSync(readFileSync(c.saveTo));
    const xml = new TextDecoder().decode(docx['word/document.xml']);
    expect(xml).toContain('1—3月累计发放0.06万元');
  });
  // Last: it writes. The facts are cached per state of the database, so a read after a write must see it.
  it('reads afresh after a write: a person moved to another township is counted there next time', async () => {
    const T = '2026-03..2026-03';
    const before = await show('townships', T);
    expect(n(before, 'town:花桥街道', 'elderly.persons')).toBe(2);
    expect(n(before, 'town:谌家矶街道', 'elderly.persons')).toBe(0);
    const idNumber = withCheck('42010219440505004');
    const found = await c.ok('li', 'person.find', { idNumber });
    if (!found.id) throw new Error('王五 should be registered');
    await c.ok('li', 'person.save', { id: found.id, idNumber, name: '王五', villageCode: '420102002003' });
    const after = await show('townships', T);
    expect(n(after, 'town:花桥街道', 'elderly.persons')).toBe(1);
    expect(n(after, 'town:谌家矶街道', 'elderly.persons')).toBe(1);
  });
  it('reads a batch whose summed cells went stale from its lines, to the fen', async () => {
    const raw = store().raw;
    const line = raw
      .prepare(
        `SELECT l.id, l.amount_fen AS fen, b.id AS batch FROM payout_lines l JOIN payout_batches b ON b.id = l.batch_id
         WHERE b.program = 'elderly' AND b.period_from = '2026-03' AND b.status IN ('locked', 'exported', 'returned') AND l.voided = 0 LIMIT 1`,
      )
      .get() as { id: number; fen: number; batch: number };
    const fresh = () =>
      raw.prepare(`SELECT cells_at IS NOT NULL FROM payout_batches WHERE id = ?`).pluck().get(line.batch);
    expect(fresh()).toBe(1);
    // A change the services did not make: the cells are forgotten, the lines are the money.
    raw.prepare(`UPDATE payout_lines SET bank_status = 'failed' WHERE id = ?`).run(line.id);
    expect(fresh()).toBe(0);
    const v = await show('indicators', '2026-03..2026-03');
    expect(n(v, 'elderly.paid', 'now')).toBe(20000 - line.fen);
    expect(n(v, 'elderly.failed', 'now')).toBe(line.fen);
    expect(n(v, 'all.paid', 'now')).toBe(committedLineTotal(store(), { from: '2026-03', to: '2026-03' }));
    raw.prepare(`UPDATE payout_lines SET bank_status = 'paid' WHERE id = ?`).run(line.id);
    expect(n(await show('indicators', '2026-03..2026-03'), 'elderly.paid', 'now')).toBe(20000);
  });
});
