import type { Office } from '../doc-types';
import { chunk, esc, htmlDocument, td } from './common';
import { yuanText } from './doc-common';

/**
 * 年度复核表: one township's enrolments due for the year's review, a row each with
 * boxes to tick (继续享受 / 变更 / 停发) and a column to sign; the township signs below.
 */
export interface ReviewRow {
  village: string;
  name: string;
  idNumber: string;
  category: string;
  amountFen: number;
  approvedOn: string;
  lastReviewOn: string | null;
}

export interface ReviewSheetInput {
  office: Office;
  programLabel: string;
  township: string;
  year: number;
  rows: ReviewRow[];
  printedOn: string;
}

const ROWS_PER_PAGE = 18;
const BOX = '<span class="box"></span>';

export function renderReviewSheet(s: ReviewSheetInput): string {
  let n = 0;
  const pages = chunk(s.rows, ROWS_PER_PAGE).map((rows, i, all) => {
    const body = rows
      .map((r) => {
        n += 1;
        return `<tr><td class="num">${String(n)}</td>${td(r.village, 28)}${td(r.name, 18)}<td class="mono">${esc(r.idNumber)}</td>${td(r.category, 22)}<td class="num">${esc(yuanText(r.amountFen))}</td><td>${esc(r.approvedOn)}</td><td>${esc(r.lastReviewOn ?? '—')}</td><td class="ticks">${BOX}继续 ${BOX}变更 ${BOX}停发</td><td></td></tr>`;
      })
      .join('\n');
    return `<section class="page">
<h1>${esc(s.programLabel)}${String(s.year)}年度复核表</h1>
<p class="meta">乡镇（街道）：${esc(s.township)}\u3000\u3000应复核 ${String(s.rows.length)} 人\u3000\u3000第 ${String(i + 1)} / ${String(all.length)} 页</p>
<table class="grid"><colgroup><col style="width:9mm"><col style="width:30mm"><col style="width:20mm"><col style="width:42mm"><col style="width:24mm"><col style="width:22mm"><col style="width:22mm"><col style="width:22mm"><col style="width:48mm"><col></colgroup>
<tr><th>序号</th><th>村(社区)</th><th>姓名</th><th>身份证号</th><th>类别/档次</th><th>月发放额</th><th>批准日期</th><th>上次复核</th><th>复核结论</th><th>复核人签字</th></tr>
${body}
</table>
${i === all.length - 1 ? `<div class="signs"><span>乡镇（街道）复核人：<span class="sign-line"></span></span><span>负责人：<span class="sign-line"></span></span><span>（盖章）\u3000\u3000年\u3000月\u3000日</span></div>` : ''}
<p class="small">${esc(s.office.name)} · 打印日期 ${esc(s.printedOn)}</p>
</section>`;
  });
  return htmlDocument({
    title: `${s.programLabel}${String(s.year)}年度复核表 ${s.township}`,
    landscape: true,
    marginMm: 10,
    css: `
h1 { margin-bottom: 2mm; }
.meta { margin: 0 0 2mm; font-size: 9pt; }
table.grid { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 8.5pt; }
.grid th, .grid td { border: 0.5pt solid #000; height: 8mm; padding: 0 1mm; white-space: nowrap; overflow: hidden; }
.grid th { background: #f0f0f0; font-weight: 400; }
.box { display: inline-block; width: 3mm; height: 3mm; border: 0.6pt solid #000; vertical-align: -0.4mm; }
.signs { display: flex; justify-content: space-between; margin-top: 6mm; font-size: 10pt; }
.sign-line { display: inline-block; min-width: 30mm; border-bottom: 0.5pt solid #000; }
`,
    body: pages.join('\n'),
  });
}
