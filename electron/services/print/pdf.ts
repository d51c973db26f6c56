import { PDFDocument } from 'pdf-lib';
import { NO_JOB, type Job } from '../jobs/runner';
import type { PrintEngine } from './engine';
import type { RenderedDocument } from './types';

/**
 * A long document as PDF in runs of pages: each run is laid out by the engine on
 * its own (two at a time on a two-core desk), then the runs are joined with
 * pdf-lib. Time grows with the pages, not with their square, progress is known
 * after every run, and a cancel stops between runs with nothing written.
 */
export const PAGES_PER_RUN = 25;
const PARALLEL_RUNS = 2;

export async function renderPdf(engine: PrintEngine, doc: RenderedDocument, job: Job = NO_JOB): Promise<Buffer> {
  const paged = doc.paged;
  if (!paged || paged.pages.length <= PAGES_PER_RUN) {
    job.step(0, 1, '排版');
    const pdf = await engine.pdf(doc.html, { landscape: doc.landscape });
    job.step(1, 1, '排版');
    return pdf;
  }
  const runs: string[][] = [];
  for (let i = 0; i < paged.pages.length; i += PAGES_PER_RUN) runs.push(paged.pages.slice(i, i + PAGES_PER_RUN));
  const parts: Buffer[] = new Array<Buffer>(runs.length);
  let next = 0;
  let done = 0;
  const total = paged.pages.length;
  job.step(0, total, '排版');
  const worker = async () => {
    while (next < runs.length) {
      const i = next++;
      job.throwIfCancelled();
      parts[i] = await engine.pdf(paged.shell((runs[i] ?? []).join('\n')), { landscape: doc.landscape });
      done += runs[i]?.length ?? 0;
      job.step(done, total, '排版');
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_RUNS, runs.length) }, worker));
  job.step(total, total, '合并页面');
  const out = await PDFDocument.create();
  for (const part of parts) {
    job.throwIfCancelled();
    const src = await PDFDocument.load(part);
    for (const page of await out.copyPages(src, src.getPageIndices())) out.addPage(page);
  }
  // Without object streams every page object stays visible to the page count and to older readers.
  return Buffer.from(await out.save({ useObjectStreams: false }));
}
