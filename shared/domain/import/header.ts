/**
 * Finding the header of a roster as offices really lay them out: title rows above
 * it, merged group cells, two-row headers (残疾情况 over 类别 | 等级), header text
 * with spaces, line breaks, asterisks and notes in brackets. Pure: the reader in
 * main hands over rows of text, this decides which row is the header and which
 * column holds which field.
 */

/** A row as read from a sheet: its number as the spreadsheet shows it, every cell as text. */
export interface TextRow {
  row: number;
  cells: string[];
}

/** Field key → accepted header texts (already normalised with `normalizeHeader`). */
export type AliasTable<F extends string> = Readonly<Record<F, readonly string[]>>;

export interface HeaderColumn<F extends string> {
  /** 0-based column index. */
  index: number;
  /** The header text as shown (two-row headers joined with “/”). */
  header: string;
  field: F | null;
  /** A field this column also names that an earlier column already took: a possible ambiguity. */
  shadowed?: F;
}

/**
 * Group labels of two-row headers (监护人 over 姓名 | 身份证号 | 关系), normalised,
 * each mapping the field a sub-column names alone to the group's own field. A
 * sub-column under a group is never the person's.
 */
export type GroupTable<F extends string> = Readonly<Record<string, Partial<Record<F, F>>>>;

export interface HeaderMatch<F extends string> {
  /** Spreadsheet row numbers of the header (one or two rows). */
  headerRows: number[];
  /** Index into the rows array of the first data row. */
  dataStart: number;
  columns: Array<HeaderColumn<F>>;
}

/** Strips what offices add around a header: spaces, line breaks, `*`, notes in brackets, a trailing colon. */
export function normalizeHeader(text: string): string {
  return text
    .replace(/[\s\u3000]/g, '')
    .replace(/[*＊※]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/\((必填|选填|必须|可选|\d+位|[^()]*填写[^()]*|[^()]*格式[^()]*)\)/g, '')
    .replace(/[:：]$/, '');
}

/** The field a header text names, or null. Exact match after normalising, with and without brackets. */
export function matchHeader<F extends string>(text: string, aliases: AliasTable<F>): F | null {
  const n = normalizeHeader(text);
  if (!n) return null;
  const bare = n.replace(/[()、]/g, '');
  for (const field of Object.keys(aliases) as F[]) {
    for (const alias of aliases[field]) {
      if (alias === n || alias.replace(/[()、]/g, '') === bare) return field;
    }
  }
  return null;
}

const HEADER_SCAN_ROWS = 30;

function scoreRow<F extends string>(cells: readonly string[], aliases: AliasTable<F>): Map<number, F> {
  const found = new Map<number, F>();
  const used = new Set<F>();
  cells.forEach((c, i) => {
    const f = matchHeader(c, aliases);
    if (f && !used.has(f)) {
      found.set(i, f);
      used.add(f);
    }
  });
  return found;
}

/**
 * The header among the first rows: the row naming the most known fields (at least
 * two, including every `required` field). When the row below also names fields
 * in columns the first leaves open or covers with a group label, the two are read
 * together as one two-row header. Returns null when no row qualifies.
 */
export function findHeader<F extends string>(
  rows: readonly TextRow[],
  aliases: AliasTable<F>,
  required: readonly F[] = [],
  groups: GroupTable<F> = {},
): HeaderMatch<F> | null {
  const count = (cs: Array<HeaderColumn<F>>) => cs.filter((c) => c.field).length;
  let best: { index: number; two: boolean; columns: Array<HeaderColumn<F>>; score: number } | null = null;
  const limit = Math.min(rows.length, HEADER_SCAN_ROWS);
  for (let i = 0; i < limit; i++) {
    const top = rows[i];
    if (!top || scoreRow(top.cells, aliases).size === 0) continue;
    const single = joinHeaderRows(top.cells, null, aliases);
    let candidate = { index: i, two: false, columns: single, score: count(single) };
    const next = rows[i + 1];
    if (next && next.row === top.row + 1 && scoreRow(next.cells, aliases).size >= 1) {
      const pair = joinHeaderRows(top.cells, next.cells, aliases, groups);
      const below = count(joinHeaderRows(next.cells, null, aliases));
      // Read as one two-row header only when together they name more than either alone.
      if (count(pair) > candidate.score && count(pair) > below)
        candidate = { index: i, two: true, columns: pair, score: count(pair) };
    }
    if (candidate.score >= 2 && (!best || candidate.score > best.score)) best = candidate;
  }
  if (!best) return null;
  const fields = new Set(best.columns.map((c) => c.field));
  if (required.some((f) => !fields.has(f))) return null;
  const first = rows[best.index];
  const second = rows[best.index + 1];
  const headerRows = best.two && first && second ? [first.row, second.row] : first ? [first.row] : [];
  return { headerRows, dataStart: best.index + headerRows.length, columns: best.columns };
}

/**
 * The header the user picked by its spreadsheet row: read as one row whatever
 * its words, so columns no alias knows stay unmapped for the user to map. Null
 * when that row is not in the sheet or holds no text.
 */
export function headerAt<F extends string>(
  rows: readonly TextRow[],
  row: number,
  aliases: AliasTable<F>,
): HeaderMatch<F> | null {
  const index = rows.findIndex((r) => r.row === row);
  const top = rows[index];
  if (!top || isBlankRow(top.cells)) return null;
  // A blank cell in a picked row still names its column, so the user can map it by that name.
  const columns = joinHeaderRows(top.cells, null, aliases).map((c) =>
    c.header ? c : { ...c, header: `第${c.index + 1}列` },
  );
  return { headerRows: [top.row], dataStart: index + 1, columns };
}

/** A row shown to the user to pick the header from: its number and its first cells, cut short. */
export interface SampleRow {
  row: number;
  cells: string[];
}

/** The first non-blank rows of the part of the sheet searched for a header, for the user to pick from. */
export function headerSample(rows: readonly TextRow[], count = 12, maxCells = 20, maxText = 30): SampleRow[] {
  const out: SampleRow[] = [];
  for (const r of rows.slice(0, HEADER_SCAN_ROWS)) {
    if (out.length >= count) break;
    if (isBlankRow(r.cells)) continue;
    let width = Math.min(r.cells.length, maxCells);
    while (width > 0 && !(r.cells[width - 1] ?? '').trim()) width--;
    const cells = r.cells.slice(0, width).map((c) => (c.length > maxText ? `${c.slice(0, maxText)}…` : c));
    out.push({ row: r.row, cells });
  }
  return out;
}

/**
 * Joins a two-row header column by column: the lower cell names the field when it
 * can (类别 under 残疾情况), else the upper one. Merged group labels have already
 * been spread over their columns by the reader.
 */
export function joinHeaderRows<F extends string>(
  upper: readonly string[],
  lower: readonly string[] | null,
  aliases: AliasTable<F>,
  groups: GroupTable<F> = {},
): Array<HeaderColumn<F>> {
  const width = Math.max(upper.length, lower?.length ?? 0);
  const columns: Array<HeaderColumn<F>> = [];
  const used = new Set<F>();
  for (let i = 0; i < width; i++) {
    const u = (upper[i] ?? '').trim();
    const l = lower ? (lower[i] ?? '').trim() : '';
    const header = u && l && u !== l ? `${u}/${l}` : u || l;
    // The lower cell first, then the joined text (残疾/类别 → 残疾类别), then the upper cell when nothing sits below it.
    const group = lower && l && l !== u ? groupOf(u, groups) : undefined;
    const candidates: Array<F | null> = group
      ? [groupField(matchHeader(`${u}${l}`, aliases), group), groupField(matchHeader(l, aliases), group)]
      : (lower ? [l, `${u}${l}`, l === '' || l === u ? u : ''] : [u]).map((c) => (c ? matchHeader(c, aliases) : null));
    let field: F | null = null;
    let shadowed: F | undefined;
    for (const f of candidates) {
      if (f && !used.has(f)) {
        field = f;
        break;
      }
      if (f) shadowed ??= f;
    }
    if (field) used.add(field);
    columns.push({ index: i, header, field, ...(!field && shadowed ? { shadowed } : {}) });
  }
  return columns;
}

function groupOf<F extends string>(upper: string, groups: GroupTable<F>): Partial<Record<F, F>> | undefined {
  const n = normalizeHeader(upper).replace(/(信息|情况|资料)$/, '');
  return n ? groups[n] : undefined;
}

/** The group's field for what a sub-column names: the group's own fields pass, the person's are translated. */
function groupField<F extends string>(f: F | null, group: Partial<Record<F, F>>): F | null {
  if (!f) return null;
  if (Object.values(group).includes(f)) return f;
  return group[f] ?? null;
}

/** A row without any text. */
export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

/** A total or subtotal row (合计, 小计, 总计, 共计 in any of its first cells): not a person. */
export function isTotalRow(cells: readonly string[]): boolean {
  return cells.slice(0, 6).some((c) => /^(合计|小计|总计|共计|本页小计|累计)/.test(c.replace(/[\s\u3000]/g, '')));
}
