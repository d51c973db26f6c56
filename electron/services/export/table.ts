import ExcelJS from 'exceljs';
import { csvField } from '../files/csv';

export type Cell = string | number | null;

/**
 * UTF-8 with a BOM so Excel and WPS open Chinese text correctly. Text cells and
 * headers that would run as a formula are neutralised; numbers stay numbers.
 */
export function csvTable(columns: readonly string[], rows: readonly Cell[][]): Buffer {
  const field = (c: Cell) => (c === null ? '' : typeof c === 'number' ? String(c) : csvField(c, true));
  const lines = [columns, ...rows].map((r) => r.map(field).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/**
 * Every text cell is a plain string cell: Excel never runs it as a formula and
 * long digit strings (IDs, accounts) never become numbers; the stored value is
 * exactly the text, without an added apostrophe.
 */
export async function xlsxTable(title: string, columns: readonly string[], rows: readonly Cell[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(title.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
  sheet.addRow([...columns]).font = { bold: true };
  for (const r of rows) {
    // Every text cell is written as text: long digit strings (IDs, accounts) must not become numbers.
    const row = sheet.addRow(r);
    row.eachCell((cell) => {
      if (typeof cell.value === 'string') cell.numFmt = '@';
    });
  }
  sheet.columns.forEach((c, i) => {
    c.width = Math.min(
      40,
      Math.max(
        8,
        ...[columns[i] ?? '', ...rows.slice(0, 200).map((r) => String(r[i] ?? ''))].map((s) => s.length * 1.6),
      ),
    );
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}
