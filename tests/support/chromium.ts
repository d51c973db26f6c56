import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { CHROMIUM_FLAGS, PRINT_CHROMIUM_PATH } from '../../electron/services/print/chromium';

/** Debian's Chromium, never a downloaded browser, with the flags the print engine uses. */
export const CHROMIUM_PATH = PRINT_CHROMIUM_PATH;
export { CHROMIUM_FLAGS };

export interface RunningBrowser {
  browser: BrowserContext;
  close(): Promise<void>;
}

/** A fresh Chromium with its own empty profile, removed on close. */
export async function launchChromium(): Promise<RunningBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'wd-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
    // The usual office screen: every e2e page and README screenshot is taken at this size.
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
  });
  return {
    browser: context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export type { Browser };
