import { createHash } from 'node:crypto';
import { isBlankRow, normalizeHeader } from '../../../shared/domain/import/header';
import { type HeaderMatch } from '../../../shared/domain/import/header';
import { regionNameKey } from '../../../shared/domain/import';
import { checkRegionCode, isTownshipCode, normalizeRegionCode } from '../../../shared/domain/region';
import { AppError } from '../../errors';
import type { Actor } from '../../db/audit';
import type { Store } from '../../db/store';
import { findHeader, readTable, type Table } from '../imports/reader';
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

/** A wide list: one row per village, its township beside it (乡镇代码 | 乡镇 | 村代码 | 村), codes optional. */
const WIDE = {
  townshipCode: ['乡镇代码', '乡镇(街道)代码', '乡级代码', '街道代码', '乡镇区划代码', '乡镇编码'].map(normalizeHeader),
  township: ['乡镇', '乡镇(街道)', '乡镇名称', '街道', '乡镇(街道)名称', '乡(镇、街道)'].map(normalizeHeader),
  villageCode: ['村代码', '村(社区)代码', '村级代码', '社区代码', '村区划代码', '村编码'].map(normalizeHeader),
  village: ['村', '村(社区)', '村名称', '社区', '村(居)委会', '村(社区)名称', '村居'].map(normalizeHeader),
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
  if (!header) {
    const wide = findHeader<WideField>(table, WIDE, ['village']);
    if (wide && wide.columns.some((c) => c.field === 'township' || c.field === 'townshipCode'))
      return importWide(store, actor, countyCode, table, wide, content, fileName);
    throw new AppError('INVALID_INPUT', '文件：找不到“区划代码”和“名称”两列，也找不到“乡镇”“村”两列');
  }
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
    w.audit({
      action: 'region.import',
      entity: 'region',
      after: { ...fileFacts(fileName, content), townships, villages, rejected: rejected.length },
    });
  });
  rejected.sort((a, b) => a.row - b.row);
  return { townships, villages, rejected };
}

function fileFacts(fileName: string, content: Buffer) {
  return { fileName, size: content.length, sha256: createHash('sha256').update(content).digest('hex') };
}

type WideField = keyof typeof WIDE;

/**
 * One row per village. Codes (9-digit townships included) are taken as they are;
 * a name without a code is matched against the regions already loaded (the
 * national list), within its township.
 */
function importWide(
  store: Store,
  actor: Actor,
  countyCode: string,
  table: Table,
  header: HeaderMatch<WideField>,
  content: Buffer,
  fileName: string,
): RegionImportResult {
  const col = (f: WideField) => header.columns.find((c) => c.field === f)?.index;
  const cell = (cells: string[], f: WideField) => {
    const i = col(f);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const rejected: RegionImportResult['rejected'] = [];
  let townships = 0;
  let villages = 0;
  store.write(actor, (w) => {
    const known = w.all(w.kysely.selectFrom('regions').select(['code', 'name', 'level', 'parent_code']));
    const townshipByName = new Map(known.filter((r) => r.level === 'township').map((r) => [regionNameKey(r.name), r]));
    const townshipCodes = new Set(known.filter((r) => r.level === 'township').map((r) => r.code));
    const villageByName = new Map(
      known.filter((r) => r.level === 'village').map((r) => [`${r.parent_code ?? ''}|${regionNameKey(r.name)}`, r]),
    );
    const seenTownships = new Set<string>();
    for (const r of table.rows.slice(header.dataStart)) {
      if (isBlankRow(r.cells)) continue;
      const tCode = cell(r.cells, 'townshipCode');
      const tName = cell(r.cells, 'township');
      const vCode = cell(r.cells, 'villageCode');
      const vName = cell(r.cells, 'village');
      const reject = (message: string) => rejected.push({ row: r.row, message });
      let township: string | undefined;
      if (tCode) {
        const checked = checkRegionCode(tCode, countyCode);
        if (!checked.ok) {
          reject(`乡镇代码：${checked.issue.message}`);
          continue;
        }
        if (!isTownshipCode(checked.value)) {
          reject(`乡镇代码：${tCode} 不是乡镇（街道）代码（9 位，或 12 位以 000 结尾）`);
          continue;
        }
        township = checked.value;
      } else township = townshipByName.get(regionNameKey(tName))?.code;
      if (!township) {
        reject(`乡镇（街道）：“${tName}”不在本县的名单中，请填写乡镇代码`);
        continue;
      }
      try {
        if (tName && !seenTownships.has(township)) {
          upsertRegion(w, countyCode, township, tName);
          townships++;
        } else if (!townshipCodes.has(township)) {
          reject(`乡镇（街道）：代码 ${township} 尚未登记，请填写乡镇名称`);
          continue;
        }
        townshipCodes.add(township);
        seenTownships.add(township);
        if (!vCode && !vName) continue;
        let village = vCode
          ? normalizeRegionCode(vCode)
          : villageByName.get(`${township}|${regionNameKey(vName)}`)?.code;
        if (!village) {
          reject(`村（社区）：“${vName}”不在该乡镇（街道）的名单中，请填写村代码`);
          continue;
        }
        const checked = checkRegionCode(village, countyCode);
        if (!checked.ok) {
          reject(`村代码：${checked.issue.message}`);
          continue;
        }
        village = checked.value;
        if (village.slice(0, 9) !== township.slice(0, 9)) {
          reject(`村代码：${village} 不属于乡镇（街道）${township}`);
          continue;
        }
        if (isTownshipCode(village)) {
          reject(`村代码：${vCode} 是乡镇（街道）代码，不是村（社区）代码`);
          continue;
        }
        if (vName) upsertRegion(w, countyCode, village, vName);
        villages++;
      } catch (e) {
        if (e instanceof AppError) reject(e.message.replace(/^区划代码：/, ''));
        else throw e;
      }
    }
    w.audit({
      action: 'region.import',
      entity: 'region',
      after: { ...fileFacts(fileName, content), layout: 'wide', townships, villages, rejected: rejected.length },
    });
  });
  rejected.sort((a, b) => a.row - b.row);
  return { townships, villages, rejected };
}
