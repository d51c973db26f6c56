import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initialisedDir } from '../support/fixtures';
import { signInOnPage, startE2E, type E2E } from '../support/e2e';
import { seedCounty, withCheck } from '../support/seed';
import { tempDir } from '../support/tmp';

const personCount = async (e: E2E) =>
  Number((await e.harness.inspect<{ n: number }>('SELECT count(*) AS n FROM persons'))?.[0]?.n);

describe('import wizard in Chromium', () => {
  const tmp = tempDir('wd-e2e-import-');
  const data = join(tmp.dir, 'data');
  let e2e: E2E;
  let roster: string;

  beforeAll(async () => {
    initialisedDir(data, { users: [{ username: 'li', displayName: '李经办', roles: ['clerk'] }] });
    await seedCounty(data);
    // A header the automatic mapping does not know (所在村组) and one damaged ID on row 4.
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('名册');
    ws.addRow(['高龄津贴新增名单']);
    ws.addRow(['姓名', '身份证号', '所在村组']);
    ws.addRow(['欧阳秀兰', withCheck('42010219400101061'), '光华村']);
    ws.addRow(['司马光明', '4.20102E+17', '光华村']);
    ws.addRow(['诸葛明月', withCheck('42010219390202072'), '花桥社区']);
    roster = join(tmp.dir, '新增名单.xlsx');
    await book.xlsx.writeFile(roster);
    e2e = await startE2E(data);
  });

  afterAll(async () => {
    await e2e?.close();
    tmp.cleanup();
  });

  it('uploads a roster, shows the damaged row by its number, takes a corrected mapping and imports', async () => {
    const page = await e2e.chrome.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(e2e.harness.url);
    await signInOnPage(page, 'li');
    await page.getByRole('menu', { name: '主菜单' }).getByText('数据导入').click();
    // The register's own upload stays mounted (hidden) while the lazy import page loads:
    // wait for the wizard and pick its input, not the death list's.
    await page.getByRole('button', { name: /选择花名册文件/ }).waitFor();
    await page.locator('input[type=file][accept=".xlsx,.xls,.csv,.txt"]').setInputFiles(roster);

    // Step 2: the unknown column is not mapped; the clerk maps it to 村（社区）.
    const mapping = page.getByLabel('列对应', { exact: true });
    await mapping.waitFor();
    await page.getByLabel('列“所在村组”对应').click();
    await page.keyboard.type('村（社区）');
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '村（社区）' })
      .first()
      .click();
    await page.getByRole('button', { name: '重新校验' }).click();
    await page.getByRole('button', { name: /下一步/ }).click();

    // Step 3: the damaged ID is rejected on spreadsheet row 4, with the reason.
    const result = page.getByLabel('校验结果');
    await result.getByText('可导入 2 行').waitFor();
    const line = page.locator('.ag-row', { hasText: '司马光明' });
    await line.waitFor();
    expect(await line.locator('[col-id=row]').textContent()).toBe('4');
    // Words in the grid, the code in its tooltip.
    expect(await line.textContent()).toContain('身份证号已被表格软件改坏');
    expect(await line.textContent()).not.toContain('ID_DAMAGED');
    expect(await line.locator('[data-code=ID_DAMAGED]').count()).toBe(1);
    expect(await line.textContent()).toContain('不能自动修复');
    expect(await personCount(e2e)).toBe(4);

    await page.getByRole('button', { name: '确认导入' }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '导入' }).click();
    await page.getByText('已导入 2 行').waitFor();
    expect(await personCount(e2e)).toBe(6);
    const village = (
      await e2e.harness.inspect<{ v: string }>(`SELECT village_code AS v FROM persons WHERE name = '欧阳秀兰'`)
    )?.[0]?.v;
    expect(village).toBe('420102002003');
    expect(errors).toEqual([]);
  });
});
