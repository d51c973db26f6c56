import type { Page } from 'playwright-core';
import { startHarness, type Harness } from '../../electron/web/server';
import { launchChromium, type RunningBrowser } from './chromium';
import { PASSWORD } from './fixtures';
import { RENDERER_DIR } from './paths';

export interface E2E {
  harness: Harness;
  chrome: RunningBrowser;
  close(): Promise<void>;
}

/** The browser preview on a prepared data directory and a fresh Chromium to drive it. */
export async function startE2E(dataDir: string, exportDir?: string): Promise<E2E> {
  const harness = await startHarness({
    testHooks: true,
    dataDir,
    rendererDir: RENDERER_DIR,
    ...(exportDir ? { exportDir } : {}),
  });
  const chrome = await launchChromium();
  return {
    harness,
    chrome,
    close: async () => {
      await chrome.close();
      await harness.close();
    },
  };
}

/** Signs in on the login page as a seeded user. */
export async function signInOnPage(page: Page, username: string, password: string = PASSWORD): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}
