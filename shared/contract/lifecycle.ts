import { z } from 'zod';
import { parseIsoDate, parseMonth } from '../domain/dates';
import { transitions } from '../domain/lifecycle';
import { channel } from './channel';
import { jobInput } from './jobs';
import { enrolmentSchema, programSchema } from './registers';
import { access } from './roles';

const isoDate = z.string().refine((s) => parseIsoDate(s) !== null, { message: '不是有效日期（格式 YYYY-MM-DD）' });
const month = z.string().refine((s) => parseMonth(s) !== null, { message: '不是有效月份（格式 YYYY-MM）' });
const actions = Object.keys(transitions) as [keyof typeof transitions, ...Array<keyof typeof transitions>];

export const lifecycleChannels = {
  'enrolment.transition': channel({
    title: '办理待遇流程',
    // Which role may take which step is checked per step in the service.
    access: access.roles('clerk', 'reviewer', 'head'),
    input: z
      .object({
        id: z.number().int().positive(),
        action: z.enum(actions),
        date: isoDate,
        effectiveMonth: month.optional(),
        reason: z.string().trim().min(1).max(200).optional(),
        publicityFrom: isoDate.optional(),
      })
      .strict(),
    output: enrolmentSchema,
  }),
  'enrolment.bulkTransition': channel({
    title: '批量办理待遇流程',
    access: access.roles('clerk', 'reviewer', 'head'),
    job: { kind: 'bulk', cancelled: '已取消批量办理：没有办理任何一条' },
    input: z
      .object({
        ...jobInput,
        /** The grid's selection by enrolment id, or the CLI's list of ID numbers with the program. */
        ids: z.array(z.number().int().positive()).max(20_000).optional(),
        idNumbers: z.array(z.string().max(40)).max(20_000).optional(),
        program: programSchema.optional(),
        action: z.enum(actions),
        date: isoDate,
        effectiveMonth: month.optional(),
        reason: z.string().trim().min(1).max(200).optional(),
        publicityFrom: isoDate.optional(),
      })
      .strict()
      .superRefine((v, ctx) => {
        if (!v.ids?.length && !v.idNumbers?.length)
          ctx.addIssue({ code: 'custom', path: ['ids'], message: '请至少选择一条记录' });
        if (v.idNumbers?.length && !v.program)
          ctx.addIssue({ code: 'custom', path: ['program'], message: '按身份证号办理时须指定项目' });
      }),
    output: z.object({
      applied: z.number().int(),
      refused: z.number().int(),
      /** One per row asked for, in the order asked; refused rows say why. */
      results: z.array(
        z.object({
          /** 1-based position in the selection or the file. */
          row: z.number().int(),
          enrolmentId: z.number().nullable(),
          idNumber: z.string().nullable(),
          name: z.string().nullable(),
          ok: z.boolean(),
          code: z.string().nullable(),
          message: z.string().nullable(),
        }),
      ),
    }),
  }),
  'person.recordDeath': channel({
    title: '登记死亡',
    access: access.roles('clerk'),
    input: z
      .object({
        idNumber: z.string().max(40),
        date: isoDate,
        source: z.string().trim().min(1).max(40).default('经办人登记'),
      })
      .strict(),
    output: z.object({
      personId: z.number(),
      name: z.string(),
      deathDate: z.string(),
      closed: z.array(
        z.object({
          enrolmentId: z.number(),
          program: z.string(),
          action: z.enum(['stop', 'reject']),
          effectiveMonth: z.string(),
        }),
      ),
      recoveryCandidates: z.array(
        z.object({ enrolmentId: z.number(), month: z.string(), amountFen: z.number().int() }),
      ),
    }),
  }),
  'deaths.import': channel({
    title: '导入死亡名单',
    access: access.roles('clerk'),
    input: z.object({ fileName: z.string().max(255), contentBase64: z.string().max(14_000_000) }).strict(),
    output: z.object({
      matched: z.array(
        z.object({
          row: z.number(),
          personId: z.number(),
          name: z.string(),
          nameInFile: z.string(),
          deathDate: z.string(),
          closed: z.array(
            z.object({ enrolmentId: z.number(), program: z.string(), action: z.string(), effectiveMonth: z.string() }),
          ),
        }),
      ),
      unmatched: z.array(z.object({ row: z.number(), idNumber: z.string(), name: z.string() })),
      rejected: z.array(z.object({ row: z.number(), message: z.string() })),
    }),
  }),
  'publicity.list': channel({
    title: '公示名单',
    access: access.roles('clerk', 'reviewer', 'head'),
    input: z.object({ enrolmentIds: z.array(z.number().int().positive()).min(1).max(2000) }).strict(),
    output: z.object({
      countyName: z.string(),
      officeName: z.string(),
      printedOn: z.string(),
      rows: z.array(
        z.object({
          enrolmentId: z.number(),
          name: z.string(),
          idMasked: z.string(),
          township: z.string().nullable(),
          village: z.string().nullable(),
          program: z.string(),
          amountFen: z.number().nullable(),
          from: z.string().nullable(),
          to: z.string().nullable(),
        }),
      ),
    }),
  }),
} as const;
