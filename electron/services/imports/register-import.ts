import { createHash } from 'node:crypto';
import type { ImportIssue, ImportReport, ImportRow } from '../../../shared/contract';
import { monthOf } from '../../../shared/domain/dates';
import {
  headerSample,
  missingHeaderMessage,
  readRegisterTable,
  regionIndex,
  registerFieldLabels,
  requiredRegisterFields,
  type ColumnMapping,
  type RegisterRecord,
  type RowIssue,
} from '../../../shared/domain/import';
import type { Program } from '../../../shared/domain/programs';
import { AppError } from '../../errors';
import { NO_JOB, type Job } from '../jobs/runner';
import type { Actor } from '../../db/audit';
import type { ReadableStore, Store } from '../../db/store';
import { saveEnrolment } from '../enrolments/service';
import type { PersonRecord } from '../persons/queries';
import { savePerson } from '../persons/service';
import { idAddressContext } from '../regions/id-address';
import { listRegions } from '../regions/service';
import { readPolicyInForce } from '../standards/policy';
import { readTable, type ReadLimits } from './reader';
import { cellIssues, formIssues } from './row-limits';
import { createInBulk, type NewRow } from './bulk-create';
import { appendTrail, trailDigest } from '../../db/import-trail';
import { enrolmentInput, personInput } from './register-inputs';

export interface ImportRequest {
  fileName: string;
  content: Buffer;
  program: Program;
  mapping: ColumnMapping;
  /** `details` (人员信息更新): only people already registered, updated, and no application filed. */
  mode?: ImportMode;
  /** The spreadsheet row the user picked as the header (the wizard's 这一行是表头). */
  headerRow?: number;
}

export type ImportMode = 'register' | 'details';

/** A valid row with what it will do to the register. */
interface Planned {
  row: number;
  record: RegisterRecord;
  warnings: RowIssue[];
  person: PersonRecord | undefined;
  openEnrolment: boolean;
  changes: ImportRow['changes'];
  /** 疑似不同人员: the same ID under another name in the register. */
  nameMismatch: boolean;
}

interface Validated {
  base: Omit<ImportReport, 'accepted' | 'created' | 'updates' | 'skippedUpdates' | 'unchanged' | 'committed' | 'rows'>;
  rejectedRows: ImportRow[];
  valid: Array<{ row: number; record: RegisterRecord; warnings: RowIssue[] }>;
}

const toIssue = (i: RowIssue): ImportIssue => ({ row: i.row, field: i.field, code: i.code, message: i.message });

/** Reads the file and validates every row: no writes, nothing about who is in the register yet. */
export async function validateFile(
  store: ReadableStore,
  req: ImportRequest,
  today: string,
  limits: Partial<ReadLimits>,
): Promise<Validated> {
  const table = await readTable(req.content, req.fileName, limits);
  const policy = readPolicyInForce(store, monthOf(today));
  const cx = {
    program: req.program,
    today,
    regions: regionIndex(listRegions(store)),
    policy,
    ...idAddressContext(store),
  };
  const read = readRegisterTable(table.rows, req.mapping, cx, req.headerRow);
  // The first rows go back with the refusal, so the wizard can let the clerk point at the header.
  if (!read)
    throw new AppError(
      'HEADER_NOT_FOUND',
      req.headerRow === undefined
        ? `文件：${missingHeaderMessage()}；请在下面的行中指出哪一行是表头`
        : `表头行：第 ${req.headerRow} 行不在工作表“${table.sheetName}”中或是空行，请另选一行`,
      { sample: headerSample(table.rows), sheetName: table.sheetName },
    );
  const found = { columns: read.header.columns, headerRows: read.header.headerRows, sheetName: table.sheetName };
  if (read.ambiguous)
    throw new AppError(
      'HEADER_NOT_FOUND',
      `列对应：“${read.ambiguous.headers.join('”“')}”都可能是本人的${registerFieldLabels[read.ambiguous.field]}，请在列对应中指定哪一列是本人的`,
      found,
    );
  const missing = requiredRegisterFields.filter((f) => !read.header.columns.some((c) => c.field === f));
  if (missing.length)
    throw new AppError(
      'HEADER_NOT_FOUND',
      `列对应：没有一列对应“${missing.map((f) => registerFieldLabels[f]).join('”“')}”，请在列对应中指定`,
      found,
    );
  const errors: ImportIssue[] = [];
  const warningItems: ImportIssue[] = [];
  const rejectedRows: ImportRow[] = [];
  const valid: Validated['valid'] = [];
  const nameCol = read.header.columns.find((c) => c.field === 'name')?.index ?? -1;
  const idCol = read.header.columns.find((c) => c.field === 'idNumber')?.index ?? -1;
  const cellsByRow = new Map(table.rows.map((r) => [r.row, r.cells]));
  const mappedColumns = read.header.columns;
  for (const r of read.results) {
    const limitIssues = cellIssues(r.row, cellsByRow.get(r.row) ?? [], mappedColumns);
    if (r.record && limitIssues.length === 0)
      limitIssues.push(
        ...formIssues(
          r.row,
          personInput(r.record, undefined) as Record<string, unknown>,
          enrolmentInput(r.record, 1, req.program) as unknown as Record<string, unknown>,
          req.program,
        ),
      );
    if (limitIssues.length) {
      // A refused cell is never echoed back whole.
      r.issues = [
        ...limitIssues.map((i) => ({ ...i, field: i.field as RowIssue['field'], severity: 'error' as const })),
        ...r.issues,
      ];
      r.record = null;
    }
    const errs = r.issues.filter((i) => i.severity === 'error').map(toIssue);
    const warns = r.issues.filter((i) => i.severity === 'warning').map(toIssue);
    warningItems.push(...warns);
    if (!r.record) {
      errors.push(...errs);
      const cells = cellsByRow.get(r.row) ?? [];
      rejectedRows.push({
        row: r.row,
        kind: 'rejected',
        name: (cells[nameCol] ?? '').slice(0, 60),
        idNumber: (cells[idCol] ?? '').slice(0, 40),
        personId: null,
        nameMismatch: false,
        changes: [],
        enrolment: null,
        errors: errs,
        warnings: warns,
      });
    } else valid.push({ row: r.row, record: r.record, warnings: r.issues.filter((i) => i.severity === 'warning') });
  }
  // The table itself is not kept: a commit holds only the checked records while it writes.
  return {
    rejectedRows,
    valid,
    base: {
      fileName: req.fileName,
      size: req.content.length,
      sha256: createHash('sha256').update(req.content).digest('hex'),
      format: table.format,
      encoding: table.encoding ?? null,
      sheetName: table.sheetName,
      program: req.program,
      mode: req.mode ?? 'register',
      headerRows: read.header.headerRows,
      columns: read.header.columns,
      total: read.results.length,
      rejected: rejectedRows.length,
      warnings: new Set(warningItems.map((w) => w.row)).size,
      skippedRows: {
        blank: read.skipped.filter((s) => s.reason === 'blank').length,
        total: read.skipped.filter((s) => s.reason === 'total').length,
      },
      errors,
      warningItems,
    },
  };
}

const PERSON_FIELDS = [
  ['name', 'name'],
  ['villageCode', 'village_code'],
  ['address', 'address'],
  ['phone', 'phone'],
  ['ethnicity', 'ethnicity'],
  ['dibao', 'dibao'],
  ['bankAccount', 'bank_account'],
  ['bankName', 'bank_name'],
  ['accountHolderName', 'account_holder_name'],
  ['accountHolderId', 'account_holder_id'],
] as const satisfies ReadonlyArray<
  readonly [keyof RegisterRecord & keyof typeof registerFieldLabels, keyof PersonRecord]
>;

/** Who among the valid rows is already in the register, and what the file would change about them. */
function plan(store: ReadableStore, valid: Validated['valid'], program: Program): Planned[] {
  const persons = new Map<string, PersonRecord>();
  const open = new Set<number>();
  const ids = valid.map((v) => v.record.idNumber);
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    for (const p of store.all(store.kysely.selectFrom('persons').selectAll().where('id_number', 'in', chunk)))
      persons.set(p.id_number, p);
  }
  const personIds = [...persons.values()].map((p) => p.id);
  for (let i = 0; i < personIds.length; i += 500) {
    const q = store.kysely
      .selectFrom('enrolments')
      .select('person_id')
      .where('program', '=', program)
      .where('status', 'not in', ['stopped', 'rejected'])
      .where('person_id', 'in', personIds.slice(i, i + 500));
    for (const e of store.all(q)) open.add(e.person_id);
  }
  const regionName = new Map(listRegions(store).map((r) => [r.code, r.name]));
  return valid.map((v) => {
    const person = persons.get(v.record.idNumber);
    const changes: ImportRow['changes'] = [];
    if (person) {
      for (const [field, column] of PERSON_FIELDS) {
        const after = v.record[field];
        const before = person[column];
        if (after !== null && after !== before) {
          const show = (x: unknown) =>
            x === null || x === undefined
              ? null
              : field === 'villageCode'
                ? (regionName.get(String(x)) ?? String(x))
                : String(x);
          changes.push({ field, label: registerFieldLabels[field], before: show(before), after: show(after) });
        }
      }
    }
    const nameMismatch = person !== undefined && person.name !== v.record.name;
    const warnings: RowIssue[] = nameMismatch
      ? [
          ...v.warnings,
          {
            row: v.row,
            field: 'name',
            code: 'NAME_MISMATCH',
            severity: 'warning',
            message: `疑似不同人员：身份证号 ${v.record.idNumber} 在台账中登记为“${person.name}”，文件中为“${v.record.name}”；须逐行确认是同一人后才会更新`,
          },
        ]
      : v.warnings;
    return { ...v, warnings, person, openEnrolment: person ? open.has(person.id) : false, changes, nameMismatch };
  });
}

/**
 * The person-details mode files no application, so a row for someone not yet
 * registered is refused with its row named, as any other bad row is.
 */
function withMode(v: Validated, planned: Planned[], mode: ImportMode): { v: Validated; planned: Planned[] } {
  if (mode === 'register') return { v, planned };
  const unknown = planned.filter((p) => !p.person);
  if (unknown.length === 0) return { v, planned };
  const refused: ImportRow[] = unknown.map((p) => {
    const issue: ImportIssue = {
      row: p.row,
      field: 'idNumber',
      code: 'NOT_REGISTERED',
      message: `身份证号 ${p.record.idNumber} 未登记：人员信息更新只修改已登记人员，不新增人员；新人员请用“登记台账”方式导入`,
    };
    return { ...reportRow(p, mode), kind: 'rejected', errors: [issue], warnings: [], changes: [], enrolment: null };
  });
  return {
    v: {
      ...v,
      rejectedRows: [...v.rejectedRows, ...refused],
      base: {
        ...v.base,
        rejected: v.base.rejected + refused.length,
        errors: [...v.base.errors, ...refused.flatMap((r) => r.errors)],
      },
    },
    planned: planned.filter((p) => p.person),
  };
}

function kindOf(p: Planned, mode: ImportMode = 'register'): ImportRow['kind'] {
  if (!p.person) return 'new';
  // Person details only: an application not yet filed is not this mode's business.
  if (mode === 'details') return p.changes.length ? 'update' : 'same';
  return p.changes.length || !p.openEnrolment ? 'update' : 'same';
}

function reportRow(p: Planned, mode: ImportMode): ImportRow {
  const warnings = p.warnings.map(toIssue);
  return {
    row: p.row,
    kind: kindOf(p, mode),
    name: p.record.name,
    idNumber: p.record.idNumber,
    personId: p.person?.id ?? null,
    changes: p.changes,
    nameMismatch: p.nameMismatch,
    enrolment: mode === 'details' ? null : p.openEnrolment ? 'exists' : 'new',
    errors: [],
    warnings,
  };
}

function report(v: Validated, planned: Planned[], accepted: Set<number>, committed: boolean): ImportReport {
  const mode = v.base.mode;
  const kind = (p: Planned) => kindOf(p, mode);
  const shown = planned.filter((p) => kind(p) === 'update' || p.warnings.length > 0).map((p) => reportRow(p, mode));
  const rows = [...v.rejectedRows, ...shown].sort((a, b) => a.row - b.row);
  const updates = planned.filter((p) => kind(p) === 'update');
  const mismatches = planned.flatMap((p) =>
    p.nameMismatch ? p.warnings.filter((w) => w.code === 'NAME_MISMATCH') : [],
  );
  const warningItems = [...v.base.warningItems, ...mismatches.map(toIssue)];
  return {
    ...v.base,
    warningItems,
    warnings: new Set(warningItems.map((w) => w.row)).size,
    accepted: accepted.size,
    created: planned.filter((p) => kind(p) === 'new' && accepted.has(p.row)).length,
    updates: updates.filter((p) => accepted.has(p.row)).length,
    skippedUpdates: updates.filter((p) => !accepted.has(p.row)).length,
    unchanged: planned.filter((p) => kind(p) === 'same').length,
    committed,
    rows,
  };
}

/** The dry run: reads and validates everything, shows updates, writes nothing. */
export async function previewImport(
  store: ReadableStore,
  req: ImportRequest,
  today: string,
  limits: Partial<ReadLimits>,
): Promise<ImportReport> {
  const mode = req.mode ?? 'register';
  const validated = await validateFile(store, req, today, limits);
  const { v, planned } = withMode(validated, plan(store, validated.valid, req.program), mode);
  // What a commit would write with updates accepted; a name mismatch waits for its own confirmation.
  return report(
    v,
    planned,
    new Set(planned.filter((p) => kindOf(p, mode) !== 'same' && !p.nameMismatch).map((p) => p.row)),
    false,
  );
}

export interface CommitOptions {
  /** Updates of registered people (the details mode is itself the request for them). */
  updates: 'accept' | 'skip';
  skipRows: readonly number[];
  /** 疑似不同人员 rows confirmed one by one as the registered person. */
  confirmRows?: readonly number[];
}

/**
 * Writes every accepted row in ONE transaction and one audit row for the
 * import itself with the file's name, size and SHA-256. Updates of registered
 * people go through the form services (each audited as usual); new people
 * through the bulk path (the same checks, statements prepared once), named in
 * the import's trail whose digest the audit row carries. If any row fails to
 * save, nothing is written.
 */
export async function commitImport(
  store: Store,
  actor: Actor,
  req: ImportRequest,
  opts: CommitOptions,
  now: string,
  today: string,
  limits: Partial<ReadLimits>,
  job: Job = NO_JOB,
): Promise<ImportReport> {
  job.step(0, 1, '读取并校验文件');
  const validated = await validateFile(store, req, today, limits);
  const mode = req.mode ?? 'register';
  const skip = new Set(opts.skipRows);
  const confirmed = new Set(opts.confirmRows ?? []);
  return store.write(actor, (w) => {
    const { v, planned } = withMode(validated, plan(w, validated.valid, req.program), mode);
    const accepted = new Set<number>();
    const fresh: NewRow[] = [];
    const progress = { job, done: 0, total: planned.length };
    for (const p of planned) {
      const kind = kindOf(p, mode);
      if (kind === 'same' || skip.has(p.row)) continue;
      // New people go the bulk way below: the same checks, one audit row for them all.
      if (kind === 'new') {
        fresh.push(p);
        continue;
      }
      // A cancel throws here, inside the transaction: every row written so far is rolled back.
      if (progress.done++ % 64 === 0) job.step(progress.done, progress.total, '写入数据库');
      // Another name under the same ID is never applied on a blanket "accept updates", only row by row;
      // a row so confirmed is its own request to update.
      const confirmedName = p.nameMismatch && confirmed.has(p.row);
      if (p.nameMismatch && !confirmedName) continue;
      if (kind === 'update' && mode === 'register' && opts.updates === 'skip' && !confirmedName) continue;
      try {
        const saved =
          p.changes.length || !p.person ? savePerson(store, actor, personInput(p.record, p.person), now, today) : null;
        const personId = saved?.id ?? p.person?.id;
        if (personId === undefined) throw new AppError('INTERNAL');
        if (mode === 'register' && !p.openEnrolment)
          saveEnrolment(store, actor, enrolmentInput(p.record, personId, req.program), now);
      } catch (e) {
        // One bad row undoes the whole import: say which row it was.
        if (e instanceof AppError)
          throw new AppError(e.code, `第 ${p.row} 行：${e.message}；整个文件均未导入`, e.details);
        throw e;
      }
      accepted.add(p.row);
    }
    const trail = createInBulk(store, w, actor, fresh, req.program, now, today, progress);
    for (const p of fresh) accepted.add(p.row);
    const result = report(v, planned, accepted, true);
    const { seq } = w.audit({
      action: 'import.commit',
      entity: 'import',
      entityId: req.fileName,
      after: {
        fileName: req.fileName,
        size: result.size,
        sha256: result.sha256,
        program: req.program,
        mode,
        confirmedNames: planned.filter((p) => p.nameMismatch && confirmed.has(p.row)).length,
        created: result.created,
        updated: result.updates,
        rejected: result.rejected,
        skippedUpdates: result.skippedUpdates,
        // The persons created, proven by the chain: `audit verify` recomputes this from `audit_import_rows`.
        createdRows: trailDigest(trail),
      },
    });
    appendTrail(store.raw, seq, trail);
    return trimmed(result, COMMIT_ROWS_SHOWN);
  });
}

/** Rows (and issues) a commit answer carries at most; the downloaded report has them all. */
export const COMMIT_ROWS_SHOWN = 500;

/**
 * A commit answers with its counts and the first rows with problems, not every
 * row: 50,000 rows with a warning each would be megabytes the window never shows.
 */
export function trimmed(r: ImportReport, shown: number): ImportReport {
  if (r.rows.length <= shown && r.errors.length + r.warningItems.length <= 2 * shown) return r;
  return {
    ...r,
    rows: r.rows.slice(0, shown),
    errors: r.errors.slice(0, shown),
    warningItems: r.warningItems.slice(0, shown),
    rowsOmitted: Math.max(0, r.rows.length - shown),
  };
}

/** The wizard's dry run shows this many rows with problems or updates; the downloaded report has every one. */
export const PREVIEW_ROWS_SHOWN = 2000;
