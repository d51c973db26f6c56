import ExcelJS from 'exceljs';
import { isoDate, isValidDate } from '../../../shared/domain/dates';
import { parseIdNumber } from '../../../shared/domain/id-number';
import { AppError, isAppError } from '../../errors';
import type { Actor } from '../../db/audit';
import type { Store } from '../../db/store';
import { cellText } from '../regions/import';
import { recordDeath, type DeathResult } from './death';

export interface DeathImportResult {
  matched: Array<DeathResult & { row: number; nameInFile: string }>;
  unmatched: Array<{ row: number; idNumber: string; name: string }>;
  rejected: Array<{ row: number; message: string }>;
}

/** 2026-06-15, 2026/6/15, 2026年6月15日, 20260615, or a real date cell. */
export function parseDeathDate(cell: ExcelJS.Cell): string | null {
  if (cell.value instanceof Date) return isoDate(cell.value.getUTCFullYear(), cell.value.getUTCMonth() + 1, cell.value.getUTCDate());
  const t = cellText(cell);
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidDate(y, mo, d) ? isoDate(y, mo, d) : null;
}

const HEADERS = { id: /身份证|公民身份号码|证件号/, name: /姓名/, date: /死亡日期|死亡时间|殡葬日期/ };

/**
 * A death list from 殡葬 or 公安 (身份证号, 姓名, 死亡日期), matched by ID number.
 * Every match is recorded as a death in ONE transaction; unknown persons and bad
 * rows are reported by their spreadsheet row number and change nothing.
 */
export async function importDeaths(store: Store, actor: Actor, content: Buffer, today: string, now: string): Promise<DeathImportResult> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw new AppError('INVALID_INPUT', '文件：无法读取，请选择 .xlsx 格式的死亡名单');
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new AppError('INVALID_INPUT', '文件：表格中没有工作表');
  let header = 0;
  const col = { id: 0, name: 0, date: 0 };
  for (let r = 1; r <= Math.min(sheet.rowCount, 20) && !header; r++) {
    const found = { id: 0, name: 0, date: 0 };
    sheet.getRow(r).eachCell((cell, c) => {
      const t = cellText(cell);
      for (const k of ['id', 'name', 'date'] as const) if (!found[k] && HEADERS[k].test(t)) found[k] = c;
    });
    if (found.id && found.date) {
      header = r;
      Object.assign(col, found);
    }
  }
  if (!header) throw new AppError('INVALID_INPUT', '文件：找不到“身份证号”和“死亡日期”两列');
  const result: DeathImportResult = { matched: [], unmatched: [], rejected: [] };
  const rows: Array<{ row: number; id: string; name: string; date: string }> = [];
  for (let r = header + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const rawId = cellText(row.getCell(col.id));
    const name = col.name ? cellText(row.getCell(col.name)) : '';
    if (!rawId && !name) continue;
    const id = parseIdNumber(rawId);
    if (!id.ok) {
      result.rejected.push({ row: r, message: id.issue.message });
      continue;
    }
    const date = parseDeathDate(row.getCell(col.date));
    if (!date) result.rejected.push({ row: r, message: `死亡日期“${cellText(row.getCell(col.date))}”不是有效日期` });
    else if (date > today) result.rejected.push({ row: r, message: `死亡日期 ${date} 晚于今天` });
    else rows.push({ row: r, id: id.value.id, name, date });
  }
  store.write(actor, (w) => {
    for (const r of rows) {
      try {
        result.matched.push({ ...recordDeath(w, actor, r.id, r.date, now, '死亡名单导入'), row: r.row, nameInFile: r.name });
      } catch (e) {
        if (isAppError(e) && e.code === 'PERSON_NOT_FOUND') result.unmatched.push({ row: r.row, idNumber: r.id, name: r.name });
        else if (isAppError(e)) result.rejected.push({ row: r.row, message: e.message });
        else throw e;
      }
    }
    w.audit({ action: 'deaths.import', entity: 'import', after: { matched: result.matched.length, unmatched: result.unmatched.length, rejected: result.rejected.length } });
  });
  return result;
}
