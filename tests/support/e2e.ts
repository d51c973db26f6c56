import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from '../../electron/web/server';
import { launchChromium, type RunningBrowser } from './chromium';
import { PASSWORD } from './fixtures';
import { ARTIFACTS_DIR, RENDERER_DIR } from './paths';

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

/**
 * Waits for an antd message with `text`. Messages vanish after three seconds, so
 * when the awaited one does not come, the error says which messages did (an error
 * toast in place of a success one) and a screenshot of the page is kept in
 * tests/.artifacts for the CI log's reader.
 */
export async function waitForMessage(page: Page, text: string | RegExp, timeout = 30_000): Promise<string> {
  await page.evaluate(() => {
    const w = window as unknown as { __wdMessages?: string[] };
    if (w.__wdMessages) return;
    const seen: string[] = (w.__wdMessages = []);
    new MutationObserver(() => {
      for (const n of document.querySelectorAll('.ant-message-notice')) {
        const t = (n.textContent ?? '').trim();
        if (t && seen[seen.length - 1] !== t) seen.push(t);
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  const notice = page.locator('.ant-message-notice', { hasText: text }).first();
  try {
    await notice.waitFor({ timeout });
    return await notice.innerText();
  } catch (e) {
    const seen = await page.evaluate(() => (window as unknown as { __wdMessages?: string[] }).__wdMessages ?? []);
    const shot = join(ARTIFACTS_DIR, `message-timeout-${String(Date.now())}.png`);
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await page.screenshot({ path: shot }).catch(() => undefined);
    throw new Error(
      `no message ${String(text)} within ${String(timeout)} ms; messages seen: ${JSON.stringify(seen.slice(-8))}; screenshot ${shot}`,
      { cause: e },
    );
  }
}
