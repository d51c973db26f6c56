import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInOnPage, startE2E, type E2E } from '../support/e2e';
import { initialisedDir, invoke, newApp, PASSWORD, signIn } from '../support/fixtures';
import { ARTIFACTS_DIR } from '../support/paths';
import { seedCounty, withCheck } from '../support/seed';
import { tempDir } from '../support/tmp';

const DEAD = withCheck('42010219380808005');

describe('待办预警 in Chromium', () => {
  const tmp = tempDir('wd-e2e-checks-');
  const data = join(tmp.dir, 'data');
  let e2e: E2E;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    initialisedDir(data, { users: [{ username: 'li', displayName: '李经办', roles: ['clerk', 'reviewer'] }] });
    await seedCounty(data);
    // The planted conflict: a person whose death is recorded while the allowance is still active.
    const t = newApp(data);
    await signIn(t, 'li', 'li', PASSWORD);
    const p = await invoke(t, 'li', 'person.save', {
      idNumber: DEAD,
      name: '孙故人',
      villageCode: '420102001001',
      deathDate: '2026-09-10',
    });
    if (!p.ok) throw new Error(p.error.message);
    const e = await invoke(t, 'li', 'enrolment.save', {
      personId: p.value.id,
      program: 'elderly',
      appliedOn: '2025-01-01',
    });
    if (!e.ok) throw new Error(e.error.message);
    t.app.close();
    e2e = await startE2E(data);
  });

  afterAll(async () => {
    await e2e?.close();
    tmp.cleanup();
  });

  it('shows a planted conflict, and resolving it in the person drawer clears its count', async () => {
    const page = await e2e.chrome.browser.newPage();
    await page.goto(e2e.harness.url);
    await signInOnPage(page, 'li');
    const menu = page.getByRole('menu', { name: '主菜单' });
    await menu.getByText('待办预警').click();
    const kinds = page.getByLabel('各类预警数量');
    await kinds.getByText('已死亡仍在册 1').waitFor();
    const badgeBefore = Number(await menu.locator('.ant-badge-count').first().getAttribute('title'));
    expect(badgeBefore).toBeGreaterThan(0);
    await page.locator('.ag-cell', { hasText: '孙故人 已于 2026-09-10 死亡' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'checks.png') });

    // Resolve by the action the check asks for: the application is not approved.
    await page.locator('.ag-row', { hasText: '孙故人' }).getByRole('button', { name: '打开' }).first().click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByRole('button', { name: '不予批准' }).click();
    const dialog = page.getByRole('dialog', { name: '办理：不予批准' });
    await dialog.getByLabel('原因').fill('本人已死亡');
    await dialog.getByRole('button', { name: '确定' }).click();
    await drawer.getByText('不予批准').last().waitFor();
    await page.locator('.ant-drawer-close').click();
    await page.locator('.ag-cell', { hasText: '孙故人 已于 2026-09-10 死亡' }).waitFor({ state: 'detached' });
    expect(await kinds.getByText('已死亡仍在册 1').count()).toBe(0);
    await page.waitForFunction(
      // Other findings about the same enrolment (such as its missing bank account) go with it.
      (before) => Number(document.querySelector('.ant-menu .ant-badge-count')?.getAttribute('title') ?? '0') < before,
      badgeBefore,
    );
    await page.close();
  });
});
