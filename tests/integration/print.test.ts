import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Nzh from 'nzh';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumPrintEngine } from '../../electron/services/print/chromium';
import { renderDocument, type DocumentKind } from '../../electron/services/print/documents';
import { ROSTER_ROWS_PER_PAGE } from '../../electron/services/print/templates/roster';
import type { BatchDoc } from '../../electron/services/print/types';
import { makeSampleDoc } from '../support/make-doc';
import { ARTIFACTS_DIR } from '../support/paths';

/**
 * The print templates through real Chromium into real PDFs, read back with
 * pdftotext. Every expected figure is computed here from the lines, not taken
 * from the templates.
 */
const engine = new ChromiumPrintEngine();
const doc: BatchDoc = makeSampleDoc({ lines: 70, townships: 3, villagesPerTownship: 4, hostileName: true });
const expectedFen = doc.lines.reduce((s, l) => s + l.amountFen, 0);
const printed: Partial<Record<DocumentKind, { pages: string[]; pdfPages: number }>> = {};

/** "1,576.05" → 157605, by string surgery (no floats). */
function fenOf(text: string): number {
  const m = /^(-?)([\d,]+)\.(\d{2})$/.exec(text);
  if (!m) throw new Error(`not an amount: ${text}`);
  const fen = Number((m[2] ?? '').replaceAll(',', '') + (m[3] ?? ''));
  return m[1] ? -fen : fen;
}
const MONEY = /(?<![\d.,])-?\d{1,3}(?:,\d{3})*\.\d{2}(?![\d])/g;
const moneyIn = (line: string): number[] => [...line.matchAll(MONEY)].map((m) => fenOf(m[0]));
/** nzh from a decimal string built here independently: whole yuan end in 元整. */
const nzhOf = (fen: number): string =>
  Nzh.cn.toMoney(
    fen % 100 === 0 ? String(fen / 100) : `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`,
    { outSymbol: false },
  );
const squash = (s: string): string => s.replace(/\s+/g, '');

async function printTo(kind: DocumentKind): Promise<{ pages: string[]; pdfPages: number }> {
  const { html, landscape } = renderDocument(kind, doc);
  const pdf = await engine.pdf(html, { landscape });
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const path = join(ARTIFACTS_DIR, `print-${kind}.pdf`);
  writeFileSync(path, pdf);
  const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  const pdfPages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  const pages = text.split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return { pages, pdfPages };
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  for (const kind of ['roster', 'slips', 'summary'] as const) printed[kind] = await printTo(kind);
});
afterAll(async () => {
  await engine.close();
});

describe('发放花名册 (roster) PDF', () => {
  const roster = () => printed.roster ?? { pages: [], pdfPages: 0 };
  /** Data rows: "序号 乡镇 村 ... YYYY-MM 类型 标准 金额 ...". */
  const rowsOf = (page: string) => page.split('\n').filter((l) => /^\s*\d+\s+\S/.test(l) && /\b\d{4}-\d{2}\b/.test(l));

  it('has one page per 20 lines, each with its header row, title and page number', () => {
    const { pages, pdfPages } = roster();
    const expectedPages = Math.ceil(doc.lines.length / ROSTER_ROWS_PER_PAGE);
    expect(expectedPages).toBeGreaterThan(2);
    expect(pdfPages).toBe(expectedPages);
    expect(pages).toHaveLength(expectedPages);
    const all = pages.join('\n');
    expect(all.split('序号').length - 1).toBe(pdfPages);
    pages.forEach((page, i) => {
      expect(page).toContain('重度残疾人护理补贴发放花名册');
      for (const h of [
        '乡镇(街道)',
        '村(社区)',
        '姓名',
        '身份证号',
        '类别/等级',
        '一卡通账号',
        '开户行',
        '月份',
        '类型',
        '标准(元)',
        '金额(元)',
        '备注',
        '签字',
      ]) {
        expect(page).toContain(h);
      }
      expect(squash(page)).toContain(`第${i + 1}页共${expectedPages}页`);
      expect(page).toContain('制表人');
      expect(page).toContain('审核人');
      expect(page).toContain('负责人');
      expect(page).toContain(doc.auditHead);
      expect(page).toContain('FF-2026-11-care-001');
    });
  });

  it('prints every line once, grouped by township and village, numbered 1..n', () => {
    const rows = roster().pages.flatMap(rowsOf);
    expect(rows).toHaveLength(doc.lines.length);
    expect(rows.map((r) => Number(/^\s*(\d+)/.exec(r)?.[1]))).toEqual(doc.lines.map((_l, i) => i + 1));
    // The printed amounts are the lines' amounts (as a multiset).
    const printedAmounts = rows.map((r) => moneyIn(r)[1] ?? NaN).sort((a, b) => a - b);
    expect(printedAmounts).toEqual(doc.lines.map((l) => l.amountFen).sort((a, b) => a - b));
    // Each (township, village) group is contiguous.
    const groups = rows.map((r) => r.trim().split(/\s+/).slice(1, 3).join('/'));
    const seen = new Set<string>();
    groups.forEach((g, i) => {
      if (i > 0 && groups[i - 1] !== g) expect(seen.has(g)).toBe(false);
      seen.add(g);
    });
    expect(seen.size).toBe(new Set(doc.lines.map((l) => `${l.township}/${l.village}`)).size);
  });

  it('has a 本页小计 on each page equal to the sum of that page', () => {
    for (const page of roster().pages) {
      const sub = page.split('\n').filter((l) => squash(l).includes('本页小计'));
      expect(sub).toHaveLength(1);
      const rows = rowsOf(page);
      const sum = rows.reduce((s, r) => s + (moneyIn(r)[1] ?? NaN), 0);
      expect(moneyIn(sub[0] ?? '')).toEqual([sum]);
      expect(squash(sub[0] ?? '')).toContain(`${rows.length}笔`);
    }
  });

  it('prints a grand total equal to the lines and the batch total, and in capitals', () => {
    const pages = roster().pages;
    const last = pages.at(-1) ?? '';
    expect(expectedFen).toBe(doc.totalFen);
    const totalLines = last.split('\n').filter((l) => /^\s*合\s*计\s/.test(l));
    expect(totalLines).toHaveLength(1);
    expect(moneyIn(totalLines[0] ?? '')).toEqual([expectedFen]);
    expect(squash(totalLines[0] ?? '')).toContain(`共${doc.lines.length}笔`);
    const caps = /合计金额（大写）：(\S+)/.exec(last)?.[1];
    expect(caps).toBe(nzhOf(expectedFen));
    expect(caps).toMatch(/分$/); // the sample's total has fen, so a lost fen would show
    // Only the last page has the grand total.
    for (const page of pages.slice(0, -1)) expect(page).not.toContain('大写');
  });

  it('renders Chinese text and prints names literally (escaped HTML)', () => {
    const all = roster().pages.join('\n');
    const someone = doc.lines[5];
    expect(all).toContain(someone?.name);
    expect(all).toContain(someone?.idNumber);
    // A long name wraps onto two lines in its cell; escaped, its markup is printed as text.
    expect(all).toContain('<b>王&');
    expect(all).toContain('示范县民政局');
    expect(all).toContain(doc.lines.find((l) => l.amountFen === 1) ? '0.01' : 'no 0.01 line in the sample');
  });
});

describe('发放通知单 (slips) PDF', () => {
  const slips = () => printed.slips ?? { pages: [], pdfPages: 0 };

  it('puts three slips on each page with cut lines between them', () => {
    const { pages, pdfPages } = slips();
    expect(pdfPages).toBe(Math.ceil(doc.lines.length / 3));
    expect(pages).toHaveLength(pdfPages);
    pages.forEach((page, i) => {
      const expected = i < pages.length - 1 ? 3 : doc.lines.length - 3 * (pages.length - 1);
      expect(page.split('发放通知单').length - 1).toBe(expected);
      expect(page.split('沿虚线剪开').length - 1).toBe(expected === 3 ? 2 : expected);
      expect(page).toContain('✂');
    });
  });

  it('gives every line a slip with its amount in figures and in capitals', () => {
    const all = slips().pages.join('\n');
    const figures = [...all.matchAll(/¥\s*(-?[\d,]+\.\d{2})/g)].map((m) => fenOf(m[1] ?? ''));
    const caps = [...all.matchAll(/金额（大写）\s*(\S+)/g)].map((m) => m[1]);
    const amounts = doc.lines.map((l) => l.amountFen);
    expect([...figures].sort((a, b) => a - b)).toEqual([...amounts].sort((a, b) => a - b));
    expect([...caps].sort()).toEqual(amounts.map(nzhOf).sort());
    // Figures and capitals agree slip by slip.
    expect(caps).toEqual(figures.map(nzhOf));
    expect(all).toContain('<b>王&"五\'</b>');
    for (const l of doc.lines.slice(0, 10)) {
      expect(all).toContain(l.name);
      expect(all).toContain(l.account);
    }
  });
});

describe('发放汇总表 (summary) PDF', () => {
  it('prints per township count and amount, and a grand total in capitals', () => {
    const text = (printed.summary?.pages ?? []).join('\n');
    expect(text).toContain('重度残疾人护理补贴发放汇总表');
    for (const kind of ['正常发放', '补发', '补发差额', '重发']) expect(text).toContain(kind);
    const townships = [...new Set(doc.lines.map((l) => l.township))];
    expect(townships.length).toBe(3);
    for (const t of townships) {
      const mine = doc.lines.filter((l) => l.township === t);
      const row = text.split('\n').find((l) => l.trim().startsWith(t));
      expect(row, t).toBeDefined();
      expect(moneyIn(row ?? '').at(-1)).toBe(mine.reduce((s, l) => s + l.amountFen, 0));
      const ints = (row ?? '').replace(MONEY, '').trim().split(/\s+/).slice(1).map(Number);
      expect(ints.at(-1)).toBe(mine.length);
      const normal = mine.filter((l) => l.kind === '正常发放');
      expect(ints[1]).toBe(normal.length);
      expect(moneyIn(row ?? '')[0]).toBe(normal.reduce((s, l) => s + l.amountFen, 0));
    }
    const total = text.split('\n').find((l) => /^\s*合\s*计\s/.test(l));
    expect(moneyIn(total ?? '').at(-1)).toBe(expectedFen);
    expect(/合计金额（大写）：(\S+)/.exec(text)?.[1]).toBe(nzhOf(expectedFen));
    expect(text).toContain(doc.auditHead);
  });
});
