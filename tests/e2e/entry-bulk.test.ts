import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../electron/web/server';
import { launchChromium, type RunningBrowser } from '../support/chromium';
import { initialisedDir, PASSWORD } from '../support/fixtures';
import { ARTIFACTS_DIR, RENDERER_DIR } from '../support/paths';
import { seedCounty, withCheck } from '../support/seed';
import { tempDir } from '../support/tmp';

describe('entering right the first time, and steps on many rows at once', () => {
  const tmp = tempDir('wd-e2e-entry-');
  const data = join(tmp.dir, 'data');
  let harness: Harness;
  let chrome: RunningBrowser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    initialisedDir(data, { users: [{ username: 'li', displayName: '李经办', roles: ['clerk'] }] });
    await seedCounty(data);
    harness = await startHarness({ testHooks: true, dataDir: data, rendererDir: RENDERER_DIR });
    chrome = await launchChromium();
  });

  afterAll(async () => {
    await chrome?.close();
    await harness?.close();
    tmp.cleanup();
  });

  it('shows what the ID says, refuses 高龄津贴 for a 1970-born person on the field, and reviews every row in one action', async () => {
    const page = await chrome.browser.newPage();
    await page.goto(harness.url);
    await page.getByLabel('用户名').fill('li');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('menu', { name: '主菜单' }).getByText('高龄津贴').click();
    await page.locator('.ag-cell', { hasText: '王建国' }).waitFor();

    await page.getByRole('button', { name: '新增' }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByLabel('身份证号', { exact: true }).fill(withCheck('42010219700101011'));
    await drawer
      .getByTestId('id-derived')
      .getByText(/出生日期 1970-01-01 · 男 · \d+ 岁/)
      .waitFor();
    await drawer.getByLabel('姓名', { exact: true }).fill('刘年轻');
    await drawer.getByRole('button', { name: '保存人员信息' }).click();
    await drawer.getByRole('button', { name: '保存待遇记录' }).waitFor();
    // The reason is on the field as soon as the form opens, and saving changes nothing.
    await drawer.getByText(/未满 80 周岁，不符合高龄津贴条件/).waitFor();
    await drawer.getByRole('button', { name: '保存待遇记录' }).click();
    await page.waitForTimeout(500);
    const n = await harness.inspect<{ n: number }>(
      `SELECT count(*) AS n FROM enrolments e JOIN persons p ON p.id = e.person_id WHERE p.name = '刘年轻'`,
    );
    expect(Number(n?.[0]?.n)).toBe(0);
    await page.keyboard.press('Escape');

    // Select all in the filter with the header box, then 初审 the lot.
    await page.locator('.ag-header-select-all').first().click();
    await page.getByRole('note', { name: '合计' }).getByText('已勾选 4 条').waitFor();
    await page.getByRole('button', { name: '批量办理' }).click();
    await page.getByRole('menuitem', { name: '初审通过' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '开始办理' }).click();
    await page.getByText('批量初审通过：已办理 4 条，未办理 0 条').waitFor();
    const reviewed = await harness.inspect<{ n: number }>(
      `SELECT count(*) AS n FROM enrolments WHERE status = 'reviewed'`,
    );
    expect(Number(reviewed?.[0]?.n)).toBe(4);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'entry-bulk.png') });
  }, 180_000);
});
