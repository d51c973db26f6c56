import type { Browser, BrowserContext } from 'playwright-core';
import type { PrintEngine, PrintOptions } from './engine';

/** Debian's Chromium unless told otherwise; never a downloaded browser. */
export const PRINT_CHROMIUM_PATH = process.env.WELFARE_CHROMIUM ?? '/usr/bin/chromium';

/** Headless and off the (closed) network; the tests' browser uses the same. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * PDF engine over headless Chromium (playwright-core). The browser is launched on
 * the first call, reused by later calls (each gets its own page) and closed by close().
 * JavaScript is disabled and every request is refused: templates are static documents.
 */
export class ChromiumPrintEngine implements PrintEngine {
  private started: Promise<{ browser: Browser; context: BrowserContext }> | null = null;

  constructor(private readonly executablePath: string = PRINT_CHROMIUM_PATH) {}

  private start(): Promise<{ browser: Browser; context: BrowserContext }> {
    this.started ??= (async () => {
      // Imported here so that merely loading this module costs nothing.
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({
        executablePath: this.executablePath,
        headless: true,
        args: CHROMIUM_FLAGS,
      });
      const context = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN', offline: true });
      await context.route('**/*', (route) => route.abort());
      return { browser, context };
    })();
    this.started.catch(() => {
      this.started = null;
    });
    return this.started;
  }

  async pdf(html: string, _opts: PrintOptions): Promise<Buffer> {
    // Orientation and size come from the document's @page rule (preferCSSPageSize).
    const { context } = await this.start();
    const page = await context.newPage();
    try {
      await page.setContent(html);
      return await page.pdf({ preferCSSPageSize: true, printBackground: true });
    } finally {
      await page.close();
    }
  }

  async close(): Promise<void> {
    const started = this.started;
    this.started = null;
    if (!started) return;
    const { browser } = await started;
    await browser.close();
  }
}
