import { z } from 'zod';
import { parseIsoDate } from '../domain/dates';
import { channel } from './channel';
import { access } from './roles';

const isoDate = z.string().refine((s) => parseIsoDate(s) !== null, { message: '不是有效日期（格式 YYYY-MM-DD）' });

export const auditRowSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  username: z.string(),
  channel: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  hash: z.string(),
});
export type AuditRow = z.infer<typeof auditRowSchema>;

export const auditVerifySchema = z.object({
  ok: z.boolean(),
  count: z.number().int(),
  head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
  firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).nullable(),
});
export type AuditVerifyResult = z.infer<typeof auditVerifySchema>;

const viewers = access.roles('admin', 'head');

export const auditChannels = {
  'audit.list': channel({
    title: '查看操作日志',
    access: viewers,
    input: z
      .object({
        username: z.string().max(32).optional(),
        entity: z.string().max(40).optional(),
        from: isoDate.optional(),
        to: isoDate.optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(5000).default(1000),
      })
      .strict(),
    output: z.object({ rows: z.array(auditRowSchema), total: z.number().int() }),
  }),
  'audit.entities': channel({
    title: '操作日志对象类型',
    access: viewers,
    input: z.object({}).strict(),
    output: z.array(z.object({ entity: z.string(), count: z.number().int() })),
  }),
  'audit.verify': channel({
    title: '校验操作日志',
    access: viewers,
    input: z.object({}).strict(),
    output: auditVerifySchema,
  }),
  'audit.head': channel({
    title: '操作日志链头',
    access: access.signedIn,
    input: z.object({}).strict(),
    output: z.object({ seq: z.number().int(), hash: z.string() }),
  }),
} as const;
