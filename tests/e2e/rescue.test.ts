import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupIfDue } from '../../electron/services/backup/service';
import { ADMIN, initialisedDir, newApp, signIn } from '../support/fixtures';
import { signInOnPage, startE2E, type E2E } from '../support/e2e';
import { tempDir } from '../support/tmp';

describe('a damaged database restored from the app with the recovery code', () => {
  const tmp = tempDir('wd-e2e-rescue-');
  const data = join(tmp.dir, 'data');
  let e2e: E2E;
  let recoveryCode = '';

  beforeAll(async () => {
    ({ recoveryCode } = initialisedDir(data));
    const t = newApp(data);
    await signIn(t, 'w');
    backupIfDue(t.app, 'daily');
    t.app.close();
    // A page in the middle of the file overwritten: the database no longer opens.
    const fd = openSync(join(data, 'welfare.db'), 'r+');
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, 4096);
    closeSync(fd);
    e2e = await startE2E(data);
  });
  afterAll(async () => {
    await e2e?.close();
    tmp.cleanup();
  });

  it('shows the damage at sign-in, restores with the recovery code and signs in again', async () => {
    const page = await e2e.chrome.browser.newPage();
    await page.goto(e2e.harness.url);
    await signInOnPage(page, ADMIN.username, ADMIN.password);
    await page.getByText('数据库文件已损坏').waitFor();
    await page.getByRole('button', { name: '从备份恢复…' }).click();
    await page.getByRole('heading', { name: '从备份恢复' }).waitFor();
    await page.getByText('每日自动备份').first().click();
    await page.getByLabel('恢复码', { exact: true }).fill(recoveryCode);
    await page.getByRole('button', { name: '从选中的备份恢复' }).click();
    await page.getByRole('button', { name: '恢复', exact: true }).click();
    await page.getByText('恢复完成').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: '返回登录' }).click();
    await signInOnPage(page, ADMIN.username, ADMIN.password);
    // Signed in: the database opened again, restored from the backup.
    await expect.poll(async () => (await e2e.harness.state()).sessions, { timeout: 30_000 }).toBe(1);
    expect((await e2e.harness.state()).storeOpen).toBe(true);
    await page.getByText('数据库文件已损坏').waitFor({ state: 'detached' });
    await page.close();
  });
});
