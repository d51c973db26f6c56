import { plainYuan } from '../../../../shared/domain/money';
import { payoutKindLabels } from '../../../../shared/domain/payouts';
import { programShortLabels } from '../../../../shared/domain/programs';
import { numericFields, type BankEncoding, type BankField, type BankFormat } from './templateLabels';

/**
 * The live preview of a template being edited: one made-up line written the way
 * electron/services/payouts/bank-file.ts writes it (same cell texts, padding and
 * cutting). The renderer has no GBK encoder: a GBK byte count is 1 for ASCII and
 * 2 for anything else, which holds for every character GBK can write.
 */

export interface DraftColumn {
  field?: BankField;
  header?: string;
  width?: number | null;
}

export interface DraftTemplate {
  format?: BankFormat;
  encoding?: BankEncoding;
  headerRow?: boolean;
  columns?: readonly (DraftColumn | undefined)[];
  fileNamePattern?: string;
}

/** The made-up payee of the preview. */
const sample = {
  id: 1,
  name: '张秀英',
  idNumber: '42010219400315002X',
  account: '6217000010000000001',
  bankName: '农商银行城关支行',
  amountFen: 15000,
  month: '2026-11',
  kind: 'regular',
  township: '城关镇',
  village: '东街社区',
  note: '',
} as const;
const sampleBatch = { program: programShortLabels.elderly, period: sample.month, batchNo: 'FF202611-GL-01' };

/** A cell's text for the sample line (same rules as the service's cell()). */
export function sampleCell(field: BankField): string {
  switch (field) {
    case 'seq':
      return '1';
    case 'reference':
      return `WD${String(sample.id).padStart(9, '0')}`;
    case 'name':
      return sample.name;
    case 'idNumber':
      return sample.idNumber;
    case 'account':
      return sample.account;
    case 'holder':
      return sample.name;
    case 'bankName':
      return sample.bankName;
    case 'amountYuan':
      return plainYuan(sample.amountFen);
    case 'amountFen':
      return String(sample.amountFen);
    case 'month':
      return sample.month;
    case 'kind':
      return payoutKindLabels[sample.kind];
    case 'township':
      return sample.township;
    case 'village':
      return sample.village;
    case 'note':
      return sample.note || `${payoutKindLabels[sample.kind]} ${sample.month}`;
  }
}

const utf8 = new TextEncoder();

/** Bytes of a text in the file's encoding. */
export function byteLength(text: string, encoding: BankEncoding): number {
  if (encoding === 'utf8') return utf8.encode(text).length;
  let n = 0;
  for (const ch of text) n += (ch.codePointAt(0) ?? 0) < 0x80 ? 1 : 2;
  return n;
}

/** Pads or cuts to a width in bytes, never splitting a character. */
export function fixedCell(
  text: string,
  width: number,
  encoding: BankEncoding,
  right: boolean,
): { text: string; cut: boolean } {
  const chars = Array.from(text);
  while (byteLength(chars.join(''), encoding) > width) chars.pop();
  const kept = chars.join('');
  const pad = ' '.repeat(width - byteLength(kept, encoding));
  return { text: right ? pad + kept : kept + pad, cut: kept !== text };
}

export interface PreviewCell {
  text: string;
  header: string;
  width: number | null;
}

export interface Preview {
  format: BankFormat;
  /** Header line (when the template has one) and the sample line, cell by cell. */
  rows: PreviewCell[][];
  /** For csv and txt: the lines exactly as written (without the CRLF). */
  lines: string[];
  /** Byte length of each line. */
  bytes: number[];
  fileName: string;
  /** Problems the export would have (a missing width, a value cut to its width). */
  warnings: string[];
  /** Facts worth knowing about the file. */
  notes: string[];
}

const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

export function fileNameOf(pattern: string | undefined, format: BankFormat): string {
  const base = (pattern ?? '')
    .replaceAll('{program}', sampleBatch.program)
    .replaceAll('{period}', sampleBatch.period)
    .replaceAll('{batchNo}', sampleBatch.batchNo);
  return `${base}.${format}`;
}

/** The first lines of the file the draft would produce for the sample payee. */
export function previewOf(draft: DraftTemplate): Preview {
  const format = draft.format ?? 'xlsx';
  const encoding = draft.encoding ?? 'utf8';
  const columns = (draft.columns ?? []).filter((c): c is DraftColumn & { field: BankField } => !!c?.field);
  const warnings: string[] = [];
  const headers = columns.map((c) => c.header?.trim() ?? '');
  const values = columns.map((c) => sampleCell(c.field));
  const toCells = (texts: string[]): PreviewCell[] =>
    texts.map((text, i) => ({ text, header: headers[i] ?? '', width: columns[i]?.width ?? null }));
  let rows = [...(draft.headerRow ? [headers] : []), values].map(toCells);
  let lines: string[] = [];
  if (format === 'csv') {
    lines = rows.map((r) => r.map((c) => quote(c.text)).join(','));
  } else if (format === 'txt') {
    columns.forEach((c, i) => {
      if (!c.width) warnings.push(`第 ${i + 1} 列（${headers[i] || c.field}）未填宽度：定长文本的每一列都须填写宽度`);
    });
    rows = rows.map((r, rowIndex) =>
      r.map((cell, i) => {
        const column = columns[i];
        const width = column?.width ?? 10;
        const fitted = fixedCell(cell.text, width, encoding, numericFields.has(column?.field ?? 'name'));
        const isHeader = draft.headerRow === true && rowIndex === 0;
        if (fitted.cut && column?.width)
          warnings.push(
            `第 ${i + 1} 列${isHeader ? '的列标题' : '示例值'}“${cell.text}”占 ${byteLength(cell.text, encoding)} 字节，超过列宽 ${width} 字节，导出时会被截断`,
          );
        return { ...cell, text: fitted.text };
      }),
    );
    lines = rows.map((r) => r.map((c) => c.text).join(''));
  }
  const notes: string[] = [];
  if (format === 'csv' && encoding === 'utf8') notes.push('UTF-8 的 CSV 文件开头带 BOM，以便 Excel 正确识别中文。');
  if (format === 'txt')
    notes.push(
      `数字列（序号、金额）右对齐，其余左对齐，不足处补空格；每行以回车换行结束${encoding === 'utf8' ? '；UTF-8 中一个汉字占 3 字节' : '；GBK 中一个汉字占 2 字节'}。`,
    );
  if (columns.some((c) => c.field === 'amountYuan'))
    notes.push('“金额（元）”保留两位小数，不加千分位逗号（如 1234.56），银行系统可直接读取。');
  return {
    format,
    rows,
    lines,
    bytes: lines.map((l) => byteLength(l, encoding)),
    fileName: fileNameOf(draft.fileNamePattern, format),
    warnings,
    notes,
  };
}
