import { z } from 'zod';
import { checkKinds } from '../domain/checks';
import { channel } from './channel';
import { access } from './roles';

export const checkKindSchema = z.enum(checkKinds);
export const checkSeveritySchema = z.enum(['error', 'warning', 'info']);

/** One finding as a row of the 待办预警 page, with where the person lives and any dismissal. */
export const checkRowSchema = z.object({
  kind: checkKindSchema,
  subject: z.string(),
  personId: z.number(),
  enrolmentId: z.number().nullable(),
  name: z.string(),
  message: z.string(),
  severity: checkSeveritySchema,
  township: z.string().nullable(),
  village: z.string().nullable(),
  dismissed: z.object({ reason: z.string(), at: z.string(), by: z.string() }).nullable(),
});
export type CheckRow = z.infer<typeof checkRowSchema>;

/** Open findings per kind (every kind present, zero when none) and in all. */
export const checkCountsSchema = z.object({
  counts: z.record(checkKindSchema, z.number().int()),
  total: z.number().int(),
});
export type CheckCounts = z.infer<typeof checkCountsSchema>;

const staff = access.roles('clerk', 'reviewer', 'head');

export const checkChannels = {
  'check.list': channel({
    title: '待办预警列表',
    access: staff,
    input: z.object({ includeDismissed: z.boolean().default(false) }).strict(),
    output: z.object({
      rows: z.array(checkRowSchema),
      counts: checkCountsSchema.shape.counts,
      total: z.number().int(),
      today: z.string(),
    }),
  }),
  'check.counts': channel({
    title: '待办预警数量',
    access: staff,
    input: z.object({}).strict(),
    output: checkCountsSchema,
  }),
  'check.dismiss': channel({
    title: '忽略预警',
    // The checks page is where township staff clear their list; the head and reviewer may too.
    access: staff,
    input: z
      .object({
        kind: checkKindSchema,
        subject: z.string().trim().min(1).max(80),
        reason: z.string().trim().min(2, { message: '请填写忽略的原因（至少 2 个字）' }).max(200),
      })
      .strict(),
    output: z.object({
      kind: checkKindSchema,
      subject: z.string(),
      reason: z.string(),
      at: z.string(),
      by: z.string(),
    }),
  }),
} as const;
