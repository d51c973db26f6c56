import {
  isRegisterField,
  PERSON_QUALIFIER,
  registerAliases,
  registerGroups,
  registerFieldLabels,
  requiredRegisterFields,
  type RegisterField,
} from './fields';
import {
  findHeader,
  headerAt,
  isBlankRow,
  isTotalRow,
  normalizeHeader,
  type AliasTable,
  type HeaderColumn,
  type HeaderMatch,
  type TextRow,
} from './header';
import { validateRegisterRow, type RowContext, type RowIssue, type RowResult } from './register-row';

/** A user's correction of the column mapping, by header text: a field, or null to ignore the column. */
export type ColumnMapping = Readonly<Record<string, RegisterField | null>>;

/** The aliases with the user's saved headers added, so a saved mapping also finds the header row. */
export function aliasesWith(mapping: ColumnMapping): AliasTable<RegisterField> {
  const table: Record<string, string[]> = Object.fromEntries(
    Object.entries(registerAliases).map(([k, v]) => [k, [...v]]),
  );
  for (const [header, field] of Object.entries(mapping))
    if (field && isRegisterField(field)) table[field]?.unshift(normalizeHeader(header));
  return table as unknown as AliasTable<RegisterField>;
}

/** The automatic mapping with the user's corrections applied; a field claimed twice keeps the corrected column. */
export function applyMapping(
  columns: ReadonlyArray<HeaderColumn<RegisterField>>,
  mapping: ColumnMapping,
): Array<HeaderColumn<RegisterField>> {
  const keyOf = (c: HeaderColumn<RegisterField>) => normalizeHeader(c.header);
  const byKey = new Map(Object.entries(mapping).map(([k, f]) => [normalizeHeader(k), f]));
  const corrected = columns.map((c) => (byKey.has(keyOf(c)) ? { ...c, field: byKey.get(keyOf(c)) ?? null } : c));
  const claimed = new Set(corrected.filter((c) => byKey.has(keyOf(c)) && c.field).map((c) => c.field));
  return corrected.map((c) => (!byKey.has(keyOf(c)) && c.field && claimed.has(c.field) ? { ...c, field: null } : c));
}

export interface RegisterTable {
  header: HeaderMatch<RegisterField>;
  results: RowResult[];
  skipped: Array<{ row: number; reason: 'blank' | 'total' }>;
  /** Two or more columns that could each be the person's ID (or name): the import stops until the user picks. */
  ambiguous?: { field: RegisterField; headers: string[] };
}

const PERSON_KEYS: readonly RegisterField[] = ['idNumber', 'name'];

/**
 * Finds a field of the person named by more than one column. A column whose
 * header names the person (儿童身份证号) wins over a plain one; a column the
 * user mapped settles it. Otherwise the field is taken from every candidate.
 */
function resolvePersonColumns(
  columns: Array<HeaderColumn<RegisterField>>,
  mapping: ColumnMapping,
): { columns: Array<HeaderColumn<RegisterField>>; ambiguous?: RegisterTable['ambiguous'] } {
  const mapped = new Set(Object.keys(mapping).map(normalizeHeader));
  for (const field of PERSON_KEYS) {
    const candidates = columns.filter((c) => c.field === field || c.shadowed === field);
    if (candidates.length < 2 || candidates.some((c) => mapped.has(normalizeHeader(c.header)))) continue;
    const qualified = candidates.filter((c) => PERSON_QUALIFIER.test(normalizeHeader(c.header).replace(/.*\//, '')));
    if (qualified.length === 1) {
      const winner = qualified[0];
      columns = columns.map((c) =>
        c === winner ? { ...c, field } : candidates.includes(c) ? { ...c, field: null, shadowed: field } : c,
      );
      continue;
    }
    return {
      columns: columns.map((c) => (candidates.includes(c) ? { ...c, field: null, shadowed: field } : c)),
      ambiguous: { field, headers: candidates.map((c) => c.header) },
    };
  }
  return { columns };
}

/** Header not found: which required columns are missing, in words. */
export function missingHeaderMessage(): string {
  return `找不到表头：表格前 30 行中没有同时含“${requiredRegisterFields.map((f) => registerFieldLabels[f]).join('”和“')}”的一行`;
}

/**
 * Reads a roster: finds the header, applies the mapping, skips blank and total
 * rows, validates every other row and rejects later copies of an ID number that
 * already appeared in the file. Null when there is no header. With `headerRow`
 * (picked by the user) that row is the header, whatever its words.
 */
export function readRegisterTable(
  rows: readonly TextRow[],
  mapping: ColumnMapping,
  cx: RowContext,
  headerRow?: number,
): RegisterTable | null {
  const aliases = aliasesWith(mapping);
  const found =
    headerRow === undefined
      ? findHeader(rows, aliases, requiredRegisterFields, registerGroups)
      : headerAt(rows, headerRow, aliases);
  if (!found) return null;
  const resolved = resolvePersonColumns(applyMapping(found.columns, mapping), mapping);
  const columns = resolved.columns;
  const header = { ...found, columns };
  const mapped = columns.filter((c): c is HeaderColumn<RegisterField> & { field: RegisterField } => c.field !== null);
  if (resolved.ambiguous) return { header, results: [], skipped: [], ambiguous: resolved.ambiguous };
  if (requiredRegisterFields.some((f) => !mapped.some((c) => c.field === f)))
    return { header, results: [], skipped: [] };
  const results: RowResult[] = [];
  const skipped: RegisterTable['skipped'] = [];
  const firstRow = new Map<string, number>();
  for (let i = found.dataStart; i < rows.length; i++) {
    const r = rows[i];
    if (!r) continue;
    if (isBlankRow(r.cells)) {
      skipped.push({ row: r.row, reason: 'blank' });
      continue;
    }
    if (isTotalRow(r.cells)) {
      skipped.push({ row: r.row, reason: 'total' });
      continue;
    }
    const values: Partial<Record<RegisterField, string>> = {};
    for (const c of mapped) values[c.field] = r.cells[c.index] ?? '';
    const result = validateRegisterRow(r.row, values, cx);
    if (result.record) {
      const first = firstRow.get(result.record.idNumber);
      if (first !== undefined) {
        result.issues.push(duplicate(r.row, first));
        result.record = null;
      } else firstRow.set(result.record.idNumber, r.row);
    }
    results.push(result);
  }
  return { header, results, skipped };
}

function duplicate(row: number, first: number): RowIssue {
  return {
    row,
    field: 'idNumber',
    code: 'DUPLICATE_IN_FILE',
    message: `身份证号：与第 ${first} 行是同一人，同一文件中只能出现一次`,
    severity: 'error',
  };
}
