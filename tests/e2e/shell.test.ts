import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../electron/web/server';
import { launchChromium, type RunningBrowser } from '../support/chromium';
import { ARTIFACTS_DIR, RENDERER_DIR } from '../support/paths';
import { tempDir } from '../support/tmp';

describe('shell in Chromium through the browser preview', () => {
  const tmp = tempDir('wd-e2e-');
  let harness: Harness;
  let chrome: RunningBrowser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    harness = await startHarness({ dataDir: join(tmp.dir, 'data'), rendererDir: RENDERER_DIR });
    chrome = await launchChromium();
  });

  afterAll(async () => {
    await chrome?.close();
    await harness?.close();
    tmp.cleanup();
  });

  it('sets up, locks, refuses a wrong passphrase, unlocks and shows the menu and the grid', async () => {
    const page = await chrome.browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    await page.goto(harness.url);

    // First run: the setup form validates in Chinese before anything is created.
    await page.getByRole('heading', { name: '初始设置' }).waitFor();
    await page.getByLabel('县区代码').fill('42010');
    await page.getByRole('button', { name: '创建加密数据库' }).click();
    await page.getByText('县区代码应为 6 位数字的县级行政区划代码').waitFor();
    expect(harness.app.isInitialized()).toBe(false);

    await page.getByLabel('县区代码').fill('420102');
    await page.getByLabel('县区名称').fill('江岸区');
    await page.getByLabel('口令', { exact: true }).fill('correct horse battery');
    await page.getByLabel('确认口令').fill('correct horse battery');
    await page.getByRole('button', { name: '创建加密数据库' }).click();
    await page.getByRole('menu', { name: '主菜单' }).waitFor();
    expect(harness.app.isInitialized()).toBe(true);

    // Lock, then a wrong passphrase is refused on the field.
    await page.getByRole('button', { name: '锁定' }).click();
    await page.getByText('数据库已加密，请输入口令解锁').waitFor();
    await page.getByLabel('口令').fill('wrong passphrase');
    await page.getByRole('button', { name: '解锁' }).click();
    await page.getByText('口令不正确').waitFor();
    await page.waitForTimeout(600); // let antd's message animation settle for the picture
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'unlock.png') });

    await page.getByLabel('口令').fill('correct horse battery');
    await page.getByRole('button', { name: '解锁' }).click();
    const menu = page.getByRole('menu', { name: '主菜单' });
    await menu.waitFor();
    for (const label of ['残疾人两项补贴', '孤儿保障', '高龄津贴', '资金发放', '统计报表', '系统管理']) {
      expect(await menu.getByText(label, { exact: true }).isVisible()).toBe(true);
    }
    expect(await page.getByRole('status').textContent()).toContain('江岸区民政局');

    // The AG Grid page renders Chinese headers (AG_GRID_LOCALE_CN) and cells.
    await menu.getByText('数据库信息').click();
    await page.locator('.ag-header-cell-text', { hasText: '数据表' }).waitFor();
    await page.locator('.ag-cell', { hasText: '基本信息' }).waitFor();
    await page.getByText('SQLCipher 4（AES-256）').waitFor();
    expect(await page.getByText('正常', { exact: true }).isVisible()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'shell.png') });

    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
