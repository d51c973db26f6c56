import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInOnPage, startE2E, type E2E } from '../support/e2e';
import { initialisedDir } from '../support/fixtures';
import { ARTIFACTS_DIR } from '../support/paths';
import { SEED_ELDERS, seedCounty } from '../support/seed';

const ZHANG = SEED_ELDERS[0].idNumber;
import { tempDir } from '../support/tmp';

async function signInAs(page: Page, username: string): Promise<void> {
  await signInOnPage(page, username);
  await page.getByRole('menu', { name: '主菜单' }).getByText('高龄津贴').click();
  await page.locator('.ag-cell', { hasText: '张三' }).dblclick();
  await page.locator('.ant-drawer').getByText('办理记录').waitFor();
}

async function takeStep(page: Page, label: string): Promise<void> {
  await page.locator('.ant-drawer').getByRole('button', { name: label }).click();
  await page
    .getByRole('dialog', { name: `办理：${label}` })
    .getByRole('button', { name: '确定' })
    .click();
}

describe('application, review and the two-person rule in Chromium', () => {
  const tmp = tempDir('wd-e2e-life-');
  const data = join(tmp.dir, 'data');
  let e2e: E2E;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    initialisedDir(data, {
      users: [
        { username: 'li', displayName: '李经办', roles: ['clerk', 'reviewer'] },
        { username: 'zhao', displayName: '赵审核', roles: ['reviewer'] },
      ],
    });
    await seedCounty(data);
    e2e = await startE2E(data);
  });

  afterAll(async () => {
    await e2e?.close();
    tmp.cleanup();
  });

  it('the clerk who entered an application cannot approve it; another reviewer can', async () => {
    const page = await e2e.chrome.browser.newPage();
    await page.goto(e2e.harness.url);
    await signInAs(page, 'li');
    await takeStep(page, '初审通过');
    await page.locator('.ant-drawer').getByText('已初审').first().waitFor();

    await takeStep(page, '审批通过');
    const dialog = page.getByRole('dialog', { name: '办理：审批通过' });
    await dialog.getByText('不能审批自己录入的申请，须由另一名工作人员审批').waitFor();
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'self-approval.png') });
    await dialog.getByRole('button', { name: '取消' }).click();

    await page.locator('.ant-drawer-close').click();
    await page.locator('.ant-drawer-content').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '退出' }).click();
    await signInAs(page, 'zhao');
    // The reviewer sees the record read-only, with the steps a reviewer may take.
    await takeStep(page, '审批通过');
    await page.locator('.ant-drawer').getByText('已审批').first().waitFor();
    const events = await page.locator('.ant-drawer .ant-timeline-item').allTextContents();
    expect(events.join('|')).toMatch(/审批.*zhao/);
    await page.locator('.ant-drawer-close').click();
    await page.locator('.ag-cell', { hasText: '已审批' }).first().waitFor();

    // The 公示 list prints on A4 with the ID masked, whoever prints it.
    await page.getByRole('button', { name: '公示名单' }).click();
    await page.locator('.ant-modal .publicity-sheet').getByText('张三').waitFor();
    const pdfPath = join(ARTIFACTS_DIR, 'publicity.pdf');
    await page.pdf({ path: pdfPath, format: 'A4' });
    const printed = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    expect(printed).toContain('高龄津贴拟享受人员公示');
    expect(printed).toContain(`${ZHANG.slice(0, 4)}**********${ZHANG.slice(-4)}`);
    expect(printed).not.toContain(ZHANG);
    expect(printed).not.toContain('快速查找');
    await page.close();
  });
});
