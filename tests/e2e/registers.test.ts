import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../electron/web/server';
import { launchChromium, type RunningBrowser } from '../support/chromium';
import { initialisedDir, PASSWORD } from '../support/fixtures';
import { ARTIFACTS_DIR, RENDERER_DIR } from '../support/paths';
import { seedCounty, withCheck } from '../support/seed';
import { tempDir } from '../support/tmp';

async function personCount(h: Harness): Promise<number> {
  const rows = await h.inspect<{ n: number }>('SELECT count(*) AS n FROM persons');
  return Number(rows?.[0]?.n);
}

async function statusText(page: Page): Promise<string> {
  return (await page.getByRole('note', { name: '合计' }).textContent()) ?? '';
}

describe('a register a clerk can live in', () => {
  const tmp = tempDir('wd-e2e-reg-');
  const data = join(tmp.dir, 'data');
  let harness: Harness;
  let chrome: RunningBrowser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    initialisedDir(data, { users: [{ username: 'li', displayName: '李经办', roles: ['clerk'] }] });
    await seedCounty(data);
    harness = await startHarness({
      testHooks: true,
      dataDir: data,
      rendererDir: RENDERER_DIR,
      exportDir: join(tmp.dir, 'exports'),
    });
    chrome = await launchChromium();
  });

  afterAll(async () => {
    await chrome?.close();
    await harness?.close();
    tmp.cleanup();
  });

  it('enters, refuses, finds, filters, edits and shows history', async () => {
    const page = await chrome.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(harness.url);
    await page.getByLabel('用户名').fill('li');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('menu', { name: '主菜单' }).getByText('高龄津贴').click();
    await page.locator('.ag-cell', { hasText: '王建国' }).waitFor();
    expect(await statusText(page)).toContain('共 4 条');

    // A wrong check digit: a Chinese error on the field, nothing saved.
    const good = withCheck('42010219440229005');
    const bad = `${good.slice(0, 17)}${good[17] === '1' ? '2' : '1'}`;
    await page.getByRole('button', { name: '新增' }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByLabel('身份证号', { exact: true }).fill(bad);
    await drawer.getByLabel('姓名', { exact: true }).fill('欧阳秀兰');
    await drawer.getByRole('button', { name: '保存人员信息' }).click();
    await drawer.getByText('校验位不正确').waitFor();
    const before = await personCount(harness);
    expect(before).toBe(4);

    await drawer.getByLabel('身份证号', { exact: true }).fill(good);
    await drawer.getByRole('button', { name: '保存人员信息' }).click();
    await drawer.getByRole('button', { name: '保存待遇记录' }).waitFor();
    expect(await personCount(harness)).toBe(5);
    await drawer.getByRole('button', { name: '保存待遇记录' }).click();
    await page.getByText('待遇记录已保存').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('.ag-cell', { hasText: '欧阳秀兰' }).waitFor();
    expect(await statusText(page)).toContain('共 5 条');

    // Filter by township.
    await page.getByLabel('乡镇（街道）').click();
    await page.locator('.ant-select-item-option', { hasText: '谌家矶街道' }).click();
    await page.waitForFunction(() => document.querySelector('[aria-label="合计"]')?.textContent?.includes('共 2 条'));
    expect(await statusText(page)).toContain('谌家矶街道');
    await page.locator('.ant-select-clear').first().click();
    await page.waitForFunction(() => document.querySelector('[aria-label="合计"]')?.textContent?.includes('共 5 条'));

    // Pinyin initials find 张三.
    await page.getByLabel('快速查找').fill('zs');
    await page.waitForFunction(() => document.querySelector('[aria-label="合计"]')?.textContent?.includes('共 1 条'));
    expect(await page.locator('.ag-cell', { hasText: '张三' }).isVisible()).toBe(true);
    expect(await page.locator('.ag-cell', { hasText: '李秀英' }).count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'register-search.png') });

    // Edit the enrolment and see it in the history.
    await page.locator('.ag-cell', { hasText: '张三' }).dblclick();
    await drawer.getByText('办理记录').waitFor();
    await drawer.getByLabel('备注').fill('子女代领');
    await drawer.getByRole('button', { name: '保存待遇记录' }).click();
    await drawer.getByText('备注：空 → 子女代领').waitFor();
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'person-drawer.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});
