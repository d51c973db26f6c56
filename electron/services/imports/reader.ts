import * as XLSX from '@e965/xlsx';
import * as cptable from '@e965/xlsx/dist/cpexcel.full';
import iconv from 'iconv-lite';
import {
  findHeader as findHeaderRows,
  type AliasTable,
  type HeaderMatch,
  type TextRow,
} from '../../../shared/domain/import/header';
import { AppError } from '../../errors';
import { checkZip } from './zip-guard';

XLSX.set_cptable(cptable);

/**
 * The one table reader for every import (registers, regions, deaths, the bank's
 * return file): xlsx, xls and csv in, rows of text out, each with the row number
 * the spreadsheet shows. Cells are never handed over as numbers, so an ID number
 * keeps every digit it has, and one Excel already damaged (4.20106E+17) arrives
 * as the text the clerk sees, to be refused by the domain rules.
 *
 * Limits are enforced before the libraries get the bytes where possible: the file
 * size, the zip's declared and actual uncompressed sizes (zip bombs), and the
 * sheet's dimensions (rows are read no further than the limit).
 */
export interface ReadLimits {
  maxBytes: number;
  maxRows: number;
  maxColumns: number;
  maxUncompressedBytes: number;
  maxRatio: number;
}

export const defaultReadLimits: ReadLimits = {
  maxBytes: 20 * 1024 * 1024,
  // 150,000 rows of a 17.6 MB xlsx peaked at 933 MB in the dry run; 100,000 keep it near 600 MB.
  maxRows: 100_000,
  maxColumns: 256,
  maxUncompressedBytes: 400 * 1024 * 1024,
  maxRatio: 200,
};

export type TableFormat = 'xlsx' | 'xls' | 'csv';

export interface Table {
  format: TableFormat;
  sheetName: string;
  /** Only rows that exist in the file, in order; blank rows inside the data are kept as empty cells. */
  rows: TextRow[];
  /** For csv: the encoding detected. */
  encoding?: 'utf-8' | 'utf-16le' | 'gb18030';
}

export type { TextRow, HeaderMatch, AliasTable };

const MB = 1024 * 1024;
const mb = (n: number) => `${Math.round((n / MB) * 10) / 10} MB`;

function refuse(
  code: 'FILE_TOO_LARGE' | 'FILE_TYPE' | 'FILE_UNREADABLE' | 'FILE_UNSAFE' | 'FILE_EMPTY',
  message: string,
): never {
  throw new AppError(code, `文件：${message}`);
}

function detect(content: Buffer, fileName: string): TableFormat {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (content.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
  if (content.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return 'xls';
  if (ext === 'csv' || ext === 'txt') return 'csv';
  if (ext === 'xlsx' || ext === 'xls')
    refuse('FILE_UNREADABLE', `“${fileName}”的扩展名是 .${ext}，但内容不是 Excel 表格（文件已损坏或被改了扩展名）`);
  return refuse('FILE_TYPE', `不支持“${fileName}”这种文件，请选择 .xlsx、.xls 或 .csv 表格`);
}

/** BOM first, then strict UTF-8, else GB18030 (a superset of GBK and GB2312). */
export function decodeText(content: Buffer): { text: string; encoding: NonNullable<Table['encoding']> } {
  if (content.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])))
    return { text: content.subarray(3).toString('utf8'), encoding: 'utf-8' };
  if (content[0] === 0xff && content[1] === 0xfe)
    return { text: iconv.decode(content.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(content), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(content, 'gb18030'), encoding: 'gb18030' };
  }
}

function cellText(cell: XLSX.CellObject | undefined): string {
  if (!cell || cell.v === undefined || cell.v === null) return '';
  if (cell.t === 's') return String(cell.v).trim();
  if (cell.t === 'n' && cell.z !== undefined && XLSX.SSF.is_date(cell.z)) {
    const d = XLSX.SSF.parse_date_code(cell.v) as { y: number; m: number; d: number } | null;
    if (d) return `${String(d.y).padStart(4, '0')}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`;
  }
  if (cell.v instanceof Date) return cell.v.toISOString().slice(0, 10);
  return (cell.w ?? String(cell.v)).trim();
}

function parse(
  content: Buffer,
  format: TableFormat,
  limits: ReadLimits,
): { book: XLSX.WorkBook; encoding?: Table['encoding'] } {
  const common = {
    dense: true,
    cellNF: true,
    cellHTML: false,
    cellFormula: false,
    sheetRows: limits.maxRows + 1,
    dateNF: 'yyyy-mm-dd',
  } as const;
  try {
    if (format === 'csv') {
      const { text, encoding } = decodeText(content);
      return { book: XLSX.read(text, { ...common, type: 'string', raw: true }), encoding };
    }
    return { book: XLSX.read(content, { ...common, type: 'buffer' }) };
  } catch (e) {
    const msg = e instanceof Error ? e.message : '';
    if (/password|encrypt/i.test(msg)) refuse('FILE_UNREADABLE', '表格设有打开密码，请在 Excel 中取消密码后再导入');
    return refuse('FILE_UNREADABLE', '无法读取，文件可能已损坏，请用 Excel 打开后另存为 .xlsx 再导入');
  }
}

/**
 * Reads the first sheet that has data (or `sheet` by name) as rows of text.
 * Merged cells are spread over their area, so a township merged down over its
 * villages' rows, or a group label over a two-row header, reads as shown.
 */
export async function readTable(
  content: Buffer,
  fileName: string,
  limits: Partial<ReadLimits> = {},
  sheet?: string,
): Promise<Table> {
  await Promise.resolve();
  const lim = { ...defaultReadLimits, ...limits };
  if (content.length > lim.maxBytes)
    refuse(
      'FILE_TOO_LARGE',
      `大小为 ${mb(content.length)}，超过了设置的上限 ${mb(lim.maxBytes)}；请拆分后分批导入，或请管理员在系统设置中调高上限`,
    );
  if (content.length === 0) refuse('FILE_EMPTY', `“${fileName}”是空文件`);
  const format = detect(content, fileName);
  if (format === 'xlsx') {
    const verdict = checkZip(content, {
      maxUncompressedBytes: lim.maxUncompressedBytes,
      maxRatio: lim.maxRatio,
      maxEntries: 10_000,
    });
    if (!verdict.ok && verdict.reason === 'not-zip')
      refuse('FILE_UNREADABLE', '无法读取，文件可能已损坏或不完整，请用 Excel 打开后另存为 .xlsx 再导入');
    if (!verdict.ok)
      refuse('FILE_UNSAFE', '解压后的内容异常庞大（疑似“压缩炸弹”），为保护本机已拒绝读取；请确认文件来源');
  }
  const { book, encoding } = parse(content, format, lim);
  const names = sheet ? [sheet] : book.SheetNames;
  const name = names.find((n) => (book.Sheets[n]?.['!data'] as unknown[] | undefined)?.length) ?? names[0];
  const ws = name ? book.Sheets[name] : undefined;
  if (!name || !ws) return refuse('FILE_EMPTY', sheet ? `找不到工作表“${sheet}”` : '表格中没有任何内容');
  const full = XLSX.utils.decode_range(String(ws['!fullref'] ?? ws['!ref'] ?? 'A1'));
  const height = full.e.r + 1;
  const width = full.e.c + 1;
  if (height > lim.maxRows || width > lim.maxColumns) {
    refuse(
      'FILE_UNSAFE',
      `工作表“${name}”的范围为 ${height} 行 × ${width} 列，超过上限（${lim.maxRows} 行、${lim.maxColumns} 列）；请删除多余的行列或拆分后再导入`,
    );
  }
  const data = (ws['!data'] ?? []) as Array<Array<XLSX.CellObject | undefined> | undefined>;
  const grid: string[][] = [];
  for (let r = 0; r < data.length; r++) {
    const src = data[r];
    const cells: string[] = [];
    if (src) for (let c = 0; c < src.length && c < width; c++) cells[c] = cellText(src[c]);
    grid[r] = Array.from(cells, (x) => x ?? '');
  }
  for (const m of (ws['!merges'] ?? []) as XLSX.Range[]) {
    const value = grid[m.s.r]?.[m.s.c] ?? '';
    if (!value) continue;
    for (let r = m.s.r; r <= Math.min(m.e.r, grid.length - 1); r++) {
      const row = (grid[r] ??= []);
      for (let c = m.s.c; c <= Math.min(m.e.c, width - 1); c++) if (!row[c]) row[c] = value;
    }
  }
  const rows: TextRow[] = [];
  for (let r = 0; r < grid.length; r++) rows.push({ row: r + 1, cells: Array.from(grid[r] ?? [], (x) => x ?? '') });
  if (rows.every((r) => r.cells.every((c) => c === ''))) refuse('FILE_EMPTY', '表格中没有任何内容');
  return { format, sheetName: name, rows, ...(encoding ? { encoding } : {}) };
}

/**
 * The header row (or two) among the first 30 rows: the row naming the most
 * fields of `aliases` (normalised header texts), with every `required` field.
 * Returns null when there is none. See shared/domain/import/header.ts.
 */
export function findHeader<F extends string>(
  table: Table,
  aliases: AliasTable<F>,
  required: readonly F[] = [],
): HeaderMatch<F> | null {
  return findHeaderRows(table.rows, aliases, required);
}
