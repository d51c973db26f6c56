import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../electron/web/server';
import { launchChromium, type RunningBrowser } from '../support/chromium';
import { ARTIFACTS_DIR, RENDERER_DIR } from '../support/paths';
import { tempDir } from '../support/tmp';

const ADMIN_PW = 'admin-password-1';
const CLERK_PW = 'clerk-password-1';

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400); // let antd's motion settle for the picture
  await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`) });
}

async function login(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

describe('setup, users, audit, login, idle lock and sign-out in Chromium', () => {
  const tmp = tempDir('wd-e2e-');
  let harness: Harness;
  let chrome: RunningBrowser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    harness = await startHarness({
      testHooks: true,
      dataDir: join(tmp.dir, 'data'),
      rendererDir: RENDERER_DIR,
      exportDir: join(tmp.dir, 'usb'),
    });
    chrome = await launchChromium();
  });

  afterAll(async () => {
    await chrome?.close();
    await harness?.close();
    tmp.cleanup();
  });

  it('walks a first day at the office', async () => {
    const page = await chrome.browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    await page.clock.install();
    await page.goto(harness.url);

    // Setup validates in Chinese before anything is created.
    await page.getByRole('heading', { name: '初始设置' }).waitFor();
    await page.getByLabel('县区代码').fill('42010');
    await page.getByRole('button', { name: '创建加密数据库' }).click();
    await page.getByText('县区代码应为 6 位数字的县级行政区划代码').waitFor();
    expect((await harness.state()).initialized).toBe(false);

    await page.getByLabel('县区代码').fill('420102');
    await page.getByLabel('县区名称').fill('江岸区');
    expect(await page.getByLabel('单位名称').inputValue()).toBe('江岸区民政局');
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('姓名').fill('王管理');
    await page.getByLabel('密码', { exact: true }).fill(ADMIN_PW);
    await page.getByLabel('确认密码').fill(ADMIN_PW);
    await page.getByRole('button', { name: '创建加密数据库' }).click();

    // The recovery code is shown once, on a printable sheet.
    const code = page.getByTestId('recovery-code');
    await code.waitFor();
    expect(await code.textContent()).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    await shot(page, 'recovery-code');
    // The printable page carries the code and the signature line, not the buttons.
    const pdfPath = join(ARTIFACTS_DIR, 'recovery-code.pdf');
    await page.pdf({ path: pdfPath, format: 'A4' });
    const printed = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    expect(printed).toContain((await code.textContent()) ?? 'missing');
    expect(printed).toContain('保管人签字');
    expect(printed).not.toContain('进入系统');
    expect(await page.getByRole('button', { name: '进入系统' }).isDisabled()).toBe(true);
    await page.getByText('我已打印或抄写恢复码并妥善保管').click();
    await page.getByRole('button', { name: '进入系统' }).click();

    // An administrator alone sees system pages, not the registers.
    const menu = page.getByRole('menu', { name: '主菜单' });
    await menu.waitFor();
    expect(await menu.getByText('残疾人两项补贴').count()).toBe(0);
    await menu.getByText('用户管理').click();
    await page.getByRole('button', { name: '新增用户' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用户名').fill('li');
    await dialog.getByLabel('姓名').fill('李经办');
    await dialog.getByText('经办人').click();
    await dialog.getByLabel('初始密码').fill(CLERK_PW);
    await dialog.getByLabel('确认密码').fill(CLERK_PW);
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.locator('.ag-cell', { hasText: '李经办' }).waitFor();
    await shot(page, 'users');

    await menu.getByText('操作日志').click();
    await page.locator('.ag-cell', { hasText: '新增用户' }).first().waitFor();
    await page.getByRole('button', { name: '校验日志完整性' }).click();
    await page.getByText(/日志完整：共 \d+ 条/).waitFor();
    await shot(page, 'audit');

    // A manual backup to the chosen folder (the preview's stand-in for a USB stick).
    await menu.getByText('数据备份').click();
    await page.getByRole('button', { name: '立即备份到…（如 U 盘）' }).click();
    await page.getByText(/已备份到/).waitFor();
    expect(readdirSync(join(tmp.dir, 'usb')).some((n) => n.startsWith('welfare-backup-'))).toBe(true);

    // Sign out; a wrong password is refused on the field; the clerk signs in.
    await page.getByRole('button', { name: '退出' }).click();
    await page.getByRole('button', { name: '登录', exact: true }).waitFor();
    // The pages left behind do not refetch without a session and greet the login screen with an error.
    await page.waitForTimeout(1500);
    expect(await page.getByText('请先登录').count()).toBe(0);
    await login(page, 'li', 'not-the-password');
    await page.getByText('用户名或密码不正确').waitFor();
    await shot(page, 'login');
    await login(page, 'li', CLERK_PW);
    await menu.waitFor();
    for (const label of ['残疾人两项补贴', '孤儿保障', '高龄津贴', '资金发放'])
      expect(await menu.getByText(label, { exact: true }).isVisible()).toBe(true);
    expect(await menu.getByText('用户管理').count()).toBe(0);
    expect(await page.getByRole('status').textContent()).toContain('李经办（经办人）');

    // Half-typed input survives the idle lock.
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByRole('dialog').getByLabel('原密码').fill('typed before the lock');
    await page.clock.fastForward('11:00');
    await page.getByText('屏幕已锁定').waitFor();
    await shot(page, 'idle-lock');
    const lockDialog = page.getByRole('dialog', { name: '屏幕已锁定' });
    await lockDialog.getByLabel('密码').fill('wrong-password');
    await lockDialog.getByRole('button', { name: '解锁' }).click();
    await lockDialog.getByText('用户名或密码不正确').waitFor();
    await lockDialog.getByLabel('密码').fill(CLERK_PW);
    await lockDialog.getByRole('button', { name: '解锁' }).click();
    await lockDialog.waitFor({ state: 'detached' });
    expect(await page.getByRole('dialog').getByLabel('原密码').inputValue()).toBe('typed before the lock');
    await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();

    await page.getByRole('button', { name: '退出' }).click();
    await page.getByRole('button', { name: '登录', exact: true }).waitFor();
    expect((await harness.state()).storeOpen).toBe(false);

    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
