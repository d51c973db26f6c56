import { createHash } from 'node:crypto';
import { isBlankRow, normalizeHeader } from '../../../shared/domain/import/header';
import { parseDateText } from '../../../shared/domain/import/values';
import { parseIdNumber } from '../../../shared/domain/id-number';
import { AppError, isAppError } from '../../errors';
import type { Actor } from '../../db/audit';
import type { Store } from '../../db/store';
import { findHeader, readTable } from '../imports/reader';
import { readSettings } from '../settings/service';
import { recordDeath, type DeathResult } from './death';

export interface DeathImportResult {
  matched: Array<DeathResult & { row: number; nameInFile: string }>;
  unmatched: Array<{ row: number; idNumber: string; name: string }>;
  rejected: Array<{ row: number; message: string }>;
}

const ALIASES = {
  id: [
    '身份证号',
    '身份证号码',
    '公民身份号码',
    '公民身份证号码',
    '身份证',
    '证件号码',
    '证件号',
    '死者身份证号',
    '死者身份证号码',
  ].map(normalizeHeader),
  name: ['姓名', '死者姓名', '逝者姓名'].map(normalizeHeader),
  date: ['死亡日期', '死亡时间', '殡葬日期', '火化日期', '死亡日期(年月日)'].map(normalizeHeader),
};

/**
 * A death list from 殡葬 or 公安 (身份证号, 姓名, 死亡日期; xlsx, xls or csv through
 * the shared reader), matched by ID number. Every match is recorded as a death in
 * ONE transaction; unknown persons and bad rows are reported by their spreadsheet
 * row number and change nothing.
 */
export async function importDeaths(
  store: Store,
  actor: Actor,
  content: Buffer,
  today: string,
  now: string,
  fileName = 'deaths.xlsx',
): Promise<DeathImportResult> {
  const table = await readTable(content, fileName, { maxBytes: readSettings(store).importMaxMegabytes * 1024 * 1024 });
  const header = findHeader(table, ALIASES, ['id', 'date']);
  if (!header) throw new AppError('INVALID_INPUT', '文件：找不到“身份证号”和“死亡日期”两列');
  const col = (f: keyof typeof ALIASES) => header.columns.find((c) => c.field === f)?.index ?? -1;
  const [idCol, nameCol, dateCol] = [col('id'), col('name'), col('date')];
  const result: DeathImportResult = { matched: [], unmatched: [], rejected: [] };
  const rows: Array<{ row: number; id: string; name: string; date: string }> = [];
  for (const r of table.rows.slice(header.dataStart)) {
    if (isBlankRow(r.cells)) continue;
    const rawId = r.cells[idCol] ?? '';
    const name = r.cells[nameCol] ?? '';
    if (!rawId && !name) continue;
    const id = parseIdNumber(rawId);
    if (!id.ok) {
      result.rejected.push({ row: r.row, message: id.issue.message });
      continue;
    }
    const rawDate = r.cells[dateCol] ?? '';
    const date = parseDateText(rawDate);
    if (!date) result.rejected.push({ row: r.row, message: `死亡日期“${rawDate}”不是有效日期` });
    else if (date > today) result.rejected.push({ row: r.row, message: `死亡日期 ${date} 晚于今天` });
    else rows.push({ row: r.row, id: id.value.id, name, date });
  }
  store.write(actor, (w) => {
    for (const r of rows) {
      try {
        result.matched.push({
          ...recordDeath(w, actor, r.id, r.date, now, '死亡名单导入'),
          row: r.row,
          nameInFile: r.name,
        });
      } catch (e) {
        if (isAppError(e) && e.code === 'PERSON_NOT_FOUND')
          result.unmatched.push({ row: r.row, idNumber: r.id, name: r.name });
        else if (isAppError(e)) result.rejected.push({ row: r.row, message: e.message });
        else throw e;
      }
    }
    const file = { fileName, size: content.length, sha256: createHash('sha256').update(content).digest('hex') };
    w.audit({
      action: 'deaths.import',
      entity: 'import',
      after: {
        ...file,
        matched: result.matched.length,
        unmatched: result.unmatched.length,
        rejected: result.rejected.length,
      },
    });
  });
  return result;
}
