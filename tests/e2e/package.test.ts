import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/cli';
import { signInOnPage, startE2E, type E2E } from '../support/e2e';
import { ARTIFACTS_DIR, REPO_ROOT } from '../support/paths';
import { tempDir } from '../support/tmp';

/**
 * 上报 in Chromium: the head of 孝南区 makes the period's package in the browser
 * preview onto a "stick" folder; the 孝感市 city database, made by the CLI, takes
 * it in through its own 上报数据导入 page (confirming the county's fingerprint on
 * first sight), and its 上报情况 page shows the county as reported. With
 * WELFARE_SCREENSHOTS=1 the pages are also written to docs/images/.
 */
const shots = process.env.WELFARE_SCREENSHOTS === '1';
const PASSWORD = 'password123';
const ENV = { WELFARE_DESK_PASSWORD: PASSWORD };

async function cli(args: string[]): Promise<Record<string, unknown> & { ok: boolean }> {
  const r = await runCliInProcess([...args, '--json'], ENV);
  return JSON.parse(r.stdout) as Record<string, unknown> & { ok: boolean };
}

async function setPeriod(page: Page, from: string, to: string): Promise<void> {
  const inputs = page.locator('.ant-picker-range input');
  await inputs.nth(0).click();
  await inputs.nth(0).fill(from);
  await inputs.nth(0).press('Enter');
  await inputs.nth(1).fill(to);
  await inputs.nth(1).press('Enter');
  expect([await inputs.nth(0).inputValue(), await inputs.nth(1).inputValue()]).toEqual([from, to]);
  await page.keyboard.press('Escape');
  await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').waitFor({ state: 'hidden' });
}

async function shot(page: Page, name: string): Promise<void> {
  await page.locator('.ant-layout-content').evaluate((el) => el.scrollTo(0, 0));
  await page.screenshot({ path: join(ARTIFACTS_DIR, name) });
  if (shots) await page.screenshot({ path: join(REPO_ROOT, 'docs', 'images', name) });
}

describe('上报 in Chromium: county package to the city page', () => {
  const tmp = tempDir('wd-e2e-package-');
  const city = join(tmp.dir, 'city');
  const county = join(tmp.dir, 'county');
  const stick = join(tmp.dir, 'stick');
  let fingerprint = '';
  let e2e: E2E | null = null;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    expect(
      (
        await cli([
          'init',
          '--data',
          city,
          '--level',
          'city',
          '--code',
          '4209',
          '--name',
          '孝感市',
          '--admin',
          'cityadm',
        ])
      ).ok,
    ).toBe(true);
    const recipient = String((await cli(['keys', 'show', '--data', city, '--user', 'cityadm'])).recipient);
    const demo = await runCliInProcess(
      [
        'demo',
        '--data',
        county,
        '--scale',
        '0.01',
        '--seed',
        '5',
        '--county-code',
        '420902',
        '--county-name',
        '孝南区',
      ],
      ENV,
    );
    expect(demo.code).toBe(0);
    expect(
      (await cli(['keys', 'set-recipient', '--data', county, '--user', 'head', '--recipient', recipient])).ok,
    ).toBe(true);
    fingerprint = String((await cli(['keys', 'show', '--data', county, '--user', 'head'])).signingFingerprint);
  }, 300_000);

  afterAll(async () => {
    await e2e?.close();
    tmp.cleanup();
  });

  it('the county head makes the package with its plain copies onto the stick', async () => {
    e2e = await startE2E(county, stick);
    const page = await e2e.chrome.browser.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(e2e.harness.url);
    await signInOnPage(page, 'head', PASSWORD);
    await page.getByRole('menu', { name: '主菜单' }).getByText('数据上报').click();
    await expect.poll(() => page.getByLabel('签名指纹').innerText()).toBe(fingerprint);
    await setPeriod(page, '2026-01', '2026-06');
    await page.getByRole('button', { name: /生成上报包/ }).click();
    const notice = page.locator('.ant-message-notice', { hasText: /已生成 .*\.wdpkg/ }).first();
    await notice.waitFor({ timeout: 120_000 });
    const name = /已生成 (\S+\.wdpkg)/.exec(await notice.innerText())?.[1] ?? '';
    expect(name).toBe('上报-420902-2026-01_2026-06-001.wdpkg');
    const stem = name.replace(/\.wdpkg$/, '');
    expect(readdirSync(stick).sort()).toEqual([name, `${stem}-上报表.pdf`, `${stem}.xlsx`].sort());
    const result = page.locator('.ant-card', { hasText: '上报数据包已写入并读回校验' });
    expect(await result.innerText()).toContain('roster.json');
    await notice.waitFor({ state: 'detached' });
    await shot(page, 'package-county.png');
    await e2e.close();
    e2e = null;
  }, 180_000);

  it('the city imports it after confirming the fingerprint and shows the county as reported', async () => {
    e2e = await startE2E(city);
    const page = await e2e.chrome.browser.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(e2e.harness.url);
    await signInOnPage(page, 'cityadm', PASSWORD);
    const menu = page.getByRole('menu', { name: '主菜单' });
    // A city office has no county's upward page; it has the consolidation pages.
    await menu.getByText('数据上报').click();
    await menu.getByText('上报数据导入').click();
    await page.getByRole('heading', { name: '上报数据导入' }).waitFor();
    await expect.poll(() => page.getByLabel('本市接收方指纹').innerText()).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){7}$/);
    const file = readdirSync(stick).find((f) => f.endsWith('.wdpkg')) ?? '';
    await page.locator('input[type=file]').setInputFiles(join(stick, file));
    const modal = page.locator('.ant-modal', { hasText: '核对签名公钥指纹' });
    await modal.waitFor({ timeout: 60_000 }).catch(async (e: unknown) => {
      await page.screenshot({ path: join(ARTIFACTS_DIR, 'package-debug.png') });
      throw e;
    });
    expect(await modal.getByLabel('待核对指纹').innerText()).toBe(fingerprint);
    const ok = modal.getByRole('button', { name: '指纹一致，登记并导入' });
    expect(await ok.isDisabled()).toBe(true);
    await modal.getByLabel('对方读出的指纹').fill(fingerprint.toLowerCase());
    await ok.click();
    const done = page.locator('.ant-alert-success', { hasText: '已导入：孝南区（420902）' });
    await done.waitFor({ timeout: 60_000 });
    expect(await done.innerText()).toContain(`签名公钥指纹 ${fingerprint}`);
    await shot(page, 'package-city-import.png');
    // The city keeps the roster it received, deflated; its rows are the package's.
    const kept = (
      await e2e.harness.inspect<{ rows: number; json: string | null; bytes: number }>(
        'SELECT roster_rows AS rows, roster_json AS json, length(roster_deflate) AS bytes FROM city_packages',
      )
    )?.[0];
    expect(kept?.rows).toBeGreaterThan(0);
    expect(kept?.json).toBeNull();
    expect(kept?.bytes).toBeGreaterThan(0);

    // The same file again is refused in Chinese and changes nothing.
    await page.locator('input[type=file]').setInputFiles(join(stick, file));
    const refused = page.locator('.ant-alert-error', { hasText: '未导入' });
    await refused.waitFor({ timeout: 60_000 });
    expect(await refused.innerText()).toContain('这个数据包已经导入过了');

    await menu.getByText('上报情况').click();
    await setPeriod(page, '2026-01', '2026-06');
    const row = page.locator('.ag-row[row-id="420902"]');
    await row.waitFor();
    expect(await row.innerText()).toContain('已上报');
    expect(await row.innerText()).toContain('第 1 号');
    await page.locator('.ant-alert', { hasText: '各县（区）均已上报' }).waitFor();
    await page.getByLabel('民政补贴统计月报').locator('.ag-row', { hasText: '孝南区' }).first().waitFor();
    await shot(page, 'package-city-status.png');

    await menu.getByText('县区登记').click();
    const reg = page.locator('.ag-row[row-id="420902"]');
    await reg.waitFor();
    expect(await reg.innerText()).toContain(fingerprint);
    await shot(page, 'package-city-counties.png');
  }, 180_000);
});
