import Nzh from 'nzh';
import { zhCompare } from '../../../../shared/domain/collate';
import { formatFen } from '../../../../shared/domain/money';
import type { BatchDoc, PrintLine } from '../types';

/** Every string that reaches a template goes through here. */
export function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Fen → "1,576.00" (yuan), escaped. */
export function yuan(fen: number): string {
  return esc(formatFen(fen));
}

/**
 * Fen → 大写金额 via nzh, e.g. 157600 → 壹仟伍佰柒拾陆元整, 157605 → 壹仟伍佰柒拾陆元零伍分.
 * The amount goes to nzh as a decimal string built from integers, never as a float.
 */
export function capitals(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer amount of fen: ${fen}`);
  const abs = Math.abs(fen);
  const whole = String(Math.floor(abs / 100));
  const rest = abs % 100;
  const text = Nzh.cn.toMoney(rest === 0 ? whole : `${whole}.${String(rest).padStart(2, '0')}`, { outSymbol: false });
  return fen < 0 ? `负${text}` : text;
}

/** Sum of the lines in fen; throws (in Chinese: it may reach the screen) unless it equals the stored batch total. */
export function checkedTotal(doc: BatchDoc): number {
  let sum = 0;
  for (const line of doc.lines) {
    if (!Number.isSafeInteger(line.amountFen) || !Number.isSafeInteger(line.standardFen)) {
      throw new RangeError(`金额不是整数分：${line.name} ${line.amountFen}`);
    }
    sum += line.amountFen;
  }
  if (!Number.isSafeInteger(sum) || sum !== doc.totalFen) {
    throw new Error(`批次合计与明细之和不符：批次合计 ${formatFen(doc.totalFen)} 元，明细之和 ${formatFen(sum)} 元`);
  }
  return sum;
}

/** The printed order: township, then village (pinyin), then the caller's seq. Does not mutate. */
export function sortLines(lines: readonly PrintLine[]): PrintLine[] {
  return [...lines].sort(
    (a, b) => zhCompare(a.township, b.township) || zhCompare(a.village, b.village) || a.seq - b.seq,
  );
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out.length ? out : [[]];
}

/**
 * Picks how a cell keeps its fixed height: text wider than its column at the base
 * size gets the small size ('s'), then two lines in a smaller size ('s2'), clipped
 * beyond that. Widths are estimated at 8pt (CJK ≈ 2.9mm, other ≈ 1.6mm a character).
 */
export function fit(text: string, widthMm: number): '' | 's' | 's2' {
  let mm = 0;
  for (const ch of text) mm += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(ch) ? 2.9 : 1.6;
  const room = widthMm - 2;
  if (mm <= room) return '';
  return mm * 0.78 <= room ? 's' : 's2';
}

/** A `<td>` (or `<th>`-less cell) whose escaped text is fitted to its column width. */
export function td(text: string, widthMm: number, cls = '', attrs = ''): string {
  const f = fit(text, widthMm);
  const c = [cls, f].filter(Boolean).join(' ');
  const inner = f === 's2' ? `<div class="wrap2">${esc(text)}</div>` : esc(text);
  return `<td${c ? ` class="${c}"` : ''}${attrs}>${inner}</td>`;
}

/** A signature slot: the name when known, otherwise a blank line to sign on. */
export function signSlot(label: string, name: string): string {
  return `<span class="sign">${esc(label)}：<span class="sign-line">${esc(name)}</span></span>`;
}

export const FONT_STACK = `'Noto Sans CJK SC', 'Microsoft YaHei', 'SimSun', sans-serif`;

const BASE_CSS = `
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body { font-family: ${FONT_STACK}; font-size: 8pt; line-height: 1.25;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; font-variant-numeric: tabular-nums; }
.page { break-after: page; page-break-after: always; }
.page:last-child { break-after: auto; page-break-after: auto; }
h1 { margin: 0; text-align: center; font-size: 15pt; font-weight: 700; letter-spacing: 1pt; }
.num { text-align: right; white-space: nowrap; }
.s { font-size: 6.3pt; }
.s2 { font-size: 5.8pt; line-height: 1.1; white-space: normal !important; word-break: break-all; }
.wrap2 { max-height: 2.2em; overflow: hidden; }
.sign { display: inline-block; margin-right: 14mm; }
.sign-line { display: inline-block; min-width: 24mm; border-bottom: 0.5pt solid #000; padding: 0 1mm; }
.small { font-size: 6.5pt; color: #333; }
.mono { font-family: 'Noto Sans Mono CJK SC', 'DejaVu Sans Mono', monospace; }
`;

/** A complete, self-contained document: no scripts, no external resources (the CSP says so too). */
export function htmlDocument(opts: {
  title: string;
  landscape: boolean;
  marginMm: number;
  css: string;
  body: string;
}): string {
  const size = opts.landscape ? 'A4 landscape' : 'A4 portrait';
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${esc(opts.title)}</title>
<style>@page { size: ${size}; margin: ${opts.marginMm}mm; }${BASE_CSS}${opts.css}</style>
</head><body>
${opts.body}
</body></html>
`;
}
