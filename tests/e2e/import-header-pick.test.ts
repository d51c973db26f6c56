import { createHash, randomBytes } from 'node:crypto';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initialisedDir } from '../support/fixtures';
import { signInOnPage, startE2E, type E2E } from '../support/e2e';
import { seedCounty, withCheck } from '../support/seed';
import { tempDir } from '../support/tmp';

const personCount = async (e: E2E) =>
  Number((await e.harness.inspect<{ n: number }>('SELECT count(*) AS n FROM persons'))?.[0]?.n);

/** Picks `label` in the mapping select of column `header`, and waits for its dropdown to close. */
async function mapColumn(page: Page, header: string, label: string): Promise<void> {
  await page.getByLabel(`列“${header}”对应`).click();
  await page.keyboard.type(label);
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`).click();
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
}

describe('import wizard: a header row picked by the clerk, a large file sent in chunks', () => {
  const tmp = tempDir('wd-e2e-header-pick-');
  const data = join(tmp.dir, 'data');
  let e2e: E2E;
  let roster: string;
  let large: string;
  let largeSha = '';
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    initialisedDir(data, { users: [{ username: 'li', displayName: '李经办', roles: ['clerk'] }] });
    await seedCounty(data);
    // The header is row 3, and none of its words is a known column name.
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('名册');
    ws.addRow(['光华村高龄老人名单']);
    ws.addRow(['填报单位：光华村']);
    ws.addRow(['老人称呼', '证件编码', '所在村组']);
    ws.addRow(['欧阳秀兰', withCheck('42010219400101061'), '光华村']);
    ws.addRow(['诸葛明月', withCheck('42010219390202072'), '花桥社区']);
    roster = join(tmp.dir, '村里的名单.xlsx');
    await book.xlsx.writeFile(roster);
    // Over 4 MiB, so the wizard sends it in three chunks: a 9 MB remark (refused by its row) pads it.
    const lines = [
      '姓名,身份证号,区划代码,备注',
      `上官一,${withCheck('42010219380303081')},420102001001,`,
      `上官二,${withCheck('42010219380303092')},420102001002,`,
      `上官三,${withCheck('42010219380303103')},420102001002,${randomBytes(6_750_000).toString('base64')}`,
    ];
    const csv = Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
    largeSha = createHash('sha256').update(csv).digest('hex');
    large = join(tmp.dir, '大名单.csv');
    writeFileSync(large, csv);
    e2e = await startE2E(data);
  });

  afterAll(async () => {
    await e2e?.close();
    tmp.cleanup();
  });

  it('shows the first rows, takes the picked row as the header, then the mapping, and imports', async () => {
    page = await e2e.chrome.browser.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(e2e.harness.url);
    await signInOnPage(page, 'li');
    await page.getByRole('menu', { name: '主菜单' }).getByText('数据导入').click();
    // The register's own upload stays mounted (hidden) while the lazy import page loads.
    await page.getByRole('button', { name: /选择花名册文件/ }).waitFor();
    await page.locator('input[type=file][accept=".xlsx,.xls,.csv,.txt"]').setInputFiles(roster);

    // No header recognised: the sheet's rows, each with 这一行是表头.
    const pick = page.getByLabel('指定表头行');
    await pick.waitFor();
    expect(await pick.textContent()).toContain('找不到表头');
    const headerLine = pick.getByRole('row').filter({ hasText: '老人称呼' });
    expect(await headerLine.textContent()).toContain('第 3 行');
    await headerLine.getByRole('button', { name: '这一行是表头' }).click();

    // The mapping step with row 3's columns, none mapped yet.
    const mapping = page.getByLabel('列对应', { exact: true });
    await mapping.waitFor();
    expect(await mapping.textContent()).toContain('表头在第 3 行');
    expect(await page.getByRole('button', { name: /下一步/ }).isDisabled()).toBe(true);
    await mapColumn(page, '老人称呼', '姓名');
    await mapColumn(page, '证件编码', '身份证号');
    await mapColumn(page, '所在村组', '村（社区）');
    await page.getByRole('button', { name: '重新校验' }).click();
    // Enabled once the new preview is back (click waits for that).
    await page.getByRole('button', { name: /下一步/ }).click();

    await page.getByLabel('校验结果').getByText('可导入 2 行').waitFor();
    expect(await personCount(e2e)).toBe(4);
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '导入' }).click();
    await page.getByText('已导入 2 行').waitFor();
    expect(await personCount(e2e)).toBe(6);
    const village = (
      await e2e.harness.inspect<{ v: string }>(`SELECT village_code AS v FROM persons WHERE name = '诸葛明月'`)
    )?.[0]?.v;
    expect(village).toBe('420102001001');
    // The import's audit line names the file sent in chunks.
    const audit = await e2e.harness.inspect<{ a: string }>(
      `SELECT after_json AS a FROM audit_log WHERE action = 'import.commit'`,
    );
    expect(audit?.[0]?.a).toContain('村里的名单.xlsx');
  });

  it('sends a file over 4 MiB in chunks that main joins back to the same bytes', async () => {
    // The next file on the same page, after the last import finished: the wizard starts over.
    await page.locator('input[type=file][accept=".xlsx,.xls,.csv,.txt"]').setInputFiles(large);
    await page.getByLabel('列对应', { exact: true }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: /下一步/ }).click();
    await page.getByLabel('校验结果').getByText('可导入 2 行').waitFor();
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '导入' }).click();
    // The digest main computed over the joined chunks is the file's own.
    await page.getByText(`文件 SHA-256 ${largeSha.slice(0, 16)}…`).waitFor({ timeout: 60_000 });
    const audit = await e2e.harness.inspect<{ a: string }>(
      `SELECT after_json AS a FROM audit_log WHERE action = 'import.commit' ORDER BY seq DESC LIMIT 1`,
    );
    expect(JSON.parse(audit?.[0]?.a ?? '{}')).toMatchObject({ sha256: largeSha, size: statSync(large).size });
    expect(errors).toEqual([]);
  });
});
