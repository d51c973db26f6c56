import { enrolmentInputSchema, personInputSchema, type ImportIssue } from '../../../shared/contract';
import { isRegisterField, registerFieldLabels, type RegisterField } from '../../../shared/domain/import';
import type { Program } from '../../../shared/domain/programs';

/** Longest cell a roster may carry in a mapped column; the forms' own limits are far below it. */
export const MAX_CELL_CHARS = 1000;
// C0 controls but tab, line feed and carriage return (cells wrap lines), DEL, and the C1 block.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/**
 * The raw cells of a row's mapped columns: a cell that is absurdly long or holds
 * control characters (NUL included) is refused before any other check reads it.
 */
export function cellIssues(
  row: number,
  cells: readonly string[],
  columns: ReadonlyArray<{ index: number; field: RegisterField | null }>,
): ImportIssue[] {
  const out: ImportIssue[] = [];
  for (const c of columns) {
    if (!c.field) continue;
    const text = cells[c.index] ?? '';
    const label = registerFieldLabels[c.field];
    if (text.length > MAX_CELL_CHARS)
      out.push({
        row,
        field: c.field,
        code: 'TEXT_TOO_LONG',
        message: `${label}：内容有 ${text.length} 个字符，超过 ${MAX_CELL_CHARS} 个的上限`,
      });
    else if (CONTROL.test(text))
      out.push({
        row,
        field: c.field,
        code: 'TEXT_INVALID',
        message: `${label}：含有不可见的控制字符，请删除后再导入`,
      });
  }
  return out;
}

type Shape = Record<string, unknown>;

/**
 * The same zod limits the forms use: what the row would save as a person and as
 * an application passes the channel schemas, or the row is refused naming the field.
 */
export function formIssues(row: number, person: Shape, enrolment: Shape, program: Program): ImportIssue[] {
  const out: ImportIssue[] = [];
  // Content rules (ID, name, phone, account) are the same domain checks the row has passed already; the
  // schemas add their length limits, which the row check does not know.
  const add = (issues: ReadonlyArray<{ code: string; path: ReadonlyArray<PropertyKey>; maximum?: unknown }>) => {
    for (const i of issues) {
      if (i.code !== 'too_big') continue;
      const key = String(i.path[0] ?? '');
      const label = isRegisterField(key) ? registerFieldLabels[key] : key;
      out.push({
        row,
        field: isRegisterField(key) ? key : 'note',
        code: 'TEXT_TOO_LONG',
        message: `${label}：最多 ${String(i.maximum)} 个字符`,
      });
    }
  };
  const p = personInputSchema.safeParse(person);
  if (!p.success) add(p.error.issues as never);
  const e = enrolmentInputSchema.safeParse({ ...enrolment, personId: 1, program });
  if (!e.success) add(e.error.issues as never);
  return out;
}
