import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserWindow } from 'electron';
import type { PrintEngine, PrinterInfo, PrintOptions } from '../services/print/engine';

/**
 * The printing port in the app: each job renders the template's static HTML in its
 * own hidden, sandboxed window without Node or JavaScript, then prints or makes a
 * PDF and destroys the window. Sizes and margins come from the document's @page rule.
 */

/** Chromium refuses URLs over 2 MiB; bigger documents go through a private temp file. */
const MAX_DATA_URL = 1_900_000;

function hiddenWindow(): BrowserWindow {
  return new BrowserWindow({
    show: false,
    width: 1123,
    height: 794,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      javascript: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
}

/** Runs `job` on a hidden window showing `html`; the window (and any temp file) is gone afterwards. */
async function withDocument<T>(html: string, job: (win: BrowserWindow) => Promise<T>): Promise<T> {
  const win = hiddenWindow();
  let tempDir: string | null = null;
  try {
    const url = `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
    if (url.length <= MAX_DATA_URL) {
      await win.loadURL(url);
    } else {
      tempDir = await mkdtemp(join(tmpdir(), 'wd-print-'));
      const file = join(tempDir, 'document.html');
      await writeFile(file, html, { encoding: 'utf8', mode: 0o600 });
      await win.loadFile(file);
    }
    return await job(win);
  } finally {
    if (!win.isDestroyed()) win.destroy();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  }
}

function isDefaultPrinter(options: unknown): boolean {
  if (!options || typeof options !== 'object') return false;
  const o = options as Record<string, unknown>;
  return o['printer-is-default'] === 'true' || o['is-default'] === 'true' || o['isDefault'] === true;
}

export class ElectronPrintEngine implements PrintEngine {
  async pdf(html: string, opts: PrintOptions): Promise<Buffer> {
    return withDocument(html, (win) =>
      win.webContents.printToPDF({
        landscape: opts.landscape,
        pageSize: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
      }),
    );
  }

  /** Opens the system print dialog (preset to `printer` when given); a cancelled dialog is not an error. */
  async print(html: string, opts: PrintOptions & { printer?: string; copies?: number }): Promise<void> {
    await withDocument(
      html,
      (win) =>
        new Promise<void>((resolve, reject) => {
          win.webContents.print(
            {
              silent: false,
              printBackground: true,
              landscape: opts.landscape,
              pageSize: 'A4',
              copies: opts.copies ?? 1,
              ...(opts.printer ? { deviceName: opts.printer } : {}),
            },
            (success, failureReason) => {
              if (success || /cancel/i.test(failureReason)) resolve();
              else reject(new Error(`打印失败：${failureReason}`));
            },
          );
        }),
    );
  }

  async printers(): Promise<PrinterInfo[]> {
    return withDocument('<!DOCTYPE html><title></title>', async (win) => {
      const list = await win.webContents.getPrintersAsync();
      // Electron no longer reports the default printer as such; CUPS (and some Windows drivers) put it in options.
      return list.map((p) => ({ name: p.name, isDefault: isDefaultPrinter(p.options) }));
    });
  }

  async close(): Promise<void> {
    // Nothing is held between jobs.
  }
}
