import { z } from 'zod';
import { exitReasons, reportNames } from '../domain/reports';
import { programs } from '../domain/programs';
import { channel } from './channel';
import { jobInput } from './jobs';
import { access } from './roles';

/**
 * "2026-01..2026-11"; one month is "2026-11..2026-11". Read by the service
 * (parsePeriod), which names the field 统计期 in its refusal.
 */
export const periodSchema = z.string({ message: '应为 YYYY-MM..YYYY-MM' }).max(40);
export const reportNameSchema = z.enum(reportNames, { message: '没有这张报表' });
const township = z.string().max(20).optional();
const scope = { period: periodSchema, township };

const unit = z.enum(['人', '元', '万元', '%', '笔', '']);
export const reportCellSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('count'), value: z.number().int(), drill: z.string().optional() }),
  z.object({ kind: z.literal('money'), fen: z.number().int(), yuan: z.string() }),
  z.object({ kind: z.literal('percent'), text: z.string() }),
  z.object({ kind: z.literal('text'), text: z.string() }),
]);
const periodOut = z.object({ from: z.string(), to: z.string() });
export const reportTableSchema = z.object({
  name: z.string(),
  title: z.string(),
  period: periodOut,
  periodLabel: z.string(),
  unitNote: z.string(),
  columns: z.array(z.object({ key: z.string(), label: z.string(), unit, group: z.string().optional() })),
  rows: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      level: z.union([z.literal(0), z.literal(1)]),
      role: z.enum(['heading', 'total']).optional(),
      unit: unit.optional(),
      cells: z.array(reportCellSchema),
    }),
  ),
  notes: z.array(z.string()),
  emptyReason: z.string().nullable(),
});
/** Who fills the form in and signs it, as its foot prints. */
export const reportHeaderSchema = z.object({
  office: z.string(),
  /** 全县 or the township the report was narrowed to. */
  scope: z.string(),
  preparedBy: z.string(),
  reviewedBy: z.string(),
  head: z.string(),
  date: z.string(),
});
export const reportViewSchema = z.object({ table: reportTableSchema, header: reportHeaderSchema });
export type ReportView = z.infer<typeof reportViewSchema>;

export const drillPersonSchema = z.object({
  enrolmentId: z.number(),
  personId: z.number(),
  name: z.string(),
  idNumber: z.string(),
  program: z.enum(programs),
  township: z.string(),
  village: z.string(),
  from: z.string(),
  until: z.string().nullable(),
  reason: z.enum(exitReasons).nullable(),
});
export type DrillPerson = z.infer<typeof drillPersonSchema>;

export const summarySchema = z.object({
  period: periodOut,
  title: z.string(),
  text: z.string(),
  sentences: z.array(
    z.object({
      text: z.string(),
      refs: z.array(
        z.object({
          table: z.literal('indicators'),
          period: z.string(),
          row: z.string(),
          column: z.string(),
          value: z.number(),
        }),
      ),
    }),
  ),
  header: reportHeaderSchema,
});
export type ReportSummary = z.infer<typeof summarySchema>;

const series = z.array(z.number().int());
export const dashboardSchema = z.object({
  year: z.number().int(),
  months: z.array(z.string()),
  /** Money paid by program and month, this year and last (fen). */
  spending: z.array(z.object({ program: z.enum(programs), thisYear: series, lastYear: series })),
  townships: z.array(z.object({ name: z.string(), persons: z.number().int() })),
  elderTiers: z.array(z.object({ key: z.string(), label: z.string(), persons: z.number().int() })),
  careGrades: z.array(z.object({ key: z.string(), label: z.string(), persons: z.number().int() })),
  openChecks: z.number().int(),
  emptyReason: z.string().nullable(),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

export const exportFormatSchema = z.enum(['xlsx', 'pdf', 'docx']);

const staff = access.roles('clerk', 'reviewer', 'head');

/**
 * 统计报表: aggregates of the data of record, open to clerk, reviewer and head;
 * a drill-down lists people with IDs masked as the caller's register lists are.
 */
export const reportChannels = {
  'report.list': channel({
    title: '报表目录',
    access: staff,
    input: z.object({}).strict(),
    output: z.object({ reports: z.array(z.object({ name: z.string(), title: z.string() })) }),
  }),
  'report.show': channel({
    title: '查看报表',
    access: staff,
    input: z.object({ name: reportNameSchema, ...scope }).strict(),
    output: reportViewSchema,
  }),
  'report.drill': channel({
    title: '查看报表明细人员',
    access: staff,
    input: z.object({ ...scope, drill: z.string().min(1).max(300) }).strict(),
    output: z.object({ people: z.array(drillPersonSchema), idsMasked: z.boolean(), total: z.number().int() }),
  }),
  'report.summary': channel({
    title: '工作总结数据',
    access: staff,
    input: z.object(scope).strict(),
    output: summarySchema,
  }),
  'report.dashboard': channel({
    title: '统计概览',
    access: staff,
    input: z
      .object({
        month: z
          .string()
          .regex(/^\d{4}-\d{2}$/, { message: '格式应为 YYYY-MM' })
          .optional(),
      })
      .strict(),
    output: dashboardSchema,
  }),
  'report.export': channel({
    title: '导出报表',
    access: staff,
    input: z
      .object({
        name: z.union([reportNameSchema, z.literal('summary')]),
        format: exportFormatSchema,
        ...scope,
        ...jobInput,
      })
      .strict(),
    output: z.object({ fileName: z.string(), bytes: z.number().int() }),
    job: { kind: 'report', cancelled: '已取消导出：没有保存文件' },
  }),
} as const;
