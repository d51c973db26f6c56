import { randomUUID } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserWindow, session, type Session } from 'electron';
import type { PrintEngine, PrinterInfo, PrintOptions, PrintOutcome } from '../services/print/engine';

/**
 * The printing port in the app: each job renders the template's static HTML in its
 * own hidden, sandboxed window without Node or JavaScript, then prints or makes a
 * PDF and destroys the window. The document is served from memory by a private
 * protocol on a private session, so a roster with ten thousand names never lies in
 * %TEMP% as plaintext HTML.
 */
export const PRINT_SCHEME = 'wd-print';
const PARTITION = 'wd-print';

const documents = new Map<string, string>();
let printSession: Session | null = null;

function ensureSession(): Session {
  if (printSession) return printSession;
  const s = session.fromPartition(PARTITION, { cache: false });
  s.protocol.handle(PRINT_SCHEME, (request) => {
    const id = new URL(request.url).pathname.replace(/^\/+/, '');
    const html = documents.get(id);
    if (html === undefined) return new Response('not found', { status: 404 });
    return new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
  });
  s.setPermissionRequestHandler((_wc, _p, callback) => callback(false));
  printSession = s;
  return s;
}

/** Earlier versions wrote large documents to %TEMP%\wd-print-*; remove any such leftovers at start. */
export function removePrintLeftovers(dir: string = tmpdir()): number {
  let removed = 0;
  try {
    for (const name of readdirSync(dir)) {
      if (!name.startsWith('wd-print-')) continue;
      rmSync(join(dir, name), { recursive: true, force: true });
      removed++;
    }
  } catch {
    // The temp folder may be unreadable; nothing to clean then.
  }
  return removed;
}

function hiddenWindow(): BrowserWindow {
  return new BrowserWindow({
    show: false,
    width: 1123,
    height: 794,
    webPreferences: {
      session: ensureSession(),
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
      devTools: false,
    },
  });
}

/** Runs `job` on a hidden window showing `html`; the window and the document are gone afterwards. */
async function withDocument<T>(html: string, job: (win: BrowserWindow) => Promise<T>): Promise<T> {
  const win = hiddenWindow();
  const id = randomUUID();
  documents.set(id, html);
  try {
    await win.loadURL(`${PRINT_SCHEME}://doc/${id}`);
    return await job(win);
  } finally {
    documents.delete(id);
    if (!win.isDestroyed()) win.destroy();
  }
}

function isDefaultPrinter(options: unknown): boolean {
  if (!options || typeof options !== 'object') return false;
  const o = options as Record<string, unknown>;
  return o['printer-is-default'] === 'true' || o['is-default'] === 'true' || o['isDefault'] === true;
}

/** Electron reports a closed dialog as a failure whose reason says so. */
export function isCancelReason(reason: string): boolean {
  return /cancel/i.test(reason);
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

  /** Opens the system print dialog (preset to `printer` when given). */
  async print(html: string, opts: PrintOptions & { printer?: string; copies?: number }): Promise<PrintOutcome> {
    return withDocument(
      html,
      (win) =>
        new Promise<PrintOutcome>((resolve, reject) => {
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
              // Electron does not say which printer the user picked in the dialog; the preset one is named.
              if (success) resolve({ outcome: 'printed', printer: opts.printer ?? null });
              else if (isCancelReason(failureReason)) resolve({ outcome: 'cancelled', printer: null });
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
    documents.clear();
  }
}
