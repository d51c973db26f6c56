import type { ReportSummary, ReportView } from '../../../shared/contract/reports';
import { formatFen } from '../../../shared/domain/money';
import type { ReportCell } from '../../../shared/domain/reports';
import { esc } from '../print/templates/common';

const shown = (c: ReportCell | undefined): string => {
  if (!c) return '';
  if (c.kind === 'count') return String(c.value);
  if (c.kind === 'money') return formatFen(c.fen);
  return c.text;
};

const STYLE = `
@page { size: A4 landscape; margin: 12mm 10mm 14mm 10mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "SimSun", sans-serif; font-size: 10pt; color: #000; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 4mm; }
.meta { display: flex; justify-content: space-between; margin-bottom: 2mm; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 0.3mm solid #000; padding: 1mm 1.5mm; }
th { font-weight: bold; text-align: center; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
td.l1 { padding-left: 6mm; }
tr.total td, tr.heading td { font-weight: bold; }
thead { display: table-header-group; }
.notes { margin-top: 3mm; font-size: 9pt; }
.sign { display: flex; justify-content: space-between; margin-top: 6mm; }
.foot { position: fixed; bottom: -8mm; left: 0; right: 0; font-size: 7pt; color: #444; }
p.summary { font-size: 12pt; line-height: 1.9; text-indent: 2em; }
`;

const page = (title: string, body: string, auditHead: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${STYLE}</style></head><body>${body}<div class="foot">审计链 ${esc(auditHead)}</div></body></html>`;

/** A report as a printable page for the print engine: the same cells as the screen and the spreadsheet. */
export function reportHtml(view: ReportView, auditHead: string): string {
  const { table: t, header: h } = view;
  const grouped = t.columns.some((c) => c.group);
  let top = '<th rowspan="' + (grouped ? '2' : '1') + '">项目</th>';
  let bottom = '';
  t.columns.forEach((c, i) => {
    if (!grouped) top += `<th>${esc(c.label)}</th>`;
    else if (!c.group) top += `<th rowspan="2">${esc(c.label)}</th>`;
    else {
      bottom += `<th>${esc(c.label)}</th>`;
      if (t.columns[i - 1]?.group !== c.group) {
        const span = t.columns.slice(i).findIndex((x) => x.group !== c.group);
        top += `<th colspan="${String(span === -1 ? t.columns.length - i : span)}">${esc(c.group)}</th>`;
      }
    }
  });
  const rows = t.rows
    .map(
      (r) =>
        `<tr class="${r.role ?? ''}"><td class="${r.level === 1 ? 'l1' : ''}">${esc(r.label)}${r.unit ? `（${esc(r.unit)}）` : ''}</td>${r.cells
          .map((c) => `<td class="${c.kind === 'text' ? '' : 'n'}">${esc(shown(c))}</td>`)
          .join('')}</tr>`,
    )
    .join('');
  const body = `<h1>${esc(t.title)}</h1>
<div class="meta"><span>填报单位：${esc(h.office)}（${esc(h.scope)}）</span><span>统计期：${esc(t.periodLabel)}</span><span>${esc(t.unitNote)}</span></div>
<table><thead><tr>${top}</tr>${grouped ? `<tr>${bottom}</tr>` : ''}</thead><tbody>${rows}</tbody></table>
<div class="notes">${t.emptyReason ? `<div>说明：${esc(t.emptyReason)}</div>` : ''}${t.notes.map((n) => `<div>注：${esc(n)}</div>`).join('')}</div>
<div class="sign"><span>制表人：${esc(h.preparedBy)}</span><span>审核人：${esc(h.reviewedBy)}</span><span>负责人：${esc(h.head)}</span><span>填报日期：${esc(h.date)}</span></div>`;
  return page(t.title, body, auditHead);
}

export function summaryHtml(s: ReportSummary, auditHead: string): string {
  const body = `<h1>${esc(s.title)}</h1><div class="meta"><span>${esc(s.header.office)}</span><span>${esc(s.header.date)}</span></div>
${s.sentences.map((x) => `<p class="summary">${esc(x.text)}</p>`).join('')}`;
  return page(s.title, body, auditHead);
}
