import ExcelJS from 'exceljs';
import { checkRegionCode, isTownshipCode } from '../../../shared/domain/region';
import { AppError } from '../../errors';
import type { Actor } from '../../db/audit';
import type { Store } from '../../db/store';
import { upsertRegion } from './service';

export interface RegionImportResult {
  townships: number;
  villages: number;
  rejected: Array<{ row: number; message: string }>;
}

/** Cell text exactly as shown: codes must never pass through a JavaScript number. */
export function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('').trim();
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '').trim();
  return (cell.text ?? String(v)).trim();
}

/**
 * Reads a sheet with a 代码 column and a 名称 column (title rows above the header
 * are skipped) and upserts townships, then villages, in one transaction. Rows that
 * fail are reported with their spreadsheet row number; the others are kept.
 */
export async function importRegions(store: Store, actor: Actor, countyCode: string, content: Buffer): Promise<RegionImportResult> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw new AppError('INVALID_INPUT', '文件：无法读取，请选择 .xlsx 格式的行政区划表');
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new AppError('INVALID_INPUT', '文件：表格中没有工作表');
  let header = 0;
  let codeCol = 0;
  let nameCol = 0;
  for (let r = 1; r <= Math.min(sheet.rowCount, 20) && header === 0; r++) {
    sheet.getRow(r).eachCell((cell, col) => {
      const t = cellText(cell);
      if (/代码/.test(t)) codeCol = col;
      else if (/名称|名字/.test(t)) nameCol = col;
    });
    if (codeCol && nameCol) header = r;
    else [codeCol, nameCol] = [0, 0];
  }
  if (!header) throw new AppError('INVALID_INPUT', '文件：找不到“区划代码”和“名称”两列');
  const rows: Array<{ row: number; code: string; name: string }> = [];
  const rejected: RegionImportResult['rejected'] = [];
  for (let r = header + 1; r <= sheet.rowCount; r++) {
    const code = cellText(sheet.getRow(r).getCell(codeCol));
    const name = cellText(sheet.getRow(r).getCell(nameCol));
    if (!code && !name) continue;
    const checked = checkRegionCode(code, countyCode);
    if (!checked.ok) rejected.push({ row: r, message: checked.issue.message });
    else if (!name) rejected.push({ row: r, message: `区划代码 ${code} 缺少名称` });
    else rows.push({ row: r, code, name });
  }
  // Townships first, so every village finds its parent.
  rows.sort((a, b) => Number(isTownshipCode(b.code)) - Number(isTownshipCode(a.code)) || a.code.localeCompare(b.code));
  let townships = 0;
  let villages = 0;
  store.write(actor, (w) => {
    for (const row of rows) {
      try {
        const saved = upsertRegion(w, countyCode, row.code, row.name);
        if (saved.level === 'township') townships++;
        else villages++;
      } catch (e) {
        if (e instanceof AppError) rejected.push({ row: row.row, message: e.message.replace(/^区划代码：/, '') });
        else throw e;
      }
    }
    w.audit({ action: 'region.import', entity: 'region', after: { townships, villages, rejected: rejected.length } });
  });
  rejected.sort((a, b) => a.row - b.row);
  return { townships, villages, rejected };
}
