import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskIdNumber } from '../../shared/domain/mask';
import { signInOnPage, startE2E, type E2E } from '../support/e2e';
import { ARTIFACTS_DIR, REPO_ROOT } from '../support/paths';
import { PayoutCounty } from '../support/payout-county';
import { withCheck } from '../support/seed';
import { tempDir } from '../support/tmp';

/**
 * 统计报表 in Chromium, signed in as the head. The county, paid and locked month
 * by month from September 2025 to November 2026 through the channels: 高龄 80–89
 * ¥50 and 90–99 ¥100, 孤儿 社会散居 ¥1400. Four elders from the start, 赵桂兰 from
 * March 2026; 周福贵 dies on 10 June 2026, recorded in July: June is still his month
 * (paid, and he is 在册 at the end of June), and he leaves the register from July. So 1–6月
 * pays the elders 2×¥250 + 4×¥300 = ¥1700 and the orphan 6×¥1400 = ¥8400;
 * 1–11月 adds 5×¥250 and 5×¥1400. With WELFARE_SCREENSHOTS=1 the dashboard, a
 * form and the summary are also written to docs/images/.
 */
const shots = process.env.WELFARE_SCREENSHOTS === '1';
const ELDERS = [
  { id: '42010219400315001', name: '张三', village: '420102001001', from: '2025-08-02' },
  { id: '42010219300620002', name: '李秀英', village: '420102001002', from: '2025-08-02' },
  { id: '42010219380201003', name: '王建国', village: '420102002003', from: '2025-08-02' },
  { id: '42010219420910004', name: '周福贵', village: '420102002003', from: '2025-08-02' },
  { id: '42010219450110005', name: '赵桂兰', village: '420102001001', from: '2026-03-02' },
] as const;
const ZHOU = ELDERS[3];
const H1 = { elderly: 2 * 25000 + 4 * 30000, orphan: 6 * 140000 };
const JAN_NOV = { elderly: H1.elderly + 5 * 25000, orphan: 11 * 140000 };
const yuan = (fen: number) => `${Math.floor(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;

async function message(page: Page, text: string | RegExp): Promise<string> {
  const notice = page.locator('.ant-message-notice', { hasText: text }).first();
  await notice.waitFor();
  return notice.innerText();
}

/** Types both ends of the month range picker, as a user does. */
async function setPeriod(page: Page, from: string, to: string): Promise<void> {
  const inputs = page.locator('.ant-picker-range input');
  await inputs.nth(0).click();
  await inputs.nth(0).fill(from);
  await inputs.nth(0).press('Enter');
  await inputs.nth(1).fill(to);
  await inputs.nth(1).press('Enter');
  expect([await inputs.nth(0).inputValue(), await inputs.nth(1).inputValue()]).toEqual([from, to]);
}

/** How many pixels of a chart's canvas differ from its background: a drawn chart has thousands. */
function inkedPixels(chart: Locator): Promise<number> {
  return chart
    .locator('canvas')
    .first()
    .evaluate((canvas: HTMLCanvasElement) => {
      const ctx = canvas.getContext('2d');
      if (!ctx) return 0;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let inked = 0;
      for (let i = 0; i < data.length; i += 4)
        if ((data[i + 3] ?? 0) > 0 && ((data[i] ?? 0) < 240 || (data[i + 1] ?? 0) < 240 || (data[i + 2] ?? 0) < 240))
          inked++;
      return inked;
    });
}

const gridCell = (page: Page, row: string, col: string) =>
  page.locator(`.ag-row[row-id="${row}"] .ag-cell[col-id="${col}"]`);

describe('统计报表 in Chromium', () => {
  const tmp = tempDir('wd-e2e-reports-');
  const data = join(tmp.dir, 'data');
  const exportDir = join(tmp.dir, 'export');
  let e2e: E2E;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const c = new PayoutCounty(data);
    try {
      c.today = '2025-08-01';
      await c.setup([
        ['elderly', '80-89', '2000-01', 5000],
        ['elderly', '90-99', '2000-01', 10000],
        ['orphan', 'dispersed', '2000-01', 140000],
      ]);
      const ids: number[] = [];
      for (const [i, e] of ELDERS.entries())
        ids.push(await c.person(e.id, e.name, `621700001000000000${String(i + 1)}`, { villageCode: e.village }));
      const sun = await c.person('42010220150101009', '孙小明', '6217000010000000009', { villageCode: '420102002003' });
      await c.enrol(sun, 'orphan', '2025-08-02', '2025-08-02', { childMode: 'dispersed', guardianName: '孙大伟' });
      for (const [i, e] of ELDERS.entries()) if (e.from < '2026') await c.enrol(ids[i] ?? 0, 'elderly', e.from, e.from);
      for (let i = 0; i < 15; i++) {
        const month = `${String(2025 + Math.floor((i + 8) / 12))}-${String(((i + 8) % 12) + 1).padStart(2, '0')}`;
        await c.at(`${month}-02`);
        if (month === '2026-03') await c.enrol(ids[4] ?? 0, 'elderly', ELDERS[4].from, ELDERS[4].from);
        if (month === '2026-07')
          await c.ok('li', 'person.recordDeath', { idNumber: withCheck(ZHOU.id), date: '2026-06-10' });
        await c.at(`${month}-05`);
        await c.pay('elderly', month);
        await c.pay('orphan', month);
      }
    } finally {
      c.close();
    }
    e2e = await startE2E(data, exportDir);
    await e2e.chrome.browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.harness.url });
    page = await e2e.chrome.browser.newPage();
    await page.goto(e2e.harness.url);
    await signInOnPage(page, 'wang');
    await page.getByRole('menu', { name: '主菜单' }).getByText('统计报表').click();
  }, 300_000);

  afterAll(async () => {
    await e2e?.close();
    tmp.cleanup();
  });

  it('the dashboard draws its charts, and a new period changes the figures', async () => {
    await setPeriod(page, '2026-01', '2026-11');
    const spending = page.locator('[data-chart="月度发放"]');
    await spending.waitFor();
    // ECharts animates in; wait until the canvas has ink rather than for a fixed time.
    await expect.poll(() => inkedPixels(spending), { timeout: 15_000 }).toBeGreaterThan(2000);
    await expect.poll(() => inkedPixels(page.locator('[data-chart="乡镇在册人数"]'))).toBeGreaterThan(500);
    await expect.poll(() => inkedPixels(page.locator('[data-chart="高龄津贴年龄段"]'))).toBeGreaterThan(500);
    const year = page.locator('.ant-statistic', { hasText: '2026年累计发放（万元）' });
    await expect.poll(() => year.locator('.ant-statistic-content').innerText()).toBe('1.84');
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'reports-dashboard.png') });
    if (shots) await page.screenshot({ path: join(REPO_ROOT, 'docs', 'images', 'reports-dashboard.png') });

    await setPeriod(page, '2026-01', '2026-06');
    await expect.poll(() => year.locator('.ant-statistic-content').innerText()).toBe('1.01');
    await expect.poll(() => inkedPixels(spending)).toBeGreaterThan(2000);
  });

  it('the township form shows the hand-counted figures and drills a count down to its people', async () => {
    await page.getByRole('tab', { name: '统计报表' }).click();
    await page.getByRole('combobox', { name: '报表' }).click();
    await page.locator('.ant-select-item-option', { hasText: /^分乡镇$/ }).click();
    await expect.poll(() => gridCell(page, 'total', 'all.paid').innerText()).toBe(yuan(H1.elderly + H1.orphan));
    expect(await gridCell(page, 'total', 'all.persons').innerText()).toBe('6');
    await setPeriod(page, '2026-01', '2026-11');
    await expect
      .poll(() => gridCell(page, 'total', 'all.paid').innerText())
      .toBe(yuan(JAN_NOV.elderly + JAN_NOV.orphan));

    await page.getByRole('combobox', { name: '报表' }).click();
    await page.locator('.ant-select-item-option', { hasText: /^增减变动$/ }).click();
    const deaths = gridCell(page, 'elderly', 'removed:death');
    await expect.poll(() => deaths.innerText()).toBe('1');
    expect(await gridCell(page, 'elderly', 'added').innerText()).toBe('1');
    // The picture shows the form, not the list still fading out.
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'reports-changes.png') });
    if (shots) await page.screenshot({ path: join(REPO_ROOT, 'docs', 'images', 'reports-form.png') });
    await deaths.click();
    const drawer = page.locator('.ant-drawer', { hasText: '明细：' });
    const row = drawer.locator('.ant-table-row', { hasText: ZHOU.name });
    await row.waitFor();
    // The head sees the register's masked ID, the month the allowance stopped and why.
    const text = await row.innerText();
    expect(text).toContain(maskIdNumber(withCheck(ZHOU.id)));
    expect(text).not.toContain(withCheck(ZHOU.id));
    expect(text).toContain('死亡');
    expect(await drawer.locator('.ant-table-row').count()).toBe(1);
    expect(await drawer.innerText()).toContain('共 1 人次，身份证号已按权限隐去中间位');
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'detached' });
  });

  it('exports the form to xlsx and PDF with the figures on the page', async () => {
    await page.getByRole('combobox', { name: '报表' }).click();
    await page.locator('.ant-select-item-option', { hasText: /^分乡镇$/ }).click();
    const shown = await gridCell(page, 'total', 'all.paid').innerText();
    expect(shown).toBe(yuan(JAN_NOV.elderly + JAN_NOV.orphan));

    await page.getByRole('button', { name: '导出 Excel' }).click();
    const xlsxName = /已导出 (\S+\.xlsx)/.exec(await message(page, /已导出 .*\.xlsx/))?.[1] ?? '';
    expect(readdirSync(exportDir)).toContain(xlsxName);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(join(exportDir, xlsxName)) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    expect(sheet.getCell('A1').value).toBe('分乡镇补贴发放统计表');
    let total = 0;
    sheet.eachRow((r, i) => {
      if (r.getCell(1).value === '全县合计') total = i;
    });
    const last = sheet.getRow(total).getCell(sheet.getRow(4).cellCount);
    expect([last.type, last.value]).toEqual([ExcelJS.ValueType.Number, (JAN_NOV.elderly + JAN_NOV.orphan) / 100]);

    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '导出 PDF' }).click();
    const pdfName = /已导出 (\S+\.pdf)/.exec(await message(page, /已导出 .*\.pdf/))?.[1] ?? '';
    const printed = execFileSync('pdftotext', ['-layout', join(exportDir, pdfName), '-'], { encoding: 'utf8' });
    expect(printed).toContain('分乡镇补贴发放统计表');
    expect(printed).toContain(shown);
    expect(printed).toMatch(/审计链 [0-9a-f]{64}/);
  }, 120_000);

  it('drafts the 工作总结 and copies it to the clipboard', async () => {
    await setPeriod(page, '2026-01', '2026-06');
    await page.getByRole('tab', { name: '工作总结' }).click();
    const summary = page.locator('div[aria-label="工作总结"]');
    await summary.getByText('截至6月底').first().waitFor();
    expect(await summary.innerText()).toContain('截至6月底，全县高龄津贴在册5人，1—6月累计发放0.17万元');
    expect(await summary.innerText()).toContain('截至6月底，全县孤儿基本生活保障金在册1人，1—6月累计发放0.84万元');
    await page.getByRole('button', { name: '复制总结' }).click();
    await message(page, '已复制到剪贴板');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('全县高龄津贴在册5人，1—6月累计发放0.17万元');
    for (const p of await summary.locator('.ant-typography').filter({ hasText: '截至' }).allInnerTexts())
      expect(copied).toContain(p.trim());
    await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 15_000 }).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'reports-summary.png') });
    if (shots) await page.screenshot({ path: join(REPO_ROOT, 'docs', 'images', 'reports-summary.png') });
  });
});
