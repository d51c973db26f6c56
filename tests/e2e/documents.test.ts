import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docCounty, pngOfPage } from '../support/doc-county';
import { signInOnPage, startE2E, waitForMessage, type E2E } from '../support/e2e';
import { ARTIFACTS_DIR, REPO_ROOT } from '../support/paths';
import { tempDir } from '../support/tmp';

/**
 * 证书与文书 in Chromium: li prints 张三's approval form from the person drawer,
 * wang prints the township's decision notices from the register grid as one PDF,
 * and a verifier checks a certificate image on 证件核验. With WELFARE_SCREENSHOTS=1
 * the drawer and the verification are also written to docs/images/.
 */
const shots = process.env.WELFARE_SCREENSHOTS === '1';

// A batch PDF starts the print browser first; on a loaded CI machine that alone can take a minute.
const message = (page: Page, text: string | RegExp): Promise<string> => waitForMessage(page, text, 150_000);

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出' }).click();
  await page.getByLabel('用户名').waitFor();
}

const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

describe('证书与文书 in Chromium', () => {
  const tmp = tempDir('wd-e2e-docs-');
  const data = join(tmp.dir, 'data');
  const exportDir = join(tmp.dir, 'export');
  const certPng = join(tmp.dir, 'certificate.png');
  let e2e: E2E;
  let page: Page;
  const newPdfs = (() => {
    let seen = new Set<string>();
    return () => {
      const now = readdirSync(exportDir).filter((f) => f.endsWith('.pdf'));
      const fresh = now.filter((f) => !seen.has(f));
      seen = new Set(now);
      return fresh.map((f) => join(exportDir, f));
    };
  })();

  beforeAll(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    mkdirSync(exportDir, { recursive: true });
    const { c } = await docCounty(data);
    c.close();
    e2e = await startE2E(data, exportDir);
    page = await e2e.chrome.browser.newPage();
    await page.goto(e2e.harness.url);
  }, 180_000);
  afterAll(async () => {
    await e2e?.close();
    tmp.cleanup();
  });

  it('li prints the approval form from the person drawer: both people of the approval are named', async () => {
    await signInOnPage(page, 'li');
    await page.getByRole('menu', { name: '主菜单' }).getByText('高龄津贴').click();
    await page.locator('.ag-cell', { hasText: '张三' }).dblclick();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByRole('tab', { name: '文书打印' }).click();
    const list = drawer.getByLabel('可打印的文书');
    await list.getByText('高龄津贴申请审批表').waitFor();
    if (shots) await page.screenshot({ path: join(REPO_ROOT, 'docs', 'images', 'documents-drawer.png') });
    await list.locator('.ant-list-item', { hasText: '高龄津贴申请审批表' }).getByRole('button').click();
    const frame = page.frameLocator('iframe.print-preview-frame');
    await frame.locator('h1', { hasText: '高龄津贴申请审批表' }).waitFor();
    expect(await frame.locator('body').innerText()).toContain('赵审核');
    await page.locator('.ant-modal').getByRole('button', { name: '另存为 PDF' }).click();
    await message(page, /已另存为 .*\.pdf/);
    const [pdf] = newPdfs();
    const text = pdfText(pdf ?? '');
    if (shots)
      writeFileSync(join(REPO_ROOT, 'docs', 'images', 'documents-approval-form.png'), pngOfPage(pdf ?? '', 1, 60));
    expect(text).toContain('张三');
    expect(text).toMatch(/初审人：\s*李经办/);
    expect(text).toMatch(/审批人：\s*赵审核/);

    // Her certificate too: the file the verifier will photograph.
    await page.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    await list.locator('.ant-list-item', { hasText: '领取证' }).getByRole('button').click();
    await page.frameLocator('iframe.print-preview-frame').locator('.card').waitFor();
    await page.locator('.ant-modal').getByRole('button', { name: '另存为 PDF' }).click();
    await message(page, /编号 民高证〔2026〕0001号/);
    const [cert] = newPdfs();
    writeFileSync(certPng, pngOfPage(cert ?? '', 1, 150));
    if (shots)
      writeFileSync(join(REPO_ROOT, 'docs', 'images', 'documents-certificate.png'), pngOfPage(cert ?? '', 1, 60));
    copyFileSync(certPng, join(ARTIFACTS_DIR, 'documents-certificate.png'));
    await page.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    await page.locator('.ant-drawer-close').click();
    await signOut(page);
  }, 120_000);

  it("wang prints the month's decision notices of 花桥街道 as one PDF from the grid", async () => {
    await signInOnPage(page, 'wang');
    await page.getByRole('menu', { name: '主菜单' }).getByText('高龄津贴').click();
    await page.getByLabel('乡镇（街道）').click();
    await page.locator('.ant-select-item-option', { hasText: '花桥街道' }).click();
    await page.waitForFunction(() => document.querySelector('[aria-label="合计"]')?.textContent?.includes('共 3 条'));
    await page.getByRole('button', { name: '批量打印文书' }).click();
    const modal = page.locator('.ant-modal', { hasText: '批量打印文书' });
    await modal.getByRole('button', { name: '生成 PDF' }).click();
    const text = await message(page, /已另存为 .*：3 份/);
    expect(text).toContain('3 页');
    const [pdf] = newPdfs();
    const printed = pdfText(pdf ?? '');
    if (shots) writeFileSync(join(REPO_ROOT, 'docs', 'images', 'documents-notice.png'), pngOfPage(pdf ?? '', 1, 60));
    expect(printed.match(/审批结果通知书/g)).toHaveLength(3);
    expect(printed).toContain('不予批准');
    expect(printed).not.toContain('李秀英');

    // The township's 年度复核表 from the same filter: one sheet listing its enrolments.
    await page.getByRole('button', { name: '批量打印文书' }).click();
    await modal.getByLabel('文书种类').click();
    await page.locator('.ant-select-item-option', { hasText: '年度复核表' }).click();
    await modal.getByRole('button', { name: '生成 PDF' }).click();
    await message(page, /已另存为 .*年度复核表.*：1 份/);
    const [sheet] = newPdfs();
    const sheetText = pdfText(sheet ?? '');
    expect(sheetText).toContain('年度复核表');
    expect(sheetText).toContain('花桥街道');

    // The office's wording is the head's to set, under 系统管理 → 文书设置, and it stays set.
    const menu = page.getByRole('menu', { name: '主菜单' });
    if (!(await menu.getByText('文书设置').isVisible())) await menu.getByText('系统管理').click();
    await menu.getByText('文书设置').click();
    const seal = page.getByLabel('印章文字');
    await seal.waitFor();
    await seal.fill('江岸区民政局（章）');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('文书设置已保存').waitFor();
    await menu.getByText('高龄津贴').click();
    await menu.getByText('文书设置').click();
    await page.waitForFunction(
      () => (document.querySelector('input#sealText') as HTMLInputElement | null)?.value === '江岸区民政局（章）',
    );
    await signOut(page);
  }, 400_000);

  it('a verifier checks the certificate image on 证件核验: genuine, with its fields', async () => {
    await signInOnPage(page, 'zhao');
    await page.getByRole('menu', { name: '主菜单' }).getByText('证件核验').click();
    await page.getByLabel('二维码图片').setInputFiles(certPng);
    const result = page.getByLabel('核验结果');
    await result.getByText('真实有效').first().waitFor({ timeout: 30_000 });
    const shown = await result.innerText();
    expect(shown).toContain('张三');
    expect(shown).toContain('民高证〔2026〕0001号');
    if (shots) await page.screenshot({ path: join(REPO_ROOT, 'docs', 'images', 'documents-verify.png') });
    await page
      .getByLabel('核验码')
      .fill('WD1|420102|00000000|Z|民高证〔2026〕0001号|E|张三|4201**********0018|5000|2025-11|' + 'A'.repeat(86));
    await page.getByRole('button', { name: '核验', exact: true }).click();
    await result.getByText('未知县区签发').first().waitFor();
  }, 60_000);
});
