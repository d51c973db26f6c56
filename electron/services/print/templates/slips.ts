import { formatFen } from '../../../../shared/domain/money';
import type { BatchDoc, PrintLine } from '../types';
import { capitals, checkedTotal, chunk, esc, htmlDocument, td, sortLines } from './common';

/**
 * 发放通知单: three slips to a portrait A4 with dashed cut lines between them, in
 * the roster's order (township, village), numbered 批次号-序号 like the roster's 序号.
 */
export const SLIPS_PER_PAGE = 3;

function kv(label: string, value: string, widthMm: number, cls = ''): string {
  return `<th>${esc(label)}</th>${td(value, widthMm, cls)}`;
}

function slip(doc: BatchDoc, line: PrintLine, printedSeq: number): string {
  const no = `${doc.batchNo}-${String(printedSeq).padStart(4, '0')}`;
  return `<div class="slip">
<div class="slip-head"><h2>${esc(doc.programLabel)}发放通知单</h2><span class="no">编号：<span class="mono">${esc(no)}</span></span></div>
<table class="kv"><colgroup><col class="k"><col class="v"><col class="k"><col class="v"></colgroup>
<tr>${kv('姓名', line.name, 60)}${kv('身份证号', line.idNumber, 60, 'mono')}</tr>
<tr>${kv('乡镇(街道)', line.township, 60)}${kv('村(社区)', line.village, 60)}</tr>
<tr>${kv('补贴项目', doc.programLabel, 60)}${kv('类别/等级', line.category, 60)}</tr>
<tr>${kv('所属月份', line.month, 60)}${kv('发放类型', line.kind, 60)}</tr>
<tr>${kv('一卡通账号', line.account, 60, 'mono')}${kv('开户行', line.bankName, 60)}</tr>
<tr>${kv('发放标准', `${formatFen(line.standardFen)} 元/月`, 60)}${kv('发放期间', doc.periodLabel, 60)}</tr>
<tr class="money"><th>金额（小写）</th><td colspan="3">¥${esc(formatFen(line.amountFen))} 元</td></tr>
<tr class="money"><th>金额（大写）</th><td colspan="3">${esc(capitals(line.amountFen))}</td></tr>
<tr><th>备注</th>${td(line.note, 150, '', ' colspan="3"')}</tr>
</table>
<p class="notice">上述补贴资金已通过一卡通发放至您的账户，请持卡到开户行查询领取。如有疑问，请向所在乡镇（街道）民政办或${esc(doc.county)}咨询。</p>
<div class="slip-foot"><span>${esc(doc.county)}（盖章）</span><span>批次号：${esc(doc.batchNo)}</span><span>日期：${esc(doc.printedOn)}</span></div>
</div>`;
}

const CUT = `<div class="cut"><span class="scissors">✂</span><span class="cut-label">沿虚线剪开</span><span class="scissors right">✂</span></div>`;

export function renderSlips(doc: BatchDoc): string {
  checkedTotal(doc);
  const lines = sortLines(doc.lines);
  let seq = 0;
  const body = chunk(lines, SLIPS_PER_PAGE)
    .map((pageLines) => {
      const slips = pageLines.map((l) => {
        seq += 1;
        return slip(doc, l, seq);
      });
      return `<section class="page">${slips.join(CUT)}${pageLines.length < SLIPS_PER_PAGE && pageLines.length > 0 ? CUT : ''}</section>`;
    })
    .join('\n');
  return htmlDocument({
    title: `${doc.programLabel}发放通知单 ${doc.batchNo}`,
    landscape: false,
    marginMm: 8,
    css: CSS,
    body,
  });
}

const CSS = `
.page { height: 280mm; }
.slip { height: 88mm; padding: 3mm 4mm 0; font-size: 9pt; overflow: hidden; }
.slip-head { display: flex; align-items: baseline; justify-content: space-between; }
.slip-head h2 { margin: 0; font-size: 13pt; letter-spacing: 1pt; }
.slip-head .no { font-size: 8pt; }
table.kv { width: 100%; margin-top: 2mm; table-layout: fixed; border-collapse: collapse; }
.kv col.k { width: 24mm; }
.kv th, .kv td { border: 0.5pt solid #000; height: 6mm; padding: 0 1.5mm; white-space: nowrap; overflow: hidden; text-align: left; }
.kv th { font-weight: 400; background: #f0f0f0; }
.kv tr.money td { font-weight: 700; font-size: 10pt; }
.notice { margin: 2mm 0 0; font-size: 8pt; line-height: 1.4; }
.slip-foot { display: flex; justify-content: space-between; margin-top: 2mm; font-size: 8.5pt; }
.cut { position: relative; height: 8mm; }
.cut::before { content: ''; position: absolute; left: 0; right: 0; top: 4mm; border-top: 0.8pt dashed #555; }
.cut .scissors { position: absolute; left: 1mm; top: 1.2mm; font-size: 11pt; background: #fff; padding: 0 1mm; }
.cut .scissors.right { left: auto; right: 1mm; }
.cut .cut-label { position: absolute; left: 50%; top: 2.4mm; transform: translateX(-50%); background: #fff; padding: 0 2mm; font-size: 6.5pt; color: #555; }
`;
