import iconv from 'iconv-lite';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInOnPage, startE2E, type E2E } from '../support/e2e';
import { ADMIN } from '../support/fixtures';
import { ARTIFACTS_DIR } from '../support/paths';
import { PayoutCounty } from '../support/payout-county';
import { tempDir } from '../support/tmp';

/**
 * 银行文件模板 in Chromium. wang (head) builds a GBK fixed-width text template on
 * the 资金发放 page (a missing width and a taken name are refused); li (clerk) sees it
 * read-only and exports a batch locked through the channels with it; the file
 * is read back as GBK, column by column, byte by byte.
 */
const MONTH = '2026-10';
const BATCH_NO = 'FF202610-GL-01';
const TEMPLATE = '农商行代发（定长）';
const RATE_FEN = 5000;
const ELDERS = [
  { id: '42010219400315001', name: '张三', account: '6217000010000000001' },
  { id: '42010219350620002', name: '欧阳秀英', account: '6217000010000000002' },
  { id: '42010219380201003', name: '王建国', account: '6217000010000000003' },
] as const;
const expectedFen = ELDERS.length * RATE_FEN;
/** The layout wang builds: the reference moved to the front, then the three columns a new template starts with. */
const LAYOUT = [
  { header: '流水号', width: 11 },
  { header: '账号', width: 20 },
  { header: '户名', width: 20 },
  { header: '金额', width: 12 },
] as const;
const LINE_BYTES = LAYOUT.reduce((s, c) => s + c.width, 0);

async function open(page: Page, username: string, password?: string): Promise<void> {
  await signInOnPage(page, username, password);
  await page.getByRole('menu', { name: '主菜单' }).waitFor();
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出' }).click();
  await page.getByLabel('用户名').waitFor();
}

async function openTemplatesTab(page: Page): Promise<void> {
  await page.getByRole('menu', { name: '主菜单' }).getByText('资金发放').click();
  await page.getByRole('tab', { name: '银行文件模板' }).click();
  await page.getByRole('table', { name: '模板列表' }).getByText('一卡通（默认）').waitFor();
}

async function message(page: Page, text: string | RegExp): Promise<string> {
  const notice = page.locator('.ant-message-notice', { hasText: text }).first();
  await notice.waitFor();
  return notice.innerText();
}

/** Splits a fixed-width line (bytes) into its columns' texts, decoded as GBK and trimmed. */
function columnsOf(line: Buffer): string[] {
  let at = 0;
  return LAYOUT.map((c) => {
    const text = iconv.decode(line.subarray(at, at + c.width), 'gbk').trim();
    at += c.width;
    return text;
  });
}

describe('银行文件模板 in Chromium', () => {
  const tmp = tempDir('wd-e2e-bank-templates-');
  const data = join(tmp.dir, 'data');
  const exportDir = join(tmp.dir, 'export');
  let e2e: E2E;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const c = new PayoutCounty(data);
    try {
      await c.setup([
        ['elderly', '80-89', '2000-01', RATE_FEN],
        ['elderly', '90-99', '2000-01', RATE_FEN],
        ['elderly', '100+', '2000-01', RATE_FEN],
      ]);
      for (const e of ELDERS)
        await c.enrol(await c.person(e.id, e.name, e.account), 'elderly', '2025-12-01', '2026-01-02');
      await c.at('2026-10-05');
      const batch = await c.pay('elderly', MONTH);
      if (batch.batchNo !== BATCH_NO || batch.totalFen !== expectedFen || batch.status !== 'locked')
        throw new Error(`seed: unexpected batch ${JSON.stringify(batch)}`);
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

  it('wang builds a GBK fixed-width template: a column without a width and a taken name are refused, then it is saved', async () => {
    await open(page, 'wang');
    await openTemplatesTab(page);
    await page.getByRole('button', { name: '新建模板' }).click();
    const form = page.getByRole('form', { name: '模板内容' });
    // First under the default template's name: refused once the widths are right.
    await form.getByLabel('模板名称').fill('一卡通（默认）');
    await form.getByRole('radio', { name: '定长文本（txt）' }).check();
    await form.getByRole('radio', { name: 'GBK' }).check();
    await form.getByRole('checkbox', { name: '首行写列标题' }).check();
    await form.getByLabel('文件名').fill('代发-{period}-{batchNo}');
    await form.getByRole('button', { name: '添加列' }).click();
    await form.getByLabel('第 4 列内容').click();
    await page.keyboard.type('流水号');
    await page.keyboard.press('Enter');
    // Picking the content fills in its usual header.
    expect(await form.getByLabel('第 4 列列标题').inputValue()).toBe('流水号');
    for (let i = 4; i > 1; i -= 1) await form.getByRole('button', { name: `第 ${i} 列上移` }).click();
    expect(await form.getByLabel('第 1 列列标题').inputValue()).toBe('流水号');
    await form.getByLabel('第 4 列列标题').fill('金额');

    // The preview warns before saving; the server refuses all the same.
    const preview = form.getByRole('region', { name: '文件预览' });
    await preview.getByText('第 1 列（流水号）未填宽度').waitFor();
    await form.getByRole('button', { name: '保存模板' }).click();
    await form.getByRole('alert').filter({ hasText: '定长文本格式须为每一列填写宽度（字节）' }).waitFor();
    await form.getByText('请填写宽度').waitFor();

    await form.getByLabel('第 1 列宽度').fill(String(LAYOUT[0].width));
    await form.getByText('请填写宽度').waitFor({ state: 'detached' });
    await preview
      .getByRole('note', { name: '行长度' })
      .filter({ hasText: `每行 ${LINE_BYTES} 字节` })
      .waitFor();
    expect(await preview.innerText()).toContain('代发-2026-11-FF202611-GL-01.txt');
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'bank-templates.png') });
    await form.getByRole('button', { name: '保存模板' }).click();
    await form.getByText('已有名为“一卡通（默认）”的模板').waitFor();
    await form.getByLabel('模板名称').fill(TEMPLATE);
    await form.getByRole('button', { name: '保存模板' }).click();
    await message(page, `已保存银行文件模板“${TEMPLATE}”`);
    await page.getByRole('table', { name: '模板列表' }).getByText(TEMPLATE).waitFor();
    expect(await form.getByRole('alert').count()).toBe(0);
    await signOut(page);
  });

  it('li sees the template read-only and exports the locked batch with it: GBK, fixed widths, the batch total', async () => {
    await open(page, 'li');
    await openTemplatesTab(page);
    await page.getByRole('table', { name: '模板列表' }).getByText(TEMPLATE).click();
    const form = page.getByRole('form', { name: '模板内容' });
    expect(await form.getByLabel('第 1 列宽度').inputValue()).toBe(String(LAYOUT[0].width));
    expect(await form.getByLabel('模板名称').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: '新建模板' }).count()).toBe(0);
    expect(await form.getByRole('button', { name: '保存模板' }).count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'bank-templates-readonly.png') });

    await page.getByRole('tab', { name: '发放批次' }).click();
    await page.locator('.ag-cell', { hasText: BATCH_NO }).first().click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByText(`发放批次 ${BATCH_NO}`).waitFor();
    await drawer.getByRole('button', { name: '导出银行文件' }).click();
    const dialog = page.getByRole('dialog', { name: `导出银行文件：${BATCH_NO}` });
    await dialog.getByLabel('银行文件模板').click();
    await page.locator('.ant-select-item-option', { hasText: TEMPLATE }).click();
    await dialog.getByRole('button', { name: '导出' }).click();
    const text = await message(page, '已导出银行文件');
    expect(text).toContain(`代发-${MONTH}-${BATCH_NO}.txt`);
    expect(text).toContain(`${ELDERS.length} 笔，合计 ${(expectedFen / 100).toFixed(2)} 元`);

    const files = readdirSync(exportDir);
    expect(files).toEqual([`代发-${MONTH}-${BATCH_NO}.txt`]);
    const bytes = readFileSync(join(exportDir, files[0] ?? ''));
    // GBK throughout: decoding and encoding again gives the same bytes, and there is no BOM.
    const decoded = iconv.decode(bytes, 'gbk');
    expect(iconv.encode(decoded, 'gbk').equals(bytes)).toBe(true);
    expect(decoded.endsWith('\r\n')).toBe(true);
    const lines: Buffer[] = [];
    for (let at = 0; at < bytes.length;) {
      const end = bytes.indexOf('\r\n', at);
      lines.push(bytes.subarray(at, end));
      at = end + 2;
    }
    expect(lines).toHaveLength(1 + ELDERS.length);
    expect(lines.map((l) => l.length)).toEqual(lines.map(() => LINE_BYTES));

    const [header, ...body] = lines.map(columnsOf);
    expect(header).toEqual(LAYOUT.map((c) => c.header));
    for (const row of body) expect(row[0]).toMatch(/^WD\d{9}$/);
    expect(body.map((r) => `${r[2]}|${r[1]}`).sort()).toEqual(ELDERS.map((e) => `${e.name}|${e.account}`).sort());
    // Amounts are right-aligned in their 12 bytes.
    for (const l of lines.slice(1))
      expect(iconv.decode(l.subarray(LINE_BYTES - 12), 'gbk')).toMatch(/^ +[\d,]+\.\d{2}$/);
    expect(body.reduce((s, r) => s + Math.round(Number((r[3] ?? '').replaceAll(',', '')) * 100), 0)).toBe(expectedFen);
    await drawer.locator('th:has-text("状态") + td', { hasText: '已导出' }).waitFor();
    await page.locator('.ant-drawer-close').click();
    await signOut(page);
  });

  it('the administrator, who does not see 资金发放, keeps the templates under 系统管理', async () => {
    await open(page, ADMIN.username, ADMIN.password);
    const menu = page.getByRole('menu', { name: '主菜单' });
    expect(await menu.getByText('资金发放').count()).toBe(0);
    await menu.getByText('银行文件模板').click();
    await page.getByRole('table', { name: '模板列表' }).getByText(TEMPLATE).click();
    const form = page.getByRole('form', { name: '模板内容' });
    expect(await form.getByLabel('模板名称').inputValue()).toBe(TEMPLATE);
    expect(await form.getByLabel('模板名称').isDisabled()).toBe(false);
    await page.getByRole('button', { name: '新建模板' }).waitFor();
  });
});
