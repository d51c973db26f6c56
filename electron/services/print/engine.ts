/**
 * The printing port. Templates produce complete HTML documents (see documents.ts);
 * an engine turns them into PDF or paper. Two implementations share the templates:
 * electron/main/print.ts (a hidden BrowserWindow, in the app) and
 * electron/services/print/chromium.ts (headless Chromium via playwright-core, for
 * the browser preview harness, the CLI and the tests).
 */
export interface PrintOptions {
  landscape: boolean;
}

export interface PrinterInfo {
  name: string;
  isDefault: boolean;
}

export interface PrintEngine {
  /** The document as PDF bytes; the document's own `@page` rule sets size and margins. */
  pdf(html: string, opts: PrintOptions): Promise<Buffer>;
  /** Sends the document to a printer (the system dialog when no printer is given). */
  print?(html: string, opts: PrintOptions & { printer?: string; copies?: number }): Promise<void>;
  printers?(): Promise<PrinterInfo[]>;
  /** Releases what the engine holds (browser, windows). */
  close?(): Promise<void>;
}
