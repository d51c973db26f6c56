import { createHash } from 'node:crypto';
import { isBlankRow, normalizeHeader } from '../../../shared/domain/import/header';
import { checkRegionCode, isTownshipCode } from '../../../shared/domain/region';
import { AppError } from '../../errors';
import type { Actor } from '../../db/audit';
import type { Store } from '../../db/store';
import { findHeader, readTable } from '../imports/reader';
import { readSettings } from '../settings/service';
import { upsertRegion } from './service';

export interface RegionImportResult {
  townships: number;
  villages: number;
  rejected: Array<{ row: number; message: string }>;
}

const ALIASES = {
  code: ['区划代码', '代码', '统计用区划代码', '行政区划代码', '区划编码', '编码'].map(normalizeHeader),
  name: ['名称', '区划名称', '名字', '乡镇街道名称', '村社区名称', '村(社区)名称', '乡镇(街道)名称'].map(
    normalizeHeader,
  ),
};

/**
 * Reads a sheet (xlsx, xls or csv, through the shared reader) with a 代码 column
 * and a 名称 column (title rows above the header are skipped) and upserts
 * townships, then villages, in one transaction. Rows that fail are reported with
 * their spreadsheet row number; the others are kept.
 */
export async function importRegions(
  store: Store,
  actor: Actor,
  countyCode: string,
  content: Buffer,
  fileName = 'regions.xlsx',
): Promise<RegionImportResult> {
  const table = await readTable(content, fileName, { maxBytes: readSettings(store).importMaxMegabytes * 1024 * 1024 });
  const header = findHeader(table, ALIASES, ['code', 'name']);
  if (!header) throw new AppError('INVALID_INPUT', '文件：找不到“区划代码”和“名称”两列');
  const codeCol = header.columns.find((c) => c.field === 'code')?.index ?? 0;
  const nameCol = header.columns.find((c) => c.field === 'name')?.index ?? 0;
  const rows: Array<{ row: number; code: string; name: string }> = [];
  const rejected: RegionImportResult['rejected'] = [];
  for (const r of table.rows.slice(header.dataStart)) {
    if (isBlankRow(r.cells)) continue;
    const code = r.cells[codeCol] ?? '';
    const name = r.cells[nameCol] ?? '';
    if (!code && !name) continue;
    const checked = checkRegionCode(code, countyCode);
    if (!checked.ok) rejected.push({ row: r.row, message: checked.issue.message });
    else if (!name) rejected.push({ row: r.row, message: `区划代码 ${code} 缺少名称` });
    else rows.push({ row: r.row, code, name });
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
    const file = { fileName, size: content.length, sha256: createHash('sha256').update(content).digest('hex') };
    w.audit({
      action: 'region.import',
      entity: 'region',
      after: { ...file, townships, villages, rejected: rejected.length },
    });
  });
  rejected.sort((a, b) => a.row - b.row);
  return { townships, villages, rejected };
}
