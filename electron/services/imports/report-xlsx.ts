import ExcelJS from 'exceljs';
import type { ImportReport } from '../../../shared/contract';
import { importRowKindLabels } from '../../../shared/contract';
import { programLabels } from '../../../shared/domain/programs';

/**
 * The validation report as a workbook the clerk can send back to the township:
 * a summary sheet and one line per problem or update, with the row number as
 * the original spreadsheet shows it. Every cell is text.
 */
export async function reportXlsx(r: ImportReport): Promise<{ content: Buffer; lines: number }> {
  const book = new ExcelJS.Workbook();
  const summary = book.addWorksheet('概要');
  const facts: Array<[string, string | number]> = [
    ['文件', r.fileName],
    ['SHA-256', r.sha256],
    ['项目', programLabels[r.program]],
    ['工作表', r.sheetName],
    ['表头所在行', r.headerRows.join('、')],
    ['数据行', r.total],
    ['可导入', r.accepted],
    ['拒绝', r.rejected],
    ['有提示', r.warnings],
    ['更新已登记人员', r.updates + r.skippedUpdates],
    ['跳过的空行', r.skippedRows.blank],
    ['跳过的合计行', r.skippedRows.total],
  ];
  for (const [k, v] of facts) summary.addRow([k, v]);
  summary.getColumn(1).width = 16;
  summary.getColumn(2).width = 70;

  const sheet = book.addWorksheet('逐行结果');
  sheet.addRow(['行号', '结果', '姓名', '身份证号', '字段', '代码', '说明']).font = { bold: true };
  let lines = 0;
  const add = (cells: Array<string | number>) => {
    // Plain string cells: a name or message starting with = is text, not a formula, and keeps its exact value.
    const row = sheet.addRow(cells);
    row.eachCell((cell) => {
      if (typeof cell.value === 'string') cell.numFmt = '@';
    });
    lines++;
  };
  for (const row of r.rows) {
    for (const e of row.errors) add([row.row, '拒绝', row.name, row.idNumber, e.field, e.code, e.message]);
    for (const w of row.warnings) add([row.row, '提示', row.name, row.idNumber, w.field, w.code, w.message]);
    for (const c of row.changes)
      add([
        row.row,
        importRowKindLabels[row.kind],
        row.name,
        row.idNumber,
        c.field,
        'UPDATE',
        `${c.label}：${c.before ?? '（空）'} → ${c.after ?? '（空）'}`,
      ]);
    if (row.kind === 'update' && row.changes.length === 0)
      add([row.row, '更新', row.name, row.idNumber, '', 'ENROL', '已登记人员，新增本项目待遇记录']);
  }
  [6, 8, 10, 22, 14, 18, 80].forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return { content: Buffer.from(await book.xlsx.writeBuffer()), lines };
}
