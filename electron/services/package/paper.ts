import ExcelJS from 'exceljs';
import { formatFen } from '../../../shared/domain/money';
import { programLabels, type Program } from '../../../shared/domain/programs';
import { esc } from '../print/templates/common';
import type { ReportTable } from './tables';

/**
 * The package's tables as people read them: the 上报表 the county head signs
 * and the city's consolidated tables, as xlsx and as printable HTML. Money is
 * kept in fen in the data; here it is shown in 元 with two decimals.
 */

const FEN = '（分）';
const keyText = (k: string) => (k in programLabels ? programLabels[k as Program] : k);
const isFen = (label: string) => label.endsWith(FEN);
/** Each county's rows, then the city's 合计 rows: consolidate() interleaves them as it sums. */
const totalsLast = <R extends { key: readonly string[] }>(rows: readonly R[]): R[] =>
  [...rows].sort((a, b) => Number(a.key[0] === '合计') - Number(b.key[0] === '合计'));
const valueLabel = (label: string) => (isFen(label) ? `${label.slice(0, -FEN.length)}（元）` : label);

export async function tablesXlsx(title: string, tables: readonly ReportTable[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const t of tables) {
    const sheet = book.addWorksheet(t.title.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
    sheet.addRow([title]).font = { bold: true };
    sheet.addRow([...t.keyLabels, ...t.valueLabels.map(valueLabel)]).font = { bold: true };
    const sorted = totalsLast(t.rows);
    for (const r of sorted)
      sheet.addRow([
        ...r.key.map(keyText),
        ...r.values.map((v, i) => (v === null ? '—' : r.fen || isFen(t.valueLabels[i] ?? '') ? v / 100 : v)),
      ]);
    t.valueLabels.forEach((l, i) => {
      if (isFen(l)) sheet.getColumn(t.keyLabels.length + i + 1).numFmt = '#,##0.00';
    });
    sheet.eachRow((row, n) => {
      const r = n > 2 ? sorted[n - 3] : undefined;
      if (r?.fen) t.valueLabels.forEach((_, i) => (row.getCell(t.keyLabels.length + i + 1).numFmt = '#,##0.00'));
    });
    sheet.columns.forEach((c) => (c.width = 18));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

const STYLE = `
@page { size: A4 portrait; margin: 14mm 12mm 16mm 12mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "SimSun", sans-serif; font-size: 10pt; color: #000; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 4mm; }
h2 { font-size: 11pt; margin: 5mm 0 2mm; }
.meta { display: flex; justify-content: space-between; flex-wrap: wrap; margin-bottom: 2mm; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 0.3mm solid #000; padding: 1mm 1.5mm; }
th { font-weight: bold; text-align: center; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: bold; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.sign { display: flex; justify-content: space-between; margin-top: 10mm; }
.digest { margin-top: 4mm; font-size: 8pt; word-break: break-all; }
`;

function tableHtml(t: ReportTable): string {
  const head = [...t.keyLabels, ...t.valueLabels.map(valueLabel)].map((l) => `<th>${esc(l)}</th>`).join('');
  const body = totalsLast(t.rows)
    .map((r) => {
      const total = r.key[0] === '合计';
      const keys = r.key.map((k) => `<td>${esc(keyText(k))}</td>`).join('');
      const values = r.values
        .map(
          (v, i) =>
            `<td class="n">${esc(v === null ? '—' : r.fen || isFen(t.valueLabels[i] ?? '') ? formatFen(v) : String(v))}</td>`,
        )
        .join('');
      return `<tr class="${total ? 'total' : ''}">${keys}${values}</tr>`;
    })
    .join('');
  return `<h2>${esc(t.title)}</h2><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;

export interface ReportSheetHeader {
  readonly countyName: string;
  readonly countyCode: string;
  readonly period: { from: string; to: string };
  readonly sequence: number;
  readonly createdAt: string;
  readonly createdBy: string;
  /** SHA-256 of the sealed file: ties the signed paper to the file on the stick. */
  readonly packageSha256: string;
  readonly packageFile: string;
}

/** The paper the county head signs and hands over with the stick. */
export function reportSheetHtml(h: ReportSheetHeader, tables: readonly ReportTable[]): string {
  const title = `${h.countyName}民政补贴数据上报表`;
  const body = `<h1>${esc(title)}</h1>
<div class="meta"><span>填报单位：${esc(h.countyName)}民政局（${esc(h.countyCode)}）</span><span>统计期：${esc(h.period.from)} 至 ${esc(h.period.to)}</span><span>第 ${esc(h.sequence)} 号上报包</span></div>
${tables.map(tableHtml).join('\n')}
<div class="digest">数据包文件：${esc(h.packageFile)}<br>SHA-256：${esc(h.packageSha256)}<br>生成时间：${esc(h.createdAt)}&emsp;生成人：${esc(h.createdBy)}</div>
<div class="sign"><span>制表人：</span><span>审核人：</span><span>负责人（签字）：</span><span>单位（盖章）：</span><span>日期：</span></div>`;
  return page(title, body);
}

/** The city's consolidated tables, counties as the first dimension, with who has not reported yet. */
export function consolidatedHtml(
  cityName: string,
  period: { from: string; to: string },
  missing: readonly string[],
  tables: readonly ReportTable[],
): string {
  const title = `${cityName}民政补贴上报汇总表`;
  const body = `<h1>${esc(title)}</h1>
<div class="meta"><span>汇总单位：${esc(cityName)}民政局</span><span>统计期：${esc(period.from)} 至 ${esc(period.to)}</span><span>${missing.length ? `未上报：${esc(missing.join('、'))}` : '各县（区）均已上报'}</span></div>
${tables.length ? tables.map(tableHtml).join('\n') : '<p>本期尚无已导入的上报数据。</p>'}
<div class="sign"><span>制表人：</span><span>审核人：</span><span>负责人（签字）：</span><span>日期：</span></div>`;
  return page(title, body);
}
