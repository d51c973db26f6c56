import type { Month } from '../dates';
import { programs, type Program } from '../programs';
import { defaultPolicy, type Policy } from './policy';

/**
 * The county's policy as stored: the engine's Policy plus the settings that do
 * not change an amount (payment frequency, annual-review month). Each key is
 * stored on its own with an effective month, so a change from a later month
 * never rewrites what applied before it.
 */
export type PaymentFrequency = 'monthly' | 'quarterly' | 'half-yearly';
export type StartTiming = Policy['start'][Program];

export interface CountyPolicy extends Policy {
  paymentFrequency: PaymentFrequency;
  /** The month (1–12) by which every active enrolment has its annual review. */
  annualReviewMonth: number;
}

export const defaultCountyPolicy: CountyPolicy = {
  ...defaultPolicy,
  paymentFrequency: 'monthly',
  annualReviewMonth: 12,
};

/** Start timing is one key per program (`start.elderly`), so one program's change does not restate the others. */
export type StartKey = `start.${Program}`;
export const startKeys = programs.map((p): StartKey => `start.${p}`);

export interface PolicyValues extends Record<StartKey, StartTiming> {
  tierFrom: Policy['tierFrom'];
  elderTiers: Policy['elderTiers'];
  careForGrade34IntellectualMental: boolean;
  livingForDibaoEdge: boolean;
  schoolProofExtension: boolean;
  schoolProofMaxAge: number;
  paymentFrequency: PaymentFrequency;
  annualReviewMonth: number;
}
export type PolicyKey = keyof PolicyValues;

export const policyKeys: readonly PolicyKey[] = [
  ...startKeys,
  'tierFrom',
  'elderTiers',
  'careForGrade34IntellectualMental',
  'livingForDibaoEdge',
  'schoolProofExtension',
  'schoolProofMaxAge',
  'paymentFrequency',
  'annualReviewMonth',
];

export function isPolicyKey(value: string): value is PolicyKey {
  return (policyKeys as readonly string[]).includes(value);
}

/** Chinese names of the keys, for the policy panel, the CLI and refusals. */
export const policyKeyLabels: Record<PolicyKey, string> = {
  'start.disability-living': '生活补贴起始月份',
  'start.disability-care': '护理补贴起始月份',
  'start.orphan': '孤儿保障金起始月份',
  'start.unattended-child': '事实无人抚养儿童保障金起始月份',
  'start.elderly': '高龄津贴起始月份',
  tierFrom: '高龄津贴年龄段起算',
  elderTiers: '高龄津贴年龄段',
  careForGrade34IntellectualMental: '护理补贴扩大到三、四级智力/精神残疾',
  livingForDibaoEdge: '生活补贴扩大到低保边缘家庭',
  schoolProofExtension: '在校学生年满 18 周岁后继续发放',
  schoolProofMaxAge: '在校学生继续发放的最高年龄',
  paymentFrequency: '发放周期',
  annualReviewMonth: '年度复核截止月份',
};

export const startTimingLabels: Record<StartTiming, string> = {
  'application-month': '申请当月',
  'month-after-approval': '审批次月',
};
export const tierFromLabels: Record<Policy['tierFrom'], string> = {
  'month-after-birthday': '满岁次月',
  'birthday-month': '满岁当月',
};
export const paymentFrequencyLabels: Record<PaymentFrequency, string> = {
  monthly: '按月',
  quarterly: '按季',
  'half-yearly': '按半年',
};

/** One stored setting, its value already checked against the key's schema. */
export type PolicySetting = { [K in PolicyKey]: { key: K; value: PolicyValues[K]; fromMonth: Month } }[PolicyKey];

const withStart = (policy: CountyPolicy, program: Program, timing: StartTiming): CountyPolicy => ({
  ...policy,
  start: { ...policy.start, [program]: timing },
});

function withValue(policy: CountyPolicy, s: PolicySetting): CountyPolicy {
  switch (s.key) {
    case 'start.disability-living':
      return withStart(policy, 'disability-living', s.value);
    case 'start.disability-care':
      return withStart(policy, 'disability-care', s.value);
    case 'start.orphan':
      return withStart(policy, 'orphan', s.value);
    case 'start.unattended-child':
      return withStart(policy, 'unattended-child', s.value);
    case 'start.elderly':
      return withStart(policy, 'elderly', s.value);
    case 'tierFrom':
      return { ...policy, tierFrom: s.value };
    case 'elderTiers':
      return { ...policy, elderTiers: s.value };
    case 'careForGrade34IntellectualMental':
      return { ...policy, careForGrade34IntellectualMental: s.value };
    case 'livingForDibaoEdge':
      return { ...policy, livingForDibaoEdge: s.value };
    case 'schoolProofExtension':
      return { ...policy, schoolProofExtension: s.value };
    case 'schoolProofMaxAge':
      return { ...policy, schoolProofMaxAge: s.value };
    case 'paymentFrequency':
      return { ...policy, paymentFrequency: s.value };
    case 'annualReviewMonth':
      return { ...policy, annualReviewMonth: s.value };
  }
}

/** The policy in force in `month`: for each key the latest setting from that month or before, else the default. */
export function policyInForce(
  settings: readonly PolicySetting[],
  month: Month,
  base: CountyPolicy = defaultCountyPolicy,
): CountyPolicy {
  const latest = new Map<PolicyKey, PolicySetting>();
  for (const s of settings) {
    if (s.fromMonth > month) continue;
    const seen = latest.get(s.key);
    if (!seen || s.fromMonth >= seen.fromMonth) latest.set(s.key, s);
  }
  let policy = base;
  for (const s of latest.values()) policy = withValue(policy, s);
  return policy;
}

/** Tiers from their starting ages, keyed the way the default ones are: [80, 90, 100] → 80-89, 90-99, 100+. */
export function tiersFromAges(ages: readonly number[]): Array<{ key: string; minAge: number }> {
  return ages.map((minAge, i) => {
    const next = ages[i + 1];
    return { key: next === undefined ? `${minAge}+` : `${minAge}-${next - 1}`, minAge };
  });
}

/** A setting's value in Chinese for the policy panel and the CLI: 是/否, 申请当月, "80-89（80 岁起）、…". */
export function policyValueText(key: PolicyKey, value: unknown): string {
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (key === 'elderTiers' && Array.isArray(value)) {
    return value
      .map((t: { key?: unknown; minAge?: unknown }) => `${String(t.key)}（${String(t.minAge)} 岁起）`)
      .join('、');
  }
  if (key === 'annualReviewMonth') return `${String(value)} 月`;
  if (key === 'schoolProofMaxAge') return `${String(value)} 周岁`;
  const labels: Record<string, string> = { ...startTimingLabels, ...tierFromLabels, ...paymentFrequencyLabels };
  return typeof value === 'string' ? (labels[value] ?? value) : JSON.stringify(value);
}
