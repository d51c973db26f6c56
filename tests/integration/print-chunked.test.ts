import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { capitals } from '../../electron/services/print/templates/common';
import { renderDocument } from '../../electron/services/print/documents';
import { ChromiumPrintEngine } from '../../electron/services/print/chromium';
import { PAGES_PER_RUN, renderPdf } from '../../electron/services/print/pdf';
import { JobRunner } from '../../electron/services/jobs/runner';
import { formatFen } from '../../shared/domain/money';
import type { AppEvent } from '../../shared/contract';
import { makeSampleDoc } from '../support/make-doc';
import { tempDir } from '../support/tmp';

const pagesOf = (pdf: string): string[] =>
  execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    .split('\f')
    .filter((p) => p.trim() !== '');

describe('a long roster rendered in runs of pages', () => {
  const engine = new ChromiumPrintEngine();
  const tmp = tempDir();
  afterAll(async () => {
    await engine.close();
    tmp.cleanup();
  });

  it('equals the one-document roster page for page, with page numbers, carried subtotals and the grand total', async () => {
    const doc = makeSampleDoc({ lines: 1190, townships: 4 });
    const rendered = renderDocument('roster', doc);
    const pages = rendered.paged?.pages.length ?? 0;
    expect(pages).toBe(60);
    expect(pages).toBeGreaterThan(2 * PAGES_PER_RUN);
    const events: AppEvent[] = [];
    const jobs = new JobRunner((e) => events.push(e));
    const chunked = await jobs.run({ kind: 'print', title: '另存为 PDF', cancelled: '已取消' }, (job) =>
      renderPdf(engine, rendered, job),
    );
    const whole = await engine.pdf(rendered.html, { landscape: true });
    writeFileSync(join(tmp.dir, 'chunked.pdf'), chunked);
    writeFileSync(join(tmp.dir, 'whole.pdf'), whole);
    const a = pagesOf(join(tmp.dir, 'chunked.pdf'));
    const b = pagesOf(join(tmp.dir, 'whole.pdf'));
    expect(a.length).toBe(60);
    expect(a).toEqual(b);
    expect(a[0]).toContain('第 1 页 共 60 页');
    expect(a[59]).toContain('第 60 页 共 60 页');
    expect(a[59]).toContain(capitals(doc.totalFen));
    expect(a[59]?.replace(/,/g, '')).toContain(formatFen(doc.totalFen).replace(/,/g, ''));
    // Progress after every run, in pages.
    const steps = events
      .filter((e) => e.type === 'job' && e.state === 'running')
      .map((e) => e.type === 'job' && e.total);
    expect(steps).toContain(60);
  });

  it('a cancel between runs stops with nothing returned', async () => {
    const rendered = renderDocument('roster', makeSampleDoc({ lines: 1190 }));
    const jobs = new JobRunner(() => undefined);
    let id = '';
    const p = jobs.run({ kind: 'print', title: '另存为 PDF', cancelled: '已取消：没有保存 PDF 文件' }, (job) => {
      id = job.id;
      return renderPdf(engine, rendered, job);
    });
    jobs.cancel(id);
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED', message: '已取消：没有保存 PDF 文件' });
  });
});
