import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Person } from '../../shared/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/cli';
import { signInOnPage, startE2E, type E2E } from '../support/e2e';
import { invoke, newApp, signIn } from '../support/fixtures';
import { ARTIFACTS_DIR, REPO_ROOT } from '../support/paths';
import { tempDir } from '../support/tmp';

/**
 * A day at the desk on a demo county at 1366×768: a roster of 10,000 lines
 * shows progress and, cancelled, leaves no file; the frame's search finds a
 * person in two programs; 操作日志 speaks Chinese only.
 */
const PASSWORD = 'desk-password-1';
const TODAY = '2026-11-15';
const shots = process.env.WELFARE_SCREENSHOTS === '1';

async function menu(page: Page, label: string): Promise<void> {
  await page.getByRole('menu', { name: '主菜单' }).getByText(label, { exact: true }).click();
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出' }).click();
  await page.getByLabel('用户名').waitFor();
}

describe('a day at the desk in Chromium', () => {
  const tmp = tempDir('wd-e2e-desk-');
  const data = join(tmp.dir, 'data');
  const exportDir = join(tmp.dir, 'export');
  let e2e: E2E;
  let page: Page;
  let batchNo = '';
  let lines = 0;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const demo = await runCliInProcess(['demo', '--data', data, '--scale', '1', '--today', TODAY, '--json'], {
      WELFARE_DESK_PASSWORD: PASSWORD,
    });
    if (demo.code !== 0) throw new Error(`demo failed: ${demo.stdout}${demo.stderr}`);
    // November's elderly batch, locked through the channels by three people.
    const t = newApp(data, { clock: () => new Date(`${TODAY}T02:00:00Z`) });
    try {
      for (const u of ['clerk', 'reviewer', 'head']) await signIn(t, u, u, PASSWORD);
      const b = await invoke(t, 'clerk', 'payout.generate', { program: 'elderly', month: '2026-11' });
      if (!b.ok) throw new Error(b.error.message);
      await invoke(t, 'reviewer', 'payout.review', { batchId: b.value.id });
      const locked = await invoke(t, 'head', 'payout.lock', { batchId: b.value.id });
      if (!locked.ok) throw new Error(locked.error.message);
      batchNo = locked.value.batchNo;
      lines = locked.value.lineCount;
    } finally {
      t.app.close();
    }
    e2e = await startE2E(data, exportDir);
    page = await e2e.chrome.browser.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(e2e.harness.url);
  }, 300_000);

  afterAll(async () => {
    await e2e?.close();
    tmp.cleanup();
  });

  it('a roster of 10,000 lines shows its progress and, cancelled, leaves no file', async () => {
    expect(lines).toBeGreaterThanOrEqual(10_000);
    await signInOnPage(page, 'clerk', PASSWORD);
    await menu(page, '资金发放');
    await page.locator('.ag-cell', { hasText: batchNo }).first().click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByText(`发放批次 ${batchNo}`).waitFor();
    await drawer.getByRole('button', { name: '打印预览' }).click();
    await page.locator('.ant-dropdown-menu-item', { hasText: '发放花名册' }).click();
    const preview = page.locator('.ant-modal', { hasText: '打印预览：' });
    await preview.getByRole('button', { name: '另存为 PDF' }).waitFor();
    await page.frameLocator('iframe.print-preview-frame').locator('h1').first().waitFor({ timeout: 120_000 });
    await preview.getByRole('button', { name: '另存为 PDF' }).click();
    const bar = page.getByRole('progressbar', { name: '任务进度' });
    await bar.waitFor({ timeout: 60_000 });
    await page.waitForFunction(
      () => Number(document.querySelector('[aria-label="任务进度"]')?.getAttribute('aria-valuenow') ?? 0) >= 10,
      undefined,
      { timeout: 120_000 },
    );
    const jobModal = page.locator('.ant-modal', { hasText: '另存为 PDF' }).filter({ has: bar });
    expect(await jobModal.innerText()).toMatch(/排版：\d+ \/ \d+/);
    if (shots) await page.screenshot({ path: join(REPO_ROOT, 'docs', 'images', 'job-progress.png') });
    await jobModal.getByRole('button', { name: '取消' }).click();
    await page.locator('.ant-message-notice', { hasText: '已取消：没有保存 PDF 文件' }).waitFor({ timeout: 60_000 });
    await bar.waitFor({ state: 'detached' });
    // Nothing under the final name, nothing half-written beside it.
    const left = readdirSync(exportDir, { withFileTypes: true }).map((d) => d.name);
    expect(left).toEqual([]);
    await preview.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    await page.locator('.ant-drawer-close').click();
  }, 300_000);

  it('the frame’s search finds a person in two programs and opens one drawer with both', async () => {
    const two = await e2e.harness.inspect<{ name: string; id_number: string; programs: string }>(
      `SELECT p.name, p.id_number, group_concat(DISTINCT e.program) AS programs
         FROM persons p JOIN enrolments e ON e.person_id = p.id
        GROUP BY p.id HAVING count(DISTINCT e.program) >= 2 ORDER BY p.id LIMIT 1`,
    );
    const person = two?.[0];
    expect(person).toBeTruthy();
    // Ctrl+K from anywhere puts the cursor in the search box; the tail of the ID number finds them.
    await page.keyboard.press('Control+k');
    await page.keyboard.type(person?.id_number.slice(-8) ?? '');
    const option = page.locator('.ant-select-item-option', { hasText: person?.name ?? '' }).first();
    await option.waitFor();
    if (shots) await page.screenshot({ path: join(REPO_ROOT, 'docs', 'images', 'search.png') });
    await option.click();
    const drawer = page.locator('.ant-drawer', { hasText: person?.name ?? '' });
    await drawer.getByRole('tab', { name: /待遇记录/ }).click();
    for (const label of ['困难残疾人生活补贴', '重度残疾人护理补贴']) {
      if (person?.programs.includes(label === '困难残疾人生活补贴' ? 'disability-living' : 'disability-care'))
        await drawer.locator('.ant-collapse-header', { hasText: label }).waitFor();
    }
    expect(await drawer.locator('.ant-collapse-header', { hasText: '其他项目' }).count()).toBe(0);
    // The save button stays on screen at 1366×768.
    await drawer.getByRole('tab', { name: '人员信息' }).click();
    const save = drawer.getByRole('button', { name: '保存人员信息' });
    const box = await save.boundingBox();
    expect(box && box.y + box.height).toBeLessThanOrEqual(768);
    await page.locator('.ant-drawer-close').click();
    await signOut(page);
  });

  it('signing out while a register is still loading leaves no “请先登录” on the login screen', async () => {
    await signInOnPage(page, 'clerk', PASSWORD);
    await menu(page, '残疾人两项补贴');
    // 30,000 rows stream in pages: sign out while they are still coming.
    await page.getByText(/载入 \d+\/\d+/).waitFor();
    await signOut(page);
    await page.waitForTimeout(2000);
    expect(await page.getByText('请先登录').count()).toBe(0);
  });

  it('操作日志 shows actions and objects in Chinese, and a change as 旧值 → 新值', async () => {
    // A change worth showing: the clerk corrects a phone number.
    const t = newApp(data, { clock: () => new Date(`${TODAY}T03:00:00Z`) });
    try {
      await signIn(t, 'clerk', 'clerk', PASSWORD);
      const p = await invoke(t, 'clerk', 'person.get', { id: 1 });
      if (!p.ok) throw new Error(p.error.message);
      const saved = await invoke(t, 'clerk', 'person.save', { ...personInput(p.value.person), phone: '13900000001' });
      if (!saved.ok) throw new Error(saved.error.message);
    } finally {
      t.app.close();
    }
    await signInOnPage(page, 'head', PASSWORD);
    await menu(page, '操作日志');
    await page.locator('.ag-row').first().waitFor();
    const texts = (col: string) => page.locator(`.ag-row .ag-cell[col-id="${col}"]`).allInnerTexts();
    const actions = await texts('action');
    const entities = await texts('entity');
    expect(actions.length).toBeGreaterThan(5);
    for (const a of [...actions, ...entities]) expect(a, a).toMatch(/^[\u4e00-\u9fff（）、 A-Z]+$/);
    expect((await texts('changes')).some((c) => /联系电话：.* → 13900000001/.test(c))).toBe(true);
    await page.getByLabel('对象类型').click();
    await page.locator('.ant-select-item-option', { hasText: '人员' }).first().waitFor();
    await page.keyboard.press('Escape');
    if (shots) await page.screenshot({ path: join(REPO_ROOT, 'docs', 'images', 'audit.png') });
  });
});

/** The person as the form sends it back: every field person.save takes, unchanged but the phone. */
function personInput(p: Person) {
  return {
    id: p.id,
    idNumber: p.idNumber,
    name: p.name,
    ethnicity: p.ethnicity,
    hukouType: p.hukouType,
    villageCode: p.villageCode,
    address: p.address,
    dibao: p.dibao,
    tekun: p.tekun,
    injuryCare: p.injuryCare,
    bankName: p.bankName,
    bankAccount: p.bankAccount,
    accountHolderName: p.accountHolderName,
    accountHolderId: p.accountHolderId,
    deathDate: p.deathDate,
    movedOutDate: p.movedOutDate,
  };
}
