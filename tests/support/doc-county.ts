import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { PrintEngine } from '../../electron/services/print/engine';
import { PayoutCounty } from './payout-county';

/**
 * A county with documents to print: elders approved (li enters and reviews, zhao
 * approves), one refused, one stopped, a child with a guardian. Every step through
 * the real channels.
 */
export async function docCounty(dir: string, printing?: PrintEngine) {
  const c = new PayoutCounty(dir, printing);
  await c.setup([
    ['elderly', '80-89', '2000-01', 5000],
    ['elderly', '90-99', '2000-01', 10000],
    ['elderly', '100+', '2000-01', 30000],
    ['orphan', 'dispersed', '2000-01', 120000],
  ]);
  const zhang = await c.person('42010219400315001', '张三', '6228480000000000001');
  const li = await c.person('42010219350620002', '李秀英', '6228480000000000002', { villageCode: '420102002003' });
  const wangP = await c.person('42010219251108003', '王建国', '6228480000000000003');
  const young = await c.person('42010219450101004', '刘年轻', '6228480000000000004');
  await c.enrol(zhang, 'elderly', '2025-11-20', '2025-12-10');
  await c.enrol(li, 'elderly', '2025-11-21', '2025-12-11');
  const w = await c.enrol(wangP, 'elderly', '2025-11-22', '2025-12-12');
  const y = await c.ok('li', 'enrolment.save', { personId: young, program: 'elderly', appliedOn: '2025-11-23' });
  await c.ok('li', 'enrolment.transition', { id: y.id, action: 'review', date: '2025-12-01' });
  await c.ok('zhao', 'enrolment.transition', {
    id: y.id,
    action: 'reject',
    date: '2025-12-02',
    reason: '经入户核查，户籍不在本县',
  });
  await c.ok('li', 'enrolment.transition', { id: w, action: 'stop', date: '2026-01-02', reason: '迁出本县' });
  return { c, persons: { zhang, li, wang: wangP, young } };
}

export function pdfText(pdf: string, layout = true): string {
  return execFileSync('pdftotext', [...(layout ? ['-layout'] : []), pdf, '-'], { encoding: 'utf8' });
}

/** Every QR code on page `page` of the PDF, rendered at 200 dpi and decoded with jsQR (one per card half). */
export function qrTexts(pdf: string, page = 1): string[] {
  const work = mkdtempSync(join(tmpdir(), 'wd-qr-'));
  const copy = join(work, 'in.pdf');
  copyFileSync(pdf, copy);
  execFileSync('pdftoppm', [
    '-q',
    '-png',
    '-r',
    '200',
    '-f',
    String(page),
    '-l',
    String(page),
    '-singlefile',
    copy,
    join(work, 'p'),
  ]);
  const png = PNG.sync.read(readFileSync(join(work, 'p.png')));
  const out: string[] = [];
  // Cards are stacked: scan the page in horizontal bands so each band holds one code.
  const bands = 2;
  const bandH = Math.floor(png.height / bands);
  for (let b = 0; b < bands; b++) {
    const slice = png.data.subarray(b * bandH * png.width * 4, (b + 1) * bandH * png.width * 4);
    const found = jsQR(new Uint8ClampedArray(slice.buffer, slice.byteOffset, slice.length), png.width, bandH);
    if (found) out.push(Buffer.from(found.binaryData).toString('utf8'));
  }
  return out;
}

export function pngOfPage(pdf: string, page = 1, dpi = 200): Buffer {
  const work = mkdtempSync(join(tmpdir(), 'wd-png-'));
  const copy = join(work, 'in.pdf');
  copyFileSync(pdf, copy);
  execFileSync('pdftoppm', [
    '-q',
    '-png',
    '-r',
    String(dpi),
    '-f',
    String(page),
    '-l',
    String(page),
    '-singlefile',
    copy,
    join(work, 'p'),
  ]);
  return readFileSync(join(work, 'p.png'));
}
