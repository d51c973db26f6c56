import { z } from 'zod';
import { fieldIssueCodes } from '../domain/issues';
import { registerFields } from '../domain/import/fields';
import { channel } from './channel';
import { jobInput } from './jobs';
import { programSchema } from './registers';
import { access } from './roles';
import { uploadIdSchema } from './uploads';

/** Base64 of the largest file the size setting allows (200 MB). The service enforces the configured limit. */
const MAX_BASE64 = 280_000_000;

export const importFieldSchema = z.enum(
  registerFields as [(typeof registerFields)[number], ...(typeof registerFields)[number][]],
);
/** Header text → field, or null to ignore that column. */
export const columnMappingSchema = z.record(z.string().max(100), importFieldSchema.nullable());
export type ColumnMappingInput = z.infer<typeof columnMappingSchema>;

const fileInput = {
  fileName: z.string().trim().min(1).max(255),
  /** The whole file as base64 (the CLI, tests), or… */
  contentBase64: z.string().max(MAX_BASE64).optional(),
  /** …a file sent in chunks with `upload.*` (the wizard): exactly one of the two. */
  uploadId: uploadIdSchema.optional(),
  /**
   * The spreadsheet row (1-based) the user picked as the header when none was
   * recognised: read as a one-row header whatever its words; unknown columns wait for the mapping.
   */
  headerRow: z.number().int().min(1).max(1_000_000).optional(),
  program: programSchema,
  mapping: columnMappingSchema.default({}),
  /**
   * `register` files applications for new people (and, if asked, updates known ones);
   * `details` (人员信息更新) only updates people already registered and files nothing.
   */
  mode: z.enum(['register', 'details']).default('register'),
};

/** Exactly one source of bytes, with the reason in Chinese naming the field. */
function oneSource(v: { contentBase64?: string | undefined; uploadId?: string | undefined }, ctx: z.RefinementCtx) {
  if (v.contentBase64 === undefined && v.uploadId === undefined)
    ctx.addIssue({ code: 'custom', path: ['uploadId'], message: '请提供文件：上传编号或文件内容须有其一' });
  else if (v.contentBase64 !== undefined && v.uploadId !== undefined)
    ctx.addIssue({ code: 'custom', path: ['uploadId'], message: '上传编号和文件内容只能提供一个' });
}

export const importIssueSchema = z.object({
  row: z.number().int(),
  field: z.string(),
  code: z.enum(fieldIssueCodes),
  message: z.string(),
});
export type ImportIssue = z.infer<typeof importIssueSchema>;

export const importRowKinds = ['new', 'update', 'same', 'rejected'] as const;
export const importRowKindLabels: Record<(typeof importRowKinds)[number], string> = {
  new: '新增',
  update: '更新',
  same: '无变化',
  rejected: '拒绝',
};

/** A row worth showing: rejected, warned, or an update of someone already in the register. */
export const importRowSchema = z.object({
  row: z.number().int(),
  kind: z.enum(importRowKinds),
  name: z.string(),
  idNumber: z.string(),
  personId: z.number().nullable(),
  /** For updates: what the file would change, in Chinese labels. */
  changes: z.array(
    z.object({ field: z.string(), label: z.string(), before: z.string().nullable(), after: z.string().nullable() }),
  ),
  /** The file's name differs from the register's for this ID (疑似不同人员): updated only when its row is confirmed. */
  nameMismatch: z.boolean(),
  /** Whether the program's enrolment is created by this row or already exists. */
  enrolment: z.enum(['new', 'exists']).nullable(),
  errors: z.array(importIssueSchema),
  warnings: z.array(importIssueSchema),
});
export type ImportRow = z.infer<typeof importRowSchema>;

export const importReportSchema = z.object({
  fileName: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  format: z.enum(['xlsx', 'xls', 'csv']),
  encoding: z.string().nullable(),
  sheetName: z.string(),
  program: programSchema,
  mode: z.enum(['register', 'details']),
  headerRows: z.array(z.number().int()),
  columns: z.array(z.object({ index: z.number().int(), header: z.string(), field: importFieldSchema.nullable() })),
  /** Data rows read (blank and total rows not counted). */
  total: z.number().int(),
  /** Rows that are (or, in a dry run, would be) imported: new people and accepted updates. */
  accepted: z.number().int(),
  rejected: z.number().int(),
  /** Rows with at least one warning (still accepted). */
  warnings: z.number().int(),
  created: z.number().int(),
  updates: z.number().int(),
  skippedUpdates: z.number().int(),
  unchanged: z.number().int(),
  skippedRows: z.object({ blank: z.number().int(), total: z.number().int() }),
  committed: z.boolean(),
  /** Every error of every rejected row. */
  errors: z.array(importIssueSchema),
  warningItems: z.array(importIssueSchema),
  rows: z.array(importRowSchema),
  /** A commit shows the first rows with problems; this many more are only in the downloaded report. */
  rowsOmitted: z.number().int().optional(),
});
export type ImportReport = z.infer<typeof importReportSchema>;

const staff = access.roles('clerk', 'reviewer', 'head');

export const importChannels = {
  'import.preview': channel({
    title: '导入校验（不写入）',
    access: staff,
    input: z.object(fileInput).strict().superRefine(oneSource),
    output: importReportSchema,
  }),
  'import.commit': channel({
    title: '导入台账',
    access: staff,
    job: { kind: 'import', cancelled: '已取消导入：没有写入任何数据' },
    input: z
      .object({
        ...fileInput,
        ...jobInput,
        /** Updates of people already in the register: all accepted, or all skipped (default). */
        updates: z.enum(['accept', 'skip']).default('skip'),
        /** Rows the user chose to skip even though they passed. */
        skipRows: z.array(z.number().int().positive()).max(200_000).default([]),
        /** Rows flagged 疑似不同人员 that the user confirmed are the registered person: only these are updated. */
        confirmRows: z.array(z.number().int().positive()).max(200_000).default([]),
      })
      .strict()
      .superRefine(oneSource),
    output: importReportSchema,
  }),
  'import.exportReport': channel({
    title: '导出导入校验报告',
    access: staff,
    input: z.object(fileInput).strict().superRefine(oneSource),
    output: z.object({ fileName: z.string(), rows: z.number().int() }),
  }),
  'import.mapping': channel({
    title: '读取导入列对应',
    access: staff,
    input: z.object({}).strict(),
    output: z.object({ mapping: columnMappingSchema }),
  }),
  'import.saveMapping': channel({
    title: '保存导入列对应',
    access: staff,
    input: z.object({ mapping: columnMappingSchema }).strict(),
    output: z.object({ mapping: columnMappingSchema }),
  }),
} as const;
