import { z } from 'zod';
import { channel } from './channel';
import { access } from './roles';

/**
 * Long work (imports, payout generation, bank files, PDFs, backups, reports,
 * packages) runs as a job: the caller may name it with an id of its own making,
 * progress comes back as `job` events on the one event channel, and `job.cancel`
 * stops it between chunks with nothing half done.
 */
export const jobKinds = [
  'import',
  'payout',
  'bankFile',
  'print',
  'backup',
  'restore',
  'report',
  'package',
  'documents',
  'bulk',
] as const;
export type JobKind = (typeof jobKinds)[number];
export const jobKindSchema = z.enum(jobKinds);

export const jobKindLabels: Record<JobKind, string> = {
  import: '导入',
  payout: '生成发放批次',
  bankFile: '导出银行文件',
  print: '生成 PDF',
  backup: '备份',
  restore: '恢复',
  report: '导出报表',
  package: '上报数据包',
  documents: '批量打印文书',
  bulk: '批量办理',
};

export const jobIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { message: '任务编号格式不正确' });

/** Spread into the input of every job channel: the caller's own id for the job, to follow and cancel it. */
export const jobInput = { jobId: jobIdSchema.optional() };

export const jobStates = ['running', 'done', 'failed', 'cancelled'] as const;
export type JobState = (typeof jobStates)[number];

export const jobInfoSchema = z.object({
  jobId: z.string(),
  kind: jobKindSchema,
  title: z.string(),
  state: z.enum(jobStates),
  done: z.number(),
  total: z.number(),
  /** What the job is doing now, in Chinese (读取文件, 校验, 写入数据库 …). */
  phase: z.string(),
  /** Seconds left, estimated once a second of work has passed; null before. */
  etaSeconds: z.number().nullable(),
  /** For cancelled and failed jobs: what happened and what was kept. */
  message: z.string().optional(),
});
export type JobInfo = z.infer<typeof jobInfoSchema>;

export const jobChannels = {
  'job.cancel': channel({
    title: '取消任务',
    access: access.signedIn,
    input: z.object({ jobId: jobIdSchema }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  }),
  'job.list': channel({
    title: '进行中的任务',
    access: access.signedIn,
    input: z.object({}).strict(),
    output: z.array(jobInfoSchema),
  }),
} as const;
