import ExcelJS from 'exceljs';
import type { ReportView } from '../../../shared/contract/reports';
import type { ReportCell } from '../../../shared/domain/reports';

/** A cell's value in the sheet: counts and money as numbers (yuan, two decimals), 增减% as a number when it is one. */
function value(c: ReportCell | undefined): string | number {
  if (!c) return '';
  switch (c.kind) {
    case 'count':
      return c.value;
    case 'money':
      return c.fen / 100;
    case 'percent':
      return c.text === '—' ? c.text : Number(c.text);
    case 'text':
      return c.text;
  }
}

const FORMAT: Record<ReportCell['kind'], string | undefined> = {
  count: '#,##0',
  money: '#,##0.00',
  percent: '0.0',
  text: undefined,
};

const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };

/**
 * A report as the office's spreadsheet: merged title, 填报单位 / 统计期 / 单位
 * line, one or two header rows, the rows with numbers as numbers, notes and
 * signatures; frozen below the header and right of the labels, A4 landscape
 * fitted to the page width. Text is written as text (never a formula), whatever it starts with.
 */
export async function reportXlsx(view: ReportView): Promise<Buffer> {
  const { table: t, header: h } = view;
  const book = new ExcelJS.Workbook();
  book.creator = 'Welfare Desk';
  const sheet = book.addWorksheet(t.title.slice(0, 31).replace(/[\\/?*[\]:]/g, '_'));
  const width = t.columns.length + 1;
  sheet.mergeCells(1, 1, 1, width);
  const title = sheet.getCell(1, 1);
  title.value = t.title;
  title.font = { size: 16, bold: true };
  title.alignment = { horizontal: 'center' };
  sheet.getRow(2).values = [
    `填报单位：${h.office}（${h.scope}）`,
    ...Array<string>(Math.max(0, width - 3)).fill(''),
    `统计期：${t.periodLabel}`,
    t.unitNote,
  ];
  const grouped = t.columns.some((c) => c.group);
  const headTop = 3;
  const headBottom = grouped ? 4 : 3;
  sheet.getCell(headTop, 1).value = '项目';
  if (grouped) sheet.mergeCells(headTop, 1, headBottom, 1);
  t.columns.forEach((c, i) => {
    const col = i + 2;
    if (!grouped) {
      sheet.getCell(headTop, col).value = c.label;
      return;
    }
    sheet.getCell(headBottom, col).value = c.label;
    if (!c.group) {
      sheet.getCell(headTop, col).value = c.label;
      sheet.mergeCells(headTop, col, headBottom, col);
    } else if (t.columns[i - 1]?.group !== c.group) {
      let end = i;
      while (t.columns[end + 1]?.group === c.group) end++;
      sheet.getCell(headTop, col).value = c.group;
      if (end > i) sheet.mergeCells(headTop, col, headTop, end + 2);
    }
  });
  for (let r = headTop; r <= headBottom; r++)
    for (let c = 1; c <= width; c++) {
      const cell = sheet.getCell(r, c);
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = border;
    }
  let r = headBottom + 1;
  for (const row of t.rows) {
    const label = sheet.getCell(r, 1);
    label.value = `${row.level === 1 ? '    ' : ''}${row.label}${row.unit ? `（${row.unit}）` : ''}`;
    label.border = border;
    if (row.role) label.font = { bold: true };
    row.cells.forEach((c, i) => {
      const cell = sheet.getCell(r, i + 2);
      cell.value = value(c);
      const fmt = FORMAT[c.kind];
      if (fmt && typeof cell.value === 'number') cell.numFmt = fmt;
      cell.alignment = { horizontal: typeof cell.value === 'number' ? 'right' : 'center' };
      cell.border = border;
      if (row.role === 'total') cell.font = { bold: true };
    });
    r++;
  }
  r++;
  if (t.emptyReason) sheet.getCell(r++, 1).value = `说明：${t.emptyReason}`;
  for (const n of t.notes) sheet.getCell(r++, 1).value = `注：${n}`;
  r++;
  sheet.getRow(r).values = [
    `制表人：${h.preparedBy}`,
    '',
    `审核人：${h.reviewedBy}`,
    '',
    `负责人：${h.head}`,
    '',
    `填报日期：${h.date}`,
  ];
  sheet.getColumn(1).width = 28;
  for (let c = 2; c <= width; c++) sheet.getColumn(c).width = 13;
  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: headBottom }];
  sheet.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: `${String(headTop)}:${String(headBottom)}`,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
  };
  return Buffer.from(await book.xlsx.writeBuffer());
}
