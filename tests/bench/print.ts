import { chromium } from 'playwright-core';
import { ChromiumPrintEngine, PRINT_CHROMIUM_PATH } from '../../electron/services/print/chromium';
import { renderDocument } from '../../electron/services/print/documents';
import { makeSampleDoc } from '../support/make-doc';
import { CHROMIUM_FLAGS } from '../support/chromium';
import { median, printTable } from './stats';

export interface PrintBench {
  lines: number;
  runs: number;
  htmlBytes: number;
  pdfBytes: number;
  /** Template rendering alone (BatchDoc → HTML). */
  renderMs: number;
  /** renderDocument('roster') + ChromiumPrintEngine.pdf: what the app's preview, CLI and tests do. */
  oursMs: number;
  /** The already-rendered HTML through a bare page.setContent + page.pdf() in the same Chromium binary. */
  floorMs: number;
  ratio: number;
}

/**
 * A 发放花名册 of `lines` lines as PDF, against Chromium's own page.pdf() of the
 * same static HTML (target ≤ 1.5×). The floor also honours the document's @page
 * size (preferCSSPageSize), so both produce the same A4 landscape pages.
 */
export async function benchPrint(opts: { lines: number; runs: number }): Promise<PrintBench> {
  const doc = makeSampleDoc({ lines: opts.lines, townships: 12, villagesPerTownship: 8 });
  const engine = new ChromiumPrintEngine();
  const browser = await chromium.launch({ executablePath: PRINT_CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
  try {
    const page = await browser.newPage();
    const staticHtml = renderDocument('roster', doc).html;
    const floorOnce = async (): Promise<number> => {
      const t = performance.now();
      await page.setContent(staticHtml);
      await page.pdf({ preferCSSPageSize: true });
      return performance.now() - t;
    };
    let pdfBytes = 0;
    const oursOnce = async (): Promise<{ total: number; render: number }> => {
      const t = performance.now();
      const { html, landscape } = renderDocument('roster', doc);
      const render = performance.now() - t;
      pdfBytes = (await engine.pdf(html, { landscape })).length;
      return { total: performance.now() - t, render };
    };
    await floorOnce(); // warm up both paths (browser start, fonts)
    await oursOnce();
    const floor: number[] = [];
    const ours: number[] = [];
    const render: number[] = [];
    for (let i = 0; i < opts.runs; i++) {
      floor.push(await floorOnce());
      const o = await oursOnce();
      ours.push(o.total);
      render.push(o.render);
    }
    const oursMs = median(ours);
    const floorMs = median(floor);
    return {
      lines: opts.lines,
      runs: opts.runs,
      htmlBytes: Buffer.byteLength(staticHtml),
      pdfBytes,
      renderMs: median(render),
      oursMs,
      floorMs,
      ratio: oursMs / floorMs,
    };
  } finally {
    await engine.close();
    await browser.close();
  }
}

export function printPrintBench(r: PrintBench): void {
  printTable(
    `Printing: 发放花名册 of ${r.lines} lines (${(r.htmlBytes / 1e6).toFixed(1)} MB HTML, ${(r.pdfBytes / 1e6).toFixed(1)} MB PDF; medians of ${r.runs})`,
    [
      {
        measure: 'roster: render HTML + PDF',
        medianMs: r.oursMs,
        floorMs: r.floorMs,
        target: '≤ 1.5×',
        ok: r.ratio <= 1.5,
      },
      { measure: 'roster: render HTML only', medianMs: r.renderMs, floorMs: null, target: '—', ok: null },
    ],
  );
}
