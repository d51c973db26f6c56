import { z } from 'zod';
import { parseMonth } from '../domain/dates';
import { entitlementCodes } from '../domain/entitlement/engine';
import {
  isPolicyKey,
  policyKeyLabels,
  policyKeys,
  type PolicyKey,
  type PolicyValues,
  type StartKey,
} from '../domain/entitlement/policy-settings';
import { programs } from '../domain/programs';
import { channel } from './channel';
import { access } from './roles';

const month = z.string().refine((s) => parseMonth(s) !== null, { message: '不是有效月份（格式 YYYY-MM）' });
const program = z.enum(programs, { message: `项目只能是 ${programs.join('、')}` });

const startTiming = z.enum(['application-month', 'month-after-approval'], {
  message: '应为 application-month（申请当月）或 month-after-approval（审批次月）',
});
const flag = z.boolean({ message: '应为 true（是）或 false（否）' });

const elderTiers = z
  .array(
    z
      .object({
        key: z
          .string()
          .trim()
          .min(1)
          .max(10)
          .regex(/^[0-9A-Za-z+-]+$/, { message: '年龄段代码只能含数字、字母、+ 和 -，如 80-89' }),
        minAge: z
          .number({ message: '起始年龄应为数字' })
          .int({ message: '起始年龄应为整数' })
          .min(60, { message: '起始年龄不能低于 60 岁' })
          .max(120, { message: '起始年龄不能高于 120 岁' }),
      })
      .strict(),
    { message: '年龄段应为列表，如 [{"key":"80-89","minAge":80}]' },
  )
  .min(1, { message: '至少需要一个年龄段' })
  .max(8, { message: '年龄段不能超过 8 个' })
  .superRefine((tiers, ctx) => {
    for (let i = 1; i < tiers.length; i++) {
      const prev = tiers[i - 1];
      const t = tiers[i];
      if (prev && t && t.minAge <= prev.minAge)
        ctx.addIssue({ code: 'custom', message: '年龄段须按起始年龄从低到高排列，且不能重复' });
    }
    if (new Set(tiers.map((t) => t.key)).size !== tiers.length)
      ctx.addIssue({ code: 'custom', message: '年龄段代码不能重复' });
  });

const startSchemas = {
  'start.disability-living': startTiming,
  'start.disability-care': startTiming,
  'start.orphan': startTiming,
  'start.unattended-child': startTiming,
  'start.elderly': startTiming,
} satisfies Record<StartKey, typeof startTiming>;

/** The value each policy key accepts, with Chinese messages; the service parses with the same schemas. */
export const policyValueSchemas: { [K in PolicyKey]: z.ZodType<PolicyValues[K], unknown> } = {
  ...startSchemas,
  tierFrom: z.enum(['month-after-birthday', 'birthday-month'], {
    message: '应为 month-after-birthday（满岁次月）或 birthday-month（满岁当月）',
  }),
  elderTiers,
  careForGrade34IntellectualMental: flag,
  livingForDibaoEdge: flag,
  schoolProofExtension: flag,
  schoolProofMaxAge: z
    .number({ message: '应为数字' })
    .int({ message: '应为整数' })
    .min(18, { message: '不能小于 18 岁' })
    .max(30, { message: '不能大于 30 岁' }),
  paymentFrequency: z.enum(['monthly', 'quarterly', 'half-yearly'], {
    message: '应为 monthly（按月）、quarterly（按季）或 half-yearly（按半年）',
  }),
  annualReviewMonth: z
    .number({ message: '应为数字' })
    .int({ message: '应为 1–12 的整数' })
    .min(1, { message: '应为 1–12 的整数' })
    .max(12, { message: '应为 1–12 的整数' }),
};

const policyKey = z.custom<PolicyKey>((v) => typeof v === 'string' && isPolicyKey(v), {
  message: `政策项目只能是 ${policyKeys.join('、')}`,
});

export const countyPolicySchema = z.object({
  start: z.object({
    'disability-living': startTiming,
    'disability-care': startTiming,
    orphan: startTiming,
    'unattended-child': startTiming,
    elderly: startTiming,
  }),
  tierFrom: policyValueSchemas.tierFrom,
  elderTiers: z.array(z.object({ key: z.string(), minAge: z.number() })).readonly(),
  careForGrade34IntellectualMental: z.boolean(),
  livingForDibaoEdge: z.boolean(),
  schoolProofExtension: z.boolean(),
  schoolProofMaxAge: z.number(),
  paymentFrequency: policyValueSchemas.paymentFrequency,
  annualReviewMonth: z.number(),
});

export const standardSchema = z.object({
  id: z.number(),
  program,
  category: z.string(),
  fromMonth: z.string(),
  amountFen: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type Standard = z.infer<typeof standardSchema>;

export const policySettingRowSchema = z.object({
  id: z.number(),
  key: z.string(),
  /** The stored JSON value, already parsed. */
  value: z.unknown(),
  fromMonth: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type PolicySettingRow = z.infer<typeof policySettingRowSchema>;

export const entitlementResultSchema = z.object({
  enrolmentId: z.number(),
  month: z.string(),
  amountFen: z.number().int(),
  code: z.enum(entitlementCodes),
  reason: z.string(),
  category: z.string().nullable(),
  standardFromMonth: z.string().nullable(),
});
export type EntitlementResult = z.infer<typeof entitlementResultSchema>;

const headOrAdmin = access.roles('head', 'admin');

export const standardsChannels = {
  'standard.list': channel({
    title: '补贴标准列表',
    access: access.roles('clerk', 'reviewer', 'head', 'admin'),
    input: z.object({}).strict(),
    output: z.array(standardSchema),
  }),
  'standard.set': channel({
    title: '设置补贴标准',
    access: headOrAdmin,
    input: z
      .object({
        program,
        category: z.string().trim().min(1).max(20),
        fromMonth: month,
        amountFen: z
          .number({ message: '应为金额（分）' })
          .int({ message: '金额应为整数分' })
          .min(0, { message: '金额不能为负数' })
          .max(10_000_000, { message: '金额不能超过 10 万元/月' }),
      })
      .strict(),
    output: standardSchema.extend({ retroactive: z.boolean(), replaced: z.number().int().nullable() }),
  }),
  'policy.get': channel({
    title: '查看政策设置',
    access: access.signedIn,
    input: z.object({ month: month.optional() }).strict(),
    output: z.object({ month: z.string(), policy: countyPolicySchema, settings: z.array(policySettingRowSchema) }),
  }),
  'policy.set': channel({
    title: '修改政策设置',
    access: headOrAdmin,
    input: z
      .object({ key: policyKey, value: z.unknown(), fromMonth: month })
      .strict()
      .superRefine((v, ctx) => {
        // The key itself may have failed its check; its own message then says so. The message names
        // the setting in Chinese, since a value's path (`value`, `0.minAge`) means nothing to a clerk.
        if (!isPolicyKey(v.key)) return;
        const r = policyValueSchemas[v.key].safeParse(v.value);
        if (!r.success)
          for (const issue of r.error.issues.slice(0, 3))
            ctx.addIssue({ code: 'custom', message: `${policyKeyLabels[v.key]}：${issue.message}` });
      }),
    output: policySettingRowSchema,
  }),
  'entitlement.get': channel({
    title: '计算应发金额',
    access: access.roles('clerk', 'reviewer', 'head'),
    input: z.object({ enrolmentId: z.number().int().positive(), month }).strict(),
    output: entitlementResultSchema,
  }),
} as const;
