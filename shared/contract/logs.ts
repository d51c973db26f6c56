import { z } from 'zod';
import { channel } from './channel';
import { access } from './roles';

/** What the support log records (never personal data): see electron/services/log/logger.ts. */
export const logEvents = [
  'internal',
  'backup.failed',
  'backup.done',
  'job.failed',
  'service.crashed',
  'window.failed',
  'print.failed',
  'anchor.failed',
] as const;
export type LogEvent = (typeof logEvents)[number];

export const logEventLabels: Record<LogEvent, string> = {
  internal: '程序内部错误',
  'backup.failed': '自动备份失败',
  'backup.done': '自动备份完成',
  'job.failed': '任务失败',
  'service.crashed': '后台服务意外退出（已自动重启）',
  'window.failed': '窗口加载失败',
  'print.failed': '打印失败',
  'anchor.failed': '审计锚点写入失败',
};

export const logLevelLabels = { error: '错误', warn: '警告', info: '信息' } as const;

export const logEntrySchema = z.object({
  time: z.string(),
  level: z.enum(['error', 'warn', 'info']),
  event: z.enum(logEvents),
  channel: z.string().optional(),
  code: z.string().optional(),
  detail: z.string(),
});
export type LogEntry = z.infer<typeof logEntrySchema>;

const admin = access.roles('admin');

export const logChannels = {
  'log.recent': channel({
    title: '查看运行日志',
    access: admin,
    input: z.object({ limit: z.number().int().min(1).max(1000).default(200) }).strict(),
    output: z.array(logEntrySchema),
  }),
  'log.save': channel({
    title: '导出运行日志',
    access: admin,
    input: z.object({}).strict(),
    output: z.object({ fileName: z.string(), bytes: z.number().int() }),
  }),
} as const;
