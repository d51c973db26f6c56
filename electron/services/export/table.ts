import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';

export type Cell = string | number | null;

/**
 * A cell that starts with = + - @ (or a tab or carriage return) would run as a
 * formula when the file is opened in Excel or WPS; prefixing an apostrophe keeps
 * it text. Numbers stay numbers.
 */
export function guardCell(value: Cell): Cell {
  if (typeof value !== 'string') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvField(value: Cell): string {
  const s = value === null ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** UTF-8 with a BOM so Excel and WPS open Chinese text correctly. */
export function writeCsv(path: string, columns: readonly string[], rows: readonly Cell[][]): void {
  const lines = [columns, ...rows].map((r) => r.map((c) => csvField(guardCell(c))).join(','));
  writeFileSync(path, `\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

export async function writeXlsx(
  path: string,
  title: string,
  columns: readonly string[],
  rows: readonly Cell[][],
): Promise<void> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(title.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
  sheet.addRow([...columns]).font = { bold: true };
  for (const r of rows) {
    // Every text cell is written as text: long digit strings (IDs, accounts) must not become numbers.
    const row = sheet.addRow(r.map(guardCell));
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
  await book.xlsx.writeFile(path);
}
