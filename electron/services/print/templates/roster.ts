import { formatFen } from '../../../../shared/domain/money';
import type { BatchDoc, PrintLine } from '../types';
import { capitals, checkedTotal, chunk, esc, htmlDocument, signSlot, sortLines, td, yuan } from './common';

/**
 * 发放花名册: A4 landscape, paginated here rather than by the browser so that the
 * page subtotals are known when the HTML is written. Every page is its own table
 * of exactly this many data rows (fewer on the last page) with fixed row heights,
 * the header row, a 本页小计 row and the signature footer; the last page also
 * carries 合计 and 合计金额（大写）, whose space is reserved on every page.
 */
export const ROSTER_ROWS_PER_PAGE = 20;

interface Column {
  head: string;
  widthMm: number;
  cell: (line: PrintLine, printedSeq: number) => string;
  cls?: string;
}

/** Column widths add up to the 276mm inside the 10mm margins of a landscape A4. */
const COLUMNS: Column[] = [
  { head: '序号', widthMm: 9, cell: (_l, n) => String(n), cls: 'num' },
  { head: '乡镇(街道)', widthMm: 20, cell: (l) => l.township },
  { head: '村(社区)', widthMm: 20, cell: (l) => l.village },
  { head: '姓名', widthMm: 16, cell: (l) => l.name },
  { head: '身份证号', widthMm: 36, cell: (l) => l.idNumber, cls: 'mono' },
  { head: '类别/等级', widthMm: 20, cell: (l) => l.category },
  { head: '一卡通账号', widthMm: 36, cell: (l) => l.account, cls: 'mono' },
  { head: '开户行', widthMm: 22, cell: (l) => l.bankName },
  { head: '月份', widthMm: 14, cell: (l) => l.month },
  { head: '类型', widthMm: 14, cell: (l) => l.kind },
  { head: '标准(元)', widthMm: 16, cell: (l) => formatFen(l.standardFen), cls: 'num' },
  { head: '金额(元)', widthMm: 18, cell: (l) => formatFen(l.amountFen), cls: 'num' },
  { head: '备注', widthMm: 19, cell: (l) => l.note },
  { head: '签字', widthMm: 16, cell: () => '' },
];
const AMOUNT_COL = COLUMNS.findIndex((c) => c.head === '金额(元)');

function row(line: PrintLine, printedSeq: number, groupStart: boolean): string {
  const cells = COLUMNS.map((c) => {
    const text = c.cell(line, printedSeq);
    return c.cls === 'num' ? `<td class="num">${esc(text)}</td>` : td(text, c.widthMm, c.cls);
  });
  return `<tr class="r${groupStart ? ' grp' : ''}">${cells.join('')}</tr>`;
}

/** A row whose label spans the columns before 金额 and whose amount sits under 金额. */
function sumRow(label: string, count: string, fen: number, cls: string): string {
  const labelSpan = AMOUNT_COL - 2;
  const after = COLUMNS.length - AMOUNT_COL - 1;
  return `<tr class="r ${cls}"><td colspan="${labelSpan}" class="label">${esc(label)}</td><td colspan="2" class="num">${esc(count)}</td><td class="num">${yuan(fen)}</td><td colspan="${after}"></td></tr>`;
}

function head(doc: BatchDoc): string {
  return `<header class="doc-head"><h1>${esc(doc.programLabel)}发放花名册</h1>
<div class="meta"><span>单位：${esc(doc.county)}</span><span>发放期间：${esc(doc.periodLabel)}</span><span>批次号：${esc(doc.batchNo)}</span><span>状态：${esc(doc.status)}</span><span>金额单位：元</span></div></header>`;
}

function footer(doc: BatchDoc, page: number, pages: number): string {
  return `<footer class="doc-foot"><div class="signs">${signSlot('制表人', doc.preparedBy)}${signSlot('审核人', doc.reviewedBy)}${signSlot('负责人', doc.approvedBy)}${signSlot('日期', doc.printedOn)}</div>
<div class="foot-line"><span class="small">审计链：<span class="mono">${esc(doc.auditHead)}</span></span><span class="pno">第 ${page} 页 共 ${pages} 页</span></div></footer>`;
}

export function renderRoster(doc: BatchDoc): { html: string; pages: string[]; shell: (body: string) => string } {
  const total = checkedTotal(doc);
  const lines = sortLines(doc.lines);
  const pages = chunk(lines, ROSTER_ROWS_PER_PAGE);
  const colgroup = `<colgroup>${COLUMNS.map((c) => `<col style="width:${c.widthMm}mm">`).join('')}</colgroup>`;
  const thead = `<thead><tr>${COLUMNS.map((c) => `<th>${esc(c.head)}</th>`).join('')}</tr></thead>`;
  let seq = 0;
  let prev: PrintLine | undefined;
  const sections = pages.map((pageLines, i) => {
    const rows = pageLines.map((l) => {
      const groupStart = prev !== undefined && (prev.township !== l.township || prev.village !== l.village);
      prev = l;
      seq += 1;
      return row(l, seq, groupStart);
    });
    const pageFen = pageLines.reduce((s, l) => s + l.amountFen, 0);
    rows.push(sumRow('本页小计', `${pageLines.length} 笔`, pageFen, 'sub'));
    const last = i === pages.length - 1;
    if (last) {
      rows.push(sumRow('合计', `共 ${lines.length} 笔`, total, 'tot'));
      rows.push(
        `<tr class="r tot"><td colspan="${COLUMNS.length}" class="caps">合计金额（大写）：${esc(capitals(total))}</td></tr>`,
      );
    }
    return `<section class="page">${head(doc)}
<table class="grid">${colgroup}${thead}<tbody>
${rows.join('\n')}
</tbody></table>
<div class="spacer${last ? '' : ' reserve'}"></div>
${footer(doc, i + 1, pages.length)}</section>`;
  });
  const shell = (body: string) =>
    htmlDocument({
      title: `${doc.programLabel}发放花名册 ${doc.batchNo}`,
      landscape: true,
      marginMm: 10,
      css: CSS,
      body,
    });
  return { html: shell(sections.join('\n')), pages: sections, shell };
}

const ROW_MM = 6.2;
const CSS = `
.page { height: 189mm; display: flex; flex-direction: column; }
.doc-head { height: 14mm; }
.doc-head .meta { display: flex; justify-content: space-between; margin-top: 1.5mm; font-size: 8.5pt; }
table.grid { width: 276mm; table-layout: fixed; border-collapse: collapse; }
.grid th, .grid td { border: 0.5pt solid #000; padding: 0 1mm; white-space: nowrap; overflow: hidden; }
.grid th { height: 7mm; font-weight: 700; text-align: center; background: #eee; }
.grid tr.r td { height: ${ROW_MM}mm; }
.grid tr.grp td { border-top: 1.2pt solid #000; }
.grid tr.sub td, .grid tr.tot td { font-weight: 700; }
.grid td.label { text-align: center; letter-spacing: 2pt; }
.grid td.caps { text-align: left; padding-left: 3mm; }
.spacer { flex: 1 1 auto; }
.spacer.reserve { min-height: ${2 * ROW_MM}mm; }
.doc-foot { height: 12mm; padding-top: 2mm; }
.doc-foot .signs { font-size: 9pt; }
.doc-foot .foot-line { display: flex; justify-content: space-between; margin-top: 1.5mm; }
.pno { font-size: 8.5pt; }
`;
