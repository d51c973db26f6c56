import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ChromiumPrintEngine, PRINT_CHROMIUM_PATH } from '../../electron/services/print/chromium';
import { renderDocument } from '../../electron/services/print/documents';
import { renderPdf } from '../../electron/services/print/pdf';
import { capitals } from '../../electron/services/print/templates/common';
import { formatFen } from '../../shared/domain/money';
import { CHROMIUM_FLAGS } from '../support/chromium';
import { makeSampleDoc } from '../support/make-doc';
import { tempDir } from '../support/tmp';
import { median, printTable } from './stats';

/** The joined PDF read back: pages, the page numbers of the first and last, and the grand total on the last. */
function checkPdf(pdf: Buffer, pages: number, totalFen: number, dir: string): string {
  const path = join(dir, `roster-${String(pages)}.pdf`);
  writeFileSync(path, pdf);
  const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
    .split('\f')
    .filter((p) => p.trim() !== '');
  const last = text[text.length - 1] ?? '';
  const problems = [
    text.length === pages ? '' : `${String(text.length)} pages instead of ${String(pages)}`,
    text[0]?.includes(`第 1 页 共 ${String(pages)} 页`) ? '' : 'first page number',
    last.includes(`第 ${String(pages)} 页 共 ${String(pages)} 页`) ? '' : 'last page number',
    last.replace(/,/g, '').includes(formatFen(totalFen).replace(/,/g, '')) ? '' : 'grand total',
    last.includes(capitals(totalFen)) ? '' : 'total in capitals',
  ].filter(Boolean);
  return problems.length
    ? `WRONG: ${problems.join(', ')}`
    : `${String(pages)} pages, 第 N 页 共 ${String(pages)} 页, total ok`;
}

export interface RosterBench {
  chunkedMs: Record<number, number>;
  floorMs: number;
  checks: Record<number, string>;
  pages: Record<number, number>;
}

/**
 * 发放花名册 PDFs through the app's chunked renderer (template + runs of pages
 * laid out two at a time + pdf-lib join) at 1,000 and `lines` lines, against
 * Chromium's own page.pdf() of the same whole static HTML as one document.
 */
export async function benchRoster(lines = 10_000, runs = 3): Promise<RosterBench> {
  const tmp = tempDir();
  const engine = new ChromiumPrintEngine();
  const browser = await chromium.launch({ executablePath: PRINT_CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
  const out: RosterBench = { chunkedMs: {}, floorMs: 0, checks: {}, pages: {} };
  try {
    for (const n of [1000, lines]) {
      const doc = makeSampleDoc({ lines: n, townships: 12, villagesPerTownship: 8 });
      const once = async () => {
        const t = performance.now();
        const pdf = await renderPdf(engine, renderDocument('roster', doc));
        return { ms: performance.now() - t, pdf };
      };
      const first = await once(); // browser start and fonts
      const pages = renderDocument('roster', doc).paged?.pages.length ?? 0;
      out.pages[n] = pages;
      out.checks[n] = checkPdf(first.pdf, pages, doc.totalFen, tmp.dir);
      const ms: number[] = [];
      for (let i = 0; i < runs; i++) ms.push((await once()).ms);
      out.chunkedMs[n] = median(ms);
      if (n === lines) {
        const page = await browser.newPage();
        const html = renderDocument('roster', doc).html;
        const floor: number[] = [];
        for (let i = 0; i < runs; i++) {
          const t = performance.now();
          await page.setContent(html);
          await page.pdf({ preferCSSPageSize: true });
          floor.push(performance.now() - t);
        }
        out.floorMs = median(floor);
        await page.close();
      }
    }
    return out;
  } finally {
    await engine.close();
    await browser.close();
    tmp.cleanup();
  }
}

export function printRosterBench(r: RosterBench, lines = 10_000, runs = 3): void {
  const small = r.chunkedMs[1000] ?? 0;
  const big = r.chunkedMs[lines] ?? 0;
  const perSmall = small;
  const perBig = big / (lines / 1000);
  printTable(`Roster PDF, chunked renderer (medians of ${String(runs)}; pdftotext checks below)`, [
    {
      measure: `floor: page.pdf() of the whole ${String(lines)}-line HTML`,
      medianMs: r.floorMs,
      floorMs: null,
      target: '',
      ok: null,
    },
    {
      measure: `chunked roster, ${String(lines)} lines (${String(r.pages[lines] ?? 0)} pages)`,
      medianMs: big,
      floorMs: r.floorMs,
      target: '≤ 0.5×',
      ok: big <= 0.5 * r.floorMs,
    },
    {
      measure: `chunked roster, 1000 lines (${String(r.pages[1000] ?? 0)} pages)`,
      medianMs: small,
      floorMs: null,
      target: '',
      ok: null,
    },
    {
      measure: `  per 1,000 lines at ${String(lines)} vs at 1,000`,
      medianMs: perBig,
      floorMs: perSmall,
      target: '≤ 1.2×',
      ok: perBig <= 1.2 * perSmall,
    },
  ]);
  for (const [n, c] of Object.entries(r.checks)) process.stdout.write(`  pdftotext, ${n} lines: ${c}\n`);
}
