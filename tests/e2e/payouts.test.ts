import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInOnPage, startE2E, waitForMessage, type E2E } from '../support/e2e';
import { ARTIFACTS_DIR, REPO_ROOT } from '../support/paths';
import { PayoutCounty } from '../support/payout-county';
import { withCheck } from '../support/seed';
import { tempDir } from '../support/tmp';

/**
 * 资金发放 in Chromium. The county: four elders approved in January, October paid
 * and locked through the channels, then 赵桂兰's death in September recorded late
 * (October becomes a recovery). On the page li generates November, zhao reviews,
 * wang locks and waives the recovery, li exports the bank file and prints.
 * With WELFARE_SCREENSHOTS=1 the batch detail is also written to docs/images/payouts.png.
 */
const MONTH = '2026-11';
const ELDERS = [
  {
    id: '42010219400315001',
    name: '张三',
    village: '420102001001',
    account: '6217000010000000001',
    approved: true,
    dies: null,
  },
  {
    id: '42010219350620002',
    name: '李秀英',
    village: '420102001002',
    account: '6217000010000000002',
    approved: true,
    dies: null,
  },
  {
    id: '42010219380201003',
    name: '王建国',
    village: '420102002003',
    account: '6217000010000000003',
    approved: true,
    dies: null,
  },
  {
    id: '42010219440710004',
    name: '赵桂兰',
    village: '420102002003',
    account: '6217000010000000004',
    approved: true,
    dies: '2026-09-15',
  },
  {
    id: '42010219410505005',
    name: '孙未批',
    village: '420102002003',
    account: '6217000010000000005',
    approved: false,
    dies: null,
  },
] as const;
const RATES = { '80-89': 5000, '90-99': 10000 } as const;

/** Age in completed years on the first of a month, from the birth date in the ID number. */
function ageAt(id: string, month: string): number {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  const [by, bm, bd] = [Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14))];
  return y - by - (m < bm || (m === bm && bd > 1) ? 1 : 0);
}
/** What November should pay, computed here rather than read from the app: living approved elders at their tier. */
const payable = ELDERS.filter((e) => e.approved && !e.dies);
const expectedFen = payable.reduce((s, e) => s + (ageAt(e.id, MONTH) >= 90 ? RATES['90-99'] : RATES['80-89']), 0);
const yuanText = (fen: number) =>
  `${Math.floor(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;

async function signInAs(page: Page, username: string): Promise<void> {
  await signInOnPage(page, username);
  await page.getByRole('menu', { name: '主菜单' }).getByText('资金发放').click();
  await page.getByRole('tab', { name: '发放批次' }).waitFor();
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出' }).click();
  await page.getByLabel('用户名').waitFor();
}

async function openBatch(page: Page, batchNo: string) {
  await page.locator('.ag-cell', { hasText: batchNo }).first().click();
  const drawer = page.locator('.ant-drawer');
  await drawer.getByText(`发放批次 ${batchNo}`).waitFor();
  return drawer;
}

const statusOf = (drawer: ReturnType<Page['locator']>) => drawer.locator('th:has-text("状态") + td').innerText();

const message = (page: Page, text: string | RegExp): Promise<string> => waitForMessage(page, text);

describe('资金发放 in Chromium', () => {
  const tmp = tempDir('wd-e2e-payouts-');
  const data = join(tmp.dir, 'data');
  const exportDir = join(tmp.dir, 'export');
  let e2e: E2E;
  let page: Page;
  let batchNo = '';

  beforeAll(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const c = new PayoutCounty(data);
    try {
      await c.setup([
        ['elderly', '80-89', '2000-01', RATES['80-89']],
        ['elderly', '90-99', '2000-01', RATES['90-99']],
        ['elderly', '100+', '2000-01', 50000],
      ]);
      for (const e of ELDERS) {
        const person = await c.person(e.id, e.name, e.account, { villageCode: e.village });
        await c.enrol(person, 'elderly', '2025-12-01', e.approved ? '2026-01-02' : undefined);
      }
      await c.at('2026-10-05');
      const october = await c.pay('elderly', '2026-10');
      if (october.lineCount !== 4) throw new Error(`seed: October should pay four elders, got ${october.lineCount}`);
      await c.at('2026-10-20');
      await c.ok('li', 'person.recordDeath', { idNumber: withCheck(ELDERS[3].id), date: ELDERS[3].dies });
    } finally {
      c.close();
    }
    e2e = await startE2E(data, exportDir);
    page = await e2e.chrome.browser.newPage();
    await page.goto(e2e.harness.url);
  });

  afterAll(async () => {
    await e2e?.close();
    tmp.cleanup();
  });

  it('li generates November and sees its lines and total, but cannot review it', async () => {
    await signInAs(page, 'li');
    await page.getByLabel('发放项目').click();
    await page.locator('.ant-select-item-option', { hasText: /^高龄津贴$/ }).click();
    const month = page.getByLabel('发放月份');
    await month.click();
    await month.fill(MONTH);
    await month.press('Tab');
    expect(await month.inputValue()).toBe(MONTH);
    await page.getByRole('button', { name: '生成批次' }).click();
    const text = await message(page, '已生成批次');
    batchNo = /FF\d{6}-GL-\d{2}/.exec(text)?.[0] ?? '';
    expect(batchNo).toBe('FF202611-GL-01');
    expect(text).toContain(`${payable.length} 笔，合计 ${yuanText(expectedFen)} 元`);

    const drawer = page.locator('.ant-drawer');
    await drawer.getByText(`发放批次 ${batchNo}`).waitFor();
    expect(await drawer.getByRole('note', { name: '明细合计' }).innerText()).toContain(
      `共 ${payable.length} 笔，合计 ${yuanText(expectedFen)} 元`,
    );
    for (const e of payable) await drawer.locator('.ag-cell', { hasText: e.name }).first().waitFor();
    expect(await drawer.locator('.ag-cell', { hasText: '孙未批' }).count()).toBe(0);
    expect(await drawer.locator('.ag-cell', { hasText: '赵桂兰' }).count()).toBe(0);
    expect(await statusOf(drawer)).toBe('草稿');
    // The generator is not a reviewer: no 复核 for li.
    expect(await drawer.getByRole('button', { name: '复核', exact: true }).count()).toBe(0);
    // The comparison with October: 赵桂兰 stopped (death recorded).
    await drawer.getByRole('tab', { name: '与上期对比' }).click();
    await drawer.getByText('停发（1 人）').waitFor();
    await drawer.locator('.ant-table-row', { hasText: '赵桂兰' }).waitFor();
    await page.locator('.ant-drawer-close').click();
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'payouts-list.png') });
    await signOut(page);
  });

  it('zhao reviews it and wang locks it after a confirmation showing the total', async () => {
    await signInAs(page, 'zhao');
    let drawer = await openBatch(page, batchNo);
    await drawer.getByRole('button', { name: '复核', exact: true }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '复核通过' }).click();
    await message(page, `批次 ${batchNo} 已复核`);
    await drawer.locator('th:has-text("状态") + td', { hasText: '已复核' }).waitFor();
    expect(await drawer.getByRole('button', { name: '锁定', exact: true }).count()).toBe(0);
    await page.locator('.ant-drawer-close').click();
    await signOut(page);

    await signInAs(page, 'wang');
    drawer = await openBatch(page, batchNo);
    await drawer.getByRole('button', { name: '锁定', exact: true }).click();
    const confirm = page.locator('.ant-modal-confirm');
    expect(await confirm.innerText()).toContain(`共 ${payable.length} 笔，合计 ${yuanText(expectedFen)} 元`);
    await confirm.getByRole('button', { name: '确认锁定' }).click();
    await message(page, `批次 ${batchNo} 已锁定`);
    await drawer.locator('th:has-text("状态") + td', { hasText: '已锁定' }).waitFor();
    await page.locator('.ant-drawer-close').click();
  });

  it('wang waives the recovery of the month paid after the death', async () => {
    await page.getByRole('tab', { name: '追缴记录' }).click();
    const grid = page.getByLabel('追缴记录', { exact: true });
    const row = grid.locator('.ag-row', { hasText: '赵桂兰' });
    await row.waitFor();
    expect(await row.innerText()).toContain('2026-10');
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'payouts-recoveries.png') });
    expect(await page.getByRole('note', { name: '追缴合计' }).innerText()).toContain(
      `共 1 笔，合计 ${yuanText(RATES['80-89'])} 元`,
    );
    await row.locator('.ag-checkbox-input').first().check();
    await page.getByRole('button', { name: '免予追缴' }).click();
    const dialog = page.getByRole('dialog', { name: '免予追缴' });
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.getByText('请填写说明').waitFor();
    await dialog.getByLabel('说明').fill('家属困难，经研究免予追缴');
    await dialog.getByRole('button', { name: '确定' }).click();
    await message(page, '已办结 1 笔追缴（免予追缴）');
    await grid.locator('.ag-row', { hasText: '赵桂兰' }).waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: '发放批次' }).click();
    await signOut(page);
  });

  it('li exports the bank file with the batch total', async () => {
    await signInAs(page, 'li');
    const drawer = await openBatch(page, batchNo);
    await drawer.getByRole('button', { name: '导出银行文件' }).click();
    await page
      .getByRole('dialog', { name: `导出银行文件：${batchNo}` })
      .getByRole('button', { name: '导出' })
      .click();
    const text = await message(page, '已导出银行文件');
    expect(text).toContain(`${payable.length} 笔，合计 ${yuanText(expectedFen)} 元`);
    await drawer.locator('th:has-text("状态") + td', { hasText: '已导出' }).waitFor();
    const xlsx = readdirSync(exportDir).filter((f) => f.endsWith('.xlsx'));
    expect(xlsx).toHaveLength(1);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(join(exportDir, xlsx[0] ?? '')) as unknown as ArrayBuffer);
    const rows = (book.worksheets[0]?.getSheetValues() ?? []).filter(Boolean) as unknown[][];
    const amount = rows[0]?.indexOf('金额') ?? -1;
    const name = rows[0]?.indexOf('姓名') ?? -1;
    expect(amount).toBeGreaterThan(0);
    const body = rows.slice(1);
    expect(body.map((r) => String(r[name])).sort()).toEqual(payable.map((e) => e.name).sort());
    expect(body.reduce((s, r) => s + Math.round(Number(r[amount]) * 100), 0)).toBe(expectedFen);
  });

  it('previews the roster with its grand total, saves it as a PDF and says where printing is unavailable', async () => {
    const drawer = page.locator('.ant-drawer');
    if (process.env.WELFARE_SCREENSHOTS === '1') {
      await drawer.getByRole('tab', { name: /发放明细/ }).click();
      await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
      await page.screenshot({ path: join(REPO_ROOT, 'docs', 'images', 'payouts.png') });
    }
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'payouts.png') });
    await drawer.getByRole('button', { name: '打印预览' }).click();
    await page.locator('.ant-dropdown-menu-item', { hasText: '发放花名册' }).click();
    const frame = page.frameLocator('iframe.print-preview-frame');
    await frame.locator('h1', { hasText: '发放花名册' }).first().waitFor();
    const shown = await frame.locator('body').innerText();
    expect(shown).toContain('高龄津贴发放花名册');
    expect(shown).toContain(yuanText(expectedFen));
    for (const e of payable) expect(shown).toContain(e.name);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'payouts-preview.png') });

    const preview = page.locator('.ant-modal', { hasText: '打印预览：' });
    await preview.getByRole('button', { name: '另存为 PDF' }).click();
    const saved = await message(page, /已另存为 .*\.pdf（共 \d+ 页）/);
    const pdfs = readdirSync(exportDir).filter((f) => f.endsWith('.pdf'));
    expect(pdfs).toHaveLength(1);
    expect(saved).toContain(pdfs[0]);
    const printed = execFileSync('pdftotext', ['-layout', join(exportDir, pdfs[0] ?? ''), '-'], { encoding: 'utf8' });
    expect(printed).toContain('发放花名册');
    expect(printed).toContain(yuanText(expectedFen));

    // The browser preview has no printer: the refusal reaches the user in Chinese.
    await preview.locator('.ant-modal-footer').getByRole('button', { name: '打印' }).click();
    await message(page, '本机无法打印，请另存为 PDF 后打印');
    await preview.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    await preview.waitFor({ state: 'detached' });
  });

  it('li imports the bank return: one failure with its reason, one row that matches nothing, the rest paid', async () => {
    const wangJianguo = ELDERS[2];
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('回盘');
    sheet.addRow(['农商银行代发回盘']);
    sheet.addRow(['户名', '账号', '金额', '处理结果', '失败原因']);
    sheet.addRow([wangJianguo.name, wangJianguo.account, yuanText(RATES['80-89']), '失败', '账户已销户']);
    sheet.addRow(['查无此人', '6217000010000009999', '50.00', '失败', '账号不存在']);
    const buffer = Buffer.from(await book.xlsx.writeBuffer());
    const drawer = page.locator('.ant-drawer');
    await drawer.getByRole('button', { name: '导入回盘' }).click();
    const dialog = page.getByRole('dialog', { name: `导入银行回盘：${batchNo}` });
    expect(await dialog.getByRole('checkbox', { name: '未列出的明细视为成功' }).isChecked()).toBe(true);
    await dialog.locator('input[type=file]').setInputFiles({
      name: '回盘.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer,
    });
    await dialog.getByRole('button', { name: '导入' }).click();
    await dialog.getByText(`成功 ${payable.length - 1} 笔，失败 1 笔，未能对应 1 行`).waitFor();
    expect(await dialog.innerText()).toContain('6217000010000009999');
    await dialog.getByRole('button', { name: '完成' }).click();
    await drawer.locator('th:has-text("状态") + td', { hasText: '已回盘' }).waitFor();
    await drawer
      .locator('.ag-row', { hasText: wangJianguo.name })
      .locator('.ag-cell', { hasText: '失败：账户已销户' })
      .waitFor();
    expect(await drawer.getByRole('note', { name: '明细合计' }).innerText()).toContain('其中银行失败 1 笔');
  });
});
