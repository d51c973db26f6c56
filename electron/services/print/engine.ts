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

export interface PrintOutcome {
  outcome: 'printed' | 'cancelled';
  /** The printer the job went to, where the platform reports it; otherwise the one preset. */
  printer: string | null;
}

export interface PrinterInfo {
  name: string;
  isDefault: boolean;
}

export interface PrintEngine {
  /** The document as PDF bytes; the document's own `@page` rule sets size and margins. */
  pdf(html: string, opts: PrintOptions): Promise<Buffer>;
  /**
   * Sends the document to a printer through the system dialog (preset to `printer`).
   * A dialog the user cancelled is `cancelled`, not an error and not printed.
   */
  print?(html: string, opts: PrintOptions & { printer?: string; copies?: number }): Promise<PrintOutcome>;
  printers?(): Promise<PrinterInfo[]>;
  /** Releases what the engine holds (browser, windows). */
  close?(): Promise<void>;
}
