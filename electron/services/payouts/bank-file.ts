import { csvField } from '../files/csv';
import { textWorkbook } from './bank-xlsx';
import iconv from 'iconv-lite';
import { bankTemplateSchema, type BankTemplate } from '../../../shared/contract/payouts';
import { plainYuan } from '../../../shared/domain/money';
import { payoutKindLabels, type PayoutKind } from '../../../shared/domain/payouts';
import { programShortLabels, type Program } from '../../../shared/domain/programs';
import { AppError } from '../../errors';
import type { Actor } from '../../db/audit';
import type { ReadableStore, Store } from '../../db/store';

export type StoredTemplate = BankTemplate & { id: number };

export function listTemplates(store: ReadableStore): StoredTemplate[] {
  return store.all(store.kysely.selectFrom('bank_templates').selectAll().orderBy('id')).flatMap((t) => {
    const parsed = bankTemplateSchema.safeParse({
      id: t.id,
      name: t.name,
      format: t.format,
      encoding: t.encoding,
      headerRow: t.header_row === 1,
      columns: JSON.parse(t.columns_json) as unknown,
      fileNamePattern: t.file_name_pattern,
    });
    return parsed.success ? [{ ...parsed.data, id: t.id }] : [];
  });
}

export function templateById(store: ReadableStore, id: number): StoredTemplate {
  const t = listTemplates(store).find((x) => x.id === id);
  if (!t) throw new AppError('INVALID_INPUT', `模板：找不到编号为 ${String(id)} 的银行文件模板`);
  return t;
}

/** Adds or edits a template (fixed-width text needs every column's width), audited. */
export function saveTemplate(store: Store, actor: Actor, input: BankTemplate, now: string): StoredTemplate {
  if (input.format === 'txt' && input.columns.some((c) => !c.width))
    throw new AppError('INVALID_INPUT', '列宽：定长文本格式须为每一列填写宽度（字节）');
  const values = {
    name: input.name,
    format: input.format,
    encoding: input.encoding,
    header_row: input.headerRow ? 1 : 0,
    columns_json: JSON.stringify(input.columns),
    file_name_pattern: input.fileNamePattern,
    updated_at: now,
    updated_by: actor.username,
  };
  return store.write(actor, (w) => {
    const clash = w.first(w.kysely.selectFrom('bank_templates').select('id').where('name', '=', input.name));
    if (clash && clash.id !== input.id) throw new AppError('INVALID_INPUT', `模板名称：已有名为“${input.name}”的模板`);
    const before =
      input.id === undefined
        ? null
        : (w.first(w.kysely.selectFrom('bank_templates').selectAll().where('id', '=', input.id)) ?? null);
    let id = input.id;
    if (id === undefined) {
      id = w.run(w.kysely.insertInto('bank_templates').values(values)).lastInsertRowid;
    } else if (w.run(w.kysely.updateTable('bank_templates').set(values).where('id', '=', id)).changes === 0) {
      throw new AppError('INVALID_INPUT', `模板：找不到编号为 ${String(id)} 的模板`);
    }
    w.audit({
      action: input.id === undefined ? 'bank.template.add' : 'bank.template.update',
      entity: 'bank_template',
      entityId: id,
      before,
      after: values,
    });
    return { ...input, id };
  });
}

/** One line as the bank file shows it. */
export interface BankLine {
  id: number;
  name: string;
  idNumber: string;
  account: string | null;
  holder: string | null;
  bankName: string | null;
  amountFen: number;
  month: string;
  kind: PayoutKind;
  township: string | null;
  village: string | null;
  note: string;
}

/** The reference the bank echoes in its return file: the line's own number. */
export const lineReference = (id: number) => `WD${String(id).padStart(9, '0')}`;
export const referenceLineId = (ref: string): number | null => {
  const m = /^WD(\d{9})$/.exec(ref.trim());
  return m ? Number(m[1]) : null;
};

function cell(field: BankTemplate['columns'][number]['field'], l: BankLine, seq: number): string {
  switch (field) {
    case 'seq':
      return String(seq);
    case 'reference':
      return lineReference(l.id);
    case 'name':
      return l.name;
    case 'idNumber':
      return l.idNumber;
    case 'account':
      return l.account ?? '';
    case 'holder':
      return l.holder ?? l.name;
    case 'bankName':
      return l.bankName ?? '';
    case 'amountYuan':
      return plainYuan(l.amountFen);
    case 'amountFen':
      return String(l.amountFen);
    case 'month':
      return l.month;
    case 'kind':
      return payoutKindLabels[l.kind];
    case 'township':
      return l.township ?? '';
    case 'village':
      return l.village ?? '';
    case 'note':
      return l.note || `${payoutKindLabels[l.kind]} ${l.month}`;
  }
}

const refuse = (row: number, header: string, message: string): never => {
  throw new AppError('INVALID_INPUT', `银行文件：${row === 0 ? '表头' : `第 ${String(row)} 行`}“${header}”${message}`);
};

/**
 * Pads to a width in bytes of the file's encoding. A value that does not fit is
 * refused, never cut: a shortened amount or account would pay the wrong money.
 */
function fixed(
  text: string,
  width: number,
  encoding: BankTemplate['encoding'],
  right: boolean,
  row: number,
  header: string,
): string {
  const bytes = iconv.encode(text, encoding === 'gbk' ? 'gbk' : 'utf8').length;
  if (bytes > width)
    refuse(
      row,
      header,
      `的内容“${text}”有 ${String(bytes)} 字节，超过该列宽度 ${String(width)} 字节；请在模板中加宽这一列`,
    );
  const pad = ' '.repeat(width - bytes);
  return right ? pad + text : text + pad;
}

/** GBK cannot write some rare characters (they would become “?”): such a payee is refused, not misspelt. */
function checkGbk(rows: readonly string[][], headers: readonly string[], firstRow: number): void {
  rows.forEach((r, i) =>
    r.forEach((v, c) => {
      if (/[^ -~]/.test(v) && iconv.decode(iconv.encode(v, 'gbk'), 'gbk') !== v) {
        refuse(
          i + firstRow,
          headers[c] ?? '',
          `的“${v}”含 GBK 编码无法表示的字（生僻字）；请改用 UTF-8 模板，或与银行核对户名的写法`,
        );
      }
    }),
  );
}

export function fileName(t: StoredTemplate, vars: { program: Program; period: string; batchNo: string }): string {
  const base = t.fileNamePattern
    .replaceAll('{program}', programShortLabels[vars.program])
    .replaceAll('{period}', vars.period)
    .replaceAll('{batchNo}', vars.batchNo);
  return `${base}.${t.format}`;
}

/** The bank disbursement file of a batch's lines, in the template's layout and encoding. */
export function buildBankFile(t: StoredTemplate, lines: readonly BankLine[]): Promise<Buffer> {
  const rows = lines.map((l, i) => t.columns.map((c) => cell(c.field, l, i + 1)));
  const headers = t.columns.map((c) => c.header);
  if (t.format === 'xlsx') {
    // Every cell a text cell: an account or ID number must never become a number in Excel.
    return Promise.resolve(
      textWorkbook({
        name: '发放明细',
        widths: t.columns.map((c) => Math.max(8, c.width ?? 14)),
        rows: t.headerRow ? [headers, ...rows] : rows,
      }),
    );
  }
  const roundTrips = (text: string, bytes: Buffer = iconv.encode(text, 'gbk')) => iconv.decode(bytes, 'gbk') === text;
  // One round trip of the whole text finds whether any cell is unwritable; only then are cells searched.
  // A csv is checked on its own bytes below (its separators and quotes are ASCII): encoded once, not twice.
  if (t.encoding === 'gbk' && t.format !== 'csv') {
    const all = [headers, ...rows].map((r) => r.join('\t')).join('\n');
    if (!roundTrips(all)) {
      checkGbk([headers], headers, 0);
      checkGbk(rows, headers, 1);
    }
  }
  let text: string;
  if (t.format === 'csv') {
    // Headers and free text are neutralised against formulas; numbers, accounts and IDs stay as the bank reads them.
    const exact = new Set(['seq', 'reference', 'idNumber', 'account', 'amountYuan', 'amountFen', 'month']);
    const isText = t.columns.map((c) => !exact.has(c.field));
    const head = t.headerRow ? [headers.map((h) => csvField(h, true)).join(',')] : [];
    text =
      [...head, ...rows.map((r) => r.map((v, i) => csvField(v, isText[i] ?? true)).join(','))].join('\r\n') + '\r\n';
  } else {
    const numeric = new Set(['seq', 'amountYuan', 'amountFen']);
    const line = (r: string[], row: number) =>
      r
        .map((v, i) =>
          fixed(
            v,
            t.columns[i]?.width ?? 10,
            t.encoding,
            numeric.has(t.columns[i]?.field ?? ''),
            row,
            headers[i] ?? '',
          ),
        )
        .join('');
    text = [...(t.headerRow ? [line(headers, 0)] : []), ...rows.map((r, i) => line(r, i + 1))].join('\r\n') + '\r\n';
  }
  if (t.encoding === 'gbk') {
    const bytes = iconv.encode(text, 'gbk');
    if (t.format === 'csv' && !(roundTrips(text, bytes) && (t.headerRow || roundTrips(headers.join('\t'))))) {
      checkGbk([headers], headers, 0);
      checkGbk(rows, headers, 1);
    }
    return Promise.resolve(bytes);
  }
  // Excel needs the BOM to read UTF-8 csv; a fixed-width file must not have it (it would shift the first line).
  return Promise.resolve(Buffer.from(t.format === 'csv' ? `\uFEFF${text}` : text, 'utf8'));
}
