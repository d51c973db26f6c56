import { zhCompare } from '../../../../shared/domain/collate';
import type { BatchDoc, PrintLine } from '../types';
import { capitals, checkedTotal, esc, htmlDocument, signSlot, yuan } from './common';

/**
 * 发放汇总表: per township the number of persons and lines, lines and amount by
 * kind, and the township's total; a 合计 row and the grand total in capitals.
 * A long list of townships simply flows on (the header row repeats on each page).
 */
const KNOWN_KINDS = ['正常发放', '补发', '补发差额', '重发'];

interface Cell {
  count: number;
  fen: number;
}

interface TownshipRow {
  township: string;
  persons: number;
  byKind: Map<string, Cell>;
  all: Cell;
}

/** Kinds in the usual order, then any others present (pinyin order). */
function kindsOf(lines: readonly PrintLine[]): string[] {
  const extra = [...new Set(lines.map((l) => l.kind))].filter((k) => !KNOWN_KINDS.includes(k)).sort(zhCompare);
  return [...KNOWN_KINDS, ...extra];
}

/** One person is one (name, ID number) within a township, however many lines they have. */
function summarise(lines: readonly PrintLine[]): TownshipRow[] {
  const rows = new Map<string, TownshipRow & { people: Set<string> }>();
  for (const l of lines) {
    let row = rows.get(l.township);
    if (!row) {
      row = { township: l.township, persons: 0, byKind: new Map(), all: { count: 0, fen: 0 }, people: new Set() };
      rows.set(l.township, row);
    }
    row.people.add(`${l.name}\u0000${l.idNumber}`);
    row.persons = row.people.size;
    const cell = row.byKind.get(l.kind) ?? { count: 0, fen: 0 };
    cell.count += 1;
    cell.fen += l.amountFen;
    row.byKind.set(l.kind, cell);
    row.all.count += 1;
    row.all.fen += l.amountFen;
  }
  return [...rows.values()].sort((a, b) => zhCompare(a.township, b.township));
}

function cells(kinds: readonly string[], byKind: Map<string, Cell>, all: Cell): string {
  const parts = kinds.map((k) => {
    const c = byKind.get(k) ?? { count: 0, fen: 0 };
    return `<td class="num">${c.count}</td><td class="num">${yuan(c.fen)}</td>`;
  });
  parts.push(`<td class="num b">${all.count}</td><td class="num b">${yuan(all.fen)}</td>`);
  return parts.join('');
}

export function renderSummary(doc: BatchDoc): string {
  const total = checkedTotal(doc);
  const kinds = kindsOf(doc.lines);
  const rows = summarise(doc.lines);
  const totals = new Map<string, Cell>();
  for (const r of rows) {
    for (const [k, c] of r.byKind) {
      const t = totals.get(k) ?? { count: 0, fen: 0 };
      t.count += c.count;
      t.fen += c.fen;
      totals.set(k, t);
    }
  }
  const persons = rows.reduce((s, r) => s + r.persons, 0);
  const head1 = `<tr><th rowspan="2" class="twp">乡镇(街道)</th><th rowspan="2">人数</th>${kinds.map((k) => `<th colspan="2">${esc(k)}</th>`).join('')}<th colspan="2">小计</th></tr>`;
  const head2 = `<tr>${[...kinds, '小计'].map(() => '<th>笔数</th><th>金额(元)</th>').join('')}</tr>`;
  const body = rows
    .map((r) => `<tr><td>${esc(r.township)}</td><td class="num">${r.persons}</td>${cells(kinds, r.byKind, r.all)}</tr>`)
    .join('\n');
  const totalRow = `<tr class="tot"><td class="label">合计</td><td class="num">${persons}</td>${cells(kinds, totals, { count: doc.lines.length, fen: total })}</tr>`;
  const capsRow = `<tr class="tot"><td colspan="${2 + 2 * (kinds.length + 1)}" class="caps">合计金额（大写）：${esc(capitals(total))}</td></tr>`;
  const html = `<section class="page">
<header class="doc-head"><h1>${esc(doc.programLabel)}发放汇总表</h1>
<div class="meta"><span>单位：${esc(doc.county)}</span><span>发放期间：${esc(doc.periodLabel)}</span><span>批次号：${esc(doc.batchNo)}</span><span>状态：${esc(doc.status)}</span><span>金额单位：元</span></div></header>
<table class="grid"><colgroup><col class="twp"><col class="persons"></colgroup><thead>${head1}${head2}</thead><tbody>
${body}
${totalRow}
${capsRow}
</tbody></table>
<footer class="doc-foot"><div class="signs">${signSlot('制表人', doc.preparedBy)}${signSlot('审核人', doc.reviewedBy)}${signSlot('负责人', doc.approvedBy)}${signSlot('日期', doc.printedOn)}</div>
<div class="small">审计链：<span class="mono">${esc(doc.auditHead)}</span></div></footer>
</section>`;
  return htmlDocument({
    title: `${doc.programLabel}发放汇总表 ${doc.batchNo}`,
    landscape: true,
    marginMm: 12,
    css: CSS,
    body: html,
  });
}

const CSS = `
.doc-head .meta { display: flex; justify-content: space-between; margin: 2mm 0 3mm; font-size: 9pt; }
table.grid { width: 100%; table-layout: fixed; border-collapse: collapse; font-size: 9pt; }
.grid th, .grid td { border: 0.5pt solid #000; padding: 1.2mm 1.5mm; white-space: nowrap; }
.grid th { background: #eee; font-weight: 700; text-align: center; }
.grid col.twp { width: 30mm; }
.grid col.persons { width: 14mm; }
.grid td { overflow: hidden; }
.grid tr { break-inside: avoid; }
.grid td.b, .grid tr.tot td { font-weight: 700; }
.grid td.label { text-align: center; letter-spacing: 2pt; }
.grid td.caps { padding-left: 3mm; }
.doc-foot { margin-top: 10mm; }
.doc-foot .signs { font-size: 10pt; margin-bottom: 3mm; }
`;
