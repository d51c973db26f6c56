import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initialisedDir } from '../support/fixtures';
import { signInOnPage, startE2E, type E2E } from '../support/e2e';
import { elderlyRosterCsv } from '../support/rosters';
import { seedCounty } from '../support/seed';
import { tempDir } from '../support/tmp';

const ROWS = 20_000;
const personCount = async (e: E2E) =>
  Number((await e.harness.inspect<{ n: number }>('SELECT count(*) AS n FROM persons'))?.[0]?.n);

describe('import commit as a job in Chromium', () => {
  const tmp = tempDir('wd-e2e-import-job-');
  const data = join(tmp.dir, 'data');
  const roster = join(tmp.dir, '两万人名单.csv');
  let e2e: E2E;

  beforeAll(async () => {
    initialisedDir(data, { users: [{ username: 'li', displayName: '李经办', roles: ['clerk'] }] });
    await seedCounty(data);
    writeFileSync(roster, elderlyRosterCsv(ROWS));
    e2e = await startE2E(data);
  }, 300_000);

  afterAll(async () => {
    await e2e?.close();
    tmp.cleanup();
  });

  it(`${String(ROWS)} rows show progress and, cancelled half-way, leave the person count unchanged`, async () => {
    const page = await e2e.chrome.browser.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(e2e.harness.url);
    await signInOnPage(page, 'li');
    await page.getByRole('menu', { name: '主菜单' }).getByText('数据导入').click();
    // The register's own upload stays mounted (hidden) while the lazy import page loads:
    // wait for the wizard and pick its input, not the death list's.
    await page.getByRole('button', { name: /选择花名册文件/ }).waitFor();
    await page.locator('input[type=file][accept=".xlsx,.xls,.csv,.txt"]').setInputFiles(roster);
    await page.getByLabel('列对应', { exact: true }).waitFor({ timeout: 120_000 });
    await page.getByRole('button', { name: /下一步/ }).click();
    // One generated ID is 赵桂兰's in the seeded register under another name: flagged 疑似不同人员, held back.
    await page
      .getByLabel('校验结果')
      .getByText(`可导入 ${String(ROWS - 1)} 行`)
      .waitFor({ timeout: 120_000 });
    const before = await personCount(e2e);

    await page.getByRole('button', { name: '确认导入' }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '导入' }).click();
    const bar = page.getByRole('progressbar', { name: '任务进度' });
    await bar.waitFor({ timeout: 60_000 });
    // Half-way through writing: the window shows rows done of rows in all.
    await page.waitForFunction(
      () => {
        const modal = document.querySelector('[aria-label="任务进度"]')?.closest('.ant-modal');
        const m = /写入数据库：(\d+) \/ (\d+)/.exec(modal?.textContent ?? '');
        return m ? Number(m[1]) >= Number(m[2]) / 4 : false;
      },
      undefined,
      { timeout: 120_000, polling: 50 },
    );
    const jobModal = page.locator('.ant-modal').filter({ has: bar });
    expect(await jobModal.innerText()).toMatch(new RegExp(`写入数据库：\\d+ / ${String(ROWS)}`));
    await jobModal.getByRole('button', { name: '取消' }).click();
    await page.locator('.ant-message-notice', { hasText: '已取消导入：没有写入任何数据' }).waitFor({ timeout: 60_000 });
    await bar.waitFor({ state: 'detached' });
    expect(await personCount(e2e)).toBe(before);
    // The wizard stays on its report: nothing claims the import happened.
    expect(await page.getByText(`已导入 ${String(ROWS)} 行`).count()).toBe(0);
  }, 300_000);
});
